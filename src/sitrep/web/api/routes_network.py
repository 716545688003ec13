"""Stated relations (``/api/relations``) and the actor network (``/api/network``) with its edge kinds."""
from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any, Literal

from fastapi import Query
from sqlalchemy import func, or_, select

from ...kb import query as Q
from ...kb.schema import Relation, RelationReport
from ...model import RELATION_TYPES, event_edge_kind
from ..security import ApiError
from .actor_models import NetworkEdge, NetworkNode, NetworkOut, RelationEvidence, RelationOut
from .models import NOT_FOUND, Page
from .plumbing import (
    COOPERATIVE_RELATIONS,
    STRUCTURAL_RELATIONS,
    DateQ,
    Limit,
    Offset,
    SessionDep,
    _count,
    _ref,
    _types,
    _unknown,
    router,
)


# ---------------------------------------------------------------- relations
@router.get("/relations", response_model=Page[RelationOut], tags=["relations"],
            summary="Stated relations between actors (leader_of, supports, ...), the best attested first",
            responses=NOT_FOUND)
def list_relations(session: SessionDep, limit: Limit = 50, offset: Offset = 0,
                   actor: Annotated[str | None, Query(max_length=200, description="subject or object (name or alias)")] = None,
                   type: Annotated[Literal[RELATION_TYPES] | None, Query(description="relation type")] = None  # type: ignore[valid-type]
                   ) -> dict[str, Any]:
    n = Relation.n_documents  # stored (sitrep.kb.counts); a relation without reports is no row
    stmt = select(Relation, n.label("n")).where(n > 0)
    if actor:
        try:
            ids = Q._required(session, actor)
        except Q.UnknownActor as exc:
            raise _unknown(exc) from None
        stmt = stmt.where(or_(Relation.subject_id.in_(ids), Relation.object_id.in_(ids)))
    if type:
        stmt = stmt.where(Relation.type == type)
    total = _count(session, stmt)
    rows = list(session.execute(stmt.order_by(n.desc(), Relation.id).limit(limit).offset(offset)))
    evidence: dict[int, list[RelationEvidence]] = defaultdict(list)
    if rows:
        rank = (select(RelationReport.id.label("rid"), func.row_number().over(
            partition_by=RelationReport.relation_id, order_by=RelationReport.id).label("rn"))
            .where(RelationReport.relation_id.in_([r.id for r, _ in rows])).subquery())
        for rep in session.scalars(select(RelationReport).join(rank, rank.c.rid == RelationReport.id)
                                   .where(rank.c.rn <= 5).order_by(RelationReport.id)):
            if len(evidence[rep.relation_id]) < 5:
                evidence[rep.relation_id].append(RelationEvidence(document_id=rep.document_id, start=rep.evidence_start,
                                                                  end=rep.evidence_end, text=rep.evidence_text))
    helper = Q._Actors(session)
    items = [RelationOut(id=r.id, type=r.type, kind="cooperative" if r.type in COOPERATIVE_RELATIONS else "structural",
                         subject=_ref(helper.ref(r.subject_id)), object=_ref(helper.ref(r.object_id)), n_sources=int(k),
                         evidence=evidence[r.id]) for r, k in rows]
    return {"items": items, "total": total, "limit": limit, "offset": offset}


# ---------------------------------------------------------------- network
def edge_kind(basis: str, type_: str) -> str:
    """hostile, cooperative, verbal-cooperative, structural or other, for an edge's basis (event/relation) and type."""
    if basis == "event":
        return event_edge_kind(type_)
    if type_ in COOPERATIVE_RELATIONS:
        return "cooperative"
    return "structural" if type_ in STRUCTURAL_RELATIONS else "other"


@router.get("/network", response_model=NetworkOut, tags=["network"],
            summary="The actor network: nodes and typed, weighted edges", responses=NOT_FOUND)
def get_network(session: SessionDep, since: DateQ = None, until: DateQ = None,
                actor: Annotated[str | None, Query(max_length=200, description="only edges touching this actor")] = None,
                type: Annotated[str | None, Query(max_length=200, description="event type(s) for event edges")] = None,
                country: Annotated[str | None, Query(max_length=64, description="country of the events")] = None
                ) -> NetworkOut:
    try:
        net = Q.network(session, since=since, until=until, actor=actor, type=_types(type), country=country)
    except Q.UnknownActor as exc:
        raise _unknown(exc) from None
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    edges = [NetworkEdge(source=e["source"], target=e["target"], source_name=e["source_name"],
                         target_name=e["target_name"], kind=edge_kind(e["kind"], e["type"]),  # type: ignore[arg-type]
                         basis=e["kind"], type=e["type"], weight=e["weight"]) for e in net.edges]
    return NetworkOut(nodes=[NetworkNode(**n) for n in net.nodes], edges=edges)
