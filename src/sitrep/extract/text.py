"""Article text hygiene: page furniture lines that are not article text."""
from __future__ import annotations

import re

from ..model import Span
from .lexicon import Lexicon, get_lexicon

# A teaser line (another article's title between furniture lines) is at most this long.
TEASER_MAX_WORDS = 16
LIST_NUMBER = re.compile(r"^\s*(?:\d+[.)]|[-*•·])\s*")


def find_boilerplate(text: str, lex: Lexicon) -> tuple[list[Span], str | None]:
    """Lines of ``text`` that are page furniture, and the source named in a 'Bron:'/'Source:' line.

    The patterns of the article's language and of English are used (navigation
    text is often English on pages in other languages).
    """
    lexes = [lex] if lex.lang == "en" else [lex, get_lexicon("en")]
    spans: list[Span] = []
    lines: list[Span] = []
    source = None
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        start = pos + len(line) - len(line.lstrip())
        pos += len(line)
        if not body:
            continue
        core = LIST_NUMBER.sub("", body)
        for lx in lexes:
            if lx.source_line is not None:
                m = lx.source_line.search(core)
                if m and m.start() == 0:
                    source = source or m.group("source").strip() or None
                    spans.append(Span(start, start + len(body), body))
                    break
            if _shouting(core) or any(rx.fullmatch(core) for rx in lx.boilerplate):
                spans.append(Span(start, start + len(body), body))
                break
        lines.append(Span(start, start + len(body), body))
    return spans + _sandwiched(lines, spans), source


# "BAGHDAD, Feb 7 (Reuters) - ", "PARIS (AFP) - ": where and when the story was filed, not what happened.
DATELINE = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ'’. -]{2,40}(?:,[^()\n-]{1,25})?\s*(?:\([^)\n]{1,40}\))?\s*[-–—]+\s", re.M)


def find_datelines(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group()) for m in DATELINE.finditer(text)]


def _shouting(line: str) -> bool:
    """An all-capitals line of a few words is a section or programme heading ("DANS LA PRESSE")."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters) and len(line.split()) <= TEASER_MAX_WORDS // 2 \
        and not re.search(r"\(\w+\)\s*-?\s*$", line)  # a dateline "PARIS (AFP) -" stays


def _sandwiched(lines: list[Span], furniture: list[Span]) -> list[Span]:
    """Short lines between two furniture lines are teasers of other articles ("DANS LA PRESSE / <title> /
    En savoir plus"), not article text."""
    flagged = {(s.start, s.end) for s in furniture}
    out: list[Span] = []
    changed = True
    while changed:
        changed = False
        for i in range(1, len(lines) - 1):
            ln = lines[i]
            key = (ln.start, ln.end)
            if key in flagged or len(ln.text.split()) > TEASER_MAX_WORDS:
                continue
            if (lines[i - 1].start, lines[i - 1].end) in flagged and (lines[i + 1].start, lines[i + 1].end) in flagged:
                flagged.add(key)
                out.append(ln)
                changed = True
    return out
