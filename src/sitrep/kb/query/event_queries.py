"""Merged events: the filters (with the analysts' corrections applied), the query, the records."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from ...model import date_interval as interval
from .. import corrections as C
from ..schema import Document, Event, EventReport, Participant
from .actors import _Actors, _required
from .records import EventRecord, SourceAccount


def _day(value: str | dt.date | None, end: bool) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    span = interval(str(value))
    if span is None:
        raise ValueError(f"{value!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
    return span[1] if end else span[0]


def _country_code(value: str) -> str:
    """'IQ', 'iq', 'IRQ' or 'Iraq' -> 'IQ' (what the knowledge base stores)."""
    v = value.strip()
    if len(v) == 2:
        return v.upper()
    try:
        import pycountry

        c = pycountry.countries.lookup(v)
        return str(c.alpha_2)
    except (LookupError, ImportError):
        return v.upper()


def _types(value: str | Sequence[str]) -> list[str]:
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [p.strip().upper() for p in parts if p.strip()]


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _corrected(ov: C.Overlay, name: str, cond: Any, keep: Any) -> Any:
    """``cond`` for events whose ``name`` no correction replaced, ``keep(value)`` for the others."""
    over = ov.overridden(name)
    if not over:
        return cond
    return or_(and_(cond, Event.id.not_in(list(over))), Event.id.in_([i for i, v in over.items() if keep(v)]))


def filter_events(session: Session, stmt: Select, actor: str | None = None, target: str | None = None,
                  type: str | Sequence[str] | None = None, country: str | None = None,
                  since: str | dt.date | None = None, until: str | dt.date | None = None,
                  language: str | None = None, source: str | None = None, q: str | None = None) -> Select:
    """Add the filters of :func:`events` to a statement that selects from ``events``.

    The analysts' corrections are applied: a rejected event is left out, and a corrected type,
    actor, target, place or date is filtered on its corrected value.

    Raises:
        UnknownActor: ``actor`` or ``target`` names no actor.
        ValueError: ``since`` or ``until`` is not a date.
    """
    ov = C.overlay(session)
    for name, role in ((actor, "actor"), (target, "target")):
        if name:
            ids = _required(session, name)
            cond = Event.id.in_(
                select(EventReport.event_id).join(Participant, Participant.report_id == EventReport.id)
                .where(Participant.role == role, Participant.actor_id.in_(ids)))
            stmt = stmt.where(_corrected(ov, role + "s", cond, lambda v, ids=ids: bool(set(v or []) & ids)))
    if type:
        types = _types(type)
        stmt = stmt.where(_corrected(ov, "type", Event.type.in_(types), lambda v: v in types))
    if country:
        cc = _country_code(country)
        stmt = stmt.where(_corrected(ov, "place", Event.country == cc, lambda v: (v or {}).get("country") == cc))
    start, end = _day(since, end=False), _day(until, end=True)
    if start:  # the event's dates overlap the period asked for
        stmt = stmt.where(_corrected(ov, "date", Event.date_end >= start,
                                     lambda v: bool(v) and v["end"] >= start.isoformat()))
    if end:
        stmt = stmt.where(_corrected(ov, "date", Event.date_start <= end,
                                     lambda v: bool(v) and v["start"] <= end.isoformat()))
    for column, value in ((Document.language, language), (Document.source, source)):
        if value:  # events that a document in this language / from this source reports
            stmt = stmt.where(Event.id.in_(select(EventReport.event_id)
                                           .join(Document, Document.id == EventReport.document_id)
                                           .where(column == value.strip())))
    for word in (q or "").split():  # every word in a source's evidence sentence or the place's name
        stmt = stmt.where(or_(Event.place.ilike(_like(word), escape="\\"),
                              Event.id.in_(select(EventReport.event_id)
                                           .where(EventReport.evidence_text.ilike(_like(word), escape="\\")))))
    if ov.rejected_events:
        stmt = stmt.where(Event.id.not_in(list(ov.rejected_events)))
    return stmt


def events(session: Session, actor: str | None = None, target: str | None = None,
           type: str | Sequence[str] | None = None, country: str | None = None,
           since: str | dt.date | None = None, until: str | dt.date | None = None,
           limit: int | None = None, offset: int = 0, max_sources: int | None = None,
           language: str | None = None, source: str | None = None, q: str | None = None,
           order: Sequence[Any] | None = None) -> list[EventRecord]:
    """Merged events, the newest first (undated ones last), with their actors, targets and sources.

    Args:
        actor, target: an actor's name or alias; events where it (or an actor merged into it) acts / is
            the target.
        type: a PLOVER type ("ASSAULT"), or several ("ASSAULT,PROTEST" or a list).
        country: ISO 3166-1 alpha-2 (alpha-3 and English names are accepted too).
        since, until: dates (YYYY-MM-DD, YYYY-MM or YYYY); an event is kept when its dates overlap the
            period, and an undated event is left out when either is given.
        limit, offset: a page of the result.
        max_sources: list at most this many sources of each event (the earliest); ``n_sources`` still
            counts them all. Lists of events keep pages small this way; one event shows them all.
        language, source: events that a document in this language, or from this source, reports.
        q: words that all occur in a source's evidence sentence or the place's name.
        order: ORDER BY terms (default: the newest first).

    Raises:
        UnknownActor: ``actor`` or ``target`` names no actor.
        ValueError: ``since`` or ``until`` is not a date.
    """
    stmt = filter_events(session, select(Event), actor, target, type, country, since, until, language, source, q)
    stmt = stmt.order_by(*(order or (Event.date_start.desc().nulls_last(), Event.id.desc())))
    if offset:
        stmt = stmt.offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = list(session.scalars(stmt))
    return _hydrate(session, rows, max_sources)


def event_ids(session: Session, **filters: Any) -> list[int]:
    """Only the ids of the events :func:`events` would return (same filters), in date order."""
    stmt = filter_events(session, select(Event.id), **filters).order_by(Event.date_start.nulls_last(), Event.id)
    return list(session.scalars(stmt))


def _hydrate(session: Session, rows: list[Event], max_sources: int | None = None) -> list[EventRecord]:
    if not rows:
        return []
    ids = [e.id for e in rows]
    actors = _Actors(session)
    reports: dict[int, list[tuple[EventReport, Document]]] = defaultdict(list)
    order = (Document.published.nulls_last(), Document.id)
    stmt = select(EventReport, Document).join(Document, Document.id == EventReport.document_id) \
        .where(EventReport.event_id.in_(ids))
    if max_sources is not None:
        rank = (select(EventReport.id.label("rid"),
                       func.row_number().over(partition_by=EventReport.event_id, order_by=order).label("rn"))
                .join(Document, Document.id == EventReport.document_id)
                .where(EventReport.event_id.in_(ids)).subquery())
        stmt = stmt.join(rank, rank.c.rid == EventReport.id).where(rank.c.rn <= max_sources)
    for rep, doc in session.execute(stmt.order_by(*order)):
        reports[rep.event_id].append((rep, doc))
    sides: dict[int, dict[str, list[int]]] = defaultdict(lambda: {"actor": [], "target": []})
    for actor_id, role, event_id in session.execute(
            select(Participant.actor_id, Participant.role, EventReport.event_id)
            .join(EventReport, EventReport.id == Participant.report_id)
            .where(EventReport.event_id.in_(ids)).order_by(Participant.id)):
        lst = sides[event_id].setdefault(role, [])
        cid = actors.canon(actor_id)
        if cid not in lst:
            lst.append(cid)
    out = []
    for e in rows:
        side = sides[e.id]
        out.append(EventRecord(
            id=e.id, type=e.type, mode=e.mode, status=e.status,
            date_start=e.date_start.isoformat() if e.date_start else None,
            date_end=e.date_end.isoformat() if e.date_end else None,
            place=e.place, country=e.country, lat=e.lat, lon=e.lon, place_kind=e.place_kind,
            fatalities_min=e.fatalities_min, fatalities_max=e.fatalities_max,
            injuries_min=e.injuries_min, injuries_max=e.injuries_max, n_sources=e.n_sources,
            actors=[actors.ref(a) for a in side["actor"]],
            targets=[actors.ref(t) for t in side["target"]],
            sources=[SourceAccount(document_id=d.id, doc_key=d.doc_key, url=d.url, source=d.source,
                                   published=d.published, language=d.language, title=d.title,
                                   evidence=r.evidence_text, date=r.date, date_precision=r.date_precision,
                                   location=r.location, fatalities=r.fatalities, injuries=r.injuries,
                                   count=r.count, status=r.status)
                     for r, d in reports[e.id]]))
    ov = C.overlay(session)
    if ov.event_fields:
        for rec in out:
            _apply_corrections(rec, ov.event_fields.get(rec.id), actors)
    return out


def _apply_corrections(rec: EventRecord, fields: dict[str, tuple[Any, int]] | None, actors: "_Actors") -> None:
    """An event record with the analysts' corrected values (each field marked with its correction).

    ``GET /api/events/{id}`` applies the same rules to its own model
    (:func:`sitrep.web.api.routes_events._corrected_detail`): keep the two in step."""
    for name, (value, cid) in (fields or {}).items():
        rec.corrected[name] = cid
        if name == "type":
            rec.type = value
        elif name in ("actors", "targets"):
            setattr(rec, name, [actors.ref(a) for a in value or []])
        elif name == "date":
            rec.date_start, rec.date_end = (value or {}).get("start"), (value or {}).get("end")
        elif name == "place":
            v = value or {}
            rec.place, rec.country, rec.lat, rec.lon = v.get("name"), v.get("country"), v.get("lat"), v.get("lon")
            rec.place_kind = v.get("kind")
        elif name in ("fatalities", "injuries"):
            setattr(rec, f"{name}_min", (value or {}).get("min"))
            setattr(rec, f"{name}_max", (value or {}).get("max"))
