"""Batch fixtures: a corpus generated from the bundled examples, and its output from each engine.

The corpus (about 220 documents) is JSON Lines, Parquet and WARC, with a few
bad records among them.  Each engine runs once per session through the
command line, as a user runs it; the tests then compare and inspect the
outputs.  The Spark tests need pyspark and Java 17+; without them they are
skipped with the reason.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitrep.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
N_JSONL = 180  # documents in the JSON Lines file
N_PARQUET = 30  # documents in the Parquet file (3 row groups)
BAD_LINES = [b'{"id": "broken", "text": "no end', b'{"id": "empty", "text": "   "}',
             b'{"id": "binary", "text": "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\u000b'
             b'\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014"}', b'["not", "an", "object"]']
ARTICLE_HTML = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p>"
                "</article></body></html>")
WARC_ARTICLES = [
    ("Strike in Lille", "Dockworkers in Lille went on strike on Monday over pay, the union said. "
                        "The strike closed the port for the whole day, according to the port authority."),
    ("Talks in Doha", "Envoys from both sides met in Doha on Tuesday to discuss a prisoner exchange. "
                      "Qatar's foreign ministry said the talks would continue next week."),
]


def generated_documents(n: int, start: int = 0) -> list[dict]:
    """``n`` documents from the examples: copies a week apart (so they fall in several months), each with
    its own id and URL; copies of one example a week apart report different occurrences."""
    base = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = []
    for i in range(start, start + n):
        src = base[i % len(base)]
        rnd = i // len(base)
        published = src.get("published")
        if published:
            published = (dt.date.fromisoformat(published) + dt.timedelta(days=7 * (rnd % 12))).isoformat()
        docs.append({"id": f"{src['id']}-{i:04d}", "text": src["text"] + f"\n\n(Copy {i}.)",
                     "published": published, "source": src.get("source"), "url": f"https://test.example/{i}"})
    return docs


def write_jsonl(path: Path, docs: list[dict], bad: list[bytes] = ()) -> Path:
    lines = [json.dumps(d, ensure_ascii=False).encode() for d in docs]
    for k, b in enumerate(bad):  # spread the bad lines through the file
        lines.insert((k + 1) * len(lines) // (len(bad) + 1), b)
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def write_parquet(path: Path, docs: list[dict], row_group_size: int = 10) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(docs), path, row_group_size=row_group_size)
    return path


def write_warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for i, (title, body) in enumerate(WARC_ARTICLES):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            payload = ARTICLE_HTML.format(title=title, body=body).encode()
            w.write_record(w.create_warc_record(f"https://warc.example/{i}", "response", payload=io.BytesIO(payload),
                                                http_headers=http, warc_headers_dict={"WARC-Date": "2024-03-11T08:00:00Z"}))
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://warc.example/empty", "response",
                                            payload=io.BytesIO(b"<html><body></body></html>"), http_headers=http))
    return path


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """A folder with corpus.jsonl (with bad lines), corpus.parquet and news.warc.gz."""
    folder = tmp_path_factory.mktemp("corpus")
    write_jsonl(folder / "corpus.jsonl", generated_documents(N_JSONL), BAD_LINES)
    write_parquet(folder / "corpus.parquet", generated_documents(N_PARQUET, start=N_JSONL))
    write_warc(folder / "news.warc.gz")
    return folder


# JSON Lines cut into splits of 0.25 MB: several splits, so that splits and workers are exercised.
SPLIT_MB = "0.25"


def run_batch(*args: str) -> int:
    return main(["batch", *args])


@pytest.fixture(scope="session")
def local_out(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    assert run_batch(str(corpus), "-o", str(out), "--workers", "2", "--split-mb", SPLIT_MB) == 0
    return out


def spark_unavailable() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'sitrep[spark]')"
    java = shutil.which("java")
    if java is None:
        return "no Java on PATH (Spark needs Java 17+)"
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    return None if version else f"'{java} -version' printed nothing"


@pytest.fixture(scope="session")
def spark_out(corpus, tmp_path_factory) -> Path:
    reason = spark_unavailable()
    if reason:
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("spark") / "out"
    assert run_batch(str(corpus), "-o", str(out), "--engine", "spark", "--spark-master", "local[2]",
                     "--split-mb", SPLIT_MB) == 0
    return out


def canonical(rows: list[dict]) -> list[str]:
    """Rows as sorted JSON strings: the comparable form of a table, whatever order files and rows are in."""
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False, default=str) for r in rows)
