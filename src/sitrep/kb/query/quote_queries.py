"""Quotes, the most recently reported first, with the documents that report them."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from .. import corrections as C
from ..merge import norm
from ..schema import Document, Quote, QuoteReport
from .actors import _Actors, _required
from .records import QuoteRecord

# Quotes returned when no limit is given (a terminal screen or an API page).
DEFAULT_QUOTES = 50


def quotes(session: Session, speaker: str | None = None, contains: str | None = None,
           limit: int | None = DEFAULT_QUOTES, offset: int = 0) -> list[QuoteRecord]:
    """Quotes, the most recently reported first.

    Args:
        speaker: an actor's name or alias (through merges).
        contains: words that must all occur in the quote (whole words, case and accents folded).

    Raises:
        UnknownActor: ``speaker`` names no actor.
    """
    stmt = select(Quote)  # the newest report's date is stored (sitrep.kb.counts); every quote has a report
    if speaker:
        stmt = stmt.where(Quote.speaker_id.in_(_required(session, speaker)))
    for word in norm(contains or "").split():
        stmt = stmt.where((literal(" ") + Quote.norm + literal(" ")).contains(f" {word} "))
    rejected = C.overlay(session).rejected_quotes
    if rejected:
        stmt = stmt.where(Quote.id.not_in(list(rejected)))
    stmt = stmt.order_by(Quote.latest_published.desc().nulls_last(), Quote.id.desc())
    if offset:
        stmt = stmt.offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return _quote_records(session, list(session.scalars(stmt)))


def _quote_records(session: Session, rows: list[Quote]) -> list[QuoteRecord]:
    if not rows:
        return []
    actors = _Actors(session)
    reps: dict[int, list[Any]] = defaultdict(list)
    # the columns shown, not whole documents (their text and analysis are most of the knowledge base)
    for row in session.execute(select(QuoteReport.quote_id, QuoteReport.speaker_text, QuoteReport.cue,
                                      Document.id, Document.doc_key, Document.url, Document.source,
                                      Document.published)
                               .join(Document, Document.id == QuoteReport.document_id)
                               .where(QuoteReport.quote_id.in_([q.id for q in rows]))
                               .order_by(Document.published.nulls_last(), Document.id)):
        reps[row.quote_id].append(row)
    out = []
    for q in rows:
        rs = reps[q.id]
        out.append(QuoteRecord(
            id=q.id, text=q.text, kind=q.kind, speaker=actors.ref(q.speaker_id) if q.speaker_id else None,
            speaker_text=next((r.speaker_text for r in rs if r.speaker_text), None),
            published=next((r.published for r in rs if r.published), None),
            sources=[{"document_id": r.id, "doc_key": r.doc_key, "url": r.url, "source": r.source,
                      "published": r.published, "speaker_text": r.speaker_text, "cue": r.cue} for r in rs]))
    return out
