"""WARC archives (``.warc``, ``.warc.gz``): each HTML or plain-text response becomes a document.

Records are read one at a time through warcio, never the whole archive.  A
corrupt record or a truncated gzip member becomes an :class:`InputFailure`
naming the file and the record's byte offset; reading then goes on at the
next record warcio can find (the next gzip member, or the next ``WARC/1.x``
line of an uncompressed archive), and where there is none the file ends with
a message that says so.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..plugins import readers
from .readers import (
    MAX_FILE_BYTES,
    InputDocument,
    InputFailure,
    Record,
    html_to_document,
)

log = logging.getLogger(__name__)

# Payload types read as articles (anything else in a crawl: images, scripts, PDFs, is passed over quietly).
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
# How far ahead to look for the next record after a corrupt one, per read (bytes).
SCAN_BLOCK = 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = re.compile(rb"(?:^|\n)WARC/1\.[01]\r?\n")


def _reason(exc: BaseException) -> str:
    """warcio's own messages can span lines (and AttributeErrors mean 'ran out of data')."""
    if isinstance(exc, (AttributeError, EOFError)):
        return "the record ends early (truncated file)"
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    text = re.sub(r"[^\x20-\x7e]", "?", lines[0] if lines else type(exc).__name__)  # garbled bytes of the record
    return text if len(text) <= 100 else text[:97] + "..."


def _failure(name: str, offset: int, message: str, code: str = "E013") -> InputFailure:
    origin = _origin(name, offset)
    return InputFailure(origin, InputError(code, f"{origin}: {message}"))


def _origin(name: str, offset: int) -> str:
    return f"{name}, record at byte {offset}"


def _media_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    parts = [p.strip() for p in value.split(";")]
    charset = None
    for p in parts[1:]:
        if p.lower().startswith("charset="):
            charset = p.split("=", 1)[1].strip("\"' ") or None
    return parts[0].lower(), charset


def _decode(data: bytes, charset: str | None) -> str:
    if charset:
        try:
            return data.decode(charset, errors="replace")
        except LookupError:  # an unknown charset name in the header
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from trafilatura.utils import decode_file

        return str(decode_file(data))


def _document(record, name: str, offset: int) -> Record | None:
    """The document in one record, a failure, or None for a record that is no article (quietly passed)."""
    rec_type = record.rec_type
    if rec_type == "response":
        headers = record.http_headers
        if headers is None:
            return None
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):  # redirects and errors carry no article
            return None
        mtype, charset = _media_type(headers.get_header("Content-Type"))
    elif rec_type == "resource":
        mtype, charset = _media_type(record.rec_headers.get_header("Content-Type"))
    else:
        return None
    if mtype not in HTML_TYPES + TEXT_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    rec_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>").removeprefix("urn:uuid:")
    warc_date = record.rec_headers.get_header("WARC-Date") or ""
    origin = _origin(name, offset)
    data = record.content_stream().read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return InputFailure(origin, InputError("E003", f"{origin}: payload over "
                                                       f"{MAX_FILE_BYTES // (1024 * 1024)} MB, too large for one article"))
    if not data.strip():
        return InputFailure(origin, InputError("E001", f"{origin}: empty payload"))
    text = _decode(data, charset)
    doc_id = rec_id or f"{Path(name).name}@{offset}"
    try:
        if mtype in HTML_TYPES:
            doc = html_to_document(text, origin, doc_id)
        else:
            doc = InputDocument(id=doc_id, text=text, origin=origin)
    except InputError as exc:
        return InputFailure(origin, exc)
    doc.url = url or doc.url
    # The crawl date stands in for a publication date the page does not give (news crawls fetch fresh pages).
    if not doc.published and re.match(r"\d{4}-\d{2}-\d{2}", warc_date):
        doc.published = warc_date[:10]
    return doc


def _next_start(fh: IO[bytes], start: int, gz: bool) -> int | None:
    """Byte offset of the first plausible record start at or after ``start`` (None at the end of the file)."""
    pos = start
    tail = b""
    while True:
        fh.seek(pos)
        block = fh.read(SCAN_BLOCK)
        if not block:
            return None
        data = tail + block
        base = pos - len(tail)
        if gz:
            i = data.find(GZIP_MAGIC)
            if i >= 0 and base + i >= start:
                return base + i
        else:
            m = WARC_MAGIC.search(data)
            if m:
                i = m.start() + (1 if data[m.start():m.start() + 1] == b"\n" else 0)
                if base + i >= start:
                    return base + i
        tail = data[-16:]
        pos += len(block)


def _is_gzip(fh: IO[bytes]) -> bool:
    pos = fh.tell()
    head = fh.read(3)
    fh.seek(pos)
    return head == GZIP_MAGIC


@readers.register(".warc")
def read_warc(stream: IO[bytes], name: str) -> Iterator[Record]:
    """Every HTML or text response in a WARC file (gzip-compressed per record, or not compressed)."""
    from warcio.archiveiterator import WARCIterator

    try:
        seekable = stream.seekable()
    except (AttributeError, ValueError):
        seekable = False
    gz = _is_gzip(stream) if seekable else name.endswith(".gz")
    start = stream.tell() if seekable else 0
    resyncing = False  # after a failure: candidates that fail at once are not new failures
    reported: set[int] = set()  # offsets already reported (a broken payload fails again on the way out)
    while True:
        it = WARCIterator(stream)  # WARC only: warcio would read any text as an old ARC file
        offset = start
        n_read = 0
        try:
            for record in it:
                offset = it.offset
                try:
                    result = _document(record, name, offset)
                except Exception as exc:  # noqa: BLE001 - a payload that breaks off mid-way (zlib, chunking, EOF)
                    result = _failure(name, offset, _reason(exc))
                    reported.add(offset)
                n_read += 1
                resyncing = False
                if result is not None:
                    yield result
            return
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds (ArchiveLoadFailed, zlib.error, ...)
            failed_at = it.offset if it.offset is not None else offset
            quiet = (resyncing and n_read == 0) or failed_at in reported
            reason = _reason(exc)
            if not seekable:
                if not quiet:
                    yield _failure(name, failed_at, f"{reason}; the rest of the file is not read "
                                                    "(a stream cannot be searched for the next record)")
                return
            nxt = _next_start(stream, failed_at + 1, gz)
            if not quiet:
                reported.add(failed_at)
                yield _failure(name, failed_at, f"{reason}; no readable record follows, the rest of the file "
                                                "is skipped" if nxt is None else
                                                f"{reason}; reading goes on at byte {nxt}")
            if nxt is None:
                return
            log.debug("%s: corrupt record at byte %d, going on at byte %d", name, failed_at, nxt)
            resyncing = True
            stream.seek(nxt)
            start = nxt


readers.register(".warc.gz", func=read_warc)
