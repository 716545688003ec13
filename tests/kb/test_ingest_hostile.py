"""``sitrep ingest`` against hostile records (issue 11), on SQLite and PostgreSQL: a bad record is a failed
record, never the end of a run; a document past the time budget fails with E023 and the run goes on.

Before the fixes: a JSON Lines record holding a lone surrogate ended every run at that record
(UnicodeEncodeError in the content hash, exit 1), and on SQLite a figure of 2**63 or more raised
OverflowError out of the run.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

from sqlalchemy import select

from sitrep.cli import main
from sitrep.kb.ingest import ingest, open_kb
from sitrep.kb.schema import Document, EventReport
from sitrep.kb.store import content_hash

STRIKE = "Gunmen attacked a police post in {city} on Monday, killing {n} officers, officials said."


def _jsonl(path: Path, records: list[dict]) -> Path:
    # json.dumps writes a lone surrogate as the escape \ud800, which json.loads turns back into one (a high
    # surrogate followed by a low one is a pair: one character; the records here hold lone ones only)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _records() -> list[dict]:
    return [
        {"id": "ok-1", "text": STRIKE.format(city="Kandahar", n=3), "published": "2024-03-11", "language": "en"},
        {"id": "bad-\ud800", "text": STRIKE.format(city="Mosul \udfff\ud800", n=4), "published": "2024-03-11",
         "url": "https://x.example/\udc80", "title": "t\ud800", "language": "en"},
        {"id": "ok-2", "text": STRIKE.format(city="Aleppo", n=5), "published": "2024-03-11", "language": "en"},
    ]


def test_regression_ingest_goes_on_past_a_lone_surrogate_and_resumes(tmp_path, kb_url, capsys):
    src = _jsonl(tmp_path / "wire.jsonl", _records())
    rc = main(["ingest", str(src), "--db", kb_url])
    err = capsys.readouterr().err
    assert rc == 0, err
    assert "documents 3 new, 0 skipped, 0 updated, 0 failed" in err
    assert "Traceback" not in err
    kb = open_kb(kb_url)
    try:
        with kb.session() as s:
            docs = {d.doc_key: d for d in s.scalars(select(Document))}
        bad = docs["bad-\ufffd"]
        assert bad.url == "https://x.example/\ufffd" and "Mosul \ufffd\ufffd" in bad.text
        assert bad.content_hash == content_hash(_records()[1]["text"])  # the raw record finds it again
    finally:
        kb.engine.dispose()
    rc = main(["ingest", str(src), "--db", kb_url])
    assert rc == 0
    assert "documents 0 new, 3 skipped" in capsys.readouterr().err


def test_regression_figure_past_64_bits_is_stored_as_unknown(kb, analysed):
    doc = copy.deepcopy(analysed(STRIKE.format(city="Kandahar", n=3), published="2024-03-11", language="en",
                                 doc_id="big"))
    assert doc.events
    doc.events[0].fatalities = 2 ** 63  # as load-batch or an older output may carry it
    doc.events[0].injuries = -1
    stored = kb.add(doc)
    assert stored.status == "new"
    with kb.session() as s:
        rep = s.scalars(select(EventReport)).first()
        assert rep.fatalities is None and rep.injuries is None


def test_ingest_document_past_the_time_budget_fails_with_e023_and_the_run_goes_on(tmp_path, kb_url):
    src = _jsonl(tmp_path / "wire.jsonl", [r for r in _records() if r["id"].startswith("ok")])
    kb = open_kb(kb_url)
    try:
        summary = ingest([str(src)], kb, doc_timeout=1e-6)  # no analysis fits in a microsecond
        assert summary.new == 0 and [f.code for f in summary.failures] == ["E023", "E023"]
        assert "time budget" in summary.failures[0].message
        assert summary.exit_code() == 65
        summary = ingest([str(src)], kb)  # the default budget: nothing was lost, nothing half-written
        assert summary.new == 2 and not summary.failures
    finally:
        kb.engine.dispose()


def test_ingest_budget_reaches_the_worker_processes(tmp_path):
    src = _jsonl(tmp_path / "wire.jsonl", [r for r in _records() if r["id"].startswith("ok")])
    kb = open_kb(str(tmp_path / "kb.db"))
    try:
        summary = ingest([str(src)], kb, workers=2, batch_size=1, doc_timeout=1e-6)
        assert [f.code for f in summary.failures] == ["E023", "E023"]
    finally:
        kb.engine.dispose()


def test_ingest_doc_timeout_option(capsys, tmp_path):
    src = _jsonl(tmp_path / "wire.jsonl", _records()[:1])
    rc = main(["ingest", str(src), "--db", str(tmp_path / "kb.db"), "--doc-timeout", "0.000001"])
    assert rc == 65
    assert "[E023]" in capsys.readouterr().err
    try:
        main(["ingest", str(src), "--doc-timeout", "soon"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "not a number of seconds" in capsys.readouterr().err
