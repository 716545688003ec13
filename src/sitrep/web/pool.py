"""The server's analyses run in a small pool of worker processes, off the event loop and under the budget.

Why processes and not threads: spaCy's tokenizer and parser hold the GIL for the length of a call, so an
analysis in a thread still kept /api/health waiting (3.1 s behind 6,000 "("), and a thread cannot be
stopped once its document runs past the time budget. A worker process analyses under
:func:`sitrep.budget.time_limit` in its main thread (E023 past the budget); should it hang where no signal
reaches it (inside a C extension) the server stops waiting after the budget and a grace period, ends the
pool's processes and starts new ones. The pool is bounded (``$SITREP_ANALYSIS_WORKERS``, default 2), so is
the memory, whatever is sent; the workers start on the first analysis and end with the server.
"""
from __future__ import annotations

import asyncio
import atexit
import logging
import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..budget import DocumentTimeout, doc_timeout, time_limit
from ..errors import SitrepError

log = logging.getLogger(__name__)

ENV_WORKERS = "SITREP_ANALYSIS_WORKERS"
DEFAULT_WORKERS = 2  # concurrent analyses per server process; each worker holds the pipelines (~300 MB)
# Analyses before a worker is replaced by a fresh one: spaCy's string store keeps every new token it has seen,
# so a worker fed random Unicode grows without end (about 700 MB after 40,000 hostile inputs in the fuzz run).
WORKER_MAX_TASKS = 1000
# Seconds the server waits past the budget before it takes a worker for hung and replaces the pool.
GRACE_S = 60.0  # generous: the first analysis also starts the worker and loads its pipelines


def _init_worker() -> None:
    from ..workers import die_with_parent

    # not prctl: the parent *thread* that starts a worker may be a short-lived one (a test client's event loop)
    die_with_parent(use_prctl=False)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _warm() -> None:
    from ..ingest.normalise import FALLBACK_PIPELINE, SUPPORTED_LANGUAGES
    from ..pipeline import analyze

    for lang in (*SUPPORTED_LANGUAGES, FALLBACK_PIPELINE):
        analyze("Russian missiles killed five people in Kharkiv on Tuesday.", language=lang)


def _analyse(kwargs: dict[str, Any], html: str | None, budget: float | None) -> tuple[str, Any]:
    """In a worker: ('ok', (AnalysedDocument, meta)) or ('error', (code, message)); exceptions stay here
    (SitrepError does not survive pickling)."""
    from ..pipeline import analyze

    try:
        with time_limit(budget):
            meta: dict[str, Any] = {}
            if html is not None:
                from ..ingest.readers import html_to_document

                doc_in = html_to_document(html, "upload", kwargs.get("doc_id") or "upload")  # E007
                kwargs["text"] = doc_in.text
                meta = {"title": doc_in.title, "url": doc_in.url, "source": doc_in.source,
                        "published": doc_in.published}
                for key in ("title", "url", "source"):
                    kwargs[key] = kwargs.get(key) or meta[key]
                kwargs["published"] = kwargs.get("published") or _iso_date(meta["published"])
            return "ok", analyze(**kwargs)
    except SitrepError as exc:
        return "error", (exc.code, exc.message)
    except Exception as exc:  # noqa: BLE001 - one request must never take the worker down
        log.exception("analysis failed")
        return "error", ("E099", f"internal error in the extractor ({type(exc).__name__})")


def _iso_date(value: str | None) -> str | None:
    import re

    if value and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value[:10]):
        return value[:10]
    return None


class AnalysisPool:
    """A lazily started ProcessPoolExecutor that is replaced when a worker hangs or dies."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or _env_workers()
        self._ex: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._warmed: list[Any] | None = None

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._ex is None:
                self._ex = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                               initializer=_init_worker, max_tasks_per_child=WORKER_MAX_TASKS)
            return self._ex

    def start(self) -> None:
        """Start the workers now and let each load the pipelines, so that the first request does not wait."""
        if self._warmed is not None:
            return
        ex = self._executor()
        self._warmed = [ex.submit(_warm) for _ in range(self.workers)]

    def reset(self) -> None:
        """End the workers (hung or broken) now; the next analysis starts new ones."""
        with self._lock:
            ex, self._ex, self._warmed = self._ex, None, None
        if ex is not None:
            for proc in list((getattr(ex, "_processes", None) or {}).values()):
                try:
                    proc.kill()
                except (OSError, AttributeError):
                    pass
            ex.shutdown(wait=False, cancel_futures=True)

    async def analyse(self, html: str | None = None, budget: float | None = None, **kwargs: Any) -> Any:
        """The AnalysedDocument of ``kwargs`` (``sitrep.analyze``'s arguments; ``html``: a page to extract first).

        Raises:
            SitrepError: the analysis refused the input (E00x), ran past the budget (E023) or failed (E099).
        """
        budget = doc_timeout(budget)
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):  # a pool broken by an earlier request is replaced once, then it is an error
            try:
                fut = loop.run_in_executor(self._executor(), _analyse, kwargs, html, budget)
                status, value = await asyncio.wait_for(fut, None if budget is None else budget + GRACE_S)
                break
            except asyncio.TimeoutError:
                log.error("an analysis ran %.0f s past the budget without stopping; restarting the workers", GRACE_S)
                self.reset()
                raise DocumentTimeout(budget or 0.0) from None
            except BrokenProcessPool:
                self.reset()
                if attempt == 2:
                    raise SitrepError("E099", "the analysis worker process died; try again") from None
        if status == "error":
            code, message = value
            raise SitrepError(code, message)
        return value

    def close(self) -> None:
        with self._lock:
            ex, self._ex = self._ex, None
        if ex is not None:
            ex.shutdown(wait=False, cancel_futures=True)


def _env_workers() -> int:
    raw = os.environ.get(ENV_WORKERS, "").strip()
    try:
        n = int(raw) if raw else DEFAULT_WORKERS
    except ValueError:
        log.warning("ignoring %s=%r: not a whole number", ENV_WORKERS, raw)
        n = DEFAULT_WORKERS
    return max(1, n)


_pool: AnalysisPool | None = None
_pool_lock = threading.Lock()


def shared_pool() -> AnalysisPool:
    """The one pool of this server process (every app and page shares it: the memory bound is per process)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = AnalysisPool()
            atexit.register(_pool.close)
        return _pool
