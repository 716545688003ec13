"""The actor network: event edges (actor -> target) and relation edges (subject -> object)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import corrections as C
from ..schema import Document, Event, EventReport, Participant, Relation, RelationReport
from .actors import _Actors, _required
from .event_queries import _day, filter_events
from .records import Network


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
