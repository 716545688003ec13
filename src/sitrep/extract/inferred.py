"""Participants the codebook takes from the context when the clause leaves them unnamed.

The state of the place (a strike on a state's town targets that state, a
protest there is against it, unnamed police act for it) and the protesters an
article tells of for a protest that names no one.
"""
from __future__ import annotations

from .analysis import Analysis, EventInfo
from .collectives import STATE_AGENTS, base_collective
from .registry import ActorRegistry, registry_actor

# Collectives whose use of force is a riot, not an armed assault.
RIOTING = {"protesters", "rioters", "demonstrators"}


def state_actor(an: Analysis, country: str | None) -> str | None:
    """The document's actor for the state of ``country``, added from the registry when the text names only
    its towns ("a strike on Kryvyi Rih" targets Ukraine though "Ukraine" is never written)."""
    entry = ActorRegistry.default().state(country)  # only entries of kind "state"
    return registry_actor(an, entry) if entry is not None else None


def state_of_place(an: Analysis, ev: EventInfo) -> None:
    """Participants the codebook takes from the place when the clause leaves them unnamed: a strike on a
    state's town targets that state ("a Russian strike on Odesa"), a protest there is against it; unnamed
    police who arrest, or fire on a crowd, act for that state."""
    country = ev.location.country if ev.location else None
    key = state_actor(an, country)
    if key is None:
        return
    named = any(m.key == key for m in an.mentions)  # unnamed police act only for a state the text names
    police = [k for k in ev.actors if k in STATE_AGENTS]
    if police and named and ev.type in ("ASSAULT", "COERCE"):
        ev.actors = [key if k in STATE_AGENTS else k for k in ev.actors]
        ev.inferred.add(key)
    home = {an.actors[k].country for k in ev.actors}
    if ev.type == "ASSAULT" and ev.actors and not ev.targets and key not in ev.actors and country not in home:
        ev.targets = [key]  # not in an internal conflict
        ev.inferred.add(key)
    elif ev.type == "PROTEST" and not ev.targets and key not in ev.actors:
        ev.targets = [key]  # a protest in a state is against its government unless it names another
        ev.inferred.add(key)
    elif ev.type == "COERCE" and named and not ev.actors and key not in ev.targets:
        ev.actors = [key]
        ev.inferred.add(key)

def protesters(an: Analysis, ev: EventInfo) -> list[str]:
    """'Proteste im Iran', 'a third night of unrest': a protest that names no one is by the protesters the
    article tells of, the mention nearest to it (of the event's country where the group has one)."""
    country = ev.location.country if ev.location else None
    best: tuple[int, str] | None = None
    for m in an.mentions:
        if base_collective(an, m.key) not in RIOTING or an.in_quote(m.start):
            continue
        if country and an.actors[m.key].country not in (None, country):
            continue
        distance = abs(m.start - ev.evidence.start)
        if best is None or distance < best[0]:
            best = (distance, m.key)
    return [best[1]] if best else []
