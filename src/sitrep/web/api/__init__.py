"""REST API under /api (OpenAPI at /docs and /openapi.json).

Read endpoints over the knowledge base (documents, actors, events, quotes, relations, the network,
search), ``POST /api/analyze`` (analyse a text or an uploaded HTML page; ``save`` stores it, which
needs the write token) and ``GET /api/health``.  Lists are pages: ``limit``/``offset`` in, ``items``,
``total``, ``limit`` and ``offset`` out.  Every error is ``{"error": {"code", "message"}}``
(:mod:`sitrep.web.security`).  Article text is returned as JSON strings only, never as markup.

The package is split by what each module holds: the response and request models (:mod:`.models` for
the shared ones, :mod:`.document_models`, :mod:`.event_models`, :mod:`.actor_models`), :mod:`.plumbing`
(the router, limits, the session dependency, shared helpers) and one ``routes_*`` module per group of
endpoints.  Every name is re-exported here.
"""
from __future__ import annotations

from .actor_models import (
    ActorProfileOut,
    EdgeKind,
    NetworkEdge,
    NetworkNode,
    NetworkOut,
    ProfileSource,
    QuoteOut,
    QuoteSource,
    RelationEvidence,
    RelationOut,
    RelationRecord,
    SearchOut,
)
from .document_models import (
    AnalysedDocumentOut,
    AnalyzeRequest,
    AnalyzeResult,
    DocActor,
    DocEvent,
    DocQuote,
    DocRelation,
    DocumentDetail,
    StoredInfo,
)
from .event_models import EventDetail, EventOut, EventSource, FigureSpread, Range, SourceAccount
from .models import (
    ERRORS,
    NOT_FOUND,
    ActorRef,
    ActorSummary,
    DocumentRef,
    DocumentSummary,
    ErrorBody,
    ErrorOut,
    Health,
    Location,
    Model,
    Page,
    Span,
    T,
)
from .plumbing import (
    COOPERATIVE_RELATIONS,
    DATE_PATTERN,
    HOSTILE_EVENTS,
    LIST_SOURCES,
    MAX_LIMIT,
    STRUCTURAL_RELATIONS,
    DateQ,
    Limit,
    Offset,
    SessionDep,
    _count,
    _doc_summary,
    _iso,
    _like,
    _ref,
    _types,
    _unknown,
    get_session,
    router,
)

# The endpoints register on `router` as their modules are imported: this order is the order of the
# routes and of the paths in /openapi.json (health, documents, actors, events, quotes, relations,
# network, search, analyze).  Keep it.
# isort: off
from .routes_documents import _analysis, get_document, health, list_documents
from .routes_actors import _actor_search, get_actor, list_actors
from .routes_events import _corrected_detail, get_event, list_events
from .routes_quotes import _quote_count, list_quotes
from .routes_network import edge_kind, get_network, list_relations
from .routes_search import search
from .routes_analyze import ANALYZE_BODY, _analyse_and_store, _from_form, analyze
# isort: on
