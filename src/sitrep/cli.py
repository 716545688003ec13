"""Command line: ``sitrep analyze FILE...`` (thin: parse arguments, call the library, report)."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from contextlib import nullcontext
from typing import IO, Iterable

from . import __version__
from .errors import SitrepError
from .ingest.readers import InputDocument, InputFailure, read_sources
from .model import AnalysedDocument

log = logging.getLogger("sitrep")

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_DATAERR = getattr(os, "EX_DATAERR", 65)
EXIT_NOINPUT = getattr(os, "EX_NOINPUT", 66)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description="Structured conflict data from news articles.")
    parser.add_argument("--version", action="version", version=f"sitrep {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    an = sub.add_parser("analyze", help="extract actors, events, quotes and relations from articles",
                        description="Analyse .txt, .html and .jsonl files (one document per line: id, text or html, "
                                    "optional published, language, source, url); '-' reads standard input. "
                                    "Writes the analysed-document format (FORMAT.md) as JSON Lines.")
    an.add_argument("files", nargs="+", metavar="FILE", help="input files or folders, or - for standard input")
    an.add_argument("--published", help="publication date for plain files (YYYY-MM-DD)")
    an.add_argument("--lang", help="language of plain files (ISO 639-1); detected if omitted")
    an.add_argument("-o", "--output", help="write here instead of standard output")
    an.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl",
                    help="jsonl (default), json (one indented array) or table (a readable summary)")
    an.add_argument("--with-indirect", action="store_true",
                    help="also list reported speech ('zei dat ...') as quotes of kind 'indirect'")
    an.add_argument("--with-text", action="store_true", help="include the input text in each output record")
    an.set_defaults(func=cmd_analyze)
    return parser


def _configure_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    try:
        from rich.logging import RichHandler

        handler: logging.Handler = RichHandler(console=_stderr_console(), show_path=False, show_time=False)
        fmt = "%(message)s"
    except ImportError:  # rich is a dependency; this keeps logging alive in a broken environment
        handler, fmt = logging.StreamHandler(sys.stderr), "%(levelname)s %(message)s"
    logging.basicConfig(level=level, format=fmt, handlers=[handler], force=True)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def _progress(total_known: bool):
    """A progress bar on standard error when it is a terminal; nothing otherwise (logs and CI stay clean)."""
    if not sys.stderr.isatty():
        return nullcontext(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                    TimeElapsedColumn(), console=_stderr_console(), transient=True)


def cmd_analyze(args: argparse.Namespace) -> int:
    from .pipeline import analyze

    records = list(_records(args.files))
    docs = [r for r in records if isinstance(r, InputDocument)]
    failures = [r for r in records if isinstance(r, InputFailure)]
    single = len(records) == 1
    results: list[AnalysedDocument] = []
    started = time.perf_counter()
    with _progress(True) as progress:
        task = progress.add_task("analyse", total=len(docs), rate="") if progress else None
        for i, d in enumerate(docs, 1):
            try:
                res = analyze(d.text, published=d.published or args.published, language=d.language or args.lang,
                              doc_id=d.id, source=d.source, url=d.url, title=d.title,
                              include_indirect=args.with_indirect)
                results.append(res)
            except SitrepError as exc:
                failures.append(InputFailure(d.origin, exc))  # type: ignore[arg-type]
            except Exception as exc:  # one document must never end a batch; log it with its origin
                log.exception("%s: the extractor failed", d.origin)
                failures.append(InputFailure(d.origin, SitrepError("E099", f"{d.origin}: internal error: {exc}")))  # type: ignore[arg-type]
            if progress is not None:
                rate = i / max(time.perf_counter() - started, 1e-9)
                progress.update(task, advance=1, rate=f"{rate:.1f} docs/s")
    for f in failures:
        log.error("%s", f.error.message if f.error.message.startswith(f.origin) else f"{f.origin}: {f.error.message}")
    _write(results, args)
    elapsed = time.perf_counter() - started
    if not single or len(results) > 1:
        log.info("%d documents analysed, %d skipped, in %.1f s", len(results), len(failures), elapsed)
    if failures and not results:
        return EXIT_NOINPUT if all(f.error.code == "E008" for f in failures) else EXIT_DATAERR
    return EXIT_OK


def _records(files: Iterable[str]):
    return read_sources(list(files))


def _write(results: list[AnalysedDocument], args: argparse.Namespace) -> None:
    out: IO[str]
    with (open(args.output, "w", encoding="utf-8") if args.output else nullcontext(sys.stdout)) as out:
        if args.format == "jsonl":
            for r in results:
                out.write(r.to_json(include_text=args.with_text) + "\n")
        elif args.format == "json":
            json.dump([r.to_dict(include_text=args.with_text) for r in results], out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            from .table import render_table

            render_table(results, out)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose, args.quiet)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except SitrepError as exc:
        log.error("%s", exc)
        return EXIT_DATAERR


if __name__ == "__main__":
    sys.exit(main())
