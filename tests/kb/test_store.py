"""sitrep.kb.store on SQLite and PostgreSQL: migrations, idempotent adds, reanalysis, one transaction
per document, and readable errors for a database that cannot be opened."""
from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select, text

import sitrep.kb.merge
from sitrep.errors import SitrepError
from sitrep.kb.schema import (ActorLink, Base, Document, Event, EventReport, Quote, QuoteReport, Relation,
                              RelationReport)
from sitrep.kb.store import KnowledgeBase, content_hash

NL_STRIKE = ("BEIROET, 14 maart (ANP) - Bij een Israëlische luchtaanval op een wijk in het zuiden van Beiroet zijn "
             "dinsdag vijf doden gevallen, meldt het Libanese ministerie van Volksgezondheid. Hezbollah zwoer wraak. "
             "De Verenigde Staten riepen beide partijen op tot terughoudendheid.")
NL_STRIKE_UPDATED = NL_STRIKE.replace("vijf doden", "zes doden")  # the same article, corrected later
EN_STRIKE = ("BEIRUT, March 14 (Wire) - An Israeli air strike on a district in southern Beirut killed eight people on "
             "Tuesday, Lebanon's health ministry said. Hisbollah vowed revenge. The United States urged both sides to "
             "show restraint.")
EN_STRIKE_QUOTE = ("BEIRUT, March 14 (Agency) - An Israeli air strike on a district in southern Beirut killed six people "
                   "on Tuesday, Lebanese officials said. \"We will not let this crime go unanswered and the enemy will pay "
                   "a heavy price,\" Hezbollah spokesman Karim Nassar said.")
NL_URL = "https://news.example.nl/2023/03/14/luchtaanval-beiroet"

# Every table a knowledge base holds (what the counts of "nothing of that document" are taken over).
TABLES = sorted(Base.metadata.tables)


def table_counts(kb) -> dict[str, int]:
    with kb.engine.connect() as conn:
        return {t: conn.execute(select(func.count()).select_from(Base.metadata.tables[t])).scalar_one() for t in TABLES}


@pytest.fixture
def nl(analysed):
    return analysed(NL_STRIKE, published="2023-03-14", language="nl", doc_id="nl-strike", url=NL_URL)


@pytest.fixture
def en(analysed):
    return analysed(EN_STRIKE, published="2023-03-14", language="en", doc_id="en-strike")


@pytest.fixture
def en_quote(analysed):
    return analysed(EN_STRIKE_QUOTE, published="2023-03-14", language="en", doc_id="en-strike-quote")


# ---------------------------------------------------------------- migrations
def test_migrations_create_every_table_of_the_schema(kb):
    insp = inspect(kb.engine)
    tables = set(insp.get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert tables - set(Base.metadata.tables) == {"alembic_version"}
    for name, table in Base.metadata.tables.items():
        assert {c["name"] for c in insp.get_columns(name)} == {c.name for c in table.columns}, name
        declared = {tuple(c.name for c in ix.columns) for ix in table.indexes}
        present = {tuple(ix["column_names"]) for ix in insp.get_indexes(name)}
        assert declared <= present, name
        assert {tuple(sorted(fk.column.table.name for fk in table.foreign_keys))} <= {
            tuple(sorted(fk["referred_table"] for fk in insp.get_foreign_keys(name)))}, name


def test_migrations_reach_head_and_run_twice_harmlessly(kb, kb_url):
    from alembic.script import ScriptDirectory

    from sitrep.kb.migrations import config

    head = ScriptDirectory.from_config(config()).get_current_head()
    with kb.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head]
    again = KnowledgeBase(kb_url)  # a second open migrates nothing and loses nothing
    try:
        assert again.counts() == kb.counts()
    finally:
        again.engine.dispose()


def test_an_empty_kb_counts_zero(kb):
    assert set(kb.counts().values()) == {0}


# ---------------------------------------------------------------- idempotent adds
def test_adding_the_same_text_again_is_skipped(kb, nl, analysed):
    first = kb.add(nl)
    assert first.status == "new"
    before = table_counts(kb)
    again = kb.add(nl)
    assert (again.status, again.document_id) == ("skipped", first.document_id)
    # other whitespace, another id and no URL: still the same content
    respaced = analysed(NL_STRIKE.replace(". ", ".\n\n  "), published="2023-03-14", language="nl", doc_id="copy")
    assert content_hash(respaced.text) == content_hash(nl.text)
    assert kb.add(respaced).status == "skipped"
    assert table_counts(kb) == before
    assert kb.seen(None, NL_STRIKE) and kb.seen(NL_URL, "whatever the text")


def test_adding_the_same_url_again_is_skipped(kb, nl, analysed):
    kb.add(nl)
    before = table_counts(kb)
    updated = analysed(NL_STRIKE_UPDATED, published="2023-03-14", language="nl", doc_id="nl-strike", url=NL_URL)
    assert kb.add(updated).status == "skipped"
    assert table_counts(kb) == before
    with kb.session() as s:
        assert s.scalar(select(Document.text)) == NL_STRIKE  # the stored version is untouched


def test_reanalyse_replaces_reports_without_duplicating_events(kb, nl, en):
    kb.add(nl)
    kb.add(en)
    before = table_counts(kb)
    again = kb.add(nl, reanalyse=True)
    assert again.status == "updated"
    assert table_counts(kb) == before
    with kb.session() as s:
        [event] = s.scalars(select(Event).where(Event.type == "ASSAULT")).all()
        assert (event.n_sources, event.fatalities_min, event.fatalities_max) == (2, 5, 8)


def test_reanalyse_of_a_corrected_article_updates_its_figures(kb, nl, en, analysed):
    kb.add(nl)
    kb.add(en)
    before = table_counts(kb)
    updated = analysed(NL_STRIKE_UPDATED, published="2023-03-14", language="nl", doc_id="nl-strike", url=NL_URL)
    stored = kb.add(updated, reanalyse=True)
    assert stored.status == "updated"
    assert table_counts(kb) == before
    with kb.session() as s:
        assert s.get(Document, stored.document_id).text == NL_STRIKE_UPDATED
        [event] = s.scalars(select(Event).where(Event.type == "ASSAULT")).all()
        assert (event.n_sources, event.fatalities_min, event.fatalities_max) == (2, 6, 8)
        figures = s.scalars(select(EventReport.fatalities).where(EventReport.event_id == event.id)
                            .order_by(EventReport.fatalities)).all()
        assert figures == [6, 8]


def test_reanalyse_of_a_corrected_article_updates_its_content_hash(kb, nl, analysed):
    kb.add(nl)
    updated = analysed(NL_STRIKE_UPDATED, published="2023-03-14", language="nl", doc_id="nl-strike", url=NL_URL)
    stored = kb.add(updated, reanalyse=True)
    with kb.session() as s:
        assert s.get(Document, stored.document_id).content_hash == content_hash(NL_STRIKE_UPDATED)
    assert kb.seen(None, NL_STRIKE_UPDATED) and not kb.seen(None, NL_STRIKE)


def test_reanalyse_of_the_only_source_keeps_one_event(kb, nl):
    kb.add(nl)
    before = table_counts(kb)
    kb.add(nl, reanalyse=True)
    kb.add(nl, reanalyse=True)
    assert table_counts(kb) == before
    with kb.session() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == len(nl.events)


# ---------------------------------------------------------------- one transaction per document
def test_a_failure_inside_add_stores_nothing_of_that_document(kb, en, en_quote, monkeypatch):
    kb.add(en)
    before = table_counts(kb)
    with kb.session() as s:
        [event] = s.scalars(select(Event).where(Event.type == "ASSAULT")).all()
        event_before = (event.id, event.n_sources, event.fatalities_min, event.fatalities_max)
    assert event_before[1:] == (1, 8, 8)

    def boom(*args, **kwargs):  # actors, links, the event report and its merge are done by now
        raise RuntimeError("simulated crash in the middle of kb.add")

    monkeypatch.setattr(sitrep.kb.merge, "find_quote", boom)
    with pytest.raises(RuntimeError, match="simulated crash"):
        kb.add(en_quote)
    assert table_counts(kb) == before
    assert not kb.seen(None, EN_STRIKE_QUOTE)
    with kb.session() as s:
        event = s.get(Event, event_before[0])
        assert (event.id, event.n_sources, event.fatalities_min, event.fatalities_max) == event_before
        assert s.scalar(select(func.count()).select_from(Document)) == 1
        assert s.scalar(select(Document.doc_key)) == "en-strike"

    monkeypatch.undo()  # the same document goes in whole once the failure is gone
    stored = kb.add(en_quote)
    assert (stored.status, stored.events_merged) == ("new", 1)
    with kb.session() as s:
        event = s.get(Event, event_before[0])
        assert (event.n_sources, event.fatalities_min, event.fatalities_max) == (2, 6, 8)
        assert s.scalar(select(func.count()).select_from(Quote)) == 1
        assert s.scalar(select(func.count()).select_from(QuoteReport)) == 1


def test_a_failure_leaves_earlier_documents_and_their_rows_intact(kb, nl, en, en_quote, monkeypatch):
    kb.add(nl)
    kb.add(en)
    with kb.session() as s:
        keep = {t.__tablename__: sorted(s.scalars(select(t.id)).all())
                for t in (Document, ActorLink, Event, EventReport, Relation, RelationReport)}
    monkeypatch.setattr(sitrep.kb.merge, "find_quote", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        kb.add(en_quote)
    with kb.session() as s:
        assert keep == {t.__tablename__: sorted(s.scalars(select(t.id)).all())
                        for t in (Document, ActorLink, Event, EventReport, Relation, RelationReport)}


# ---------------------------------------------------------------- a database that cannot be opened
@pytest.mark.parametrize("url, shown", [
    ("postgresql://sitrep:secret@127.0.0.1:1/test", "postgresql+psycopg://sitrep:***@127.0.0.1:1/test"),
], ids=["postgresql-refused"])
def test_an_unreachable_server_is_error_e020(url, shown):
    with pytest.raises(SitrepError) as info:
        KnowledgeBase(url)
    err = info.value
    assert err.code == "E020"
    assert str(err).startswith("[E020] cannot open the database ")
    assert shown in err.message and "secret" not in str(err)
    assert "refused" in err.message.lower()
    assert "\n" not in str(err) and "Traceback" not in str(err)


def test_a_missing_postgresql_database_is_error_e020(pg_server):
    from sqlalchemy.engine import make_url

    url = make_url(pg_server).set(database="sitrep_no_such_database").render_as_string(hide_password=False)
    with pytest.raises(SitrepError) as info:
        KnowledgeBase(url)
    assert info.value.code == "E020"
    assert 'database "sitrep_no_such_database" does not exist' in info.value.message


def test_a_folder_given_as_sqlite_database_is_error_e020(tmp_path):
    with pytest.raises(SitrepError) as info:
        KnowledgeBase(str(tmp_path))
    assert info.value.code == "E020"
    assert f"sqlite:///{tmp_path}" in info.value.message and "unable to open database file" in info.value.message


@pytest.mark.parametrize("case", ["parent-is-a-file", "not-a-database"])
def test_an_unusable_sqlite_path_is_error_e020(tmp_path, case):
    blocker = tmp_path / "file.txt"
    blocker.write_text("this is a text file, not a SQLite database; " * 20, encoding="utf-8")
    path = blocker / "kb.db" if case == "parent-is-a-file" else blocker
    with pytest.raises(SitrepError) as info:
        KnowledgeBase(str(path))
    assert info.value.code == "E020"
    assert str(info.value).startswith("[E020] cannot open the database ") and "file.txt" in info.value.message
    assert "\n" not in str(info.value)


def test_a_malformed_url_is_error_e020_without_the_password():
    with pytest.raises(SitrepError) as info:
        KnowledgeBase("postgresql://sitrep:secret@127.0.0.1:notaport/test")
    assert info.value.code == "E020"
    assert "secret" not in str(info.value)
