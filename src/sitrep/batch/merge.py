"""Cross-document merging over a batch output: the knowledge base's rules, blocked for scale.

The knowledge base merges one document at a time against everything stored
(:mod:`sitrep.kb.merge`).  Over millions of documents that is a join of
everything with everything, so here the reports are first *blocked* on a key
that any two mergeable reports share, and the rules then run inside each
block, in memory, with the same predicates as the knowledge base
(:func:`sitrep.kb.merge.match_score`, :func:`~sitrep.kb.merge.places_agree`,
:func:`~sitrep.kb.merge.norm`).  Spark groups by the key
(:mod:`sitrep.batch.spark`); the local engine groups with a dict.  Both call
the functions below with the same rows, so they give the same merged tables.

Blocks:

- actors: the registry id; else, for kinds merged by name, the kind and the
  normalised name (inside a block, one actor per country; an actor without a
  country joins the block's most common country); other actors (collectives,
  unnamed sources) are never merged;
- events: the type, the country of the place and the month in which the date
  starts (dates vaguer than :data:`~sitrep.kb.merge.MAX_MERGE_SPAN_DAYS` are
  never merged, as in the knowledge base).

What blocking gives up, against the knowledge base: two reports of one event
whose dates start in different months (a week across a month's end), and a
report without a place against one with a place, are not compared.  Actors
are merged by name, not by every alias (no transitive alias chains).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Callable, Iterable, Iterator

from ..kb.merge import (
    MAX_MERGE_SPAN_DAYS,
    NAME_MERGED_KINDS,
    RECIPROCAL_TYPES,
    best_location,
    match_score,
    merged_status,
    norm,
)
from ..model import date_interval

Row = dict[str, Any]
Tagged = tuple[str, Row]
# A merged actor keeps at most this many spellings (the most frequent actors are named thousands of ways).
MAX_ALIASES = 100


# ------------------------------------------------------------------ actors
def actor_key(row: Row) -> str:
    """The block of a document's actor (a string, so that Spark can shuffle on it)."""
    if row.get("registry_id"):
        return f"R|{row['registry_id']}"
    key = norm(row.get("name") or "")
    if row.get("kind") in NAME_MERGED_KINDS and key:
        return f"N|{row['kind']}|{key}"
    return f"D|{row['doc_id']}|{row['id']}"


def merge_actor_block(key: str, rows: Iterable[Row]) -> Iterator[Tagged]:
    """Merged actors (``actors``) and each document actor's link to one (``actor_links``)."""
    rows = sorted(rows, key=lambda r: (r["doc_id"], r["id"]))
    if key.startswith("N|"):
        countries = Counter(r["country"] for r in rows if r.get("country"))
        home = min(countries, key=lambda c: (-countries[c], c)) if countries else None
        clusters: dict[str | None, list[Row]] = {}
        for r in rows:
            clusters.setdefault(r.get("country") or home, []).append(r)
        for country, members in sorted(clusters.items(), key=lambda kv: kv[0] or ""):
            yield from _merged_actor(f"{key}|{country or ''}", members)
    else:
        yield from _merged_actor(key, rows)


def _merged_actor(actor_id: str, rows: list[Row]) -> Iterator[Tagged]:
    names = Counter(r["name"] for r in rows)
    spellings = {n for r in rows for n in [r["name"], *(r.get("aliases") or [])] if n}
    countries = Counter(r["country"] for r in rows if r.get("country"))
    yield "actors", {
        "actor_id": actor_id, "name": min(names, key=lambda n: (-names[n], n)), "kind": rows[0]["kind"],
        "country": min(countries, key=lambda c: (-countries[c], c)) if countries else None,
        "registry_id": rows[0].get("registry_id"),
        "wikidata": min((r["wikidata"] for r in rows if r.get("wikidata")), default=None),
        "aliases": sorted(spellings)[:MAX_ALIASES], "n_documents": len({r["doc_id"] for r in rows}),
        "n_mentions": sum(len(r.get("mentions") or []) for r in rows)}
    for r in rows:
        yield "actor_links", {"doc_id": r["doc_id"], "local_id": r["id"], "actor_id": actor_id}


# ------------------------------------------------------------------ events
def event_key(row: Row) -> str:
    """The block of an event report; a report that is never merged gets a block of its own."""
    span = date_interval(row.get("date"))
    if span is not None and (span[1] - span[0]).days <= MAX_MERGE_SPAN_DAYS:
        country = (row.get("location") or {}).get("country") or ""
        return f"B|{row['type']}|{country}|{span[0]:%Y-%m}"
    return f"S|{row['doc_id']}|{row['id']}"


class _Occurrence:
    """A merged event while its block is merged: its reports and what they say together."""

    __slots__ = ("_narrowest", "actors", "docs", "end", "location", "reports", "start", "targets")

    def __init__(self, report: Row, span: tuple[dt.date, dt.date] | None):
        self.reports: list[Row] = []
        self.docs: set[str] = set()
        self.actors: set[str] = set()
        self.targets: set[str] = set()
        self.start: dt.date | None = None
        self.end: dt.date | None = None
        self.location: Row | None = None
        self._narrowest: tuple[dt.timedelta, dt.date] | None = None
        self.add(report, span)

    def add(self, r: Row, span: tuple[dt.date, dt.date] | None) -> None:
        """Take a report in: kept incrementally, the same as the knowledge base's
        :func:`~sitrep.kb.merge.best_report` and :func:`~sitrep.kb.merge.best_location` over all reports."""
        self.reports.append(r)
        self.docs.add(r["doc_id"])
        self.actors |= set(r.get("actors") or [])
        self.targets |= set(r.get("targets") or [])
        if span is not None and (self._narrowest is None or (span[1] - span[0], span[0]) < self._narrowest):
            self._narrowest = (span[1] - span[0], span[0])
            self.start, self.end = span
        loc = r.get("location")
        if loc and (self.location is None or best_location([self.location, loc]) is not self.location):
            self.location = loc

    def score(self, r: Row, span: tuple[dt.date, dt.date], actors: set[str], targets: set[str]) -> int:
        if r["doc_id"] in self.docs or self.start is None or self.end is None:
            return 0  # within a document the extractor has told occurrences apart already
        if not (self.start <= span[1] and self.end >= span[0]):
            return 0
        return match_score(r.get("location"), actors, targets, self.location, self.actors, self.targets,
                           reciprocal=r.get("type") in RECIPROCAL_TYPES)


def merge_event_block(key: str, rows: Iterable[Row]) -> Iterator[Tagged]:
    """Merged events (``events``) and which report went where (``event_reports``).

    Reports are taken in the order of publication, as an ingest in date order would, and each joins the
    occurrence it fits best (:func:`sitrep.kb.merge.match_score`) or starts one."""
    rows = sorted(rows, key=lambda r: (r.get("published") or "", r["doc_id"], r["id"]))
    occurrences: list[_Occurrence] = []
    # Occurrences by each day of their dates: a report is compared only with those whose dates overlap its
    # own, not with the whole block (a month of strikes in one country can be tens of thousands).
    by_day: dict[dt.date, list[int]] = {}
    for r in rows:
        span = date_interval(r.get("date"))
        best, best_score = None, 0
        if key.startswith("B|") and span is not None:
            near = sorted({i for day in _days(span) for i in by_day.get(day, ())})  # in order of creation
            actors, targets = set(r.get("actors") or []), set(r.get("targets") or [])
            for i in near:
                s = occurrences[i].score(r, span, actors, targets)
                if s > best_score:
                    best, best_score = i, s
        if best is None:
            occurrences.append(_Occurrence(r, span))
            if key.startswith("B|"):  # a block of its own needs no index (and its dates can span years)
                _index(by_day, len(occurrences) - 1, None, (occurrences[-1].start, occurrences[-1].end))
        else:
            occ = occurrences[best]
            before = (occ.start, occ.end)
            occ.add(r, span)
            _index(by_day, best, before, (occ.start, occ.end))
    for occ in occurrences:
        yield from _merged_event(occ)


def _days(span: tuple[dt.date, dt.date]) -> Iterator[dt.date]:
    for k in range((span[1] - span[0]).days + 1):
        yield span[0] + dt.timedelta(days=k)


def _index(by_day: dict[dt.date, list[int]], i: int, before: tuple | None, after: tuple) -> None:
    """Keep occurrence ``i`` under the days of its dates (which narrow as reports come in)."""
    if before == after:
        return
    if before is not None and before[0] is not None:
        for day in _days(before):
            by_day[day].remove(i)
    if after[0] is not None:
        for day in _days(after):
            by_day.setdefault(day, []).append(i)


def _merged_event(occ: _Occurrence) -> Iterator[Tagged]:
    first = occ.reports[0]
    event_id = f"{first['doc_id']}#{first['id']}"
    loc = occ.location or {}

    def figures(name: str) -> list[int]:
        return [r[name] for r in occ.reports if r.get(name) is not None]

    fat, inj = figures("fatalities"), figures("injuries")
    yield "events", {
        "event_id": event_id, "type": first["type"],
        "date_start": occ.start.isoformat() if occ.start else None,
        "date_end": occ.end.isoformat() if occ.end else None,
        "country": loc.get("country"), "place": loc.get("name"), "place_kind": loc.get("kind"),
        "geonameid": loc.get("geonameid"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "fatalities_min": min(fat, default=None), "fatalities_max": max(fat, default=None),
        "injuries_min": min(inj, default=None), "injuries_max": max(inj, default=None),
        "status": merged_status({r.get("status") or "reported" for r in occ.reports}),
        "mode": next((r["mode"] for r in occ.reports if r.get("mode")), None),
        "actors": sorted(occ.actors), "targets": sorted(occ.targets), "n_sources": len(occ.docs)}
    for r in occ.reports:
        yield "event_reports", {"event_id": event_id, "doc_id": r["doc_id"], "local_id": r["id"]}


# ------------------------------------------------------------------ in memory
def merge_blocks(rows: Iterable[Row], key: Callable[[Row], str],
                 merge_block: Callable[[str, list[Row]], Iterable[Tagged]]) -> Iterator[Tagged]:
    """Group rows by block key and merge each block: the local engine's version of Spark's groupByKey."""
    blocks: dict[str, list[Row]] = {}
    for row in rows:
        blocks.setdefault(key(row), []).append(row)
    for k in sorted(blocks):
        yield from merge_block(k, blocks[k])


# ------------------------------------------------------------------ relations
def relation_rows(links: dict[tuple[str, str], str], relations: Iterable[Row]) -> Iterator[Tagged]:
    """Relations between merged actors, with how many documents state each (the local engine's version
    of the Spark join in :func:`sitrep.batch.spark.merge`)."""
    docs: dict[tuple[str, str, str], set[str]] = {}
    reports: Counter[tuple[str, str, str]] = Counter()
    for r in relations:
        s, o = links.get((r["doc_id"], r["subject"])), links.get((r["doc_id"], r["object"]))
        if s is None or o is None or s == o:
            continue
        k = (s, r["type"], o)
        docs.setdefault(k, set()).add(r["doc_id"])
        reports[k] += 1
    for (s, t, o), ds in sorted(docs.items()):
        yield "relations", {"subject": s, "type": t, "object": o, "n_documents": len(ds),
                            "n_reports": reports[(s, t, o)]}


def with_merged_participants(event: Row, links: dict[tuple[str, str], str], published: str | None) -> Row:
    """An event row with its actors and targets as merged actor ids, and its document's date."""
    def ids(local: list[str] | None) -> list[str]:
        return sorted({links[(event["doc_id"], a)] for a in local or [] if (event["doc_id"], a) in links})

    return {**event, "actors": ids(event.get("actors")), "targets": ids(event.get("targets")), "published": published}
