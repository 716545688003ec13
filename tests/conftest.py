"""Shared fixtures: the bundled examples, their analyses (computed once) and input-file helpers."""
from __future__ import annotations

import json
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
