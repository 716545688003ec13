"""Exports of a small knowledge base (a US air strike in Baghdad told by two sources, a Paris protest
with arrests): ACLED CSV, PLOVER JSON Lines, GraphML, GEXF and Parquet, through the library and the CLI."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from sqlalchemy import func, select

from sitrep.cli import main
from sitrep.kb import export
from sitrep.kb.query import ActorRef, EventRecord
from sitrep.kb.schema import Base
from sitrep.kb.store import KnowledgeBase


@pytest.fixture
def kb(news_kb: KnowledgeBase) -> KnowledgeBase:
    """The shared knowledge base of NEWS_DOCS (tests/kb/conftest.py)."""
    return news_kb


def _acled(kb: KnowledgeBase, **filters) -> tuple[list[str], list[dict[str, str]]]:
    buf = io.StringIO()
    with kb.session() as s:
        export.write_acled(s, buf, **filters)
    reader = csv.DictReader(io.StringIO(buf.getvalue()))
    return list(reader.fieldnames or []), list(reader)


# ---------------------------------------------------------------- ACLED
def test_export_acled_rows(kb):
    header, rows = _acled(kb)
    assert header == export.ACLED_COLUMNS
    assert header[:3] == ["event_id_cnty", "event_date", "year"] and header[-1] == "timestamp"
    by_type = {r["event_type"]: r for r in rows}
    assert set(by_type) == {"Explosions/Remote violence", "Protests", "Strategic developments"}
    strike = by_type["Explosions/Remote violence"]
    assert strike["event_id_cnty"].startswith("IRQ")
    assert (strike["event_date"], strike["year"], strike["time_precision"]) == ("2024-01-02", "2024", "1")
    assert (strike["sub_event_type"], strike["disorder_type"]) == ("Air/drone strike", "Political violence")
    assert (strike["actor1"], strike["actor2"]) == ("United States", "Kataib Hezbollah")
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("8", "3", "38")  # foreign state, militia
    assert (strike["iso"], strike["country"], strike["location"]) == ("368", "Iraq", "Baghdad")
    assert float(strike["latitude"]) == pytest.approx(33.34, abs=0.01)
    assert strike["fatalities"] == "5" and "5-8" in strike["notes"]
    assert "NOS: 5" in strike["notes"] and "Reuters: 8" in strike["notes"]
    assert strike["source"] == "NOS; Reuters"
    assert strike["timestamp"].isdigit()
    protest = by_type["Protests"]
    assert (protest["sub_event_type"], protest["inter1"], protest["interaction"]) == ("Peaceful protest", "6", "60")
    assert (protest["country"], protest["fatalities"]) == ("France", "0")
    arrest = by_type["Strategic developments"]
    assert arrest["sub_event_type"] == "Arrests"
    # no date in the text: the first report's publication date, precision 3, and the notes say so
    assert (arrest["event_date"], arrest["time_precision"]) == ("2024-01-06", "3")
    assert "publication date" in arrest["notes"]


def test_export_acled_filters(kb):
    _, rows = _acled(kb, type="ASSAULT")
    assert [r["event_type"] for r in rows] == ["Explosions/Remote violence"]
    _, rows = _acled(kb, country="FR")
    assert [r["event_type"] for r in rows] == ["Protests"]


def test_export_acled_types_without_counterpart_are_left_out_or_noted(kb, kb_url, tmp_path: Path):
    # "vowed revenge" is a THREATEN: ACLED has no event type for it, and it is not forced into one
    _, rows = _acled(kb)
    assert all(r["event_type"] for r in rows) and len(rows) == 3
    _, rows = _acled(kb, all_types=True)
    (threat,) = [r for r in rows if not r["event_type"]]
    assert (threat["sub_event_type"], threat["disorder_type"], threat["actor1"]) == ("", "", "Kataib Hezbollah")
    assert threat["notes"].startswith("PLOVER THREATEN (force): no ACLED event type.") and "vowed revenge" in threat["notes"]
    out = tmp_path / "all.csv"
    assert main(["export", "--format", "acled", "--all-types", "--db", kb_url, "-o", str(out), "--type", "THREATEN"]) == 0
    assert [r["notes"][:24] for r in csv.DictReader(out.open(encoding="utf-8"))] == ["PLOVER THREATEN (force):"]


def _event(type_: str, mode: str | None, targets: list[ActorRef] | None = None) -> EventRecord:
    return EventRecord(id=1, type=type_, mode=mode, status="reported", date_start="2024-01-02",
                       date_end="2024-01-02", place=None, country="IQ", lat=None, lon=None, fatalities_min=None,
                       fatalities_max=None, injuries_min=None, injuries_max=None, n_sources=1,
                       actors=[ActorRef(1, "Islamic State", "armed_group", "IQ")], targets=targets or [])


ARMY = ActorRef(2, "Iraq", "state", "IQ")
CIVILIANS = ActorRef(3, "civilians", "other", None)


@pytest.mark.parametrize("type_, mode, targets, expected", [
    ("ASSAULT", "aerial", [ARMY], ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", "missile", [ARMY], ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("ASSAULT", "explode", [CIVILIANS], ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("ASSAULT", "firearms", [ARMY], ("Battles", "Armed clash")),
    ("ASSAULT", "ground", [ARMY], ("Battles", "Armed clash")),
    ("ASSAULT", "kill", [CIVILIANS], ("Violence against civilians", "Attack")),
    ("ASSAULT", None, [ActorRef(4, "protesters", "other", None)], ("Violence against civilians", "Attack")),
    ("PROTEST", "demo", [], ("Protests", "Peaceful protest")),
    ("PROTEST", "riot", [], ("Riots", "Violent demonstration")),
    ("COERCE", "arrest", [], ("Strategic developments", "Arrests")),
    ("COERCE", "ban", [], ("Strategic developments", "Other")),
    ("MOBILIZE", "troops", [], ("Strategic developments", "Change to group/activity")),
    ("AGREE", None, [], ("Strategic developments", "Agreement")),
    ("AGREE", "ceasefire", [], ("Strategic developments", "Agreement")),
    ("RETREAT", "withdraw", [], ("Strategic developments", "Non-violent transfer of territory")),
    ("CONSULT", None, [], None),
    *[(t, None, [ARMY], None) for t in ("SUPPORT", "CONCEDE", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT",
                                        "THREATEN", "SANCTION")],
])
def test_export_acled_type_mapping(type_, mode, targets, expected):
    assert export.acled_type(_event(type_, mode, targets)) == expected


def test_export_acled_civilian_targeting():
    row = export.acled_row(_event("ASSAULT", "explode", [CIVILIANS]))
    assert row is not None and row["civilian_targeting"] == "Civilian targeting" and row["inter2"] == 7
    assert export.acled_row(_event("CONSULT", None)) is None


# ---------------------------------------------------------------- PLOVER
def test_export_plover_jsonl(kb):
    buf = io.StringIO()
    with kb.session() as s:
        assert export.write_plover(s, buf) == 4  # with the THREATEN of "vowed revenge"
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    strike = next(r for r in records if r["event_type"] == "ASSAULT")
    assert (strike["event_mode"], strike["event_date"], strike["country"]) == ("aerial", "2024-01-02", "IRQ")
    assert strike["actor"] == ["United States"] and "Kataib Hezbollah" in strike["recipient"]
    assert (strike["location"], strike["fatalities"], strike["fatalities_max"]) == ("Baghdad", 5, 8)
    assert strike["lat"] == pytest.approx(33.34, abs=0.01)
    assert {(x["source"], x["fatalities"]) for x in strike["sources"]} == {("NOS", 5), ("Reuters", 8)}
    assert all(x["evidence"] for x in strike["sources"])
    assert strike["event_id"].startswith("sitrep-")


# ---------------------------------------------------------------- GraphML / GEXF
def _check_graph(g: nx.Graph, type_key: str) -> None:
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    by_name = {v: k for k, v in labels.items()}
    assert {"United States", "Kataib Hezbollah", "Iran", "Jaafar al-Husseini", "police",
            "protesters"} <= set(by_name)
    assert g.nodes[by_name["Kataib Hezbollah"]]["kind"] == "armed_group"
    assert g.nodes[by_name["Kataib Hezbollah"]]["country"] == "IQ"
    assert int(g.nodes[by_name["Kataib Hezbollah"]]["activity"]) == 5  # with its THREATEN
    edges = {(labels[u], labels[v], d[type_key], d["kind"]): float(d["weight"]) for u, v, d in g.edges(data=True)}
    assert edges[("United States", "Kataib Hezbollah", "ASSAULT", "event")] == 1
    assert edges[("Jaafar al-Husseini", "Kataib Hezbollah", "spokesperson_of", "relation")] == 2
    assert edges[("Iran", "Kataib Hezbollah", "supports", "relation")] == 1
    assert edges[("police", "protesters", "COERCE", "event")] == 1
    assert edges[("protesters", "France", "PROTEST", "event")] == 1  # a protest in Paris is against France
    assert g.is_directed()


def test_export_graphml_reads_back(kb, tmp_path: Path):
    path = tmp_path / "net.graphml"
    with kb.session() as s:
        n_nodes, n_edges = export.write_graphml(s, path)
    g = nx.read_graphml(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == (n_nodes, n_edges) == (7, 5)
    _check_graph(g, "type")


def test_export_gexf_reads_back(kb, tmp_path: Path):
    path = tmp_path / "net.gexf"
    with kb.session() as s:
        n_nodes, n_edges = export.write_gexf(s, path)
    g = nx.read_gexf(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == (n_nodes, n_edges) == (7, 5)
    _check_graph(g, "edge_type")


# ---------------------------------------------------------------- Parquet
def test_export_parquet_every_table(kb, tmp_path: Path):
    with kb.session() as s:
        counts = export.write_parquet(s, tmp_path / "pq")
        expected = {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}
    assert counts == expected
    for name in ("documents", "actors", "events", "event_reports", "participants", "quotes", "quote_reports",
                 "relations", "relation_reports"):
        table = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert table.num_rows == expected[name], name
    assert (expected["documents"], expected["events"], expected["event_reports"]) == (3, 4, 5)
    assert (expected["quotes"], expected["relations"], expected["relation_reports"]) == (2, 2, 3)
    docs = pq.read_table(tmp_path / "pq" / "documents.parquet").to_pylist()
    assert {d["doc_key"] for d in docs} == {"nl-strike", "en-strike", "en-protest"}
    assert json.loads(docs[0]["analysis"])["schema"] == "sitrep/1"  # JSON columns as JSON text
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    strike = next(e for e in events if e["type"] == "ASSAULT")
    assert (strike["fatalities_min"], strike["fatalities_max"], str(strike["date_start"])) == (5, 8, "2024-01-02")


# ---------------------------------------------------------------- command line
def test_cli_export_formats(kb, kb_url, tmp_path: Path, capsys):
    out = tmp_path / "acled.csv"
    assert main(["export", "--format", "acled", "--db", kb_url, "--output", str(out), "--type", "ASSAULT"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 1 and rows[0]["sub_event_type"] == "Air/drone strike"
    assert main(["export", "--format", "plover", "--db", kb_url, "--since", "2024-01-05"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(x)["event_type"] for x in lines] == ["PROTEST"]
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"net.{fmt}"
        assert main(["export", "--format", fmt, "--db", kb_url, "-o", str(path)]) == 0
        assert read(path).number_of_nodes() == 7
    assert main(["export", "--format", "parquet", "--db", kb_url, "-o", str(tmp_path / "pq")]) == 0
    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows == 4


def test_cli_export_usage_errors(kb, kb_url, capsys):
    assert main(["export", "--format", "parquet", "--db", kb_url]) == 2  # a folder is needed
    assert "--output" in capsys.readouterr().err
    assert main(["export", "--format", "acled", "--db", kb_url, "--actor", "Nobody At All"]) == 1
    with pytest.raises(SystemExit) as exc:
        main(["export", "--format", "xlsx", "--db", kb_url])
    assert exc.value.code == 2
