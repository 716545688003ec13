"""An actor's profile: aliases, merged actors, relations, events by type, quotes and sources."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import corrections as C
from ..merge import canonical, norm
from ..schema import Actor, ActorAlias, ActorLink, Document, Event, Quote, Relation, RelationReport
from .actors import _Actors, match_actors, members
from .quote_queries import _quote_records
from .records import ActorProfile, ActorRef, RelationRecord

# How many of an actor's quotes its profile lists (the newest first).
PROFILE_QUOTES = 10


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
