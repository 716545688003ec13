"""The five browsable tables (events, documents, actors, quotes, relations): filters, sort, pages.

One definition per table serves the table pages, their CSV/JSON downloads and the API, so that the
three always agree on which rows a set of filters selects.  Each table takes the filters that mean
something for it (:data:`FILTERS`); rows are flat dicts (one value a column) fit for CSV.  Filters
name actors the way :mod:`sitrep.kb.query` does (name or alias, through merges; an unknown name
raises :class:`~sitrep.kb.query.UnknownActor`), and a bad value raises :class:`BadFilter`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, func, literal, or_, select
from sqlalchemy.orm import Session

from ..model import ACTOR_KINDS, EVENT_TYPES, RELATION_TYPES
from . import corrections as C
from . import query as Q
from .merge import norm
from .schema import Actor, ActorAlias, ActorLink, Document, Event, EventReport, Quote, QuoteReport, Relation, \
    RelationReport

TABLES = ("events", "documents", "actors", "quotes", "relations")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Rows a page shows by default, and the most a page or a download may hold.
PAGE_SIZE = 50
MAX_PAGE = 500
MAX_DOWNLOAD = 100_000


class BadFilter(ValueError):
    """A filter value that cannot be used (an unknown type, a malformed date, an unknown sort column)."""


@dataclass(slots=True)
class Filters:
    """What a table page, a download or an API list is asked for (empty strings mean no filter)."""

    type: str = ""      # events: PLOVER type(s); actors: kind; relations: relation type; documents: event type
    actor: str = ""     # events: acting actor; documents: named actor; quotes: speaker; relations: either end
    target: str = ""    # events: target; relations: object
    country: str = ""   # events: country of the event; actors: the actor's; documents: of an event reported
    since: str = ""     # events: dates overlap; documents, quotes, relations: published on or after
    until: str = ""
    language: str = ""  # of the document (of a source, for events and quotes)
    source: str = ""    # the publisher, as stored
    q: str = ""         # words: evidence or place, title, name or alias, quote text, relation evidence
    sort: str = ""      # a column; '-column' for descending

    def active(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    @classmethod
    def from_mapping(cls, values: Any) -> "Filters":
        out = cls(**{f.name: str(values.get(f.name) or "").strip()[:200] for f in fields(cls)})
        for name in ("since", "until"):
            if getattr(out, name) and not DATE_RE.match(getattr(out, name)):
                raise BadFilter(f"{name} must be a date YYYY-MM-DD, YYYY-MM or YYYY, not {getattr(out, name)!r}")
        if out.language and not re.fullmatch(r"[A-Za-z]{2,3}", out.language):
            raise BadFilter(f"language must be an ISO 639-1 code such as 'en', not {out.language!r}")
        return out


# Which filters each table takes (the pages show these fields; others are refused).
FILTERS: dict[str, tuple[str, ...]] = {
    "events": ("type", "actor", "target", "country", "since", "until", "language", "source", "q"),
    "documents": ("type", "actor", "country", "since", "until", "language", "source", "q"),
    "actors": ("type", "country", "q"),
    "quotes": ("actor", "since", "until", "language", "source", "q"),
    "relations": ("type", "actor", "target", "since", "until", "source", "q"),
}
# Sortable columns: name -> SQL expression (the default first).
SORTS: dict[str, dict[str, Any]] = {
    "events": {"date": Event.date_start, "type": Event.type, "place": Event.place, "country": Event.country,
               "fatalities": Event.fatalities_max, "sources": Event.n_sources, "id": Event.id},
    "documents": {"published": Document.published, "title": Document.title, "source": Document.source,
                  "language": Document.language, "id": Document.id},
    "actors": {"documents": Actor.n_documents, "name": Actor.name, "kind": Actor.kind, "country": Actor.country, "id": Actor.id},
    "quotes": {"published": Quote.latest_published, "id": Quote.id},
    "relations": {"sources": None, "type": Relation.type, "id": Relation.id},  # sources: per filter (below)
}
# The columns of each table's rows (the CSV header, the page's columns).
COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("id", "date", "type", "mode", "actors", "targets", "place", "country", "fatalities", "injuries",
               "status", "sources", "corrected"),
    "documents": ("id", "published", "title", "source", "language", "doc_key", "url", "events", "quotes"),
    "actors": ("id", "name", "kind", "country", "wikidata", "documents"),
    "quotes": ("id", "published", "speaker", "speaker_id", "text", "kind", "sources", "source_names"),
    "relations": ("id", "subject", "subject_id", "type", "object", "object_id", "sources", "evidence", "added_by"),
}


@dataclass(slots=True)
class TablePage:
    table: str
    rows: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    sort: str


def _check(table: str, f: Filters) -> tuple[str, bool]:
    if table not in TABLES:
        raise BadFilter(f"no table {table!r}; one of {', '.join(TABLES)}")
    extra = [k for k in f.active() if k not in FILTERS[table] and k != "sort"]
    if extra:
        raise BadFilter(f"the {table} table cannot be filtered by {extra[0]}; it takes "
                        f"{', '.join(FILTERS[table])}")
    key, desc = (f.sort[1:], True) if f.sort.startswith("-") else (f.sort, False)
    if not key:
        return next(iter(SORTS[table])), True
    if key not in SORTS[table]:
        raise BadFilter(f"the {table} table cannot be sorted by {key!r}; by {', '.join(SORTS[table])}")
    return key, desc


def _order(expr: Any, desc: bool, tiebreak: Any) -> tuple[Any, ...]:
    return ((expr.desc().nulls_last() if desc else expr.asc().nulls_last()), tiebreak.desc() if desc else tiebreak)


def _words(value: str) -> list[str]:
    return [w for w in value.split() if w][:10]


def _day(value: str, end: bool) -> str:
    """A filter date as the first (last) day it covers, ISO: compares with stored published dates."""
    d = Q._day(value, end=end)  # noqa: SLF001
    assert d is not None
    return d.isoformat()


def _published(stmt: Select, f: Filters) -> Select:
    if f.since:
        stmt = stmt.where(Document.published >= _day(f.since, False))
    if f.until:
        stmt = stmt.where(Document.published <= _day(f.until, True) + "~")  # '2024-01-31' <= '2024-01-31~'
    return stmt


def _types(value: str, allowed: tuple[str, ...], what: str, upper: bool = True) -> list[str]:
    out = [t.strip().upper() if upper else t.strip() for t in value.split(",") if t.strip()]
    bad = [t for t in out if t not in allowed]
    if bad:
        raise BadFilter(f"unknown {what} {bad[0]!r}; one of {', '.join(allowed)}")
    return out


def _count(session: Session, stmt: Select) -> int:
    return int(session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)


# ---------------------------------------------------------------- the tables
def page(session: Session, table: str, f: Filters, limit: int = PAGE_SIZE, offset: int = 0,
         count: bool = True) -> TablePage:
    """One page of a table: its rows (flat), how many rows match in all, and the sort in force.

    Raises:
        BadFilter: a filter the table does not take, a bad value or sort column.
        UnknownActor: an actor filter names no actor.
    """
    key, desc = _check(table, f)
    limit = max(1, min(limit, MAX_DOWNLOAD))
    build = {"events": _events, "documents": _documents, "actors": _actors, "quotes": _quotes,
             "relations": _relations}[table]
    total, rows = build(session, f, key, desc, limit, max(0, offset), count)
    return TablePage(table, rows, total, limit, offset, ("-" if desc else "") + key)


def iter_rows(session: Session, table: str, f: Filters, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every row the filters select (at most MAX_DOWNLOAD), a batch at a time: the downloads."""
    offset = 0
    while offset < MAX_DOWNLOAD:
        p = page(session, table, f, limit=batch, offset=offset, count=False)
        yield from p.rows
        if len(p.rows) < batch:
            return
        offset += batch


def _events(session: Session, f: Filters, key: str, desc: bool, limit: int, offset: int, count: bool):
    filters: dict[str, Any] = {"actor": f.actor or None, "target": f.target or None,
                               "type": _types(f.type, EVENT_TYPES, "event type") if f.type else None,
                               "country": f.country or None, "since": f.since or None, "until": f.until or None,
                               "language": f.language.lower() or None, "source": f.source or None, "q": f.q or None}
    try:
        total = _count(session, Q.filter_events(session, select(Event.id), **filters)) if count else -1
        rows = Q.events(session, **filters, limit=limit, offset=offset, max_sources=0,
                        order=_order(SORTS["events"][key], desc, Event.id))
    except ValueError as exc:
        if isinstance(exc, Q.UnknownActor):
            raise
        raise BadFilter(str(exc)) from None
    return total, [event_row(e) for e in rows]


def event_row(e: Q.EventRecord) -> dict[str, Any]:
    return {"id": e.id, "date": e.date, "type": e.type, "mode": e.mode or "",
            "actors": Q.actor_names(e.actors), "targets": Q.actor_names(e.targets), "place": e.place or "",
            "country": e.country or "", "fatalities": e.fatalities, "injuries": e.injuries, "status": e.status,
            "sources": e.n_sources, "corrected": ",".join(sorted(e.corrected)),
            "actor_refs": [a.to_dict() for a in e.actors], "target_refs": [t.to_dict() for t in e.targets]}


def _documents(session: Session, f: Filters, key: str, desc: bool, limit: int, offset: int, count: bool):
    stmt = select(Document.id, Document.published, Document.title, Document.source, Document.language,
                  Document.doc_key, Document.url)
    stmt = _published(stmt, f)
    if f.language:
        stmt = stmt.where(Document.language == f.language.lower())
    if f.source:
        stmt = stmt.where(Document.source == f.source)
    for word in _words(f.q):
        stmt = stmt.where(Document.title.ilike(Q._like(word), escape="\\"))  # noqa: SLF001
    if f.actor:
        stmt = stmt.where(Document.id.in_(select(ActorLink.document_id)
                                          .where(ActorLink.actor_id.in_(Q._required(session, f.actor)))))  # noqa: SLF001
    if f.type or f.country:
        ev = select(EventReport.document_id).join(Event, Event.id == EventReport.event_id)
        if f.type:
            ev = ev.where(EventReport.type.in_(_types(f.type, EVENT_TYPES, "event type")))
        if f.country:
            ev = ev.where(Event.country == Q._country_code(f.country))  # noqa: SLF001
        stmt = stmt.where(Document.id.in_(ev))
    total = _count(session, stmt) if count else -1
    rows = list(session.execute(stmt.order_by(*_order(SORTS["documents"][key], desc, Document.id))
                                .limit(limit).offset(offset)))
    ids = [r.id for r in rows]
    n_events = dict(session.execute(select(EventReport.document_id, func.count()).where(EventReport.document_id.in_(ids))
                                    .group_by(EventReport.document_id)).all()) if ids else {}
    n_quotes = dict(session.execute(select(QuoteReport.document_id, func.count()).where(QuoteReport.document_id.in_(ids))
                                    .group_by(QuoteReport.document_id)).all()) if ids else {}
    return total, [{"id": r.id, "published": r.published or "", "title": r.title or "", "source": r.source or "",
                    "language": r.language or "", "doc_key": r.doc_key, "url": r.url or "",
                    "events": int(n_events.get(r.id, 0)), "quotes": int(n_quotes.get(r.id, 0))} for r in rows]


def _actors(session: Session, f: Filters, key: str, desc: bool, limit: int, offset: int, count: bool):
    n = Actor.n_documents  # stored (sitrep.kb.counts): documents linking this actor row
    stmt = (select(Actor.id, Actor.name, Actor.kind, Actor.country, Actor.wikidata, n.label("n"))
            .where(Actor.merged_into_id.is_(None)))
    if f.q:
        key_q = norm(f.q)
        alias = select(ActorAlias.actor_id).where(ActorAlias.norm.contains(key_q, autoescape=True)) if key_q else None
        conds = [Actor.name.ilike(Q._like(f.q.strip()), escape="\\")]  # noqa: SLF001
        if alias is not None:
            conds += [Actor.id.in_(alias), Actor.id.in_(select(Actor.merged_into_id).where(Actor.id.in_(alias)))]
        stmt = stmt.where(or_(*conds))
    if f.type:
        stmt = stmt.where(Actor.kind.in_(_types(f.type, ACTOR_KINDS, "actor kind", upper=False)))
    if f.country:
        stmt = stmt.where(Actor.country == Q._country_code(f.country))  # noqa: SLF001
    total = _count(session, stmt) if count else -1
    expr = SORTS["actors"][key]
    rows = session.execute(stmt.order_by(*_order(expr, desc, Actor.id)).limit(limit).offset(offset))
    return total, [{"id": r.id, "name": r.name, "kind": r.kind, "country": r.country or "",
                    "wikidata": r.wikidata or "", "documents": int(r.n)} for r in rows]


def _quotes(session: Session, f: Filters, key: str, desc: bool, limit: int, offset: int, count: bool):
    docs = select(QuoteReport.quote_id).join(Document, Document.id == QuoteReport.document_id)
    narrowed = False
    if f.since or f.until:
        docs, narrowed = _published(docs, f), True
    if f.language:
        docs, narrowed = docs.where(Document.language == f.language.lower()), True
    if f.source:
        docs, narrowed = docs.where(Document.source == f.source), True
    stmt = select(Quote)  # every quote has a report (a quote whose last report goes is deleted)
    if narrowed:
        stmt = stmt.where(Quote.id.in_(docs))
    if f.actor:
        stmt = stmt.where(Quote.speaker_id.in_(Q._required(session, f.actor)))  # noqa: SLF001
    for word in norm(f.q).split():
        stmt = stmt.where((literal(" ") + Quote.norm + literal(" ")).contains(f" {word} "))
    rejected = C.overlay(session).rejected_quotes
    if rejected:
        stmt = stmt.where(Quote.id.not_in(list(rejected)))
    total = _count(session, stmt) if count else -1
    expr = SORTS["quotes"][key]
    recs = Q._quote_records(session, list(session.scalars(  # noqa: SLF001
        stmt.order_by(*_order(expr, desc, Quote.id)).limit(limit).offset(offset))))
    return total, [{"id": r.id, "published": r.published or "", "speaker": r.speaker.name if r.speaker else
                    (r.speaker_text or ""), "speaker_id": r.speaker.id if r.speaker else "", "text": r.text,
                    "kind": r.kind, "sources": len(r.sources),
                    "source_names": "; ".join(dict.fromkeys(s["source"] or s["doc_key"] for s in r.sources))}
                   for r in recs]


def _relations(session: Session, f: Filters, key: str, desc: bool, limit: int, offset: int, count: bool):
    by_report = bool(f.since or f.until or f.source or f.q)
    if by_report:  # sources: the documents among the matching reports
        n: Any = func.count(func.distinct(RelationReport.document_id))
        stmt = (select(Relation.id, Relation.subject_id, Relation.type, Relation.object_id, n.label("n"))
                .join(RelationReport, RelationReport.relation_id == Relation.id)
                .join(Document, Document.id == RelationReport.document_id)
                .group_by(Relation.id, Relation.subject_id, Relation.type, Relation.object_id))
        stmt = _published(stmt, f)
        if f.source:
            stmt = stmt.where(Document.source == f.source)
        for word in _words(f.q):
            stmt = stmt.where(RelationReport.evidence_text.ilike(Q._like(word), escape="\\"))  # noqa: SLF001
    else:  # sources: all its documents, stored (sitrep.kb.counts); one without reports is no row
        n = Relation.n_documents
        stmt = (select(Relation.id, Relation.subject_id, Relation.type, Relation.object_id, n.label("n"))
                .where(Relation.n_documents > 0))
    types = _types(f.type, RELATION_TYPES, "relation type", upper=False) if f.type else None
    if types:
        stmt = stmt.where(Relation.type.in_(types))
    subj = Q._required(session, f.actor) if f.actor else None  # noqa: SLF001
    obj = Q._required(session, f.target) if f.target else None  # noqa: SLF001
    if subj is not None:
        stmt = stmt.where(or_(Relation.subject_id.in_(subj), Relation.object_id.in_(subj))) if obj is None else \
            stmt.where(Relation.subject_id.in_(subj))
    if obj is not None:
        stmt = stmt.where(Relation.object_id.in_(obj))
    helper = Q._Actors(session)  # noqa: SLF001
    added = []  # relations an analyst added: no document, so no date, source or words to filter on
    if not by_report:
        for s_id, rtype, o_id, cid in C.overlay(session).relations:
            if (types is None or rtype in types) and (subj is None or (s_id in subj or (obj is None and o_id in subj))) \
                    and (obj is None or o_id in obj):
                added.append({"id": "", "subject": helper.ref(s_id).name, "subject_id": helper.canon(s_id),
                              "type": rtype, "object": helper.ref(o_id).name, "object_id": helper.canon(o_id),
                              "sources": 0, "evidence": "", "added_by": cid})
    total = (_count(session, stmt) + len(added)) if count else -1
    expr = n if key == "sources" else SORTS["relations"][key]
    rows = list(session.execute(stmt.order_by(*_order(expr, desc, Relation.id)).limit(limit).offset(offset)))
    evidence: dict[int, str] = {}
    if rows:  # each relation's first report (not all of them: a relation can have thousands)
        first = (select(func.min(RelationReport.id)).where(RelationReport.relation_id.in_([r.id for r in rows]))
                 .group_by(RelationReport.relation_id))
        evidence = dict(session.execute(select(RelationReport.relation_id, RelationReport.evidence_text)
                                        .where(RelationReport.id.in_(first))).all())
    out = [{"id": r.id, "subject": helper.ref(r.subject_id).name, "subject_id": helper.canon(r.subject_id),
            "type": r.type, "object": helper.ref(r.object_id).name, "object_id": helper.canon(r.object_id),
            "sources": int(r.n), "evidence": evidence.get(r.id, ""), "added_by": ""} for r in rows]
    if offset == 0:
        out = added + out  # the analysts' additions lead the first page
    return total, out


__all__ = ["BadFilter", "COLUMNS", "FILTERS", "Filters", "MAX_PAGE", "PAGE_SIZE", "SORTS", "TABLES", "TablePage",
           "event_row", "iter_rows", "page"]
