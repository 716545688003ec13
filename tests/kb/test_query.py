"""Queries over a small knowledge base: one US air strike in Baghdad told by a Dutch and an English
source (five and eight dead), and an unrelated protest in Paris with arrests."""
from __future__ import annotations

import json

import pytest

from sitrep.cli import main
from sitrep.kb import query
from sitrep.kb.merge import merge_actors
from sitrep.kb.store import KnowledgeBase

@pytest.fixture
def kb(news_kb: KnowledgeBase) -> KnowledgeBase:
    """The shared knowledge base of NEWS_DOCS (tests/kb/conftest.py)."""
    return news_kb


def _by_type(rows: list[query.EventRecord]) -> dict[str, query.EventRecord]:
    return {e.type: e for e in rows}


# ---------------------------------------------------------------- events
def test_query_events_merged_strike_has_both_sources(kb):
    with kb.session() as s:
        rows = query.events(s)
    assert [e.type for e in rows] == ["PROTEST", "ASSAULT", "COERCE", "THREATEN"]  # newest first, undated last
    strike = _by_type(rows)["ASSAULT"]
    assert (strike.mode, strike.date_start, strike.date_end) == ("aerial", "2024-01-02", "2024-01-02")
    assert (strike.place, strike.country, strike.n_sources) == ("Baghdad", "IQ", 2)
    assert strike.lat == pytest.approx(33.34, abs=0.01) and strike.lon == pytest.approx(44.40, abs=0.01)
    assert (strike.fatalities_min, strike.fatalities_max, strike.fatalities) == (5, 8, "5-8")
    assert [a.name for a in strike.actors] == ["United States"]
    assert "Kataib Hezbollah" in [t.name for t in strike.targets]
    by_source = {src.source: src for src in strike.sources}
    assert set(by_source) == {"NOS", "Reuters"}
    assert by_source["NOS"].fatalities == 5 and by_source["Reuters"].fatalities == 8
    assert by_source["NOS"].evidence.startswith("Een Amerikaanse luchtaanval doodde dinsdag vijf")
    assert by_source["Reuters"].doc_key == "en-strike"
    assert by_source["Reuters"].url == "https://reuters.example/en-strike"
    json.dumps(strike.to_dict())  # plain data all the way down
    assert strike.to_dict()["fatalities"] == {"min": 5, "max": 8}


def test_query_events_lists_at_most_max_sources_but_counts_all(kb):
    with kb.session() as s:
        strike = _by_type(query.events(s, max_sources=1))["ASSAULT"]
    assert strike.n_sources == 2 and len(strike.sources) == 1
    # the participants still come from every source
    assert [a.name for a in strike.actors] == ["United States"]
    assert (strike.fatalities_min, strike.fatalities_max) == (5, 8)


@pytest.mark.parametrize("filters, expected", [
    ({"actor": "United States"}, ["ASSAULT"]),
    ({"actor": "Amerika"}, ["ASSAULT"]),                      # a Dutch alias
    ({"target": "kata'ib HEZBOLLAH"}, ["ASSAULT"]),            # normalised
    ({"actor": "police"}, ["COERCE"]),
    ({"target": "protesters"}, ["COERCE"]),
    ({"type": "assault"}, ["ASSAULT"]),
    ({"type": "PROTEST,COERCE"}, ["PROTEST", "COERCE"]),
    ({"country": "IQ"}, ["ASSAULT"]),
    ({"country": "FRA"}, ["PROTEST"]),
    ({"since": "2024-01-05"}, ["PROTEST"]),                    # an undated event is left out
    ({"until": "2024-01-03"}, ["ASSAULT"]),
    ({"since": "2024-01"}, ["PROTEST", "ASSAULT"]),
    ({"since": "2023", "until": "2023"}, []),
    ({"actor": "United States", "type": "PROTEST"}, []),
])
def test_query_events_filters(kb, filters, expected):
    with kb.session() as s:
        assert [e.type for e in query.events(s, **filters)] == expected


def test_query_events_pages(kb):
    with kb.session() as s:
        assert [e.type for e in query.events(s, limit=2)] == ["PROTEST", "ASSAULT"]
        assert [e.type for e in query.events(s, limit=2, offset=2)] == ["COERCE", "THREATEN"]


def test_query_events_unknown_actor_raises(kb):
    with kb.session() as s, pytest.raises(query.UnknownActor):
        query.events(s, actor="Nobody At All")


def test_query_events_follow_merges(kb, analysed):
    # a third account of the strike that names its victims only as "militants"
    kb.add(analysed("Een Amerikaanse drone-aanval doodde dinsdag drie militanten in Bagdad.", published="2024-01-03",
                    doc_id="nl-militants", url="https://example.org/nl-militants"))
    with kb.session() as s, s.begin():
        militants = query.match_actors(s, "militants").pop()
        kh = query.match_actors(s, "Kataib Hezbollah").pop()
        merge_actors(s, kh, militants)
    with kb.session() as s:
        strikes = query.events(s, target="militants")  # the merged actor: both accounts' strikes
        assert len(strikes) == 2 and all([t.name for t in e.targets] == ["Kataib Hezbollah"] for e in strikes)
        profile = query.actor_profile(s, "militants")
        assert profile is not None and profile.name == "Kataib Hezbollah"
        assert [m.name for m in profile.merged] == ["militants"]


# ---------------------------------------------------------------- actor profile
def test_query_actor_profile(kb):
    with kb.session() as s:
        p = query.actor_profile(s, "Kataib Hezbollah")
    assert p is not None
    assert (p.name, p.kind, p.country) == ("Kataib Hezbollah", "armed_group", "IQ")
    assert "KH" in p.aliases
    assert p.events_as_target == {"ASSAULT": 1} and p.events_as_actor == {"THREATEN": 1}  # "vowed revenge"
    rel_in = {(r.type, r.other.name): r.n_sources for r in p.relations_in}
    assert rel_in == {("spokesperson_of", "Jaafar al-Husseini"): 2, ("supports", "Iran"): 1}
    assert p.relations_out == []
    assert {d["doc_key"] for d in p.sources} == {"nl-strike", "en-strike"}
    json.dumps(p.to_dict())


def test_query_actor_profile_of_speaker_has_quotes(kb):
    with kb.session() as s:
        p = query.actor_profile(s, "jafar al-husseini")
    assert p is not None and p.name == "Jaafar al-Husseini" and p.kind == "person"
    assert {q.text for q in p.quotes} == {"Dit is een aanval op de soevereiniteit van Irak",
                                          "We will respond to this aggression,"}
    assert [(r.type, r.other.name, r.n_sources) for r in p.relations_out] == \
        [("spokesperson_of", "Kataib Hezbollah", 2)]


def test_query_actor_profile_unknown_is_none(kb):
    with kb.session() as s:
        assert query.actor_profile(s, "Nobody At All") is None


# ---------------------------------------------------------------- quotes
def test_query_quotes(kb):
    with kb.session() as s:
        assert len(query.quotes(s)) == 2
        both = query.quotes(s, speaker="Jaafar al-Husseini")
        assert {q.sources[0]["source"] for q in both} == {"NOS", "Reuters"}
        (q,) = query.quotes(s, contains="Aggression")
        assert q.speaker is not None and q.speaker.name == "Jaafar al-Husseini"
        assert q.sources[0]["cue"] == "said" and q.published == "2024-01-03"
        assert [x.text for x in query.quotes(s, contains="soevereiniteit irak")] == \
            ["Dit is een aanval op de soevereiniteit van Irak"]
        assert query.quotes(s, contains="aggress") == []  # whole words
        with pytest.raises(query.UnknownActor):
            query.quotes(s, speaker="Nobody At All")


# ---------------------------------------------------------------- network
def _edges(net: query.Network) -> dict[tuple[str, str, str, str], int]:
    return {(e["source_name"], e["target_name"], e["kind"], e["type"]): e["weight"] for e in net.edges}


def test_query_network(kb):
    with kb.session() as s:
        net = query.network(s)
    edges = _edges(net)
    assert edges[("United States", "Kataib Hezbollah", "event", "ASSAULT")] == 1
    assert edges[("police", "protesters", "event", "COERCE")] == 1
    assert edges[("Jaafar al-Husseini", "Kataib Hezbollah", "relation", "spokesperson_of")] == 2
    assert edges[("Iran", "Kataib Hezbollah", "relation", "supports")] == 1
    nodes = {n["name"]: n for n in net.nodes}
    assert nodes["Kataib Hezbollah"]["events_as_target"] == 1
    assert nodes["Kataib Hezbollah"]["relations"] == 3
    assert nodes["United States"]["events_as_actor"] == 1
    assert nodes["Kataib Hezbollah"]["kind"] == "armed_group"


def test_query_network_since_and_ego(kb):
    with kb.session() as s:
        later = query.network(s, since="2024-01-05")
        assert sorted(n["name"] for n in later.nodes) == ["France", "protesters"]
        assert _edges(later) == {("protesters", "France", "event", "PROTEST"): 1}
        ego = query.network(s, actor="Iran")
        assert _edges(ego) == {("Iran", "Kataib Hezbollah", "relation", "supports"): 1}


# ---------------------------------------------------------------- command line
def test_cli_events_formats(kb, kb_url, capsys):
    assert main(["events", "--db", kb_url, "--format", "json", "--actor", "Amerika"]) == 0
    (strike,) = json.loads(capsys.readouterr().out)
    assert strike["type"] == "ASSAULT" and strike["n_sources"] == 2
    assert main(["events", "--db", kb_url, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id,date_start,date_end,type,mode") and len(lines) == 5
    assert main(["events", "--db", kb_url, "--type", "ASSAULT"]) == 0
    out = capsys.readouterr().out
    assert "Baghdad" in out and "5-8" in out and "United States" in out


def test_cli_events_type_filter_takes_all_sixteen_types(kb, kb_url, capsys):
    assert main(["events", "--db", kb_url, "--format", "json", "--type", "threaten"]) == 0  # any case
    (threat,) = json.loads(capsys.readouterr().out)
    assert threat["type"] == "THREATEN" and [a["name"] for a in threat["actors"]] == ["Kataib Hezbollah"]
    assert main(["events", "--db", kb_url, "--format", "json", "--type", "AGREE,CONSULT,SUPPORT"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    with pytest.raises(SystemExit) as exc:
        main(["events", "--db", kb_url, "--type", "FIGHT"])  # PLOVER 0.5's name, not a type of today's
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "unknown event type 'FIGHT'" in err and "AGREE" in err and "REJECT" in err


def test_cli_actor_quotes_network(kb, kb_url, capsys):
    assert main(["actor", "KH", "--db", kb_url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "Kataib Hezbollah"
    assert main(["actor", "Kataib Hezbollah", "--db", kb_url]) == 0
    assert "spokesperson_of" in capsys.readouterr().out
    assert main(["actor", "KH", "--db", kb_url, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "section,key,value,count"
    assert main(["quotes", "--db", kb_url, "--contains", "aggression", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "id,published,speaker,speaker_text,text,sources" and len(lines) == 2
    assert main(["network", "--db", kb_url, "--format", "json"]) == 0
    assert {"nodes", "edges"} <= set(json.loads(capsys.readouterr().out))
    assert main(["network", "--db", kb_url, "--since", "2024-01-01"]) == 0
    assert "Kataib Hezbollah" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["actor", "Nobody At All"], ["events", "--actor", "Nobody At All"],
                                  ["quotes", "--speaker", "Nobody At All"], ["network", "--actor", "Nobody"]])
def test_cli_unknown_actor_exits_1(kb, kb_url, capsys, argv):
    assert main(argv + ["--db", kb_url]) == 1
    err = capsys.readouterr().err
    assert "Nobody" in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["events", "actor X", "quotes", "network", "export --format acled"])
def test_cli_database_that_cannot_be_opened_exits_69(tmp_path, capsys, command):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("this is not a database\n")
    for db in (str(tmp_path / "missing.db"), str(not_a_db), "postgresql://nobody@127.0.0.1:1/none"):
        assert main(command.split() + ["--db", db]) == 69
        err = capsys.readouterr().err
        assert "database" in err and "Traceback" not in err
    assert not (tmp_path / "missing.db").exists()  # a query never creates an empty knowledge base


@pytest.mark.parametrize("command", ["events", "actor", "quotes", "network", "export"])
def test_cli_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "--db" in capsys.readouterr().out
