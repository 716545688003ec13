"""From the pipeline's working state to the public :class:`~sitrep.model.AnalysedDocument`."""
from __future__ import annotations

from dataclasses import replace

from ..model import Actor, AnalysedDocument, Event, Quote, Relation, Span
from .analysis import Analysis

# Mentions that name an actor; an actor with only back-references is not an actor of the document.
NAMING = ("name", "surname", "adjective", "people", "source", "collective")


def keep_actor(an: Analysis, key: str) -> bool:
    info = an.actors[key]
    ms = [m for m in an.mentions if m.key == key and m.how in NAMING]
    if not ms:
        # the state of a place, a participant the codebook infers ("a strike on Kryvyi Rih" targets Ukraine)
        return any(key in ev.inferred for ev in an.events)
    if info.needs_role and not info.used:
        return False
    # a state named only as a place ("in Argentinië") is no actor unless it acts or is acted upon
    if info.kind == "state" and not info.used and all(m.locative for m in ms):
        return False
    return True


def to_document(an: Analysis, doc_id: str | None = None, url: str | None = None,
                title: str | None = None, include_indirect: bool = False) -> AnalysedDocument:
    order: list[str] = []
    for m in sorted(an.mentions, key=lambda m: m.start):
        if m.key not in order and m.key in an.actors and keep_actor(an, m.key):
            order.append(m.key)
    for ev in an.events:  # states inferred from a place, never named
        order += [k for k in sorted(ev.inferred) if k not in order and k in an.actors and keep_actor(an, k)]
    ids = {key: f"a{i + 1}" for i, key in enumerate(order)}
    actors = []
    by_actor: dict[str, list] = {}
    for m in an.mentions:
        by_actor.setdefault(m.key, []).append(m)
    for key in order:
        info = an.actors[key]
        mentions = sorted({(m.start, m.end) for m in by_actor.get(key, ())})
        # the forms the text names it by are aliases too ("Schäuble" for Wolfgang Schäuble, an inflected
        # "Süddeutscher Zeitung"): what a reader searching this document would type
        named = {m.text for m in by_actor.get(key, ()) if m.how in ("name", "surname")}
        aliases = sorted(a for a in info.aliases | named if a != info.name)
        actors.append(Actor(ids[key], info.name, info.kind, aliases, info.country, info.wikidata,
                            [Span(s, e, an.text[s:e]) for s, e in mentions], info.registry_id))
    events = []
    for ev in sorted(an.events, key=lambda e: e.evidence.start):
        if ev.location is not None and ev.location_text and ev.location_text != ev.location.name:
            ev.location = replace(ev.location, aliases=[ev.location_text])
        events.append(Event(f"e{len(events) + 1}", ev.type, ev.mode,
                            [ids[k] for k in ev.actors if k in ids], [ids[k] for k in ev.targets if k in ids],
                            ev.evidence, ev.date, ev.date_precision, ev.location, ev.fatalities, ev.injuries,
                            ev.count, ev.status, ev.cue.text))
    quotes = []
    for q in sorted(an.quotes, key=lambda q: q.start):
        if q.kind == "indirect" and not include_indirect:
            continue
        quotes.append(Quote(f"q{len(quotes) + 1}", q.text, q.start, q.end, q.kind,
                            ids.get(q.speaker) if q.speaker else None, q.speaker_text, q.cue))
    relations = [Relation(ids[r.subject], r.type, ids[r.object], r.evidence)
                 for r in an.relations if r.subject in ids and r.object in ids]
    return AnalysedDocument(id=doc_id, text=an.text, language=an.lang, published=an.published, actors=actors,
                            events=events, quotes=quotes, relations=relations, source=an.source, url=url,
                            title=title, boilerplate=an.boilerplate)
