"""Calendar arithmetic, the publication period and the formatting of values.

Kept apart from the rules so that absolute and relative handlers share one
notion of a period and one output format (FORMAT.md).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

Result = tuple[str, str, bool]  # (value, precision, relative): what a rule handler returns
_VAGUE = ("", "", False)  # a recognised but too vague expression: claims its span, emits nothing


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
