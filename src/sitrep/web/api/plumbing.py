"""The API's router, its limits and constants, the session dependency and the small helpers the
endpoints share."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...kb import query as Q
from ...kb.schema import Document
from ...model import EVENT_TYPES, HOSTILE_EVENT_TYPES
from ..security import ApiError
from .models import ActorRef, DocumentSummary

# Sources listed per event in lists of events (/api/events/{id} lists them all; n_sources counts them).
LIST_SOURCES = 5
router = APIRouter(prefix="/api")

MAX_LIMIT = 500
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# Network edge kinds: what an edge says about two actors.
HOSTILE_EVENTS = HOSTILE_EVENT_TYPES  # and cooperative / verbal-cooperative events: model.event_edge_kind
COOPERATIVE_RELATIONS = frozenset({"supports", "allied_with"})
STRUCTURAL_RELATIONS = frozenset({"leader_of", "member_of", "part_of", "spokesperson_of"})


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


def _like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
