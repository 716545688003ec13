"""``POST /api/analyze``: analyse a JSON text or an uploaded HTML file; ``save`` stores it (write token)."""
from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from ...errors import SitrepError
from ..security import ApiError, check_write
from .document_models import AnalyzeRequest, AnalyzeResult
from .models import ErrorOut
from .plumbing import DATE_PATTERN, router


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

    from ..pool import shared_pool

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
