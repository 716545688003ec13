"""Questions to the knowledge base: events, an actor's profile, quotes and the actor network.

Library functions over a SQLAlchemy :class:`~sqlalchemy.orm.Session` that return plain dataclasses
(each with ``to_dict()`` for JSON), so that the command line and the web API share them.

Actors are found by name or alias, normalised (:func:`sitrep.kb.merge.norm`: case, accents and
punctuation folded), and followed through merges: an actor merged into another stands for that one,
and asking for either finds the events of both.  A filter naming an actor the knowledge base does
not know raises :class:`UnknownActor` (a ``LookupError``), so that a typo is never an empty answer.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Select, and_, func, literal, or_, select
from sqlalchemy.orm import Session

from ..model import date_interval as interval
from . import corrections as C
from .merge import canonical, norm
from .schema import (
    Actor,
    ActorAlias,
    ActorLink,
    Document,
    Event,
    EventReport,
    Participant,
    Quote,
    QuoteReport,
    Relation,
    RelationReport,
)

# How many of an actor's quotes its profile lists (the newest first).
PROFILE_QUOTES = 10
# Quotes returned when no limit is given (a terminal screen or an API page).
DEFAULT_QUOTES = 50


class UnknownActor(LookupError):
    """A filter named an actor that the knowledge base does not know (by name or alias)."""

    def __init__(self, name: str):
        super().__init__(f"no actor named {name!r} in the knowledge base")
        self.name = name


# ---------------------------------------------------------------- records
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


# ---------------------------------------------------------------- actors by name
def match_actors(session: Session, name: str) -> set[int]:
    """The canonical ids of every actor whose name or an alias is ``name`` (normalised)."""
    key = norm(name)
    if not key:
        return set()
    ids = set(session.scalars(select(ActorAlias.actor_id).where(ActorAlias.norm == key)))
    return {canonical(session, i) for i in ids}


def members(session: Session, canon_ids: Iterable[int]) -> set[int]:
    """The given actors and every actor merged into them, directly or through others."""
    found = set(canon_ids)
    frontier = set(found)
    while frontier:
        new = set(session.scalars(select(Actor.id).where(Actor.merged_into_id.in_(frontier)))) - found
        found |= new
        frontier = new
    return found


def _required(session: Session, name: str) -> set[int]:
    ids = match_actors(session, name)
    if not ids:
        raise UnknownActor(name)
    return members(session, ids)


class _Actors:
    """Canonical actors by id, looked up once per query."""

    def __init__(self, session: Session):
        self.session = session
        self._canon: dict[int, int] = {}
        self._ref: dict[int, ActorRef] = {}

    def canon(self, actor_id: int) -> int:
        if actor_id not in self._canon:
            self._canon[actor_id] = canonical(self.session, actor_id)
        return self._canon[actor_id]

    def ref(self, actor_id: int) -> ActorRef:
        cid = self.canon(actor_id)
        if cid not in self._ref:
            a = self.session.get(Actor, cid)
            assert a is not None
            self._ref[cid] = ActorRef(a.id, a.name, a.kind, a.country)
        return self._ref[cid]


# ---------------------------------------------------------------- events
def _day(value: str | dt.date | None, end: bool) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    span = interval(str(value))
    if span is None:
        raise ValueError(f"{value!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
    return span[1] if end else span[0]


def _country_code(value: str) -> str:
    """'IQ', 'iq', 'IRQ' or 'Iraq' -> 'IQ' (what the knowledge base stores)."""
    v = value.strip()
    if len(v) == 2:
        return v.upper()
    try:
        import pycountry

        c = pycountry.countries.lookup(v)
        return str(c.alpha_2)
    except (LookupError, ImportError):
        return v.upper()


def _types(value: str | Sequence[str]) -> list[str]:
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [p.strip().upper() for p in parts if p.strip()]


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _corrected(ov: C.Overlay, name: str, cond: Any, keep: Any) -> Any:
    """``cond`` for events whose ``name`` no correction replaced, ``keep(value)`` for the others."""
    over = ov.overridden(name)
    if not over:
        return cond
    return or_(and_(cond, Event.id.not_in(list(over))), Event.id.in_([i for i, v in over.items() if keep(v)]))


def filter_events(session: Session, stmt: Select, actor: str | None = None, target: str | None = None,
                  type: str | Sequence[str] | None = None, country: str | None = None,
                  since: str | dt.date | None = None, until: str | dt.date | None = None,
                  language: str | None = None, source: str | None = None, q: str | None = None) -> Select:
    """Add the filters of :func:`events` to a statement that selects from ``events``.

    The analysts' corrections are applied: a rejected event is left out, and a corrected type,
    actor, target, place or date is filtered on its corrected value.

    Raises:
        UnknownActor: ``actor`` or ``target`` names no actor.
        ValueError: ``since`` or ``until`` is not a date.
    """
    ov = C.overlay(session)
    for name, role in ((actor, "actor"), (target, "target")):
        if name:
            ids = _required(session, name)
            cond = Event.id.in_(
                select(EventReport.event_id).join(Participant, Participant.report_id == EventReport.id)
                .where(Participant.role == role, Participant.actor_id.in_(ids)))
            stmt = stmt.where(_corrected(ov, role + "s", cond, lambda v, ids=ids: bool(set(v or []) & ids)))
    if type:
        types = _types(type)
        stmt = stmt.where(_corrected(ov, "type", Event.type.in_(types), lambda v: v in types))
    if country:
        cc = _country_code(country)
        stmt = stmt.where(_corrected(ov, "place", Event.country == cc, lambda v: (v or {}).get("country") == cc))
    start, end = _day(since, end=False), _day(until, end=True)
    if start:  # the event's dates overlap the period asked for
        stmt = stmt.where(_corrected(ov, "date", Event.date_end >= start,
                                     lambda v: bool(v) and v["end"] >= start.isoformat()))
    if end:
        stmt = stmt.where(_corrected(ov, "date", Event.date_start <= end,
                                     lambda v: bool(v) and v["start"] <= end.isoformat()))
    for column, value in ((Document.language, language), (Document.source, source)):
        if value:  # events that a document in this language / from this source reports
            stmt = stmt.where(Event.id.in_(select(EventReport.event_id)
                                           .join(Document, Document.id == EventReport.document_id)
                                           .where(column == value.strip())))
    for word in (q or "").split():  # every word in a source's evidence sentence or the place's name
        stmt = stmt.where(or_(Event.place.ilike(_like(word), escape="\\"),
                              Event.id.in_(select(EventReport.event_id)
                                           .where(EventReport.evidence_text.ilike(_like(word), escape="\\")))))
    if ov.rejected_events:
        stmt = stmt.where(Event.id.not_in(list(ov.rejected_events)))
    return stmt


def events(session: Session, actor: str | None = None, target: str | None = None,
           type: str | Sequence[str] | None = None, country: str | None = None,
           since: str | dt.date | None = None, until: str | dt.date | None = None,
           limit: int | None = None, offset: int = 0, max_sources: int | None = None,
           language: str | None = None, source: str | None = None, q: str | None = None,
           order: Sequence[Any] | None = None) -> list[EventRecord]:
    """Merged events, the newest first (undated ones last), with their actors, targets and sources.

    Args:
        actor, target: an actor's name or alias; events where it (or an actor merged into it) acts / is
            the target.
        type: a PLOVER type ("ASSAULT"), or several ("ASSAULT,PROTEST" or a list).
        country: ISO 3166-1 alpha-2 (alpha-3 and English names are accepted too).
        since, until: dates (YYYY-MM-DD, YYYY-MM or YYYY); an event is kept when its dates overlap the
            period, and an undated event is left out when either is given.
        limit, offset: a page of the result.
        max_sources: list at most this many sources of each event (the earliest); ``n_sources`` still
            counts them all. Lists of events keep pages small this way; one event shows them all.
        language, source: events that a document in this language, or from this source, reports.
        q: words that all occur in a source's evidence sentence or the place's name.
        order: ORDER BY terms (default: the newest first).

    Raises:
        UnknownActor: ``actor`` or ``target`` names no actor.
        ValueError: ``since`` or ``until`` is not a date.
    """
    stmt = filter_events(session, select(Event), actor, target, type, country, since, until, language, source, q)
    stmt = stmt.order_by(*(order or (Event.date_start.desc().nulls_last(), Event.id.desc())))
    if offset:
        stmt = stmt.offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = list(session.scalars(stmt))
    return _hydrate(session, rows, max_sources)


def event_ids(session: Session, **filters: Any) -> list[int]:
    """Only the ids of the events :func:`events` would return (same filters), in date order."""
    stmt = filter_events(session, select(Event.id), **filters).order_by(Event.date_start.nulls_last(), Event.id)
    return list(session.scalars(stmt))


def _hydrate(session: Session, rows: list[Event], max_sources: int | None = None) -> list[EventRecord]:
    if not rows:
        return []
    ids = [e.id for e in rows]
    actors = _Actors(session)
    reports: dict[int, list[tuple[EventReport, Document]]] = defaultdict(list)
    order = (Document.published.nulls_last(), Document.id)
    stmt = select(EventReport, Document).join(Document, Document.id == EventReport.document_id) \
        .where(EventReport.event_id.in_(ids))
    if max_sources is not None:
        rank = (select(EventReport.id.label("rid"),
                       func.row_number().over(partition_by=EventReport.event_id, order_by=order).label("rn"))
                .join(Document, Document.id == EventReport.document_id)
                .where(EventReport.event_id.in_(ids)).subquery())
        stmt = stmt.join(rank, rank.c.rid == EventReport.id).where(rank.c.rn <= max_sources)
    for rep, doc in session.execute(stmt.order_by(*order)):
        reports[rep.event_id].append((rep, doc))
    sides: dict[int, dict[str, list[int]]] = defaultdict(lambda: {"actor": [], "target": []})
    for actor_id, role, event_id in session.execute(
            select(Participant.actor_id, Participant.role, EventReport.event_id)
            .join(EventReport, EventReport.id == Participant.report_id)
            .where(EventReport.event_id.in_(ids)).order_by(Participant.id)):
        lst = sides[event_id].setdefault(role, [])
        cid = actors.canon(actor_id)
        if cid not in lst:
            lst.append(cid)
    out = []
    for e in rows:
        side = sides[e.id]
        out.append(EventRecord(
            id=e.id, type=e.type, mode=e.mode, status=e.status,
            date_start=e.date_start.isoformat() if e.date_start else None,
            date_end=e.date_end.isoformat() if e.date_end else None,
            place=e.place, country=e.country, lat=e.lat, lon=e.lon, place_kind=e.place_kind,
            fatalities_min=e.fatalities_min, fatalities_max=e.fatalities_max,
            injuries_min=e.injuries_min, injuries_max=e.injuries_max, n_sources=e.n_sources,
            actors=[actors.ref(a) for a in side["actor"]],
            targets=[actors.ref(t) for t in side["target"]],
            sources=[SourceAccount(document_id=d.id, doc_key=d.doc_key, url=d.url, source=d.source,
                                   published=d.published, language=d.language, title=d.title,
                                   evidence=r.evidence_text, date=r.date, date_precision=r.date_precision,
                                   location=r.location, fatalities=r.fatalities, injuries=r.injuries,
                                   count=r.count, status=r.status)
                     for r, d in reports[e.id]]))
    ov = C.overlay(session)
    if ov.event_fields:
        for rec in out:
            _apply_corrections(rec, ov.event_fields.get(rec.id), actors)
    return out


def _apply_corrections(rec: EventRecord, fields: dict[str, tuple[Any, int]] | None, actors: "_Actors") -> None:
    """An event record with the analysts' corrected values (each field marked with its correction)."""
    for name, (value, cid) in (fields or {}).items():
        rec.corrected[name] = cid
        if name == "type":
            rec.type = value
        elif name in ("actors", "targets"):
            setattr(rec, name, [actors.ref(a) for a in value or []])
        elif name == "date":
            rec.date_start, rec.date_end = (value or {}).get("start"), (value or {}).get("end")
        elif name == "place":
            v = value or {}
            rec.place, rec.country, rec.lat, rec.lon = v.get("name"), v.get("country"), v.get("lat"), v.get("lon")
            rec.place_kind = v.get("kind")
        elif name in ("fatalities", "injuries"):
            setattr(rec, f"{name}_min", (value or {}).get("min"))
            setattr(rec, f"{name}_max", (value or {}).get("max"))


# ---------------------------------------------------------------- quotes
def quotes(session: Session, speaker: str | None = None, contains: str | None = None,
           limit: int | None = DEFAULT_QUOTES, offset: int = 0) -> list[QuoteRecord]:
    """Quotes, the most recently reported first.

    Args:
        speaker: an actor's name or alias (through merges).
        contains: words that must all occur in the quote (whole words, case and accents folded).

    Raises:
        UnknownActor: ``speaker`` names no actor.
    """
    stmt = select(Quote)  # the newest report's date is stored (sitrep.kb.counts); every quote has a report
    if speaker:
        stmt = stmt.where(Quote.speaker_id.in_(_required(session, speaker)))
    for word in norm(contains or "").split():
        stmt = stmt.where((literal(" ") + Quote.norm + literal(" ")).contains(f" {word} "))
    rejected = C.overlay(session).rejected_quotes
    if rejected:
        stmt = stmt.where(Quote.id.not_in(list(rejected)))
    stmt = stmt.order_by(Quote.latest_published.desc().nulls_last(), Quote.id.desc())
    if offset:
        stmt = stmt.offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return _quote_records(session, list(session.scalars(stmt)))


def _quote_records(session: Session, rows: list[Quote]) -> list[QuoteRecord]:
    if not rows:
        return []
    actors = _Actors(session)
    reps: dict[int, list[Any]] = defaultdict(list)
    # the columns shown, not whole documents (their text and analysis are most of the knowledge base)
    for row in session.execute(select(QuoteReport.quote_id, QuoteReport.speaker_text, QuoteReport.cue,
                                      Document.id, Document.doc_key, Document.url, Document.source,
                                      Document.published)
                               .join(Document, Document.id == QuoteReport.document_id)
                               .where(QuoteReport.quote_id.in_([q.id for q in rows]))
                               .order_by(Document.published.nulls_last(), Document.id)):
        reps[row.quote_id].append(row)
    out = []
    for q in rows:
        rs = reps[q.id]
        out.append(QuoteRecord(
            id=q.id, text=q.text, kind=q.kind, speaker=actors.ref(q.speaker_id) if q.speaker_id else None,
            speaker_text=next((r.speaker_text for r in rs if r.speaker_text), None),
            published=next((r.published for r in rs if r.published), None),
            sources=[{"document_id": r.id, "doc_key": r.doc_key, "url": r.url, "source": r.source,
                      "published": r.published, "speaker_text": r.speaker_text, "cue": r.cue} for r in rs]))
    return out


# ---------------------------------------------------------------- actor profile
def actor_profile(session: Session, name: str, n_quotes: int = PROFILE_QUOTES) -> ActorProfile | None:
    """Everything the knowledge base knows about one actor, or None if no actor goes by ``name``.

    Where several actors go by the name (collectives such as 'protesters' are kept apart per document),
    the one whose own name it is and that most documents name is profiled; the rest are in ``others``.
    """
    ids = match_actors(session, name)
    if not ids:
        return None
    key = norm(name)
    mentions = {i: session.scalar(select(func.count(ActorLink.id)).where(ActorLink.actor_id.in_(members(session, {i}))))
                or 0 for i in ids}
    chosen = max(ids, key=lambda i: (norm(session.get(Actor, i).name) == key, mentions[i], -i))  # type: ignore[union-attr]
    return actor_profile_by_id(session, chosen, n_quotes, others=ids)


def actor_profile_by_id(session: Session, actor_id: int, n_quotes: int = PROFILE_QUOTES,
                        others: set[int] | None = None) -> ActorProfile | None:
    """Everything the knowledge base knows about one actor (by id, followed through merges), or None.

    ``others``: actors that go by the same name, listed in the profile (default: all of them)."""
    if session.get(Actor, actor_id) is None:
        return None
    chosen = canonical(session, actor_id)
    actor = session.get(Actor, chosen)
    assert actor is not None
    group = members(session, {chosen})
    helper = _Actors(session)
    same_name = (match_actors(session, actor.name) if others is None else others) - {chosen}

    aliases: list[str] = []
    seen = set()
    for alias, n in session.execute(select(ActorAlias.alias, ActorAlias.norm).where(ActorAlias.actor_id.in_(group))
                                    .order_by(ActorAlias.id)):
        if n not in seen and alias != actor.name:
            seen.add(n)
            aliases.append(alias)

    def relations(mine, theirs) -> list[RelationRecord]:
        acc: dict[tuple[str, int], RelationRecord] = {}
        rels = list(session.scalars(select(Relation).where(mine.in_(group)).order_by(Relation.id)))
        reps: dict[int, list[tuple[int, str]]] = defaultdict(list)
        if rels:
            for rid, doc, text in session.execute(
                    select(RelationReport.relation_id, RelationReport.document_id, RelationReport.evidence_text)
                    .where(RelationReport.relation_id.in_([r.id for r in rels])).order_by(RelationReport.id)):
                reps[rid].append((doc, text))
        for rel in rels:
            other = helper.ref(getattr(rel, theirs.key))
            if other.id == chosen:
                continue
            rec = acc.setdefault((rel.type, other.id), RelationRecord(rel.type, other, 0))
            rec.n_sources += len({d for d, _ in reps[rel.id]})
            rec.evidence.extend(t for _, t in reps[rel.id] if t not in rec.evidence)
        for subj, rtype, obj, cid in ov.relations:  # relations an analyst added
            me, them = (subj, obj) if mine.key == "subject_id" else (obj, subj)
            if me in group and helper.canon(them) != chosen:
                acc.setdefault((rtype, helper.canon(them)),
                               RelationRecord(rtype, helper.ref(them), 0, correction=cid)).correction = cid
        return sorted(acc.values(), key=lambda r: (-r.n_sources, r.type, r.other.name))

    ov = C.overlay(session)
    roles = C.event_roles_of_actors(session, group)
    event_type = {i: t for i, t in session.execute(select(Event.id, Event.type).where(Event.id.in_(list(roles))))}
    event_type.update({i: t for i, t in ov.overridden("type").items() if i in event_type})

    def by_type(role: str) -> dict[str, int]:
        counts = Counter(event_type[i] for i, r in roles.items() if role in r and i in event_type)
        return dict(sorted(counts.items(), key=lambda x: (-x[1], x[0])))

    qrows = list(session.scalars(select(Quote)
                                 .where(Quote.speaker_id.in_(group), Quote.id.not_in(list(ov.rejected_quotes)))
                                 .order_by(Quote.latest_published.desc().nulls_last(), Quote.id.desc())
                                 .limit(n_quotes)))
    sources = [{"document_id": d.id, "doc_key": d.doc_key, "url": d.url, "source": d.source,
                "published": d.published, "title": d.title, "mentions": int(m or 0)}
               for d, m in _source_rows(session, group)]
    return ActorProfile(
        id=actor.id, name=actor.name, kind=actor.kind, country=actor.country, wikidata=actor.wikidata,
        registry_id=actor.registry_id, aliases=aliases,
        merged=[_raw_ref(session, i) for i in sorted(group - {chosen})],
        others=[helper.ref(i) for i in sorted(same_name)],
        relations_out=relations(Relation.subject_id, Relation.object_id),
        relations_in=relations(Relation.object_id, Relation.subject_id),
        events_as_actor=by_type("actor"), events_as_target=by_type("target"),
        quotes=_quote_records(session, qrows), sources=sources)


PROFILE_SOURCES = 200  # the newest documents that name the actor, in a profile


def _source_rows(session: Session, group: set[int]) -> list[tuple[Any, int]]:
    rows = session.execute(
        select(Document.id, Document.doc_key, Document.url, Document.source, Document.published, Document.title,
               func.sum(ActorLink.mentions).label("m"))
        .join(ActorLink, ActorLink.document_id == Document.id).where(ActorLink.actor_id.in_(group))
        .group_by(Document.id, Document.doc_key, Document.url, Document.source, Document.published, Document.title)
        .order_by(Document.published.desc().nulls_last(), Document.id.desc()).limit(PROFILE_SOURCES))
    return [(r, r.m) for r in rows]


def _raw_ref(session: Session, actor_id: int) -> ActorRef:
    """An actor as stored, not followed through merges."""
    a = session.get(Actor, actor_id)
    assert a is not None
    return ActorRef(a.id, a.name, a.kind, a.country)


# ---------------------------------------------------------------- network
def network(session: Session, since: str | dt.date | None = None, until: str | dt.date | None = None,
            actor: str | None = None, type: str | Sequence[str] | None = None,
            country: str | None = None) -> Network:
    """The actor network: who acts against whom (event edges) and who stands to whom (relation edges).

    Edges are directed and typed: ``kind`` "event" (actor -> target, ``type`` the PLOVER type, ``weight``
    the number of events) or "relation" (subject -> object, ``type`` the relation, ``weight`` the
    number of documents that state it).  Nodes are the actors on an edge or in an event, with their
    counts; ``activity`` = events taken part in + relation statements.

    ``since``/``until`` keep events whose dates overlap the period and relations stated in documents
    published in it; ``type`` and ``country`` filter events only; ``actor`` keeps the edges that touch
    that actor (its ego network).

    Raises:
        UnknownActor: ``actor`` names no actor.
    """
    helper = _Actors(session)
    ego = {helper.canon(i) for i in _required(session, actor)} if actor else None
    events_stmt = filter_events(session, select(Event.id), type=type, country=country, since=since, until=until)
    rows = session.execute(select(EventReport.event_id, Event.type, Participant.actor_id, Participant.role)
                           .join(Event, Event.id == EventReport.event_id)
                           .join(Participant, Participant.report_id == EventReport.id)
                           .where(EventReport.event_id.in_(events_stmt)))
    per_event: dict[int, tuple[str, set[int], set[int]]] = {}
    for eid, etype, aid, role in rows:
        t, acts, tgts = per_event.setdefault(eid, (etype, set(), set()))
        (acts if role == "actor" else tgts).add(helper.canon(aid))
    ov = C.overlay(session)
    if ov.event_fields:  # the analysts' corrected types, actors and targets
        kept = {i: t for i, t in session.execute(select(Event.id, Event.type).where(
            Event.id.in_(list(ov.event_fields)), Event.id.in_(events_stmt)))}
        for eid, t in kept.items():
            fields = ov.event_fields[eid]
            _, acts, tgts = per_event.get(eid, (t, set(), set()))
            if "actors" in fields:
                acts = {helper.canon(a) for a in fields["actors"][0] or []}
            if "targets" in fields:
                tgts = {helper.canon(a) for a in fields["targets"][0] or []}
            per_event[eid] = (fields["type"][0] if "type" in fields else t, acts, tgts)
    edges: Counter[tuple[int, int, str, str]] = Counter()
    as_actor: Counter[int] = Counter()
    as_target: Counter[int] = Counter()
    for etype, acts, tgts in per_event.values():
        if ego is not None and not (acts | tgts) & ego:
            continue
        for a in acts:
            as_actor[a] += 1
        for t in tgts:
            as_target[t] += 1
        for a in acts:
            for t in tgts:
                if a != t and (ego is None or {a, t} & ego):
                    edges[(a, t, "event", etype)] += 1
    rel_stmt = (select(Relation.subject_id, Relation.object_id, Relation.type,
                       func.count(func.distinct(RelationReport.document_id)))
                .join(RelationReport, RelationReport.relation_id == Relation.id)
                .join(Document, Document.id == RelationReport.document_id)
                .group_by(Relation.id, Relation.subject_id, Relation.object_id, Relation.type))
    start, end = _day(since, end=False), _day(until, end=True)
    if start:
        rel_stmt = rel_stmt.where(Document.published >= start.isoformat())
    if end:
        rel_stmt = rel_stmt.where(Document.published <= end.isoformat())
    relations: Counter[int] = Counter()
    for subj, obj, rtype, n in session.execute(rel_stmt):
        s, o = helper.canon(subj), helper.canon(obj)
        if s == o or (ego is not None and not {s, o} & ego):
            continue
        edges[(s, o, "relation", rtype)] += int(n)
        relations[s] += int(n)
        relations[o] += int(n)
    for subj, rtype, obj, _ in ov.relations:  # relations an analyst added count as one statement
        s, o = helper.canon(subj), helper.canon(obj)
        if s != o and (ego is None or {s, o} & ego):
            edges[(s, o, "relation", rtype)] += 1
            relations[s] += 1
            relations[o] += 1
    ids = set(as_actor) | set(as_target) | set(relations) | {k[0] for k in edges} | {k[1] for k in edges}
    nodes = []
    for i in sorted(ids):
        ref = helper.ref(i)
        nodes.append({"id": i, "name": ref.name, "kind": ref.kind, "country": ref.country,
                      "events_as_actor": as_actor[i], "events_as_target": as_target[i], "relations": relations[i],
                      "activity": as_actor[i] + as_target[i] + relations[i]})
    nodes.sort(key=lambda n: (-n["activity"], n["name"]))
    edge_list = [{"source": s, "target": t, "source_name": helper.ref(s).name, "target_name": helper.ref(t).name,
                  "kind": kind, "type": etype, "weight": w}
                 for (s, t, kind, etype), w in sorted(edges.items(), key=lambda kv: (-kv[1], kv[0]))]
    return Network(nodes, edge_list)


# ---------------------------------------------------------------- small helpers for the adapters
def actor_names(refs: Iterable[ActorRef]) -> str:
    return "; ".join(r.name for r in refs)


__all__ = ["ActorProfile", "ActorRef", "EventRecord", "Network", "QuoteRecord", "RelationRecord", "SourceAccount",
           "UnknownActor", "actor_names", "actor_profile", "event_ids", "events", "filter_events", "match_actors",
           "members", "network", "quotes"]
