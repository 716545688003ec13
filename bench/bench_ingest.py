#!/usr/bin/env python3
"""Benchmark of the knowledge base: ingest throughput and database size, SQLite and PostgreSQL.

Not a test: run it by hand after changes to sitrep.kb.

    .venv/bin/python bench/bench_ingest.py                     # 10,000 documents
    .venv/bin/python bench/bench_ingest.py --n 2000 --pg postgresql://postgres@127.0.0.1:5432/test
    .venv/bin/python bench/bench_ingest.py --dev /work/shared/eval/dev   # merging on the gold texts

It builds N documents by repeating and varying the bundled example articles
(examples/articles.jsonl): each copy gets its own id and URL, a publication date
shifted by one day per round, other numbers and a few other words, so that no two
content hashes are equal. The documents are analysed once, in parallel, and the
analysed records are cached as JSON Lines (--cache), so that what is measured
next is the database alone:

- ingest throughput (documents/s) of ``KnowledgeBase.add`` into a fresh SQLite
  file and into a fresh PostgreSQL database (created on the server --pg names and
  dropped afterwards; skipped with a message when the server does not answer);
- the database size per 1,000 documents (the SQLite file after a WAL checkpoint;
  ``pg_database_size`` of the fresh database, less its size right after migration);
- if ``sitrep ingest`` exists, the end-to-end command (analysis included) with
  --workers 1 and 2 on the first --e2e-n documents.

``--dev GOLD_DIR`` instead ingests the texts of a gold folder (input only: id,
text, published) and prints how many events and actors the knowledge base holds
against the sum of the per-document counts (what merging saved).

The figures go to the terminal and to bench/results-ingest.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
DEFAULT_PG = os.environ.get("SITREP_TEST_PG") or "postgresql://postgres@127.0.0.1:5432/test"

# Word swaps (per language, both directions) that change the content without making it nonsense.
SWAPS = [
    ("three", "four"), ("five", "six"), ("two", "seven"), ("Tuesday", "Thursday"), ("officials", "sources"),
    ("drie", "vier"), ("vijf", "zes"), ("twee", "zeven"), ("dinsdag", "donderdag"),
    ("drei", "vier"), ("fünf", "sechs"), ("zwei", "sieben"),
    ("trois", "quatre"), ("cinq", "six"), ("deux", "sept"),
]
CREDITS = ["Reporting by A. Jansen", "Reporting by M. Dubois", "Reporting by K. Weber", "Reporting by S. Khalil",
           "Editing by J. Smith", "Editing by P. de Vries", "Additional reporting by L. Rossi"]


# ---------------------------------------------------------------- building the documents
def build_documents(n: int) -> list[dict[str, Any]]:
    base = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = []
    for i in range(n):
        src = base[i % len(base)]
        rnd = i // len(base)
        text = src["text"]
        for j, (a, b) in enumerate(SWAPS):  # swap some number words and names, differently each round
            if (rnd >> (j % 8)) & 1:
                text = re.sub(rf"\b{a}\b", f"\0{j}\0", text)
                text = re.sub(rf"\b{b}\b", a, text)
                text = text.replace(f"\0{j}\0", b)
        text = re.sub(r"\b(\d{1,2}) (km|kilometres|kilometer|miles|mijl)\b",
                      lambda m: f"{int(m.group(1)) + rnd % 40} {m.group(2)}", text)
        text += f"\n\n({CREDITS[rnd % len(CREDITS)]}; #{i})"
        published = src.get("published")
        if published:
            published = (dt.date.fromisoformat(published) + dt.timedelta(days=rnd)).isoformat()
        docs.append({"id": f"{src['id']}-{i:06d}", "text": text, "published": published,
                     "source": src.get("source"), "url": f"https://bench.example.org/{src['id']}/{i}"})
    return docs


def _analyse(doc: dict[str, Any]) -> dict[str, Any]:
    import sitrep

    res = sitrep.analyze(doc["text"], published=doc.get("published"), doc_id=doc["id"], source=doc.get("source"),
                         url=doc.get("url"))
    return res.to_dict(include_text=True)


def analyse_all(docs: list[dict[str, Any]], workers: int) -> Iterator[dict[str, Any]]:
    if workers <= 1:
        yield from map(_analyse, docs)
        return
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(_analyse, docs, chunksize=16)


def cached_records(n: int, cache: Path, workers: int) -> tuple[list[dict[str, Any]], float | None]:
    """The analysed records of the N bench documents, from the cache when it holds them."""
    if cache.exists():
        records = [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(records) >= n:
            print(f"analysed records: {n} of {len(records)} from {cache}")
            return records[:n], None
    docs = build_documents(n)
    print(f"analysing {n} documents with {workers} processes (once; cached in {cache}) ...", flush=True)
    t0 = time.perf_counter()
    cache.parent.mkdir(parents=True, exist_ok=True)
    records = []
    tmp = cache.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as out:
        for k, rec in enumerate(analyse_all(docs, workers), 1):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            records.append(rec)
            if k % 1000 == 0:
                print(f"  {k}/{n} analysed, {k / (time.perf_counter() - t0):.1f} docs/s", flush=True)
    tmp.replace(cache)
    return records, time.perf_counter() - t0


# ---------------------------------------------------------------- databases
def libpq(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


def pg_reachable(url: str) -> str | None:
    try:
        import psycopg

        with psycopg.connect(libpq(url), connect_timeout=5, autocommit=True) as conn:
            conn.execute("SELECT 1")
        return None
    except Exception as exc:  # noqa: BLE001
        return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class FreshPg:
    """A database created for one measurement and dropped afterwards."""

    def __init__(self, server: str):
        from sqlalchemy.engine import make_url

        self.server = libpq(server)
        self.name = f"sitrep_bench_{uuid.uuid4().hex[:12]}"
        self.url = make_url(self.server).set(database=self.name).render_as_string(hide_password=False)

    def _admin(self, sql: str):
        import psycopg

        with psycopg.connect(self.server, connect_timeout=5, autocommit=True) as conn:
            return conn.execute(sql).fetchone() if sql.lstrip().upper().startswith("SELECT") else conn.execute(sql)

    def __enter__(self) -> "FreshPg":
        self._admin(f'CREATE DATABASE "{self.name}"')
        return self

    def size(self) -> int:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]

    def __exit__(self, *exc) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def sqlite_size(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def ingest(url: str, docs: list, label: str) -> dict[str, Any]:
    from sitrep.kb.store import KnowledgeBase

    kb = KnowledgeBase(url)
    statuses: dict[str, int] = {}
    t0 = time.perf_counter()
    step = max(1, len(docs) // 5)
    for k, d in enumerate(docs, 1):
        st = kb.add(d)
        statuses[st.status] = statuses.get(st.status, 0) + 1
        if k % step == 0:
            print(f"  {label}: {k}/{len(docs)} stored, {k / (time.perf_counter() - t0):.1f} docs/s", flush=True)
    secs = time.perf_counter() - t0
    counts = kb.counts()
    kb.engine.dispose()
    return {"documents": len(docs), "seconds": round(secs, 2), "docs_per_s": round(len(docs) / secs, 1),
            "ms_per_doc": round(1000 * secs / len(docs), 2), "statuses": statuses, "counts": counts}


def bench_sqlite(docs: list, workdir: Path) -> dict[str, Any]:
    from sitrep.kb.store import KnowledgeBase

    path = workdir / "bench.db"
    empty = workdir / "empty.db"
    KnowledgeBase(str(empty)).engine.dispose()
    base = sqlite_size(empty)
    res = ingest(str(path), docs, "sqlite")
    size = sqlite_size(path)
    res.update(bytes=size, bytes_empty=base, mb_per_1000_docs=round((size - base) / len(docs) * 1000 / 2**20, 2))
    return res


def bench_pg(docs: list, server: str) -> dict[str, Any]:
    from sitrep.kb.store import KnowledgeBase

    with FreshPg(server) as db:
        KnowledgeBase(db.url).engine.dispose()
        base = db.size()
        res = ingest(db.url, docs, "postgresql")
        size = db.size()
    res.update(bytes=size, bytes_empty=base, mb_per_1000_docs=round((size - base) / len(docs) * 1000 / 2**20, 2))
    return res


# ---------------------------------------------------------------- the ingest command, end to end
def sitrep_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("sitrep")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "sitrep"]


def bench_e2e(raw: list[dict[str, Any]], workdir: Path, workers_list: Iterable[int]) -> dict[str, Any]:
    help_run = subprocess.run(sitrep_cmd() + ["ingest", "--help"], capture_output=True, text=True)
    if help_run.returncode != 0:
        msg = (help_run.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"end-to-end `sitrep ingest` SKIPPED: `sitrep ingest --help` failed ({msg})")
        return {"skipped": f"sitrep ingest --help failed: {msg}"}
    helptext = help_run.stdout
    db_opt = next((o for o in ("--db", "--kb", "--database") if o in helptext), None)
    if "--workers" not in helptext or db_opt is None:
        print("end-to-end `sitrep ingest` SKIPPED: its --help names no --workers or no --db/--kb/--database option")
        return {"skipped": "unknown ingest options", "help": helptext[:2000]}
    src = workdir / "e2e-input.jsonl"
    src.write_text("".join(json.dumps({k: d[k] for k in ("id", "text", "published", "source", "url") if d.get(k)},
                                      ensure_ascii=False) + "\n" for d in raw), encoding="utf-8")
    out: dict[str, Any] = {"documents": len(raw), "db_option": db_opt}
    for w in workers_list:
        db = workdir / f"e2e-w{w}.db"
        cmd = sitrep_cmd() + ["ingest", str(src), db_opt, str(db), "--workers", str(w)]
        t0 = time.perf_counter()
        run = subprocess.run(cmd, capture_output=True, text=True)
        secs = time.perf_counter() - t0
        if run.returncode != 0:
            tail = (run.stderr.strip().splitlines() or ["no output"])[-1]
            print(f"  sitrep ingest --workers {w}: exit {run.returncode}: {tail}")
            out[f"workers_{w}"] = {"exit": run.returncode, "error": tail, "command": " ".join(cmd)}
            continue
        from sitrep.kb.store import KnowledgeBase

        kb = KnowledgeBase(str(db))
        counts = kb.counts()
        kb.engine.dispose()
        out[f"workers_{w}"] = {"seconds": round(secs, 2), "docs_per_s": round(len(raw) / secs, 2), "counts": counts}
        print(f"  sitrep ingest --workers {w}: {len(raw)} docs in {secs:.1f}s = {len(raw) / secs:.1f} docs/s", flush=True)
    return out


# ---------------------------------------------------------------- --dev: merging on gold texts
def dev_mode(gold_dir: Path, pg: str | None, workdir: Path) -> dict[str, Any]:
    import sitrep

    docs, gold_events, gold_actors = [], 0, 0
    for path in sorted(gold_dir.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(g, dict) or "text" not in g:
            continue
        gold_events += len(g.get("events") or [])
        gold_actors += len(g.get("actors") or [])
        docs.append(sitrep.analyze(g["text"], published=g.get("published"), doc_id=g.get("id") or path.stem))
    per_doc = {"events": sum(len(d.events) for d in docs), "actors": sum(len(d.actors) for d in docs),
               "quotes": sum(len(d.quotes) for d in docs)}
    out: dict[str, Any] = {"gold_dir": str(gold_dir), "documents": len(docs), "sum_per_document": per_doc,
                           "gold_sum": {"events": gold_events, "actors": gold_actors}}
    targets = [("sqlite", str(workdir / "dev.db"))]
    reason = pg_reachable(pg) if pg else "not asked for"
    from sitrep.kb.store import KnowledgeBase

    def run_on(label: str, url: str) -> None:
        kb = KnowledgeBase(url)
        for d in docs:
            kb.add(d)
        out[label] = kb.counts()
        kb.engine.dispose()

    for label, url in targets:
        run_on(label, url)
    if pg and not reason:
        with FreshPg(pg) as db:
            run_on("postgresql", db.url)
    print(f"\n{len(docs)} gold documents from {gold_dir} (input only: id, text, published)")
    print(f"{'':<12}{'per-document sum':>18}{'KB (sqlite)':>14}{'KB (postgresql)':>18}{'gold sum':>10}")
    for key in ("events", "actors", "quotes"):
        pgv = out.get("postgresql", {}).get(key, "-")
        print(f"{key:<12}{per_doc[key]:>18}{out['sqlite'][key]:>14}{pgv!s:>18}"
              f"{out['gold_sum'].get(key, '-')!s:>10}")
    if reason:
        print(f"(PostgreSQL not measured: {reason})")
    return out


# ---------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="number of documents (default 10,000)")
    ap.add_argument("--cache", type=Path, help="analysed records (JSON Lines); default: a file in the temp folder")
    ap.add_argument("--analyse-workers", type=int, default=os.cpu_count() or 1, help="processes for the analysis")
    ap.add_argument("--pg", default=DEFAULT_PG, help="PostgreSQL server on which a fresh database is made "
                                                       "(default $SITREP_TEST_PG or the local test server)")
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    ap.add_argument("--e2e-n", type=int, default=300, help="documents for the end-to-end `sitrep ingest` runs")
    ap.add_argument("--dev", type=Path, metavar="GOLD_DIR", help="ingest the texts of a gold folder instead")
    ap.add_argument("--output", type=Path, default=ROOT / "bench" / "results-ingest.json")
    args = ap.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="sitrep-bench-ingest-"))
    try:
        if args.dev:
            results = {"mode": "dev", **dev_mode(args.dev, None if args.no_pg else args.pg, workdir)}
            out = args.output.with_name("results-ingest-dev.json") if args.output.name == "results-ingest.json" \
                else args.output
            out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
            print(f"\nwritten to {out}")
            return 0

        cache = args.cache or Path(tempfile.gettempdir()) / "sitrep-bench" / f"ingest-records-{args.n}.jsonl"
        records, analyse_secs = cached_records(args.n, cache, args.analyse_workers)
        from sitrep.model import AnalysedDocument

        docs = [AnalysedDocument.from_dict(r) for r in records]
        from sitrep.kb.store import content_hash

        hashes = {content_hash(d.text) for d in docs}
        print(f"{len(docs)} documents, {len(hashes)} distinct content hashes, "
              f"{sum(len(d.events) for d in docs)} events and {sum(len(d.actors) for d in docs)} actors in all")

        results: dict[str, Any] = {"documents": len(docs), "distinct_hashes": len(hashes),
                                   "per_document_sum": {"events": sum(len(d.events) for d in docs),
                                                        "actors": sum(len(d.actors) for d in docs),
                                                        "quotes": sum(len(d.quotes) for d in docs)},
                                   "analyse_seconds": round(analyse_secs, 1) if analyse_secs else None}
        print("\ningest into SQLite ...", flush=True)
        results["sqlite"] = bench_sqlite(docs, workdir)
        if args.no_pg:
            results["postgresql"] = {"skipped": "--no-pg"}
        else:
            reason = pg_reachable(args.pg)
            if reason:
                print(f"PostgreSQL SKIPPED: {reason}")
                results["postgresql"] = {"skipped": reason}
            else:
                print("ingest into PostgreSQL ...", flush=True)
                results["postgresql"] = bench_pg(docs, args.pg)

        print("\nend-to-end `sitrep ingest` ...", flush=True)
        raw = build_documents(min(args.e2e_n, args.n))
        results["e2e"] = bench_e2e(raw, workdir, (1, 2))

        print(f"\n{'backend':<12}{'docs':>7}{'seconds':>9}{'docs/s':>9}{'ms/doc':>8}{'MB/1000 docs':>14}"
              f"{'events':>8}{'actors':>8}")
        for name in ("sqlite", "postgresql"):
            r = results[name]
            if "skipped" in r:
                print(f"{name:<12}  skipped: {r['skipped']}")
                continue
            print(f"{name:<12}{r['documents']:>7}{r['seconds']:>9}{r['docs_per_s']:>9}{r['ms_per_doc']:>8}"
                  f"{r['mb_per_1000_docs']:>14}{r['counts']['events']:>8}{r['counts']['actors']:>8}")
        e2e = results["e2e"]
        for w in (1, 2):
            r = e2e.get(f"workers_{w}")
            if r and "seconds" in r:
                print(f"{'ingest -w' + str(w):<12}{e2e['documents']:>7}{r['seconds']:>9}{r['docs_per_s']:>9}"
                      f"{round(1000 * r['seconds'] / e2e['documents'], 1):>8}{'':>14}{r['counts']['events']:>8}"
                      f"{r['counts']['actors']:>8}")
        results["environment"] = {"python": platform.python_version(), "machine": platform.machine(),
                                  "cores_available": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                                  else os.cpu_count(), "date": dt.date.today().isoformat()}
        args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"\nwritten to {args.output}")
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
