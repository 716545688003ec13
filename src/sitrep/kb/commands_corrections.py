"""``sitrep corrections``: the analysts' corrections, as a table, JSON or CSV (to feed the lexicons).

Exit codes as the other query commands: 0 done, 69 the database cannot be opened.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .commands_query import EXIT_OK, FORMATS, _console, _csv, _json, _run


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("corrections", help="list the analysts' corrections",
                       description="Every correction made in the web app (who, when, what, the value before "
                                   "and after, and whether it is active, undone, superseded or unresolved), "
                                   "oldest first. CSV and JSON give before/after as JSON text.")
    p.add_argument("--db", default=None, metavar="URL",
                   help="knowledge base: a SQLite file (default sitrep.db) or postgresql://user@host/db")
    p.add_argument("--format", choices=FORMATS, default="table", help="table (readable, default), json or csv")
    p.add_argument("--subject", choices=("event", "quote", "actor", "relation"), help="only corrections of these")
    p.add_argument("--active", action="store_true", help="leave out undone corrections")
    p.set_defaults(func=cmd_corrections)


def _flat(rec: dict[str, Any]) -> dict[str, Any]:
    """before/after as JSON text (so that 'ASSAULT' and a list of actor ids read back the same)."""
    return {k: (json.dumps(v, ensure_ascii=False) if k in ("before", "after") and v is not None else v)
            for k, v in rec.items()}


def cmd_corrections(args: argparse.Namespace) -> int:
    from . import corrections

    def body(s: Any) -> int:
        rows = corrections.listing(s, subject=args.subject, active_only=args.active)
        if args.format == "json":
            _json(rows, sys.stdout)
        elif args.format == "csv":
            _csv([_flat(r) for r in rows], list(corrections.COLUMNS), sys.stdout)
        else:
            from rich.table import Table

            t = Table(title=f"{len(rows)} correction{'' if len(rows) == 1 else 's'}")
            for col in ("id", "created_at", "author", "subject", "current_id", "action", "field", "before", "after",
                        "status"):
                t.add_column(col)
            for r in rows:
                f = _flat(r)
                t.add_row(*(str(f[c] if f[c] is not None else "") for c in
                            ("id", "created_at", "author", "subject", "current_id", "action", "field", "before",
                             "after", "status")))
            _console(sys.stdout).print(t)
        return EXIT_OK

    return _run(args, body)
