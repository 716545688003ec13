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
from .ingest.readers import InputFailure, read_sources
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
    an.add_argument("--published", type=_iso_date, help="publication date for plain files (YYYY-MM-DD)")
    an.add_argument("--lang", help="language of plain files (ISO 639-1); detected if omitted")
    an.add_argument("-o", "--output", help="write here instead of standard output")
    an.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl",
                    help="jsonl (default), json (one indented array) or table (a readable summary)")
    an.add_argument("--with-indirect", action="store_true",
                    help="also list reported speech ('zei dat ...') as quotes of kind 'indirect'")
    an.add_argument("--with-text", action="store_true", help="include the input text in each output record")
    an.set_defaults(func=cmd_analyze)

    # the knowledge-base commands live with the knowledge base
    from .kb import commands_ingest, commands_query

    commands_ingest.register(sub)
    commands_query.register(sub)
    from .web import command as web_command

    web_command.register(sub)
    from .batch import command as batch_command

    batch_command.register(sub)
    return parser


def _iso_date(value: str) -> str:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, and a real date: a typo is a usage error, not a wrong result."""
    import datetime as dt

    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            dt.datetime.strptime(value, fmt)
            return value
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"{value!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")


def _configure_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    handler: logging.Handler
    try:
        if not sys.stderr.isatty():  # logs, pipes and CI: one plain line per message, never wrapped
            raise ImportError
        from rich.logging import RichHandler

        handler = RichHandler(console=_stderr_console(), show_path=False, show_time=False)
        fmt = "%(message)s"
    except ImportError:  # also keeps logging alive in a broken environment (rich is a dependency)
        handler, fmt = logging.StreamHandler(sys.stderr), "sitrep: %(levelname)s: %(message)s"
    logging.basicConfig(level=level, format=fmt, handlers=[handler], force=True)
    # libraries' own chatter (trafilatura: "discarding data: None") only with -vv
    for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose >= 2 else logging.ERROR)


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
    """Documents are read, analysed and (for jsonl) written one at a time, so a large batch streams."""
    from .pipeline import analyze

    n_ok = 0
    failures: list[InputFailure] = []
    results: list[AnalysedDocument] = []  # kept only for --format json and table, which need them all
    started = time.perf_counter()
    with _open_output(args) as out, _progress(True) as progress:
        task = progress.add_task("analyse", total=None, rate="") if progress else None
        for rec in _records(args.files):
            if isinstance(rec, InputFailure):
                _report(rec)
                failures.append(rec)
                continue
            d = rec
            try:
                res = analyze(d.text, published=d.published or args.published, language=d.language or args.lang,
                              doc_id=d.id, source=d.source, url=d.url, title=d.title,
                              include_indirect=args.with_indirect)
            except SitrepError as exc:
                failures.append(InputFailure(d.origin, exc))  # type: ignore[arg-type]
                _report(failures[-1])
                continue
            except Exception as exc:  # one document must never end a batch; log it with its origin
                log.exception("%s: the extractor failed", d.origin)
                failures.append(InputFailure(d.origin, SitrepError("E099", f"{d.origin}: internal error: {exc}")))  # type: ignore[arg-type]
                continue
            n_ok += 1
            if args.format == "jsonl":
                out.write(res.to_json(include_text=args.with_text) + "\n")
            else:
                results.append(res)
            if progress is not None:
                rate = n_ok / max(time.perf_counter() - started, 1e-9)
                progress.update(task, advance=1, rate=f"{rate:.1f} docs/s")
        _write(results, args, out)
    elapsed = time.perf_counter() - started
    if n_ok + len(failures) > 1:
        log.info("%d documents analysed, %d skipped, in %.1f s", n_ok, len(failures), elapsed)
    if not n_ok and not failures:
        log.error("no documents found in %s (files ending in .txt, .html, .htm, .jsonl or .json)",
                  ", ".join(args.files))
        return EXIT_NOINPUT
    if failures and not n_ok:
        return EXIT_NOINPUT if all(f.error.code == "E008" for f in failures) else EXIT_DATAERR
    return EXIT_OK


def _report(f: InputFailure) -> None:
    # with its code, as `sitrep ingest` reports failures ("[E007] page.html: no article text")
    log.error("[%s] %s", f.error.code,
              f.error.message if f.error.message.startswith(f.origin) else f"{f.origin}: {f.error.message}")


def _records(files: Iterable[str]):
    return read_sources(list(files))


def _open_output(args: argparse.Namespace):
    return open(args.output, "w", encoding="utf-8") if args.output else nullcontext(sys.stdout)


def _write(results: list[AnalysedDocument], args: argparse.Namespace, out: IO[str]) -> None:
    """The formats that need every document at once (jsonl is written as it goes)."""
    if args.format == "json":
        json.dump([r.to_dict(include_text=args.with_text) for r in results], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "table":
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
        # the reader of our output went away (``| head``): quietly, and without a second error at exit
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stdout for good
        except OSError:
            pass
        return EXIT_OK
    except SitrepError as exc:
        log.error("%s", exc)
        return EXIT_DATAERR


if __name__ == "__main__":
    sys.exit(main())
