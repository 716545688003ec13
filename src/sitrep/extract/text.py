"""Article text hygiene: page furniture lines that are not article text."""
from __future__ import annotations

import re

from ..model import Span
from .lexicon import Lexicon, get_lexicon

LIST_NUMBER = re.compile(r"^\s*(?:\d+[.)]|[-*•·])\s*")


def find_boilerplate(text: str, lex: Lexicon) -> tuple[list[Span], str | None]:
    """Lines of ``text`` that are page furniture, and the source named in a 'Bron:'/'Source:' line.

    The patterns of the article's language and of English are used (navigation
    text is often English on pages in other languages).
    """
    lexes = [lex] if lex.lang == "en" else [lex, get_lexicon("en")]
    spans: list[Span] = []
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
            if any(rx.fullmatch(core) for rx in lx.boilerplate):
                spans.append(Span(start, start + len(body), body))
                break
    return spans, source
