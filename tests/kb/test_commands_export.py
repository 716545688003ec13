"""``sitrep export`` says what it wrote and where; ``sitrep ingest`` never stores a page without an article."""
from __future__ import annotations

from sitrep.cli import main
from sitrep.kb.store import KnowledgeBase

MENU = (b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        b"<footer>Privacy. Cookies.</footer></body></html>")


def test_export_prints_what_was_written_and_where(news_kb, tmp_path, capsys):
    if not news_kb.url.startswith("sqlite"):
        return  # the message does not depend on the backend
    db = news_kb.url.removeprefix("sqlite:///")
    out = tmp_path / "events.csv"
    assert main(["export", "--db", db, "--format", "acled", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"sitrep export: 3 events written to {out} (acled)" in err
    assert main(["export", "--db", db, "--format", "plover", "--type", "PROTEST", "-o", str(out)]) == 0
    assert "1 event written" in capsys.readouterr().err  # one event, not "1 events"
    assert main(["-q", "export", "--db", db, "--format", "acled", "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""


def test_ingest_refuses_a_page_without_an_article(tmp_path, capsys):
    page = tmp_path / "menu.html"
    page.write_bytes(MENU)
    db = tmp_path / "kb.db"
    assert main(["ingest", str(page), "--db", str(db)]) == 65
    err = capsys.readouterr().err
    assert "[E007]" in err and "no article text" in err
    kb = KnowledgeBase(str(db))
    try:
        assert kb.counts()["documents"] == 0
    finally:
        kb.engine.dispose()
