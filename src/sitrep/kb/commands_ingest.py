"""``sitrep ingest``: sources into the knowledge base (see issue: idempotent, resumable, parallel).

Thin: parse arguments, open the database, call :func:`sitrep.kb.ingest.ingest`, report.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from typing import Any, Self

from ..errors import SitrepError

log = logging.getLogger("sitrep")
progress_log = logging.getLogger("sitrep.ingest.progress")

# Without a terminal, a progress line every this many seconds (for logs and CI).
PROGRESS_INTERVAL_S = 10.0
# Environment defaults, so that scripts and services need not repeat them.
ENV_DB = "SITREP_DB"
ENV_BUSY_TIMEOUT = "SITREP_BUSY_TIMEOUT"
ENV_PROGRESS_INTERVAL = "SITREP_PROGRESS_INTERVAL"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``ingest`` command."""
    from ..cli import _iso_date
    from ..budget import DEFAULT_DOC_TIMEOUT, ENV_DOC_TIMEOUT
    from .store import DEFAULT_DB, SQLITE_BUSY_TIMEOUT_MS

    p = sub.add_parser(
        "ingest", help="analyse articles into the knowledge base (idempotent, resumable, parallel)",
        description="Analyse articles and store them, merged, in the knowledge base. SOURCE: files or folders "
                    "of .txt, .html, .json/.jsonl, .warc/.warc.gz and RSS/Atom feeds (.rss, .atom, .xml), an "
                    "http(s) feed URL, or - for standard input. A document whose URL or content is stored "
                    "already is skipped, so an interrupted run resumes where it stopped.")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders, feed URLs, or - for standard input")
    p.add_argument("--db", default=os.environ.get(ENV_DB) or None, metavar="URL",
                   help=f"a SQLite file (default ${ENV_DB}, else {DEFAULT_DB}) or postgresql://user@host/name")
    p.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                   help="analyse in N worker processes (default 1: in this process)")
    p.add_argument("--reanalyse", "--reanalyze", action="store_true",
                   help="analyse stored documents again and replace what they reported")
    p.add_argument("--published", type=_iso_date, metavar="DATE", help="publication date for documents without one (YYYY-MM-DD)")
    p.add_argument("--lang", help="language of documents that do not say (ISO 639-1); detected if omitted")
    p.add_argument("--busy-timeout", type=float, metavar="SECONDS", default=_env_float(ENV_BUSY_TIMEOUT),
                   help=f"how long to wait for another writer of a SQLite database before giving up (default "
                        f"${ENV_BUSY_TIMEOUT}, else {SQLITE_BUSY_TIMEOUT_MS // 1000})")
    p.add_argument("--doc-timeout", type=_seconds, metavar="SECONDS", default=None,
                   help=f"time budget of one document's analysis: past it the document is recorded as failed "
                        f"(E023) and the run goes on (default ${ENV_DOC_TIMEOUT}, else {DEFAULT_DOC_TIMEOUT:g}; "
                        f"0: no limit)")
    p.set_defaults(func=cmd_ingest)


def _seconds(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        n = -1.0
    if not n >= 0:  # also NaN
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds (0 or more)")
    return n


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return n


def _env_float(name: str) -> float | None:
    raw = os.environ.get(name)
    try:
        return float(raw) if raw else None
    except ValueError:
        log.warning("ignoring %s=%r: not a number of seconds", name, raw)
        return None


def cmd_ingest(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from .ingest import EX_UNAVAILABLE, ingest, open_kb

    try:
        kb = open_kb(args.db, busy_timeout=args.busy_timeout)
    except SitrepError as exc:  # E020: unreachable server, locked or unreadable file, failed migration
        log.error("%s", exc)
        return EX_UNAVAILABLE
    except (SQLAlchemyError, OSError, ImportError) as exc:  # e.g. a file that is no database, a bad URL
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        log.error("[E020] cannot open the database %s: %s", args.db or "sitrep.db", reason)
        return EX_UNAVAILABLE
    quiet = bool(getattr(args, "quiet", False))
    progress_log.setLevel(logging.ERROR if quiet else logging.INFO)
    try:
        with _Progress(quiet) as progress:
            summary = ingest(args.sources, kb, workers=args.workers, reanalyse=args.reanalyse,
                             published=args.published, lang=args.lang, progress=progress.update,
                             doc_timeout=args.doc_timeout)
    finally:
        kb.engine.dispose()
    _report(summary, args.sources, kb.safe_url, quiet)
    return summary.exit_code()


class _Progress:
    """A rich progress display on a terminal; elsewhere a log line every few seconds."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar: Any = None
        self.task: Any = None
        self.last = time.monotonic()
        self.interval = _env_float(ENV_PROGRESS_INTERVAL) or PROGRESS_INTERVAL_S
        self.tty = sys.stderr.isatty() and not quiet

    def __enter__(self) -> Self:
        if self.tty:
            from rich.console import Console
            from rich.progress import (
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self.bar = Progress(SpinnerColumn(), TextColumn("ingesting"), TextColumn("{task.completed} documents"),
                                TextColumn("{task.fields[rate]:.1f} docs/s"),
                                TextColumn("{task.fields[events]} events"), TextColumn("{task.fields[failed]}"),
                                TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task("ingest", total=None, rate=0.0, events=0, failed="")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def update(self, s: Any) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=s.total, rate=s.rate, events=s.events_new + s.events_merged,
                            failed=f"{s.failed} failed" if s.failed else "")
            return
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            progress_log.info("ingest: %d documents (%d new, %d skipped, %d updated, %d failed), %.1f docs/s, "
                              "%d events new, %d merged", s.total, s.new, s.skipped, s.updated, s.failed, s.rate,
                              s.events_new, s.events_merged)


def _report(s: Any, sources: list[str], where: str, quiet: bool) -> None:
    """The summary on standard error (with -q only the failures and errors)."""
    out = sys.stderr
    if not quiet:
        out.write(f"sitrep ingest: documents {s.new} new, {s.skipped} skipped, {s.updated} updated, {s.failed} "
                  f"failed; events {s.events_new} new, {s.events_merged} merged; {s.elapsed:.1f} s "
                  f"({s.rate:.1f} documents/s) into {where}\n")
    if s.failures:
        out.write(f"{s.failed} failed:\n")
        for f in s.failures:
            out.write(f"  {f}\n")
    if s.total == 0 and s.error is None and not s.interrupted:
        log.error("no documents found in %s (.txt, .html, .json, .jsonl, .warc, .warc.gz, .rss, .atom, .xml "
                  "files, feed URLs or -)", ", ".join(sources))
    if s.error is not None:
        log.error("%s", s.error)
        log.error("stopped: the %d documents stored before are kept; run the same command again to resume",
                  s.stored)
    if s.interrupted:
        log.error("interrupted: the %d documents stored are kept; run the same command again to resume", s.stored)
    out.flush()
