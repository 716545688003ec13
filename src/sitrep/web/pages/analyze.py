"""The analyse page: paste an article or upload an HTML page, see it highlighted, save it (write token)."""
from __future__ import annotations

import hmac
import re
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from ...kb.merge import canonical
from ...kb.schema import ActorLink, EventReport
from .highlight import document_marks, extraction, highlight
from .plumbing import _kb, router
from .templates import http_url, render

# Upper limit for a pasted or uploaded article on /analyze (bytes).
MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # the app's body limit (security.DEFAULT_MAX_BODY) is met first


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request):
    return render(request, "analyze.html", nav="analyze", form={}, error=None, result=None,
                  writable=bool(request.app.state.write_token))


async def _analyse(text: str, published: str | None, title: str | None, url: str | None, language: str | None):
    from ..pool import shared_pool

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
    from ...errors import SitrepError

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
        from ...ingest.readers import decode, html_to_document

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
