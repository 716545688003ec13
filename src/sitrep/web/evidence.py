"""Where each field of an event report was read: the span of its actor, target, date, place, figure
and cue in the document, for the event page's "evidence" links.

The analysed-document record keeps offsets for actors' mentions and the evidence sentence, not for
dates, places or figures; those are found again inside the evidence sentence with the extractor's
own finders (the date resolver, the gazetteer, the lexicon's number words), which give the same
spans the extractor saw, so the link points at what the value was read from.  A field whose span
cannot be found again gets none (the page then says "in the sentence").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

WORD = re.compile(r"[\w][\w.,'’-]*\w|\w")


@dataclass(slots=True)
class FieldSpan:
    field: str   # actor, target, date, place, fatalities, injuries, mode
    value: str
    start: int | None
    end: int | None
    text: str
    note: str = ""  # e.g. "relative to the publication date"

    def href(self, document_id: int) -> str | None:
        if self.start is None:
            return None
        return f"/documents/{document_id}?span={self.start}-{self.end}#span"


def _inside(start: int, end: int, s0: int, s1: int) -> bool:
    return s0 <= start and end <= s1


def field_spans(text: str, analysis: dict[str, Any], local_id: str, language: str | None,
                published: str | None) -> list[FieldSpan]:
    """The spans of one event report's fields (``local_id`` as in the document's analysis)."""
    ev = next((e for e in analysis.get("events", []) if e.get("id") == local_id), None)
    if ev is None or "start" not in (ev.get("evidence") or {}):
        return []
    s0, s1 = int(ev["evidence"]["start"]), int(ev["evidence"]["end"])
    actors = {a["id"]: a for a in analysis.get("actors", [])}
    out: list[FieldSpan] = []
    for role, name in (("actors", "actor"), ("targets", "target")):
        for aid in ev.get(role) or []:
            a = actors.get(aid)
            if a is None:
                continue
            mentions = sorted(a.get("mentions") or [], key=lambda m: (not _inside(m["start"], m["end"], s0, s1),
                                                                      m["start"]))
            m = mentions[0] if mentions else None
            out.append(FieldSpan(name, a["name"], m["start"] if m else None, m["end"] if m else None,
                                 m["text"] if m else "",
                                 "" if m is None or _inside(m["start"], m["end"], s0, s1) else "named elsewhere"))
    lang = (language or analysis.get("language") or "en").lower()
    norm = _normalised(text)
    if ev.get("date"):
        out.append(_date_span(norm, text, ev["date"], lang, published, s0, s1))
    loc = ev.get("location") or {}
    if loc.get("name"):
        out.append(_place_span(norm, text, loc, s0, s1))
    for figure in ("fatalities", "injuries"):
        if ev.get(figure) is not None:
            out.append(_number_span(text, int(ev[figure]), figure, lang, s0, s1))
    if ev.get("mode") or ev.get("cue"):
        cue = str(ev.get("cue") or "")
        i = text.lower().find(cue.lower(), s0, s1) if cue else -1
        out.append(FieldSpan("mode", f"{ev.get('type')} / {ev.get('mode') or '-'}", i if i >= 0 else None,
                             i + len(cue) if i >= 0 else None, text[i:i + len(cue)] if i >= 0 else "",
                             "the cue word" if i >= 0 else ""))
    return out


def _normalised(text: str) -> str | None:
    try:
        from ..extract.matching import normalise

        n = normalise(text)
        return n if len(n) == len(text) else None
    except Exception:  # noqa: BLE001 - no spans, never an error page
        return None


def _date_span(norm: str | None, text: str, value: str, lang: str, published: str | None, s0: int,
               s1: int) -> FieldSpan:
    if norm is not None:
        try:
            from ..extract.dates import resolver

            found = [d for d in resolver(lang).find(norm, published) if _inside(d.start, d.end, s0, s1)]
        except Exception:  # noqa: BLE001 - an unknown language: no span
            found = []
        best = next((d for d in found if d.value == value), found[0] if found else None)
        if best is not None:
            note = "relative to the publication date" if best.relative else ""
            if best.relative and not published:
                note = "relative, and the document has no publication date"
            return FieldSpan("date", value, best.start, best.end, text[best.start:best.end], note)
    return FieldSpan("date", value, None, None, "", "" if published else "the document has no publication date")


def _place_span(norm: str | None, text: str, loc: dict[str, Any], s0: int, s1: int) -> FieldSpan:
    name = str(loc["name"])
    names = [name, *(loc.get("aliases") or [])]
    if norm is not None:
        try:
            from .pages import _gazetteer

            hits = [p for p in _gazetteer().find(norm) if _inside(p.start, p.end, s0, s1)]
        except Exception:  # noqa: BLE001
            hits = []
        best = next((p for p in hits if p.place.name == name or (loc.get("geonameid") and
                                                                  p.place.geonameid == loc.get("geonameid"))), None)
        if best is not None:
            return FieldSpan("place", name, best.start, best.end, text[best.start:best.end])
    low = text.lower()
    for n in names:
        i = low.find(str(n).lower(), s0, s1)
        if i >= 0:
            return FieldSpan("place", name, i, i + len(n), text[i:i + len(n)])
    return FieldSpan("place", name, None, None, "")


def _number_span(text: str, value: int, figure: str, lang: str, s0: int, s1: int) -> FieldSpan:
    try:
        from ..extract.lexicon import get_lexicon

        lex = get_lexicon(lang)
    except Exception:  # noqa: BLE001
        lex = None
    for m in WORD.finditer(text, s0, s1):
        token = m.group(0)
        n = lex.number(token) if lex is not None else (int(token) if token.isdecimal() else None)
        if n == value:
            return FieldSpan(figure, str(value), m.start(), m.end(), token)
    return FieldSpan(figure, str(value), None, None, "")
