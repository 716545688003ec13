"""The table pages (events, documents, actors, quotes, relations), their downloads, the search page,
the error page, and the table API (``/api/tables/{table}``).

The rows, filters and sort come from :mod:`sitrep.kb.tables`, so a page, its "download these rows"
links (CSV and JSON) and the API select the same rows for the same query string.  Sorting and
paging are links (no script needed).  A bad filter answers the page again with the message (400);
an unknown actor 404.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel
from sqlalchemy import func, select

from ..kb import query as Q
from ..kb import tables as T
from ..kb.merge import norm
from ..kb.schema import Document, Event
from ..model import ACTOR_KINDS, EVENT_TYPES, RELATION_TYPES
from .security import ApiError

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api")

TITLES = {"events": "Events", "documents": "Documents", "actors": "Actors", "quotes": "Quotes",
          "relations": "Relations"}
# Column headers of each page: (row key, label, sort key or None).
HEADERS: dict[str, list[tuple[str, str, str | None]]] = {
    "events": [("date", "Date", "date"), ("type", "Type", "type"), ("actors", "Actors", None),
               ("targets", "Targets", None), ("place", "Place", "place"), ("fatalities", "Fatalities", "fatalities"),
               ("sources", "Sources", "sources")],
    "documents": [("published", "Published", "published"), ("title", "Title", "title"),
                  ("source", "Source", "source"), ("language", "Language", "language"), ("events", "Events", None),
                  ("quotes", "Quotes", None)],
    "actors": [("name", "Name", "name"), ("kind", "Kind", "kind"), ("country", "Country", "country"),
               ("documents", "Documents", "documents")],
    "quotes": [("published", "Published", "published"), ("speaker", "Speaker", None), ("text", "Quote", None),
               ("source_names", "Sources", None)],
    "relations": [("subject", "Subject", None), ("type", "Relation", "type"), ("object", "Object", None),
                  ("sources", "Sources", "sources"), ("evidence", "Evidence", None)],
}
FILTER_LABELS = {"type": "Type", "actor": "Actor", "target": "Target", "country": "Country", "since": "From",
                 "until": "To", "language": "Language", "source": "Source", "q": "Words"}
TYPE_CHOICES = {"events": EVENT_TYPES, "documents": EVENT_TYPES, "actors": ACTOR_KINDS, "relations": RELATION_TYPES}
ACTOR_LABELS = {"quotes": "Speaker", "documents": "Names actor", "relations": "Subject or object"}


def _kb(request: Request):
    return request.app.state.kb


def _int(value: str | None, default: int, lo: int, hi: int, name: str) -> int:
    if value in (None, ""):
        return default
    try:
        n = int(value)
    except ValueError:
        raise T.BadFilter(f"{name} must be a whole number, not {value!r}") from None
    if not lo <= n <= hi:
        raise T.BadFilter(f"{name} must be between {lo} and {hi}")
    return n


def _page_args(request: Request) -> tuple[T.Filters, int, int]:
    qp = request.query_params
    return (T.Filters.from_mapping(qp), _int(qp.get("limit"), T.PAGE_SIZE, 1, T.MAX_PAGE, "limit"),
            _int(qp.get("offset"), 0, 0, 10_000_000, "offset"))


# ---------------------------------------------------------------- pages
def table_page(request: Request, table: str) -> HTMLResponse:
    from .pages import render

    error, status, result = None, 200, None
    f, limit, offset = T.Filters(), T.PAGE_SIZE, 0
    try:
        f, limit, offset = _page_args(request)
        with _kb(request).session() as s:
            result = T.page(s, table, f, limit, offset)
    except T.BadFilter as exc:
        error, status = str(exc), 400
    except Q.UnknownActor as exc:
        error, status = str(exc), 404
    active = f.active()
    base = {k: v for k, v in active.items() if k != "sort"}

    def link(**changes: Any) -> str:
        params = {**active, "limit": limit if limit != T.PAGE_SIZE else "", **changes}
        return f"/{table}?" + urlencode({k: v for k, v in params.items() if v not in ("", None, 0)})

    sort = result.sort if result else ""
    headers = []
    for key, label, sort_key in HEADERS[table]:
        if sort_key is None:
            headers.append({"label": label, "href": None, "dir": ""})
            continue
        current = sort.lstrip("-") == sort_key
        desc = sort.startswith("-")
        headers.append({"label": label, "dir": ("desc" if desc else "asc") if current else "",
                        "href": link(sort=(sort_key if current and desc else f"-{sort_key}"), offset=0)})
    qs = urlencode(active)
    pager = None
    if result:
        pager = {"first": offset + 1 if result.rows else 0, "last": offset + len(result.rows), "total": result.total,
                 "prev": link(offset=max(0, offset - limit)) if offset > 0 else None,
                 "next": link(offset=offset + limit) if offset + limit < result.total else None}
    return render(request, "table.html", status_code=status, nav=table, table=table, title=TITLES[table],
                  headers=headers, keys=[h[0] for h in HEADERS[table]], rows=result.rows if result else [],
                  pager=pager, error=error, filters=T.FILTERS[table], values=active, labels=FILTER_LABELS,
                  actor_label=ACTOR_LABELS.get(table, "Actor"), type_choices=TYPE_CHOICES.get(table, ()),
                  csv_href=f"/{table}.csv?{qs}", json_href=f"/{table}.json?{qs}",
                  api_href=f"/api/tables/{table}?{qs}", any_filter=bool(base), sort=sort,
                  undated=table == "documents")


def _download(request: Request, table: str, fmt: str) -> Response:
    """Every row the page's filters select (not only the page shown), as CSV or JSON."""
    try:
        f, _, _ = _page_args(request)
        with _kb(request).session() as s:
            T.page(s, table, f, limit=1, count=False)  # check the filters before the response starts
    except T.BadFilter as exc:
        return _error(request, 400, "bad_filter", str(exc))
    except Q.UnknownActor as exc:
        return _error(request, 404, "unknown_actor", str(exc))
    columns = list(T.COLUMNS[table])

    def rows() -> Iterator[dict[str, Any]]:
        with _kb(request).session() as s:
            yield from T.iter_rows(s, table, f)

    def as_csv() -> Iterator[str]:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for i, row in enumerate(rows()):
            w.writerow(row)
            if i % 500 == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    def as_json() -> Iterator[str]:
        yield "["
        for i, row in enumerate(rows()):
            yield ("," if i else "") + "\n" + json.dumps({k: row.get(k) for k in columns}, ensure_ascii=False)
        yield "\n]\n"

    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    return StreamingResponse(as_csv() if fmt == "csv" else as_json(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="sitrep-{table}.{fmt}"'})


def _error(request: Request, status: int, code: str, message: str) -> Response:
    if wants_html(request):
        from .pages import render

        return render(request, "error.html", status_code=status, nav="", status=status, message=message)
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def wants_html(request: Request) -> bool:
    """A browser asking for a page (not the API, the pages' JSON, a download or a script)."""
    path = request.url.path
    if path.startswith(("/api", "/pages-data", "/static", "/openapi")) or path.endswith((".csv", ".json")):
        return False
    return "text/html" in request.headers.get("accept", "") or "*/*" in request.headers.get("accept", "*/*")


async def html_error(request: Request, status: int, message: str) -> Response:
    """The error page for the pages (the security module's handler calls it for non-API paths)."""
    from .security import CODES

    if not wants_html(request):
        if status == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return JSONResponse({"error": {"code": CODES.get(status, f"http_{status}"), "message": message}},
                            status_code=status)
    if status == 404 and message == "Not Found":
        message = f"There is no page at {request.url.path}."
    return _error(request, status, CODES.get(status, "error"), message)


def _register() -> None:
    for name in T.TABLES:
        def page(request: Request, _t: str = name) -> HTMLResponse:
            return table_page(request, _t)

        def csv_(request: Request, _t: str = name) -> Response:
            return _download(request, _t, "csv")

        def json_(request: Request, _t: str = name) -> Response:
            return _download(request, _t, "json")

        router.add_api_route(f"/{name}", page, methods=["GET"], response_class=HTMLResponse)
        router.add_api_route(f"/{name}.csv", csv_, methods=["GET"])
        router.add_api_route(f"/{name}.json", json_, methods=["GET"])


_register()


# ---------------------------------------------------------------- search
@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = ""):
    """Actors, places, quotes and document titles that match the words of the header's search box."""
    from .pages import render

    q = q.strip()[:200]
    found: dict[str, Any] = {"actors": [], "places": [], "quotes": [], "documents": []}
    if q:
        with _kb(request).session() as s:
            found["actors"] = T.page(s, "actors", T.Filters(q=q), limit=20, count=False).rows
            found["quotes"] = T.page(s, "quotes", T.Filters(q=q), limit=20, count=False).rows if norm(q) else []
            found["documents"] = T.page(s, "documents", T.Filters(q=q), limit=20, count=False).rows
            found["places"] = [{"place": p, "country": c, "events": n} for p, c, n in s.execute(
                select(Event.place, Event.country, func.count(Event.id))
                .where(Event.place.ilike(Q._like(q), escape="\\"))  # noqa: SLF001
                .group_by(Event.place, Event.country).order_by(func.count(Event.id).desc()).limit(20))]
    return render(request, "search.html", nav="search", q=q, found=found,
                  n=sum(len(v) for v in found.values()))


# ---------------------------------------------------------------- the table API
class TableOut(BaseModel):
    table: str
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    sort: str


@api_router.get("/tables/{table}", response_model=TableOut, tags=["tables"],
                summary="A table's rows with the filters, sort and pages of its page (/events, /documents, ...)",
                responses={400: {"description": "a filter the table does not take, or a bad value"},
                           404: {"description": "an unknown table or actor"}})
def table_api(request: Request, table: Annotated[str, Path(pattern="^(events|documents|actors|quotes|relations)$")],
              type: Annotated[str | None, Query(max_length=200)] = None,
              actor: Annotated[str | None, Query(max_length=200)] = None,
              target: Annotated[str | None, Query(max_length=200)] = None,
              country: Annotated[str | None, Query(max_length=64)] = None,
              since: Annotated[str | None, Query(max_length=10)] = None,
              until: Annotated[str | None, Query(max_length=10)] = None,
              language: Annotated[str | None, Query(max_length=8)] = None,
              source: Annotated[str | None, Query(max_length=200)] = None,
              q: Annotated[str | None, Query(max_length=200)] = None,
              sort: Annotated[str | None, Query(max_length=32, description="a column; -column descending")] = None,
              limit: Annotated[int, Query(ge=1, le=T.MAX_PAGE)] = T.PAGE_SIZE,
              offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> dict[str, Any]:
    values = {"type": type, "actor": actor, "target": target, "country": country, "since": since, "until": until,
              "language": language, "source": source, "q": q, "sort": sort}
    try:
        f = T.Filters.from_mapping(values)
        with _kb(request).session() as s:
            p = T.page(s, table, f, limit, offset)
    except T.BadFilter as exc:
        raise ApiError(400, "bad_filter", str(exc)) from None
    except Q.UnknownActor as exc:
        raise ApiError(404, "unknown_actor", str(exc)) from None
    items = [{k: v for k, v in r.items() if k not in ("actor_refs", "target_refs")} for r in p.rows]
    return {"table": table, "items": items, "total": p.total, "limit": limit, "offset": offset, "sort": p.sort}


def undated_document_ids(session, ids: list[int]) -> set[int]:
    """Of these documents, those without a publication date (their relative dates are guesses)."""
    if not ids:
        return set()
    return set(session.scalars(select(Document.id).where(Document.id.in_(ids), Document.published.is_(None))))
