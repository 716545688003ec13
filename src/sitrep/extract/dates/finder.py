"""DateResolver: runs the rules of one language over a text and keeps the best matches.

Also the per-language cache (:func:`resolver`) and :func:`parse_published`,
which reads an article's own date from its head.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep import resources

from .absolute import AbsoluteHandlers
from .patterns import _fold
from .periods import _VAGUE, Result, _parse_pub
from .relative import RelativeHandlers
from .rules import RuleBuilder, _Sub


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    text: str
    value: str
    precision: str
    relative: bool  # True when resolved against the publication date


# how far (back, forward) around an anchor hit the rules that carry that anchor look
_WINDOW = {"year": (70, 30), "month": (70, 50), "weekday": (40, 45), "unit": (60, 20)}


class DateResolver(RuleBuilder, AbsoluteHandlers, RelativeHandlers):
    """Finds and resolves time expressions in one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.data_lang = lang if resources.exists(f"{lang}/dates.yaml") else "en"
        self.data: dict[str, Any] = resources.load(f"{self.data_lang}/dates.yaml") or {}
        self._build()

    # ------------------------------------------------------------ public
    def find(self, text: str, published: str | None, start: int = 0, end: int | None = None) -> list[DateMatch]:
        """All time expressions in ``text[start:end]`` (offsets into ``text``), left to right."""
        seg = text[start:end]
        if not seg:
            return []
        folded = _fold(seg)
        pub = _parse_pub(published)
        cands: list[tuple[int, int, Result]] = []
        windows: dict[str, list[tuple[int, int]]] = {}
        n = len(folded)
        for rx, handler, anchor, merged in self.rules:
            if anchor is None:
                spans = ((0, n),)
            else:
                spans = windows.get(anchor)
                if spans is None:
                    spans = windows[anchor] = self._windows(anchor, folded)
            for lo, hi in spans:
                for m in rx.finditer(folded, lo, hi):
                    mm = _Sub(m) if merged else m
                    try:
                        res = handler(mm, seg, folded, pub)
                    except (ValueError, OverflowError):
                        # outside the calendar (year 0 or past 9999, "next year" of a 9999 publication,
                        # 31 February): no date, never an error for the whole document
                        continue
                    if res is None:
                        continue
                    s, e = mm.span("x")
                    if e > s:
                        cands.append((s, e, res))
        if not cands:
            return []
        cands.sort(key=lambda c: (c[0] - c[1], c[0]))  # longest first, then leftmost
        taken: list[tuple[int, int, Result]] = []
        for c in cands:
            if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
                taken.append(c)
        taken.sort(key=lambda c: c[0])
        return [DateMatch(start + s, start + e, seg[s:e], r[0], r[1], r[2]) for s, e, r in taken if r is not _VAGUE]

    def _windows(self, anchor: str, folded: str) -> list[tuple[int, int]]:
        """Merged stretches of ``folded`` around the hits of one anchor."""
        out: list[tuple[int, int]] = []
        n = len(folded)
        for m in self._anchors[anchor].finditer(folded):
            back, fwd = _WINDOW[anchor]
            lo, hi = max(0, m.start() - back), min(n, m.end() + fwd)
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], hi)
            else:
                out.append((lo, hi))
        return out

    def is_cued(self, text: str, pos: int) -> bool:
        """Whether a publication cue ("Published", "Update:") stands shortly before ``pos``."""
        return bool(self._cues.search(_fold(text[max(0, pos - 60):pos])))


@lru_cache(maxsize=None)
def resolver(lang: str) -> DateResolver:
    """The (cached) resolver of one language."""
    return DateResolver(lang)


def _data_languages() -> list[str]:
    return sorted(p.parent.name for p in resources.ROOT.glob("*/dates.yaml"))


def parse_published(text: str, lang: str | None = None) -> str | None:
    """The publication date stated near the top of an article, as ``YYYY-MM-DD`` (or None)."""
    head = (text or "")[:600]
    if not head.strip():
        return None
    langs = [lang] if lang else []
    langs += [lg for lg in _data_languages() if lg not in langs]
    best: tuple[int, int, str] | None = None
    for lg in langs:
        r = resolver(lg)
        found = [m for m in r.find(head, None) if m.precision == "day" and not m.relative]
        if not found:
            continue
        cued = [m for m in found if r.is_cued(head, m.start)]
        pick = cued[0] if cued else found[0]
        rank = (0 if cued else 1, pick.start, pick.value)
        if lg == lang:
            return pick.value
        if best is None or rank < best:
            best = rank
    return best[2] if best else None
