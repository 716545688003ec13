"""The table pages, their downloads and the table API on the small knowledge base of tests/web/conftest.py
(a port strike in Rotterdam told in Dutch and English, a climate protest in The Hague, a drone attack in
Iraq told in English and Dutch with three and five dead)."""
from __future__ import annotations

import csv
import io

import pytest

import sitrep

HTML = {"Accept": "text/html"}
TABLES = ("events", "documents", "actors", "quotes", "relations")


def _api(client, table: str, **params) -> dict:
    r = client.get(f"/api/tables/{table}", params=params)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize("table", TABLES)
def test_tables_page_shows_count_rows_downloads_and_search_box(client, table):
    r = client.get(f"/{table}", headers=HTML)
    assert r.status_code == 200
    total = _api(client, table)["total"]
    assert total > 0
    assert f"<b>{total}</b>" in r.text
    assert r.text.count('<tr class="row">') == total  # every row on one page of 50
    assert f'href="/{table}.csv?"' in r.text and f'href="/{table}.json?"' in r.text
    assert 'action="/search"' in r.text  # the header's search box


@pytest.mark.parametrize("params, check", [
    ({"type": "ASSAULT"}, lambda r: r["type"] == "ASSAULT"),
    ({"country": "NL"}, lambda r: r["country"] == "NL"),
    ({"country": "Netherlands"}, lambda r: r["country"] == "NL"),
    ({"actor": "Kataib Hezbollah"}, lambda r: "Kataib Hezbollah" in r["actors"]),
    ({"since": "2024-03-01", "until": "2024-03-31"}, lambda r: r["date"].startswith("2024-03")),
    ({"q": "Rotterdam"}, lambda r: r["place"] == "Rotterdam"),
])
def test_tables_event_filters_select_matching_rows(client, params, check):
    rows = _api(client, "events", **params)["items"]
    assert rows and all(check(r) for r in rows), rows
    assert len(rows) < _api(client, "events")["total"]


def test_tables_event_filters_by_document_language_and_source(client):
    dutch = {r["id"] for r in _api(client, "events", language="nl")["items"]}
    krant = {r["id"] for r in _api(client, "events", source="Testkrant")["items"]}
    assert dutch and dutch == krant  # the Dutch documents are the Testkrant's
    places = {r["place"] for r in _api(client, "events", language="nl")["items"]}
    assert {"Rotterdam"} <= places and "The Hague" not in places


def test_tables_page_download_and_api_agree(client):
    params = {"type": "PROTEST,ASSAULT,COERCE", "sort": "date"}
    api_ids = [r["id"] for r in _api(client, "events", **params)["items"]]
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv", params=params).text)))
    assert [int(r["id"]) for r in rows] == api_ids
    assert [r["id"] for r in client.get("/events.json", params=params).json()] == api_ids
    page = client.get("/events", params=params, headers=HTML).text
    positions = [page.index(f'href="/events/{i}"') for i in api_ids]
    assert positions == sorted(positions)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)  # sort=date: oldest first


def test_tables_sort_and_pages(client):
    top = _api(client, "events", sort="-fatalities")["items"][0]
    assert top["type"] == "ASSAULT" and top["fatalities"] == "3-5"
    names = [r["name"] for r in _api(client, "actors", sort="name")["items"]]
    assert names == sorted(names, key=str)
    first = _api(client, "events", limit=2)
    second = _api(client, "events", limit=2, offset=2)
    assert first["total"] == second["total"] > 4
    assert not {r["id"] for r in first["items"]} & {r["id"] for r in second["items"]}
    page = client.get("/events", params={"limit": 2}, headers=HTML).text
    assert 'rel="next" href="/events?limit=2&amp;offset=2"' in page and 'rel="prev"' not in page
    # the header links sort; the column sorted now shows its direction
    page = client.get("/events", headers=HTML).text
    assert 'href="/events?sort=-type"' in page and 'href="/events?sort=date"' in page
    assert '<th aria-sort="descending"><a class="sort" href="/events?sort=date">Date ▼' in page


def test_tables_documents_filters_and_counts(client):
    dutch = _api(client, "documents", language="nl")["items"]
    assert sorted(d["title"] for d in dutch) == ["Droneaanval op basis in Irak", "Havenstaking in Rotterdam"]
    iraq = _api(client, "documents", country="IQ", type="ASSAULT")["items"]
    assert {d["title"] for d in iraq} == {"Drone attack in Iraq", "Droneaanval op basis in Irak"}
    assert all(d["events"] >= 1 for d in iraq)
    assert [d["title"] for d in _api(client, "documents", q="climate")["items"]] == \
        ["Arrests at climate protest in The Hague"]
    assert [d["published"] for d in _api(client, "documents", since="2024-04")["items"]] == ["2024-04-20"]


def test_tables_quotes_and_relations_filters(client):
    quotes = _api(client, "quotes", q="patience")["items"]
    assert [q["text"] for q in quotes] == ["Our patience has run out,"]
    assert _api(client, "quotes", language="nl")["total"] == 1
    rels = _api(client, "relations", actor="Iran")["items"]
    assert rels and all("Iran" in (r["subject"], r["object"]) for r in rels)
    assert _api(client, "relations", type="supports")["total"] >= 1


def test_tables_undated_documents_are_flagged(kb_path, make_client):
    from sitrep.kb.store import KnowledgeBase

    kb = KnowledgeBase(str(kb_path))
    doc = sitrep.analyze("Protesters marched through Utrecht on Tuesday against rising rents.", language="en",
                         doc_id="undated-1", title="Rent march in Utrecht", source="Test Wire")
    doc_id = kb.add(doc).document_id
    kb.engine.dispose()
    c = make_client(kb_path)
    page = c.get("/documents", params={"q": "Utrecht"}, headers=HTML).text
    assert "undated" in page and "no publication date" in page
    assert "no publication date" in c.get(f"/documents/{doc_id}", headers=HTML).text


@pytest.mark.parametrize("path, status, words", [
    ("/events?since=yesterday", 400, "since must be a date"),
    ("/events?type=BOMBING", 400, "unknown event type"),
    ("/actors?target=Iran", 400, "cannot be filtered by target"),
    ("/events?sort=colour", 400, "cannot be sorted by"),
    ("/events?limit=0", 400, "limit must be between"),
    ("/events?actor=Nobody+At+All", 404, "no actor named"),
    ("/events/999999", 404, "no event 999999"),
    ("/no/such/page", 404, "There is no page"),
])
def test_tables_errors_are_html_pages_for_a_browser(client, path, status, words):
    r = client.get(path, headers=HTML)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert words in r.text and 'action="/search"' in r.text


@pytest.mark.parametrize("path, status, code", [
    ("/api/tables/events?since=yesterday", 400, "bad_filter"),
    ("/api/tables/actors?target=Iran", 400, "bad_filter"),
    ("/api/tables/events?actor=Nobody", 404, "unknown_actor"),
    ("/api/tables/nothing", 422, "invalid_request"),
    ("/api/events/999999", 404, "not_found"),
    ("/events.csv?type=BOMBING", 400, "bad_filter"),
])
def test_tables_errors_are_json_for_the_api_and_downloads(client, path, status, code):
    r = client.get(path, headers=HTML)
    assert r.status_code == status
    assert r.json()["error"]["code"] == code


def test_tables_search_page_finds_actors_places_quotes_and_titles(client):
    page = client.get("/search", params={"q": "Rotterdam"}, headers=HTML).text
    assert "<h2>Places</h2>" in page and "<h2>Documents</h2>" in page
    assert "Havenstaking in Rotterdam" in page
    page = client.get("/search", params={"q": "patience"}, headers=HTML).text
    assert "<h2>Quotes</h2>" in page and "Our patience has run out" in page
    page = client.get("/search", params={"q": "hezbollah"}, headers=HTML).text
    assert "<h2>Actors</h2>" in page and "Kataib Hezbollah" in page
    assert "Nothing matches" in client.get("/search", params={"q": "zzzqqq"}, headers=HTML).text


def test_tables_escape_what_they_show(kb_path, make_client):
    from sitrep.kb.store import KnowledgeBase

    kb = KnowledgeBase(str(kb_path))
    kb.add(sitrep.analyze("Police arrested 12 protesters in Lyon on Monday.", published="2024-05-06",
                          language="en", doc_id="evil", title="<script>alert(1)</script>", source="<b>x</b>"))
    kb.engine.dispose()
    c = make_client(kb_path)
    for path in ("/documents", "/search?q=script"):
        text = c.get(path, headers=HTML).text
        assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)" in text


def test_tables_events_api_takes_the_same_filters(client):
    for params in ({"language": "nl"}, {"source": "Testkrant"}, {"q": "Rotterdam"}, {"type": "ASSAULT", "q": "drones"}):
        ids = {e["id"] for e in client.get("/api/events", params=params).json()["items"]}
        assert ids and ids == {r["id"] for r in _api(client, "events", **params)["items"]}, params
