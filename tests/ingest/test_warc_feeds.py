"""WARC archives and RSS/Atom feeds: every record or entry becomes an InputDocument or an InputFailure that
names the file and the record's byte offset (or the entry); nothing here needs the network."""
from __future__ import annotations

import io
from pathlib import Path

import feedparser
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.ingest.feeds import html_fragment_text, read_feed, read_feed_url
from sitrep.ingest.readers import InputDocument, InputFailure
from sitrep.ingest.warc import read_warc
from sitrep.kb.ingest import read_all, read_standard_input, reader_for
from sitrep.plugins import readers

DATA = Path(__file__).resolve().parents[1] / "data"

ARTICLE_HTML = """<html><head><title>{title}</title><meta property="og:site_name" content="Example Post"></head>
<body><nav>Home | World</nav><article><h1>{title}</h1>
<p>{body}</p>
<p>Officials said more talks were planned for next week, and that aid convoys would resume on Friday.</p>
<p>Residents told reporters that shops had reopened and that the streets were calm again.</p>
</article><footer>Example Post</footer></body></html>"""

BODIES = [
    ("Troops leave Goma", "Government troops withdrew from the outskirts of Goma on Sunday after a week of fighting."),
    ("Strike in Lille", "Dockworkers in Lille went on strike on Monday over pay, the union said."),
    ("Talks in Doha", "Envoys from both sides met in Doha on Tuesday to discuss a prisoner exchange."),
]


def _response(writer: WARCWriter, url: str, payload: bytes, content_type: str = "text/html; charset=utf-8",
              status: str = "200 OK", date: str = "2024-03-11T08:00:00Z"):
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    rec = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http,
                                    warc_headers_dict={"WARC-Date": date})
    writer.write_record(rec)


def make_warc(path: Path, n: int = 3, gz: bool = True, extras: bool = False) -> list[int]:
    """A WARC of ``n`` article responses (and, with ``extras``, records that are no article); their offsets."""
    offsets = []
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        if extras:
            w.write_record(w.create_warc_record("https://example.org/", "request",
                                                payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            _response(w, "https://example.org/logo.png", b"\x89PNG....", content_type="image/png")
            _response(w, "https://example.org/gone", b"<html>gone</html>", status="404 Not Found")
            offsets_start = fh.tell()
            _response(w, "https://example.org/plain.txt",
                      b"Police in Lagos arrested four men on Wednesday, a spokesman said.", "text/plain")
            offsets.append(offsets_start)
        for i in range(n):
            title, body = BODIES[i % len(BODIES)]
            offsets.append(fh.tell())
            _response(w, f"https://example.org/news/{i}", ARTICLE_HTML.format(title=f"{title} ({i})",
                                                                               body=body).encode())
    return offsets


def _docs(records) -> list[InputDocument]:
    return [r for r in records if isinstance(r, InputDocument)]


def _failures(records) -> list[InputFailure]:
    return [r for r in records if isinstance(r, InputFailure)]


def _read(path: Path):
    with path.open("rb") as fh:
        return list(read_warc(fh, str(path)))


# ------------------------------------------------------------------ registry

def test_warc_feeds_readers_are_registered_by_suffix():
    registered = readers.get_all()
    for suffix in (".warc", ".warc.gz", ".rss", ".atom", ".xml"):
        assert suffix in registered
    assert reader_for(Path("crawl/CC-NEWS-1.WARC.GZ")) is read_warc
    assert reader_for(Path("feed.xml")) is read_feed
    assert reader_for(Path("notes.gz")) is None


# ------------------------------------------------------------------ WARC

@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_reads_html_and_text_responses_and_passes_over_the_rest(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    offsets = make_warc(path, n=2, gz=gz, extras=True)
    records = _read(path)
    assert not _failures(records)
    docs = _docs(records)
    assert [d.url for d in docs] == ["https://example.org/plain.txt", "https://example.org/news/0",
                                     "https://example.org/news/1"]
    assert docs[0].text.startswith("Police in Lagos arrested four men")
    assert "Government troops withdrew" in docs[1].text and "Home | World" not in docs[1].text
    assert docs[1].title == "Troops leave Goma (0)"
    assert all(d.published == "2024-03-11" for d in docs)  # the crawl date where the page gives none
    assert [d.origin for d in docs] == [f"{path}, record at byte {o}" for o in offsets]
    assert len({d.id for d in docs}) == 3 and all(d.id for d in docs)


def test_warc_reads_one_record_at_a_time(tmp_path):
    path = tmp_path / "big.warc.gz"
    make_warc(path, n=250)
    assert path.stat().st_size > 128 * 1024
    with path.open("rb") as fh:
        it = read_warc(fh, str(path))
        assert isinstance(next(it), InputDocument)
        assert fh.tell() <= 32 * 1024  # warcio's read-ahead; the rest of the archive is still unread
        assert isinstance(next(it), InputDocument)


def _corrupt(path: Path, start: int, length: int = 24) -> None:
    data = bytearray(path.read_bytes())
    for k in range(start, start + length):
        data[k] ^= 0x5A
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_corrupt_record_is_a_failure_and_reading_goes_on(tmp_path, gz):
    path = tmp_path / ("bad.warc.gz" if gz else "bad.warc")
    offsets = make_warc(path, n=3, gz=gz)
    _corrupt(path, offsets[1] + 2)  # the gzip header / the WARC version line of the second record
    records = _read(path)
    assert [d.url for d in _docs(records)] == ["https://example.org/news/0", "https://example.org/news/2"]
    (fail,) = _failures(records)
    assert fail.origin == f"{path}, record at byte {offsets[1]}"
    assert fail.error.code == "E013"
    assert str(path) in fail.error.message and f"byte {offsets[1]}" in fail.error.message
    assert f"reading goes on at byte {offsets[2]}" in fail.error.message


def test_warc_corrupt_compressed_data_is_a_failure_and_reading_goes_on(tmp_path):
    path = tmp_path / "bad.warc.gz"
    offsets = make_warc(path, n=3)
    _corrupt(path, offsets[1] + 40, 40)  # inside the deflate stream of the second record
    records = _read(path)
    assert [d.url for d in _docs(records)] == ["https://example.org/news/0", "https://example.org/news/2"]
    assert [f.origin for f in _failures(records)] == [f"{path}, record at byte {offsets[1]}"]


def test_warc_truncated_gzip_member_stops_the_file_with_a_message(tmp_path):
    path = tmp_path / "cut.warc.gz"
    offsets = make_warc(path, n=3)
    path.write_bytes(path.read_bytes()[:offsets[2] + 120])
    records = _read(path)
    assert len(_docs(records)) == 2
    (fail,) = _failures(records)
    assert fail.origin == f"{path}, record at byte {offsets[2]}"
    assert "truncated" in fail.error.message and "rest of the file is skipped" in fail.error.message


def test_warc_file_that_is_no_warc_is_one_failure(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_bytes(b"These are my notes, not a web archive.\n")
    (fail,) = _read(path)
    assert isinstance(fail, InputFailure) and fail.origin == f"{path}, record at byte 0"
    assert "Invalid WARC record" in fail.error.message


def test_warc_html_page_without_article_is_a_failure_naming_the_record(tmp_path):
    path = tmp_path / "nav.warc.gz"
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        _response(w, "https://example.org/menu", b"<html><head><title>Menu</title></head><body></body></html>")
    (fail,) = _read(path)
    assert isinstance(fail, InputFailure) and fail.error.code == "E007"
    assert fail.origin == f"{path}, record at byte 0"


def test_warc_from_standard_input_is_recognised(tmp_path):
    path = tmp_path / "in.warc.gz"
    make_warc(path, n=2)
    docs = _docs(read_standard_input(io.BytesIO(path.read_bytes())))
    assert [d.url for d in docs] == ["https://example.org/news/0", "https://example.org/news/1"]


# ------------------------------------------------------------------ feeds

def test_feeds_rss_entries_become_documents_with_title_link_and_date():
    path = DATA / "ingest" / "headlines.rss"
    docs = _docs(read_all([str(path)]))
    assert [d.title for d in docs] == ["Ceasefire talks resume in Cairo", "Rebels seize town in the east"]
    first = docs[0]
    assert first.url == first.id == "https://world.example.org/2024/03/cairo-talks"
    assert first.published == "2024-03-14"  # the date where it was published, not in UTC (13 March)
    assert first.text == ("Negotiators met in Cairo on Wednesday to discuss a new ceasefire, Egyptian officials "
                          "said.\n\nThe talks are expected to continue on Thursday.")
    assert first.source == "Example World News" and first.language == "en"
    assert first.origin == f"{path}, entry 1"


def test_feeds_atom_content_is_preferred_and_an_empty_entry_is_a_failure():
    path = DATA / "feeds" / "world.atom"
    records = list(read_all([str(path)]))
    (doc,) = _docs(records)
    assert doc.text.startswith("Het kabinet stuurt tien miljoen euro") and "track()" not in doc.text
    assert doc.url == "https://buitenland.example.nl/hulp-gaza" and doc.published == "2024-03-15"
    assert doc.language == "nl"
    (fail,) = _failures(records)
    assert fail.origin == f"{path}, entry 2" and fail.error.code == "E006"


@pytest.mark.parametrize("name,code,words", [
    ("broken.rss", "E011", "not XML"),
    ("empty.rss", "E012", "no entries"),
])
def test_feeds_bad_feed_is_one_clear_failure(name, code, words):
    path = DATA / "feeds" / name
    (fail,) = list(read_all([str(path)]))
    assert isinstance(fail, InputFailure) and fail.origin == str(path)
    assert fail.error.code == code and words in fail.error.message and str(path) in fail.error.message


def test_feeds_html_page_saved_as_feed_is_a_failure(tmp_path):
    path = tmp_path / "page.xml"
    path.write_text("<html><body><p>Not a feed</p></body></html>", encoding="utf-8")
    (fail,) = list(read_all([str(path)]))
    assert fail.error.code == "E011" and "no <rss>" in fail.error.message


def test_feeds_url_is_fetched_by_feedparser(monkeypatch):
    """No network: feedparser.parse is handed the local file instead of the URL."""
    local = (DATA / "ingest" / "headlines.rss").read_bytes()
    parse = feedparser.parse
    seen = []

    def fake_parse(source, **kw):
        seen.append(source)
        result = parse(local)
        result["status"] = 200
        return result

    monkeypatch.setattr("feedparser.parse", fake_parse)
    url = "https://world.example.org/rss"
    docs = _docs(read_all([url]))
    assert seen == [url] and len(docs) == 2 and docs[0].origin == f"{url}, entry 1"


@pytest.mark.parametrize("result,words", [
    ({"status": 404, "bozo": 0, "entries": []}, "HTTP 404"),
    ({"bozo": 1, "bozo_exception": OSError("connection refused"), "entries": []}, "cannot fetch"),
])
def test_feeds_unreachable_url_is_a_failure(monkeypatch, result, words):
    monkeypatch.setattr("feedparser.parse", lambda source, **kw: feedparser.FeedParserDict(result))
    (fail,) = list(read_feed_url("https://down.example.org/rss"))
    assert fail.error.code == "E014" and words in fail.error.message


def test_feeds_from_standard_input_are_recognised():
    docs = _docs(read_standard_input(io.BytesIO((DATA / "ingest" / "headlines.rss").read_bytes())))
    assert len(docs) == 2 and docs[0].origin == "<stdin>, entry 1"


def test_feeds_entry_html_becomes_paragraphs():
    assert html_fragment_text("<p>Een <b>twee</b></p><p>drie<br>vier</p><style>p{}</style>") == \
        "Een twee\n\ndrie\nvier"
    assert html_fragment_text("Plain &amp; simple") == "Plain & simple"
