"""load-batch: a batch output into the knowledge base, merged by its rules, idempotent."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sqlalchemy import func, select

from sitrep.batch import output
from sitrep.cli import main
from sitrep.kb.schema import Document, EventReport
from sitrep.kb.store import KnowledgeBase


def test_load_batch_brings_every_document_into_the_knowledge_base_once(local_out: Path, kb_backend_url: str,
                                                                        capsys):
    """On SQLite and on PostgreSQL."""
    db = kb_backend_url
    assert main(["load-batch", str(local_out), "--db", db]) == 0
    n_docs = output.count_rows(local_out / "documents")
    kb = KnowledgeBase(db)
    counts = kb.counts()
    assert counts["documents"] == n_docs
    assert counts["event_reports"] == output.count_rows(local_out / "events")
    assert f"documents {n_docs} new" in capsys.readouterr().err
    # again: everything is there already
    assert main(["load-batch", str(local_out), "--db", db]) == 0
    assert f"0 new, {n_docs} skipped" in capsys.readouterr().err
    assert kb.counts() == counts
    with kb.session() as s:  # the stored text is the input text: evidence offsets point into it
        doc = s.scalar(select(Document).where(Document.doc_key == "en-baghdad-drone-strike-0000"))
        rep = s.scalars(select(EventReport).where(EventReport.document_id == doc.id)).first()
        assert doc.text[rep.evidence_start:rep.evidence_end] == rep.evidence_text
    kb.engine.dispose()  # the PostgreSQL test database is dropped after the test


def test_load_batch_knowledge_base_merges_events_as_the_batch_merge_does(local_out: Path, tmp_path: Path):
    """On this corpus the knowledge base's merge and the blocked batch merge group the reports alike."""
    db = tmp_path / "kb.db"
    assert main(["-q", "load-batch", str(local_out), "--db", str(db)]) == 0
    kb = KnowledgeBase(str(db))
    with kb.session() as s:
        rows = s.execute(select(Document.doc_key, EventReport.local_id, EventReport.event_id)
                         .join(EventReport, EventReport.document_id == Document.id)).all()
        assert s.scalar(select(func.count()).select_from(EventReport)) == len(rows)
    kb_groups = defaultdict(set)
    for doc, local_id, event in rows:
        kb_groups[event].add((doc, local_id))
    batch_groups = defaultdict(set)
    for r in output.read_rows(local_out / "merged" / "event_reports"):
        batch_groups[r["event_id"]].add((r["doc_id"], r["local_id"]))
    assert sorted(map(sorted, kb_groups.values())) == sorted(map(sorted, batch_groups.values()))


def test_load_batch_of_a_folder_that_is_no_batch_output(tmp_path: Path, capsys):
    assert main(["load-batch", str(tmp_path), "--db", str(tmp_path / "kb.db")]) == 65
    assert "E016" in capsys.readouterr().err
