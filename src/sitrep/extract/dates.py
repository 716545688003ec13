"""Time expressions in news sentences, resolved against the publication date.

Everything language-specific (weekday and month names, relative phrases,
prepositions that introduce a bare year, number words ...) lives in
``resources/<lang>/dates.yaml``; this module only turns that data into
regular expressions and resolves what they find.  A fifth language is a new
YAML file.

Matching runs on an *accent-folded, lower-cased copy* of the text that has
exactly the same length as the original (one character in, one character
out), so offsets found in the copy are offsets into the original.

Output follows FORMAT.md: ``value`` is ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``
or ``START/END`` of those; ``precision`` is ``day``, ``week``, ``month``,
``year`` or ``interval``.

``dateparser`` is used only as a fallback on short candidate strings that
look like absolute dates ("7 de octubre de 2023") but whose month word is not
in our data (e.g. a language without a ``dates.yaml``); its results are cached.
"""
from __future__ import annotations

import calendar
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from functools import lru_cache
from typing import Any, Callable

from sitrep import resources

__all__ = ["DateMatch", "DateResolver", "parse_published", "resolver"]


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    text: str
    value: str
    precision: str
    relative: bool  # True when resolved against the publication date


# --------------------------------------------------------------------------- folding

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


# --------------------------------------------------------------------------- date helpers

def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _fmt_at(d: date, unit: str) -> str:
    if unit == "year":
        return f"{d.year:04d}"
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _fmt_range(a: date, b: date, unit: str) -> tuple[str, str]:
    fa, fb = _fmt_at(a, unit), _fmt_at(b, unit)
    return (fa, unit) if fa == fb else (f"{fa}/{fb}", "interval")


def _fmt(a: date, b: date, kind: str) -> tuple[str, str]:
    if kind == "day":
        return a.isoformat(), "day"
    if kind == "week":
        return f"{a.isoformat()}/{b.isoformat()}", "week"
    if kind in ("month", "year"):
        return _fmt_at(a, kind), kind
    if a == b:
        return a.isoformat(), "day"
    return f"{a.isoformat()}/{b.isoformat()}", "interval"


@dataclass(frozen=True, slots=True)
class _Pub:
    p0: date  # first day of the publication period
    p1: date  # last day
    prec: str  # day | month | year
    value: str


@lru_cache(maxsize=1024)
def _parse_pub(published: str | None) -> _Pub | None:
    if not published:
        return None
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(published))
    if not m:
        return None
    try:
        y = int(m.group(1))
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return _Pub(d, d, "day", d.isoformat())
        if m.group(2):
            mo = int(m.group(2))
            return _Pub(date(y, mo, 1), _month_end(y, mo), "month", f"{y:04d}-{mo:02d}")
        return _Pub(date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}")
    except ValueError:
        return None


_VAGUE = ("", "", False)  # a recognised but too vague expression: claims its span, emits nothing
_PART_DAYS = {"start": (1, 10), "mid": (11, 20), "end": (21, 31)}
_PART_MONTHS = {"start": (1, 4), "mid": (5, 8), "end": (9, 12)}
_UNIT_BASE = {"hours": "hour", "hour": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week",
              "month": "month", "months": "month", "year": "year", "years": "year"}

# how far (back, forward) around an anchor hit the rules that carry that anchor look
_WINDOW = {"year": (70, 30), "month": (70, 50), "weekday": (40, 45), "unit": (60, 20)}


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


Result = tuple[str, str, bool]
Handler = Callable[[re.Match, str, str, "_Pub | None"], "Result | None"]


@lru_cache(maxsize=4096)
def _dateparser(text: str, lang: str, base: str) -> date | None:
    try:
        import dateparser  # slow import: only when a fallback is needed
    except ImportError:  # pragma: no cover
        return None
    settings = {"RELATIVE_BASE": datetime.fromisoformat(base), "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        dt = dateparser.parse(text, languages=[lang], settings=settings)
    except Exception:  # unknown language code and the like
        try:
            dt = dateparser.parse(text, settings=settings)
        except Exception:
            return None
    return dt.date() if dt else None


# --------------------------------------------------------------------------- resolver

class DateResolver:
    """Finds and resolves time expressions in one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.data_lang = lang if resources.exists(f"{lang}/dates.yaml") else "en"
        self.data: dict[str, Any] = resources.load(f"{self.data_lang}/dates.yaml") or {}
        self._build()

    # ------------------------------------------------------------ building
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

    # ------------------------------------------------------------ handlers
    def _rel(self, pub: _Pub | None, f: Callable[[date], tuple[date, date, str]], near: bool = False) -> Result | None:
        """Resolve a relative expression ``f`` (a day -> (start, end, kind)) against ``pub``."""
        if pub is None:
            return None
        try:
            if pub.prec == "day":
                v, p = _fmt(*f(pub.p0))
                return v, p, True
            if near:
                return pub.value, pub.prec, True
            a0, _, kind = f(pub.p0)
            _, b1, _ = f(pub.p1)
        except (ValueError, OverflowError):
            return None
        unit = "year" if (kind == "year" or pub.prec == "year") else "month"
        v, p = _fmt_range(a0, b1, unit)
        return v, p, True

    @staticmethod
    def _ref(pub: _Pub) -> date:
        return pub.p1

    def _year_for(self, m: re.Match, pub: _Pub | None, month: int, day: int | None) -> tuple[int | None, bool]:
        """Year of a date written without one: explicit, '... last year', or inferred from ``pub``."""
        if m.group("y"):
            return int(m.group("y")), False
        ry = m.groupdict().get("ry")
        if pub is None:
            return None, True
        ref = self._ref(pub)
        if ry:
            return ref.year + self.rel_year.get(_key(ry), 0), True
        y = ref.year
        if day is None:
            return (y if month <= ref.month else y - 1), True
        for yy in (y, y - 1, y - 2, y - 3, y - 4):
            try:
                cand = date(yy, month, day)
            except ValueError:
                continue
            if cand <= ref + timedelta(days=7) and (yy == y or cand <= ref):
                return yy, True
        return None, True

    def _h_iso(self, m, orig, folded, pub):
        try:
            return date(int(m["y"]), int(m["a"]), int(m["b"])).isoformat(), "day", False
        except ValueError:
            return None

    def _h_numeric(self, m, orig, folded, pub):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        orders = [(b, a), (a, b)] if self.numeric_order == "mdy" else [(a, b), (b, a)]
        if m["sep"] == "." and self.numeric_order == "mdy":
            orders.reverse()  # 21.11.2023 is day-first everywhere
        for day, month in orders:
            try:
                return date(y, month, day).isoformat(), "day", False
            except ValueError:
                continue
        return None

    def _h_day_month(self, m, orig, folded, pub):
        month = self.months.get(_key(m["m"]))
        if month is None:
            return None
        day = int(m["d"])
        d1 = int(m["d1"]) if m["d1"] else None
        y, rel = self._year_for(m, pub, month, day)
        if y is None:
            return None
        try:
            end = date(y, month, day)
            if d1 is not None:
                start = date(y, month, d1)
                if start >= end:
                    return None
                return f"{start.isoformat()}/{end.isoformat()}", "interval", rel
        except ValueError:
            return None
        return end.isoformat(), "day", rel

    def _h_month_day(self, m, orig, folded, pub):
        month = self.months.get(_key(m["m"]))
        if month is None:
            return None
        day = int(m["d"])
        y, rel = self._year_for(m, pub, month, day)
        if y is None:
            return None
        try:
            start = date(y, month, day)
            if m["d2"]:
                end = date(y, month, int(m["d2"]))
                if end <= start:
                    return None
                return f"{start.isoformat()}/{end.isoformat()}", "interval", rel
        except ValueError:
            return None
        return start.isoformat(), "day", rel

    def _month_value(self, y: int, month: int, part: str | None, rel: bool) -> Result:
        if not MINYEAR <= y <= MAXYEAR:  # "next May" in a 9999-12 publication: no ISO date
            raise ValueError(f"year {y} out of range")
        if part:
            lo, hi = _PART_DAYS[self.parts[_key(part)]]
            hi = min(hi, calendar.monthrange(y, month)[1])
            return f"{date(y, month, lo).isoformat()}/{date(y, month, hi).isoformat()}", "interval", rel
        return f"{y:04d}-{month:02d}", "month", rel

    def _h_month_year(self, m, orig, folded, pub):
        month = self.months.get(_key(m["m"]))
        if month is None:
            return None
        return self._month_value(int(m["y"]), month, m["part"], False)

    def _h_month(self, m, orig, folded, pub):
        if not (m["prep"] or m["part"] or m["ry"]):
            return None
        month = self.months_full.get(_key(m["m"]))
        if month is None:
            return None
        if m["ry"] is None and m["part"] is None and _key(m["m"]) in self.capitalised \
                and orig[m.start("m")].islower():
            return None  # "in may": lower-case, this word is more often not the month
        ry = m["ry"]
        if pub is None:
            return None
        ref = self._ref(pub)
        if ry:
            y = ref.year + self.rel_year.get(_key(ry), 0)
        else:
            y = ref.year if month <= ref.month else ref.year - 1
        return self._month_value(y, month, m["part"], True)

    def _h_part_year(self, m, orig, folded, pub):
        y = int(m["y"])
        lo, hi = _PART_MONTHS[self.parts[_key(m["part"])]]
        return f"{y:04d}-{lo:02d}/{y:04d}-{hi:02d}", "interval", False

    def _h_year(self, m, orig, folded, pub):
        end = m.end("x")
        if re.match(r"[.,:]\d|\s*%", folded[end:end + 2]):
            return None
        if self._year_block_after.match(folded, end):
            return None
        s = m.start("prep")
        if self._year_block_before.search(folded, max(0, s - 30), s):
            return None
        y = int(m["y"])
        if m["y2"]:
            y2 = int(m["y2"])
            if y2 <= y:
                return None
            return f"{y:04d}/{y2:04d}", "interval", False
        return f"{y:04d}", "year", False

    def _h_decade(self, m, orig, folded, pub):
        gd = m.groupdict()
        if gd.get("d4"):
            start = int(gd["d4"])
        else:
            two = int(gd["d2"]) if gd.get("d2") else self.decade_words.get(_key(gd.get("w") or ""))
            if two is None:
                return None
            cur = pub.p1.year if pub else date.today().year
            # '80 -> 1980; '10/'20 -> the 2000s when already begun (digits only; words are historical)
            start = 2000 + two if gd.get("d2") and two < 30 and 2000 + two <= cur else 1900 + two
        return f"{start:04d}/{start + 9:04d}", "interval", False

    def _h_weekday(self, m, orig, folded, pub):
        wd = self.weekdays.get(_key(m["wd"]))
        if wd is None:
            return None
        mode = "onbefore"
        if m["mb"]:
            mode = self.wd_mod.get("b" + _key(m["mb"]), mode)
        if m["ma"]:
            mode = self.wd_mod.get("a" + _key(m["ma"]), mode)

        def f(d: date):
            if mode == "previous_week":
                x = _monday(d) - timedelta(days=7 - wd)
            elif mode == "next_week":
                x = _monday(d) + timedelta(days=7 + wd)
            elif mode == "next":
                x = d + timedelta(days=(wd - d.weekday() - 1) % 7 + 1)
            elif mode == "past":
                x = d - timedelta(days=(d.weekday() - wd - 1) % 7 + 1)
            else:
                x = d - timedelta(days=(d.weekday() - wd) % 7)
            return x, x, "day"

        return self._rel(pub, f, near=mode in ("onbefore", "past", "next"))

    def _h_relative(self, m, orig, folded, pub):
        entry = self.relative.get(_key(m["r"]))
        if entry is None:
            return None
        if entry.get("case_sensitive") and orig[m.start("r"):m.end("r")] != orig[m.start("r"):m.end("r")].lower():
            return None
        unit, off = entry.get("unit", "day"), int(entry.get("offset", 0))
        if m["part"] and unit != "day":
            return None
        if unit == "day":
            return self._rel(pub, lambda d: (d + timedelta(days=off),) * 2 + ("day",), near=abs(off) < 7)
        if unit == "week":
            if off == 0:
                return self._rel(pub, lambda d: (_monday(d), d, "week"), near=True)
            return self._rel(pub, lambda d: (_monday(d) + timedelta(days=7 * off),
                                             _monday(d) + timedelta(days=7 * off + 6), "week"))
        if unit == "weekend":
            return self._rel(pub, lambda d: (_monday(d) + timedelta(days=7 * off + 5),
                                             _monday(d) + timedelta(days=7 * off + 6), "interval"))
        if unit == "month":
            def fm(d: date):
                a = _add_months(d.replace(day=1), off)
                return a, _month_end(a.year, a.month), "month"
            return self._rel(pub, fm)
        if unit == "year":
            return self._rel(pub, lambda d: (date(d.year + off, 1, 1), date(d.year + off, 12, 31), "year"))
        return None

    def _count(self, m) -> tuple[int | None, str | None, bool]:
        """(count, base unit, vague) of an '{n} {unit}' match."""
        unit = self.units.get(_key(m["unit"]))
        if unit is None:
            return None, None, True
        base = _UNIT_BASE.get(unit)
        num = m.groupdict().get("n")
        if num is not None:
            n = int(num) if num.isdigit() else self.numbers.get(_key(num))
            return n, base, n is None or n <= 0
        if unit.endswith("s"):
            n = self.plural_defaults.get(unit)
            return n, base, n is None
        return 1, base, False

    def _h_ago(self, m, orig, folded, pub):
        n, unit, vague = self._count(m)
        if vague or unit is None:
            return _VAGUE
        if unit in ("hour", "day", "week"):
            days = n // 24 if unit == "hour" else n * (7 if unit == "week" else 1)
            return self._rel(pub, lambda d: (d - timedelta(days=days),) * 2 + ("day",), near=days < 7)
        if unit == "month":
            def fm(d: date):
                a = _add_months(d.replace(day=1), -n)
                return a, _month_end(a.year, a.month), "month"
            return self._rel(pub, fm)
        return self._rel(pub, lambda d: (date(d.year - n, 1, 1), date(d.year - n, 12, 31), "year"))

    def _h_past(self, m, orig, folded, pub):
        n, unit, vague = self._count(m)
        if vague or unit is None:
            return _VAGUE
        if unit in ("hour", "day", "week"):
            days = math.ceil(n / 24) if unit == "hour" else n * (7 if unit == "week" else 1)
            return self._rel(pub, lambda d: (d - timedelta(days=days), d, "interval"), near=days < 7)
        if unit == "month":
            return self._rel(pub, lambda d: (_add_months(d, -n), d, "interval"))

        def fy(d: date):
            try:
                return d.replace(year=d.year - n), d, "interval"
            except ValueError:  # 29 February
                return d.replace(year=d.year - n, day=28), d, "interval"
        return self._rel(pub, fy)

    def _h_fallback(self, m, orig, folded, pub):
        if _key(m["w"]) in self.months:
            return None  # handled by our own rules
        base = pub.p1.isoformat() if pub else date.today().isoformat()
        d = _dateparser(orig[m.start("x"):m.end("x")], self.lang, base)
        if d is None:
            return None
        return d.isoformat(), "day", False

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
