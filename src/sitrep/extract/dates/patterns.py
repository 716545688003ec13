"""Accent folding and the regex helpers that turn lexicon phrases into patterns.

Folding keeps the length of the text (one character in, one out), so offsets
found in the folded copy are offsets into the original.
"""
from __future__ import annotations

import re
import unicodedata


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x250):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        if len(base) == 1 and base != ch:
            table[cp] = base
    for ch in "\u2019\u2018\u02bc\u00b4\u0060\u2032":
        table[ord(ch)] = "'"
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2212":
        table[ord(ch)] = "-"
    for ch in "\u00a0\u2009\u202f\u2007":
        table[ord(ch)] = " "
    return table


_FOLD = _build_fold_table()


def _fold(s: str) -> str:
    """Lower-case and strip accents, keeping the length (offsets stay valid)."""
    return s.translate(_FOLD)


def _key(s: str) -> str:
    """Lookup key of a phrase: folded, letters and digits only."""
    return re.sub(r"[\W_]+", "", _fold(s))


def _rx(phrase: str, strip: bool = True) -> str:
    """Regex for one data phrase: space = any whitespace, '-' = optional hyphen."""
    out = []
    phrase = str(phrase)
    for ch in _fold(phrase.strip() if strip else phrase):
        if ch == " ":
            out.append(r"\s+")
        elif ch == "-":
            out.append(r"\s*-?\s*")
        elif ch == "'":
            out.append(r"'\s*")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alt(phrases, bound: bool = True) -> str:
    """Alternation of phrases, longest first; ``bound`` adds a word end after word-final phrases."""
    items = sorted({_fold(str(p).strip()) for p in phrases if p is not None and str(p).strip()},
                   key=lambda p: (-len(p), p))
    if not items:
        return r"(?!x)x"
    parts = []
    for p in items:
        r = _rx(p)
        if bound and p[-1].isalnum():
            r += r"(?!\w)"
        parts.append(r)
    return "(?:" + "|".join(parts) + ")"
