"""The server-rendered pages: every page renders on a small knowledge base, and article content is escaped.

The knowledge base is built here (module fixtures ``pages_kb_path`` / ``pages_client``) from the bundled
examples, a second account of the Baghdad strike that gives other figures (a merged event whose sources
disagree) and a hostile article that carries script, an ``onerror`` image and ``javascript:`` URLs in
its text, title, source and URL.  ``build_kb`` is shared with test_e2e.py.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import sitrep
from sitrep.kb.schema import Actor, Document, Event
from sitrep.kb.store import KnowledgeBase

WRITE_TOKEN = "pages-test-token"

EVIL_TEXT = (
    "Militants attack army post near Mosul\n\n"
    "MOSUL, March 3 (Wire) - Islamic State militants attacked an Iraqi army checkpoint near Mosul on Sunday, "
    "killing four soldiers, the Iraqi military said. <script>alert(1)</script> The attackers fled. "
    "<img src=x onerror=alert(1)> Officials said the link javascript:alert(1) was posted online.\n\n"
    "“We will hunt them down <script>alert('q')</script>,” said army spokesperson Yahya Rasool."
)
EVIL_TITLE = '<script>alert("title")</script><img src=x onerror=alert(2)>'
EVIL_URL = "javascript:alert(3)"
EVIL_SOURCE = "<img src=x onerror=alert(4)>"
EVIL_HTML = """<!doctype html><html><head><title>Evil page <script>alert(5)</script></title>
<script>alert(6)</script></head><body><article><h1>Clashes near Kirkuk</h1>
<p>KIRKUK, May 2 - Gunmen attacked a police patrol near Kirkuk on Thursday, killing two policemen,
Iraqi police said. &lt;script&gt;alert(7)&lt;/script&gt; &lt;img src=x onerror=alert(8)&gt;</p>
<p><img src=x onerror=alert(9)>The attackers escaped, officials said. <a href="javascript:alert(10)">More</a></p>
<p>The Iraqi government condemned the attack and promised to find those responsible for the killing.</p>
</article></body></html>"""


def build_kb(path: Path, analysed_examples: dict) -> dict:
    """A knowledge base at ``path`` from the examples, a disagreeing second account and the hostile article."""
    kb = KnowledgeBase(str(path))
    for _, (rec, doc) in analysed_examples.items():
        doc.url = f"https://example.org/{rec['id']}"
        doc.title = rec["text"].split("\n", 1)[0]
        kb.add(doc)
    baghdad = next(r for r, _ in analysed_examples.values() if r["id"] == "en-baghdad-drone-strike")
    other = baghdad["text"].replace("killing three fighters", "killing five fighters")
    assert other != baghdad["text"]
    second = sitrep.analyze(other, published=baghdad["published"], doc_id="second-account", source="Other Wire",
                            url="https://example.com/second", title="Second account of the Baghdad strike")
    kb.add(second)
    evil = sitrep.analyze(EVIL_TEXT, published="2024-03-04", doc_id="evil-doc", source=EVIL_SOURCE, url=EVIL_URL,
                          title=EVIL_TITLE)
    evil_id = kb.add(evil).document_id
    with kb.session() as s:
        merged = (s.query(Event).filter(Event.n_sources > 1, Event.fatalities_min != Event.fatalities_max)
                  .order_by(Event.id).first())
        us = s.query(Actor).filter(Actor.name == "United States").one()
        first_doc = s.query(Document).filter(Document.doc_key == "en-baghdad-drone-strike").one()
        return {"kb": kb, "evil_doc": evil_id, "merged_event": merged.id if merged else None, "us": us.id,
                "doc": first_doc.id}


@pytest.fixture(scope="module")
def pages_kb(tmp_path_factory, analysed_examples) -> dict:
    return build_kb(tmp_path_factory.mktemp("pages") / "kb.db", analysed_examples)


@pytest.fixture(scope="module")
def pages_client(pages_kb):
    from fastapi.testclient import TestClient

    from sitrep.web.app import create_app

    app = create_app(pages_kb["kb"].url, write_token=WRITE_TOKEN)
    with TestClient(app) as c:
        yield c


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and value and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag == "script" and not (dict(attrs).get("src") or "").startswith("/static/"):
            self.problems.append("<script> without a /static/ src")
        if tag in ("img", "iframe", "object", "embed"):
            self.problems.append(f"<{tag}>")


def assert_escaped(html: str) -> None:
    """No markup from the articles got through: no inline handlers, no foreign scripts or images, no javascript: links."""
    parser = _Tags()
    parser.feed(html)
    assert not parser.problems, parser.problems
    for bad in ("<script>alert", "<img src=x onerror", 'href="javascript:'):
        assert bad not in html, bad
    assert not re.search(r"<script\b[^>]*>[^<]+</script>", html), "an inline script"


# ---------------------------------------------------------------- every page renders
def test_overview(pages_client):
    r = pages_client.get("/")
    assert r.status_code == 200
    assert "Most active dyads" in r.text and "Latest events" in r.text
    assert "United States" in r.text and 'href="/events/' in r.text
    assert_escaped(r.text)


def test_network_page_and_data(pages_client, pages_kb):
    r = pages_client.get("/network")
    assert r.status_code == 200
    assert 'id="graph"' in r.text and "/static/vendor/cytoscape.min.js" in r.text
    assert f'href="/actors/{pages_kb["us"]}"' in r.text  # the accessible list of nodes
    data = pages_client.get("/pages-data/network").json()
    assert data["nodes"] and data["edges"]
    assert {e["cls"] for e in data["edges"]} >= {"hostile", "structural", "cooperative"}
    # the legend names the edge kinds and the event types of each (verbal cooperation: AGREE, CONSULT, SUPPORT)
    assert 'value="verbal-cooperative"' in r.text and "AGREE, CONSULT, SUPPORT" in r.text
    assert "ACCUSE, ASSAULT, COERCE, REJECT, SANCTION, THREATEN" in r.text
    assert pages_client.get("/network?since=2024-03-01&until=2024-03-31").status_code == 200
    small = pages_client.get("/pages-data/network?since=2024-03-01&until=2024-03-31").json()
    assert len(small["edges"]) < len(data["edges"])
    assert pages_client.get("/network?since=yesterday").status_code == 400


def test_timeline(pages_client):
    r = pages_client.get("/timeline")
    assert r.status_code == 200 and 'id="timeline"' in r.text and "event-row" in r.text
    r = pages_client.get("/timeline", params={"actor": "United States", "interval": "week"})
    assert r.status_code == 200 and "United States" in r.text
    r = pages_client.get("/timeline", params={"actor": "United States", "target": "Kataib Hezbollah"})
    assert r.status_code == 200
    assert r.text.count('class="event-row"') >= 1
    assert pages_client.get("/timeline", params={"actor": "Nobody At All"}).status_code == 404
    data = pages_client.get("/pages-data/events", params={"actor": "United States"}).json()
    assert data["events"] and all("type" in e for e in data["events"])


def test_map(pages_client):
    r = pages_client.get("/map")
    assert r.status_code == 200 and 'id="map"' in r.text and "countries-110m.json" in r.text
    assert "Baghdad" in r.text


def test_vendored_files_are_served(pages_client):
    for path in ("/static/vendor/cytoscape.min.js", "/static/vendor/d3.min.js",
                 "/static/vendor/topojson-client.min.js", "/static/vendor/countries-110m.json",
                 "/static/js/network.js", "/static/js/timeline.js", "/static/js/map.js", "/static/css/sitrep.css"):
        assert pages_client.get(path).status_code == 200, path
    world = pages_client.get("/static/vendor/countries-110m.json").json()
    assert world["type"] == "Topology" and "countries" in world["objects"]


def test_actor_page(pages_client, pages_kb):
    r = pages_client.get(f"/actors/{pages_kb['us']}")
    assert r.status_code == 200
    for key in ("United States", "Relations", "Events", "Quotes", "Sources", 'href="/events/', 'href="/documents/'):
        assert key in r.text, key
    assert pages_client.get("/actors/999999").status_code == 404


def test_event_page_shows_sources_and_disagreement(pages_client, pages_kb):
    eid = pages_kb["merged_event"]
    assert eid is not None, "the second account should merge with the first"
    r = pages_client.get(f"/events/{eid}")
    assert r.status_code == 200
    assert "Sources disagree" in r.text and "fatalities" in r.text and "3 vs 5" in r.text
    assert r.text.count('class="account"') == 2
    assert 'class="hl-event hl-target"' in r.text
    assert re.search(r'href="/documents/\d+\?hl=\w+#ev-\w+"', r.text)
    assert pages_client.get("/events/999999").status_code == 404


def test_document_page_highlights(pages_client, pages_kb):
    r = pages_client.get(f"/documents/{pages_kb['doc']}", params={"hl": "e1"})
    assert r.status_code == 200
    for cls in ("ent ent-actor", "ent ent-place", "ent ent-date", "hl-event", "hl-quote", "hl-target"):
        assert cls in r.text, cls
    assert 'id="ev-e1"' in r.text and "Extraction" in r.text
    assert pages_client.get("/documents/999999").status_code == 404


def test_hostile_document_is_escaped(pages_client, pages_kb):
    r = pages_client.get(f"/documents/{pages_kb['evil_doc']}")
    assert r.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in r.text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in r.text  # the title
    assert 'href="javascript:' not in r.text
    assert_escaped(r.text)
    for page in ("/", "/timeline", "/map", "/network"):
        assert_escaped(pages_client.get(page).text)


def test_analyze_form_and_result(pages_client):
    r = pages_client.get("/analyze")
    assert r.status_code == 200 and 'enctype="multipart/form-data"' in r.text
    r = pages_client.post("/analyze", data={"text": EVIL_TEXT, "published": "2024-03-04", "title": EVIL_TITLE})
    assert r.status_code == 200
    assert "Extraction" in r.text and "ent ent-actor" in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert_escaped(r.text)


def test_analyze_upload_html(pages_client):
    r = pages_client.post("/analyze", files={"file": ("evil.html", EVIL_HTML.encode(), "text/html")})
    assert r.status_code == 200, r.text[:500]
    assert "Kirkuk" in r.text
    assert_escaped(r.text)


def test_analyze_save_needs_the_token(pages_client):
    text = EVIL_TEXT.replace("four soldiers", "six soldiers")
    r = pages_client.post("/analyze", data={"text": text, "save": "1", "token": "wrong"})
    assert r.status_code == 403 and "wrong write token" in r.text
    r = pages_client.post("/analyze", data={"text": text, "save": "1", "token": WRITE_TOKEN, "published": "2024-03-04"})
    assert r.status_code == 200 and "Saved (new)" in r.text
    doc = re.search(r'href="/documents/(\d+)"', r.text)
    assert doc and pages_client.get(f"/documents/{doc.group(1)}").status_code == 200
    r = pages_client.post("/analyze", data={"text": text, "url": "javascript:alert(1)"})
    assert r.status_code == 400


def test_highlight_escapes_every_piece():
    from sitrep.web.pages import Mark, highlight

    text = "<b>A</b> & <script>x()</script> B"
    html = str(highlight(text, [Mark(0, 8, "actor", "<i>L</i>", title='"><script>'), Mark(0, 20, "event", "E",
                                                                                          anchor="ev-1")]))
    assert "<b>" not in html and "<script>" not in html and "<i>" not in html
    assert "&lt;b&gt;A&lt;/b&gt;" in html and "&amp;" in html and 'id="ev-1"' in html
