"""``/api/search``: actors and quotes matching words."""
from __future__ import annotations

from typing import Annotated

from fastapi import Query

from ...kb import query as Q
from ...kb.merge import norm
from .actor_models import QuoteOut, SearchOut
from .models import ERRORS, ActorSummary
from .plumbing import SessionDep, router
from .routes_actors import _actor_search


@router.get("/search", response_model=SearchOut, tags=["search"], summary="Actors and quotes matching words",
            responses=ERRORS)
def search(session: SessionDep, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> SearchOut:
    rows = session.execute(_actor_search(q).limit(limit))
    actors = [ActorSummary(id=a.id, name=a.name, kind=a.kind, country=a.country, wikidata=a.wikidata, documents=int(n))
              for a, n in rows]
    quotes = Q.quotes(session, contains=q, limit=limit) if norm(q) else []
    return SearchOut(q=q, actors=actors, quotes=[QuoteOut.model_validate(x.to_dict()) for x in quotes])
