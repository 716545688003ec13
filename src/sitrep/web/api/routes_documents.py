"""``GET /api/health`` and the stored documents: ``/api/documents``, ``/api/documents/{id}``."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query, Request
from sqlalchemy import func, select

from ... import __version__
from ...kb.schema import Document
from ..security import ApiError
from .document_models import AnalysedDocumentOut, DocumentDetail
from .models import ERRORS, NOT_FOUND, DocumentSummary, Health, Page
from .plumbing import Limit, Offset, SessionDep, _count, _doc_summary, _iso, _like, router


@router.get("/health", response_model=Health, tags=["meta"], summary="Liveness and read-only status")
def health(request: Request, session: SessionDep) -> Health:
    n = session.scalar(select(func.count()).select_from(Document)) or 0
    return Health(status="ok", version=__version__, read_only=not request.app.state.write_token, documents=n)


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
