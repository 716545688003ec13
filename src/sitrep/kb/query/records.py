"""The records the queries return: plain dataclasses, each with ``to_dict()`` for JSON."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class ActorRef:
    """A knowledge-base actor as it stands now (after merges)."""

    id: int
    name: str
    kind: str
    country: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class SourceAccount:
    """One document's account of an event: where it was said, what it says, its own figures."""

    document_id: int
    doc_key: str
    url: str | None
    source: str | None
    published: str | None
    language: str | None
    title: str | None
    evidence: str
    date: str | None
    date_precision: str | None
    location: dict[str, Any] | None
    fatalities: int | None
    injuries: int | None
    count: int | None
    status: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EventRecord:
    """A merged event: figures as a range over its sources, and every source's account."""

    id: int
    type: str
    mode: str | None
    status: str
    date_start: str | None
    date_end: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    fatalities_min: int | None
    fatalities_max: int | None
    injuries_min: int | None
    injuries_max: int | None
    n_sources: int
    actors: list[ActorRef] = field(default_factory=list)
    targets: list[ActorRef] = field(default_factory=list)
    sources: list[SourceAccount] = field(default_factory=list)
    corrected: dict[str, int] = field(default_factory=dict)  # field -> the id of the correction that set it
    place_kind: str | None = None  # city, region, country, facility: how precise the place is

    @property
    def fatalities(self) -> str:
        """'5', '5-8' or '' (unknown)."""
        return _range(self.fatalities_min, self.fatalities_max)

    @property
    def injuries(self) -> str:
        return _range(self.injuries_min, self.injuries_max)

    @property
    def date(self) -> str:
        """'2024-01-02', '2024-01-01/2024-01-31' or ''."""
        if not self.date_start:
            return ""
        return self.date_start if self.date_start == self.date_end else f"{self.date_start}/{self.date_end}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["fatalities"] = {"min": self.fatalities_min, "max": self.fatalities_max}
        d["injuries"] = {"min": self.injuries_min, "max": self.injuries_max}
        for k in ("fatalities_min", "fatalities_max", "injuries_min", "injuries_max"):
            del d[k]
        return d


@dataclass(slots=True)
class QuoteRecord:
    id: int
    text: str
    kind: str
    speaker: ActorRef | None
    speaker_text: str | None
    published: str | None  # the earliest document that reports it
    sources: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class RelationRecord:
    type: str
    other: ActorRef
    n_sources: int
    evidence: list[str] = field(default_factory=list)
    correction: int | None = None  # added by an analyst (the correction's id)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ActorProfile:
    id: int
    name: str
    kind: str
    country: str | None
    wikidata: str | None
    registry_id: str | None
    aliases: list[str]
    merged: list[ActorRef]  # actors merged into this one
    others: list[ActorRef]  # other actors that go by the same name (not merged: e.g. 'protesters' elsewhere)
    relations_out: list[RelationRecord]
    relations_in: list[RelationRecord]
    events_as_actor: dict[str, int]
    events_as_target: dict[str, int]
    quotes: list[QuoteRecord]
    sources: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Network:
    """Nodes: actors with their activity; edges: (source, target, kind, type) with a weight."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "edges": self.edges}


def _range(lo: int | None, hi: int | None) -> str:
    if lo is None:
        return ""
    return str(lo) if lo == hi or hi is None else f"{lo}-{hi}"


def actor_names(refs: Iterable[ActorRef]) -> str:
    return "; ".join(r.name for r in refs)
