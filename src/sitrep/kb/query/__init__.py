"""Questions to the knowledge base: events, an actor's profile, quotes and the actor network.

Library functions over a SQLAlchemy :class:`~sqlalchemy.orm.Session` that return plain dataclasses
(each with ``to_dict()`` for JSON), so that the command line and the web API share them.

Actors are found by name or alias, normalised (:func:`sitrep.kb.merge.norm`: case, accents and
punctuation folded), and followed through merges: an actor merged into another stands for that one,
and asking for either finds the events of both.  A filter naming an actor the knowledge base does
not know raises :class:`UnknownActor` (a ``LookupError``), so that a typo is never an empty answer.

The package is split by what each module holds: :mod:`.records` (the dataclasses returned),
:mod:`.actors` (actors by name, through merges; :class:`UnknownActor`), :mod:`.event_queries`
(:func:`filter_events`, :func:`events`, :func:`event_ids`), :mod:`.quote_queries` (:func:`quotes`),
:mod:`.profile` (:func:`actor_profile`) and :mod:`.network_queries` (:func:`network`).
"""
from __future__ import annotations

from .actors import UnknownActor, _Actors, _required, match_actors, members
from .event_queries import (
    _apply_corrections,
    _corrected,
    _country_code,
    _day,
    _hydrate,
    _like,
    _types,
    event_ids,
    events,
    filter_events,
)
from .network_queries import network
from .profile import PROFILE_QUOTES, PROFILE_SOURCES, _raw_ref, _source_rows, actor_profile, actor_profile_by_id
from .quote_queries import DEFAULT_QUOTES, _quote_records, quotes
from .records import (
    ActorProfile,
    ActorRef,
    EventRecord,
    Network,
    QuoteRecord,
    RelationRecord,
    SourceAccount,
    _range,
    actor_names,
)

__all__ = ["ActorProfile", "ActorRef", "EventRecord", "Network", "QuoteRecord", "RelationRecord", "SourceAccount",
           "UnknownActor", "actor_names", "actor_profile", "event_ids", "events", "filter_events", "match_actors",
           "members", "network", "quotes"]
