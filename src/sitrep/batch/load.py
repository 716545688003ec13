"""Load a batch output into the knowledge base, so that the web app and the queries show it.

Each document is rebuilt from its rows (:func:`sitrep.batch.tables.document_record`)
and added through :meth:`sitrep.kb.store.KnowledgeBase.add`: the knowledge
base merges it by its own rules, one transaction per document, and skips
documents it holds already.  So a load is idempotent and an interrupted one
resumes by running it again.  Documents are loaded month by month (the
output's partitions) in publication order; one month's rows are in memory at
a time.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import SitrepError
from ..model import AnalysedDocument
from . import output
from .tables import document_record

log = logging.getLogger(__name__)


@dataclass(slots=True)
class LoadSummary:
    new: int = 0
    skipped: int = 0
    failed: int = 0
    events_new: int = 0
    events_merged: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def total(self) -> int:
        return self.new + self.skipped + self.failed


def months(out: Path) -> list[str]:
    folder = out / "documents"
    if not folder.is_dir():
        raise SitrepError("E016", f"{out}: not a batch output (no documents table); run 'sitrep batch' first")
    return sorted(p.name.split("=", 1)[1] for p in folder.glob("month=*") if p.is_dir())


def load(out: Path, kb, progress: Callable[[LoadSummary], None] | None = None) -> LoadSummary:
    """Add every document of the batch output in ``out`` to the knowledge base ``kb``."""
    import pyarrow.dataset as ds

    summary = LoadSummary()
    started = time.perf_counter()
    try:
        for month in months(out):
            where = ds.field("month") == month
            docs = sorted(output.read_rows(out / "documents", filter=where),
                          key=lambda d: (d.get("published") or "", d["doc_id"]))
            items: dict[str, dict[str, list[dict]]] = {}
            for table in ("actors", "events", "quotes", "relations"):
                for row in output.read_rows(out / table, filter=where):
                    items.setdefault(row["doc_id"], {}).setdefault(table, []).append(row)
            for doc in docs:
                record = document_record(doc, items.pop(doc["doc_id"], {}))
                try:
                    stored = kb.add(AnalysedDocument.from_dict(record))
                except SitrepError as exc:
                    if exc.code == "E021":  # the database itself refuses writes: stop, keep what is stored
                        raise
                    log.error("%s: not loaded: %s", doc["doc_id"], exc.message)
                    summary.failed += 1
                else:
                    summary.new += stored.status != "skipped"
                    summary.skipped += stored.status == "skipped"
                    summary.events_new += stored.events_new
                    summary.events_merged += stored.events_merged
                if progress:
                    summary.seconds = time.perf_counter() - started
                    progress(summary)
    except KeyboardInterrupt:
        summary.interrupted = True
    summary.seconds = time.perf_counter() - started
    return summary
