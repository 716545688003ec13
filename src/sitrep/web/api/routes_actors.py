"""Actors: ``/api/actors`` (the most often named first) and ``/api/actors/{id}`` (a profile)."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Path, Query
from sqlalchemy import or_, select

from ...kb import query as Q
from ...kb.merge import norm
from ...kb.schema import Actor, ActorAlias
from ...model import ACTOR_KINDS
from ..security import ApiError
from .actor_models import ActorProfileOut
from .models import ERRORS, NOT_FOUND, ActorSummary, Page
from .plumbing import Limit, Offset, SessionDep, _count, _like, router


@router.get("/actors", response_model=Page[ActorSummary], tags=["actors"],
            summary="Actors (after merges), the most often named first", responses=ERRORS)
def list_actors(session: SessionDep, limit: Limit = 50, offset: Offset = 0,
                q: Annotated[str | None, Query(max_length=200, description="part of a name or alias")] = None,
                kind: Annotated[Literal[ACTOR_KINDS] | None, Query(description="actor kind")] = None,  # type: ignore[valid-type]
                country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None) -> Page[ActorSummary]:
    stmt = _actor_search(q, kind, country)
    total = _count(session, stmt)
    rows = session.execute(stmt.limit(limit).offset(offset))
    items = [ActorSummary(id=a.id, name=a.name, kind=a.kind, country=a.country, wikidata=a.wikidata, documents=int(n))
             for a, n in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


def _actor_search(q: str | None, kind: str | None = None, country: str | None = None):
    stmt = select(Actor, Actor.n_documents.label("n")).where(Actor.merged_into_id.is_(None))  # stored count
    if q:
        key = norm(q)
        if key:
            merged_alias = (select(Actor.merged_into_id).join(ActorAlias, ActorAlias.actor_id == Actor.id)
                            .where(ActorAlias.norm.contains(key, autoescape=True), Actor.merged_into_id.is_not(None)))
            stmt = stmt.where(or_(Actor.id.in_(select(ActorAlias.actor_id)
                                               .where(ActorAlias.norm.contains(key, autoescape=True))),
                                  Actor.name.ilike(f"%{_like(q.strip())}%", escape="\\"),
                                  Actor.id.in_(merged_alias)))
        else:
            stmt = stmt.where(Actor.name.ilike(f"%{_like(q.strip())}%", escape="\\"))
    if kind:
        stmt = stmt.where(Actor.kind == kind)
    if country:
        stmt = stmt.where(Actor.country == country.upper())
    return stmt.order_by(Actor.n_documents.desc(), Actor.name, Actor.id)


@router.get("/actors/{actor_id}", response_model=ActorProfileOut, tags=["actors"],
            summary="An actor's profile: aliases, relations, events, quotes, sources", responses=NOT_FOUND)
def get_actor(session: SessionDep, actor_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict[str, Any]:
    profile = Q.actor_profile_by_id(session, actor_id)
    if profile is None:
        raise ApiError(404, "not_found", f"no actor {actor_id}")
    return profile.to_dict()
