"""The map, timeline and network pages' filters and data (tests/web/conftest.py's knowledge base)."""
from __future__ import annotations

HTML = {"Accept": "text/html"}


def test_views_timeline_and_map_filter_by_type(client):
    page = client.get("/timeline", params={"type": "assault"}, headers=HTML).text
    rows = page.count('data-type="ASSAULT"')
    assert rows >= 1 and 'data-type="PROTEST"' not in page
    assert '<option value="ASSAULT" selected>' in page and "data-src=\"/pages-data/events?type=ASSAULT\"" in page
    data = client.get("/pages-data/events", params={"type": "PROTEST"}).json()["events"]
    assert data and {e["type"] for e in data} == {"PROTEST"}
    assert all("place_kind" in e for e in data)
    assert "Rotterdam" in {e["place"] for e in data}
    assaults = {e["place"] for e in client.get("/pages-data/events", params={"type": "ASSAULT"}).json()["events"]}
    assault_places = {p for p in assaults if p and p != "Rotterdam"}
    mapped = client.get("/map", params={"type": "PROTEST"}, headers=HTML).text
    located = mapped.split("<h2>Located events</h2>")[1]
    assert "Rotterdam" in mapped and assault_places and not any(p in located for p in assault_places)


def test_views_bad_type_is_a_400_page(client):
    for path in ("/timeline?type=BOMBING", "/map?type=BOMBING"):
        r = client.get(path, headers=HTML)
        assert r.status_code == 400 and "unknown event type" in r.text
    assert client.get("/pages-data/events?type=BOMBING").json()["error"]["code"] == "bad_request"


def test_views_timeline_interval_defaults_to_auto(client):
    page = client.get("/timeline", headers=HTML).text
    assert 'data-interval="auto"' in page and '<option value="month"' in page
    assert 'data-interval="month"' in client.get("/timeline?interval=month", headers=HTML).text


def test_views_network_page_has_legends_and_controls(client):
    page = client.get("/network", headers=HTML).text
    for kind in ("hostile", "cooperative", "structural", "other"):
        assert f'name="kind" value="{kind}" checked' in page
    assert 'name="min_weight"' in page and 'name="isolated"' in page
    assert "armed group" in page and 'class="shape kind-state"' in page
