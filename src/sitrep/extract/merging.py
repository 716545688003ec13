"""Merging the mentions of one occurrence within a document.

Two mentions are one event only when nothing they say conflicts (status, manner,
date, country, toll, participants) and they share a participant, or one names
what the other leaves open; a mention told as another occurrence ("een tweede
aanval", "a week earlier") or without participants of its own is never absorbed
into a different one.
"""
from __future__ import annotations

from ..model import date_interval as interval
from .analysis import EventInfo


def merge(events: list[EventInfo]) -> list[EventInfo]:
    """Mentions of one occurrence, in the document's order, merged into its first mention."""
    merged: list[EventInfo] = []
    for ev in events:
        target = None
        for prev in reversed(merged):
            if prev.type != ev.type or ev.sequel:
                continue
            if prev.evidence.start == ev.evidence.start and not ev.anaphoric and ev.mode != "kill":
                # two occurrences told in one sentence stay two, unless one points back or only tells
                # the dead of the other ("raketten troffen een flat; daarbij kwamen twaalf mensen om")
                continue
            if _compatible(prev, ev):
                target = prev
                break
        if target is None:
            merged.append(ev)
            continue
        _absorb(target, ev)
    return merged


def _compatible(a: EventInfo, b: EventInfo) -> bool:
    """Two mentions of one occurrence: no conflicting facts, and shared participants or none at all."""
    if a.status != b.status and not (b.anaphoric and "claimed" in (a.status, b.status)):
        return False  # a later claim of the attack told before is the same occurrence
    manners = {a.mode, b.mode} - {None, "kill"}
    if len(manners) > 1 and (a.type == "PROTEST" or a.evidence.start == b.evidence.start):
        return False  # a riot and a march; an air strike and a ground raid told in one sentence
    if a.date and b.date and not _dates_overlap(a.date, b.date):
        return False
    if a.location and b.location and a.location.country != b.location.country:
        return False
    if a.fatalities is not None and b.fatalities is not None and a.fatalities != b.fatalities:
        return False
    for role in ("actors", "targets") if not b.anaphoric else ("actors",):
        # a participant inferred from the place (the state a town is in) yields to a named one
        x, y = set(getattr(a, role)) - a.inferred, set(getattr(b, role)) - b.inferred
        if x and y and not x & y:
            return False
    if (set(a.actors) & set(b.actors)) or (set(a.targets) & set(b.targets)):
        return True
    # each names what the other leaves open ("US drone strike ... in Baghdad" / "a drone strike hit a base
    # of Kataib Hezbollah south of Baghdad"): one occurrence when the manner and the place are the same
    a_t, b_t = set(a.targets) - a.inferred, set(b.targets) - b.inferred
    if (not a.actors or not b.actors) and (not a_t or not b_t) and a.mode and a.mode == b.mode \
            and a.location and b.location and a.location.name == b.location.name:
        return True
    if b.anaphoric and not (a.actors and b.actors and not set(a.actors) & set(b.actors)):
        return True  # "De aanval doodde vijf strijders": the attack told before, with more detail
    # a report with no participants ("the strike", "de bombardementen") belongs to the nearest one of its kind
    return (not (b.actors or b.targets) or not (a.actors or a.targets)) and bool(
        not a.location or not b.location or a.location.name == b.location.name)


def _dates_overlap(a: str, b: str) -> bool:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return a == b
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _absorb(into: EventInfo, other: EventInfo) -> None:
    into.actors = _unique(into.actors + other.actors)
    named = [t for t in into.targets + other.targets if t not in into.inferred | other.inferred]
    # inferred targets stay only while no named one is known
    into.targets = _unique(named or into.targets + other.targets)
    into.targets = [t for t in into.targets if t not in into.actors]
    into.inferred = (into.inferred | other.inferred) & set(into.targets)
    for attr in ("date", "date_precision", "location", "location_text", "fatalities", "injuries", "count", "mode"):
        if getattr(into, attr) is None and getattr(other, attr) is not None:
            setattr(into, attr, getattr(other, attr))


def _unique(keys) -> list[str]:
    out: list[str] = []
    for k in keys:
        if k not in out:
            out.append(k)
    return out
