"""The Spark engine (local[2]): the same output as the local engine, document for document."""
from __future__ import annotations

import json
from pathlib import Path

from sitrep.batch import output
from sitrep.batch.tables import MERGED_TABLES, TABLES

from .conftest import canonical


def test_spark_output_equals_local_output_table_for_table(spark_out: Path, local_out: Path):
    for table in TABLES:
        assert canonical(output.read_rows(spark_out / table)) == canonical(output.read_rows(local_out / table)), table


def test_spark_partitions_by_month_like_the_local_engine(spark_out: Path, local_out: Path):
    for table in ("documents", "events"):
        assert sorted(p.name for p in (spark_out / table).glob("month=*")) == \
            sorted(p.name for p in (local_out / table).glob("month=*"))


def test_spark_merged_tables_equal_local_merged_tables(spark_out: Path, local_out: Path):
    for table in MERGED_TABLES:
        spark_rows = canonical(output.read_rows(spark_out / "merged" / table))
        assert spark_rows == canonical(output.read_rows(local_out / "merged" / table)), table
        assert spark_rows or table == "relations"


def test_spark_collects_failed_documents_instead_of_failing(spark_out: Path):
    errors = output.read_rows(spark_out / "errors")
    assert sorted(e["code"] for e in errors) == ["E002", "E005", "E005", "E006", "E007"]
    manifest = json.loads((spark_out / "_sitrep_batch.json").read_text())
    assert manifest["engine"] == "spark" and manifest["summary"]["errors"] == 5


def test_spark_loads_the_pipeline_once_per_python_worker_not_per_document(spark_out: Path):
    summary = json.loads((spark_out / "_sitrep_batch.json").read_text())["summary"]
    languages = {d["language"] for d in output.read_rows(spark_out / "documents", ["language"])}
    # local[2] runs at most two Python workers at a time, reused across the tasks (splits)
    assert 0 < summary["pipeline_loads"] <= 2 * len(languages) < summary["documents"]
    assert summary["splits"] > 2


def test_spark_logs_stage_progress_and_a_summary(corpus: Path, tmp_path: Path, monkeypatch, capsys):
    import pytest

    from sitrep.cli import main

    from .conftest import spark_unavailable

    if spark_unavailable():
        pytest.skip(spark_unavailable())
    monkeypatch.setenv("SITREP_SPARK_LOG_INTERVAL", "0.2")
    assert main(["-v", "batch", str(corpus / "news.warc.gz"), "-o", str(tmp_path / "o"), "--engine", "spark",
                 "--spark-master", "local[1]", "--no-merge"]) == 0
    err = capsys.readouterr().err
    assert "spark stage" in err and "tasks done" in err
    assert "sitrep batch (spark): 2 documents" in err
