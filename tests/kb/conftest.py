"""Knowledge-base fixtures: the same tests on SQLite and on PostgreSQL.

``kb_backend_url`` (tests/conftest.py; and ``kb_url``, which is the same unless a test module defines its
own) is parametrised over ``sqlite`` and ``postgresql``:

- sqlite: a database file in the test's ``tmp_path``;
- postgresql: a fresh database ``sitrep_test_<hex>`` created on the server named by the environment
  variable ``SITREP_TEST_PG`` (default ``postgresql://postgres@127.0.0.1:5432/test``) and dropped
  after the test.  When that server does not answer, the test is skipped with the reason (shown in
  the ``-ra`` summary), never silently passed.

``kb`` is a migrated :class:`~sitrep.kb.store.KnowledgeBase` on ``kb_url``; ``analysed`` analyses a
text once per test session (the extractor is the slow part, the database is what is tested here).
"""
from __future__ import annotations

from typing import Callable, Iterator

import pytest

import sitrep
from sitrep.kb.store import KnowledgeBase
from sitrep.model import AnalysedDocument


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
