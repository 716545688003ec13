"""Readers: every input becomes an InputDocument or an InputFailure that says which file, line and problem."""
from __future__ import annotations

import io
import itertools
import json
import sys
from pathlib import Path

import pytest

from sitrep.errors import MAX_DOCUMENT_CHARS
from sitrep.ingest.readers import (
    MAX_FILE_BYTES, InputDocument, InputFailure, read_jsonl, read_sources, read_stdin, read_text,
)

ARTICLE = "Hezbollah fired rockets at northern Israel on Monday, the Israeli army said.\n"


def _only(records) -> InputDocument | InputFailure:
    records = list(records)
    assert len(records) == 1, records
    return records[0]


def _failure(records) -> InputFailure:
    rec = _only(records)
    assert isinstance(rec, InputFailure), rec
    return rec


# ------------------------------------------------------------------ JSON Lines

def test_readers_jsonl_parses_ids_published_language_and_metadata(jsonl_file):
    path = jsonl_file("batch.jsonl", [
        {"id": "doc-1", "text": ARTICLE, "published": "2024-02-06", "language": "en", "source": "Wire",
         "url": "https://example.org/1", "title": "Rockets"},
        {"id": 7, "text": "Tweede bericht.", "published": "2024-02"},
        {"text": "No id here."},
    ])
    docs = list(read_sources([str(path)]))
    assert all(isinstance(d, InputDocument) for d in docs)
    first, second, third = docs
    assert (first.id, first.text, first.published, first.language) == ("doc-1", ARTICLE, "2024-02-06", "en")
    assert (first.source, first.url, first.title) == ("Wire", "https://example.org/1", "Rockets")
    assert first.origin == f"{path}:1"
    assert second.id == "7" and second.published == "2024-02" and second.language is None
    assert third.id == "batch-3"  # file stem and line number when the record has no id


def test_readers_jsonl_skips_blank_lines_and_keeps_line_numbers(jsonl_file):
    path = jsonl_file("gaps.jsonl", [{"id": "a", "text": "one"}, "", "   ", {"id": "b", "text": "two"}])
    docs = list(read_sources([str(path)]))
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[1].origin.endswith("gaps.jsonl:4")


def test_readers_jsonl_html_field_goes_through_trafilatura(jsonl_file, examples_dir):
    page = (examples_dir / "article-en.html").read_text(encoding="utf-8")
    doc = _only(read_sources([str(jsonl_file("pages.jsonl", [{"id": "p1", "html": page}]))]))
    assert isinstance(doc, InputDocument)
    assert doc.id == "p1" and "Kataib Hezbollah" in doc.text and "Cookie settings" not in doc.text


def test_readers_jsonl_example_file_has_six_documents(articles_path, example_records):
    docs = list(read_sources([str(articles_path)]))
    assert [d.id for d in docs] == [r["id"] for r in example_records]
    assert all(d.text == r["text"] and d.published == r["published"] for d, r in zip(docs, example_records))


# ------------------------------------------------------------------ plain text and HTML

def test_readers_txt_is_one_document_named_after_the_file(examples_dir):
    path = examples_dir / "article-nl.txt"
    doc = _only(read_sources([str(path)]))
    assert isinstance(doc, InputDocument)
    assert doc.id == "article-nl" and doc.origin == str(path)
    assert doc.text == path.read_text(encoding="utf-8")  # unchanged: offsets are into this text
    assert doc.published is None and doc.language is None


def test_readers_txt_strips_utf8_bom_and_reads_utf16(write_bytes):
    bom8 = _only(read_sources([str(write_bytes("bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode()))]))
    utf16 = _only(read_sources([str(write_bytes("wide.txt", ARTICLE.encode("utf-16")))]))
    assert bom8.text == ARTICLE and utf16.text == ARTICLE


def test_readers_txt_unknown_suffix_is_read_as_text(write_bytes):
    doc = _only(read_sources([str(write_bytes("notes.md", ARTICLE.encode()))]))
    assert isinstance(doc, InputDocument) and doc.text == ARTICLE


def test_readers_html_extracts_article_without_navigation_scripts_or_footer(examples_dir):
    doc = _only(read_sources([str(examples_dir / "article-en.html")]))
    assert isinstance(doc, InputDocument)
    assert doc.id == "article-en"
    assert "drone strike hit a base of the Iran-backed militia Kataib Hezbollah" in doc.text
    assert "Residents of Jurf al-Sakhar" in doc.text  # the last paragraph too
    for boilerplate in ("Subscribe", "Cookie settings", "All rights reserved", "dataLayer", "Most read"):
        assert boilerplate not in doc.text
    assert doc.published == "2024-02-07"
    assert doc.title == "US drone strike kills three at militia base south of Baghdad"


def test_readers_html_truncated_page_keeps_the_text_it_has(write_bytes):
    page = b"<html><body><article><p>Police arrested twelve protesters in Paris on Saturday after clashes"
    doc = _only(read_sources([str(write_bytes("cut.html", page))]))
    assert isinstance(doc, InputDocument) and "arrested twelve protesters" in doc.text


# ------------------------------------------------------------------ standard input

@pytest.mark.parametrize(("data", "expected"), [
    (b'{"id": "s1", "text": "Hamas fired rockets."}\n{"id": "s2", "text": "Israel struck Gaza."}\n', ["s1", "s2"]),
    (b'\xef\xbb\xbf  {"id": "s1", "text": "Hamas fired rockets."}\n', ["s1"]),
    (b"<html><body><article><p>" + ARTICLE.encode() + b"</p></article></body></html>", ["<stdin>"]),
    (ARTICLE.encode(), ["<stdin>"]),
])
def test_readers_stdin_detects_jsonl_html_or_text(data, expected):
    docs = list(read_stdin(io.BytesIO(data)))
    assert [d.id for d in docs] == expected
    assert all(isinstance(d, InputDocument) for d in docs)
    assert "Hezbollah fired rockets" in docs[0].text or "rockets" in docs[0].text


def test_readers_stdin_dash_reads_sys_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(ARTICLE.encode()))))
    doc = _only(read_sources(["-"]))
    assert isinstance(doc, InputDocument) and doc.text == ARTICLE and doc.origin == "<stdin>"


def test_readers_stdin_empty_is_a_failure():
    assert _failure(read_stdin(io.BytesIO(b""))).error.code == "E001"


# ------------------------------------------------------------------ folders and missing files

def test_readers_folder_is_read_recursively_in_order_with_known_suffixes_only(write_bytes, jsonl_file, tmp_path):
    write_bytes("corpus/b.txt", b"Second file.")
    write_bytes("corpus/a.html", b"<html><body><article><p>" + ARTICLE.encode() + b"</p></article></body></html>")
    jsonl_file("corpus/sub/c.jsonl", [{"id": "c1", "text": "One."}, {"id": "c2", "text": "Two."}])
    write_bytes("corpus/notes.md", b"not an input format")
    write_bytes("corpus/image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    docs = list(read_sources([str(tmp_path / "corpus")]))
    assert [d.id for d in docs] == ["a", "b", "c1", "c2"]
    assert all(isinstance(d, InputDocument) for d in docs)


def test_readers_missing_file_is_e008_and_the_batch_goes_on(tmp_path, write_bytes):
    good = write_bytes("good.txt", ARTICLE.encode())
    missing = tmp_path / "nope.txt"
    records = list(read_sources([str(missing), str(good)]))
    assert isinstance(records[0], InputFailure) and isinstance(records[1], InputDocument)
    assert records[0].error.code == "E008"
    assert str(missing) in records[0].error.message and "no such file" in records[0].error.message


# ------------------------------------------------------------------ bad input: one failure, code and place

@pytest.mark.parametrize(("name", "data", "code", "words"), [
    ("empty.txt", b"", "E001", ["empty"]),
    ("blank.txt", b"  \n\t\n ", "E001", ["empty"]),
    ("binary.txt", b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)) * 4, "E002", ["binary", "NUL"]),
    ("latin1.txt", "Caf\u00e9 in Parijs".encode("latin-1"), "E004", ["UTF-8", "at byte 3"]),
    ("cut.txt", ARTICLE.encode()[:20] + b"\xc3", "E004", ["UTF-8", "at byte 20"]),
    ("odd16.txt", b"\xff\xfeA\x00B", "E004", ["UTF-16"]),
    ("broken.html", b"<<<>>> </div></p><p", "E007", ["no article text"]),
    ("title-only.html", b"<!DOCTYPE html><html><head><title>Home</title></head><body></body></html>", "E007",
     ["no article text"]),
    ("menu.html", b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a>"
                  b"</nav><footer>Privacy. Cookies.</footer></body></html>", "E007", ["no article text"]),
    ("empty.html", b"", "E001", ["empty"]),
    ("binary.html", b"<html>\x00\x00\x00", "E002", ["binary"]),
])
def test_readers_bad_file_gives_one_failure_with_code_and_file_name(write_bytes, name, data, code, words):
    path = write_bytes(name, data)
    failure = _failure(read_sources([str(path)]))
    assert failure.error.code == code
    assert failure.origin == str(path)
    assert failure.error.message.startswith(f"{path}: ")
    for word in words:
        assert word in failure.error.message


@pytest.mark.parametrize(("line", "code", "words"), [
    ('{"id": "x", "text": }', "E005", ["malformed JSON", "Expecting value", "column 21"]),
    ('{"id": "x", "text": "unterminated}', "E005", ["malformed JSON", "Unterminated string starting at column 21"]),
    ('["a", "list"]', "E005", ["expected a JSON object", "list"]),
    ('{"id": "x"}', "E006", ["no 'text' or 'html'"]),
    ('{"id": "x", "text": ""}', "E006", ["no 'text' or 'html'"]),
    ('{"id": "x", "text": "   "}', "E006", ["no 'text' or 'html'"]),
    ('{"id": "x", "text": 42}', "E006", ["no 'text' or 'html'"]),
    ('{"id": "x", "html": "<html><body></body></html>"}', "E007", ["no article text"]),
])
def test_readers_bad_jsonl_line_names_file_and_line_and_the_batch_goes_on(jsonl_file, line, code, words):
    path = jsonl_file("batch.jsonl", [{"id": "ok-1", "text": ARTICLE}, line, {"id": "ok-3", "text": ARTICLE}])
    records = list(read_sources([str(path)]))
    assert [type(r).__name__ for r in records] == ["InputDocument", "InputFailure", "InputDocument"]
    failure = records[1]
    assert failure.error.code == code
    assert failure.origin == f"{path}:2" and failure.error.message.startswith(f"{path}:2: ")
    for word in words:
        assert word in failure.error.message


def test_readers_jsonl_line_with_invalid_utf8_says_the_byte(write_bytes):
    path = write_bytes("mixed.jsonl", b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "Caf\xe9"}\n')
    records = list(read_sources([str(path)]))
    assert isinstance(records[0], InputDocument)
    failure = records[1]
    assert isinstance(failure, InputFailure) and failure.error.code == "E004"
    assert f"{path}:2" in failure.error.message and "at byte 24" in failure.error.message


def test_readers_jsonl_text_over_the_character_limit_is_e003(jsonl_file):
    path = jsonl_file("huge.jsonl", [{"id": "big", "text": "a " * (MAX_DOCUMENT_CHARS // 2 + 1)}])
    failure = _failure(read_sources([str(path)]))
    assert failure.error.code == "E003" and f"{path}:1" in failure.error.message


# ------------------------------------------------------------------ size: refuse one huge file, stream a huge batch

class _CountingStream(io.RawIOBase):
    """A file-like object that counts the bytes handed out (a pipe: no fileno, no size)."""

    def __init__(self, size: int):
        self.size, self.pos = size, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        n = min(len(buf), self.size - self.pos)
        buf[:n] = b"a" * n
        self.pos += n
        return n


def test_readers_txt_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        chunk = (ARTICLE * 200).encode()
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    with path.open("rb") as fh:
        failure = _failure(read_text(fh, str(path)))
        assert fh.tell() == 0  # refused on its size, not a byte read
    assert failure.error.code == "E003"
    assert str(path) in failure.error.message and "JSON Lines" in failure.error.message
    assert _failure(read_sources([str(path)])).error.code == "E003"


def test_readers_stream_over_the_size_limit_is_refused_after_limit_bytes():
    stream = _CountingStream(50 * 1024 * 1024)
    failure = _failure(read_text(io.BufferedReader(stream), "<pipe>"))
    assert failure.error.code == "E003"
    assert stream.pos <= MAX_FILE_BYTES + 1 + io.DEFAULT_BUFFER_SIZE


def test_readers_large_jsonl_is_streamed_record_by_record(tmp_path):
    path = tmp_path / "batch.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        n = 0
        while fh.tell() < 50 * 1024 * 1024:
            lines = [json.dumps({"id": f"d{n + i}", "text": ARTICLE * 5, "published": "2024-01-02"})
                     for i in range(1000)]
            fh.write("\n".join(lines) + "\n")
            n += 1000
    assert path.stat().st_size > MAX_FILE_BYTES  # too large as one document, fine as a batch
    with path.open("rb") as fh:
        first = list(itertools.islice(read_jsonl(fh, str(path)), 3))
        assert fh.tell() < 1024 * 1024  # only the start of the file was read
    assert [d.id for d in first] == ["d0", "d1", "d2"]
    assert all(isinstance(d, InputDocument) and d.published == "2024-01-02" for d in first)
    head = list(itertools.islice(read_sources([str(path)]), 3))
    assert [d.id for d in head] == ["d0", "d1", "d2"]
