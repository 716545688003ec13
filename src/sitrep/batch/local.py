"""The local engine: all cores of one machine, one process per core, resumable split by split.

Each worker process analyses whole splits (:func:`sitrep.batch.process.analyse_split`)
and writes their rows as Parquet itself, so documents never travel back to
the main process; only counts do.  A split's files carry its key and count
only once its progress marker is written, so an interrupted run (Ctrl-C,
``kill``, a crash) is resumed by running the same command again: finished
splits are skipped and half-written ones redone.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import queue as queue_mod
import signal
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any, Callable

from ..errors import SitrepError
from ..workers import die_with_parent
from . import output
from .inputs import Split
from .process import BatchOptions, analyse_split, pipeline_loads
from .tables import TABLES

log = logging.getLogger(__name__)

# Rows of this many documents are written at a time (bounded memory per worker, also for a large WARC file).
CHUNK_DOCUMENTS = 1000
# Workers report progress every this many documents.
PROGRESS_EVERY = 10

Progress = Callable[[int, int], None]  # (documents done, errors so far)
_progress_queue: Any = None


def _init_worker(q: Any) -> None:
    global _progress_queue
    die_with_parent()  # a killed batch must not leave its workers behind
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _progress_queue = q


def run_split(split: Split, options: BatchOptions, out: str, chunk_documents: int = CHUNK_DOCUMENTS,
              report: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Analyse one split into ``out`` and mark it finished; returns its row counts."""
    report = report or _queue_report
    loads = pipeline_loads()
    counts = {t: 0 for t in TABLES}
    buffer: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    chunk = docs_in_chunk = 0
    pending = [0, 0]  # documents and errors not yet reported

    def flush() -> None:
        nonlocal chunk, docs_in_chunk
        for table, rows in buffer.items():
            if rows:
                output.write_rows(Path(out), table, rows, f"part-{split.key}-{chunk:05d}")
                counts[table] += len(rows)
                rows.clear()
        chunk += 1
        docs_in_chunk = 0

    for table, row in analyse_split(split, options):
        buffer[table].append(row)
        if table in ("documents", "errors"):
            docs_in_chunk += 1
            pending[0 if table == "documents" else 1] += 1
            if sum(pending) >= PROGRESS_EVERY:
                report(*pending)
                pending[:] = [0, 0]
            if docs_in_chunk >= chunk_documents:
                flush()
    flush()
    report(*pending)
    counts["pipeline_loads"] = pipeline_loads() - loads
    output.mark_finished(Path(out), split, counts)
    return counts


def _queue_report(docs: int, errors: int) -> None:
    if _progress_queue is not None and (docs or errors):
        _progress_queue.put((docs, errors))


def run(splits: list[Split], out: Path, options: BatchOptions, workers: int = 1, done: set[str] | None = None,
        progress: Progress | None = None, chunk_documents: int = CHUNK_DOCUMENTS) -> output.BatchSummary:
    """Analyse the splits not in ``done`` with ``workers`` processes (1: in this process)."""
    done = done or set()
    todo = [s for s in splits if s.key not in done]
    summary = output.BatchSummary(engine="local", splits=len(splits), splits_resumed=len(splits) - len(todo))
    for counts in output.finished_counts(out, done & {s.key for s in splits}):
        _add(summary, counts)
    progress = progress or (lambda d, e: None)
    started = time.perf_counter()
    seen = [summary.documents, summary.errors]

    def tick(d: int, e: int) -> None:
        seen[0] += d
        seen[1] += e
        progress(*seen)

    try:
        if workers <= 1:
            for split in todo:
                try:
                    _add(summary, run_split(split, options, str(out), chunk_documents, report=tick))
                except OSError as exc:  # the output cannot be written (disk full, permissions)
                    raise SitrepError("E099", f"{split.describe()}: cannot write its output ({exc}); the "
                                              "finished splits are kept, run again to resume") from exc
        else:
            _run_pool(todo, out, options, workers, chunk_documents, summary, tick)
    except KeyboardInterrupt:
        summary.interrupted = True
    summary.seconds = time.perf_counter() - started
    return summary


def _run_pool(todo: list[Split], out: Path, options: BatchOptions, workers: int, chunk_documents: int,
              summary: output.BatchSummary, tick: Callable[[int, int], None]) -> None:
    ctx = mp.get_context("spawn")  # no fork of a process that runs threads (rich, logging)
    q = ctx.Queue()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(q,))
    futures: dict[Future, Split] = {}
    try:
        futures = {pool.submit(run_split, s, options, str(out), chunk_documents): s for s in todo}
        pending = set(futures)
        while pending:
            finished_now, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            _drain(q, tick)
            for fut in finished_now:
                try:
                    _add(summary, fut.result())
                except Exception as exc:
                    raise SitrepError("E099", f"the worker for {futures[fut].describe()} failed ({exc}); the "
                                              "finished splits are kept, run again to resume") from exc
        _drain(q, tick)
        pool.shutdown()
    except BaseException:  # Ctrl-C, a failed worker: stop the others now, keep what is finished
        _terminate(pool)
        raise


def _drain(q: Any, tick: Callable[[int, int], None]) -> None:
    while True:
        try:
            d, e = q.get_nowait()
        except queue_mod.Empty:
            return
        tick(d, e)


def _terminate(pool: ProcessPoolExecutor) -> None:
    from ..kb.ingest import _terminate as terminate

    terminate(pool)
    pool.shutdown(wait=False, cancel_futures=True)


def _add(summary: output.BatchSummary, counts: dict[str, Any]) -> None:
    summary.documents += int(counts.get("documents", 0))
    summary.errors += int(counts.get("errors", 0))
    summary.pipeline_loads += int(counts.get("pipeline_loads", 0))
    for t in TABLES:
        if t not in ("documents", "errors"):
            summary.rows[t] = summary.rows.get(t, 0) + int(counts.get(t, 0))


def merge(out: Path) -> dict[str, int]:
    """The merge stage on one machine: the blocks of :mod:`sitrep.batch.merge`, grouped in memory."""
    import shutil

    from . import merge as rules

    shutil.rmtree(out / "merged", ignore_errors=True)
    results: dict[str, list[dict[str, Any]]] = {}

    def collect(tagged) -> None:
        for table, row in tagged:
            results.setdefault(table, []).append(row)

    collect(rules.merge_blocks(output.read_rows(out / "actors", [
        "doc_id", "id", "name", "kind", "aliases", "country", "wikidata", "registry_id", "mentions"]),
        rules.actor_key, rules.merge_actor_block))
    links = {(r["doc_id"], r["local_id"]): r["actor_id"] for r in results.get("actor_links", [])}

    published = {r["doc_id"]: r["published"] for r in output.read_rows(out / "documents", ["doc_id", "published"])}
    events = (rules.with_merged_participants(row, links, published.get(row["doc_id"])) for row in output.read_rows(
        out / "events", ["doc_id", "id", "type", "mode", "actors", "targets", "date", "date_precision", "location",
                         "fatalities", "injuries", "status"]))
    collect(rules.merge_blocks(events, rules.event_key, rules.merge_event_block))
    collect(rules.relation_rows(links, output.read_rows(out / "relations", ["doc_id", "subject", "type", "object"])))

    from .tables import MERGED_TABLES

    for table in MERGED_TABLES:
        output.write_rows(out, table, results.get(table, []), "part-00000", merged=True)
    return {t: len(results.get(t, [])) for t in MERGED_TABLES}
