"""Shared fixtures: the bundled examples, their analyses (computed once), input-file helpers, and the
database backends (SQLite, and PostgreSQL at $SITREP_TEST_PG) that the knowledge-base and batch tests run on."""
from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import sitrep
from sitrep.model import AnalysedDocument

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# Top-level keys and per-item keys that FORMAT.md (shared/spec) requires.
REQUIRED_DOC_KEYS = {"schema", "id", "language", "published", "actors", "events", "quotes", "relations"}
REQUIRED_ACTOR_KEYS = {"id", "name", "aliases", "kind", "country", "wikidata", "mentions"}
REQUIRED_EVENT_KEYS = {"id", "type", "mode", "actors", "targets", "date", "date_precision", "location",
                       "fatalities", "injuries", "count", "status", "evidence"}
REQUIRED_QUOTE_KEYS = {"id", "text", "start", "end", "kind", "speaker", "speaker_text", "cue"}
REQUIRED_RELATION_KEYS = {"subject", "type", "object", "evidence"}


@pytest.fixture(scope="session")
def format_keys() -> dict[str, set[str]]:
    """The keys FORMAT.md requires, by object: doc, actor, event, quote, relation."""
    return {"doc": REQUIRED_DOC_KEYS, "actor": REQUIRED_ACTOR_KEYS, "event": REQUIRED_EVENT_KEYS,
            "quote": REQUIRED_QUOTE_KEYS, "relation": REQUIRED_RELATION_KEYS}


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def articles_path() -> Path:
    return EXAMPLES / "articles.jsonl"


@pytest.fixture(scope="session")
def example_records(articles_path: Path) -> list[dict]:
    """The bundled example articles as written in examples/articles.jsonl."""
    return [json.loads(line) for line in articles_path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def analysed_examples(example_records: list[dict]) -> dict[str, tuple[dict, AnalysedDocument]]:
    """Each example analysed once through the public API (language left to detection): id -> (record, result)."""
    return {r["id"]: (r, sitrep.analyze(r["text"], published=r.get("published"), doc_id=r["id"],
                                        source=r.get("source")))
            for r in example_records}


@pytest.fixture
def write_bytes(tmp_path: Path):
    """Write bytes to a file in tmp_path and return its path: ``write_bytes("a.txt", b"...")``."""
    def write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path
    return write


@pytest.fixture
def jsonl_file(write_bytes):
    """Write JSON Lines (dicts are dumped, strings written as they are) and return the path."""
    def write(name: str, lines: list[dict | str]) -> Path:
        text = "".join((json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x) + "\n" for x in lines)
        return write_bytes(name, text.encode("utf-8"))
    return write


# ---------------------------------------------------------------- database backends (tests/kb, tests/batch)
DEFAULT_TEST_PG = "postgresql://postgres@127.0.0.1:5432/test"
BACKENDS = ["sqlite", "postgresql"]


def pg_server_url() -> str:
    return os.environ.get("SITREP_TEST_PG") or DEFAULT_TEST_PG


def _libpq_url(url: str) -> str:
    """psycopg wants postgresql://...; SQLAlchemy-style postgresql+psycopg://... is accepted too."""
    scheme, rest = url.split("://", 1)
    return "postgresql://" + rest if scheme.startswith("postgres") else url


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(_libpq_url(url)).set(database=name).render_as_string(hide_password=False)


_pg_state: dict[str, str | None] = {}


def pg_unavailable() -> str | None:
    """Why the test PostgreSQL server cannot be used (None when it answers); asked once per session."""
    if "reason" not in _pg_state:
        try:
            import psycopg

            with psycopg.connect(_libpq_url(pg_server_url()), connect_timeout=5, autocommit=True) as conn:
                conn.execute("SELECT 1")
            _pg_state["reason"] = None
        except Exception as exc:  # noqa: BLE001 - any failure means: skip, and say why
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            _pg_state["reason"] = f"PostgreSQL at {_safe(pg_server_url())} is not reachable ({first}); " \
                                  f"set SITREP_TEST_PG to a server where the tests may create databases"
    return _pg_state["reason"]


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(_libpq_url(url)).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return "<unparsable URL>"


def create_pg_database(prefix: str = "sitrep_test") -> str:
    """Create an empty database on the test server; returns its name."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(_libpq_url(pg_server_url()), connect_timeout=5, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_pg_database(name: str) -> None:
    import psycopg

    with psycopg.connect(_libpq_url(pg_server_url()), connect_timeout=5, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def kb_backend_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A URL of an empty knowledge-base database, once per backend (sqlite, postgresql)."""
    if request.param == "sqlite":
        yield str(tmp_path / "kb.db")
        return
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    name = create_pg_database()
    try:
        yield _with_database(pg_server_url(), name)
    finally:
        drop_pg_database(name)


@pytest.fixture
def pg_server() -> str:
    """The URL of the test PostgreSQL server itself (for tests of PostgreSQL only); skips when it is down."""
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    return _libpq_url(pg_server_url())
