"""Actors by name or alias (normalised), followed through merges; :class:`UnknownActor` for a name
the knowledge base does not know."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..merge import canonical, norm
from ..schema import Actor, ActorAlias
from .records import ActorRef


class UnknownActor(LookupError):
    """A filter named an actor that the knowledge base does not know (by name or alias)."""

    def __init__(self, name: str):
        super().__init__(f"no actor named {name!r} in the knowledge base")
        self.name = name


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
