"""``sitrep serve``: the web app over a knowledge base."""
from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

log = logging.getLogger("sitrep")

EXIT_UNAVAILABLE = getattr(os, "EX_UNAVAILABLE", 69)
# How `serve` hands its settings to the app factory (also in each worker process).
DB_ENV = "SITREP_DB"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``serve`` command."""
    sv = sub.add_parser("serve", help="serve the web app and REST API over a knowledge base",
                        description="Serve the pages and the REST API (/api, OpenAPI at /docs) with uvicorn. "
                                    "Read-only unless a write token is set (--write-token or SITREP_WRITE_TOKEN); "
                                    "writes then need 'Authorization: Bearer <token>'.")
    sv.add_argument("--db", default=None, metavar="URL",
                    help="knowledge base: a SQLite file (default sitrep.db) or postgresql://user@host/db")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sv.add_argument("--write-token", default=None, metavar="T",
                    help="allow writes with this bearer token (default: $SITREP_WRITE_TOKEN; none: read-only)")
    sv.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1)")
    sv.set_defaults(func=cmd_serve)


def app_from_env():
    """The app factory uvicorn calls (in every worker): settings from the environment set by ``serve``."""
    from .app import create_app
    from .security import token_from_env

    return create_app(os.environ.get(DB_ENV) or None, token_from_env(None))


def cmd_serve(args: argparse.Namespace) -> int:
    from ..errors import SitrepError
    from ..kb.store import DEFAULT_DB, KnowledgeBase
    from .security import TOKEN_ENV, token_from_env

    db = args.db or DEFAULT_DB
    if "://" not in db and not Path(db).expanduser().is_file():
        log.error("no knowledge base at %s (create one with 'sitrep ingest', or name it with --db)", db)
        return EXIT_UNAVAILABLE
    try:
        KnowledgeBase(db).engine.dispose()  # open (and migrate) once here: a clear message, not a worker crash
    except SitrepError as exc:
        log.error("%s", exc)
        return EXIT_UNAVAILABLE
    if args.workers < 1:
        log.error("--workers must be at least 1")
        return 2
    token = token_from_env(args.write_token)
    os.environ[DB_ENV] = db
    if token:
        os.environ[TOKEN_ENV] = token
    else:
        os.environ.pop(TOKEN_ENV, None)
    log.warning("serving %s on http://%s:%d (%s)", db, args.host, args.port,
                "writes allowed with the token" if token else "read-only")
    import uvicorn

    uvicorn.run("sitrep.web.command:app_from_env", factory=True, host=args.host, port=args.port,
                workers=args.workers, log_level="warning", server_header=False, proxy_headers=False)
    return 0
