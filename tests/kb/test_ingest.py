"""``sitrep ingest``: every format into the knowledge base, idempotent, resumable after ``kill -9``, the same
with one or more workers, and clear exits when the input is bad or the database is not available."""
from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.cli import main
from sitrep.kb.ingest import IngestSummary, ingest, open_kb
from sitrep.kb.schema import (
    ActorLink,
    Base,
    Document,
    Event,
    EventReport,
    Quote,
    QuoteReport,
)

DATA = Path(__file__).resolve().parents[1] / "data"
EX_DATAERR, EX_NOINPUT, EX_UNAVAILABLE = 65, 66, 69

CITIES = ["Kandahar", "Mosul", "Aleppo", "Goma", "Mogadishu", "Bamako", "Kharkiv", "Khartoum", "Sanaa", "Tripoli"]
WARC_PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body}</p><p>Aid groups said they were ready to send food and medicine as soon as the roads were open.</p>
<p>Local radio reported that the market had reopened on the same afternoon.</p></article></body></html>"""


def _write_warc(path: Path, pages: list[tuple[str, str, str]]) -> list[int]:
    """A .warc.gz of HTML responses (url, title, body); the byte offset of each record."""
    offsets = []
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, title, body in pages:
            offsets.append(fh.tell())
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            payload = WARC_PAGE.format(title=title, body=body).encode()
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http,
                                                warc_headers_dict={"WARC-Date": "2024-03-10T07:00:00Z"}))
    return offsets


def _generated(path: Path, n: int, start: int = 0) -> Path:
    """``n`` short distinct English reports as JSON Lines."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            city = CITIES[i % len(CITIES)]
            text = (f"Gunmen attacked a police post in {city} on Monday, killing {i % 7 + 2} officers, officials "
                    f"said. The attack was the {i + 1}th this year.")
            fh.write(json.dumps({"id": f"gen-{i}", "text": text, "published": "2024-03-11", "language": "en",
                                 "url": f"https://gen.example.org/{i}"}) + "\n")
    return path


@pytest.fixture
def folder(tmp_path) -> Path:
    """Every format: .txt, .html, .jsonl, .rss from tests/data and a .warc.gz written here (8 documents)."""
    target = tmp_path / "in"
    shutil.copytree(DATA / "ingest", target)
    (target / "crawl").mkdir()
    _write_warc(target / "crawl" / "news.warc.gz", [
        ("https://post.example.org/goma", "Fighting near Goma",
         "Heavy fighting broke out near Goma on Saturday between the army and rebel fighters, witnesses said."),
        ("https://post.example.org/bamako", "Protest in Bamako",
         "Thousands of people protested in Bamako on Friday against rising fuel prices."),
    ])
    return target


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of every table (but ingestion times), in id order: two equal snapshots are one database."""
    kb = open_kb(url)
    try:
        with kb.engine.connect() as conn:
            return {t.name: [tuple(v for k, v in row._mapping.items() if k != "ingested_at")
                             for row in conn.execute(select(t).order_by(*t.primary_key.columns))]
                    for t in Base.metadata.sorted_tables}
    finally:
        kb.engine.dispose()


def assert_consistent(url: str) -> int:
    """Each document has all its reports, and nothing merged is left without one; the number of documents."""
    kb = open_kb(url)
    try:
        with kb.session() as s:
            docs = s.scalars(select(Document)).all()
            for d in docs:
                for table, key in ((EventReport, "events"), (QuoteReport, "quotes"), (ActorLink, "actors")):
                    n = s.scalar(select(func.count()).select_from(table).where(table.document_id == d.id))
                    assert n == len(d.analysis[key]), (d.doc_key, key)
            assert not s.scalar(select(func.count()).select_from(Event).where(
                ~Event.id.in_(select(EventReport.event_id))))
            assert not s.scalar(select(func.count()).select_from(Quote).where(
                ~Quote.id.in_(select(QuoteReport.quote_id))))
            assert len({d.content_hash for d in docs}) == len({d.url or d.content_hash for d in docs}) == len(docs)
            return len(docs)
    finally:
        kb.engine.dispose()


def _ingest(capsys, *args: str) -> tuple[int, str]:
    rc = main(["ingest", *args])
    return rc, capsys.readouterr().err


# ------------------------------------------------------------------ every format, idempotent, reanalyse

def test_ingest_help_lists_its_options(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["ingest", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for option in ("SOURCE", "--db", "--workers", "--reanalyse", "--published", "--lang", "--busy-timeout"):
        assert option in out


def test_ingest_folder_of_every_format(folder, kb_url, capsys):
    rc, err = _ingest(capsys, str(folder), "--db", kb_url)
    assert rc == 0, err
    assert "documents 8 new, 0 skipped, 0 updated, 0 failed" in err
    assert "Traceback" not in err
    snap = snapshot(kb_url)
    keys = {row[1] for row in snap["documents"]}  # doc_key
    assert {"kandahar", "utrecht", "wire-1", "wire-2", "https://world.example.org/2024/03/cairo-talks"} <= keys
    urls = {row[2] for row in snap["documents"]}
    assert {"https://post.example.org/goma", "https://nieuws.example.nl/binnenland/boeren-utrecht"} <= urls
    assert snap["events"] and snap["event_reports"]
    assert assert_consistent(kb_url) == 8


def test_ingest_again_is_a_noop(folder, kb_url, capsys):
    assert _ingest(capsys, str(folder), "--db", kb_url)[0] == 0
    before = snapshot(kb_url)
    rc, err = _ingest(capsys, str(folder), "--db", kb_url)
    assert rc == 0 and "documents 0 new, 8 skipped, 0 updated, 0 failed; events 0 new, 0 merged" in err
    assert snapshot(kb_url) == before


def test_ingest_reanalyse_replaces_the_reports(folder, kb_url, capsys):
    assert _ingest(capsys, str(folder), "--db", kb_url)[0] == 0
    before = snapshot(kb_url)
    rc, err = _ingest(capsys, str(folder), "--db", kb_url, "--reanalyse")
    assert rc == 0 and "documents 0 new, 0 skipped, 8 updated, 0 failed" in err
    after = snapshot(kb_url)
    assert after["documents"] == before["documents"]
    assert len(after["events"]) == len(before["events"]) and len(after["event_reports"]) == len(
        before["event_reports"])
    assert assert_consistent(kb_url) == 8


def test_ingest_api_returns_a_summary(kb_url):
    kb = open_kb(kb_url)
    try:
        seen: list[int] = []
        s = ingest([str(DATA / "ingest" / "wire.jsonl")], kb, progress=lambda x: seen.append(x.total))
        assert isinstance(s, IngestSummary)
        assert (s.new, s.skipped, s.updated, s.failed) == (2, 0, 0, 0) and s.exit_code() == 0
        assert s.events_new + s.events_merged >= 1 and seen == [1, 2]
        again = ingest([str(DATA / "ingest" / "wire.jsonl")], kb)
        assert (again.new, again.skipped) == (0, 2)
    finally:
        kb.engine.dispose()


def test_ingest_standard_input(kb_url, capsys, monkeypatch):
    data = (DATA / "ingest" / "headlines.rss").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    rc, err = _ingest(capsys, "-", "--db", kb_url)
    assert rc == 0 and "2 new" in err


def test_ingest_progress_lines_without_a_terminal(kb_url, capsys, monkeypatch):
    monkeypatch.setenv("SITREP_PROGRESS_INTERVAL", "0.001")
    rc, err = _ingest(capsys, str(DATA / "ingest" / "wire.jsonl"), "--db", kb_url)
    assert rc == 0 and "ingest: 2 documents (2 new, 0 skipped, 0 updated, 0 failed)" in err and "docs/s" in err


# ------------------------------------------------------------------ bad input

def test_ingest_reports_each_failure_and_goes_on(tmp_path, kb_url, capsys):
    src = tmp_path / "mixed"
    src.mkdir()
    shutil.copy(DATA / "ingest" / "kandahar.txt", src)
    shutil.copy(DATA / "feeds" / "broken.rss", src)
    (src / "menu.html").write_text("<html><head><title>Menu</title></head><body></body></html>", encoding="utf-8")
    warc = src / "crawl.warc.gz"
    offsets = _write_warc(warc, [(f"https://post.example.org/{c}", f"News from {c}",
                                  f"Soldiers arrested a local official in {c} on Thursday, residents said.")
                                 for c in CITIES[:3]])
    data = bytearray(warc.read_bytes())
    for k in range(offsets[1] + 2, offsets[1] + 26):  # break the second record's gzip header
        data[k] ^= 0x5A
    warc.write_bytes(bytes(data))

    rc, err = _ingest(capsys, str(src), "--db", kb_url)
    assert rc == 0, err
    assert "documents 3 new, 0 skipped, 0 updated, 3 failed" in err
    assert f"{warc}, record at byte {offsets[1]}: " in err and "[E013]" in err
    assert f"{src / 'menu.html'}: no article text" in err
    assert f"{src / 'broken.rss'}: not an RSS or Atom feed" in err
    assert "Traceback" not in err
    assert assert_consistent(kb_url) == 3


def test_ingest_all_bad_input_exits_65(tmp_path, kb_url, capsys):
    rc, err = _ingest(capsys, str(DATA / "feeds" / "broken.rss"), str(DATA / "feeds" / "empty.rss"),
                      "--db", kb_url)
    assert rc == EX_DATAERR and "2 failed" in err


def test_ingest_no_input_exits_66(tmp_path, kb_url, capsys):
    (tmp_path / "empty").mkdir()
    rc, err = _ingest(capsys, str(tmp_path / "empty"), "--db", kb_url)
    assert rc == EX_NOINPUT and "no documents found" in err
    rc, err = _ingest(capsys, str(tmp_path / "missing.txt"), "--db", kb_url)
    assert rc == EX_NOINPUT and "missing.txt: no such file" in err


# ------------------------------------------------------------------ the database not available

@pytest.mark.parametrize("how", ["option", "environment"])
def test_ingest_locked_database_waits_then_fails_clearly(tmp_path, capsys, monkeypatch, how):
    db = tmp_path / "locked.db"
    assert _ingest(capsys, str(DATA / "ingest" / "kandahar.txt"), "--db", str(db))[0] == 0
    args = ["--busy-timeout", "0.3"] if how == "option" else []
    if how == "environment":
        monkeypatch.setenv("SITREP_BUSY_TIMEOUT", "0.3")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another writer holds the lock
    try:
        started = time.monotonic()
        rc, err = _ingest(capsys, str(DATA / "ingest" / "wire.jsonl"), "--db", str(db), *args)
        elapsed = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert rc == EX_UNAVAILABLE, err
    assert 0.25 <= elapsed < 5
    assert "[E021]" in err and "locked" in err and "run the same command again" in err
    assert "Traceback" not in err
    assert assert_consistent(str(db)) == 1  # nothing stored before is lost
    rc, err = _ingest(capsys, str(DATA / "ingest" / "wire.jsonl"), "--db", str(db), *args)
    assert rc == 0 and "2 new" in err


def test_ingest_unreachable_postgresql_exits_69(capsys):
    rc, err = _ingest(capsys, str(DATA / "ingest" / "kandahar.txt"), "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert rc == EX_UNAVAILABLE
    assert "[E020] cannot open the database" in err and "127.0.0.1" in err
    assert "Traceback" not in err


def test_ingest_database_that_is_no_database_exits_69(tmp_path, capsys):
    bogus = tmp_path / "notes.db"
    bogus.write_text("just some notes\n" * 200, encoding="utf-8")
    rc, err = _ingest(capsys, str(DATA / "ingest" / "kandahar.txt"), "--db", str(bogus))
    assert rc == EX_UNAVAILABLE and "cannot open the database" in err and "Traceback" not in err


# ------------------------------------------------------------------ parallel, kill -9

def test_ingest_two_workers_give_the_same_database_as_one(tmp_path, folder, capsys):
    _generated(folder / "generated.jsonl", 24)
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    rc, err = _ingest(capsys, str(folder), "--db", one)
    assert rc == 0 and "32 new" in err, err
    rc, err = _ingest(capsys, str(folder), "--db", two, "--workers", "2")
    assert rc == 0 and "32 new" in err, err
    a, b = snapshot(one), snapshot(two)
    assert len(a["documents"]) == 32 and a == b


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=0.1)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # not created yet, or busy for a moment
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_ingest_killed_midway_leaves_a_consistent_database_and_resumes(tmp_path, capsys):
    src = _generated(tmp_path / "many.jsonl", 150)
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "sitrep", "ingest", str(src), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 45
        while _count(db) < 5 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL  # killed, not finished
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    committed = assert_consistent(str(db))
    assert 5 <= committed < 150

    rc, err = _ingest(capsys, str(src), "--db", str(db))
    assert rc == 0, err
    assert f"documents {150 - committed} new, {committed} skipped, 0 updated, 0 failed" in err
    assert assert_consistent(str(db)) == 150
    keys = [row[1] for row in snapshot(str(db))["documents"]]
    assert sorted(keys) == sorted(f"gen-{i}" for i in range(150))
