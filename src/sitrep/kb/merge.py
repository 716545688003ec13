"""Cross-document merging: one actor per real actor, one event per real occurrence, one quote per quote.

The rules (each a test in tests/kb/test_merge.py):

- actors: the same registry id is the same actor; otherwise the same
  normalised name or alias within one kind and a compatible country;
- events: two reports are one occurrence when their types are equal, their
  dates overlap within the precision each gives (dates vaguer than a month
  are not merged), their places agree (the
  same place, or one inside the other: a town inside a country), and their
  participants are compatible (no side names two different sets) with at
  least one participant or the place in common; for the reciprocal types
  (AGREE, CONSULT, COOPERATE: "Israel and Hamas agreed", told with either
  side as the actor) the participants are compared whatever their role;
- quotes: the same speaker (or none) and most of the words in common;
- relations: the same subject, type and object.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterable

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from .schema import Actor, ActorAlias, Event, EventReport, Participant, Quote

# Reports dated less precisely than this (days: a month) are not merged across documents.
MAX_MERGE_SPAN_DAYS = 31
# Share of words two reports of a quote must have in common (of the shorter one).
QUOTE_OVERLAP = 0.8
# Kinds whose actors are merged by name across documents; collectives ("protesters") and unnamed
# sources ("a security official") of different articles are different people, so never.
NAME_MERGED_KINDS = {"person", "state", "organization", "armed_group", "party", "coalition", "media",
                     "international_org"}
# Event types whose sides are partners, not doer and sufferer: one source's actor is another's target.
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})


@lru_cache(maxsize=65536)  # called for every candidate pair in a merge; names repeat
def norm(name: str) -> str:
    """Fold case, accents, apostrophes and punctuation: 'Kata’ib Hezbollah' -> 'kataib hezbollah'."""
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[\u2018\u2019\u02bc'`\u00b4]", "", s)
    s = re.sub(r"[^\w\s]|_", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def canonical(session: Session, actor_id: int) -> int:
    """Follow reversible merges to the actor that stands for this one now."""
    seen = set()
    while actor_id not in seen:
        seen.add(actor_id)
        nxt = session.get(Actor, actor_id)
        if nxt is None or nxt.merged_into_id is None:
            return actor_id
        actor_id = nxt.merged_into_id
    return actor_id


# ---------------------------------------------------------------- actors
def resolve_actor(session: Session, record: dict[str, Any]) -> tuple[int, str]:
    """The knowledge-base actor for a document's actor record; created if new. Returns (id, how)."""
    rid = record.get("registry_id")
    if rid:
        found = session.scalar(select(Actor).where(Actor.registry_id == rid))
        if found is not None:
            _add_aliases(session, found, [record.get("name", "")] + list(record.get("aliases") or []))
            return found.id, "registry"
    kind, country = record.get("kind") or "other", record.get("country")
    names = [record.get("name", "")] + list(record.get("aliases") or [])
    keys = {norm(n) for n in names if norm(n)}
    if kind in NAME_MERGED_KINDS and keys and not rid:
        stmt = (select(Actor).join(ActorAlias).where(ActorAlias.norm.in_(keys), Actor.kind == kind)
                .where(or_(Actor.country == country, Actor.country.is_(None), country is None)))
        found = session.scalars(stmt).first()
        if found is not None:
            # link to the actor the name belongs to, not to the one it is merged into now, so that
            # undoing that merge also takes this document's mention along
            _add_aliases(session, found, names)
            return found.id, "name"
    actor = Actor(name=record.get("name") or "?", kind=kind, country=country, wikidata=record.get("wikidata"),
                  registry_id=rid)
    session.add(actor)
    session.flush()
    _add_aliases(session, actor, names)
    return actor.id, "registry" if rid else "new"


def _add_aliases(session: Session, actor: Actor, names: Iterable[str]) -> None:
    have = {a.norm for a in actor.aliases}
    for n in names:
        k = norm(n)
        if k and k not in have:
            actor.aliases.append(ActorAlias(alias=n[:512], norm=k[:512]))
            have.add(k)


def merge_actors(session: Session, keep: int, absorb: int) -> None:
    """Merge ``absorb`` into ``keep`` (reversible with :func:`unmerge_actor`)."""
    if canonical(session, keep) == canonical(session, absorb):
        return
    session.get(Actor, absorb).merged_into_id = keep  # type: ignore[union-attr]


def unmerge_actor(session: Session, actor_id: int) -> None:
    session.get(Actor, actor_id).merged_into_id = None  # type: ignore[union-attr]


# ---------------------------------------------------------------- dates and places
def places_agree(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """The same place, or one inside the other (a town and its country); no place agrees with any."""
    if not a or not b:
        return True
    if a.get("country") != b.get("country"):
        return False
    if a.get("geonameid") and a.get("geonameid") == b.get("geonameid"):
        return True
    if norm(a.get("name") or "") == norm(b.get("name") or ""):
        return True
    return "country" in (a.get("kind"), b.get("kind")) or "region" in (a.get("kind"), b.get("kind"))


# ---------------------------------------------------------------- events
def find_event(session: Session, report: EventReport, actors: set[int], targets: set[int]) -> Event | None:
    """The merged event this report is another account of, or None.

    Events of the report's own document are never candidates: within a document the extractor has
    already told occurrences apart."""
    if report.date_start is None or report.date_end is None:
        return None  # without a date two reports can be two occurrences: keep them apart
    if (report.date_end - report.date_start).days > MAX_MERGE_SPAN_DAYS:
        return None  # "in 2006", "the past month": too vague to tell one occurrence from another
    own = select(EventReport.event_id).where(EventReport.document_id == report.document_id)
    stmt = select(Event).where(
        Event.type == report.type,
        Event.date_start.is_not(None),
        Event.span_days <= MAX_MERGE_SPAN_DAYS,
        and_(Event.date_start <= report.date_end, Event.date_end >= report.date_start),
        Event.id.not_in(own),
    )
    country = (report.location or {}).get("country")
    if country:
        stmt = stmt.where(or_(Event.country == country, Event.country.is_(None)))
    actors = {canonical(session, a) for a in actors}
    targets = {canonical(session, t) for t in targets}
    candidates = list(session.scalars(stmt))
    known = participants_of(session, [ev.id for ev in candidates])
    best, best_score = None, 0
    for ev in candidates:
        e_actors, e_targets = known.get(ev.id, (set(), set()))
        place = {"country": ev.country, "name": ev.place, "geonameid": ev.geonameid,
                 "kind": ev.place_kind or ("country" if ev.place is None else None)}
        score = match_score(report.location, actors, targets, place if ev.country else None, e_actors, e_targets,
                            reciprocal=report.type in RECIPROCAL_TYPES)
        if score > best_score:
            best, best_score = ev, score
    return best


def match_score(location: dict[str, Any] | None, actors: set, targets: set,
                ev_location: dict[str, Any] | None, ev_actors: set, ev_targets: set, reciprocal: bool = False) -> int:
    """How well a report fits a merged event of the same type and overlapping date; 0: not the same.

    Participants must be compatible (no side names a different set) and places agree; the score counts
    what they have in common (participants, and the exact place), so 0 also means nothing in common.
    Shared by the knowledge base and the batch merge (:mod:`sitrep.batch.merge`).  ``reciprocal``
    (:data:`RECIPROCAL_TYPES`): actors and targets are one set of participants on each side."""
    if reciprocal:
        actors, targets, ev_actors, ev_targets = actors | targets, set(), ev_actors | ev_targets, set()
    if actors and ev_actors and not actors & ev_actors:
        return 0
    if targets and ev_targets and not targets & ev_targets:
        return 0
    if not places_agree(location, ev_location):
        return 0
    same_place = bool(location and ev_location and ev_location.get("geonameid")
                      and location.get("geonameid") == ev_location.get("geonameid"))
    return len(actors & ev_actors) + len(targets & ev_targets) + (1 if same_place else 0)


def best_report(reports: list[Any], span: Any) -> Any:
    """The report whose date is narrowest (then earliest): it dates the merged event."""
    return min(reports, key=lambda r: (span(r)[1] - span(r)[0], span(r)[0]))


def best_location(locations: list[dict[str, Any]]) -> dict[str, Any]:
    """The most specific place of the reports: a town or facility over a region or country, a geocoded one first."""
    return max(locations, key=lambda p: (p.get("kind") not in ("country", "region"), p.get("geonameid") is not None))


def merged_status(statuses: set[str]) -> str:
    """Reported by any source is reported; otherwise the first of the others (claimed, denied, ...)."""
    return "reported" if "reported" in statuses else sorted(statuses)[0]


def participants_of(session: Session, event_ids: list[int]) -> dict[int, tuple[set[int], set[int]]]:
    """(actors, targets) of each event, through merges, in one query."""
    out: dict[int, tuple[set[int], set[int]]] = {}
    if not event_ids:
        return out
    rows = session.execute(select(EventReport.event_id, Participant.actor_id, Participant.role)
                           .join(Participant, Participant.report_id == EventReport.id)
                           .where(EventReport.event_id.in_(event_ids))).all()
    for eid, actor, role in rows:
        actors, targets = out.setdefault(eid, (set(), set()))
        (actors if role == "actor" else targets).add(canonical(session, actor))
    return out


def refresh_event(session: Session, event: Event) -> None:
    """Recompute the merged event from its reports: the narrowest date, the most specific place,
    and figures as a range over the sources (five killed in one, eight in another: 5-8)."""
    reports = list(session.scalars(select(EventReport).where(EventReport.event_id == event.id)))
    if not reports:
        session.delete(event)
        return
    event.n_sources = len({r.document_id for r in reports})
    dated = [r for r in reports if r.date_start]
    if dated:
        narrow = best_report(dated, lambda r: (r.date_start, r.date_end))
        event.date_start, event.date_end = narrow.date_start, narrow.date_end
        event.span_days = (narrow.date_end - narrow.date_start).days  # type: ignore[operator]
    placed = [r.location for r in reports if r.location]
    if placed:
        best = best_location(placed)
        event.country, event.place, event.place_kind = best.get("country"), best.get("name"), best.get("kind")
        event.geonameid, event.lat, event.lon = best.get("geonameid"), best.get("lat"), best.get("lon")
    event.mode = next((r.mode for r in reports if r.mode), None)
    for field in ("fatalities", "injuries"):
        values = [getattr(r, field) for r in reports if getattr(r, field) is not None]
        setattr(event, f"{field}_min", min(values) if values else None)
        setattr(event, f"{field}_max", max(values) if values else None)
    event.status = merged_status({r.status for r in reports})


# ---------------------------------------------------------------- quotes
def find_quote(session: Session, text: str, speaker: int | None) -> Quote | None:
    key = norm(text)
    words = set(key.split())
    if not words:
        return None
    # a quote reported once without its speaker and once with it is one quote
    stmt = select(Quote).where(or_(Quote.speaker_id == speaker, Quote.speaker_id.is_(None))) if speaker \
        else select(Quote)
    # candidates share the first long word, which keeps the scan small
    anchor = max(words, key=len)
    stmt = stmt.where(Quote.norm.contains(anchor))
    for q in session.scalars(stmt):
        other = set(q.norm.split())
        if other and len(words & other) / min(len(words), len(other)) >= QUOTE_OVERLAP:
            return q
    return None
