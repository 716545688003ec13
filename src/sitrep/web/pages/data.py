"""JSON for the scripts of the pages: ``/pages-data/events`` and ``/pages-data/network``."""
from __future__ import annotations

from typing import Any

from fastapi import Query, Request
from fastapi.responses import JSONResponse

from ...kb import query
from .plumbing import _date, _event_filters, _kb, router
from .templates import edge_class


def _event_json(e: query.EventRecord) -> dict[str, Any]:
    return {"id": e.id, "type": e.type, "date_start": e.date_start, "date_end": e.date_end, "place": e.place,
            "place_kind": e.place_kind, "country": e.country, "lat": e.lat, "lon": e.lon, "fatalities": e.fatalities, "n_sources": e.n_sources,
            "actors": [a.name for a in e.actors], "targets": [t.name for t in e.targets]}


@router.get("/pages-data/events")
def events_data(request: Request, actor: str | None = None, target: str | None = None,
                since: str | None = None, until: str | None = None, type: str | None = None,
                limit: int = Query(5000, ge=1, le=20000)):
    since, until = _date(since, "since"), _date(until, "until")
    try:
        with _kb(request).session() as s:
            evs = query.events(s, **_event_filters(actor, target, since, until, type), limit=limit)
    except query.UnknownActor as exc:
        return JSONResponse({"detail": str(exc)}, status_code=404)
    return {"events": [_event_json(e) for e in evs]}


@router.get("/pages-data/network")
def network_data(request: Request, since: str | None = None, until: str | None = None):
    since, until = _date(since, "since"), _date(until, "until")
    with _kb(request).session() as s:
        net = query.network(s, since=since, until=until)
    edges = [dict(e, cls=edge_class(e["kind"], e["type"])) for e in net.edges]
    return {"nodes": net.nodes, "edges": edges}
