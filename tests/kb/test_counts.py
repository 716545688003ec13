"""sitrep.kb.counts: the stored documents per actor and per relation and the newest report per quote equal
the straightforward computation over the reports, after adds, a re-analysis that changes a date and
drops reports, and after migration 0003 fills them in a database that had none (SQLite and PostgreSQL)."""
from __future__ import annotations

from sqlalchemy import distinct, func, select, text

from sitrep.kb import tables as T
from sitrep.kb.schema import Actor, ActorLink, Document, Quote, QuoteReport, Relation, RelationReport
from sitrep.kb.store import KnowledgeBase

# news_kb's English strike (tests/kb/conftest.py NEWS_DOCS), re-analysed below under its own URL
EN_KEY, EN_URL, EN_SOURCE = "en-strike", "https://reuters.example/en-strike", "Reuters"
EN_TEXT = ("A US air strike killed eight Kataib Hezbollah fighters in Baghdad on Tuesday, the group said. "
           "Kataib Hezbollah, an Iran-backed militia, vowed revenge. \"We will respond to this aggression,\" "
           "said Jafar al-Husseini, a spokesman for Kataib Hezbollah.")


def straightforward(kb: KnowledgeBase) -> dict[str, dict[int, object]]:
    """What the table pages grouped on every page before the counts were stored."""
    with kb.session() as s:
        links = dict(s.execute(select(ActorLink.actor_id, func.count(distinct(ActorLink.document_id)))
                               .group_by(ActorLink.actor_id)).all())
        reports = dict(s.execute(select(RelationReport.relation_id, func.count(distinct(RelationReport.document_id)))
                                 .group_by(RelationReport.relation_id)).all())
        latest = dict(s.execute(select(QuoteReport.quote_id, func.max(Document.published))
                                .join(Document, Document.id == QuoteReport.document_id)
                                .group_by(QuoteReport.quote_id)).all())
        return {"actors": {i: links.get(i, 0) for i in s.scalars(select(Actor.id))},
                "relations": {i: reports.get(i, 0) for i in s.scalars(select(Relation.id))},
                "quotes": {i: latest.get(i) for i in s.scalars(select(Quote.id))}}


def stored(kb: KnowledgeBase) -> dict[str, dict[int, object]]:
    with kb.session() as s:
        return {"actors": dict(s.execute(select(Actor.id, Actor.n_documents)).all()),
                "relations": dict(s.execute(select(Relation.id, Relation.n_documents)).all()),
                "quotes": dict(s.execute(select(Quote.id, Quote.latest_published)).all())}


def test_stored_counts_equal_the_reports_after_adds(news_kb):
    want = straightforward(news_kb)
    assert stored(news_kb) == want
    assert max(want["actors"].values()) >= 2  # Kataib Hezbollah: named by both strike reports
    assert any(want["relations"].values()) and all(want["quotes"].values())


def test_stored_counts_follow_a_reanalysis(news_kb, analysed):
    key, url, source, body = EN_KEY, EN_URL, EN_SOURCE, EN_TEXT
    # the same URL, re-analysed with a later date and without the quote and the militia's description
    shorter = body.split(" Kataib Hezbollah, an Iran-backed")[0]
    news_kb.add(analysed(shorter, published="2024-02-01", doc_id=key, url=url, source=source), reanalyse=True)
    assert stored(news_kb) == straightforward(news_kb)
    news_kb.add(analysed(body, published="2024-02-09", doc_id=key, url=url, source=source), reanalyse=True)
    after = straightforward(news_kb)
    assert stored(news_kb) == after
    assert "2024-02-09" in after["quotes"].values()


def test_migration_0003_fills_the_counts_of_an_existing_database(news_kb, kb_url):
    from alembic import command

    from sitrep.kb.migrations import config

    want = straightforward(news_kb)
    with news_kb.engine.begin() as conn:
        command.downgrade(config(conn), "0002")
    with news_kb.engine.begin() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0002"
    news_kb.engine.dispose()
    again = KnowledgeBase(kb_url)  # opening migrates to head: 0003 adds and fills the columns
    try:
        assert stored(again) == want
    finally:
        again.engine.dispose()


def test_table_pages_order_and_count_as_the_reports_say(news_kb):
    """The actors, quotes and relations tables sort by the stored values exactly as by the reports."""
    want = straightforward(news_kb)
    with news_kb.session() as s:
        live = {i for i in want["actors"] if s.get(Actor, i).merged_into_id is None}
        actors = T.page(s, "actors", T.Filters(), limit=500)
        assert actors.total == len(live)
        assert [r["id"] for r in actors.rows] == sorted(live, key=lambda i: (want["actors"][i], i), reverse=True)
        assert all(r["documents"] == want["actors"][r["id"]] for r in actors.rows)
        quotes = T.page(s, "quotes", T.Filters(), limit=500)
        assert [r["id"] for r in quotes.rows] == sorted(want["quotes"], key=lambda i: (want["quotes"][i] or "", i),
                                                        reverse=True)
        relations = T.page(s, "relations", T.Filters(sort="-sources"), limit=500)
        reported = {i: n for i, n in want["relations"].items() if n}
        assert relations.total == len(reported)
        assert [r["id"] for r in relations.rows] == sorted(reported, key=lambda i: (reported[i], i), reverse=True)
        assert all(r["sources"] == reported[r["id"]] for r in relations.rows)
