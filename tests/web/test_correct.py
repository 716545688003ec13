"""Corrections through the API and the pages (tests/web/conftest.py's knowledge base): the write token is
needed, each correction is one row with who/when/before/after, pages and the API show the corrected
values marked, undo restores, and a correction survives re-ingesting its documents with reanalyse."""
from __future__ import annotations

import pytest

import sitrep

HTML = {"Accept": "text/html"}
WRITE_TOKEN = "test-write-token-0123456789"  # tests/web/conftest.py's
AUTH = {"Authorization": f"Bearer {WRITE_TOKEN}"}


def test_corrections_token_is_the_fixtures(write_token):
    assert write_token == WRITE_TOKEN


def _assault(client) -> dict:
    (e,) = client.get("/api/tables/events", params={"type": "ASSAULT"}).json()["items"]
    return e


def _actor_id(client, name: str) -> int:
    (a,) = [a for a in client.get("/api/tables/actors", params={"q": name}).json()["items"] if a["name"] == name]
    return a["id"]


def _post(client, body: dict, status: int = 201) -> dict:
    r = client.post("/api/corrections", json=body, headers=AUTH)
    assert r.status_code == status, r.text
    return r.json()


def test_corrections_need_the_write_token(client, write_client):
    body = {"subject": "event", "id": 1, "action": "reject"}
    assert client.post("/api/corrections", json=body, headers=AUTH).json()["error"]["code"] == "read_only"
    assert write_client.post("/api/corrections", json=body).status_code == 401
    assert write_client.post("/api/corrections", json=body,
                             headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert write_client.get("/api/corrections").json() == []  # nothing was stored
    assert 'id="write-token"' not in client.get("/events/1", headers=HTML).text  # no forms on a read-only server
    assert 'id="write-token"' in write_client.get("/events/1", headers=HTML).text


def test_corrections_target_shown_marked_everywhere_and_undone(write_client):
    c = write_client
    e = _assault(c)
    extracted = c.get(f"/api/events/{e['id']}").json()["targets"]
    iran = _actor_id(c, "Iran")
    made = _post(c, {"subject": "event", "id": e["id"], "action": "set", "field": "targets", "value": "Iran",
                     "author": "ann", "note": "the base was attacked, not the US"})
    assert (made["author"], made["field"], made["after"], made["status"]) == ("ann", "targets", [iran], "active")
    assert made["before"] == [a["id"] for a in extracted]
    detail = c.get(f"/api/events/{e['id']}").json()
    assert [t["name"] for t in detail["targets"]] == ["Iran"] and "targets" in detail["corrected"]
    assert all(s["evidence"]["text"] for s in detail["sources"])  # the sources still say what they said
    page = c.get(f"/events/{e['id']}", headers=HTML).text
    assert "corrected ✎" in page and "the base was attacked" in page and f'data-undo="{made["id"]}"' in page
    assert f'href="/events/{e["id"]}"' in c.get(f"/actors/{iran}", headers=HTML).text
    edges = c.get("/pages-data/network").json()["edges"]
    assert any(x["target_name"] == "Iran" and x["type"] == "ASSAULT" for x in edges)
    assert [r["id"] for r in c.get("/api/tables/events", params={"target": "Iran"}).json()["items"]] == [e["id"]]
    assert _assault(c)["corrected"] == "targets"
    # undo: the extracted target is back, the row stays (marked undone)
    r = c.post(f"/api/corrections/{made['id']}/undo", json={"author": "bob"}, headers=AUTH)
    assert r.status_code == 200 and r.json()["status"] == "undone" and r.json()["undone_by"] == "bob"
    assert c.get(f"/api/events/{e['id']}").json()["targets"] == extracted
    assert c.get("/api/tables/events", params={"target": "Iran"}).json()["total"] == 0
    assert c.post(f"/api/corrections/{made['id']}/undo", headers=AUTH).status_code == 422  # undone already


def test_corrections_reject_event_and_quote(write_client):
    c = write_client
    e = _assault(c)
    total = c.get("/api/tables/events").json()["total"]
    _post(c, {"subject": "event", "id": e["id"], "action": "reject", "note": "duplicate"})
    assert c.get("/api/tables/events").json()["total"] == total - 1
    assert c.get("/api/events", params={"type": "ASSAULT"}).json()["total"] == 0
    assert "An analyst rejected this event" in c.get(f"/events/{e['id']}", headers=HTML).text
    (q,) = c.get("/api/tables/quotes", params={"q": "patience"}).json()["items"]
    _post(c, {"subject": "quote", "id": q["id"], "action": "reject"})
    assert c.get("/api/tables/quotes", params={"q": "patience"}).json()["total"] == 0
    assert c.get("/api/quotes", params={"contains": "patience"}).json()["items"] == []


@pytest.mark.parametrize("body, status, words", [
    ({"subject": "event", "id": 999999, "action": "reject"}, 404, "no event"),
    ({"subject": "event", "id": 1, "action": "set", "field": "type", "value": "BOMBING"}, 422, "unknown event type"),
    ({"subject": "event", "id": 1, "action": "set", "field": "date", "value": "last week"}, 422, "not a date"),
    ({"subject": "event", "id": 1, "action": "merge"}, 422, "can be corrected by"),
    ({"subject": "actor", "id": 1, "action": "merge"}, 422, "'into'"),
    ({"subject": "relation", "action": "add", "value": {"subject": "Iran", "type": "loves", "object": "Iran"}}, 422,
     "unknown relation type"),
])
def test_corrections_bad_requests_are_refused(write_client, body, status, words):
    r = write_client.post("/api/corrections", json=body, headers=AUTH)
    assert r.status_code == status and words in r.json()["error"]["message"], r.text
    assert write_client.get("/api/corrections").json() == []


def test_corrections_merge_split_and_added_relation(write_client):
    c = write_client
    iran, kh = _actor_id(c, "Iran"), _actor_id(c, "Kataib Hezbollah")
    merge = _post(c, {"subject": "actor", "id": kh, "action": "merge", "into": "Iran"})
    page = c.get(f"/actors/{kh}", headers=HTML).text
    assert "was merged into this actor" in page and "<h1>Iran</h1>" in page
    assert "split</button>" in page
    _post(c, {"subject": "actor", "id": kh, "action": "split"})
    assert "<h1>Kataib Hezbollah</h1>" in c.get(f"/actors/{kh}", headers=HTML).text
    assert [r["status"] for r in c.get("/api/corrections", params={"subject": "actor"}).json()] == \
        ["active", "active"]
    assert merge["after"] == {"merged_into": iran}
    austin = _actor_id(c, "Lloyd Austin")
    _post(c, {"subject": "relation", "action": "add",
              "value": {"subject": austin, "type": "spokesperson_of", "object": "United States"}})
    rels = c.get("/api/tables/relations", params={"actor": "Lloyd Austin"}).json()["items"]
    assert ("spokesperson_of", "United States") in {(r["type"], r["object"]) for r in rels if r["added_by"]}
    assert "added by an analyst" in c.get(f"/actors/{austin}", headers=HTML).text
    assert "added ✎" in c.get("/relations", headers=HTML).text


def test_corrections_survive_reingest_with_reanalyse(write_client, kb_path, web_documents):
    from sitrep.kb.store import KnowledgeBase

    c = write_client
    e = _assault(c)
    _post(c, {"subject": "event", "id": e["id"], "action": "set", "field": "fatalities", "value": "4"})
    kb = KnowledgeBase(str(kb_path))
    for d in web_documents:
        st = kb.add(sitrep.analyze(d["text"], published=d["published"], language=d["language"], doc_id=d["id"],
                                   source=d["source"], url=d["url"], title=d["title"]), reanalyse=True)
        assert st.status == "updated"
    kb.engine.dispose()
    again = _assault(c)
    assert again["fatalities"] == "4" and again["corrected"] == "fatalities"
    (row,) = c.get("/api/corrections").json()
    assert row["status"] == "active" and row["current_id"] == again["id"]


def test_corrections_csv_download(write_client):
    _post(write_client, {"subject": "event", "id": _assault(write_client)["id"], "action": "set",
                         "field": "type", "value": "COERCE", "author": "ann"})
    r = write_client.get("/api/corrections", params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    header, row = r.text.splitlines()[:2]
    assert header.startswith("id,created_at,author,subject")
    assert ',ann,event,' in row and ',set,type,"""ASSAULT""","""COERCE""",' in row
