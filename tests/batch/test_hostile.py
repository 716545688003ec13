"""``sitrep batch`` against hostile records (issue 11): a record with lone surrogates is analysed and written
like any other, and a document past the per-document time budget is an ``errors`` row (E023) while the
split goes on."""
from __future__ import annotations

import json
from pathlib import Path

from sitrep.batch import output
from sitrep.batch.inputs import plan
from sitrep.batch.process import BatchOptions, analyse_split

from .conftest import run_batch

STRIKE = "Gunmen attacked a police post in {city} on Monday, killing {n} officers, officials said."


def _corpus(tmp_path: Path) -> Path:
    recs = [{"id": "ok-1", "text": STRIKE.format(city="Kandahar", n=3), "published": "2024-03-11"},
            {"id": "bad-\ud800", "text": STRIKE.format(city="Mosul \udc80", n=4), "published": "2024-03-11",
             "url": "https://x.example/\udfff"},
            {"id": "ok-2", "text": STRIKE.format(city="Aleppo", n=5), "published": "2024-03-11"}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")  # \udXXX escapes
    return path


def test_batch_writes_a_record_with_lone_surrogates(tmp_path):
    out = tmp_path / "out"
    assert run_batch(str(_corpus(tmp_path)), "-o", str(out)) == 0
    docs = {d["doc_id"]: d for d in output.read_rows(out / "documents")}
    assert set(docs) == {"ok-1", "bad-\ufffd", "ok-2"}
    assert not output.read_rows(out / "errors")


def test_batch_document_past_the_budget_is_an_errors_row_and_the_split_goes_on(tmp_path):
    splits = plan([str(_corpus(tmp_path))])
    rows = [r for s in splits for r in analyse_split(s, BatchOptions(doc_timeout=1e-6))]
    errors = [row for table, row in rows if table == "errors"]
    assert [e["code"] for e in errors] == ["E023", "E023", "E023"]
    assert "time budget" in errors[0]["message"]
    rows = [r for s in splits for r in analyse_split(s, BatchOptions(doc_timeout=None))]
    assert sum(table == "documents" for table, _ in rows) == 3


def test_batch_budget_setting_from_the_environment(monkeypatch):
    monkeypatch.setenv("SITREP_DOC_TIMEOUT", "7.5")
    assert BatchOptions().doc_timeout == 7.5
    monkeypatch.setenv("SITREP_DOC_TIMEOUT", "0")
    assert BatchOptions().doc_timeout is None
    monkeypatch.delenv("SITREP_DOC_TIMEOUT")
    assert BatchOptions().doc_timeout == 30.0
