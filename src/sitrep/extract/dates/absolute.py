"""Handlers of dates written out in the text (ISO, numeric, day-month, month, year, decade).

A date without a year still takes its year from the publication date; that
inference lives here because it belongs to how such dates are written.
"""
from __future__ import annotations

import calendar
import re
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from functools import lru_cache

from .patterns import _key
from .periods import Result, _Pub

_PART_DAYS = {"start": (1, 10), "mid": (11, 20), "end": (21, 31)}
_PART_MONTHS = {"start": (1, 4), "mid": (5, 8), "end": (9, 12)}


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


class AbsoluteHandlers:
    """Rule handlers for calendar dates; mixed into :class:`~.finder.DateResolver`."""

    lang: str
    months: dict[str, int]
    months_full: dict[str, int]
    parts: dict[str, str]
    capitalised: set[str]
    rel_year: dict[str, int]
    decade_words: dict[str, int]
    numeric_order: str
    _year_block_after: re.Pattern
    _year_block_before: re.Pattern

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

    def _h_fallback(self, m, orig, folded, pub):
        if _key(m["w"]) in self.months:
            return None  # handled by our own rules
        base = pub.p1.isoformat() if pub else date.today().isoformat()
        d = _dateparser(orig[m.start("x"):m.end("x")], self.lang, base)
        if d is None:
            return None
        return d.isoformat(), "day", False
