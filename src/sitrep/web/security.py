"""Security of the web app: the write token, the request-body limit, JSON errors and response headers.

- The server is read-only unless a write token is set (``sitrep serve --write-token`` or the
  environment variable ``SITREP_WRITE_TOKEN``); a write needs ``Authorization: Bearer <token>``
  (no or a malformed header: 401; a wrong token, or a read-only server: 403), compared in
  constant time.
- Request bodies are limited (default 2 MiB): a ``Content-Length`` over the limit is refused
  before a byte is read, and a chunked body is counted as it arrives and refused (413) as soon as
  it passes the limit.
- Every error is ``{"error": {"code", "message"}}`` with its status; an unexpected exception is
  logged with its traceback on the server and answered with a bare 500.
- Every response carries a Content-Security-Policy that allows no inline or foreign script (article
  text is data, never markup), ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: no-referrer``.
"""
from __future__ import annotations

import hmac
import json
import logging
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import SitrepError

log = logging.getLogger("sitrep.web")

TOKEN_ENV = "SITREP_WRITE_TOKEN"
DEFAULT_MAX_BODY = 2 * 1024 * 1024  # 2 MiB

CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
# The API explorer at /docs (bundled Swagger UI) starts with an inline script; that page shows the
# API description only, never article text.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'")
DOCS_PATHS = ("/docs",)
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
           (b"x-frame-options", b"DENY")]

# HTTP status -> the error code clients see when nothing more specific is known.
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         406: "not_acceptable", 409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type",
         422: "invalid_request", 429: "too_many_requests", 500: "internal_error", 503: "unavailable"}


class ApiError(Exception):
    """An error with its status, code and message (raised by the API, turned into the JSON error)."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def token_from_env(value: str | None) -> str | None:
    """The write token: the one given, else $SITREP_WRITE_TOKEN; empty means none (read-only)."""
    token = value if value is not None else os.environ.get(TOKEN_ENV)
    return token or None


# ---------------------------------------------------------------- the write token
def check_write(request: Request) -> None:
    """Raise ApiError 401/403 unless the request carries the server's write token."""
    token: str | None = getattr(request.app.state, "write_token", None)
    if not token:
        raise ApiError(403, "read_only", "this server is read-only: start it with --write-token (or "
                                         f"{TOKEN_ENV}) to allow writes")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "unauthorized", "a write needs the header 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": 'Bearer realm="sitrep"'})
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise ApiError(403, "forbidden", "the write token is wrong")


def require_write(request: Request) -> None:
    """FastAPI dependency for write endpoints."""
    check_write(request)


# ---------------------------------------------------------------- ASGI middleware
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413, declared (Content-Length) or streamed (chunked)."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers") or []:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_json(send, 400, "bad_request", "the Content-Length header is not a number")
                    return
                if declared > self.max_bytes:
                    await _send_json(send, 413, "payload_too_large", self._message())
                    return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if not started:
                await _send_json(send, 413, "payload_too_large", self._message())

    def _message(self) -> str:
        return f"the request body is over the limit of {self.max_bytes:,} bytes"


class SecurityHeadersMiddleware:
    """Add the Content-Security-Policy and the other security headers to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp = DOCS_CSP if path in DOCS_PATHS else CSP

        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in {b"content-security-policy", *(h for h, _ in HEADERS)}]
                headers.append((b"content-security-policy", csp.encode()))
                headers.extend(HEADERS)
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception:  # the catch-all: traceback to the log, a bare 500 (with the headers) to the client
            log.exception("%s %s failed", scope.get("method"), path)
            if started:
                raise
            body = json.dumps({"error": {"code": "internal_error",
                                         "message": "internal server error (logged on the server)"}}).encode()
            await with_headers({"type": "http.response.start", "status": 500,
                                "headers": [(b"content-type", b"application/json"),
                                            (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})


async def _send_json(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


# ---------------------------------------------------------------- error handlers
def install(app: FastAPI, max_body_bytes: int = DEFAULT_MAX_BODY) -> None:
    """Add the error handlers and the middleware to the app."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        html = getattr(request.app.state, "html_error", None)  # the pages may render their own error page
        if html is not None and not request.url.path.startswith("/api"):
            return await html(request, exc.status_code, str(exc.detail))
        detail = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        return error_response(exc.status_code, CODES.get(exc.status_code, f"http_{exc.status_code}"), detail,
                              getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body",)) or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(422, "invalid_request", "; ".join(parts) or "invalid request")

    @app.exception_handler(SitrepError)
    async def _sitrep_error(request: Request, exc: SitrepError) -> JSONResponse:
        if exc.code in ("E020", "E021"):
            log.error("%s %s: %s", request.method, request.url.path, exc)
            return error_response(503, exc.code, "the knowledge base is not available")
        return error_response(422, exc.code, exc.message)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal_error", "internal server error (logged on the server)")

    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)  # added last: outermost, so 413s carry the headers too
