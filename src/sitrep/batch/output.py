"""The batch output folder: its Parquet data sets, its manifest, and what a run has finished.

Layout (both engines)::

    DIR/_sitrep_batch.json               the manifest: inputs, engine, options, summary
    DIR/documents/month=2023-11/*.parquet  one data set per table, partitioned by publication month
    DIR/actors/ events/ quotes/ relations/
    DIR/errors/*.parquet                 documents that could not be read or analysed
    DIR/merged/{actors,actor_links,events,event_reports,relations}/   the merge stage
    DIR/_progress/<split>.json           local engine: splits finished (what a resumed run skips)
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import SitrepError
from .inputs import Split
from .tables import DOCUMENT_TABLES, arrow_schema

log = logging.getLogger(__name__)

MANIFEST = "_sitrep_batch.json"
PROGRESS = "_progress"


@dataclass(slots=True)
class BatchSummary:
    """What a run did; written into the manifest and shown at the end."""

    engine: str
    documents: int = 0
    errors: int = 0
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows written (this run and resumed ones)
    splits: int = 0
    splits_resumed: int = 0  # finished by an earlier run, skipped now
    seconds: float = 0.0
    pipeline_loads: int = 0
    interrupted: bool = False
    merged: dict[str, int] = field(default_factory=dict)
    merge_seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        merged = (f"; merged: {self.merged.get('events', 0)} events from {self.rows.get('events', 0)} reports, "
                  f"{self.merged.get('actors', 0)} actors") if self.merged else ""
        resumed = f" ({self.splits_resumed} done before)" if self.splits_resumed else ""
        return (f"{self.documents} documents, {self.rows.get('events', 0)} events, {self.rows.get('quotes', 0)} quotes, "
                f"{self.rows.get('relations', 0)} relations, {self.errors} errors; {self.splits} splits{resumed}; "
                f"{self.seconds:.1f} s ({self.rate:.1f} documents/s){merged}")


def prepare(out: Path, splits: list[Split], engine: str, overwrite: bool, options: dict[str, Any]) -> set[str]:
    """Make ``out`` ready for a run; returns the keys of splits an earlier local run finished.

    Refuses (E016) a folder that holds anything but a sitrep batch output, and a batch output of other
    inputs; ``overwrite`` clears a batch output (never a folder of other files)."""
    manifest = read_manifest(out)
    if out.exists() and any(out.iterdir()):
        if manifest is None:
            raise SitrepError("E016", f"{out}: the folder exists and is not a sitrep batch output; give an empty or "
                                      "new folder")
        if overwrite:
            log.info("%s: clearing the previous batch output (--overwrite)", out)
            shutil.rmtree(out)
        elif engine != "local" or manifest.get("engine") != "local":
            raise SitrepError("E016", f"{out}: holds the output of an earlier {manifest.get('engine')} run; only "
                                      "local runs resume; use --overwrite to replace it, or another folder")
        else:
            done = finished(out)
            keys = {s.key for s in splits}
            stale = done - keys
            if stale:
                raise SitrepError("E016", f"{out}: holds results of other inputs ({len(stale)} splits of files "
                                          "not given now, or changed since); use --overwrite or another folder")
            _drop_unfinished(out, done)
            return done
    out.mkdir(parents=True, exist_ok=True)
    write_manifest(out, {"sitrep": __version__, "engine": engine, "options": options,
                         "inputs": sorted({s.path for s in splits}), "splits": len(splits),
                         "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")})
    return set()


def finished(out: Path) -> set[str]:
    folder = out / PROGRESS
    return {p.stem for p in folder.glob("*.json")} if folder.is_dir() else set()


def _drop_unfinished(out: Path, done: set[str]) -> None:
    """Files of splits that an interrupted run left half-written are removed before they are redone."""
    for f in out.glob("*/**/part-*.parquet"):
        key = f.name.split("-")[1]
        if key not in done and "merged" not in f.parts[len(out.parts):]:
            f.unlink()
    shutil.rmtree(out / "merged", ignore_errors=True)


def mark_finished(out: Path, split: Split, counts: dict[str, int]) -> None:
    folder = out / PROGRESS
    folder.mkdir(exist_ok=True)
    tmp = folder / f".{split.key}.tmp"
    tmp.write_text(json.dumps({"split": split.describe(), **counts}))
    os.replace(tmp, folder / f"{split.key}.json")


def finished_counts(out: Path, keys: set[str]) -> list[dict[str, Any]]:
    return [json.loads((out / PROGRESS / f"{k}.json").read_text()) for k in sorted(keys)]


def read_manifest(out: Path) -> dict[str, Any] | None:
    try:
        return json.loads((out / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def write_manifest(out: Path, data: dict[str, Any]) -> None:
    tmp = out / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    os.replace(tmp, out / MANIFEST)


def finish_manifest(out: Path, summary: BatchSummary) -> None:
    data = read_manifest(out) or {}
    data["summary"] = asdict(summary)
    data["finished"] = None if summary.interrupted else dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    write_manifest(out, data)


# ------------------------------------------------------------------ Parquet, local side
def write_rows(out: Path, table: str, rows: list[dict[str, Any]], basename: str, merged: bool = False) -> None:
    """Write rows of one table as Parquet: partitioned by month for the document tables."""
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    if table in DOCUMENT_TABLES and not merged:
        data = pa.Table.from_pylist(rows, schema=arrow_schema(table, partitioned=False))
        ds.write_dataset(data, out / table, format="parquet", basename_template=basename + "-{i}.parquet",
                         partitioning=ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive"),
                         existing_data_behavior="overwrite_or_ignore")
        return
    folder = out / "merged" / table if merged else out / table
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema(table, merged=merged)),
                   folder / f"{basename}.parquet")


def read_rows(folder: Path, columns: list[str] | None = None, filter: Any = None) -> list[dict[str, Any]]:
    """All rows of one output data set (either engine's), as dicts; [] when there is none."""
    table = read_table(folder, columns, filter)
    return [] if table is None else table.to_pylist()


def read_table(folder: Path, columns: list[str] | None = None, filter: Any = None):
    import pyarrow.dataset as ds

    files = [f for f in folder.rglob("*.parquet")] if folder.is_dir() else []
    if not files:
        return None
    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    return dataset.to_table(columns=columns, filter=filter)


def count_rows(folder: Path) -> int:
    import pyarrow.dataset as ds

    if not folder.is_dir() or not any(folder.rglob("*.parquet")):
        return 0
    return ds.dataset(folder, format="parquet", partitioning="hive").count_rows()
