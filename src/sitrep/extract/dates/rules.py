"""The language's lexicon (``resources/<lang>/dates.yaml``) compiled into rules.

A rule is (regex, handler, anchor, merged); templates of one kind share one
regex, and anchors let :meth:`~.finder.DateResolver.find` run a rule only
around cheap hits.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from .patterns import _alt, _key, _rx
from .periods import Result, _Pub


class _Sub:
    """View of one alternative of a merged template regex: ``sub["n"]`` reads group ``n_<i>``."""

    __slots__ = ("m", "sfx")

    def __init__(self, m: re.Match):
        self.m = m
        self.sfx = m.lastgroup[1:]  # "_3" -> "3"

    def __getitem__(self, k: str):
        try:
            return self.m.group(f"{k}_{self.sfx}")
        except IndexError:
            return None

    def groupdict(self) -> dict[str, Any]:
        tail = f"_{self.sfx}"
        return {k[: -len(tail)]: v for k, v in self.m.groupdict().items()
                if k.endswith(tail) and not k.startswith("_")}

    def start(self, k: str) -> int:
        return self.m.start(f"{k}_{self.sfx}")

    def end(self, k: str) -> int:
        return self.m.end(f"{k}_{self.sfx}")

    def span(self, k: str) -> tuple[int, int]:
        return self.m.span(f"{k}_{self.sfx}")

Handler = Callable[[re.Match, str, str, "_Pub | None"], "Result | None"]


class RuleBuilder:
    """Reads the lexicon into lookup tables and rules; the handlers come from the
    other mixins of :class:`~.finder.DateResolver`."""

    data: dict[str, Any]

    def _build(self) -> None:
        d = self.data
        get = lambda k, default=None: d.get(k) if d.get(k) is not None else default  # noqa: E731

        self.weekdays = {_key(k): int(v) for k, v in get("weekdays", {}).items()}
        self.months_full = {_key(k): int(v) for k, v in get("months", {}).items()}
        self.months_abbr = {_key(k): int(v) for k, v in get("month_abbreviations", {}).items()}
        self.months = {**self.months_abbr, **self.months_full}
        self.parts: dict[str, str] = {}
        for part, words in get("month_parts", {}).items():
            for w in words or []:
                self.parts[_key(w)] = part
        self.capitalised = {_key(k) for k in get("bare_month_capitalised", [])}
        self.rel_year = {_key(k): int(v) for k, v in get("relative_year", {}).items()}
        self.numbers = {_key(k): (None if v is None else int(v)) for k, v in get("numbers", {}).items()}
        self.units = {_key(k): str(v) for k, v in get("units", {}).items()}
        self.plural_defaults = get("plural_defaults", {})
        self.decade_words = {_key(k): int(v) for k, v in (get("decades", {}).get("words") or {}).items()}
        self.numeric_order = get("numeric_order", "dmy")
        self.wd_mod: dict[str, str] = {}
        for where in ("weekday_before", "weekday_after"):
            for mode, words in (get(where, {}) or {}).items():
                for w in words or []:
                    self.wd_mod[where[8] + _key(w)] = mode  # 'b'/'a' + key
        self.relative: dict[str, dict] = {}
        for entry in get("relative", []):
            for p in entry.get("phrases", []):
                self.relative[_key(p)] = entry

        WD = _alt(get("weekdays", {}), bound=False)
        COMP = _alt(get("weekday_compounds", []), bound=False)
        DAYPART = _alt(get("day_parts", []))
        WDB = _alt([w for ws in (get("weekday_before", {}) or {}).values() for w in ws or []])
        WDA = _alt([w for ws in (get("weekday_after", {}) or {}).values() for w in ws or []])
        WDPRE = _alt(get("weekday_prefixes", []))
        MFULL = _alt(get("months", {}))
        MABBR = _alt(get("month_abbreviations", {}))
        MALL = rf"(?:{MFULL}|{MABBR}\.?)"
        PARTS = _alt([w for ws in get("month_parts", {}).values() for w in ws or []])
        RELY = _alt(get("relative_year", {}))
        SUF = _alt(get("day_suffixes", []), bound=False)
        JOIN = _alt(get("day_month_joiners", []))
        conns = [c for c in get("range_connectors", []) if str(c).strip() != "-"]
        RANGE = rf"(?:-|{_alt(conns)})"
        MPREP = _alt([p for p in get("month_prepositions", []) if _key(p) not in self.parts])
        YPREP = _alt(get("year_prepositions", []))
        NUM = rf"(?:\d{{1,3}}|{_alt(get('numbers', {}))})"
        UNIT = _alt(get("units", {}))
        self._year_block_after = re.compile(r"\s*" + _alt(get("year_blockers_after", [])))
        self._year_block_before = re.compile(_alt(get("year_blockers_before", [])) + r"\s+$")
        self._cues = re.compile(r"(?<!\w)" + _alt(get("published_cues", [])))
        DAY = r"(?<![\d.,:/])\d{1,2}(?!\d)"

        # anchors: cheap scans (no look-behind, so the regex engine can skip fast); rules that carry an
        # anchor only run on windows around its hits
        self._anchors = {
            "year": re.compile(r"[12]\d{3}"),
            "month": re.compile(r"\b" + _alt(list(get("months", {})) + list(get("month_abbreviations", {})))),
            "weekday": re.compile(r"\b" + WD),
            "unit": re.compile(r"\b" + UNIT),
        }
        rules: list[tuple[re.Pattern, Handler, str | None, bool]] = []
        self.rules = rules

        def add(rx: str, h: Handler, anchor: str | None = None) -> None:
            rules.append((re.compile(rx), h, anchor, False))

        def add_merged(rxs: list[str], h: Handler, anchor: str | None = None, lead: str = r"(?<!\w)") -> None:
            """One regex for several templates (each wrapped in group ``x``); group ``g`` of template
            i is renamed ``g_i``; ``lead`` is a look-behind shared by all of them."""
            if not rxs:
                return
            alts = [f"(?P<_{i}>(?P<x_{i}>" + re.sub(r"\(\?P<(\w+)>", lambda mm: f"(?P<{mm.group(1)}_{i}>", r) + "))"
                    for i, r in enumerate(rxs)]
            rules.append((re.compile(lead + "(?:" + "|".join(alts) + ")"), h, anchor, True))

        # ISO dates and numeric dates
        add(r"(?<![\d.\-/])(?P<x>(?P<y>[12]\d{3})-(?P<a>\d{1,2})-(?P<b>\d{1,2}))(?![\d])", self._h_iso, "year")
        add(r"(?<![\d.\-/:,])(?P<x>(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>[12]\d{3}))"
            r"(?![\d]|[.,]\d)", self._h_numeric, "year")
        # weekday? day (range)? month year?
        ART = _alt(get("weekday_date_articles", []))
        add(rf"(?P<x>(?:(?<!\w)(?P<wd>{WD})(?:{COMP})?(?!\w),?\s+(?:{ART}\s+)?)?"
            rf"(?:(?P<d1>{DAY})(?:{SUF})?\.?\s*{RANGE}\s*)?"
            rf"(?P<d>{DAY})(?:{SUF})?\.?\s*(?:{JOIN}\s+)?(?P<m>{MALL})"
            rf"(?:,?\s+(?P<y>[12]\d{{3}})(?!\d)|\s+(?P<ry>{RELY}))?)", self._h_day_month, "month")
        if get("month_day", False):
            add(rf"(?P<x>(?:(?<!\w)(?P<wd>{WD})(?!\w),?\s+)?(?<!\w)(?P<m>{MALL})\s*(?:the\s+)?"
                rf"(?P<d>{DAY})(?:{SUF})?(?!\w)(?:\s*{RANGE}\s*(?P<d2>{DAY})(?:{SUF})?(?!\w))?"
                rf"(?:,?\s+(?P<y>[12]\d{{3}})(?!\d)|\s+(?P<ry>{RELY}))?)", self._h_month_day, "month")
        # (part) month year
        add(rf"(?P<x>(?:(?<!\w)(?P<part>{PARTS})\s*)?(?<![\w])(?P<m>{MALL}),?\s+(?P<y>[12]\d{{3}})(?![\d]|[.,:]\d))",
            self._h_month_year, "month")
        # (prep) (part) month (relative year)
        add(rf"(?:(?<!\w)(?P<prep>{MPREP})\s+)?(?P<x>(?:(?<!\w)(?P<part>{PARTS})\s*)?(?<!\w)(?P<m>{MFULL})"
            rf"(?:\s+(?P<ry>{RELY}))?)", self._h_month, "month")
        # part year: "eind 2023", "mid-2024"
        add(rf"(?P<x>(?<!\w)(?P<part>{PARTS})\s*(?P<y>(?:1[5-9]|20)\d\d)(?![\d]|[.,:]\d))", self._h_part_year, "year")
        # prep year (range)
        add(rf"(?<!\w)(?P<prep>{YPREP})\s+(?P<x>(?P<y>(?:1[5-9]|20)\d\d)(?:\s*{RANGE}\s*(?P<y2>(?:1[5-9]|20)\d\d))?)"
            rf"(?!\w)", self._h_year, "year")
        # decades
        dec = get("decades", {}) or {}
        dslots = {"decade4": r"(?P<d4>(?:1[5-9]|20)\d0)", "decade2": r"(?P<d2>\d0)",
                  "decade": r"(?:(?P<d4>(?:1[5-9]|20)\d0)|(?P<d2>\d0))",
                  "word": "(?P<w>" + _alt(dec.get("words") or {}, False) + ")"}
        add_merged([self._template(t, dslots) + r"(?!\w)"
                    for t in sorted(dec.get("templates") or [], key=len, reverse=True)], self._h_decade,
                   lead=r"(?<![\w'])")
        # weekdays
        add(rf"(?P<x>(?:(?<!\w)(?P<pre>{WDPRE})\s+|(?<!\w)(?P<mb>{WDB})\s+)?(?<!\w)(?P<wd>{WD})(?:{COMP})?(?!\w)"
            rf"(?:\s+(?P<part>{DAYPART}))?(?:,?\s+(?P<ma>{WDA}))?)", self._h_weekday, "weekday")
        # relative phrases
        if self.relative:
            REL = _alt([p for e in get("relative", []) for p in e.get("phrases", [])])
            add(rf"(?<!\w)(?P<x>(?P<r>{REL})(?:\s+(?P<part>{DAYPART}))?)", self._h_relative)
        # N units ago / the past N units
        slots = {"n": rf"(?P<n>{NUM})", "n?": rf"(?:(?P<n>{NUM})\s+)?", "unit": rf"(?P<unit>{UNIT})"}
        add_merged([self._template(t, slots) for t in sorted(get("ago", []), key=len, reverse=True)],
                   self._h_ago, "unit")
        add_merged([self._template(t, slots) for t in sorted(get("past", []), key=len, reverse=True)],
                   self._h_past, "unit")
        # absolute dates with an unknown month word: dateparser fallback
        add(r"(?<![\w.,])(?P<x>\d{1,2}\.?\s+(?:de\s+)?(?P<w>[^\W\d_]{3,12})\.?,?\s+(?:de\s+)?[12]\d{3})(?!\d)",
            self._h_fallback, "year")
        add(r"(?<!\w)(?P<x>(?P<w>[^\W\d_]{3,12})\.?\s+\d{1,2},?\s+[12]\d{3})(?!\d)", self._h_fallback, "year")

    @staticmethod
    def _template(t: str, slots: dict[str, str]) -> str:
        out, pos = [], 0
        for m in re.finditer(r"\{(\w+\??)\}", t):
            if m.start() > pos:
                out.append(_rx(t[pos:m.start()], strip=False))
            out.append(slots[m.group(1)])
            pos = m.end()
        if pos < len(t):
            out.append(_rx(t[pos:], strip=False))
        rx = "".join(out)
        return rx + (r"(?!\w)" if t and t[-1].isalnum() or t.endswith("}") else "")
