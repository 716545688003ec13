"""The local engine: tables by month, the same records as the single-document analyser, errors, resuming."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import sitrep
from sitrep.batch import local, output
from sitrep.batch.inputs import plan
from sitrep.batch.process import BatchOptions
from sitrep.batch.tables import DOCUMENT_TABLES, MERGED_TABLES, TABLES, document_record

from .conftest import (
    N_JSONL,
    N_PARQUET,
    SPLIT_MB,
    canonical,
    generated_documents,
    run_batch,
    write_jsonl,
)


def test_local_writes_every_table_partitioned_by_publication_month(local_out: Path):
    for table in DOCUMENT_TABLES:
        months = sorted(p.name for p in (local_out / table).glob("month=*"))
        assert "month=2024-01" in months and len(months) >= 4, table
    docs = output.read_rows(local_out / "documents")
    assert len(docs) == N_JSONL + N_PARQUET + 2  # and the two WARC articles
    assert all(d["month"] == (d["published"] or "unknown")[:7] for d in docs if d["published"])
    assert sum(output.count_rows(local_out / t) for t in ("events",)) > N_JSONL
    manifest = json.loads((local_out / "_sitrep_batch.json").read_text())
    assert manifest["engine"] == "local" and manifest["finished"] and manifest["summary"]["documents"] == len(docs)


def test_local_rows_are_the_analysed_document_format_document_for_document(local_out: Path, corpus: Path):
    """Rebuilt from its rows, each document is what sitrep.analyze gives for it (FORMAT.md, offsets and all)."""
    docs = {d["doc_id"]: d for d in output.read_rows(local_out / "documents")}
    items: dict[str, dict[str, list]] = {}
    for table in ("actors", "events", "quotes", "relations"):
        for row in output.read_rows(local_out / table):
            items.setdefault(row["doc_id"], {}).setdefault(table, []).append(row)
    sample = generated_documents(N_JSONL)[::17] + generated_documents(N_PARQUET, start=N_JSONL)[::7]
    for src in sample:
        expected = sitrep.analyze(src["text"], published=src["published"], doc_id=src["id"], source=src["source"],
                                  url=src["url"]).to_dict(include_text=True)
        got = document_record(docs[src["id"]], items.get(src["id"], {}))
        for key in ("actors", "events", "quotes", "relations"):  # row order within a table is not kept
            got[key] = sorted(got[key], key=lambda x: json.dumps(x, sort_keys=True))
            expected[key] = sorted(expected[key], key=lambda x: json.dumps(x, sort_keys=True))
        assert got == expected, src["id"]


def test_local_bad_records_go_to_the_errors_table_with_origin_and_code(local_out: Path):
    errors = output.read_rows(local_out / "errors")
    assert sorted(e["code"] for e in errors) == ["E002", "E005", "E005", "E006", "E007"]
    for e in errors:
        assert e["origin"] and e["message"]
    assert any("news.warc.gz" in e["origin"] for e in errors)
    assert any("corpus.jsonl@" in e["origin"] for e in errors)


def test_local_merge_stage_writes_merged_tables(local_out: Path):
    counts = {t: output.count_rows(local_out / "merged" / t) for t in MERGED_TABLES}
    assert counts["event_reports"] == output.count_rows(local_out / "events")
    assert counts["actor_links"] == output.count_rows(local_out / "actors")
    assert 0 < counts["events"] < counts["event_reports"]  # copies of one example a week apart: some merge
    assert 0 < counts["actors"] < counts["actor_links"]
    events = output.read_rows(local_out / "merged" / "events")
    assert max(e["n_sources"] for e in events) > 1
    assert all(e["fatalities_min"] <= e["fatalities_max"] for e in events if e["fatalities_min"] is not None)


def test_local_one_and_two_workers_give_the_same_tables(corpus: Path, local_out: Path, tmp_path: Path):
    out = tmp_path / "w1"
    assert run_batch(str(corpus / "corpus.parquet"), str(corpus / "news.warc.gz"), "-o", str(out),
                     "--workers", "1") == 0
    ids = {d["doc_id"] for d in output.read_rows(out / "documents")}
    for table in ("documents", "events", "quotes"):
        two = [r for r in output.read_rows(local_out / table) if r["doc_id"] in ids]
        assert canonical(output.read_rows(out / table)) == canonical(two)


def test_local_an_interrupted_run_resumes_and_gives_the_same_output(corpus: Path, local_out: Path, tmp_path: Path):
    out = tmp_path / "resume"
    splits = plan([str(corpus)], split_bytes=int(float(SPLIT_MB) * 2**20))
    done = output.prepare(out, splits, "local", False, {})
    seen = []

    def interrupt_after_a_while(docs: int, errors: int) -> None:  # Ctrl-C once the first split is finished
        seen.append(docs)
        if output.finished(out):
            raise KeyboardInterrupt

    summary = local.run(splits, out, BatchOptions(), workers=1, done=done, progress=interrupt_after_a_while)
    assert summary.interrupted and 0 < len(output.finished(out)) < len(splits)
    # the same command again: finished splits are skipped, the half-written one is redone
    assert run_batch(str(corpus), "-o", str(out), "--workers", "2", "--split-mb", SPLIT_MB) == 0
    manifest = json.loads((out / "_sitrep_batch.json").read_text())
    assert manifest["summary"]["splits_resumed"] == 1 and manifest["summary"]["documents"] == len(
        output.read_rows(out / "documents"))
    for table in (*TABLES, *[f"merged/{t}" for t in MERGED_TABLES]):
        assert canonical(output.read_rows(out / table)) == canonical(output.read_rows(local_out / table)), table


def test_local_refuses_a_folder_that_is_not_a_batch_output(corpus: Path, tmp_path: Path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("do not delete")
    for extra in ([], ["--overwrite"]):
        assert run_batch(str(corpus / "news.warc.gz"), "-o", str(tmp_path / "mine"), *extra) == 65
    assert (tmp_path / "mine" / "thesis.tex").exists() and "E016" in capsys.readouterr().err


def test_local_refuses_an_output_of_other_inputs_unless_overwritten(corpus: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    other = write_jsonl(tmp_path / "other.jsonl", generated_documents(2, start=500))
    assert run_batch(str(other), "-o", str(out), "--workers", "1") == 0
    assert run_batch(str(corpus / "news.warc.gz"), "-o", str(out), "--workers", "1") == 65
    assert "other inputs" in capsys.readouterr().err
    assert run_batch(str(corpus / "news.warc.gz"), "-o", str(out), "--workers", "1", "--overwrite") == 0
    assert {d["url"] for d in output.read_rows(out / "documents")} == {"https://warc.example/0",
                                                                        "https://warc.example/1"}


def test_local_exit_codes_for_missing_and_empty_inputs(tmp_path: Path):
    assert run_batch(str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o1")) == 66
    (tmp_path / "empty").mkdir()
    assert run_batch(str(tmp_path / "empty"), "-o", str(tmp_path / "o2")) == 66
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n{\"text\": \"\"}\n")
    assert run_batch(str(bad), "-o", str(tmp_path / "o3"), "--workers", "1") == 65  # nothing could be analysed
    assert output.count_rows(tmp_path / "o3" / "errors") == 2


def test_local_summary_on_standard_error(corpus: Path, tmp_path: Path, capsys):
    assert run_batch(str(corpus / "news.warc.gz"), "-o", str(tmp_path / "o"), "--workers", "1") == 0
    err = capsys.readouterr().err
    assert "sitrep batch (local): 2 documents" in err and "1 errors" in err and "documents/s" in err


@pytest.mark.parametrize("argv", [["batch", "--help"], ["load-batch", "--help"]])
def test_local_commands_have_help(argv, capsys):
    from sitrep.cli import main

    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 0 and "usage:" in capsys.readouterr().out
