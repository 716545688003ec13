"""Server-rendered pages (Jinja2): overview, network, timeline, map, actor, event, document, analyse.

Article text, titles, URLs and names are untrusted.  Every template is autoescaped; the highlighted
document text is built here from the stored offsets by escaping each piece of text
(:func:`markupsafe.escape`) before it is wrapped in spans, so no article content is ever marked safe
as it stands.  Pages carry no inline script or style: the JavaScript under /static reads its data
from ``data-`` attributes and from the small JSON routes under ``/pages-data/``.
"""
from __future__ import annotations

import hmac
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from ..kb import corrections, query
from ..model import (COOPERATIVE_EVENT_TYPES, EVENT_TYPES, HOSTILE_EVENT_TYPES, RELATION_TYPES,
                     VERBAL_COOPERATIVE_EVENT_TYPES, event_edge_kind)
from .evidence import field_spans
from ..kb.merge import canonical
from ..kb.schema import Actor, ActorLink, Document, Event, EventReport, Participant

router = APIRouter(include_in_schema=False)

HERE = Path(__file__).parent
# Upper limit for a pasted or uploaded article on /analyze (bytes).
MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # the app's body limit (security.DEFAULT_MAX_BODY) is met first

HOSTILE = HOSTILE_EVENT_TYPES
COOPERATIVE = {"supports", "allied_with"}
STRUCTURAL = {"leader_of", "member_of", "part_of", "spokesperson_of"}


def edge_class(kind: str, type_: str) -> str:
    """hostile, cooperative, verbal-cooperative, structural or other: the colour of a network edge."""
    if type_ in EVENT_TYPES:
        return event_edge_kind(type_)
    if type_ in COOPERATIVE:
        return "cooperative"
    if type_ in STRUCTURAL:
        return "structural"
    return "other"


def http_url(value: Any) -> str | None:
    """``value`` when it is an http(s) URL, else None: a ``javascript:`` URL never becomes a link."""
    if not value or not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["http_url"] = http_url
    env.filters["qs"] = lambda d: urlencode({k: v for k, v in d.items() if v})
    env.globals["edge_class"] = edge_class
    return env


ENV = _env()


def render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    ctx.setdefault("nav", name.removesuffix(".html"))
    html = ENV.get_template(name).render(request=request, **ctx)
    return HTMLResponse(html, status_code=status_code)


def _kb(request: Request):
    return request.app.state.kb


def _date(value: str | None, name: str) -> str | None:
    """A YYYY-MM-DD (or YYYY-MM, YYYY) filter value, or None; anything else is a 400."""
    if not value:
        return None
    value = value.strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise HTTPException(400, f"{name} must be a date YYYY-MM-DD")
    return value


# ---------------------------------------------------------------- highlighting
@dataclass(slots=True)
class Mark:
    """One highlighted stretch of a document: ``kind`` actor/place/date (entities) or event/quote (blocks)."""

    start: int
    end: int
    kind: str
    label: str = ""
    title: str = ""
    href: str | None = None
    anchor: str | None = None
    target: bool = False
    extra: dict[str, str] = field(default_factory=dict)


ENTITY_KINDS = ("actor", "place", "date")


def highlight(text: str, marks: list[Mark]) -> Markup:
    """The text as HTML with the marks as spans, in the manner of displaCy.

    Blocks (event evidence, quotes) may overlap anything; entities (actors, places, dates) are kept
    apart (the longest first where they overlap).  Each piece of text is escaped before it is wrapped.
    """
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    entities: list[Mark] = []
    taken: list[tuple[int, int]] = []
    for m in sorted((m for m in marks if m.kind in ENTITY_KINDS), key=lambda m: (-(m.end - m.start), m.start)):
        if not any(m.start < e and s < m.end for s, e in taken):
            entities.append(m)
            taken.append((m.start, m.end))
    entities.sort(key=lambda m: m.start)
    blocks = [m for m in marks if m.kind not in ENTITY_KINDS]
    cuts = {0, n}
    for m in blocks + entities:
        cuts.update((m.start, m.end))
    bounds = sorted(cuts)

    def piece(s: int, e: int) -> Markup:
        active = [b for b in blocks if b.start < e and s < b.end]
        out = Markup("")
        for b in blocks:
            if b.anchor and b.start == s:
                out += Markup('<span class="anchor" id="{}"></span>').format(b.anchor)
        chunk = escape(text[s:e])
        if not active:
            return out + chunk
        classes = " ".join(sorted({f"hl-{b.kind}" for b in active} | {"hl-target" for b in active if b.target}))
        refs = " ".join(b.anchor or "" for b in active if b.anchor)
        return out + Markup('<span class="{}" data-refs="{}">{}</span>').format(classes, refs, chunk)

    html = Markup("")
    ent_iter = iter(entities)
    ent = next(ent_iter, None)
    i = 0
    while i < len(bounds) - 1:
        s = bounds[i]
        if ent is not None and ent.start == s:
            inner = Markup("")
            while i < len(bounds) - 1 and bounds[i] < ent.end:
                inner += piece(bounds[i], bounds[i + 1])
                i += 1
            label = Markup('<span class="ent-label">{}</span>').format(ent.label)
            title = ent.title or ent.label
            if ent.href:
                html += Markup('<a class="ent ent-{}" href="{}" title="{}">{}{}</a>').format(
                    ent.kind, ent.href, title, inner, label)
            else:
                html += Markup('<mark class="ent ent-{}" title="{}">{}{}</mark>').format(ent.kind, title, inner, label)
            ent = next(ent_iter, None)
            continue
        html += piece(s, bounds[i + 1])
        i += 1
    return html


@lru_cache(maxsize=1)
def _gazetteer():
    from ..extract.places import Gazetteer

    return Gazetteer.default()


def places_and_dates(text: str, language: str | None, published: str | None) -> list[Mark]:
    """Places and dates found again in the text (cheap, deterministic: the same finders the extractor ran)."""
    out: list[Mark] = []
    try:
        from ..extract.dates import resolver
        from ..extract.matching import normalise

        norm = normalise(text)
        if len(norm) != len(text):
            return out
        for p in _gazetteer().find(norm):
            out.append(Mark(p.start, p.end, "place", "PLACE",
                            title=f"{p.place.name} ({p.place.country or '-'}, {p.place.kind})"))
        for d in resolver((language or "en").lower()).find(norm, published):
            out.append(Mark(d.start, d.end, "date", "DATE", title=f"{d.value or '?'} ({d.precision or '?'})"))
    except Exception:  # noqa: BLE001 - an unknown language or an odd text: no places and dates, not an error page
        return out
    return out


def document_marks(text: str, analysis: dict[str, Any], actor_ids: dict[str, int] | None = None,
                   target: str | None = None, language: str | None = None,
                   published: str | None = None) -> list[Mark]:
    """Marks for a document from its analysis record (FORMAT.md offsets), plus places and dates."""
    marks: list[Mark] = []
    actor_ids = actor_ids or {}
    names = {a["id"]: a["name"] for a in analysis.get("actors", [])}
    for a in analysis.get("actors", []):
        kb_id = actor_ids.get(a["id"])
        for m in a.get("mentions") or []:
            marks.append(Mark(m["start"], m["end"], "actor", str(a.get("kind") or "actor").upper(),
                              title=f"{a['name']} ({a.get('kind')}, {a.get('country') or '-'})",
                              href=f"/actors/{kb_id}" if kb_id else None))
    for e in analysis.get("events", []):
        ev = e.get("evidence") or {}
        if "start" in ev:
            who = ", ".join(names.get(x, x) for x in e.get("actors", []))
            whom = ", ".join(names.get(x, x) for x in e.get("targets", []))
            marks.append(Mark(ev["start"], ev["end"], "event", e["type"], title=f"{e['type']}: {who} -> {whom}",
                              anchor=f"ev-{e['id']}", target=(e["id"] == target)))
    for q in analysis.get("quotes", []):
        marks.append(Mark(q["start"], q["end"], "quote", "QUOTE", anchor=f"q-{q['id']}"))
    marks.extend(places_and_dates(text, language or analysis.get("language"), published or analysis.get("published")))
    return marks


def extraction(analysis: dict[str, Any], actor_ids: dict[str, int] | None = None,
               event_ids: dict[str, int] | None = None) -> dict[str, Any]:
    """The analysis record arranged for the extraction tables under a document."""
    actor_ids = actor_ids or {}
    event_ids = event_ids or {}
    names = {a["id"]: a["name"] for a in analysis.get("actors", [])}

    def who(ids: list[str]) -> list[dict[str, Any]]:
        return [{"name": names.get(x, x), "id": actor_ids.get(x)} for x in ids]

    return {
        "actors": [{"name": a["name"], "kind": a.get("kind"), "country": a.get("country"),
                    "mentions": len(a.get("mentions") or []), "id": actor_ids.get(a["id"])}
                   for a in analysis.get("actors", [])],
        "events": [{"local": e["id"], "type": e["type"], "mode": e.get("mode"), "date": e.get("date"),
                    "place": (e.get("location") or {}).get("name"), "fatalities": e.get("fatalities"),
                    "injuries": e.get("injuries"), "status": e.get("status"), "actors": who(e.get("actors", [])),
                    "targets": who(e.get("targets", [])), "evidence": (e.get("evidence") or {}).get("text", ""),
                    "kb_id": event_ids.get(e["id"])}
                   for e in analysis.get("events", [])],
        "quotes": [{"local": q["id"], "text": q["text"], "speaker": names.get(q.get("speaker") or "", q.get("speaker_text")),
                    "speaker_id": actor_ids.get(q.get("speaker") or ""), "kind": q.get("kind")}
                   for q in analysis.get("quotes", [])],
        "relations": [{"subject": names.get(r["subject"], r["subject"]), "subject_id": actor_ids.get(r["subject"]),
                       "type": r["type"], "object": names.get(r["object"], r["object"]),
                       "object_id": actor_ids.get(r["object"]), "evidence": (r.get("evidence") or {}).get("text", "")}
                      for r in analysis.get("relations", [])],
    }


# ---------------------------------------------------------------- helpers over the knowledge base
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


def _event_filters(actor: str | None, target: str | None, since: str | None, until: str | None,
                   type: str | None = None) -> dict[str, str]:
    if type:
        bad = [t for t in type.upper().split(",") if t.strip() and t.strip() not in EVENT_TYPES]
        if bad:
            raise HTTPException(400, f"unknown event type {bad[0]!r}; one of {', '.join(EVENT_TYPES)}")
    return {k: v for k, v in (("actor", actor), ("target", target), ("since", since), ("until", until),
                              ("type", type and type.upper())) if v}


def _events_or_error(request: Request, filters: dict[str, str]) -> tuple[list, str | None]:
    """The events a page shows, or none and the message when it names an unknown actor (the page says so)."""
    try:
        with _kb(request).session() as s:
            return query.events(s, **filters), None
    except query.UnknownActor as exc:
        return [], str(exc)


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


# ---------------------------------------------------------------- analyse
@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request):
    return render(request, "analyze.html", nav="analyze", form={}, error=None, result=None,
                  writable=bool(request.app.state.write_token))


async def _analyse(text: str, published: str | None, title: str | None, url: str | None, language: str | None):
    from .pool import shared_pool

    # in the server's worker processes, under the time budget: the event loop stays free (see web/pool.py)
    return await shared_pool().analyse(text=text, published=published or None, language=language or None,
                                       title=title or None, url=url or None, source="web form")


async def _read_form(request: Request) -> tuple[dict[str, str], Any]:
    """The form's fields and file; the body limit's 413 stays a 413 (FastAPI's Form() parsing made it a 400)."""
    try:
        data = await request.form(max_files=1, max_fields=20)
    except Exception as exc:  # noqa: BLE001 - malformed multipart, or the body limit met while streaming
        if type(exc).__name__ == "_TooLarge":
            raise HTTPException(413, f"the upload is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MiB") from None
        raise HTTPException(400, "the form cannot be read") from None
    from starlette.datastructures import UploadFile as Upload  # what request.form() gives (FastAPI's subclasses it)

    fields = {k: v if isinstance(v, str) else "" for k, v in data.items()}
    upload = data.get("file")
    return fields, upload if isinstance(upload, Upload) else None


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_submit(request: Request):
    from ..errors import SitrepError

    fields, file = await _read_form(request)
    text, published, title, url, language, save, token = (fields.get(k, "") for k in (
        "text", "published", "title", "url", "language", "save", "token"))
    form = {"text": text, "published": published, "title": title, "url": url, "language": language}
    writable = bool(request.app.state.write_token)

    def fail(message: str, code: int = 400) -> HTMLResponse:
        return render(request, "analyze.html", nav="analyze", form=form, error=message, result=None,
                      writable=writable, status_code=code)

    if published and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", published.strip()):
        return fail("the publication date must be YYYY-MM-DD")
    if url and not http_url(url):
        return fail("the URL must start with http:// or https://")
    if file is not None and file.filename:
        data = await file.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            return fail(f"the file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MiB", 413)
        from ..ingest.readers import decode, html_to_document

        try:
            html = decode(data, file.filename)
            if file.filename.lower().endswith((".txt", ".text")):
                text = html
            else:
                got = await run_in_threadpool(html_to_document, html, file.filename, file.filename)
                text = got.text
                title = title or (got.title or "")
                published = published or (got.published or "")
                url = url or (http_url(got.url) or "")
        except SitrepError as exc:
            return fail(str(exc))
        form.update(text=text, title=title, published=published, url=url)
    if len(text.encode("utf-8", "replace")) > MAX_UPLOAD_BYTES:
        return fail(f"the text is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MiB", 413)
    if not text.strip():
        return fail("paste an article or upload an HTML page")
    if save:
        expected = request.app.state.write_token
        if not expected:
            return fail("this server is read-only (started without a write token): nothing can be saved", 403)
        if not token or not hmac.compare_digest(token.encode(), str(expected).encode()):
            return fail("wrong write token: the article was not saved", 403)
    try:
        doc = await _analyse(text, published, title, url, language)
    except SitrepError as exc:
        return fail(str(exc), 503 if exc.code == "E099" else 400)
    analysis = doc.to_dict()
    saved = None
    actor_ids: dict[str, int] = {}
    event_ids: dict[str, int] = {}
    if save:
        kb = _kb(request)
        try:
            stored = await run_in_threadpool(kb.add, doc)
        except SitrepError as exc:
            return fail(str(exc), 500)
        saved = stored
        with kb.session() as s:
            actor_ids = {local: canonical(s, aid) for local, aid in s.execute(
                select(ActorLink.local_id, ActorLink.actor_id).where(ActorLink.document_id == stored.document_id))}
            event_ids = dict(s.execute(select(EventReport.local_id, EventReport.event_id)
                                       .where(EventReport.document_id == stored.document_id)).all())
    marks = document_marks(doc.text, analysis, actor_ids, language=doc.language, published=doc.published)
    result = {"html": highlight(doc.text, marks), "ex": extraction(analysis, actor_ids, event_ids),
              "language": doc.language, "published": doc.published, "title": doc.title, "url": doc.url}
    return render(request, "analyze.html", nav="analyze", form=form, error=None, result=result, saved=saved,
                  writable=writable)


# ---------------------------------------------------------------- JSON for the scripts of the pages
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


__all__ = ["router", "highlight", "Mark", "http_url", "edge_class"]
