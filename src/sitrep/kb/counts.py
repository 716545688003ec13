"""Stored aggregates of the reports: documents per actor and per relation, newest report per quote.

The table pages sort and filter on these; computed on every page they meant grouping every actor
link, relation report and quote report of the knowledge base (seconds on 10,000 documents).  They
are recomputed from the reports, for just the rows a write touched, inside the write's transaction
(:meth:`sitrep.kb.store.KnowledgeBase.add` and the forgetting of a re-analysed document), so they
always equal the straightforward computation.  Migration 0003 fills them in existing databases.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import distinct, func, select, update
from sqlalchemy.orm import Session

from .schema import Actor, ActorLink, Document, Quote, QuoteReport, Relation, RelationReport

# Rows per UPDATE (a document touches tens; bounded so that IN lists stay small on both databases).
CHUNK = 500


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    items = sorted(set(ids))
    for k in range(0, len(items), CHUNK):
        yield items[k:k + CHUNK]


def refresh(session: Session, actors: Iterable[int] = (), quotes: Iterable[int] = (),
            relations: Iterable[int] = ()) -> None:
    """Recompute the stored aggregates of these actors, quotes and relations from their reports."""
    session.flush()
    n_actor = (select(func.count(distinct(ActorLink.document_id))).where(ActorLink.actor_id == Actor.id)
               .scalar_subquery())
    n_relation = (select(func.count(distinct(RelationReport.document_id)))
                  .where(RelationReport.relation_id == Relation.id).scalar_subquery())
    latest = (select(func.max(Document.published)).join(QuoteReport, QuoteReport.document_id == Document.id)
              .where(QuoteReport.quote_id == Quote.id).scalar_subquery())
    plan = ((Actor, actors, {"n_documents": n_actor}), (Relation, relations, {"n_documents": n_relation}),
            (Quote, quotes, {"latest_published": latest}))
    for model, ids, values in plan:
        for chunk in _chunks(ids):
            session.execute(update(model).where(model.id.in_(chunk)).values(**values)
                            .execution_options(synchronize_session=False))


__all__ = ["refresh"]
