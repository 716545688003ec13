"""A document's text as HTML with its actors, places, dates, events and quotes marked, and the
extraction tables under it."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape


@dataclass(slots=True)
class Mark:
    """One highlighted stretch of a document: ``kind`` actor/place/date (entities) or event/quote (blocks)."""

    start: int
    end: int
    kind: str
    label: str = ""
    title: str = ""
    href: str | None = None
    anchor: str | None = None
    target: bool = False
    extra: dict[str, str] = field(default_factory=dict)


ENTITY_KINDS = ("actor", "place", "date")


def highlight(text: str, marks: list[Mark]) -> Markup:
    """The text as HTML with the marks as spans, in the manner of displaCy.

    Blocks (event evidence, quotes) may overlap anything; entities (actors, places, dates) are kept
    apart (the longest first where they overlap).  Each piece of text is escaped before it is wrapped.
    """
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    entities: list[Mark] = []
    taken: list[tuple[int, int]] = []
    for m in sorted((m for m in marks if m.kind in ENTITY_KINDS), key=lambda m: (-(m.end - m.start), m.start)):
        if not any(m.start < e and s < m.end for s, e in taken):
            entities.append(m)
            taken.append((m.start, m.end))
    entities.sort(key=lambda m: m.start)
    blocks = [m for m in marks if m.kind not in ENTITY_KINDS]
    cuts = {0, n}
    for m in blocks + entities:
        cuts.update((m.start, m.end))
    bounds = sorted(cuts)

    def piece(s: int, e: int) -> Markup:
        active = [b for b in blocks if b.start < e and s < b.end]
        out = Markup("")
        for b in blocks:
            if b.anchor and b.start == s:
                out += Markup('<span class="anchor" id="{}"></span>').format(b.anchor)
        chunk = escape(text[s:e])
        if not active:
            return out + chunk
        classes = " ".join(sorted({f"hl-{b.kind}" for b in active} | {"hl-target" for b in active if b.target}))
        refs = " ".join(b.anchor or "" for b in active if b.anchor)
        return out + Markup('<span class="{}" data-refs="{}">{}</span>').format(classes, refs, chunk)

    html = Markup("")
    ent_iter = iter(entities)
    ent = next(ent_iter, None)
    i = 0
    while i < len(bounds) - 1:
        s = bounds[i]
        if ent is not None and ent.start == s:
            inner = Markup("")
            while i < len(bounds) - 1 and bounds[i] < ent.end:
                inner += piece(bounds[i], bounds[i + 1])
                i += 1
            label = Markup('<span class="ent-label">{}</span>').format(ent.label)
            title = ent.title or ent.label
            if ent.href:
                html += Markup('<a class="ent ent-{}" href="{}" title="{}">{}{}</a>').format(
                    ent.kind, ent.href, title, inner, label)
            else:
                html += Markup('<mark class="ent ent-{}" title="{}">{}{}</mark>').format(ent.kind, title, inner, label)
            ent = next(ent_iter, None)
            continue
        html += piece(s, bounds[i + 1])
        i += 1
    return html


@lru_cache(maxsize=1)
def _gazetteer():
    from ...extract.places import Gazetteer

    return Gazetteer.default()


def places_and_dates(text: str, language: str | None, published: str | None) -> list[Mark]:
    """Places and dates found again in the text (cheap, deterministic: the same finders the extractor ran)."""
    out: list[Mark] = []
    try:
        from ...extract.dates import resolver
        from ...extract.matching import normalise

        norm = normalise(text)
        if len(norm) != len(text):
            return out
        for p in _gazetteer().find(norm):
            out.append(Mark(p.start, p.end, "place", "PLACE",
                            title=f"{p.place.name} ({p.place.country or '-'}, {p.place.kind})"))
        for d in resolver((language or "en").lower()).find(norm, published):
            out.append(Mark(d.start, d.end, "date", "DATE", title=f"{d.value or '?'} ({d.precision or '?'})"))
    except Exception:  # noqa: BLE001 - an unknown language or an odd text: no places and dates, not an error page
        return out
    return out


def document_marks(text: str, analysis: dict[str, Any], actor_ids: dict[str, int] | None = None,
                   target: str | None = None, language: str | None = None,
                   published: str | None = None) -> list[Mark]:
    """Marks for a document from its analysis record (FORMAT.md offsets), plus places and dates."""
    marks: list[Mark] = []
    actor_ids = actor_ids or {}
    names = {a["id"]: a["name"] for a in analysis.get("actors", [])}
    for a in analysis.get("actors", []):
        kb_id = actor_ids.get(a["id"])
        for m in a.get("mentions") or []:
            marks.append(Mark(m["start"], m["end"], "actor", str(a.get("kind") or "actor").upper(),
                              title=f"{a['name']} ({a.get('kind')}, {a.get('country') or '-'})",
                              href=f"/actors/{kb_id}" if kb_id else None))
    for e in analysis.get("events", []):
        ev = e.get("evidence") or {}
        if "start" in ev:
            who = ", ".join(names.get(x, x) for x in e.get("actors", []))
            whom = ", ".join(names.get(x, x) for x in e.get("targets", []))
            marks.append(Mark(ev["start"], ev["end"], "event", e["type"], title=f"{e['type']}: {who} -> {whom}",
                              anchor=f"ev-{e['id']}", target=(e["id"] == target)))
    for q in analysis.get("quotes", []):
        marks.append(Mark(q["start"], q["end"], "quote", "QUOTE", anchor=f"q-{q['id']}"))
    marks.extend(places_and_dates(text, language or analysis.get("language"), published or analysis.get("published")))
    return marks


def extraction(analysis: dict[str, Any], actor_ids: dict[str, int] | None = None,
               event_ids: dict[str, int] | None = None) -> dict[str, Any]:
    """The analysis record arranged for the extraction tables under a document."""
    actor_ids = actor_ids or {}
    event_ids = event_ids or {}
    names = {a["id"]: a["name"] for a in analysis.get("actors", [])}

    def who(ids: list[str]) -> list[dict[str, Any]]:
        return [{"name": names.get(x, x), "id": actor_ids.get(x)} for x in ids]

    return {
        "actors": [{"name": a["name"], "kind": a.get("kind"), "country": a.get("country"),
                    "mentions": len(a.get("mentions") or []), "id": actor_ids.get(a["id"])}
                   for a in analysis.get("actors", [])],
        "events": [{"local": e["id"], "type": e["type"], "mode": e.get("mode"), "date": e.get("date"),
                    "place": (e.get("location") or {}).get("name"), "fatalities": e.get("fatalities"),
                    "injuries": e.get("injuries"), "status": e.get("status"), "actors": who(e.get("actors", [])),
                    "targets": who(e.get("targets", [])), "evidence": (e.get("evidence") or {}).get("text", ""),
                    "kb_id": event_ids.get(e["id"])}
                   for e in analysis.get("events", [])],
        "quotes": [{"local": q["id"], "text": q["text"], "speaker": names.get(q.get("speaker") or "", q.get("speaker_text")),
                    "speaker_id": actor_ids.get(q.get("speaker") or ""), "kind": q.get("kind")}
                   for q in analysis.get("quotes", [])],
        "relations": [{"subject": names.get(r["subject"], r["subject"]), "subject_id": actor_ids.get(r["subject"]),
                       "type": r["type"], "object": names.get(r["object"], r["object"]),
                       "object_id": actor_ids.get(r["object"]), "evidence": (r.get("evidence") or {}).get("text", "")}
                      for r in analysis.get("relations", [])],
    }
