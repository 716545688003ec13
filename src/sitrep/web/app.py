"""The FastAPI application: the REST API under /api, the pages under /, static files bundled."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__

HERE = Path(__file__).parent


def create_app(db_url: str | None = None, write_token: str | None = None,
               max_body_bytes: int | None = None) -> FastAPI:
    """The app for one knowledge base; write endpoints need ``write_token`` (none: read-only).

    ``max_body_bytes`` limits request bodies (default 2 MiB, :mod:`sitrep.web.security`).
    Raises :class:`~sitrep.errors.SitrepError` E020 when the database cannot be opened.
    """
    from ..kb.store import KnowledgeBase
    from . import api, correct, pages, security, tables

    # /docs is served from the bundled Swagger UI (FastAPI's default loads it from a CDN: no good offline)
    app = FastAPI(title="sitrep", version=__version__, description="Conflict events, actors, quotes and "
                  "relations extracted from news articles, with the sentences they rest on.",
                  docs_url=None, redoc_url=None)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title="sitrep API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")
    app.state.kb = KnowledgeBase(db_url)
    app.state.write_token = write_token or None
    from .pool import shared_pool

    shared_pool().start()  # the analysis workers load their pipelines now, not on the first POST /analyze
    security.install(app, max_body_bytes=max_body_bytes or security.DEFAULT_MAX_BODY)
    app.state.html_error = tables.html_error  # an HTML error page for browsers, JSON for the API
    app.include_router(api.router)
    app.include_router(tables.api_router)
    app.include_router(correct.router)
    app.include_router(tables.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
