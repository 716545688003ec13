"""Input splits: every record read once, by the worker that owns its split, whatever the split size."""
from __future__ import annotations

import gzip
import json
import logging

import pytest

from sitrep.batch.inputs import plan, read_split
from sitrep.batch.process import BatchOptions, analyse_split
from sitrep.errors import SitrepError
from sitrep.ingest.readers import InputDocument, InputFailure

from .conftest import (
    BAD_LINES,
    generated_documents,
    write_jsonl,
    write_parquet,
    write_warc,
)


def _read_all(splits, **kw):
    return [rec for s in splits for rec in read_split(s, **kw)]


@pytest.mark.parametrize("split_bytes", [1, 97, 1000, 4096, 10**9])
def test_inputs_jsonl_splits_read_every_line_exactly_once_in_order(tmp_path, split_bytes):
    docs = generated_documents(25)
    path = write_jsonl(tmp_path / "c.jsonl", docs, BAD_LINES[:2])
    splits = plan([str(path)], split_bytes=split_bytes)
    assert len(splits) == max(1, -(-path.stat().st_size // split_bytes))
    records = _read_all(splits)
    assert [r.id for r in records if isinstance(r, InputDocument)] == [d["id"] for d in docs]
    assert [r.text for r in records if isinstance(r, InputDocument)] == [d["text"] for d in docs]
    failures = [r for r in records if isinstance(r, InputFailure)]
    assert sorted(f.error.code for f in failures) == ["E005", "E006"]  # malformed JSON, blank text
    # a failure names the file and the byte offset of its line
    offset = int(failures[0].origin.rsplit("@", 1)[1])
    with path.open("rb") as fh:
        fh.seek(offset)
        assert fh.readline().rstrip(b"\n") in BAD_LINES


def test_inputs_jsonl_windows_line_ends_and_blank_lines(tmp_path):
    path = tmp_path / "crlf.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Eins."}\r\n\r\n{"id": "b", "text": "Zwei."}\r\n')
    for size in (1, 5, 40, 1000):
        assert [r.id for r in _read_all(plan([str(path)], split_bytes=size))] == ["a", "b"]


def test_inputs_documents_without_id_are_named_by_file_and_offset(tmp_path):
    path = tmp_path / "noid.jsonl"
    path.write_text('{"text": "Eerste."}\n{"text": "Tweede."}\n')
    assert [r.id for r in _read_all(plan([str(path)]))] == ["noid.jsonl@0", "noid.jsonl@20"]


def test_inputs_gzipped_jsonl_is_one_split_with_line_numbers(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b'{"id": "x", "text": "Un."}\nnot json\n')
    splits = plan([str(path)], split_bytes=1)
    assert len(splits) == 1
    recs = _read_all(splits)
    assert recs[0].id == "x" and isinstance(recs[1], InputFailure) and recs[1].origin.endswith(":2")


def test_inputs_parquet_one_split_per_row_group_read_in_order(tmp_path):
    docs = generated_documents(23)
    path = write_parquet(tmp_path / "c.parquet", docs, row_group_size=10)
    splits = plan([str(path)])
    assert [s.start for s in splits] == [0, 1, 2]
    recs = _read_all(splits)
    assert [r.id for r in recs] == [d["id"] for d in docs]
    assert recs[12].origin.endswith(":row 12") and recs[12].published == docs[12]["published"]


def test_inputs_parquet_text_column_by_name_and_a_missing_one_is_an_error_row(tmp_path):
    path = write_parquet(tmp_path / "body.parquet", [{"id": "p1", "body": "Police in Lagos arrested four men."}])
    (split,) = plan([str(path)])
    assert [r.text for r in read_split(split, text_column="body")] == ["Police in Lagos arrested four men."]
    rows = list(analyse_split(split, BatchOptions(text_column="text")))
    assert [(t, r["code"]) for t, r in rows] == [("errors", "E015")]
    assert "'text'" in rows[0][1]["message"] and "body" in rows[0][1]["message"]


def test_inputs_warc_records_are_documents_or_failures(tmp_path):
    path = write_warc(tmp_path / "n.warc.gz")
    recs = _read_all(plan([str(path)]))
    assert [r.url for r in recs if isinstance(r, InputDocument)] == ["https://warc.example/0", "https://warc.example/1"]
    assert [r.error.code for r in recs if isinstance(r, InputFailure)] == ["E007"]


def test_inputs_plan_folders_unknown_files_and_missing_paths(tmp_path, caplog):
    write_jsonl(tmp_path / "a.jsonl", generated_documents(2))
    (tmp_path / "sub").mkdir()
    write_warc(tmp_path / "sub" / "b.warc.gz")
    (tmp_path / "notes.txt").write_text("not an input")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    with caplog.at_level(logging.WARNING):
        splits = plan([str(tmp_path)])
        assert [s.kind for s in splits] == ["jsonl", "warc"]
        assert plan([str(tmp_path / "notes.txt")]) == []
    assert "empty file" in caplog.text and "notes.txt" in caplog.text
    with pytest.raises(SitrepError) as exc:
        plan([str(tmp_path / "missing.jsonl")])
    assert exc.value.code == "E008"


def test_inputs_split_keys_change_with_the_file(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", generated_documents(3))
    (before,) = plan([str(path)])
    path.write_text(path.read_text() + json.dumps({"id": "new", "text": "Nieuw."}) + "\n")
    (after,) = plan([str(path)])
    assert before.key != after.key


def test_inputs_a_file_that_breaks_mid_way_ends_its_split_with_an_error_row(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b'{"id": "x", "text": "Police in Lagos arrested four men on Wednesday."}\n' * 50)
    path.write_bytes(path.read_bytes()[:-20])  # a truncated download
    rows = list(analyse_split(plan([str(path)])[0], BatchOptions()))
    assert rows[-1][0] == "errors" and rows[-1][1]["code"] == "E015"
    assert any(t == "documents" for t, _ in rows)
