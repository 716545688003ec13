"""Shared helpers for the per-component extractor tests (actors, events, quotes, relations, merging).

Every case is a short sentence written for these tests, analysed through the
public API (``sitrep.analyze``) with publication date ``PUB`` (a Wednesday).
Known failures stay in the case tables as ``pytest.param(..., marks=xfail(reason))``
(``xfail`` is ``pytest.mark.xfail(reason=..., strict=False)``, defined in each module).

The helpers below are plain functions, handed to tests as fixtures of the
same name (test modules here are not a package, so they cannot import this file).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import pytest

import sitrep
from sitrep.model import Actor, AnalysedDocument, Event

PUB = "2023-11-22"  # Wednesday 22 November 2023: "dinsdag" is 2023-11-21
LANGS = ("nl", "en", "de", "fr")


@lru_cache(maxsize=None)
def analyse(lang: str, text: str, published: str | None = PUB) -> AnalysedDocument:
    """``sitrep.analyze`` once per (language, text); tests must not mutate the result."""
    return sitrep.analyze(text, published=published, language=lang)


@pytest.fixture(scope="session", autouse=True)
def warm_pipelines() -> None:
    """Build every language's pipeline, gazetteer and registry once, before the first timed test."""
    for lang in LANGS:
        sitrep.analyze("Hezbollah vuurde dinsdag raketten af.", published=PUB, language=lang)


# ------------------------------------------------------------------ lookups
def actor_by_name(doc: AnalysedDocument, name: str) -> Actor | None:
    """The actor with this canonical name (case-insensitive), or None."""
    return next((a for a in doc.actors if a.name.lower() == name.lower()), None)


def actor_names(doc: AnalysedDocument, ids: Iterable[str] | None = None) -> set[str]:
    """Canonical names of the given actor ids (of all actors when ids is None)."""
    if ids is None:
        return {a.name for a in doc.actors}
    by_id = {a.id: a.name for a in doc.actors}
    return {by_id[i] for i in ids if i in by_id}


def events_of(doc: AnalysedDocument, etype: str) -> list[Event]:
    return [e for e in doc.events if e.type == etype]


def one_event(doc: AnalysedDocument, etype: str) -> Event:
    found = events_of(doc, etype)
    assert len(found) == 1, f"expected one {etype}, got {[(e.type, e.mode, e.cue) for e in doc.events]}"
    return found[0]


def relation_triples(doc: AnalysedDocument) -> set[tuple[str, str, str]]:
    """(subject name, type, object name) of every relation."""
    by_id = {a.id: a.name for a in doc.actors}
    return {(by_id[r.subject], r.type, by_id[r.object]) for r in doc.relations}


def assert_offsets(doc: AnalysedDocument) -> None:
    """Every span of the document points into its text (FORMAT.md: text[start:end] == span text)."""
    text = doc.text
    for a in doc.actors:
        for m in a.mentions:
            assert text[m.start:m.end] == m.text, (a.name, m)
    for e in doc.events:
        assert text[e.evidence.start:e.evidence.end] == e.evidence.text, e
    for q in doc.quotes:
        assert text[q.start:q.end] == q.text, q
    for r in doc.relations:
        assert text[r.evidence.start:r.evidence.end] == r.evidence.text, r


@pytest.fixture
def doc_of():
    """``doc_of(lang, text)``: the analysed sentence, with every offset checked."""
    def run(lang: str, text: str, published: str | None = PUB) -> AnalysedDocument:
        doc = analyse(lang, text, published)
        assert_offsets(doc)
        return doc
    return run


@pytest.fixture(scope="session", name="actor_by_name")
def _actor_by_name():
    return actor_by_name


@pytest.fixture(scope="session", name="actor_names")
def _actor_names():
    return actor_names


@pytest.fixture(scope="session", name="events_of")
def _events_of():
    return events_of


@pytest.fixture(scope="session", name="one_event")
def _one_event():
    return one_event


@pytest.fixture(scope="session", name="relation_triples")
def _relation_triples():
    return relation_triples
