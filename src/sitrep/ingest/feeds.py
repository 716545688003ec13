"""RSS and Atom feeds (``.rss``, ``.atom``, ``.xml`` files, or an ``http(s)://`` URL) through feedparser.

Each entry becomes a document: its content (or else its summary) as text,
its title, its link as the URL and its publication date.  A feed that is not
XML, or has no entries, is one failure naming the feed; an entry without
content is a failure naming the entry.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..plugins import readers
from .readers import InputDocument, InputFailure, Record

# Feeds hold many entries: allow more than one article's worth of bytes.
MAX_FEED_BYTES = 50 * 1024 * 1024
# How long a feed URL may take to answer (seconds).
FETCH_TIMEOUT_S = 30
BLOCK_TAGS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table",
              "tr", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt")


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


# Characters XML does not allow (C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def html_fragment_text(html: str) -> str:
    """Plain text of an entry's HTML, one paragraph per block (feed content carries no page boilerplate)."""
    if "<" not in html:
        import html as htmllib

        return _tidy(htmllib.unescape(html))
    from lxml import etree
    from lxml import html as lh

    html = _NOT_XML.sub(" ", html)  # lxml parses control characters but refuses them when text is set below
    try:
        root = lh.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter(*BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
        if el.text is not None or len(el):
            el.text = "\n\n" + (el.text or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _date(entry: Any) -> str | None:
    """The entry's publication date in its own time zone (feedparser's parsed dates are in UTC)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()  # RSS: RFC 822
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return dt.datetime.fromisoformat(raw.strip()).date().isoformat()  # Atom
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _content(entry: Any) -> str:
    """The longest of the entry's contents, else its summary (both may be HTML)."""
    values = [c.get("value") or "" for c in entry.get("content") or []]
    best = max(values, key=len, default="")
    return best if best.strip() else (entry.get("summary") or entry.get("description") or "")


def _language(feed: Any) -> str | None:
    lang = (feed.get("language") or "").strip().lower()
    return lang[:2] if re.match(r"[a-z]{2}(?:$|[-_])", lang) else None


def entries(parsed: Any, name: str) -> Iterator[Record]:
    """Documents (or failures) from a feed as feedparser parsed it."""
    version = parsed.get("version") or ""
    if not version:
        exc = parsed.get("bozo_exception")
        if parsed.get("bozo") and exc is not None:
            what = f"not XML ({getattr(exc, 'getMessage', lambda: str(exc))()})"
        else:
            what = "no <rss>, <feed> or <rdf:RDF> element (an HTML page?)"
        yield InputFailure(name, InputError("E011", f"{name}: not an RSS or Atom feed: {what}"))
        return
    if not parsed.entries:
        yield InputFailure(name, InputError("E012", f"{name}: the feed has no entries"))
        return
    feed = parsed.get("feed") or {}
    source = (feed.get("title") or "").strip() or None
    language = _language(feed)
    stem = Path(name).stem if not is_url(name) else re.sub(r"\W+", "-", name.split("://", 1)[1]).strip("-")
    for n, entry in enumerate(parsed.entries, 1):
        origin = f"{name}, entry {n}"
        text = html_fragment_text(_content(entry))
        if not text:
            yield InputFailure(origin, InputError("E006", f"{origin}: the entry has no content or summary"))
            continue
        link = (entry.get("link") or "").strip() or None
        doc_id = str(entry.get("id") or link or f"{stem}-{n}")
        yield InputDocument(id=doc_id, text=text, published=_date(entry), language=language, source=source,
                            url=link, title=(entry.get("title") or "").strip() or None, origin=origin)


@readers.register(".rss")
def read_feed(stream: IO[bytes], name: str) -> Iterator[Record]:
    """An RSS or Atom feed in a file."""
    import feedparser

    data = stream.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        yield InputFailure(name, InputError("E003", f"{name}: over {MAX_FEED_BYTES // (1024 * 1024)} MB, too "
                                                    "large for a feed"))
        return
    if not data.strip():
        yield InputFailure(name, InputError("E001", f"{name}: the feed is empty"))
        return
    yield from entries(feedparser.parse(data), name)


readers.register(".atom", func=read_feed)
readers.register(".xml", func=read_feed)


def read_feed_url(url: str) -> Iterator[Record]:
    """A feed fetched from ``url`` by feedparser (which follows redirects and sends its own User-Agent)."""
    import feedparser

    from .. import __version__

    old = socket.getdefaulttimeout()
    socket.setdefaulttimeout(FETCH_TIMEOUT_S)
    try:
        parsed = feedparser.parse(url, agent=f"sitrep/{__version__} (+feed reader)")
    finally:
        socket.setdefaulttimeout(old)
    status = parsed.get("status")
    if status is not None and status >= 400:
        yield InputFailure(url, InputError("E014", f"{url}: the server answered HTTP {status}"))
        return
    if status is None and not parsed.get("version") and parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        reason = getattr(exc, "reason", None) or exc
        yield InputFailure(url, InputError("E014", f"{url}: cannot fetch the feed ({reason})"))
        return
    yield from entries(parsed, url)
