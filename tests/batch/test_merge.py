"""The batch merge: the knowledge base's rules (tests/kb/test_merge.py), inside blocks."""
from __future__ import annotations

from collections import defaultdict

from sitrep.batch.merge import (
    actor_key,
    event_key,
    merge_actor_block,
    merge_blocks,
    merge_event_block,
)


def _blocked(rows, key, merge_block):
    """Rows grouped by block key and merged per block, as both engines do; rows by table."""
    out = defaultdict(list)
    for table, row in merge_blocks(rows, key, merge_block):
        out[table].append(row)
    return out


def _actors(rows):
    return _blocked(rows, actor_key, merge_actor_block)


def _events(rows):
    return _blocked(rows, event_key, merge_event_block)


def actor(doc, aid, name, kind="armed_group", country=None, registry_id=None, aliases=()):
    return {"doc_id": doc, "id": aid, "name": name, "kind": kind, "country": country, "registry_id": registry_id,
            "aliases": list(aliases), "wikidata": None, "mentions": [{"start": 0, "end": 1, "text": "x"}]}


def report(doc, eid, date="2024-01-16", type_="ASSAULT", place=None, actors=(), targets=(), fatalities=None,
           published="2024-01-17", status="reported"):
    return {"doc_id": doc, "id": eid, "type": type_, "mode": None, "date": date, "date_precision": "day",
            "location": place, "fatalities": fatalities, "injuries": None, "status": status, "published": published,
            "actors": list(actors), "targets": list(targets)}


ERBIL = {"name": "Erbil", "country": "IQ", "geonameid": 95446, "kind": "city"}
IRAQ = {"name": "Iraq", "country": "IQ", "geonameid": 99237, "kind": "country"}
DAMASCUS = {"name": "Damascus", "country": "SY", "geonameid": 170654, "kind": "city"}


def test_batch_merge_actors_by_registry_id_across_languages():
    out = _actors([actor("nl1", "a1", "Verenigde Staten", "state", "US", "Q30"),
                   actor("en1", "a1", "United States", "state", "US", "Q30"),
                   actor("en2", "a3", "United States", "state", "US", "Q30")])
    (merged,) = out["actors"]
    assert merged["n_documents"] == 3 and merged["name"] == "United States"
    assert {"Verenigde Staten", "United States"} <= set(merged["aliases"])
    assert {link["actor_id"] for link in out["actor_links"]} == {merged["actor_id"]}


def test_batch_merge_actors_by_name_within_kind_and_country():
    out = _actors([actor("d1", "a1", "Kata'ib Hezbollah", country="IQ"),
                   actor("d2", "a1", "Kataib Hezbollah", country="IQ"),
                   actor("d3", "a2", "Kata’ib Hezbollah"),  # no country: joins the block's country
                   actor("d4", "a1", "Kataib Hezbollah", kind="party", country="IQ"),  # another kind
                   actor("d5", "a1", "Kataib Hezbollah", country="LB")])  # another country
    by_doc = {link["doc_id"]: link["actor_id"] for link in out["actor_links"]}
    assert by_doc["d1"] == by_doc["d2"] == by_doc["d3"]
    assert len({by_doc["d1"], by_doc["d4"], by_doc["d5"]}) == 3


def test_batch_merge_collectives_of_different_articles_stay_apart():
    out = _actors([actor("d1", "a1", "protesters", kind="other"), actor("d2", "a1", "protesters", kind="other")])
    assert len(out["actors"]) == 2


def test_batch_merge_two_sources_of_one_strike_are_one_event_with_a_range_of_figures():
    out = _events([report("nl1", "e1", place=ERBIL, actors=["US"], targets=["KH"], fatalities=5),
                   report("en1", "e2", place=IRAQ, actors=["US"], fatalities=8, published="2024-01-18")])
    (ev,) = out["events"]
    assert (ev["fatalities_min"], ev["fatalities_max"], ev["n_sources"]) == (5, 8, 2)
    assert ev["place"] == "Erbil" and ev["date_start"] == ev["date_end"] == "2024-01-16"
    assert ev["event_id"] == "nl1#e1"  # named after the first report published
    assert {(r["doc_id"], r["local_id"]) for r in out["event_reports"]} == {("nl1", "e1"), ("en1", "e2")}


def test_batch_merge_reciprocal_types_whatever_the_roles():
    # "Israel and Hamas agreed": an AGREE told with either side as the actor is one agreement; an ASSAULT is not
    rows = [report("a", "e1", type_="AGREE", actors=["IL"], targets=["HM"]),
            report("b", "e1", type_="AGREE", actors=["HM"], targets=["IL"])]
    assert len(_events(rows)["events"]) == 1
    rows = [dict(r, type="ASSAULT") for r in rows]
    assert len(_events(rows)["events"]) == 2


def test_batch_merge_keeps_apart_what_the_knowledge_base_keeps_apart():
    cases = [
        [report("a", "e1", place=ERBIL, actors=["US"]), report("b", "e1", place=DAMASCUS, actors=["US"])],  # places
        [report("a", "e1", place=ERBIL, actors=["US"]), report("b", "e1", place=ERBIL, actors=["IL"])],  # actors
        [report("a", "e1", actors=["US"]), report("b", "e1", actors=["US"], date="2024-01-19")],  # dates
        [report("a", "e1", actors=["US"], date="2024"), report("b", "e1", actors=["US"], date="2024")],  # vague
        [report("a", "e1", place=ERBIL, actors=["US"]), report("a", "e2", place=ERBIL, actors=["US"])],  # one doc
        [report("a", "e1", actors=["US"]), report("b", "e1", actors=["US"], type_="SANCTION")],  # types
        [report("a", "e1", place=ERBIL), report("b", "e1", place=ERBIL.copy() | {"geonameid": None})],  # nothing shared
    ]
    for rows in cases:
        assert len(_events(rows)["events"]) == 2, rows


def test_batch_merge_a_week_overlapping_a_day_merges_and_the_day_dates_the_event():
    week = report("a", "e1", actors=["US"], place=ERBIL) | {"date": "2024-01-15/2024-01-21", "date_precision": "week"}
    day = report("b", "e1", actors=["US"], place=ERBIL, published="2024-01-20")
    (ev,) = _events([week, day])["events"]
    assert ev["date_start"] == ev["date_end"] == "2024-01-16"


def test_batch_merge_a_report_joins_the_occurrence_it_fits_best():
    rows = [report("a", "e1", place=ERBIL, actors=["US"], targets=["KH"]),
            report("b", "e1", place=IRAQ, actors=["US"], targets=["NUJ"]),
            report("c", "e1", place=ERBIL, actors=["US"], targets=["KH"], published="2024-01-19")]
    out = _events(rows)
    assert len(out["events"]) == 2
    by_report = {r["doc_id"]: r["event_id"] for r in out["event_reports"]}
    assert by_report["c"] == by_report["a"] != by_report["b"]


def test_batch_merge_is_independent_of_input_order():
    rows = [report("nl1", "e1", place=ERBIL, actors=["US"], fatalities=5),
            report("en1", "e2", place=IRAQ, actors=["US"], fatalities=8, published="2024-01-18"),
            report("de1", "e1", place=DAMASCUS, actors=["US"])]
    assert _events(rows) == _events(list(reversed(rows)))
