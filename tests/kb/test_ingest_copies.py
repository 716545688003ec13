"""Two copies of one article in one ingest, the first without a publication date: the dated copy
replaces the undated one (with a warning), so relative dates ("on Tuesday") can be placed; a dated
copy is never replaced by an undated one."""
from __future__ import annotations

import json
import logging

from sitrep.kb.ingest import ingest
from sitrep.kb.schema import Document
from sitrep.kb.store import KnowledgeBase

TEXT = ("Police arrested twelve protesters in Lyon on Tuesday after a march against pension reform "
        "turned violent, officials said.")


def _jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_ingest_dated_copy_replaces_the_undated_one(tmp_path, caplog):
    kb = KnowledgeBase(str(tmp_path / "kb.db"))
    src = _jsonl(tmp_path / "copies.jsonl", [{"id": "undated", "text": TEXT},
                                             {"id": "dated", "text": TEXT, "published": "2024-03-08"}])
    with caplog.at_level(logging.WARNING, logger="sitrep.kb.ingest"):
        summary = ingest([src], kb)
    assert (summary.new, summary.updated, summary.skipped) == (1, 1, 0)
    assert "no publication date" in caplog.text and "'undated'" in caplog.text
    with kb.session() as s:
        (doc,) = s.query(Document).all()
        assert (doc.doc_key, doc.published) == ("dated", "2024-03-08")
        dates = {e["date"] for e in doc.analysis["events"]}
    assert "2024-03-05" in dates  # the Tuesday before the publication date
    kb.engine.dispose()


def test_ingest_undated_copy_never_replaces_a_dated_one(tmp_path):
    kb = KnowledgeBase(str(tmp_path / "kb.db"))
    src = _jsonl(tmp_path / "copies.jsonl", [{"id": "dated", "text": TEXT, "published": "2024-03-08"},
                                             {"id": "undated", "text": TEXT}])
    summary = ingest([src], kb)
    assert (summary.new, summary.updated, summary.skipped) == (1, 0, 1)
    with kb.session() as s:
        assert [d.doc_key for d in s.query(Document)] == ["dated"]
    again = ingest([src], kb)  # a second run changes nothing
    assert (again.new, again.updated, again.skipped) == (0, 0, 2)
    kb.engine.dispose()
