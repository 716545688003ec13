"""The ingest runner: sources in, analysed documents stored and merged in the knowledge base.

* Idempotent: a document whose URL or normalised-content hash is stored
  already is skipped before the (costly) analysis, unless ``reanalyse``.
* Resumable: each document is stored in its own transaction (see
  :meth:`KnowledgeBase.add`), so an interrupted run (Ctrl-C, even ``kill -9``)
  keeps what was committed and the next run skips it.
* Parallel: with ``workers > 1`` the analysis runs in worker processes (the
  'spawn' context; each worker loads the pipeline once and analyses batches
  of documents) while this process alone writes, in input order: one writer,
  so SQLite never fights over its lock and the result does not depend on the
  number of workers.
"""
from __future__ import annotations

import io
import logging
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..budget import doc_timeout as budget_seconds
from ..budget import time_limit
from ..errors import InputError, SitrepError
from ..ingest.feeds import is_url, read_feed, read_feed_url
from ..ingest import readers as readers_module
from ..ingest.normalise import clean_record
from ..ingest.readers import InputDocument, InputFailure, Record, read_stdin, read_text
from ..ingest.warc import GZIP_MAGIC, read_warc
from ..model import AnalysedDocument
from ..workers import die_with_parent
from .store import KnowledgeBase

log = logging.getLogger(__name__)

EX_DATAERR = getattr(os, "EX_DATAERR", 65)
EX_NOINPUT = getattr(os, "EX_NOINPUT", 66)
EX_UNAVAILABLE = getattr(os, "EX_UNAVAILABLE", 69)
EX_SOFTWARE = getattr(os, "EX_SOFTWARE", 70)
EXIT_INTERRUPTED = 130
# Failures that mean "the input is not there" rather than "the input is bad" (exit 66, not 65).
NO_INPUT_CODES = ("E008", "E014")
# Documents per task sent to a worker: large enough that inter-process traffic is small next to the
# analysis (~10-30 ms a short article), small enough to keep every worker busy and Ctrl-C prompt.
BATCH_SIZE = 8
# Batches in flight per worker: keeps workers fed while the writer commits, and bounds memory.
BATCHES_PER_WORKER = 3


@dataclass(slots=True)
class Failure:
    """A document (or file, line, record, entry) that could not be stored, and why."""

    origin: str
    code: str
    message: str  # starts with the origin

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


@dataclass
class IngestSummary:
    new: int = 0
    skipped: int = 0
    updated: int = 0
    failures: list[Failure] = field(default_factory=list)
    events_new: int = 0
    events_merged: int = 0
    started: float = field(default_factory=time.perf_counter)
    elapsed: float = 0.0
    interrupted: bool = False
    error: SitrepError | None = None  # the run stopped: the database failed (E02x) or a worker died (E099)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def stored(self) -> int:
        return self.new + self.updated

    @property
    def total(self) -> int:
        return self.new + self.skipped + self.updated + self.failed

    @property
    def rate(self) -> float:
        """Documents per second so far (stored, skipped or failed)."""
        return self.total / max(self.elapsed or time.perf_counter() - self.started, 1e-9)

    def fail(self, origin: str, error: SitrepError | Failure) -> None:
        msg = error.message
        self.failures.append(Failure(origin, error.code, msg if msg.startswith(origin) else f"{origin}: {msg}"))

    def exit_code(self) -> int:
        """0 when anything was stored or skipped; 65 when every input was bad; 66 when there was none;
        69 when the database failed; 70 when a worker process died; 130 when interrupted."""
        if self.error is not None:
            return EX_UNAVAILABLE if self.error.code.startswith("E02") else EX_SOFTWARE
        if self.interrupted:
            return EXIT_INTERRUPTED
        if self.new + self.skipped + self.updated:
            return 0
        if not self.failures or all(f.code in NO_INPUT_CODES for f in self.failures):
            return EX_NOINPUT
        return EX_DATAERR


Progress = Callable[[IngestSummary], None]


# ------------------------------------------------------------------ the database

def open_kb(url: str | None, busy_timeout: float | None = None) -> KnowledgeBase:
    """Open (and migrate) a knowledge base; ``busy_timeout``: seconds SQLite waits for another writer.

    Raises:
        SitrepError: E020 when the database cannot be opened.
    """
    kb = KnowledgeBase(url, migrate=False, busy_timeout=busy_timeout)
    kb.migrate()
    return kb


def _unavailable(kb: KnowledgeBase, exc: OperationalError) -> SitrepError:
    orig = getattr(exc, "orig", None)
    reason = str(orig or exc).strip().splitlines()[0]
    return SitrepError("E021", f"database {kb.safe_url} is not available: {reason}")


# ------------------------------------------------------------------ sources

def reader_for(path: Path) -> Callable[[IO[bytes], str], Iterator[Record]] | None:
    """The registered reader whose suffix ends the file's name (the longest: ``.warc.gz`` before ``.gz``)."""
    return readers_module.reader_for(path.name)


def read_all(sources: Iterable[str]) -> Iterator[Record]:
    """Every record of every source: files (by suffix), folders (recursively), http(s) feed URLs, '-'."""
    for src in sources:
        if src == "-":
            yield from read_standard_input()
            continue
        if is_url(src):
            yield from read_feed_url(src)
            continue
        path = Path(src)
        if path.is_dir():
            for child in sorted(c for c in path.rglob("*") if c.is_file() and reader_for(c) is not None):
                yield from _read_file(child)
        elif path.is_file():
            yield from _read_file(path)
        else:
            yield InputFailure(src, InputError("E008", f"{src}: no such file, folder or feed URL"))


def _read_file(path: Path) -> Iterator[Record]:
    reader = reader_for(path) or read_text
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputFailure(str(path), InputError("E008", f"{path}: cannot open the file ({exc.strerror or exc})"))
        return
    with fh:
        yield from reader(fh, str(path))


def read_standard_input(stream: IO[bytes] | None = None) -> Iterator[Record]:
    """Standard input: a WARC or a feed when it looks like one, else as ``sitrep analyze`` reads it."""
    stream = stream or sys.stdin.buffer
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    head = stream.peek(256)[:256]  # type: ignore[union-attr]
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith((GZIP_MAGIC, b"WARC/")):
        yield from read_warc(stream, "<stdin>")
    elif text.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:RDF")):
        yield from read_feed(stream, "<stdin>")
    else:
        yield from read_stdin(stream)


# ------------------------------------------------------------------ analysis (here or in a worker)

def _analyse(d: InputDocument, published: str | None, lang: str | None,
             timeout: float | None = None) -> AnalysedDocument | Failure:
    from ..pipeline import analyze

    try:
        with time_limit(timeout):  # E023 past the budget: this document fails, the run goes on
            return analyze(d.text, published=d.published or published, language=d.language or lang, doc_id=d.id,
                           source=d.source, url=d.url, title=d.title)
    except SitrepError as exc:
        msg = exc.message if exc.message.startswith(d.origin) else f"{d.origin}: {exc.message}"
        return Failure(d.origin, exc.code, msg)
    except Exception as exc:  # one document must never end a batch
        log.exception("%s: the extractor failed", d.origin)
        return Failure(d.origin, "E099", f"{d.origin}: internal error in the extractor: {exc}")


def _init_worker() -> None:
    die_with_parent()  # kill -9 of the ingest process must not leave 300 MB workers behind
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    from .. import pipeline  # noqa: F401  (load spaCy and the extractor once per worker)


def _analyse_batch(docs: list[InputDocument], published: str | None,
                   lang: str | None, timeout: float | None = None) -> list[AnalysedDocument | Failure]:
    return [_analyse(d, published, lang, timeout) for d in docs]


# ------------------------------------------------------------------ the runner

class _Stop(Exception):
    """The database failed: stop reading, keep what is stored."""


class _Runner:
    def __init__(self, kb: KnowledgeBase, reanalyse: bool, published: str | None, lang: str | None,
                 progress: Progress | None, timeout: float | None = None):
        self.kb, self.reanalyse, self.published, self.lang = kb, reanalyse, published, lang
        self.progress = progress
        self.timeout = timeout
        self.summary = IngestSummary()
        self.dated_copies: set[str] = set()  # content hashes of stored undated documents met again with a date

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress(self.summary)

    def admit(self, rec: Record) -> InputDocument | None:
        """The document to analyse, or None when it failed to read or is stored already."""
        if isinstance(rec, InputFailure):
            self.summary.fail(rec.origin, rec.error)
            self._tick()
            return None
        clean_record(rec)  # a lone surrogate in the URL or text must not reach the hash or the driver
        if not self.reanalyse:
            try:
                seen = self.kb.seen(rec.url, rec.text)
            except OperationalError as exc:
                self.summary.error = _unavailable(self.kb, exc)
                raise _Stop from exc
            if seen and not self._dated_copy_of_undated(rec):
                self.summary.skipped += 1
                self._tick()
                return None
        return rec

    def _dated_copy_of_undated(self, rec: InputDocument) -> bool:
        """A stored document has this text but no publication date, and this record has one: the record
        replaces it (its relative dates can now be placed), with a warning."""
        from .store import content_hash

        published = rec.published or self.published
        if not published:
            return False
        chash = content_hash(rec.text)
        with self.kb.session() as s:
            stored = self.kb.find(s, rec.url, chash)
            if stored is None or stored.published:
                return False
            key = stored.doc_key
        log.warning("%s: the same text as the stored document %r, which has no publication date: stored again "
                    "with this record's date (%s)", rec.origin, key, published)
        self.dated_copies.add(chash)
        return True

    def store(self, result: AnalysedDocument | Failure) -> None:
        s = self.summary
        if isinstance(result, Failure):
            s.failures.append(result)
        else:
            try:
                stored = self.kb.add(result, reanalyse=self.reanalyse or self._replaces(result))
            except SitrepError as exc:  # E021: locked, gone, refused: later documents would fail alike
                s.error = exc
                raise _Stop from exc
            except OperationalError as exc:
                s.error = _unavailable(self.kb, exc)
                raise _Stop from exc
            except (SQLAlchemyError, OverflowError, ValueError, UnicodeError) as exc:
                # this document's data (too long for a column, a number the driver cannot bind, ...): a failed
                # document, rolled back with its transaction; the run goes on
                origin = result.id or result.url or "document"
                reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
                s.failures.append(Failure(str(origin), "E022", f"{origin}: the database refused the document: "
                                                                f"{reason}"))
            else:
                if stored.status == "new":
                    s.new += 1
                elif stored.status == "updated":
                    s.updated += 1
                else:
                    s.skipped += 1
                s.events_new += stored.events_new
                s.events_merged += stored.events_merged
        self._tick()

    def _replaces(self, doc: AnalysedDocument) -> bool:
        if not self.dated_copies:
            return False
        from .store import content_hash

        return content_hash(doc.text) in self.dated_copies

    # -------------------------------------------------------------- one process
    def run_serial(self, records: Iterable[Record]) -> None:
        for rec in records:
            doc = self.admit(rec)
            if doc is not None:
                self.store(_analyse(doc, self.published, self.lang, self.timeout))

    # -------------------------------------------------------------- worker processes
    def run_parallel(self, records: Iterable[Record], workers: int, batch_size: int) -> None:
        ctx = multiprocessing.get_context("spawn")
        ex = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker)
        pending: deque[tuple[list[InputDocument], Future]] = deque()
        limit = workers * BATCHES_PER_WORKER
        try:
            batch: list[InputDocument] = []
            for rec in records:
                doc = self.admit(rec)
                if doc is None:
                    continue
                batch.append(doc)
                if len(batch) >= batch_size:
                    pending.append((batch, ex.submit(_analyse_batch, batch, self.published, self.lang,
                                                     self.timeout)))
                    batch = []
                while len(pending) >= limit:
                    self._drain(pending.popleft())
            if batch:
                pending.append((batch, ex.submit(_analyse_batch, batch, self.published, self.lang, self.timeout)))
            while pending:
                self._drain(pending.popleft())
        finally:
            for _, fut in pending:
                fut.cancel()
            if pending:  # stopped early (Ctrl-C, database failure): don't wait for analyses nobody stores
                _terminate(ex)
            ex.shutdown(wait=True, cancel_futures=True)

    def _drain(self, item: tuple[list[InputDocument], Future]) -> None:
        _docs, fut = item
        try:
            results = fut.result()
        except BrokenProcessPool as exc:  # a worker died (out of memory, a crash in a C library)
            raise SitrepError("E099", f"an analysis worker process died ({exc}); what was stored is kept, "
                                      "run again to resume (or with --workers 1)") from exc
        for result in results:
            self.store(result)


def _terminate(ex: ProcessPoolExecutor) -> None:
    terminate = getattr(ex, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    for proc in list((getattr(ex, "_processes", None) or {}).values()):
        try:
            proc.terminate()
        except (OSError, AttributeError):
            pass


def ingest(sources: Iterable[str], kb: KnowledgeBase, workers: int = 1, reanalyse: bool = False,
           published: str | None = None, lang: str | None = None, progress: Progress | None = None,
           batch_size: int = BATCH_SIZE, doc_timeout: float | None = None) -> IngestSummary:
    """Analyse every document of ``sources`` and store it in ``kb``.

    Args:
        sources: files, folders, http(s) feed URLs, '-' for standard input.
        kb: the knowledge base (this process is its only writer during the run).
        workers: analysis processes; 1 analyses in this process.
        reanalyse: analyse stored documents again and replace their reports.
        published, lang: defaults for documents that give no date or language.
        progress: called with the running summary after each document.
        doc_timeout: the per-document time budget in seconds (None: ``$SITREP_DOC_TIMEOUT`` or 30 s; 0: none);
            a document past it is a failure (E023) and the run goes on.
    Returns:
        The summary; ``interrupted`` after Ctrl-C, ``error`` when the database failed or a worker process
        died (what was committed before stays committed in every case).
    """
    return ingest_records(read_all(sources), kb, workers=workers, reanalyse=reanalyse, published=published,
                          lang=lang, progress=progress, batch_size=batch_size, doc_timeout=doc_timeout)


def ingest_records(records: Iterable[Record], kb: KnowledgeBase, workers: int = 1, reanalyse: bool = False,
                   published: str | None = None, lang: str | None = None, progress: Progress | None = None,
                   batch_size: int = BATCH_SIZE, doc_timeout: float | None = None) -> IngestSummary:
    """:func:`ingest` for records already read (InputDocument and InputFailure)."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    runner = _Runner(kb, reanalyse, published, lang, progress, budget_seconds(doc_timeout))
    try:
        if workers == 1:
            runner.run_serial(records)
        else:
            runner.run_parallel(records, workers, max(1, batch_size))
    except _Stop:
        log.debug("ingest stopped: %s", runner.summary.error)
    except SitrepError as exc:  # a worker process died
        runner.summary.error = exc
    except KeyboardInterrupt:
        runner.summary.interrupted = True
    runner.summary.elapsed = time.perf_counter() - runner.summary.started
    return runner.summary
