"""Handlers of expressions resolved against the publication date.

Weekdays, "yesterday"/"next week", "three days ago", "the past two months":
each is a function of one day, applied to the publication period.
"""
from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any, Callable

from .patterns import _key
from .periods import _VAGUE, Result, _add_months, _fmt, _fmt_range, _month_end, _monday, _Pub

_UNIT_BASE = {"hours": "hour", "hour": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week",
              "month": "month", "months": "month", "year": "year", "years": "year"}


class RelativeHandlers:
    """Rule handlers for relative expressions; mixed into :class:`~.finder.DateResolver`."""

    weekdays: dict[str, int]
    wd_mod: dict[str, str]
    relative: dict[str, dict]
    numbers: dict[str, int | None]
    units: dict[str, str]
    plural_defaults: dict[str, Any]

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
