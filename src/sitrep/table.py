"""``--format table``: a readable summary of analysed documents for a person at a terminal."""
from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table

from .model import AnalysedDocument


class _QuietConsole(Console):
    """rich exits with status 1 when the reader of a pipe goes away (``| head``); a reader that has
    seen enough is no error, so let the command end normally."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def render_table(docs: list[AnalysedDocument], out: IO[str]) -> None:
    console = _QuietConsole(file=out, width=140, force_terminal=False, color_system=None)
    for doc in docs:
        names = {a.id: a.name for a in doc.actors}
        console.rule(f"{doc.id or '(no id)'}  [{doc.language}]  published {doc.published or 'unknown'}")
        events = Table("type", "mode", "actors", "targets", "date", "place", "killed", "status", "evidence",
                       title="Events", expand=True)
        for e in doc.events:
            events.add_row(e.type, e.mode or "", ", ".join(names[a] for a in e.actors),
                           ", ".join(names[t] for t in e.targets), e.date or "",
                           e.location.name if e.location else "", "" if e.fatalities is None else str(e.fatalities),
                           e.status, e.evidence.text[:90])
        console.print(events)
        quotes = Table("speaker", "quote", title="Quotes", expand=True)
        for q in doc.quotes:
            quotes.add_row(names.get(q.speaker, q.speaker_text or "?") if q.speaker else (q.speaker_text or "?"),
                           q.text[:110])
        console.print(quotes)
        console.print("Actor network:")
        for r in doc.relations:
            console.print(f"  {names[r.subject]} --{r.type}--> {names[r.object]}")
        console.print("Actors: " + "; ".join(f"{a.name} ({a.kind}{', ' + a.country if a.country else ''})"
                                             for a in doc.actors))
        console.print()
