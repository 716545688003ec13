"""``sitrep events|actor|quotes|network|export``: querying and exporting the knowledge base.

Thin commands: parse, call :mod:`sitrep.kb.query` / :mod:`sitrep.kb.export`, print.  Exit codes:
0 done; 1 an actor named in the command is unknown; 2 usage; 69 the database cannot be opened or
refuses a query (a message, never a traceback).
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

log = logging.getLogger("sitrep")

EXIT_OK = 0
EXIT_UNKNOWN = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = getattr(os, "EX_UNAVAILABLE", 69)
FORMATS = ("table", "json", "csv")
TABLE_WIDTH = 160


class _DatabaseUnavailable(Exception):
    pass


def _event_types(value: str) -> str:
    """--type: one or more of the sixteen PLOVER types, comma-separated (any case); a usage error otherwise."""
    from ..model import EVENT_TYPES

    types = [t.strip().upper() for t in value.split(",") if t.strip()]
    bad = [t for t in types if t not in EVENT_TYPES]
    if bad or not types:
        raise argparse.ArgumentTypeError(f"unknown event type {(bad or [value])[0]!r}; one of {', '.join(EVENT_TYPES)}")
    return ",".join(types)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the query and export commands."""
    from ..cli import _iso_date
    from .export import FORMATS as EXPORT_FORMATS

    def common(p: argparse.ArgumentParser, formats: bool = True) -> None:
        p.add_argument("--db", default=None, metavar="URL",
                       help="knowledge base: a SQLite file (default sitrep.db) or postgresql://user@host/db")
        if formats:
            p.add_argument("--format", choices=FORMATS, default="table",
                           help="table (readable, default), json or csv")

    def event_filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--actor", metavar="NAME", help="events where this actor (name or alias) acts")
        p.add_argument("--target", metavar="NAME", help="events against this actor")
        p.add_argument("--type", type=_event_types, metavar="T",
                       help="PLOVER event type(s), any of the sixteen: ASSAULT or AGREE,CONSULT,SUPPORT")
        p.add_argument("--country", metavar="CC", help="country of the event (ISO code: IQ)")
        p.add_argument("--since", type=_iso_date, metavar="D", help="events on or after this date (YYYY-MM-DD)")
        p.add_argument("--until", type=_iso_date, metavar="D", help="events on or before this date")

    ev = sub.add_parser("events", help="list events from the knowledge base",
                        description="Merged events, newest first, with their actors, targets, fatality range "
                                    "and sources. An event is kept when its dates overlap --since/--until.")
    event_filters(ev)
    ev.add_argument("--limit", type=int, default=None, metavar="N", help="at most N events")
    common(ev)
    ev.set_defaults(func=cmd_events)

    ac = sub.add_parser("actor", help="profile of one actor",
                        description="Everything the knowledge base knows about an actor (found by name or "
                                    "alias, through merges): aliases, relations, events, quotes and sources.")
    ac.add_argument("name", metavar="NAME", help="the actor's name or an alias")
    common(ac)
    ac.set_defaults(func=cmd_actor)

    qu = sub.add_parser("quotes", help="search quotes", description="Quotes, most recently reported first.")
    qu.add_argument("--speaker", metavar="NAME", help="quotes of this actor (name or alias)")
    qu.add_argument("--contains", metavar="WORDS", help="quotes that contain all these words")
    qu.add_argument("--limit", type=int, default=50, metavar="N", help="at most N quotes (default 50)")
    common(qu)
    qu.set_defaults(func=cmd_quotes)

    nw = sub.add_parser("network", help="the actor network",
                        description="Actors with their activity, and edges typed by relation (subject -> object) "
                                    "and by event type (actor -> target), weighted by count.")
    nw.add_argument("--since", type=_iso_date, metavar="D", help="events and statements on or after this date")
    nw.add_argument("--until", type=_iso_date, metavar="D", help="events and statements on or before this date")
    nw.add_argument("--actor", metavar="NAME", help="only the edges that touch this actor")
    common(nw)
    nw.set_defaults(func=cmd_network)

    ex = sub.add_parser("export", help="export events or the network (ACLED, PLOVER, GraphML, GEXF, Parquet)",
                        description="acled: ACLED-style CSV (one row per event; the type mapping is in "
                                    "sitrep.kb.export); plover: PLOVER/POLECAT-style JSON Lines; graphml, gexf: "
                                    "the actor network; parquet: every table into the folder --output.")
    ex.add_argument("--format", choices=EXPORT_FORMATS, required=True, help="what to write")
    ex.add_argument("-o", "--output", metavar="PATH",
                    help="file to write (default: standard output); for parquet the folder (required)")
    ex.add_argument("--all-types", action="store_true",
                    help="acled: also the events of the types ACLED has no event type for (CONSULT, SUPPORT, "
                         "REQUEST, ACCUSE, REJECT, THREATEN, SANCTION, CONCEDE, COOPERATE, AID), with the ACLED "
                         "type columns empty and the notes saying so (default: left out)")
    event_filters(ex)
    common(ex, formats=False)
    ex.set_defaults(func=cmd_export)

    from . import commands_corrections

    commands_corrections.register(sub)


# ---------------------------------------------------------------- plumbing
@contextmanager
def _session(args: argparse.Namespace) -> Iterator[Any]:
    """A session on the knowledge base, or _DatabaseUnavailable with a message fit for a person."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..errors import SitrepError
    from .store import DEFAULT_DB, KnowledgeBase

    db = args.db or DEFAULT_DB
    if "://" not in db and not Path(db).expanduser().is_file():
        raise _DatabaseUnavailable(f"no knowledge base at {db} (create one with 'sitrep ingest', "
                                   f"or name it with --db)")
    try:
        kb = KnowledgeBase(db)
    except SitrepError as exc:
        raise _DatabaseUnavailable(str(exc)) from exc
    except (SQLAlchemyError, OSError) as exc:  # not a database; a path through a file
        raise _DatabaseUnavailable(f"cannot open the database {db}: {_first_line(exc)}") from exc
    try:
        with kb.session() as s:
            yield s
    except SQLAlchemyError as exc:
        raise _DatabaseUnavailable(f"the database {kb.safe_url} failed: {_first_line(exc)}") from exc
    finally:
        kb.engine.dispose()


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _run(args: argparse.Namespace, body: Callable[[Any], int]) -> int:
    from .query import UnknownActor

    try:
        with _session(args) as s:
            return body(s)
    except _DatabaseUnavailable as exc:
        log.error("%s", exc)
        return EXIT_UNAVAILABLE
    except UnknownActor as exc:
        log.error("%s (try a name or alias as it appears in the articles; 'sitrep network' lists actors)", exc)
        return EXIT_UNKNOWN


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {k: getattr(args, k) for k in ("actor", "target", "type", "country", "since", "until")}


def _console(out: IO[str]):
    from rich.console import Console

    return Console(file=out, width=TABLE_WIDTH, force_terminal=False, color_system=None, soft_wrap=False)


def _json(data: Any, out: IO[str]) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _csv(rows: list[dict[str, Any]], columns: list[str], out: IO[str]) -> None:
    w = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)


def plural(n: int, word: str) -> str:
    """'1 quote', '2 quotes'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _done(args: argparse.Namespace, message: str) -> None:
    """What a command wrote, on standard error (as the ingest summary; not with -q)."""
    if not getattr(args, "quiet", False):
        sys.stderr.write(f"sitrep {args.command}: {message}\n")


def _cut(text: str | None, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n - 1] + "…"


# ---------------------------------------------------------------- events
EVENT_COLUMNS = ["id", "date_start", "date_end", "type", "mode", "status", "actors", "targets", "place", "country",
                 "lat", "lon", "fatalities_min", "fatalities_max", "n_sources", "sources", "urls", "evidence"]


def cmd_events(args: argparse.Namespace) -> int:
    from . import query

    def body(s: Any) -> int:
        rows = query.events(s, limit=args.limit, **_filters(args))
        out = sys.stdout
        if args.format == "json":
            _json([e.to_dict() for e in rows], out)
        elif args.format == "csv":
            _csv([{**{k: getattr(e, k) for k in EVENT_COLUMNS if hasattr(e, k) and k not in ("actors", "targets",
                                                                                                "sources")},
                   "actors": query.actor_names(e.actors), "targets": query.actor_names(e.targets),
                   "sources": "; ".join(src.source or src.doc_key for src in e.sources),
                   "urls": "; ".join(src.url or "" for src in e.sources),
                   "evidence": e.sources[0].evidence if e.sources else ""} for e in rows], EVENT_COLUMNS, out)
        else:
            from rich.table import Table

            t = Table("date", "type", "mode", "actors", "targets", "place", "killed", "src", "evidence",
                      title=plural(len(rows), "event"), expand=True)
            for e in rows:
                t.add_row(e.date, e.type, e.mode or "", query.actor_names(e.actors), query.actor_names(e.targets),
                          ", ".join(x for x in (e.place, e.country) if x), e.fatalities, str(e.n_sources),
                          _cut(e.sources[0].evidence if e.sources else "", 70))
            _console(out).print(t)
        return EXIT_OK

    return _run(args, body)


# ---------------------------------------------------------------- actor
def cmd_actor(args: argparse.Namespace) -> int:
    from . import query

    def body(s: Any) -> int:
        p = query.actor_profile(s, args.name)
        if p is None:
            raise query.UnknownActor(args.name)
        out = sys.stdout
        if args.format == "json":
            _json(p.to_dict(), out)
        elif args.format == "csv":
            _csv(_profile_rows(p), ["section", "key", "value", "count"], out)
        else:
            _profile_table(p, out)
        return EXIT_OK

    return _run(args, body)


def _profile_rows(p: Any) -> list[dict[str, Any]]:
    """An actor profile in long form: one (section, key, value, count) per fact."""
    rows: list[dict[str, Any]] = [{"section": "actor", "key": k, "value": getattr(p, k) or ""}
                                  for k in ("id", "name", "kind", "country", "wikidata", "registry_id")]
    rows += [{"section": "alias", "value": a} for a in p.aliases]
    rows += [{"section": "merged", "key": m.id, "value": m.name} for m in p.merged]
    rows += [{"section": "relation_out", "key": r.type, "value": r.other.name, "count": r.n_sources}
             for r in p.relations_out]
    rows += [{"section": "relation_in", "key": r.type, "value": r.other.name, "count": r.n_sources}
             for r in p.relations_in]
    rows += [{"section": "events_as_actor", "key": t, "count": n} for t, n in p.events_as_actor.items()]
    rows += [{"section": "events_as_target", "key": t, "count": n} for t, n in p.events_as_target.items()]
    rows += [{"section": "quote", "key": q.published or "", "value": q.text} for q in p.quotes]
    rows += [{"section": "source", "key": d["doc_key"], "value": d["url"] or d["source"] or "", "count": d["mentions"]}
             for d in p.sources]
    return rows


def _profile_table(p: Any, out: IO[str]) -> None:
    from rich.table import Table

    c = _console(out)
    c.rule(f"{p.name}  ({p.kind}{', ' + p.country if p.country else ''})")
    if p.wikidata or p.registry_id:
        c.print(f"wikidata: {p.wikidata or '-'}   registry: {p.registry_id or '-'}")
    if p.aliases:
        shown = p.aliases[:20]
        more = f" (+{len(p.aliases) - len(shown)} more)" if len(p.aliases) > len(shown) else ""
        c.print("aliases: " + "; ".join(shown) + more)
    if p.merged:
        c.print("merged: " + "; ".join(m.name for m in p.merged))
    if p.others:
        c.print("also named so: " + "; ".join(f"{o.name} (#{o.id})" for o in p.others))
    rel = Table("direction", "relation", "actor", "sources", title="Relations")
    for r in p.relations_out:
        rel.add_row("->", r.type, r.other.name, str(r.n_sources))
    for r in p.relations_in:
        rel.add_row("<-", r.type, r.other.name, str(r.n_sources))
    c.print(rel)
    ev = Table("type", "as actor", "as target", title="Events")
    for t in sorted(set(p.events_as_actor) | set(p.events_as_target)):
        ev.add_row(t, str(p.events_as_actor.get(t, 0)), str(p.events_as_target.get(t, 0)))
    c.print(ev)
    qt = Table("published", "quote", title="Latest quotes", expand=True)
    for q in p.quotes:
        qt.add_row(q.published or "", _cut(q.text, 120))
    c.print(qt)
    src = Table("published", "document", "source", "mentions", title="Sources", expand=True)
    for d in p.sources:
        src.add_row(d["published"] or "", d["url"] or d["doc_key"], d["source"] or "", str(d["mentions"]))
    c.print(src)


# ---------------------------------------------------------------- quotes
QUOTE_COLUMNS = ["id", "published", "speaker", "speaker_text", "text", "sources"]


def cmd_quotes(args: argparse.Namespace) -> int:
    from . import query

    def body(s: Any) -> int:
        rows = query.quotes(s, speaker=args.speaker, contains=args.contains, limit=args.limit)
        out = sys.stdout
        if args.format == "json":
            _json([q.to_dict() for q in rows], out)
        elif args.format == "csv":
            _csv([{"id": q.id, "published": q.published, "speaker": q.speaker.name if q.speaker else "",
                   "speaker_text": q.speaker_text, "text": q.text,
                   "sources": "; ".join(x["url"] or x["doc_key"] for x in q.sources)} for q in rows],
                 QUOTE_COLUMNS, out)
        else:
            from rich.table import Table

            t = Table("published", "speaker", "quote", "sources", title=plural(len(rows), "quote"), expand=True)
            for q in rows:
                t.add_row(q.published or "", q.speaker.name if q.speaker else (q.speaker_text or "?"),
                          _cut(q.text, 100), "; ".join(x["source"] or x["doc_key"] for x in q.sources))
            _console(out).print(t)
        return EXIT_OK

    return _run(args, body)


# ---------------------------------------------------------------- network
EDGE_COLUMNS = ["source", "target", "source_name", "target_name", "kind", "type", "weight"]


def cmd_network(args: argparse.Namespace) -> int:
    from . import query

    def body(s: Any) -> int:
        net = query.network(s, since=args.since, until=args.until, actor=args.actor)
        out = sys.stdout
        if args.format == "json":
            _json(net.to_dict(), out)
        elif args.format == "csv":
            _csv(net.edges, EDGE_COLUMNS, out)
        else:
            from rich.table import Table

            c = _console(out)
            nodes = Table("actor", "kind", "country", "as actor", "as target", "relations", "activity",
                          title=plural(len(net.nodes), "actor"))
            for n in net.nodes:
                nodes.add_row(n["name"], n["kind"], n["country"] or "", str(n["events_as_actor"]),
                              str(n["events_as_target"]), str(n["relations"]), str(n["activity"]))
            c.print(nodes)
            edges = Table("from", "kind", "type", "to", "weight", title=plural(len(net.edges), "edge"))
            for e in net.edges:
                edges.add_row(e["source_name"], e["kind"], e["type"], e["target_name"], str(e["weight"]))
            c.print(edges)
        return EXIT_OK

    return _run(args, body)


# ---------------------------------------------------------------- export
def cmd_export(args: argparse.Namespace) -> int:
    from . import export

    if args.format == "parquet" and not args.output:
        log.error("parquet writes one file per table into a folder: name it with --output DIR")
        return EXIT_USAGE
    filters = _filters(args)

    def body(s: Any) -> int:
        if args.format == "parquet":
            counts = export.write_parquet(s, args.output)
            _done(args, f"{plural(len(counts), 'table')} written to {args.output} ("
                  + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")")
        elif args.format in ("acled", "plover"):
            write = export.write_acled if args.format == "acled" else export.write_plover
            if args.format == "acled":
                filters["all_types"] = args.all_types
            elif args.all_types:
                log.warning("--all-types applies to the ACLED export only; the %s export has every type",
                            args.format)
            with (open(args.output, "w", encoding="utf-8", newline="") if args.output else _stdout()) as out:
                n = write(s, out, **filters)
            _done(args, f"{plural(n, 'event')} written to {args.output or 'standard output'} ({args.format})")
        else:
            write_graph = export.write_graphml if args.format == "graphml" else export.write_gexf
            graph_filters = {k: v for k, v in filters.items() if k != "target"}
            if filters.get("target"):
                log.warning("--target does not apply to the network; use --actor for one actor's edges")
            if args.output:
                n_nodes, n_edges = write_graph(s, args.output, **graph_filters)
            else:
                n_nodes, n_edges = write_graph(s, sys.stdout.buffer, **graph_filters)
                sys.stdout.buffer.flush()
            _done(args, f"{plural(n_nodes, 'actor')} and {plural(n_edges, 'edge')} written to "
                  f"{args.output or 'standard output'} ({args.format})")
        return EXIT_OK

    try:
        return _run(args, body)
    except BrokenPipeError:
        raise  # a reader such as 'head' stopped early: not an error (main returns 0)
    except OSError as exc:
        log.error("cannot write %s: %s", args.output or "standard output", exc.strerror or exc)
        return getattr(os, "EX_CANTCREAT", 73)


@contextmanager
def _stdout() -> Iterator[IO[str]]:
    yield sys.stdout
