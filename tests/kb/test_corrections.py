"""Analysts' corrections over the knowledge base of NEWS_DOCS (a US strike in Baghdad told by NOS and
Reuters, a protest in Paris with arrests): each is its own row, the extracted reports stay as they
were, queries and exports read the corrected values, and a correction survives ``--reanalyse``."""
from __future__ import annotations

import csv
import io
import json

import pytest

from sitrep.cli import main
from sitrep.kb import corrections as C
from sitrep.kb import export, query
from sitrep.kb.schema import Actor, Correction, Document, EventReport
from sitrep.kb.store import KnowledgeBase


@pytest.fixture
def kb(news_kb: KnowledgeBase) -> KnowledgeBase:
    return news_kb


def _event(s, type_: str) -> query.EventRecord:
    (e,) = [e for e in query.events(s) if e.type == type_]
    return e


def _stored(kb: KnowledgeBase, key: str) -> Document:
    with kb.session() as s:
        return s.query(Document).filter_by(doc_key=key).one()


def _reanalyse(kb: KnowledgeBase, analysed, key: str) -> None:
    """Analyse a stored document again as `sitrep ingest --reanalyse` does, and store it."""
    d = _stored(kb, key)
    assert kb.add(analysed(d.text, published=d.published, doc_id=d.doc_key, url=d.url, source=d.source),
                  reanalyse=True).status == "updated"


def test_corrections_reject_event_hides_it_and_undo_brings_it_back(kb):
    with kb.session() as s, s.begin():
        coerce = _event(s, "COERCE")
        c = C.reject_event(s, coerce.id, author="ann", note="not an arrest")
        cid = c.id
    with kb.session() as s:
        assert [e.type for e in query.events(s)] == ["PROTEST", "ASSAULT", "THREATEN"]  # "vowed revenge"
        assert query.events(s, type="COERCE") == []
        row = s.get(Correction, cid)
        assert (row.author, row.subject, row.action, row.before["type"], row.note) == \
            ("ann", "event", "reject", "COERCE", "not an arrest")
        assert s.query(EventReport).filter_by(event_id=coerce.id).count() == 1  # the report is still there
    with kb.session() as s, s.begin():
        C.undo(s, cid, author="bob")
    with kb.session() as s:
        assert [e.type for e in query.events(s)] == ["PROTEST", "ASSAULT", "COERCE", "THREATEN"]
        assert s.get(Correction, cid).undone_by == "bob"


def test_corrections_event_fields_are_read_and_filtered_on(kb):
    with kb.session() as s, s.begin():
        strike = _event(s, "ASSAULT")
        C.set_event_field(s, strike.id, "targets", ["Iran"], author="ann")
        C.set_event_field(s, strike.id, "fatalities", "6")
        C.set_event_field(s, strike.id, "date", "2024-01-01")
        C.set_event_field(s, strike.id, "place", "Basra")
    with kb.session() as s:
        e = _event(s, "ASSAULT")
        assert [t.name for t in e.targets] == ["Iran"]
        assert (e.fatalities, e.date, e.place, e.country) == ("6", "2024-01-01", "Basra", "IQ")
        assert set(e.corrected) == {"targets", "fatalities", "date", "place"}
        assert [x.type for x in query.events(s, target="Iran")] == ["ASSAULT"]
        assert query.events(s, target="Kataib Hezbollah") == []
        assert [x.type for x in query.events(s, until="2024-01-01")] == ["ASSAULT"]
        assert query.events(s, since="2024-01-02", type="ASSAULT") == []
        # the sources keep their own figures: five and eight
        assert sorted(src.fatalities for src in e.sources) == [5, 8]
        assert query.actor_profile(s, "Iran").events_as_target == {"ASSAULT": 1}
        assert query.actor_profile(s, "Kataib Hezbollah").events_as_target == {}
        edges = {(x["source_name"], x["target_name"], x["type"]) for x in query.network(s).edges}
        assert ("United States", "Iran", "ASSAULT") in edges
        assert ("United States", "Kataib Hezbollah", "ASSAULT") not in edges


def test_corrections_type_change_moves_the_event_between_type_filters(kb):
    with kb.session() as s, s.begin():
        C.set_event_field(s, _event(s, "COERCE").id, "type", "assault")
    with kb.session() as s:
        assert sorted(e.type for e in query.events(s, type="ASSAULT")) == ["ASSAULT", "ASSAULT"]
        assert query.events(s, type="COERCE") == []


@pytest.mark.parametrize("name, value, message", [
    ("type", "BOMBING", "unknown event type"),
    ("targets", ["Nobody At All"], "no actor named"),
    ("date", "yesterday", "is not a date"),
    ("fatalities", "-3", "must be a number"),
    ("place", "Atlantis Under The Sea", "not in the gazetteer"),
    ("mode", "drone", "cannot be corrected"),
])
def test_corrections_bad_values_are_refused(kb, name, value, message):
    with kb.session() as s, s.begin():
        with pytest.raises(C.CorrectionError, match=message):
            C.set_event_field(s, _event(s, "ASSAULT").id, name, value)
        assert s.query(Correction).count() == 0


def test_corrections_survive_reanalyse_under_a_new_event_id(kb, analysed):
    with kb.session() as s, s.begin():
        protest = _event(s, "PROTEST")
        C.set_event_field(s, protest.id, "fatalities", "1")
        coerce = _event(s, "COERCE")
        C.reject_event(s, coerce.id)
    _reanalyse(kb, analysed, "en-protest")  # its only source analysed again: the event is built anew
    with kb.session() as s:
        again = _event(s, "PROTEST")
        assert again.fatalities == "1" and "fatalities" in again.corrected
        assert [e.type for e in query.events(s)] == ["PROTEST", "ASSAULT", "THREATEN"]  # "vowed revenge"
        assert {r["status"] for r in C.listing(s)} == {"active"}
        assert {r["current_id"] for r in C.listing(s)} >= {again.id}


def test_corrections_of_a_replaced_text_are_unresolved_not_moved(kb, analysed):
    with kb.session() as s, s.begin():
        C.set_event_field(s, _event(s, "PROTEST").id, "fatalities", "1")
    d = _stored(kb, "en-protest")
    other = "Hundreds of farmers protested in Lyon on Monday against new rules."
    kb.add(analysed(other, published=d.published, doc_id=d.doc_key, url=d.url, source=d.source), reanalyse=True)
    with kb.session() as s:
        # the new text's protest may reuse the old row id; it must not inherit the correction
        lyon = _event(s, "PROTEST")
        assert lyon.place == "Lyon" and lyon.corrected == {} and lyon.fatalities == ""
        assert [r["status"] for r in C.listing(s)] == ["unresolved"]


def test_corrections_reject_quote(kb):
    with kb.session() as s, s.begin():
        (q,) = query.quotes(s, contains="aggression")
        before = [x.text for x in query.actor_profile(s, "Jaafar al-Husseini").quotes]
        assert q.text in before
        C.reject_quote(s, q.id)
    with kb.session() as s:
        assert [x.text for x in query.quotes(s)] == ["Dit is een aanval op de soevereiniteit van Irak"]
        after = [x.text for x in query.actor_profile(s, "Jaafar al-Husseini").quotes]
        assert after == [t for t in before if t != q.text]


def test_corrections_merge_split_and_undo_actors(kb):
    with kb.session() as s, s.begin():
        iran = query.match_actors(s, "Iran").pop()
        kh = query.match_actors(s, "Kataib Hezbollah").pop()
        merge = C.merge_actors(s, iran, kh)
    with kb.session() as s:
        assert s.get(Actor, kh).merged_into_id == iran
        assert [t.name for t in _event(s, "ASSAULT").targets] == ["Iran"]
    with kb.session() as s, s.begin():
        split = C.split_actor(s, kh)
    with kb.session() as s:
        assert s.get(Actor, kh).merged_into_id is None
    with kb.session() as s, s.begin():
        C.undo(s, split.id)  # merged again
        assert s.get(Actor, kh).merged_into_id == iran
        C.undo(s, merge.id)
        assert s.get(Actor, kh).merged_into_id is None
        with pytest.raises(C.CorrectionError, match="not merged"):
            C.split_actor(s, kh)


def test_corrections_added_relation_in_profile_and_network(kb):
    with kb.session() as s, s.begin():
        C.add_relation(s, "Iran", "supports", "Jaafar al-Husseini", note="said in a later interview")
        with pytest.raises(C.CorrectionError, match="unknown relation type"):
            C.add_relation(s, "Iran", "funds", "Jaafar al-Husseini")
    with kb.session() as s:
        p = query.actor_profile(s, "Iran")
        added = [r for r in p.relations_out if r.other.name == "Jaafar al-Husseini"]
        assert [(r.type, r.correction is not None) for r in added] == [("supports", True)]
        assert ("Iran", "Jaafar al-Husseini", "supports") in \
            {(e["source_name"], e["target_name"], e["type"]) for e in query.network(s).edges}


def test_corrections_exports_use_corrected_values(kb):
    with kb.session() as s, s.begin():
        C.set_event_field(s, _event(s, "ASSAULT").id, "fatalities", "6")
        C.reject_event(s, _event(s, "COERCE").id)
    with kb.session() as s:
        buf = io.StringIO()
        assert export.write_plover(s, buf) == 3  # the strike, the protest and the threat of revenge
        strike = next(r for r in map(json.loads, buf.getvalue().splitlines()) if r["event_type"] == "ASSAULT")
        assert (strike["fatalities"], strike["fatalities_max"], strike["corrected"]) == (6, 6, ["fatalities"])
        buf = io.StringIO()
        export.write_acled(s, buf)
        rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
        (row,) = [r for r in rows if r["event_type"] != "Protests"]
        assert row["fatalities"] == "6" and "Corrected by an analyst: fatalities." in row["notes"]


def test_corrections_command_csv(kb, capsys):
    with kb.session() as s, s.begin():
        C.set_event_field(s, _event(s, "ASSAULT").id, "type", "COERCE", author="ann")
        C.undo(s, C.reject_event(s, _event(s, "PROTEST").id).id)
    path = kb.url.removeprefix("sqlite:///")
    if kb.url.startswith("postgresql"):
        path = kb.url
    assert main(["corrections", "--db", path, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["action"], r["field"], r["status"]) for r in rows] == [("set", "type", "active"),
                                                                      ("reject", "", "undone")]
    assert rows[0]["author"] == "ann" and json.loads(rows[0]["before"]) == "ASSAULT"
    assert json.loads(rows[0]["after"]) == "COERCE"
    assert main(["corrections", "--db", path, "--active", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
