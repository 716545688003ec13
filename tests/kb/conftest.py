"""Knowledge-base fixtures: the same tests on SQLite and on PostgreSQL.

``kb_backend_url`` (and ``kb_url``, which is the same unless a test module defines its own) is
parametrised over ``sqlite`` and ``postgresql``:

- sqlite: a database file in the test's ``tmp_path``;
- postgresql: a fresh database ``sitrep_test_<hex>`` created on the server named by the environment
  variable ``SITREP_TEST_PG`` (default ``postgresql://postgres@127.0.0.1:5432/test``) and dropped
  after the test.  When that server does not answer, the test is skipped with the reason (shown in
  the ``-ra`` summary), never silently passed.

``kb`` is a migrated :class:`~sitrep.kb.store.KnowledgeBase` on ``kb_url``; ``analysed`` analyses a
text once per test session (the extractor is the slow part, the database is what is tested here).
"""
from __future__ import annotations

import os
import uuid
from typing import Callable, Iterator

import pytest

import sitrep
from sitrep.kb.store import KnowledgeBase
from sitrep.model import AnalysedDocument

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


@pytest.fixture
def kb_url(kb_backend_url: str) -> str:
    """Same as ``kb_backend_url``; a test module may override it (then only its own backend runs)."""
    return kb_backend_url


@pytest.fixture
def kb(kb_url: str) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase(kb_url)
    try:
        yield base
    finally:
        base.engine.dispose()  # no pooled connection may keep the test database open


_analysed: dict[tuple, AnalysedDocument] = {}


@pytest.fixture(scope="session")
def analysed() -> Callable[..., AnalysedDocument]:
    """``analysed(text, published=..., language=..., doc_id=..., url=...)``, cached per session.

    kb.add() only reads the result, so sharing it between tests is safe."""
    def run(text: str, published: str | None = None, language: str | None = None, doc_id: str | None = None,
            url: str | None = None, source: str | None = None) -> AnalysedDocument:
        key = (text, published, language, doc_id, url, source)
        if key not in _analysed:
            _analysed[key] = sitrep.analyze(text, published=published, language=language, doc_id=doc_id, url=url,
                                            source=source)
        return _analysed[key]
    return run


# The same strike told in Dutch and in English with different figures, and a protest with arrests:
# the knowledge base that the query and export tests read.
NEWS_DOCS = [
    ("nl-strike", "2024-01-03", "https://nos.example/nl-strike", "NOS",
     ("Een Amerikaanse luchtaanval doodde dinsdag vijf strijders van Kataib Hezbollah in Bagdad. "
     "\"Dit is een aanval op de soevereiniteit van Irak\", zei Kataib Hezbollah-woordvoerder Jafar al-Husseini.")),
    ("en-strike", "2024-01-03", "https://reuters.example/en-strike", "Reuters",
     ("A US air strike killed eight Kataib Hezbollah fighters in Baghdad on Tuesday, the group said. "
     "Kataib Hezbollah, an Iran-backed militia, vowed revenge. \"We will respond to this aggression,\" "
     "said Jafar al-Husseini, a spokesman for Kataib Hezbollah.")),
    ("en-protest", "2024-01-06", "https://ap.example/en-protest", "AP",
     ("Thousands of protesters demonstrated in Paris on Saturday against pension reform. "
     "Police arrested twelve protesters.")),
]


@pytest.fixture
def news_kb(kb_url: str, analysed) -> Iterator[KnowledgeBase]:
    """The knowledge base of NEWS_DOCS (on SQLite, and on PostgreSQL where one answers)."""
    base = KnowledgeBase(kb_url)
    for key, published, url, source, text in NEWS_DOCS:
        base.add(analysed(text, published=published, doc_id=key, url=url, source=source))
    try:
        yield base
    finally:
        base.engine.dispose()
