"""The command line, in-process through ``main([...])`` and (a few times: each start costs seconds) as
``python -m sitrep`` in a subprocess."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.cli import EXIT_DATAERR, EXIT_NOINPUT, main

ARTICLE = "Hezbollah fired rockets at northern Israel on Monday, the Israeli army said.\n"


def _run_module(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "sitrep", *args], input=stdin if stdin is not None else b"",
                          capture_output=True, timeout=120, cwd=cwd, env=env)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def examples_jsonl(tmp_path_factory, articles_path) -> list[dict]:
    """examples/articles.jsonl analysed once by ``sitrep analyze --output``."""
    out = tmp_path_factory.mktemp("cli") / "out.jsonl"
    assert main(["analyze", str(articles_path), "--output", str(out)]) == 0
    return _lines(out)


# ------------------------------------------------------------------ help

def test_cli_help_lists_the_analyze_command(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "usage: sitrep" in out and "analyze" in out


def test_cli_analyze_help_lists_its_options(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["analyze", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for option in ("--published", "--lang", "--output", "--format", "--with-indirect", "--with-text", "FILE"):
        assert option in out


def test_cli_module_help_runs_as_a_program():
    proc = _run_module("--help")
    assert proc.returncode == 0 and b"analyze" in proc.stdout and proc.stderr == b""


def test_cli_without_a_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2
    assert "usage" in capsys.readouterr().err


# ------------------------------------------------------------------ output formats

def test_cli_jsonl_output_has_one_valid_record_per_document(examples_jsonl, example_records, format_keys):
    assert [d["id"] for d in examples_jsonl] == [r["id"] for r in example_records]
    for doc, rec in zip(examples_jsonl, example_records):
        assert format_keys["doc"] <= doc.keys()
        assert doc["schema"] == "sitrep/1"
        assert doc["published"] == rec["published"]
        assert doc["language"] == rec["id"][:2]  # detected: the records give no language
        assert "text" not in doc  # only with --with-text
        for actor in doc["actors"]:
            assert format_keys["actor"] <= actor.keys()
        for event in doc["events"]:
            assert format_keys["event"] <= event.keys()
        for quote in doc["quotes"]:
            assert format_keys["quote"] <= quote.keys()
            assert quote["kind"] == "direct"  # reported speech only with --with-indirect
        for relation in doc["relations"]:
            assert format_keys["relation"] <= relation.keys()


def test_cli_jsonl_output_is_one_line_per_document(tmp_path, articles_path, example_records):
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(articles_path), "-o", str(out)]) == 0
    raw = out.read_text(encoding="utf-8")
    assert raw.endswith("\n") and raw.count("\n") == len(example_records)


def test_cli_json_format_is_one_array_equal_to_the_jsonl_records(tmp_path, articles_path, examples_jsonl):
    out = tmp_path / "out.json"
    assert main(["analyze", str(articles_path), "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == examples_jsonl


def test_cli_table_format_shows_each_document(tmp_path, articles_path, example_records):
    out = tmp_path / "out.txt"
    assert main(["analyze", str(articles_path), "--format", "table", "-o", str(out)]) == 0
    table = out.read_text(encoding="utf-8")
    for rec in example_records:
        assert rec["id"] in table
    assert table.count("Events") == len(example_records) and "Quotes" in table and "Actors:" in table
    assert "published 2024-06-05" in table


def test_cli_writes_to_stdout_without_output(capsys, examples_dir):
    assert main(["analyze", str(examples_dir / "article-en.html")]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["id"] == "article-en" and doc["published"] == "2024-02-07" and doc["language"] == "en"


def test_cli_with_text_includes_the_input_text(capsys, examples_dir):
    path = examples_dir / "article-nl.txt"
    assert main(["analyze", str(path), "--with-text"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["text"] == path.read_text(encoding="utf-8")


def test_cli_with_indirect_adds_reported_speech(tmp_path, articles_path, examples_jsonl):
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(articles_path), "--with-indirect", "-o", str(out)]) == 0
    with_indirect = _lines(out)
    kinds = {q["kind"] for d in with_indirect for q in d["quotes"]}
    assert kinds == {"direct", "indirect"}
    direct = [[q for q in d["quotes"] if q["kind"] == "direct"] for d in with_indirect]
    assert [len(qs) for qs in direct] == [len(d["quotes"]) for d in examples_jsonl]


# ------------------------------------------------------------------ standard input

def test_cli_dash_reads_jsonl_from_stdin(monkeypatch, capsys, articles_path, examples_jsonl):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(articles_path.read_bytes()))))
    assert main(["analyze", "-"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert docs == examples_jsonl


def test_cli_module_reads_plain_text_from_stdin(examples_dir):
    proc = _run_module("analyze", "-", "--published", "2024-06-05",
                       stdin=(examples_dir / "article-nl.txt").read_bytes())
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["id"] == "<stdin>" and doc["language"] == "nl" and doc["published"] == "2024-06-05"
    assert doc["events"]


# ------------------------------------------------------------------ --published and --lang on plain files

def test_cli_published_and_lang_apply_to_plain_files(capsys, examples_dir):
    path = str(examples_dir / "article-nl.txt")
    assert main(["analyze", path]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert main(["analyze", path, "--published", "2024-06-05", "--lang", "de"]) == 0
    given = json.loads(capsys.readouterr().out)
    assert plain["language"] == "nl" and given["language"] == "de"
    assert plain["published"] != "2024-06-05" and given["published"] == "2024-06-05"
    assert main(["analyze", path, "--published", "2024-06-05"]) == 0
    dated = json.loads(capsys.readouterr().out)
    # "dinsdagavond" (Tuesday evening) is resolved against the date given
    assert any(e["date"] == "2024-06-04" for e in dated["events"])


def test_cli_records_own_metadata_wins_over_the_options(capsys, jsonl_file):
    path = jsonl_file("one.jsonl", [{"id": "r1", "text": ARTICLE, "published": "2024-01-08", "language": "en"}])
    assert main(["analyze", str(path), "--published", "2020-01-01", "--lang", "nl"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["published"], doc["language"]) == ("2024-01-08", "en")


@pytest.mark.parametrize("value", ["2024-13-01", "yesterday", "2024-02-30", "24-01-01"])
def test_cli_invalid_published_is_a_usage_error(capsys, examples_dir, value):
    with pytest.raises(SystemExit) as exc:
        main(["analyze", str(examples_dir / "article-nl.txt"), "--published", value])
    assert exc.value.code == 2
    assert "--published" in capsys.readouterr().err


# ------------------------------------------------------------------ bad input

@pytest.mark.parametrize(("name", "data", "words"), [
    ("empty.txt", b"", ["empty"]),
    ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)), ["binary"]),
    ("latin1.txt", "Bagdad, d\u00e9cembre : frappe".encode("latin-1"), ["invalid UTF-8 at byte 9"]),
    ("nothing.html", b"<html><head><title>Home</title></head><body></body></html>", ["no article text"]),
    ("menu.html", b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
                  b"<footer>Privacy. Cookies.</footer></body></html>", ["[E007]", "no article text"]),
    ("empty-code.txt", b"", ["[E001]"]),  # the error line carries its code, as sitrep ingest's do
])
def test_cli_single_bad_document_exits_65_with_a_message(capsys, write_bytes, tmp_path, name, data, words):
    path = write_bytes(name, data)
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(path), "-o", str(out)]) == EXIT_DATAERR
    err = capsys.readouterr().err
    assert str(path) in err and "ERROR" in err and "Traceback" not in err
    for word in words:
        assert word in err
    assert out.read_text() == ""


def test_cli_missing_file_exits_66(capsys, tmp_path):
    assert main(["analyze", str(tmp_path / "nope.txt")]) == EXIT_NOINPUT
    err = capsys.readouterr().err
    assert "nope.txt: no such file" in err


def test_cli_folder_without_documents_exits_66(capsys, tmp_path):
    (tmp_path / "readme.md").write_text("nothing to see")
    (tmp_path / "sub").mkdir()
    assert main(["analyze", str(tmp_path / "sub")]) == EXIT_NOINPUT
    assert "no documents found" in capsys.readouterr().err


def test_cli_module_bad_document_has_no_traceback(write_bytes):
    path = write_bytes("bad.txt", b"abc\x00\x00\x00" * 100)
    proc = _run_module("analyze", str(path))
    assert proc.returncode == EXIT_DATAERR
    err = proc.stderr.decode()
    assert f"{path}: binary data" in err and "Traceback" not in err
    assert proc.stdout == b""


def test_cli_batch_reports_bad_lines_and_writes_the_good_documents(capsys, tmp_path, jsonl_file, example_records):
    path = jsonl_file("batch.jsonl", [
        example_records[0],
        '{"id": "broken", "text": "no closing brace"',
        {"id": "empty", "text": ""},
        example_records[3],
    ])
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{path}:2: malformed JSON" in err
    assert f"{path}:3: no 'text' or 'html' field" in err
    assert "Traceback" not in err
    assert [d["id"] for d in _lines(out)] == [example_records[0]["id"], example_records[3]["id"]]


def test_cli_several_files_mixed_good_and_bad_exit_0(capsys, tmp_path, write_bytes, examples_dir):
    bad = write_bytes("empty.txt", b"")
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(bad), str(examples_dir / "article-nl.txt"), "-o", str(out)]) == 0
    assert f"{bad}: the document is empty" in capsys.readouterr().err
    assert [d["id"] for d in _lines(out)] == ["article-nl"]
