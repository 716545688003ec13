"""The pages over the knowledge base: overview, network, timeline, map, actor, event, document."""
from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlencode

from fastapi import HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select

from ...kb import corrections, query
from ...kb.merge import canonical
from ...kb.schema import Actor, ActorLink, Document, Event, EventReport
from ...model import COOPERATIVE_EVENT_TYPES, EVENT_TYPES, RELATION_TYPES, VERBAL_COOPERATIVE_EVENT_TYPES
from ..evidence import field_spans
from .highlight import Mark, document_marks, extraction, highlight
from .plumbing import _date, _event_filters, _events_or_error, _kb, router
from .templates import HOSTILE, edge_class, render


def _events_by_ids(session, ids: list[int]) -> list[query.EventRecord]:
    rows = list(session.scalars(select(Event).where(Event.id.in_(ids))
                                .order_by(Event.date_start.desc().nulls_last(), Event.id.desc()))) if ids else []
    return query._hydrate(session, rows)  # noqa: SLF001 - the same records query.events returns


def top_dyads(net: query.Network, n: int = 10) -> list[dict[str, Any]]:
    pairs: Counter[tuple[int, int]] = Counter()
    names: dict[int, str] = {}
    types: dict[tuple[int, int], Counter[str]] = {}
    for e in net.edges:
        if e["kind"] != "event":
            continue
        key = (e["source"], e["target"])
        pairs[key] += e["weight"]
        names[e["source"]], names[e["target"]] = e["source_name"], e["target_name"]
        types.setdefault(key, Counter())[e["type"]] += e["weight"]
    return [{"source": s, "target": t, "source_name": names[s], "target_name": names[t], "events": w,
             "types": ", ".join(f"{k} {v}" for k, v in types[(s, t)].most_common())}
            for (s, t), w in pairs.most_common(n)]


def _disagreements(record: query.EventRecord) -> list[dict[str, Any]]:
    """Where the sources of a merged event give different figures: field, and each source's value."""
    out = []
    getters = {
        "date": lambda a: a.date,
        "fatalities": lambda a: a.fatalities,
        "injuries": lambda a: a.injuries,
        "count": lambda a: a.count,
        "place": lambda a: (a.location or {}).get("name"),
        "status": lambda a: a.status,
    }
    for name, get in getters.items():
        values = [(a, get(a)) for a in record.sources]
        distinct = []
        for _, v in values:
            if v is not None and v not in distinct:
                distinct.append(v)
        if len(distinct) > 1:
            out.append({"field": name, "summary": " vs ".join(str(v) for v in distinct),
                        "by_source": [{"source": a.source or a.doc_key, "document_id": a.document_id, "value": v}
                                      for a, v in values]})
    return out


# ---------------------------------------------------------------- pages
@router.get("/", response_class=HTMLResponse)
def overview(request: Request):
    kb = _kb(request)
    with kb.session() as s:
        latest = query.events(s, limit=12)
        net = query.network(s)
        dated = s.execute(select(func.min(Event.date_start), func.max(Event.date_end))).one()
    return render(request, "overview.html", nav="overview", counts=kb.counts(), latest=latest,
                  dyads=top_dyads(net), actors=net.nodes[:10], period=dated)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, since: str | None = None, until: str | None = None):
    since, until = _date(since, "since"), _date(until, "until")
    with _kb(request).session() as s:
        net = query.network(s, since=since, until=until)
    counts = Counter(edge_class(e["kind"], e["type"]) for e in net.edges)
    data_url = "/pages-data/network?" + urlencode({k: v for k, v in (("since", since), ("until", until)) if v})
    return render(request, "network.html", nav="network", net=net, since=since or "", until=until or "",
                  data_url=data_url, counts=counts, hostile_types=sorted(HOSTILE),
                  cooperative_types=sorted(COOPERATIVE_EVENT_TYPES),
                  verbal_types=sorted(VERBAL_COOPERATIVE_EVENT_TYPES))


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, actor: str | None = None, target: str | None = None,
                  interval: str = "auto", since: str | None = None, until: str | None = None,
                  type: str | None = None):
    since, until = _date(since, "since"), _date(until, "until")
    interval = interval if interval in ("day", "week", "month") else "auto"  # auto: chosen from the span shown
    filters = _event_filters(actor, target, since, until, type)
    evs, error = _events_or_error(request, filters)
    data_url = "/pages-data/events?" + urlencode(filters)
    return render(request, "timeline.html", nav="timeline", events=evs, actor=actor or "", target=target or "",
                  interval=interval, type=(type or "").upper(), types=EVENT_TYPES, since=since or "", until=until or "", data_url=data_url, error=error,
                  status_code=404 if error else 200)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, actor: str | None = None, since: str | None = None, until: str | None = None,
             type: str | None = None):
    since, until = _date(since, "since"), _date(until, "until")
    filters = _event_filters(actor, None, since, until, type)
    evs, error = _events_or_error(request, filters)
    located = [e for e in evs if e.lat is not None and e.lon is not None]
    return render(request, "map.html", nav="map", events=located, n_all=len(evs), actor=actor or "",
                  type=(type or "").upper(), types=EVENT_TYPES,
                  since=since or "", until=until or "", data_url="/pages-data/events?" + urlencode(filters),
                  error=error, status_code=404 if error else 200)


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: int):
    with _kb(request).session() as s:
        row = s.get(Actor, actor_id)
        if row is None:
            raise HTTPException(404, f"no actor {actor_id}")
        cid = canonical(s, actor_id)
        actor = s.get(Actor, cid)
        assert actor is not None
        profile = query.actor_profile_by_id(s, cid)
        group = query.members(s, {cid})
        evs = _events_by_ids(s, sorted(corrections.event_ids_of_actors(s, group)))
        history = corrections.listing(s, actor_id=cid)
    dyads: Counter[tuple[int, str, str]] = Counter()
    for e in evs:
        mine = {a.id for a in e.actors} & group
        for t in e.targets:
            if mine and t.id != cid:
                dyads[(t.id, actor.name, t.name)] += 1
        if cid in {t.id for t in e.targets}:
            for a in e.actors:
                if a.id != cid:
                    dyads[(a.id, a.name, actor.name)] += 1
    return render(request, "actor.html", nav="actor", actor=actor, profile=profile, events=evs,
                  merged_from=(cid != actor_id), requested=row, history=history,
                  writable=bool(request.app.state.write_token), relation_types=RELATION_TYPES,
                  dyads=[{"other": k[0], "actor": k[1], "target": k[2], "n": n} for k, n in dyads.most_common()])


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: int):
    with _kb(request).session() as s:
        ev = s.get(Event, event_id)
        if ev is None:
            raise HTTPException(404, f"no event {event_id}")
        record = query._hydrate(s, [ev])[0]  # noqa: SLF001
        reports = list(s.execute(select(EventReport, Document).join(Document, Document.id == EventReport.document_id)
                                 .where(EventReport.event_id == event_id)
                                 .order_by(Document.published.nulls_last(), Document.id)))
        accounts = []
        for rep, doc in reports:
            marks = [Mark(rep.evidence_start, rep.evidence_end, "event", rep.type, anchor=f"evidence-{rep.id}",
                          target=True)]
            spans = field_spans(doc.text, doc.analysis or {}, rep.local_id, doc.language, doc.published)
            accounts.append({"report": rep, "doc": doc, "html": highlight(doc.text, marks), "spans": spans,
                             "doc_href": f"/documents/{doc.id}?hl={rep.local_id}#ev-{rep.local_id}"})
        history = corrections.listing(s, subject="event", subject_id=event_id)
        ov = corrections.overlay(s)
        if event_id in ov.rejected_events:
            record.corrected["rejected"] = ov.rejected_events[event_id]
    return render(request, "event.html", nav="event", event=record, accounts=accounts,
                  disagreements=_disagreements(record), history=history, corrected=record.corrected,
                  writable=bool(request.app.state.write_token), fields=corrections.EVENT_FIELDS,
                  types=EVENT_TYPES, relation_types=RELATION_TYPES)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int, hl: str | None = None,
                  span: str | None = Query(None, pattern=r"^\d{1,9}-\d{1,9}$")):
    with _kb(request).session() as s:
        doc = s.get(Document, document_id)
        if doc is None:
            raise HTTPException(404, f"no document {document_id}")
        actor_ids = {local: canonical(s, aid) for local, aid in s.execute(
            select(ActorLink.local_id, ActorLink.actor_id).where(ActorLink.document_id == document_id))}
        event_ids = dict(s.execute(select(EventReport.local_id, EventReport.event_id)
                                   .where(EventReport.document_id == document_id)).all())
    analysis = doc.analysis or {}
    marks = document_marks(doc.text, analysis, actor_ids, target=hl, language=doc.language, published=doc.published)
    focus = None
    if span:  # one field's evidence (from the event page): highlighted, scrolled to
        start, end = (int(x) for x in span.split("-"))
        if 0 <= start < end <= len(doc.text):
            marks.append(Mark(start, end, "focus", anchor="span", target=True))
            focus = doc.text[start:end]
    return render(request, "document.html", nav="document", doc=doc, html=highlight(doc.text, marks),
                  ex=extraction(analysis, actor_ids, event_ids), saved=None, focus=focus)
