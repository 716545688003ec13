"""The REST API over a small knowledge base (tests/web/conftest.py)."""
from __future__ import annotations

import pytest


@pytest.fixture
def auth(write_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {write_token}"}


def _attack(client) -> dict:
    page = client.get("/api/events", params={"type": "ASSAULT"}).json()
    assert page["total"] == 1, page
    return client.get(f"/api/events/{page['items'][0]['id']}").json()


def test_health(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "version": r.json()["version"], "read_only": True, "documents": 5}


def test_documents_paginated(client):
    r = client.get("/api/documents", params={"limit": 2, "offset": 1}).json()
    assert r["total"] == 5 and r["limit"] == 2 and r["offset"] == 1 and len(r["items"]) == 2
    everything = client.get("/api/documents").json()["items"]
    assert [d["id"] for d in everything][1:3] == [d["id"] for d in r["items"]]
    assert "text" not in r["items"][0]  # a page is metadata only
    assert client.get("/api/documents", params={"limit": 0}).status_code == 422


def test_document_detail(client, web_documents):
    first = client.get("/api/documents", params={"q": "Havenstaking"}).json()["items"][0]
    d = client.get(f"/api/documents/{first['id']}").json()
    src = next(x for x in web_documents if x["id"] == d["doc_key"])
    assert d["text"] == src["text"] and d["url"] == src["url"] and d["language"] == "nl"
    assert d["analysis"]["schema"] == "sitrep/1" and d["analysis"]["events"][0]["type"] == "PROTEST"
    ev = d["analysis"]["events"][0]["evidence"]
    assert d["text"][ev["start"]:ev["end"]] == ev["text"]


def test_not_found_is_json(client):
    for path in ("/api/documents/999", "/api/events/999", "/api/actors/999", "/api/nothing-here"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"].startswith("application/json")
        body = r.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert client.get("/api/documents/999").json()["error"]["code"] == "not_found"


def test_actors_search_and_kind(client):
    r = client.get("/api/actors", params={"q": "hezbollah"}).json()
    assert [a["name"] for a in r["items"]] == ["Kataib Hezbollah"] and r["total"] == 1
    states = client.get("/api/actors", params={"kind": "state"}).json()
    # the Netherlands: the state a protest in The Hague is against
    assert {a["name"] for a in states["items"]} == {"Iran", "Netherlands", "United States"}
    assert client.get("/api/actors", params={"kind": "planet"}).status_code == 422
    page = client.get("/api/actors", params={"limit": 3}).json()
    assert len(page["items"]) == 3 and page["total"] >= 6


def test_actor_profile_by_id(client):
    kh = client.get("/api/actors", params={"q": "Kataib Hezbollah"}).json()["items"][0]
    p = client.get(f"/api/actors/{kh['id']}").json()
    assert p["name"] == "Kataib Hezbollah" and p["kind"] == "armed_group"
    assert p["events_as_actor"].get("ASSAULT") == 1
    assert any(r["type"] == "supports" and r["other"]["name"] == "Iran" for r in p["relations_in"])
    assert len(p["sources"]) == 2
    austin = client.get("/api/actors", params={"q": "Austin"}).json()["items"][0]
    quotes = client.get(f"/api/actors/{austin['id']}").json()["quotes"]
    assert quotes and "hold those responsible" in quotes[0]["text"]


def test_events_filters(client):
    all_ = client.get("/api/events").json()
    assert all_["total"] == len(all_["items"]) >= 4
    assert {e["type"] for e in client.get("/api/events", params={"type": "assault,coerce"}).json()["items"]} \
        == {"ASSAULT", "COERCE"}
    by_actor = client.get("/api/events", params={"actor": "Kataib Hezbollah"}).json()
    assert by_actor["total"] == 1 and by_actor["items"][0]["type"] == "ASSAULT"
    target = client.get("/api/events", params={"target": "protesters"}).json()
    assert [e["type"] for e in target["items"]] == ["COERCE"]
    nl = client.get("/api/events", params={"country": "NL"}).json()
    assert {e["place"] for e in nl["items"]} == {"Rotterdam", "The Hague"}
    spring = client.get("/api/events", params={"since": "2024-03", "until": "2024-03-31"}).json()
    assert [e["type"] for e in spring["items"]] == ["PROTEST"]
    page = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert len(page["items"]) == 1 and page["total"] == all_["total"]
    assert page["items"][0]["id"] == all_["items"][1]["id"]


def test_events_bad_filters(client):
    r = client.get("/api/events", params={"actor": "Nobody At All"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "unknown_actor"
    assert client.get("/api/events", params={"type": "PICNIC"}).status_code == 422
    # all sixteen PLOVER types are filters; PLOVER 0.5's FIGHT is not
    ten = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT"}
    r = client.get("/api/events", params={"type": ",".join(sorted(ten))})
    assert r.status_code == 200 and {e["type"] for e in r.json()["items"]} <= ten
    r = client.get("/api/events", params={"type": "FIGHT"})
    assert r.status_code == 422 and "REJECT" in r.json()["error"]["message"]
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422
    r = client.get("/api/events", params={"since": "2024-13-45"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"


def test_event_sources_with_own_figures(client, web_documents):
    ev = _attack(client)
    assert ev["n_sources"] == 2 and len(ev["sources"]) == 2
    assert ev["fatalities"]["min"] == 3 and ev["fatalities"]["max"] == 5
    assert sorted(ev["fatalities"]["by_source"]) == [3, 5] and ev["fatalities"]["disagree"] is True
    assert "fatalities" in ev["disagreements"]
    texts = {d["id"]: d["text"] for d in web_documents}
    for s in ev["sources"]:
        text = texts[s["document"]["doc_key"]]
        assert text[s["evidence"]["start"]:s["evidence"]["end"]] == s["evidence"]["text"]
    per_source = {s["document"]["language"]: s["fatalities"] for s in ev["sources"]}
    assert per_source == {"en": 3, "nl": 5}
    assert [a["name"] for a in ev["actors"]] == ["Kataib Hezbollah"]


def test_strike_reported_twice_is_one_event(client):
    protests = client.get("/api/events", params={"type": "PROTEST"}).json()["items"]
    strikes = [e for e in protests if e["mode"] == "strike"]  # beside the climate activists' road blockade
    assert len(strikes) == 1 and strikes[0]["n_sources"] == 2
    assert {s["language"] for s in strikes[0]["sources"]} == {"nl", "en"}


def test_quotes(client):
    r = client.get("/api/quotes").json()
    assert r["total"] == 3
    austin = client.get("/api/quotes", params={"speaker": "Lloyd Austin"}).json()
    assert austin["total"] == 1 and austin["items"][0]["speaker"]["name"] == "Lloyd Austin"
    assert client.get("/api/quotes", params={"contains": "patience"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"contains": "zebra"}).json() == \
        {"items": [], "total": 0, "limit": 50, "offset": 0}
    assert client.get("/api/quotes", params={"speaker": "Nobody At All"}).status_code == 404
    one = client.get("/api/quotes", params={"limit": 1, "offset": 2}).json()
    assert len(one["items"]) == 1 and one["total"] == 3


def test_relations(client):
    r = client.get("/api/relations").json()
    assert r["total"] >= 2
    sup = client.get("/api/relations", params={"type": "supports", "actor": "Kataib Hezbollah"}).json()
    assert sup["total"] == 1
    rel = sup["items"][0]
    assert rel["subject"]["name"] == "Iran" and rel["kind"] == "cooperative" and rel["evidence"]
    assert client.get("/api/relations", params={"type": "enemy_of"}).status_code == 422


def test_network_edge_kinds(client):
    net = client.get("/api/network").json()
    names = {n["id"]: n["name"] for n in net["nodes"]}
    kinds = {(names[e["source"]], names[e["target"]], e["type"]): e["kind"] for e in net["edges"]}
    assert kinds[("police", "protesters", "COERCE")] == "hostile"
    assert kinds[("Iran", "Kataib Hezbollah", "supports")] == "cooperative"
    assert kinds[("Lloyd Austin", "United States", "member_of")] == "structural"
    for e in net["edges"]:
        assert e["weight"] >= 1 and e["basis"] in ("event", "relation")
    ego = client.get("/api/network", params={"actor": "police"}).json()
    assert [(e["source_name"], e["target_name"]) for e in ego["edges"]] == [("police", "protesters")]
    early = client.get("/api/network", params={"until": "2024-03-01"}).json()
    assert all(e["type"] != "COERCE" for e in early["edges"])


def test_edge_kind_mapping():
    from sitrep.web.api import edge_kind

    assert [edge_kind("event", t) for t in ("ASSAULT", "COERCE", "SANCTION", "THREATEN", "ACCUSE", "REJECT")] == \
        ["hostile"] * 6
    assert [edge_kind("event", t) for t in ("COOPERATE", "AID", "CONCEDE", "RETREAT")] == ["cooperative"] * 4
    assert [edge_kind("event", t) for t in ("AGREE", "CONSULT", "SUPPORT")] == ["verbal-cooperative"] * 3
    assert [edge_kind("event", t) for t in ("REQUEST", "PROTEST", "MOBILIZE")] == ["other"] * 3
    assert [edge_kind("relation", t) for t in ("supports", "allied_with")] == ["cooperative"] * 2
    assert {edge_kind("relation", t) for t in ("leader_of", "member_of", "part_of", "spokesperson_of")} == \
        {"structural"}


def test_search(client):
    r = client.get("/api/search", params={"q": "Hezbollah"}).json()
    assert [a["name"] for a in r["actors"]] == ["Kataib Hezbollah"]
    r = client.get("/api/search", params={"q": "patience"}).json()
    assert r["actors"] == [] and len(r["quotes"]) == 1
    assert client.get("/api/search").status_code == 422


# ---------------------------------------------------------------- analyze
TEXT = ("BEIRUT - Hezbollah fired rockets at northern Israel on Monday, the Israeli army said. "
        "\"We will respond,\" said army spokesman Daniel Hagari.")


def test_analyze_json_read_only(client):
    r = client.post("/api/analyze", json={"text": TEXT, "published": "2024-01-08", "language": "en"})
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["schema"] == "sitrep/1" and d["language"] == "en" and d["published"] == "2024-01-08"
    assert d["stored"] is None and d["text"] == TEXT
    for key in ("actors", "events", "quotes", "relations"):
        assert isinstance(d[key], list)
    assert client.get("/api/health").json()["documents"] == 5  # nothing stored


def test_analyze_html_upload(client):
    html = ("<html><head><title>Rockets fired</title><script>alert('x')</script></head><body><article>"
            "<h1>Rockets fired at Israel</h1><p>" + TEXT + "</p><p>The attack caused no casualties, "
            "the army said in a statement on Monday evening.</p></article></body></html>")
    r = client.post("/api/analyze", files={"file": ("page.html", html.encode(), "text/html")},
                    data={"published": "2024-01-08"})
    assert r.status_code == 200, r.text
    d = r.json()
    assert "Hezbollah fired rockets" in d["text"] and "<script>" not in d["text"] and "alert" not in d["text"]
    assert d["published"] == "2024-01-08"


def test_analyze_bad_input(client):
    assert client.post("/api/analyze", json={"text": ""}).status_code == 422
    assert client.post("/api/analyze", json={"nope": 1}).status_code == 422
    r = client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
    r = client.post("/api/analyze", content=b"hello", headers={"content-type": "text/plain"})
    assert r.status_code == 415
    r = client.post("/api/analyze", files={"file": ("x.html", b"<html><body></body></html>", "text/html")})
    assert r.status_code == 422 and r.json()["error"]["code"] == "E007"
    r = client.post("/api/analyze", data={"published": "2024-01-01"}, files={"other": ("a", b"b")})
    assert r.status_code == 422


def test_save_needs_token(client, write_client, auth, write_token):
    body = {"text": TEXT, "published": "2024-01-08", "save": True}
    r = client.post("/api/analyze", json=body, headers=auth)  # read-only server: no token is right
    assert r.status_code == 403 and r.json()["error"]["code"] == "read_only"
    r = write_client.post("/api/analyze", json=body)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    r = write_client.post("/api/analyze", json=body, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    r = write_client.post("/api/analyze", json=body, headers={"Authorization": "Basic " + write_token})
    assert r.status_code == 401
    assert write_client.get("/api/health").json()["documents"] == 5
    r = write_client.post("/api/analyze", json=body, headers=auth)
    assert r.status_code == 200, r.text
    stored = r.json()["stored"]
    assert stored["status"] == "new"
    assert write_client.get("/api/health").json() | {"version": None} == \
        {"status": "ok", "version": None, "read_only": False, "documents": 6}
    doc = write_client.get(f"/api/documents/{stored['document_id']}").json()
    assert doc["text"] == TEXT
    again = write_client.post("/api/analyze", json=body, headers=auth).json()["stored"]
    assert again["status"] == "skipped" and again["document_id"] == stored["document_id"]


def test_analyze_without_save_allowed_on_write_server(write_client):
    assert write_client.post("/api/analyze", json={"text": TEXT}).status_code == 200


@pytest.mark.parametrize("method,path", [("GET", "/api/analyze"), ("DELETE", "/api/events/1"),
                                         ("PUT", "/api/documents/1")])
def test_wrong_method_json(client, method, path):
    r = client.request(method, path)
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{document_id}", "/api/actors", "/api/actors/{actor_id}",
                 "/api/events", "/api/events/{event_id}", "/api/quotes", "/api/relations", "/api/network",
                 "/api/search", "/api/analyze", "/api/health"):
        assert path in spec["paths"], path
    body = spec["paths"]["/api/analyze"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    edge = spec["components"]["schemas"]["NetworkEdge"]["properties"]["kind"]
    assert set(edge["enum"]) == {"hostile", "cooperative", "verbal-cooperative", "structural", "other"}
    docs = client.get("/docs")
    assert docs.status_code == 200
    # the API explorer is bundled: it loads nothing from outside (the UI must work with no internet)
    assert "/static/vendor/swagger-ui-bundle.js" in docs.text and "http" not in docs.text.replace(
        "http-equiv", "")
