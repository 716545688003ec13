"""Merged events: ``/api/events`` (filtered, the newest first) and ``/api/events/{id}`` (every source's
account and figures, with the analysts' corrections applied)."""
from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import Path, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...kb import query as Q
from ...kb.schema import Document, Event, EventReport, Participant
from ..security import ApiError
from .event_models import EventDetail, EventOut, EventSource, FigureSpread
from .models import NOT_FOUND, DocumentRef, Page, Span
from .plumbing import LIST_SOURCES, DateQ, Limit, Offset, SessionDep, _count, _iso, _ref, _types, _unknown, router


@router.get("/events", response_model=Page[EventOut], tags=["events"],
            summary="Merged events, the newest first (filters as `sitrep events`)", responses=NOT_FOUND)
def list_events(session: SessionDep, limit: Limit = 50, offset: Offset = 0,
                actor: Annotated[str | None, Query(max_length=200, description="acting actor (name or alias)")] = None,
                target: Annotated[str | None, Query(max_length=200, description="target actor (name or alias)")] = None,
                type: Annotated[str | None, Query(max_length=200, description="PLOVER type(s): ASSAULT or ASSAULT,PROTEST")] = None,
                country: Annotated[str | None, Query(max_length=64, description="ISO 3166-1 code (IQ) or name")] = None,
                since: DateQ = None, until: DateQ = None,
                language: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,3}$",
                                                      description="reported by a document in this language")] = None,
                source: Annotated[str | None, Query(max_length=200, description="reported by this source")] = None,
                q: Annotated[str | None, Query(max_length=200, description="words in an evidence sentence or the "
                                                                           "place")] = None) -> dict[str, Any]:
    filters: dict[str, Any] = {"actor": actor, "target": target, "type": _types(type), "country": country,
                               "since": since, "until": until, "language": language and language.lower(),
                               "source": source, "q": q}
    try:
        total = _count(session, Q.filter_events(session, select(Event.id), **filters))
        items = Q.events(session, **filters, limit=limit, offset=offset, max_sources=LIST_SOURCES)
    except Q.UnknownActor as exc:
        raise _unknown(exc) from None
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    return {"items": [e.to_dict() for e in items], "total": total, "limit": limit, "offset": offset}


@router.get("/events/{event_id}", response_model=EventDetail, tags=["events"],
            summary="One merged event with every source's account and figures", responses=NOT_FOUND)
def get_event(session: SessionDep, event_id: Annotated[int, Path(ge=1, le=2**62)]) -> EventDetail:
    e = session.get(Event, event_id)
    if e is None:
        raise ApiError(404, "not_found", f"no event {event_id}")
    helper = Q._Actors(session)
    reports = list(session.execute(select(EventReport, Document).join(Document, Document.id == EventReport.document_id)
                                   .where(EventReport.event_id == event_id)
                                   .order_by(Document.published.nulls_last(), Document.id, EventReport.id)))
    sides: dict[int, dict[str, list[int]]] = defaultdict(lambda: {"actor": [], "target": []})
    if reports:
        for aid, role, rid in session.execute(select(Participant.actor_id, Participant.role, Participant.report_id)
                                              .where(Participant.report_id.in_([r.id for r, _ in reports]))
                                              .order_by(Participant.id)):
            cid = helper.canon(aid)
            lst = sides[rid].setdefault(role, [])
            if cid not in lst:
                lst.append(cid)
    all_actors: list[int] = []
    all_targets: list[int] = []
    sources = []
    for r, d in reports:
        side = sides[r.id]
        all_actors += [a for a in side["actor"] if a not in all_actors]
        all_targets += [t for t in side["target"] if t not in all_targets]
        sources.append(EventSource(
            document=DocumentRef(id=d.id, doc_key=d.doc_key, url=d.url, title=d.title, source=d.source,
                                 published=d.published, language=d.language),
            local_id=r.local_id, type=r.type, mode=r.mode, status=r.status, date=r.date,
            date_precision=r.date_precision, location=r.location, fatalities=r.fatalities, injuries=r.injuries,
            count=r.count, actors=[_ref(helper.ref(a)) for a in side["actor"]],
            targets=[_ref(helper.ref(t)) for t in side["target"]],
            evidence=Span(start=r.evidence_start, end=r.evidence_end, text=r.evidence_text)))

    def spread(values: list[int | None], lo: int | None, hi: int | None) -> FigureSpread:
        known = {v for v in values if v is not None}
        return FigureSpread(min=lo, max=hi, by_source=values, disagree=len(known) > 1)

    fat = spread([s.fatalities for s in sources], e.fatalities_min, e.fatalities_max)
    inj = spread([s.injuries for s in sources], e.injuries_min, e.injuries_max)
    disagreements = [name for name, differs in (
        ("fatalities", fat.disagree), ("injuries", inj.disagree),
        ("date", len({s.date for s in sources if s.date}) > 1),
        ("place", len({(s.location or {}).get("name") for s in sources if s.location}) > 1),
        ("status", len({s.status for s in sources}) > 1)) if differs]
    detail = EventDetail(id=e.id, type=e.type, mode=e.mode, status=e.status, date_start=_iso(e.date_start),
                         date_end=_iso(e.date_end), place=e.place, place_kind=e.place_kind, country=e.country,
                         lat=e.lat, lon=e.lon, fatalities=fat, injuries=inj, n_sources=e.n_sources,
                         actors=[_ref(helper.ref(a)) for a in all_actors],
                         targets=[_ref(helper.ref(t)) for t in all_targets],
                         disagreements=disagreements, sources=sources)
    return _corrected_detail(session, detail, helper)


def _corrected_detail(session: Session, d: EventDetail, helper: Any) -> EventDetail:
    """The event with the analysts' corrections applied (the sources keep what they said).

    The rules of :func:`sitrep.kb.query.event_queries._apply_corrections` on this model (figures as
    :class:`FigureSpread`, actors as API references), and a rejection marked too: keep the two in step."""
    from ...kb import corrections

    ov = corrections.overlay(session)
    if d.id in ov.rejected_events:
        d.corrected["rejected"] = ov.rejected_events[d.id]
    for name, (value, cid) in ov.event_fields.get(d.id, {}).items():
        d.corrected[name] = cid
        if name == "type":
            d.type = value
        elif name in ("actors", "targets"):
            setattr(d, name, [_ref(helper.ref(a)) for a in value or []])
        elif name == "date":
            d.date_start, d.date_end = (value or {}).get("start"), (value or {}).get("end")
        elif name == "place":
            v = value or {}
            d.place, d.country, d.lat, d.lon = v.get("name"), v.get("country"), v.get("lat"), v.get("lon")
            d.place_kind = v.get("kind")
        elif name in ("fatalities", "injuries"):
            spread = getattr(d, name)
            spread.min, spread.max = (value or {}).get("min"), (value or {}).get("max")
    return d
