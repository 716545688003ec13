"""Evidence for every field: on the event page each actor, target, date, place, figure and cue links to
the exact span of the document it was read from, and the document page highlights that span
(tests/web/conftest.py's drone attack, told in English with three dead and in Dutch with five)."""
from __future__ import annotations

import re

from sitrep.web.evidence import field_spans

HTML = {"Accept": "text/html"}
ROW = re.compile(r'<tr><td>(\w+)</td><td>([^<]*)</td>\s*<td><a class="span-link" href="(/documents/(\d+)\?span=(\d+)-(\d+)#span)">')


def _assault_page(client) -> str:
    (e,) = client.get("/api/tables/events", params={"type": "ASSAULT"}).json()["items"]
    return client.get(f"/events/{e['id']}", headers=HTML).text


def test_evidence_links_point_at_the_words_each_field_was_read_from(client):
    page = _assault_page(client)
    rows = ROW.findall(page)
    texts = {}
    for name, value, href, doc, start, end in rows:
        text = client.get(f"/api/documents/{doc}").json()["text"]
        texts.setdefault(name, set()).add((value, text[int(start):int(end)]))
    assert ("3", "three") in texts["fatalities"] and ("5", "vijf") in texts["fatalities"]  # each source's own
    assert {w for _, w in texts["date"]} == {"Sunday", "zondag"}
    assert {w for _, w in texts["place"]} == {"western Iraq", "westen van Irak"}
    assert ("Kataib Hezbollah", "Kataib Hezbollah") in texts["actor"]
    assert "relative to the publication date" in page


def test_evidence_link_highlights_the_span_in_the_document(client):
    page = _assault_page(client)
    href = next(h for name, _, h, *_ in ROW.findall(page) if name == "fatalities")
    doc = client.get(href.replace("&amp;", "&"), headers=HTML).text
    marked = re.search(r'<span class="anchor" id="span"></span>(.*?)</span>', doc)
    assert marked and re.search(r'class="[^"]*hl-focus[^"]*"[^>]*>(three|vijf)$', marked.group(1))
    assert "Highlighted: “" in doc


def test_evidence_bad_span_is_a_400_page_and_out_of_range_is_ignored(client):
    assert client.get("/documents/1?span=abc", headers=HTML).status_code in (400, 422)
    page = client.get("/documents/1?span=5-999999", headers=HTML)
    assert page.status_code == 200 and 'id="span"' not in page.text


def test_evidence_spans_without_a_publication_date_say_so():
    text = "Gunmen killed four villagers in Kano on Tuesday, police said."
    analysis = {"language": "en", "actors": [], "events": [{
        "id": "e1", "type": "ASSAULT", "mode": "kill", "actors": [], "targets": [], "date": "2024-01-02",
        "location": {"name": "Kano", "country": "NG"}, "fatalities": 4, "injuries": None,
        "evidence": {"start": 0, "end": len(text), "text": text}, "cue": "killed"}]}
    spans = {s.field: s for s in field_spans(text, analysis, "e1", "en", None)}
    assert text[spans["fatalities"].start:spans["fatalities"].end] == "four"
    assert text[spans["place"].start:spans["place"].end] == "Kano"
    assert spans["mode"].text == "killed"
    assert "no publication date" in spans["date"].note
