"""The one data model every stage passes along.

An :class:`AnalysedDocument` is what the extractor produces and what the
knowledge base, the web app and the batch engine consume.  It serialises to
the analysed-document format (``shared/spec/FORMAT.md``, ``schema: sitrep/1``).
All offsets are Python string indices into the document's input text.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "sitrep/1"

ActorKind = Literal[
    "person", "state", "organization", "armed_group", "party", "coalition",
    "media", "international_org", "other",
]
ACTOR_KINDS: tuple[str, ...] = ActorKind.__args__  # type: ignore[attr-defined]

RelationType = Literal["leader_of", "member_of", "spokesperson_of", "part_of", "supports", "allied_with"]
RELATION_TYPES: tuple[str, ...] = RelationType.__args__  # type: ignore[attr-defined]

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# What an event between two actors says about them, as the network draws it: PLOVER's conflict types
# (material and verbal), its material cooperation and its verbal cooperation; REQUEST, PROTEST and
# MOBILIZE are neither ("other").
HOSTILE_EVENT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "ACCUSE", "REJECT"})
COOPERATIVE_EVENT_TYPES = frozenset({"COOPERATE", "AID", "CONCEDE", "RETREAT"})
VERBAL_COOPERATIVE_EVENT_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT"})


def event_edge_kind(type_: str) -> str:
    """'hostile', 'cooperative', 'verbal-cooperative' or 'other': the kind of a network edge of this event type."""
    if type_ in HOSTILE_EVENT_TYPES:
        return "hostile"
    if type_ in COOPERATIVE_EVENT_TYPES:
        return "cooperative"
    if type_ in VERBAL_COOPERATIVE_EVENT_TYPES:
        return "verbal-cooperative"
    return "other"


EVENT_STATUSES: tuple[str, ...] = ("reported", "claimed", "threatened", "denied", "planned")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "interval")


def date_interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """A date in FORMAT.md notation ('2023-11-21', '2023-11', '2023', 'A/B') -> (first day, last day)."""
    if not value:
        return None
    if "/" in value:
        a, b = value.split("/", 1)
        ia, ib = date_interval(a), date_interval(b)
        return (ia[0], ib[1]) if ia and ib else None
    try:
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            y, m = map(int, value.split("-"))
            return dt.date(y, m, 1), dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
        d = dt.date.fromisoformat(value[:10])
        return d, d
    except ValueError:
        return None


@dataclass(slots=True)
class Span:
    """A stretch of the input text: ``text == document_text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Place:
    """A geocoded place.  ``country`` is ISO 3166-1 alpha-2 (``None`` for regions spanning countries)."""

    name: str
    country: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    kind: str = "city"  # city, country, region, facility
    aliases: list[str] = field(default_factory=list)  # how the text names it ("Bagdad", "West-Irak")

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "admin1": self.admin1,
                "lat": self.lat, "lon": self.lon, "geonameid": self.geonameid, "kind": self.kind,
                "aliases": self.aliases}


@dataclass(slots=True)
class DateValue:
    """A resolved date in FORMAT.md notation (``2023-11-21``, ``2023-11``, ``2006``, ``A/B``)."""

    value: str | None
    precision: str | None


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    wikidata: str | None = None
    mentions: list[Span] = field(default_factory=list)
    registry_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "aliases": self.aliases, "kind": self.kind,
                "country": self.country, "wikidata": self.wikidata,
                "mentions": [asdict(m) for m in sorted(self.mentions, key=lambda m: m.start)],
                "registry_id": self.registry_id}


@dataclass(slots=True)
class Event:
    id: str
    type: str
    mode: str | None
    actors: list[str]
    targets: list[str]
    evidence: Span
    date: str | None = None
    date_precision: str | None = None
    location: Place | None = None
    fatalities: int | None = None
    injuries: int | None = None
    count: int | None = None
    status: str = "reported"
    cue: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "mode": self.mode, "actors": self.actors,
                "targets": self.targets, "date": self.date, "date_precision": self.date_precision,
                "location": self.location.to_dict() if self.location else None,
                "fatalities": self.fatalities, "injuries": self.injuries, "count": self.count,
                "status": self.status, "evidence": asdict(self.evidence), "cue": self.cue}


@dataclass(slots=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: str  # direct | indirect
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Relation:
    subject: str
    type: str
    object: str
    evidence: Span

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "type": self.type, "object": self.object,
                "evidence": asdict(self.evidence)}


@dataclass(slots=True)
class AnalysedDocument:
    """The extractor's result for one document (FORMAT.md), plus metadata of our own."""

    id: str | None
    text: str
    language: str
    published: str | None
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    source: str | None = None
    url: str | None = None
    title: str | None = None
    boilerplate: list[Span] = field(default_factory=list)

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA, "id": self.id, "language": self.language, "published": self.published,
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "relations": [r.to_dict() for r in self.relations],
            "source": self.source, "url": self.url, "title": self.title,
            "boilerplate": [asdict(b) for b in self.boilerplate],
        }
        if include_text:
            out["text"] = self.text
        return out

    def to_json(self, include_text: bool = False, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(include_text), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, rec: dict[str, Any], text: str | None = None) -> "AnalysedDocument":
        """The inverse of :meth:`to_dict` (with the text from ``rec['text']`` unless given)."""
        def span(d: dict[str, Any]) -> Span:
            return Span(int(d["start"]), int(d["end"]), d["text"])

        def place(d: dict[str, Any] | None) -> Place | None:
            if not d:
                return None
            return Place(name=d["name"], country=d.get("country"), admin1=d.get("admin1"), lat=d.get("lat"),
                         lon=d.get("lon"), geonameid=d.get("geonameid"), kind=d.get("kind") or "city",
                         aliases=list(d.get("aliases") or []))

        return cls(
            id=rec.get("id"), text=rec.get("text", "") if text is None else text, language=rec.get("language") or "",
            published=rec.get("published"), source=rec.get("source"), url=rec.get("url"), title=rec.get("title"),
            actors=[Actor(id=a["id"], name=a["name"], kind=a["kind"], aliases=list(a.get("aliases") or []),
                          country=a.get("country"), wikidata=a.get("wikidata"),
                          mentions=[span(m) for m in a.get("mentions") or []], registry_id=a.get("registry_id"))
                    for a in rec.get("actors") or []],
            events=[Event(id=e["id"], type=e["type"], mode=e.get("mode"), actors=list(e.get("actors") or []),
                          targets=list(e.get("targets") or []), evidence=span(e["evidence"]), date=e.get("date"),
                          date_precision=e.get("date_precision"), location=place(e.get("location")),
                          fatalities=e.get("fatalities"), injuries=e.get("injuries"), count=e.get("count"),
                          status=e.get("status") or "reported", cue=e.get("cue"))
                    for e in rec.get("events") or []],
            quotes=[Quote(id=q["id"], text=q["text"], start=int(q["start"]), end=int(q["end"]), kind=q["kind"],
                          speaker=q.get("speaker"), speaker_text=q.get("speaker_text"), cue=q.get("cue"))
                    for q in rec.get("quotes") or []],
            relations=[Relation(subject=r["subject"], type=r["type"], object=r["object"], evidence=span(r["evidence"]))
                       for r in rec.get("relations") or []],
            boilerplate=[span(b) for b in rec.get("boilerplate") or []],
        )
