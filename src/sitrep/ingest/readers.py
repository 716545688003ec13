"""Readers: files and streams in, :class:`InputDocument` records out.

Strict at the door, tolerant inside: each reader yields either a document or
an :class:`InputFailure` naming the file, line and problem, so a batch can
report a bad line and go on while a single bad file ends with an error.
"""
from __future__ import annotations

import io
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from ..errors import MAX_DOCUMENT_CHARS, InputError
from ..plugins import readers

log = logging.getLogger(__name__)

# A single document file larger than this is refused before it is read (JSON Lines files are streamed).
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(slots=True)
class InputDocument:
    id: str
    text: str
    published: str | None = None
    language: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str = ""


@dataclass(slots=True)
class InputFailure:
    origin: str
    error: InputError


Record = InputDocument | InputFailure


def decode(data: bytes, origin: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is an error that says where."""
    if not data.strip():
        raise InputError("E001", f"{origin}: the document is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("E004", f"{origin}: invalid UTF-16 at byte {exc.start} (the file starts with a "
                                     "UTF-16 byte order mark); convert the file to UTF-8") from exc
    if b"\x00" in data[:4096]:
        raise InputError("E002", f"{origin}: binary data (NUL bytes), not text, HTML or JSON Lines")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("E004", f"{origin}: invalid UTF-8 at byte {exc.start} "
                                 f"({data[exc.start:exc.start + 4]!r}); convert the file to UTF-8") from exc


def html_to_document(html: str, origin: str, doc_id: str) -> InputDocument:
    """Main text and metadata of an HTML page through trafilatura."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not text or not text.strip() or not _has_prose(text):
        # a menu, a cookie wall or a list of links is no article: trafilatura still returns its words
        raise InputError("E007", f"{origin}: no article text found in the HTML (empty, broken or not an article)")
    meta = trafilatura.extract_metadata(html)
    return InputDocument(id=doc_id, text=text, published=getattr(meta, "date", None) if meta else None,
                         source=getattr(meta, "sitename", None) if meta else None,
                         url=getattr(meta, "url", None) if meta else None,
                         title=getattr(meta, "title", None) if meta else None, origin=origin)


# A page is an article when some line of its main text reads as a sentence of at least this many words;
# navigation menus, link lists and cookie notices that trafilatura keeps are lines of one to four words.
MIN_SENTENCE_WORDS = 6


def _has_prose(text: str) -> bool:
    return any(len(line.split()) >= MIN_SENTENCE_WORDS for line in text.splitlines())


def parse_json_record(line: str, origin: str, fallback_id: str) -> InputDocument:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        what = exc.msg.removesuffix(" at")  # json's own messages end in "at" for some errors
        raise InputError("E005", f"{origin}: malformed JSON ({what} at column {exc.colno})") from exc
    except RecursionError:  # [[[[... thousands deep: a bad line, not the end of the run
        raise InputError("E005", f"{origin}: malformed JSON (nested too deeply)") from None
    if not isinstance(obj, dict):
        raise InputError("E005", f"{origin}: expected a JSON object, got {type(obj).__name__}")
    return document_from_object(obj, origin, fallback_id)


def document_from_object(obj: dict, origin: str, fallback_id: str) -> InputDocument:
    """A document from one record's fields (a JSON object, a Parquet row): text or html, and metadata."""
    doc_id = str(obj.get("id") if obj.get("id") is not None else fallback_id)
    if isinstance(obj.get("text"), str) and obj["text"].strip():
        doc = InputDocument(id=doc_id, text=obj["text"], origin=origin)
    elif isinstance(obj.get("html"), str) and obj["html"].strip():
        doc = html_to_document(obj["html"], origin, doc_id)
    else:
        raise InputError("E006", f"{origin}: no 'text' or 'html' field with content")
    if len(doc.text) > MAX_DOCUMENT_CHARS:
        raise InputError("E003", f"{origin}: text of {len(doc.text):,} characters is over the limit of "
                                 f"{MAX_DOCUMENT_CHARS:,}")
    for key in ("published", "language", "source", "url", "title"):
        if obj.get(key) is not None:
            setattr(doc, key, str(obj[key]))
    return doc


@readers.register(".jsonl")
def read_jsonl(stream: IO[bytes], name: str) -> Iterator[Record]:
    for n, raw in enumerate(stream, 1):
        origin = f"{name}:{n}"
        if not raw.strip():
            continue
        try:
            line = decode(raw.rstrip(b"\r\n"), origin)
            yield parse_json_record(line, origin, f"{Path(name).stem}-{n}")
        except InputError as exc:
            yield InputFailure(origin, exc)


def _too_large(name: str) -> InputError:
    return InputError("E003", f"{name}: over {MAX_FILE_BYTES // (1024 * 1024)} MB, too large for one article "
                              "(give a JSON Lines file for many documents)")


def _whole(stream: IO[bytes], name: str) -> str:
    try:  # a regular file says its size: refuse it without reading a byte
        size = os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):
        size = 0
    if size > MAX_FILE_BYTES:
        raise _too_large(name)
    data = stream.read(MAX_FILE_BYTES + 1)  # pipes and streams: read at most one byte past the limit
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(name)
    return decode(data, name)


@readers.register(".txt")
def read_text(stream: IO[bytes], name: str) -> Iterator[Record]:
    try:
        yield InputDocument(id=Path(name).stem, text=_whole(stream, name), origin=name)
    except InputError as exc:
        yield InputFailure(name, exc)


@readers.register(".html")
def read_html(stream: IO[bytes], name: str) -> Iterator[Record]:
    try:
        yield html_to_document(_whole(stream, name), name, Path(name).stem)
    except InputError as exc:
        yield InputFailure(name, exc)


readers.register(".htm", func=read_html)
readers.register(".json", func=read_jsonl)


def read_stdin(stream: IO[bytes] | None = None) -> Iterator[Record]:
    """Standard input: JSON Lines if it starts with '{', HTML if with '<', else one plain-text document."""
    stream = stream or sys.stdin.buffer
    if not hasattr(stream, "peek"):  # e.g. io.BytesIO: give it a buffer to look ahead in
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    head = stream.peek(64)[:64]
    first = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if first == b"{":
        yield from read_jsonl(stream, "<stdin>")
    elif first == b"<":
        yield from read_html(stream, "<stdin>")
    else:
        yield from read_text(stream, "<stdin>")


def _suffix(name: str) -> str | None:
    """The longest registered suffix that ends ``name`` (".warc.gz" before ".gz")."""
    found = [s for s in readers.get_all() if name.endswith(s) and len(name) > len(s)]
    return max(found, key=len) if found else None


def reader_for(name: str):
    """The reader registered for a file name's (longest) suffix, or None."""
    suffix = _suffix(name.lower())
    return readers.get_all()[suffix] if suffix else None


def read_sources(paths: list[str]) -> Iterator[Record]:
    """Every document of every path (files by suffix, folders recursively, '-' for standard input)."""
    for p in paths:
        if p == "-":
            yield from read_stdin()
            continue
        path = Path(p)
        if path.is_dir():
            children = sorted(c for c in path.rglob("*") if c.is_file() and _suffix(c.name.lower()))
            yield from read_sources([str(c) for c in children])
            continue
        if not path.is_file():
            yield InputFailure(p, InputError("E008", f"{p}: no such file"))
            continue
        reader = reader_for(path.name) or read_text
        try:
            fh = path.open("rb")
        except OSError as exc:  # permission denied, a vanished file, ...
            yield InputFailure(p, InputError("E008", f"{p}: cannot open the file ({exc.strerror or exc})"))
            continue
        with fh:
            yield from reader(fh, str(path))


# More readers register themselves by suffix as their modules load: WARC archives, RSS and Atom feeds.
from . import feeds, warc  # noqa: F401,E402
