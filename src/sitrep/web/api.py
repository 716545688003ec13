"""REST API under /api (OpenAPI at /docs and /openapi.json).

Read endpoints over the knowledge base (documents, actors, events, quotes, relations, the network,
search), ``POST /api/analyze`` (analyse a text or an uploaded HTML page; ``save`` stores it, which
needs the write token) and ``GET /api/health``.  Lists are pages: ``limit``/``offset`` in, ``items``,
``total``, ``limit`` and ``offset`` out.  Every error is ``{"error": {"code", "message"}}``
(:mod:`sitrep.web.security`).  Article text is returned as JSON strings only, never as markup.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, literal, or_, select
from sqlalchemy.orm import Session

from .. import __version__
from ..errors import SitrepError
from ..kb import query as Q
from ..kb.merge import norm
from ..kb.schema import (
    Actor,
    ActorAlias,
    Document,
    Event,
    EventReport,
    Participant,
    Quote,
    QuoteReport,
    Relation,
    RelationReport,
)
from ..model import ACTOR_KINDS, EVENT_TYPES, HOSTILE_EVENT_TYPES, RELATION_TYPES, event_edge_kind
from .security import ApiError, check_write

# Sources listed per event in lists of events (/api/events/{id} lists them all; n_sources counts them).
LIST_SOURCES = 5
router = APIRouter(prefix="/api")

MAX_LIMIT = 500
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# Network edge kinds: what an edge says about two actors.
HOSTILE_EVENTS = HOSTILE_EVENT_TYPES  # and cooperative / verbal-cooperative events: model.event_edge_kind
COOPERATIVE_RELATIONS = frozenset({"supports", "allied_with"})
STRUCTURAL_RELATIONS = frozenset({"leader_of", "member_of", "part_of", "spokesperson_of"})

T = TypeVar("T")


# ---------------------------------------------------------------- models
class Model(BaseModel):
    # fields the query layer adds later are dropped from responses until a model names them (never a 500)
    model_config = ConfigDict(extra="ignore")


class Page(Model, Generic[T]):
    items: list[T]
    total: int = Field(description="how many items match, over all pages")
    limit: int
    offset: int


class Health(Model):
    status: Literal["ok"]
    version: str
    read_only: bool
    documents: int


class ActorRef(Model):
    id: int
    name: str
    kind: str
    country: str | None


class ActorSummary(ActorRef):
    wikidata: str | None
    documents: int = Field(description="documents that name the actor")


class DocumentSummary(Model):
    id: int
    doc_key: str = Field(description="the input document's own id")
    url: str | None
    title: str | None
    source: str | None
    language: str | None
    published: str | None
    ingested_at: str | None
    extractor_version: str | None


class Span(BaseModel):
    model_config = ConfigDict(extra="allow")
    start: int
    end: int
    text: str


class Location(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


class DocActor(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    name: str
    aliases: list[str]
    kind: str
    country: str | None
    wikidata: str | None
    mentions: list[Span]


class DocEvent(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    type: str
    mode: str | None
    actors: list[str]
    targets: list[str]
    date: str | None
    date_precision: str | None
    location: Location | None
    fatalities: int | None
    injuries: int | None
    count: int | None
    status: str
    evidence: Span


class DocQuote(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_text: str | None
    cue: str | None


class DocRelation(BaseModel):
    model_config = ConfigDict(extra="allow")
    subject: str
    type: str
    object: str
    evidence: Span


class AnalysedDocumentOut(BaseModel):
    """The analysed-document format (FORMAT.md, ``schema: sitrep/1``)."""

    model_config = ConfigDict(extra="allow")
    schema_: str = Field(alias="schema", serialization_alias="schema")
    id: str | None
    language: str
    published: str | None
    actors: list[DocActor]
    events: list[DocEvent]
    quotes: list[DocQuote]
    relations: list[DocRelation]


class StoredInfo(Model):
    status: Literal["new", "skipped", "updated"]
    document_id: int
    events_new: int
    events_merged: int


class AnalyzeResult(AnalysedDocumentOut):
    stored: StoredInfo | None = Field(default=None, description="set when the request asked to save")


class DocumentDetail(DocumentSummary):
    text: str
    analysis: AnalysedDocumentOut | None = Field(description="the analysed-document record (FORMAT.md)")


class SourceAccount(Model):
    document_id: int
    doc_key: str
    url: str | None
    source: str | None
    published: str | None
    language: str | None
    title: str | None
    evidence: str
    date: str | None
    date_precision: str | None
    location: dict[str, Any] | None
    fatalities: int | None
    injuries: int | None
    count: int | None
    status: str


class Range(Model):
    min: int | None
    max: int | None


class EventOut(Model):
    id: int
    type: str
    mode: str | None
    status: str
    date_start: str | None
    date_end: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    fatalities: Range
    injuries: Range
    n_sources: int
    actors: list[ActorRef]
    targets: list[ActorRef]
    sources: list[SourceAccount]
    corrected: dict[str, int] = Field(default_factory=dict, description="fields an analyst corrected -> the "
                                                                        "correction's id")


class DocumentRef(Model):
    id: int
    doc_key: str
    url: str | None
    title: str | None
    source: str | None
    published: str | None
    language: str | None


class EventSource(Model):
    """One document's report of the event: where it says it and what it says (its own figures)."""

    document: DocumentRef
    local_id: str = Field(description="the event's id within the document's analysis (e3)")
    type: str
    mode: str | None
    status: str
    date: str | None
    date_precision: str | None
    location: dict[str, Any] | None
    fatalities: int | None
    injuries: int | None
    count: int | None
    actors: list[ActorRef]
    targets: list[ActorRef]
    evidence: Span


class FigureSpread(Model):
    min: int | None
    max: int | None
    by_source: list[int | None] = Field(description="each source's figure, in the order of `sources`")
    disagree: bool = Field(description="the sources state different figures")


class EventDetail(Model):
    id: int
    type: str
    mode: str | None
    status: str
    date_start: str | None
    date_end: str | None
    place: str | None
    place_kind: str | None
    country: str | None
    lat: float | None
    lon: float | None
    fatalities: FigureSpread
    injuries: FigureSpread
    n_sources: int
    actors: list[ActorRef]
    targets: list[ActorRef]
    disagreements: list[str] = Field(description="fields on which the sources differ (fatalities, injuries, date, "
                                                 "place, status)")
    sources: list[EventSource]
    corrected: dict[str, int] = Field(default_factory=dict, description="fields an analyst corrected (or 'rejected') "
                                                                        "-> the correction's id; the values shown "
                                                                        "are the corrected ones, each source's own")


class QuoteSource(Model):
    document_id: int
    doc_key: str
    url: str | None
    source: str | None
    published: str | None
    speaker_text: str | None
    cue: str | None


class QuoteOut(Model):
    id: int
    text: str
    kind: str
    speaker: ActorRef | None
    speaker_text: str | None
    published: str | None
    sources: list[QuoteSource]


class RelationRecord(Model):
    type: str
    other: ActorRef
    n_sources: int
    evidence: list[str]


class ProfileSource(Model):
    document_id: int
    doc_key: str
    url: str | None
    source: str | None
    published: str | None
    title: str | None
    mentions: int


class ActorProfileOut(Model):
    id: int
    name: str
    kind: str
    country: str | None
    wikidata: str | None
    registry_id: str | None
    aliases: list[str]
    merged: list[ActorRef]
    others: list[ActorRef]
    relations_out: list[RelationRecord]
    relations_in: list[RelationRecord]
    events_as_actor: dict[str, int]
    events_as_target: dict[str, int]
    quotes: list[QuoteOut]
    sources: list[ProfileSource]


class RelationEvidence(Model):
    document_id: int
    start: int
    end: int
    text: str


class RelationOut(Model):
    id: int
    type: str
    kind: Literal["cooperative", "structural"]
    subject: ActorRef
    object: ActorRef
    n_sources: int
    evidence: list[RelationEvidence]


class NetworkNode(Model):
    id: int
    name: str
    kind: str
    country: str | None
    events_as_actor: int
    events_as_target: int
    relations: int
    activity: int


EdgeKind = Literal["hostile", "cooperative", "verbal-cooperative", "structural", "other"]


class NetworkEdge(Model):
    source: int
    target: int
    source_name: str
    target_name: str
    kind: EdgeKind = Field(description="hostile: ASSAULT, COERCE, SANCTION, THREATEN, ACCUSE, REJECT events; "
                                       "cooperative: COOPERATE, AID, CONCEDE, RETREAT events and the supports, "
                                       "allied_with relations; verbal-cooperative: AGREE, CONSULT, SUPPORT events; "
                                       "structural: leader_of, member_of, part_of, spokesperson_of; "
                                       "other: REQUEST, PROTEST, MOBILIZE events")
    basis: Literal["event", "relation"] = Field(description="events (actor -> target) or stated relations "
                                                            "(subject -> object)")
    type: str = Field(description="the PLOVER event type or the relation type")
    weight: int = Field(description="events, or documents that state the relation")


class NetworkOut(Model):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class SearchOut(Model):
    q: str
    actors: list[ActorSummary]
    quotes: list[QuoteOut]


class AnalyzeRequest(Model):
    model_config = ConfigDict(extra="forbid")  # a misspelt "save" is an error, not a silent read-only call
    text: str = Field(min_length=1, description="the article text (plain text)")
    published: str | None = Field(default=None, pattern=DATE_PATTERN, description="YYYY-MM-DD, YYYY-MM or YYYY")
    language: str | None = Field(default=None, pattern=r"^[A-Za-z]{2,3}$", description="ISO 639-1 code")
    id: str | None = Field(default=None, max_length=512, description="copied to the output's id")
    source: str | None = Field(default=None, max_length=512)
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = None
    save: bool = Field(default=False, description="store it in the knowledge base (needs the write token)")


class ErrorBody(Model):
    code: str
    message: str


class ErrorOut(Model):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": ErrorOut, "description": "invalid parameters"}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "not found"}, **ERRORS}


# ---------------------------------------------------------------- plumbing
def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.kb.session() as s:
        yield s


SessionDep = Annotated[Session, Depends(get_session)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
DateQ = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY-MM-DD, YYYY-MM or YYYY")]


def _unknown(exc: Q.UnknownActor) -> ApiError:
    return ApiError(404, "unknown_actor", f"no actor named {exc.name!r} in the knowledge base")


def _types(value: str | None) -> list[str] | None:
    if not value:
        return None
    types = [t.strip().upper() for t in value.split(",") if t.strip()]
    bad = [t for t in types if t not in EVENT_TYPES]
    if bad:
        raise ApiError(422, "invalid_request", f"unknown event type {bad[0]!r}; one of {', '.join(EVENT_TYPES)}")
    return types


def _ref(r: Q.ActorRef) -> ActorRef:
    return ActorRef(id=r.id, name=r.name, kind=r.kind, country=r.country)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _doc_summary(d: Document) -> DocumentSummary:
    return DocumentSummary(id=d.id, doc_key=d.doc_key, url=d.url, title=d.title, source=d.source, language=d.language,
                           published=d.published, ingested_at=_iso(d.ingested_at),
                           extractor_version=d.extractor_version)


def _count(session: Session, stmt) -> int:
    return int(session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)


# ---------------------------------------------------------------- health
@router.get("/health", response_model=Health, tags=["meta"], summary="Liveness and read-only status")
def health(request: Request, session: SessionDep) -> Health:
    n = session.scalar(select(func.count()).select_from(Document)) or 0
    return Health(status="ok", version=__version__, read_only=not request.app.state.write_token, documents=n)


# ---------------------------------------------------------------- documents
@router.get("/documents", response_model=Page[DocumentSummary], tags=["documents"],
            summary="Stored documents, the newest first", responses=ERRORS)
def list_documents(session: SessionDep, limit: Limit = 50, offset: Offset = 0,
                   q: Annotated[str | None, Query(max_length=200, description="words in the title")] = None,
                   language: Annotated[str | None, Query(max_length=8)] = None) -> Page[DocumentSummary]:
    cols = (Document.id, Document.doc_key, Document.url, Document.title, Document.source, Document.language,
            Document.published, Document.ingested_at, Document.extractor_version)
    stmt = select(*cols)  # never the text or the analysis: a page of metadata
    if language:
        stmt = stmt.where(Document.language == language.lower())
    if q:
        for word in q.split():
            stmt = stmt.where(Document.title.ilike(f"%{_like(word)}%", escape="\\"))
    total = _count(session, stmt)
    rows = session.execute(stmt.order_by(Document.published.desc().nulls_last(), Document.id.desc())
                           .limit(limit).offset(offset))
    items = [DocumentSummary(id=r.id, doc_key=r.doc_key, url=r.url, title=r.title, source=r.source,
                             language=r.language, published=r.published, ingested_at=_iso(r.ingested_at),
                             extractor_version=r.extractor_version) for r in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


def _like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@router.get("/documents/{document_id}", response_model=DocumentDetail, tags=["documents"],
            summary="One document: metadata, text and its analysis record", responses=NOT_FOUND)
def get_document(session: SessionDep, document_id: Annotated[int, Path(ge=1, le=2**62)]) -> DocumentDetail:
    d = session.get(Document, document_id)
    if d is None:
        raise ApiError(404, "not_found", f"no document {document_id}")
    base = _doc_summary(d).model_dump()
    return DocumentDetail(**base, text=d.text, analysis=_analysis(d.analysis))


def _analysis(record: Any) -> AnalysedDocumentOut | None:
    if not isinstance(record, dict):
        return None
    rec = {k: v for k, v in record.items() if k != "text"}  # the text is the document's `text`
    return AnalysedDocumentOut.model_validate(rec)


# ---------------------------------------------------------------- actors
@router.get("/actors", response_model=Page[ActorSummary], tags=["actors"],
            summary="Actors (after merges), the most often named first", responses=ERRORS)
def list_actors(session: SessionDep, limit: Limit = 50, offset: Offset = 0,
                q: Annotated[str | None, Query(max_length=200, description="part of a name or alias")] = None,
                kind: Annotated[Literal[ACTOR_KINDS] | None, Query(description="actor kind")] = None,  # type: ignore[valid-type]
                country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None) -> Page[ActorSummary]:
    stmt = _actor_search(q, kind, country)
    total = _count(session, stmt)
    rows = session.execute(stmt.limit(limit).offset(offset))
    items = [ActorSummary(id=a.id, name=a.name, kind=a.kind, country=a.country, wikidata=a.wikidata, documents=int(n))
             for a, n in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


def _actor_search(q: str | None, kind: str | None = None, country: str | None = None):
    stmt = select(Actor, Actor.n_documents.label("n")).where(Actor.merged_into_id.is_(None))  # stored count
    if q:
        key = norm(q)
        if key:
            merged_alias = (select(Actor.merged_into_id).join(ActorAlias, ActorAlias.actor_id == Actor.id)
                            .where(ActorAlias.norm.contains(key, autoescape=True), Actor.merged_into_id.is_not(None)))
            stmt = stmt.where(or_(Actor.id.in_(select(ActorAlias.actor_id)
                                               .where(ActorAlias.norm.contains(key, autoescape=True))),
                                  Actor.name.ilike(f"%{_like(q.strip())}%", escape="\\"),
                                  Actor.id.in_(merged_alias)))
        else:
            stmt = stmt.where(Actor.name.ilike(f"%{_like(q.strip())}%", escape="\\"))
    if kind:
        stmt = stmt.where(Actor.kind == kind)
    if country:
        stmt = stmt.where(Actor.country == country.upper())
    return stmt.order_by(Actor.n_documents.desc(), Actor.name, Actor.id)


@router.get("/actors/{actor_id}", response_model=ActorProfileOut, tags=["actors"],
            summary="An actor's profile: aliases, relations, events, quotes, sources", responses=NOT_FOUND)
def get_actor(session: SessionDep, actor_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict[str, Any]:
    profile = Q.actor_profile_by_id(session, actor_id)
    if profile is None:
        raise ApiError(404, "not_found", f"no actor {actor_id}")
    return profile.to_dict()


# ---------------------------------------------------------------- events
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
    """The event with the analysts' corrections applied (the sources keep what they said)."""
    from ..kb import corrections

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


# ---------------------------------------------------------------- quotes
@router.get("/quotes", response_model=Page[QuoteOut], tags=["quotes"],
            summary="Quotes, the most recently reported first", responses=NOT_FOUND)
def list_quotes(session: SessionDep, limit: Limit = 50, offset: Offset = 0,
                speaker: Annotated[str | None, Query(max_length=200, description="speaker (name or alias)")] = None,
                contains: Annotated[str | None, Query(max_length=500, description="words the quote contains")] = None
                ) -> dict[str, Any]:
    try:
        total = _quote_count(session, speaker, contains)
        items = Q.quotes(session, speaker=speaker, contains=contains, limit=limit, offset=offset)
    except Q.UnknownActor as exc:
        raise _unknown(exc) from None
    return {"items": [q.to_dict() for q in items], "total": total, "limit": limit, "offset": offset}


def _quote_count(session: Session, speaker: str | None, contains: str | None) -> int:
    """How many quotes :func:`sitrep.kb.query.quotes` finds with these filters (all pages)."""
    stmt = select(Quote.id).where(Quote.id.in_(select(QuoteReport.quote_id)))
    if speaker:
        stmt = stmt.where(Quote.speaker_id.in_(Q._required(session, speaker)))
    for word in norm(contains or "").split():
        stmt = stmt.where((literal(" ") + Quote.norm + literal(" ")).contains(f" {word} "))
    return _count(session, stmt)


# ---------------------------------------------------------------- relations
@router.get("/relations", response_model=Page[RelationOut], tags=["relations"],
            summary="Stated relations between actors (leader_of, supports, ...), the best attested first",
            responses=NOT_FOUND)
def list_relations(session: SessionDep, limit: Limit = 50, offset: Offset = 0,
                   actor: Annotated[str | None, Query(max_length=200, description="subject or object (name or alias)")] = None,
                   type: Annotated[Literal[RELATION_TYPES] | None, Query(description="relation type")] = None  # type: ignore[valid-type]
                   ) -> dict[str, Any]:
    n = Relation.n_documents  # stored (sitrep.kb.counts); a relation without reports is no row
    stmt = select(Relation, n.label("n")).where(n > 0)
    if actor:
        try:
            ids = Q._required(session, actor)
        except Q.UnknownActor as exc:
            raise _unknown(exc) from None
        stmt = stmt.where(or_(Relation.subject_id.in_(ids), Relation.object_id.in_(ids)))
    if type:
        stmt = stmt.where(Relation.type == type)
    total = _count(session, stmt)
    rows = list(session.execute(stmt.order_by(n.desc(), Relation.id).limit(limit).offset(offset)))
    evidence: dict[int, list[RelationEvidence]] = defaultdict(list)
    if rows:
        rank = (select(RelationReport.id.label("rid"), func.row_number().over(
            partition_by=RelationReport.relation_id, order_by=RelationReport.id).label("rn"))
            .where(RelationReport.relation_id.in_([r.id for r, _ in rows])).subquery())
        for rep in session.scalars(select(RelationReport).join(rank, rank.c.rid == RelationReport.id)
                                   .where(rank.c.rn <= 5).order_by(RelationReport.id)):
            if len(evidence[rep.relation_id]) < 5:
                evidence[rep.relation_id].append(RelationEvidence(document_id=rep.document_id, start=rep.evidence_start,
                                                                  end=rep.evidence_end, text=rep.evidence_text))
    helper = Q._Actors(session)
    items = [RelationOut(id=r.id, type=r.type, kind="cooperative" if r.type in COOPERATIVE_RELATIONS else "structural",
                         subject=_ref(helper.ref(r.subject_id)), object=_ref(helper.ref(r.object_id)), n_sources=int(k),
                         evidence=evidence[r.id]) for r, k in rows]
    return {"items": items, "total": total, "limit": limit, "offset": offset}


# ---------------------------------------------------------------- network
def edge_kind(basis: str, type_: str) -> str:
    """hostile, cooperative, verbal-cooperative, structural or other, for an edge's basis (event/relation) and type."""
    if basis == "event":
        return event_edge_kind(type_)
    if type_ in COOPERATIVE_RELATIONS:
        return "cooperative"
    return "structural" if type_ in STRUCTURAL_RELATIONS else "other"


@router.get("/network", response_model=NetworkOut, tags=["network"],
            summary="The actor network: nodes and typed, weighted edges", responses=NOT_FOUND)
def get_network(session: SessionDep, since: DateQ = None, until: DateQ = None,
                actor: Annotated[str | None, Query(max_length=200, description="only edges touching this actor")] = None,
                type: Annotated[str | None, Query(max_length=200, description="event type(s) for event edges")] = None,
                country: Annotated[str | None, Query(max_length=64, description="country of the events")] = None
                ) -> NetworkOut:
    try:
        net = Q.network(session, since=since, until=until, actor=actor, type=_types(type), country=country)
    except Q.UnknownActor as exc:
        raise _unknown(exc) from None
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    edges = [NetworkEdge(source=e["source"], target=e["target"], source_name=e["source_name"],
                         target_name=e["target_name"], kind=edge_kind(e["kind"], e["type"]),  # type: ignore[arg-type]
                         basis=e["kind"], type=e["type"], weight=e["weight"]) for e in net.edges]
    return NetworkOut(nodes=[NetworkNode(**n) for n in net.nodes], edges=edges)


# ---------------------------------------------------------------- search
@router.get("/search", response_model=SearchOut, tags=["search"], summary="Actors and quotes matching words",
            responses=ERRORS)
def search(session: SessionDep, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> SearchOut:
    rows = session.execute(_actor_search(q).limit(limit))
    actors = [ActorSummary(id=a.id, name=a.name, kind=a.kind, country=a.country, wikidata=a.wikidata, documents=int(n))
              for a, n in rows]
    quotes = Q.quotes(session, contains=q, limit=limit) if norm(q) else []
    return SearchOut(q=q, actors=actors, quotes=[QuoteOut.model_validate(x.to_dict()) for x in quotes])


# ---------------------------------------------------------------- analyze
ANALYZE_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/AnalyzeRequest"}},
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {
                "file": {"type": "string", "format": "binary", "description": "an HTML page or a plain-text file"},
                "published": {"type": "string", "pattern": DATE_PATTERN},
                "language": {"type": "string", "pattern": r"^[A-Za-z]{2,3}$"},
                "save": {"type": "boolean", "default": False}}}},
    },
}


@router.post("/analyze", response_model=AnalyzeResult, response_model_by_alias=True, tags=["analyze"],
             summary="Analyse an article (JSON text or an uploaded HTML file); `save` stores it",
             openapi_extra={"requestBody": ANALYZE_BODY},
             responses={401: {"model": ErrorOut, "description": "save without a write token"},
                        403: {"model": ErrorOut, "description": "save with a wrong token, or a read-only server"},
                        413: {"model": ErrorOut, "description": "the body is over the size limit"},
                        415: {"model": ErrorOut, "description": "neither JSON nor multipart"},
                        422: {"model": ErrorOut, "description": "invalid or unanalysable input"}})
async def analyze(request: Request) -> dict[str, Any]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json" or ctype.endswith("+json"):
        raw = await request.body()
        try:
            payload = json.loads(raw)
        except (ValueError, UnicodeDecodeError):  # also a number of more than 4,300 digits
            raise ApiError(422, "invalid_request", "the body is not valid JSON") from None
        except RecursionError:  # [[[[... 100,000 deep: deeper than any parser recurses
            raise ApiError(422, "invalid_request", "the JSON body is nested too deeply") from None
        from pydantic import ValidationError
        try:
            req = AnalyzeRequest.model_validate(payload)
        except ValidationError as exc:
            msg = "; ".join(f"{'.'.join(str(x) for x in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()[:5])
            raise ApiError(422, "invalid_request", msg) from None
        html = None
    elif ctype == "multipart/form-data":
        req, html = await _from_form(request)
    else:
        raise ApiError(415, "unsupported_media_type", "send application/json ({\"text\": ...}) or "
                                                      "multipart/form-data with a file")
    if req.save:
        check_write(request)  # before the costly analysis
    return await _analyse_and_store(request, req, html)


async def _from_form(request: Request) -> tuple[AnalyzeRequest, str | None]:
    import re

    from starlette.datastructures import UploadFile

    try:
        form = await request.form(max_files=1, max_fields=20)
    except Exception as exc:  # malformed multipart
        if type(exc).__name__ == "_TooLarge":
            raise
        raise ApiError(422, "invalid_request", "the multipart body cannot be read") from None
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ApiError(422, "invalid_request", "multipart: the field 'file' (an HTML or text file) is missing")
    data = await upload.read()
    fields = {k: form.get(k) for k in ("published", "language", "save", "id")}
    for k, v in fields.items():
        if v is not None and not isinstance(v, str):
            raise ApiError(422, "invalid_request", f"multipart: {k} must be a plain field")
    published = fields["published"] or None
    language = fields["language"] or None
    if published and not re.fullmatch(DATE_PATTERN, published):
        raise ApiError(422, "invalid_request", "published: a date YYYY-MM-DD, YYYY-MM or YYYY")
    if language and not re.fullmatch(r"[A-Za-z]{2,3}", language):
        raise ApiError(422, "invalid_request", "language: an ISO 639-1 code")
    save = str(fields["save"] or "").strip().lower() in ("1", "true", "yes", "on")
    if b"\x00" in data[:4096]:
        raise ApiError(422, "E002", "the file is binary, not HTML or text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ApiError(422, "E004", f"the file is not UTF-8 (invalid byte at {exc.start})") from None
    name = (upload.filename or "").lower()
    ctype = (upload.content_type or "").lower()
    is_html = name.endswith((".html", ".htm")) or "html" in ctype or text.lstrip()[:1] == "<"
    req = AnalyzeRequest(text=text or " ", published=published, language=language,
                         id=fields["id"] or (upload.filename or None), save=save)
    return req, (text if is_html else None)


async def _analyse_and_store(request: Request, req: AnalyzeRequest, html: str | None) -> dict[str, Any]:
    from starlette.concurrency import run_in_threadpool

    from .pool import shared_pool

    # in a worker process, under the time budget (E023); HTML without article text is E007
    try:
        doc = await shared_pool().analyse(html=html, text=req.text, published=req.published, language=req.language,
                                          doc_id=req.id, source=req.source, url=req.url, title=req.title)
    except SitrepError as exc:
        if exc.code == "E099":  # the server's fault, not the request's: logged in the worker
            raise ApiError(503, exc.code, "the analysis failed on the server; try again") from None
        raise  # E00x, E023: the request's document (422 with its code and message)
    out = doc.to_dict(include_text=True)
    out["stored"] = None
    if req.save:
        try:
            st = await run_in_threadpool(request.app.state.kb.add, doc)
        except SitrepError as exc:
            raise ApiError(503, exc.code, "the knowledge base refused the write; try again") from exc
        out["stored"] = {"status": st.status, "document_id": st.document_id, "events_new": st.events_new,
                         "events_merged": st.events_merged}
    return out

