"""Readers against hostile files (issue 11, found by the fuzzing run ``bench/bench_fuzz.py``): a bad record
is a failure the reader yields, never an exception that ends the run.

Before the fixes: a JSON Lines line of 5,000 '[' raised RecursionError out of the reader (and out of
``sitrep analyze`` and ``ingest``); an RSS entry whose HTML held a control character raised lxml's
"All strings must be XML compatible" ValueError.
"""
from __future__ import annotations

import io
import json

from sitrep.ingest.feeds import html_fragment_text, read_feed
from sitrep.ingest.readers import InputDocument, InputFailure, read_jsonl

STRIKE = "Gunmen attacked a police post in Kandahar on Monday, killing three officers, officials said."


def test_regression_jsonl_nested_too_deep_is_e005_and_the_next_line_is_read():
    data = ("[" * 5000 + "\n" + json.dumps({"id": "ok", "text": STRIKE}) + "\n").encode()
    recs = list(read_jsonl(io.BytesIO(data), "deep.jsonl"))
    assert isinstance(recs[0], InputFailure) and recs[0].error.code == "E005"
    assert "nested too deeply" in recs[0].error.message and recs[0].origin == "deep.jsonl:1"
    assert isinstance(recs[1], InputDocument) and recs[1].id == "ok"


def test_regression_feed_entry_with_control_characters():
    rss = ("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item><title>Kandahar</title>"
           f"<description>&lt;p&gt;{STRIKE}\x01\x0b end&lt;/p&gt;</description></item></channel></rss>")
    recs = list(read_feed(io.BytesIO(rss.encode()), "feed.rss"))
    docs = [r for r in recs if isinstance(r, InputDocument)]
    assert docs and "police post in Kandahar" in docs[0].text


def test_html_fragment_text_drops_what_xml_refuses():
    assert html_fragment_text("<p>a\x00b\x1fc\ufffe</p>") == "a b c"
