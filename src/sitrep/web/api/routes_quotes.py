"""Quotes: ``/api/quotes``, the most recently reported first."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query
from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from ...kb import query as Q
from ...kb.merge import norm
from ...kb.schema import Quote, QuoteReport
from .actor_models import QuoteOut
from .models import NOT_FOUND, Page
from .plumbing import Limit, Offset, SessionDep, _count, _unknown, router


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
