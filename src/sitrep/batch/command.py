"""``sitrep batch`` (a corpus to Parquet, locally or on Spark) and ``sitrep load-batch`` (Parquet to the KB).

Thin: parse arguments, plan, call an engine, merge, report.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from ..errors import SitrepError

log = logging.getLogger("sitrep")
progress_log = logging.getLogger("sitrep.batch.progress")

EX_DATAERR = getattr(os, "EX_DATAERR", 65)
EX_NOINPUT = getattr(os, "EX_NOINPUT", 66)
EX_UNAVAILABLE = getattr(os, "EX_UNAVAILABLE", 69)
EX_SOFTWARE = getattr(os, "EX_SOFTWARE", 70)
EXIT_INTERRUPTED = 130
# Without a terminal, a progress line every this many seconds.
PROGRESS_INTERVAL_S = 10.0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from ..cli import _iso_date
    from ..kb.commands_ingest import _positive_int
    from .inputs import DEFAULT_SPLIT_BYTES

    p = sub.add_parser(
        "batch", help="analyse a large corpus into Parquet tables, on this machine or on Spark",
        description="Analyse every document of the inputs (JSON Lines, .jsonl.gz, Parquet with a text column, "
                    "WARC/WARC.gz files, or folders of them) into one Parquet data set per table (documents, "
                    "actors, events, quotes, relations, errors) under DIR, partitioned by publication month, "
                    "then merge actors and events across documents into DIR/merged. The local engine resumes an "
                    "interrupted run when the same command is run again.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="input files or folders")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder (new, or an earlier run's)")
    p.add_argument("--engine", choices=("local", "spark"), default="local",
                   help="local: processes on this machine (default); spark: pyspark")
    p.add_argument("--workers", type=_positive_int, default=_cores(), metavar="N",
                   help="local engine: worker processes (default: the number of cores)")
    p.add_argument("--spark-master", metavar="URL", default=os.environ.get("SITREP_SPARK_MASTER"),
                   help="spark engine: master URL (local[2], spark://host:7077, yarn; default $SITREP_SPARK_MASTER, "
                        "else the one spark-submit gives, else local[*])")
    p.add_argument("--spark-conf", action="append", default=[], metavar="KEY=VALUE", type=_key_value,
                   help="spark engine: a Spark setting (repeatable), e.g. spark.executor.memory=4g")
    p.add_argument("--split-mb", type=_positive_float, default=DEFAULT_SPLIT_BYTES // (1024 * 1024), metavar="MB",
                   help=f"cut JSON Lines files into splits of this size (default {DEFAULT_SPLIT_BYTES // 2**20})")
    p.add_argument("--text-column", default="text", metavar="NAME", help="Parquet inputs: the text column (default text)")
    p.add_argument("--published", type=_iso_date, metavar="DATE", help="publication date for documents without one")
    p.add_argument("--lang", help="language of documents that do not say (ISO 639-1); detected if omitted")
    p.add_argument("--with-indirect", action="store_true", help="also list reported speech as quotes")
    p.add_argument("--no-merge", action="store_true", help="skip the cross-document merge stage")
    p.add_argument("--overwrite", action="store_true", help="replace an earlier batch output in DIR")
    p.set_defaults(func=cmd_batch)

    ld = sub.add_parser(
        "load-batch", help="load a batch output into the knowledge base",
        description="Add every document of a 'sitrep batch' output folder to the knowledge base, merged by its "
                    "rules; documents stored already are skipped, so an interrupted load resumes.")
    ld.add_argument("output", metavar="DIR", help="the folder 'sitrep batch --output' wrote")
    ld.add_argument("--db", default=os.environ.get("SITREP_DB") or None, metavar="URL",
                    help="a SQLite file (default $SITREP_DB, else sitrep.db) or postgresql://user@host/name")
    ld.set_defaults(func=cmd_load)


def _cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _positive_float(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        x = 0.0
    if not x > 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number")
    return x


def _key_value(pair: str) -> tuple[str, str]:
    key, sep, value = pair.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"{pair!r} is not KEY=VALUE")
    return key.strip(), value.strip()


def _default_master(given: str | None) -> str | None:
    if given:
        return given
    if os.environ.get("PYSPARK_GATEWAY_PORT"):  # launched by spark-submit: it has set the master
        return None
    return "local[*]"


def cmd_batch(args: argparse.Namespace) -> int:
    from . import inputs, output
    from .process import BatchOptions

    out = Path(args.output)
    options = BatchOptions(published=args.published, lang=args.lang, text_column=args.text_column,
                           include_indirect=args.with_indirect)
    try:
        splits = inputs.plan(args.inputs, split_bytes=max(1, int(args.split_mb * 1024 * 1024)))
        if not splits:
            log.error("no documents to analyse in %s (.jsonl, .jsonl.gz, .parquet, .warc, .warc.gz)",
                      ", ".join(args.inputs))
            return EX_NOINPUT
        conf = dict(args.spark_conf) if args.engine == "spark" else {}
        done = output.prepare(out, splits, args.engine, args.overwrite,
                              {"published": args.published, "lang": args.lang, "text_column": args.text_column,
                               "split_mb": args.split_mb, "with_indirect": args.with_indirect})
    except SitrepError as exc:
        log.error("%s", exc)
        return EX_NOINPUT if exc.code == "E008" else EX_DATAERR
    log.info("%d inputs in %d splits into %s (%s engine)", len({s.path for s in splits}), len(splits), out, args.engine)
    if args.engine == "local":
        summary = _run_local(args, splits, out, options, done)
    else:
        try:
            summary, spark = _run_spark(args, splits, out, options, conf)
        except SitrepError as exc:
            log.error("%s", exc)
            return EX_UNAVAILABLE if exc.code == "E017" else EX_SOFTWARE
    if summary is None:
        return EX_SOFTWARE
    if not summary.interrupted and not args.no_merge and summary.documents:
        started = time.perf_counter()
        try:
            if args.engine == "local":
                from . import local

                summary.merged = local.merge(out)
            else:
                from . import spark as spark_engine

                summary.merged = spark_engine.merge(out, spark)
        except Exception as exc:
            log.error("the merge stage failed (%s); the analysed tables in %s are complete, run again with "
                      "--no-merge to skip it", exc, out)
            return EX_SOFTWARE
        summary.merge_seconds = time.perf_counter() - started
        progress_log.info("merge stage: %.1f s", summary.merge_seconds)
    if args.engine == "spark":
        spark.stop()
    output.finish_manifest(out, summary)
    _report(summary, out, args)
    if summary.interrupted:
        if args.engine == "local":
            log.error("interrupted: finished splits are kept in %s; run the same command again to resume", out)
        else:
            log.error("interrupted: the Spark run is incomplete; run it again with --overwrite")
        return EXIT_INTERRUPTED
    if not summary.documents:
        return EX_DATAERR
    return 0


def _run_local(args: argparse.Namespace, splits, out: Path, options, done: set[str]):
    from . import local

    with _Progress(args, "analysing") as bar:
        try:
            return local.run(splits, out, options, workers=args.workers, done=done, progress=bar.update)
        except SitrepError as exc:
            log.error("%s", exc)
            return None


def _run_spark(args: argparse.Namespace, splits, out: Path, options, conf: dict[str, str]):
    from . import spark as spark_engine

    progress_log.setLevel(logging.ERROR if args.quiet else logging.INFO)
    spark = spark_engine.session(_default_master(args.spark_master), conf)
    progress_log.info("spark: master %s, default parallelism %d", spark.sparkContext.master,
                      spark.sparkContext.defaultParallelism)
    return spark_engine.run(splits, out, options, spark), spark


class _Progress:
    """A rich progress display on a terminal; elsewhere a log line every few seconds."""

    def __init__(self, args: argparse.Namespace, what: str):
        self.what = what
        self.quiet = bool(getattr(args, "quiet", False))
        self.tty = sys.stderr.isatty() and not self.quiet
        self.bar: Any = None
        self.started = self.last = time.monotonic()
        progress_log.setLevel(logging.ERROR if self.quiet else logging.INFO)

    def __enter__(self) -> _Progress:
        if self.tty:
            from rich.console import Console
            from rich.progress import (
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self.bar = Progress(SpinnerColumn(), TextColumn(self.what), TextColumn("{task.completed} documents"),
                                TextColumn("{task.fields[rate]:.1f} docs/s"), TextColumn("{task.fields[errors]}"),
                                TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task(self.what, total=None, rate=0.0, errors="")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def update(self, docs: int, errors: int) -> None:
        now = time.monotonic()
        rate = docs / max(now - self.started, 1e-9)
        if self.bar is not None:
            self.bar.update(self.task, completed=docs, rate=rate, errors=f"{errors} errors" if errors else "")
        elif now - self.last >= PROGRESS_INTERVAL_S:
            self.last = now
            progress_log.info("%s: %d documents, %d errors, %.1f docs/s", self.what, docs, errors, rate)


def _report(summary, out: Path, args: argparse.Namespace) -> None:
    if not getattr(args, "quiet", False):
        sys.stderr.write(f"sitrep batch ({summary.engine}): {summary.line()}; into {out}\n")
    if summary.errors:
        sys.stderr.write(f"{summary.errors} documents could not be analysed: see {out / 'errors'}\n")
    sys.stderr.flush()


def cmd_load(args: argparse.Namespace) -> int:
    from ..kb.ingest import open_kb
    from . import load

    try:
        kb = open_kb(args.db)
    except SitrepError as exc:
        log.error("%s", exc)
        return EX_UNAVAILABLE
    quiet = bool(getattr(args, "quiet", False))
    progress_log.setLevel(logging.ERROR if quiet else logging.INFO)
    last = [time.monotonic()]

    def progress(s: Any) -> None:
        if time.monotonic() - last[0] >= PROGRESS_INTERVAL_S:
            last[0] = time.monotonic()
            progress_log.info("load-batch: %d documents (%d new, %d skipped, %d failed)", s.total, s.new,
                              s.skipped, s.failed)

    try:
        s = load.load(Path(args.output), kb, progress)
    except SitrepError as exc:
        log.error("%s", exc)
        return EX_UNAVAILABLE if exc.code.startswith("E02") else EX_DATAERR
    finally:
        kb.engine.dispose()
    if not quiet:
        sys.stderr.write(f"sitrep load-batch: documents {s.new} new, {s.skipped} skipped, {s.failed} failed; events "
                         f"{s.events_new} new, {s.events_merged} merged; {s.seconds:.1f} s into {kb.safe_url}\n")
    if s.interrupted:
        log.error("interrupted: the documents loaded are kept; run the same command again to resume")
        return EXIT_INTERRUPTED
    return 0 if s.new + s.skipped or not s.failed else EX_DATAERR
