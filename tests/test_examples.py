"""End to end on the bundled examples (examples/articles.jsonl): the invariants of FORMAT.md on every
document, and a few things the extractor gets right on each."""
from __future__ import annotations

import datetime as dt
import re

import pytest

import sitrep
from sitrep.model import ACTOR_KINDS, DATE_PRECISIONS, EVENT_STATUSES, EVENT_TYPES, RELATION_TYPES

# Modes of the scored event types (shared/spec/CODEBOOK.md); other types may use any mode.
MODES = {
    "ASSAULT": {"aerial", "missile", "explode", "firearms", "ground", "kill"},
    "COERCE": {"arrest", "seize", "expel", "ban", "other"},
    "SANCTION": {"sanction", "sever", "convict", "other"},
    "MOBILIZE": {"troops", "weapons", "other"},
    "PROTEST": {"demo", "riot", "strike", "boycott"},
    "THREATEN": {"force", "sanction", "other"},
}
QUOTE_MARKS = "\"'“”„‟«»‹›‚‘’"


def _docs(analysed_examples):
    return [(rec, doc.to_dict()) for rec, doc in analysed_examples.values()]


def _parse_date(value: str) -> tuple[dt.date, dt.date]:
    """First and last day an ISO date, month, year or START/END interval covers."""
    if "/" in value:
        start, end = value.split("/")
        return _parse_date(start)[0], _parse_date(end)[1]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        day = dt.date.fromisoformat(value)
        return day, day
    if re.fullmatch(r"\d{4}-\d{2}", value):
        first = dt.date.fromisoformat(value + "-01")
        nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first, nxt - dt.timedelta(days=1)
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    raise AssertionError(f"not an ISO date, month, year or interval: {value!r}")


def test_examples_every_document_has_actors_events_and_quotes_with_speakers(analysed_examples):
    assert len(analysed_examples) == 6
    for rec, doc in _docs(analysed_examples):
        assert doc["actors"], rec["id"]
        assert doc["events"], rec["id"]
        if "“" in rec["text"] or "„" in rec["text"] or "«" in rec["text"]:
            assert any(q["speaker"] for q in doc["quotes"]), rec["id"]


def test_examples_language_is_detected_and_published_copied(analysed_examples):
    for rec, doc in _docs(analysed_examples):
        assert doc["schema"] == "sitrep/1"
        assert doc["id"] == rec["id"]
        assert doc["language"] == rec["id"][:2]
        assert doc["published"] == rec["published"]


def test_examples_offsets_point_at_the_mention_text(analysed_examples):
    for rec, doc in _docs(analysed_examples):
        text = rec["text"]
        spans = [m for a in doc["actors"] for m in a["mentions"]]
        spans += [e["evidence"] for e in doc["events"]]
        spans += [r["evidence"] for r in doc["relations"]]
        spans += doc["boilerplate"]
        for span in spans:
            assert 0 <= span["start"] < span["end"] <= len(text), (rec["id"], span)
            assert text[span["start"]:span["end"]] == span["text"], (rec["id"], span)
        for q in doc["quotes"]:
            assert text[q["start"]:q["end"]] == q["text"], (rec["id"], q)
            if q["kind"] == "direct":
                assert q["text"][0] not in QUOTE_MARKS and q["text"][-1] not in QUOTE_MARKS, q["text"]


def test_examples_every_actor_has_a_mention(analysed_examples):
    for rec, doc in _docs(analysed_examples):
        for a in doc["actors"]:
            assert a["mentions"], (rec["id"], a["name"])
            assert a["kind"] in ACTOR_KINDS
            assert a["country"] is None or re.fullmatch(r"[A-Z]{2}", a["country"]), a


def test_examples_references_point_to_actors_and_ids_are_unique(analysed_examples):
    for rec, doc in _docs(analysed_examples):
        actor_ids = [a["id"] for a in doc["actors"]]
        assert len(set(actor_ids)) == len(actor_ids)
        for kind in ("events", "quotes"):
            ids = [x["id"] for x in doc[kind]]
            assert len(set(ids)) == len(ids), (rec["id"], kind)
        for e in doc["events"]:
            assert set(e["actors"]) | set(e["targets"]) <= set(actor_ids), (rec["id"], e)
        for q in doc["quotes"]:
            assert q["speaker"] is None or q["speaker"] in actor_ids
        for r in doc["relations"]:
            assert r["type"] in RELATION_TYPES
            assert {r["subject"], r["object"]} <= set(actor_ids) and r["subject"] != r["object"]


def test_examples_events_have_plover_types_modes_and_statuses(analysed_examples):
    for rec, doc in _docs(analysed_examples):
        for e in doc["events"]:
            assert e["type"] in EVENT_TYPES, e
            assert e["mode"] is None or e["type"] not in MODES or e["mode"] in MODES[e["type"]], e
            assert e["status"] in EVENT_STATUSES, e
            for n in ("fatalities", "injuries", "count"):
                assert e[n] is None or (isinstance(e[n], int) and e[n] >= 0), e


def test_examples_event_dates_are_iso_with_a_matching_precision(analysed_examples):
    for rec, doc in _docs(analysed_examples):
        published = dt.date.fromisoformat(rec["published"])
        for e in doc["events"]:
            if e["date"] is None:
                assert e["date_precision"] is None, e
                continue
            assert e["date_precision"] in DATE_PRECISIONS, e
            assert ("/" in e["date"]) == (e["date_precision"] in ("interval", "week")), e
            first, last = _parse_date(e["date"])
            assert first <= last
            assert first.year >= 2000 and last <= published + dt.timedelta(days=366), e


def test_examples_reported_events_are_not_after_publication(analysed_examples):
    for rec, doc in _docs(analysed_examples):
        published = dt.date.fromisoformat(rec["published"])
        for e in doc["events"]:
            if e["date"] and e["status"] == "reported":
                assert _parse_date(e["date"])[0] <= published, (rec["id"], e["date"], e["evidence"]["text"])


def test_examples_locations_are_geocoded(analysed_examples):
    for rec, doc in _docs(analysed_examples):
        for e in doc["events"]:
            loc = e["location"]
            if loc is None:
                continue
            assert loc["name"] and (loc["country"] is None or re.fullmatch(r"[A-Z]{2}", loc["country"])), loc
            if loc["lat"] is not None:
                assert -90 <= loc["lat"] <= 90 and -180 <= loc["lon"] <= 180


def test_examples_output_is_deterministic(analysed_examples, example_records):
    # a second pass, in the opposite order: no state may leak from one document into the next
    again = {r["id"]: sitrep.analyze(r["text"], published=r["published"], doc_id=r["id"], source=r["source"])
             for r in reversed(example_records)}
    for doc_id, (_, first) in analysed_examples.items():
        assert again[doc_id].to_json() == first.to_json()


# What the extractor finds in each example: one event type, one actor and one quoted person per document.
@pytest.mark.parametrize(("doc_id", "event_type", "actor", "speaker"), [
    ("en-baghdad-drone-strike", "ASSAULT", ("Kataib Hezbollah", "armed_group"), None),
    ("en-treasury-houthi-sanctions", "SANCTION", ("Houthis", "armed_group"), "Sarah Lindqvist"),
    ("nl-brussel-boerenprotest", "COERCE", ("Belgium", "state"), "Tom Peeters"),
    ("nl-charkiv-beschietingen", "ASSAULT", ("Russia", "state"), "Oleksandr Kovalenko"),
    ("de-polen-grenze-belarus", "MOBILIZE", ("Poland", "state"), "Anna Kowalska"),
    ("fr-beyrouth-frappe-hamas", "THREATEN", ("Hezbollah", "armed_group"), "Julien Mercier"),
])
def test_examples_find_the_main_event_actor_and_speaker(analysed_examples, doc_id, event_type, actor, speaker):
    doc = analysed_examples[doc_id][1]
    assert event_type in {e.type for e in doc.events}
    assert actor in {(a.name, a.kind) for a in doc.actors}
    if speaker:
        speakers = {doc.actor(q.speaker).name for q in doc.quotes if q.speaker}
        assert speaker in speakers


def test_examples_drone_strike_is_aerial_in_iraq(analysed_examples):
    doc = analysed_examples["en-baghdad-drone-strike"][1]
    assert any(e.type == "ASSAULT" and e.mode == "aerial" for e in doc.events)
    assert any(a.name == "Kataib Hezbollah" and a.country == "IQ" for a in doc.actors)


def test_examples_kharkiv_shelling_has_date_place_and_toll(analysed_examples):
    doc = analysed_examples["nl-charkiv-beschietingen"][1]
    # "dinsdagavond" in an article of Wednesday 5 June 2024; "zeker zes mensen om het leven gekomen"
    strike = next(e for e in doc.events if e.type == "ASSAULT" and e.date == "2024-06-04")
    assert strike.location is not None and strike.location.country == "UA"
    assert strike.fatalities == 6
    assert "Russia" in {doc.actor(a).name for a in strike.actors}


def test_examples_brussels_arrests_are_dated_thursday(analysed_examples):
    doc = analysed_examples["nl-brussel-boerenprotest"][1]
    assert any(e.type == "COERCE" and e.mode == "arrest" and e.date == "2024-02-01" for e in doc.events)
