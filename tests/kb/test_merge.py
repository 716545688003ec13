"""The merge rules of sitrep.kb.merge, on SQLite and PostgreSQL, with real extractor output.

The documents are short wire-style paragraphs written for these tests (Dutch and English).  What
the extractor gives for them (checked by hand, and asserted in ``test_extractor_sees_the_strike``):
both strike reports are an aerial ASSAULT on 2023-03-14 in Beirut (geonameid 276781) by Israel on
Lebanon, with 5 (Dutch) and 8 (English) fatalities; Hezbollah/Hisbollah and Verenigde
Staten/United States come with the same registry ids.
"""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sitrep.kb import merge
from sitrep.kb.schema import Actor, ActorLink, Document, Event, EventReport, Quote, QuoteReport

NL_STRIKE = ("BEIROET, 14 maart (ANP) - Bij een Israëlische luchtaanval op een wijk in het zuiden van Beiroet zijn "
             "dinsdag vijf doden gevallen, meldt het Libanese ministerie van Volksgezondheid. Hezbollah zwoer wraak. "
             "De Verenigde Staten riepen beide partijen op tot terughoudendheid.")
EN_STRIKE = ("BEIRUT, March 14 (Wire) - An Israeli air strike on a district in southern Beirut killed eight people on "
             "Tuesday, Lebanon's health ministry said. Hisbollah vowed revenge. The United States urged both sides to "
             "show restraint.")
EN_STRIKE_LATER = ("BEIRUT, March 20 (Wire) - An Israeli air strike on a district in southern Beirut killed four people "
                   "on Monday, Lebanon's health ministry said.")
EN_STRIKE_TYRE = ("TYRE, Lebanon, March 14 (Wire) - An Israeli air strike on a building in Tyre killed three people on "
                  "Tuesday, Lebanon's health ministry said.")
NL_STRIKE_COUNTRY = ("Bij een Israëlische luchtaanval in Libanon zijn dinsdag vijf doden gevallen, meldt het Libanese "
                     "ministerie van Volksgezondheid.")
EN_UNDATED_A = ("An Israeli air strike on a district in southern Beirut killed eight people, Lebanon's health ministry "
                "said.")
EN_UNDATED_B = ("An Israeli air strike on a district in southern Beirut killed six people, Lebanon's health ministry "
                "said.")
EN_QUOTE_A = ("BEIRUT, March 14 (Wire) - \"We will not let this crime go unanswered and the enemy will pay a heavy "
              "price,\" Hezbollah spokesman Karim Nassar said in a statement on Tuesday.")
EN_QUOTE_B = ("BEIRUT, March 15 (Agency) - Hezbollah spokesman Karim Nassar said: \"We will not let this crime go "
              "unanswered, and the enemy will pay a heavy price.\"")
EN_QUOTE_UNATTRIBUTED = ("BEIRUT, March 15 (Agency) - \"We will not let this crime go unanswered, and the enemy will pay "
                         "a heavy price,\" read a statement posted online on Wednesday.")
NL_NASSAR = ("BEIROET, 15 maart (ANP) - Hezbollah-woordvoerder Karim Nassar zei woensdag dat de beweging zich niet zal "
             "laten intimideren.")
EN_NASSER = ("BEIRUT, March 16 (Wire) - Karim Nasser, a spokesman for Hezbollah, told reporters on Thursday that the "
             "group would not be intimidated.")
EN_NASSER_LATER = "BEIRUT, March 17 (Wire) - Karim Nasser told reporters on Friday that the group would not back down."

DOCS = {  # key -> (text, published, language)
    "nl-strike": (NL_STRIKE, "2023-03-14", "nl"),
    "en-strike": (EN_STRIKE, "2023-03-14", "en"),
    "en-strike-later": (EN_STRIKE_LATER, "2023-03-20", "en"),
    "en-strike-tyre": (EN_STRIKE_TYRE, "2023-03-14", "en"),
    "nl-strike-country": (NL_STRIKE_COUNTRY, "2023-03-14", "nl"),
    "en-undated-a": (EN_UNDATED_A, None, "en"),
    "en-undated-b": (EN_UNDATED_B, None, "en"),
    "en-quote-a": (EN_QUOTE_A, "2023-03-14", "en"),
    "en-quote-b": (EN_QUOTE_B, "2023-03-15", "en"),
    "en-quote-unattributed": (EN_QUOTE_UNATTRIBUTED, "2023-03-15", "en"),
    "nl-nassar": (NL_NASSAR, "2023-03-15", "nl"),
    "en-nasser": (EN_NASSER, "2023-03-16", "en"),
    "en-nasser-later": (EN_NASSER_LATER, "2023-03-17", "en"),
}


@pytest.fixture
def doc(analysed):
    def make(key: str):
        text, published, language = DOCS[key]
        return analysed(text, published=published, language=language, doc_id=key)
    return make


@pytest.fixture
def add(kb, doc):
    """Add documents by key, in order; returns the Stored results."""
    def run(*keys: str):
        return [kb.add(doc(k)) for k in keys]
    return run


def assaults(kb) -> list[Event]:
    with kb.session() as s:
        return list(s.scalars(select(Event).where(Event.type == "ASSAULT").order_by(Event.id)))


def reports_of(kb, event_id: int) -> list[tuple[str, EventReport]]:
    with kb.session() as s:
        rows = s.execute(select(Document.doc_key, EventReport).join(Document, EventReport.document_id == Document.id)
                         .where(EventReport.event_id == event_id).order_by(Document.doc_key)).all()
        return [(k, r) for k, r in rows]


def kb_actor_of(kb, doc_key: str, name: str) -> int:
    """The KB actor a document's actor (by the name the document gave it) is linked to."""
    with kb.session() as s:
        return s.scalar(select(ActorLink.actor_id).join(Document, ActorLink.document_id == Document.id)
                        .where(Document.doc_key == doc_key, ActorLink.name == name))


# ---------------------------------------------------------------- the extractor, as the tests rely on it
def test_extractor_sees_the_strike(doc):
    for key, fatalities in (("nl-strike", 5), ("en-strike", 8)):
        d = doc(key)
        [ev] = [e for e in d.events if e.type == "ASSAULT"]
        assert (ev.date, ev.date_precision, ev.fatalities) == ("2023-03-14", "day", fatalities)
        assert ev.location is not None and ev.location.name == "Beirut" and ev.location.country == "LB"
        assert [d.actor(a).name for a in ev.actors] == ["Israel"]
        assert [d.actor(a).name for a in ev.targets] == ["Lebanon"]
    assert doc("en-undated-a").events[0].date is None


# ---------------------------------------------------------------- events
@pytest.mark.parametrize("order", [("nl-strike", "en-strike"), ("en-strike", "nl-strike")], ids=["nl-first", "en-first"])
def test_same_strike_in_two_languages_is_one_event(kb, add, order):
    stored = add(*order)
    assert [s.status for s in stored] == ["new", "new"]
    # the strike, Hezbollah's vow of revenge and the US call for restraint; only the dated strike is merged
    assert (stored[0].events_new, stored[1].events_merged) == (3, 1)
    [event] = assaults(kb)
    assert event.n_sources == 2
    assert (event.fatalities_min, event.fatalities_max) == (5, 8)
    assert event.date_start.isoformat() == event.date_end.isoformat() == "2023-03-14"
    assert (event.country, event.place, event.geonameid) == ("LB", "Beirut", 276781)
    # each report keeps its own figure and its own evidence sentence
    reports = dict(reports_of(kb, event.id))
    assert set(reports) == {"nl-strike", "en-strike"}
    nl, en = reports["nl-strike"], reports["en-strike"]
    assert nl.fatalities == 5 and "vijf doden" in nl.evidence_text
    assert en.fatalities == 8 and "killed eight people" in en.evidence_text
    assert NL_STRIKE[nl.evidence_start:nl.evidence_end] == nl.evidence_text
    assert EN_STRIKE[en.evidence_start:en.evidence_end] == en.evidence_text


def test_reciprocal_types_compare_participants_whatever_their_role():
    # "Israel and Hamas agreed" told with Israel as the actor in one source and Hamas in the other
    israel, hamas, egypt = 1, 2, 3
    assert merge.match_score(None, {israel}, {hamas}, None, {hamas}, {israel}) == 0  # doer and sufferer differ
    assert merge.match_score(None, {israel}, {hamas}, None, {hamas}, {israel}, reciprocal=True) == 2
    assert merge.match_score(None, {israel}, set(), None, {hamas, israel}, set(), reciprocal=True) == 1
    assert merge.match_score(None, {egypt}, set(), None, {hamas}, {israel}, reciprocal=True) == 0  # other parties
    assert {"AGREE", "CONSULT", "COOPERATE"} == merge.RECIPROCAL_TYPES


def test_strikes_on_different_days_stay_two_events(kb, add):
    add("en-strike", "en-strike-later")
    events = assaults(kb)
    assert len(events) == 2
    assert sorted(e.date_start.isoformat() for e in events) == ["2023-03-14", "2023-03-20"]
    assert all(e.n_sources == 1 for e in events)


def test_strikes_in_different_cities_stay_two_events(kb, add):
    add("en-strike", "en-strike-tyre")
    events = assaults(kb)
    assert sorted(e.place for e in events) == ["Beirut", "Tyre"]
    assert sorted((e.fatalities_min, e.fatalities_max) for e in events) == [(3, 3), (8, 8)]


def test_events_without_a_date_are_not_merged_across_documents(kb, add):
    stored = add("en-undated-a", "en-undated-b")
    assert [s.events_merged for s in stored] == [0, 0]
    events = assaults(kb)
    assert len(events) == 2
    assert all(e.date_start is None and e.n_sources == 1 for e in events)
    assert sorted(e.fatalities_max for e in events) == [6, 8]


def test_an_undated_report_does_not_join_a_dated_event(kb, add):
    add("en-strike", "en-undated-b")
    assert len(assaults(kb)) == 2


def test_city_report_joins_an_event_placed_in_its_country(kb, add):
    """Beirut first, then a report that only says 'in Libanon': a town inside its country."""
    add("en-strike", "nl-strike-country")
    [event] = assaults(kb)
    assert event.n_sources == 2 and event.place == "Beirut"  # the most specific place wins
    assert (event.fatalities_min, event.fatalities_max) == (5, 8)


def test_country_report_first_then_city_report_is_one_event(kb, add):
    add("nl-strike-country", "en-strike")
    events = assaults(kb)
    assert len(events) == 1 and events[0].n_sources == 2


def test_merged_event_counts_as_one_in_the_kb(kb, add, doc):
    add("nl-strike", "en-strike")
    per_doc = sum(len(doc(k).events) for k in ("nl-strike", "en-strike"))
    assert kb.counts()["events"] == per_doc - 1
    assert kb.counts()["event_reports"] == per_doc


# ---------------------------------------------------------------- actors
def test_same_actor_across_languages_is_one_kb_actor(kb, add):
    add("nl-strike", "en-strike")
    assert kb_actor_of(kb, "nl-strike", "United States") == kb_actor_of(kb, "en-strike", "United States")
    assert kb_actor_of(kb, "nl-strike", "Hezbollah") == kb_actor_of(kb, "en-strike", "Hezbollah")
    with kb.session() as s:
        for rid in ("US", "hezbollah", "IL", "LB"):
            assert s.scalar(select(func.count()).select_from(Actor).where(Actor.registry_id == rid)) == 1
        us = s.scalar(select(Actor).where(Actor.registry_id == "US"))
        names = {a.norm for a in us.aliases}
        assert {"verenigde staten", "united states"} <= names
        hez = s.scalar(select(Actor).where(Actor.registry_id == "hezbollah"))
        assert {"hezbollah", "hisbollah"} <= {a.norm for a in hez.aliases}


def test_person_outside_the_registry_is_merged_by_name_across_languages(kb, add):
    add("en-quote-a", "nl-nassar")
    a, b = kb_actor_of(kb, "en-quote-a", "Karim Nassar"), kb_actor_of(kb, "nl-nassar", "Karim Nassar")
    assert a == b
    with kb.session() as s:
        links = s.scalars(select(ActorLink).where(ActorLink.actor_id == a)).all()
        assert sorted(link.how for link in links) == ["name", "new"]
        assert s.scalar(select(func.count()).select_from(Actor).where(Actor.name == "Karim Nassar")) == 1


def test_spelling_variants_stay_apart_until_merged(kb, add):
    add("en-quote-a", "en-nasser")
    assert kb_actor_of(kb, "en-quote-a", "Karim Nassar") != kb_actor_of(kb, "en-nasser", "Karim Nasser")


def test_actor_merge_is_reversible(kb, add):
    add("en-quote-a", "en-nasser")
    nassar, nasser = kb_actor_of(kb, "en-quote-a", "Karim Nassar"), kb_actor_of(kb, "en-nasser", "Karim Nasser")
    with kb.session() as s, s.begin():
        before = {a.id: (a.name, a.kind, a.country, sorted(x.norm for x in a.aliases))
                  for a in s.scalars(select(Actor).where(Actor.id.in_([nassar, nasser])))}
        merge.merge_actors(s, keep=nassar, absorb=nasser)
    with kb.session() as s:
        assert merge.canonical(s, nasser) == nassar
        assert merge.canonical(s, nassar) == nassar
    with kb.session() as s, s.begin():
        merge.merge_actors(s, keep=nassar, absorb=nasser)  # merging again changes nothing
        merge.merge_actors(s, keep=nasser, absorb=nassar)  # nor does merging back the other way round
    with kb.session() as s:
        assert merge.canonical(s, nasser) == nassar
        assert s.get(Actor, nassar).merged_into_id is None
    with kb.session() as s, s.begin():
        merge.unmerge_actor(s, nasser)
    with kb.session() as s:
        assert merge.canonical(s, nasser) == nasser and merge.canonical(s, nassar) == nassar
        after = {a.id: (a.name, a.kind, a.country, sorted(x.norm for x in a.aliases))
                 for a in s.scalars(select(Actor).where(Actor.id.in_([nassar, nasser])))}
        assert after == before
        assert s.get(Actor, nasser).merged_into_id is None
    # the documents' links never moved
    assert kb_actor_of(kb, "en-nasser", "Karim Nasser") == nasser
    assert kb_actor_of(kb, "en-quote-a", "Karim Nassar") == nassar


def test_a_merged_actor_resolves_to_the_one_it_was_merged_into(kb, add):
    add("en-quote-a", "en-nasser")
    nassar, nasser = kb_actor_of(kb, "en-quote-a", "Karim Nassar"), kb_actor_of(kb, "en-nasser", "Karim Nasser")
    with kb.session() as s, s.begin():
        merge.merge_actors(s, keep=nassar, absorb=nasser)
    add("en-nasser-later")
    with kb.session() as s:  # the link keeps the name's own actor; through the merge it is the kept one
        assert merge.canonical(s, kb_actor_of(kb, "en-nasser-later", "Karim Nasser")) == nassar


def test_unmerge_also_restores_documents_added_while_merged(kb, add):
    add("en-quote-a", "en-nasser")
    nassar, nasser = kb_actor_of(kb, "en-quote-a", "Karim Nassar"), kb_actor_of(kb, "en-nasser", "Karim Nasser")
    with kb.session() as s, s.begin():
        merge.merge_actors(s, keep=nassar, absorb=nasser)
    add("en-nasser-later")
    with kb.session() as s, s.begin():
        merge.unmerge_actor(s, nasser)
    with kb.session() as s:
        assert merge.canonical(s, kb_actor_of(kb, "en-nasser-later", "Karim Nasser")) == nasser


# ---------------------------------------------------------------- quotes
def test_same_quote_in_two_documents_is_one_quote_with_two_reports(kb, add):
    add("en-quote-a", "en-quote-b")
    with kb.session() as s:
        [quote] = s.scalars(select(Quote)).all()
        reports = s.execute(select(Document.doc_key, QuoteReport).join(Document, QuoteReport.document_id == Document.id)
                            .where(QuoteReport.quote_id == quote.id).order_by(Document.doc_key)).all()
        assert [k for k, _ in reports] == ["en-quote-a", "en-quote-b"]
        assert quote.speaker_id == kb_actor_of(kb, "en-quote-a", "Karim Nassar")
        for key, r in reports:
            assert DOCS[key][0][r.start:r.end].startswith("We will not let this crime go unanswered")
            assert r.speaker_text == "Karim Nassar"


def test_attributed_quote_then_unattributed_copy_is_one_quote(kb, add):
    add("en-quote-a", "en-quote-unattributed")
    with kb.session() as s:
        assert s.scalar(select(func.count()).select_from(Quote)) == 1
        assert s.scalar(select(func.count()).select_from(QuoteReport)) == 2


def test_unattributed_quote_then_attributed_copy_is_one_quote(kb, add):
    add("en-quote-unattributed", "en-quote-a")
    with kb.session() as s:
        assert s.scalar(select(func.count()).select_from(Quote)) == 1


def test_different_quotes_stay_apart(kb, add):
    add("en-quote-a", "en-strike")
    with kb.session() as s:
        assert s.scalar(select(func.count()).select_from(Quote)) == len(
            [q for k in ("en-quote-a", "en-strike") for q in _quotes(kb, k)])


def _quotes(kb, key: str) -> list:
    with kb.session() as s:
        return list(s.scalars(select(QuoteReport).join(Document, QuoteReport.document_id == Document.id)
                              .where(Document.doc_key == key)))
