#!/usr/bin/env python3
"""Benchmark of the table pages and their API: p50/p99 with 50 concurrent clients, and one client.

Not a test: run it by hand after changes to sitrep.web.tables or sitrep.kb.tables.

    .venv/bin/python bench/bench_tables.py --db /tmp/sitrep-bench/api-10k.db      # builds the KB if needed
    .venv/bin/python bench/bench_tables.py --db /tmp/sitrep-bench/api-10k.db --concurrency 50 --seconds 20

The knowledge base is the one bench/bench_api.py builds (N documents from the six bundled
examples, analysed once and cached); the server is ``sitrep serve`` (uvicorn, one worker) on
127.0.0.1.  Each scenario is a list of URLs (the five table pages and their /api/tables calls,
filtered the ways an analyst filters them, plus sorted and paged ones), sent first by one client
(the latency a user sees: the goal is a filtered table page under 300 ms at p99) and then by
--concurrency clients.  Figures go to the terminal and to bench/results-tables.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
GOAL_P99_MS = 300  # a filtered table page, one client
DAY_SPAN = 7  # copies of the analysed records are shifted by whole weeks, one week per round


def _shift(value: str | None, days: int) -> str | None:
    """A FORMAT.md date shifted by whole days (day and week precision; months and years stay)."""
    import datetime as dt

    if not value:
        return value
    parts = value.split("/")
    if not all(len(p) == 10 for p in parts):
        return value
    return "/".join((dt.date.fromisoformat(p) + dt.timedelta(days=days)).isoformat() for p in parts)


def copied_records(path: Path, n: int):
    """N analysed records from a cache of M < N: the M as analysed, then copies of them, each round a
    week later, with their own id, URL and a credit line after the text (so their own content hash;
    offsets unchanged).  For a load test of the knowledge base when analysing N documents would take
    too long on the machine at hand; the merged events differ from a real corpus's (README)."""
    base = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for k in range(n):
        rec, rnd = base[k % len(base)], k // len(base)
        if rnd:
            rec = json.loads(json.dumps(rec))
            rec["id"] = f"{rec['id']}-copy{rnd}"
            rec["url"] = f"{rec['url']}?copy={rnd}" if rec.get("url") else None
            rec["text"] = rec["text"] + f"\n\n(Wire copy {rnd}.)"
            rec["published"] = _shift(rec.get("published"), DAY_SPAN * rnd)
            for e in rec["events"]:
                e["date"] = _shift(e.get("date"), DAY_SPAN * rnd)
        yield rec


def build_from_copies(db: Path, n: int, path: Path) -> dict[str, Any]:
    from sqlalchemy import func, select

    from sitrep.kb.schema import Document
    from sitrep.kb.store import KnowledgeBase
    from sitrep.model import AnalysedDocument

    kb = KnowledgeBase(str(db))
    with kb.session() as s:
        have = s.scalar(select(func.count()).select_from(Document)) or 0
    t0 = time.perf_counter()
    for k, rec in enumerate(copied_records(path, n), 1):
        if k > have:
            kb.add(AnalysedDocument.from_dict(rec))
        if k % 1000 == 0:
            print(f"  {k}/{n} stored, {time.perf_counter() - t0:.0f} s", flush=True)
    kb.engine.dispose()
    return {"built": have < n, "documents": n, "analysed": sum(1 for _ in path.open()), "copies": True,
            "ingest_seconds": round(time.perf_counter() - t0, 1)}


def scenarios(base: str) -> dict[str, list[str]]:
    """URLs per scenario, from what the knowledge base holds (names, dates, languages)."""
    import httpx

    actors = httpx.get(f"{base}/api/tables/actors", params={"limit": 30}, timeout=120).json()["items"]
    names = [a["name"] for a in actors if a["kind"] not in ("other",)][:6] or ["Hezbollah"]
    events = httpx.get(f"{base}/api/tables/events", params={"limit": 200}, timeout=120).json()["items"]
    days = sorted({e["date"][:10] for e in events if e["date"]})
    since = days[len(days) // 2] if days else "2024-01-01"
    types = ["ASSAULT", "PROTEST", "COERCE", "THREATEN"]
    filtered_events = ([f"events?type={t}&since={since}" for t in types]
                       + [f"events?actor={n}&sort=-fatalities" for n in names[:4]]
                       + [f"events?country=IQ&language=nl&offset=50", "events?q=Kharkiv", "events?source=Reuters"])
    pages = {
        "events": filtered_events,
        "documents": ["documents?language=nl", "documents?q=aanval", f"documents?since={since}&sort=title",
                      f"documents?actor={names[0]}", "documents?type=ASSAULT&country=UA"],
        "actors": ["actors?q=hez", "actors?type=state&sort=name", "actors?country=IQ", "actors?offset=50"],
        "quotes": ["quotes?q=we", f"quotes?actor={names[-1]}", f"quotes?since={since}&language=en"],
        "relations": ["relations?type=supports", f"relations?actor={names[0]}", "relations?sort=-sources&offset=20"],
    }
    out: dict[str, list[str]] = {}
    for table, paths in pages.items():
        out[f"page /{table}"] = [f"/{p}" for p in paths]
        out[f"api /api/tables/{table}"] = [f"/api/tables/{p}" for p in paths]
    out["page /events (unfiltered, page 1)"] = ["/events"]
    out["api /api/events (filters)"] = [f"/api/events?limit=50&type={t}&since={since}" for t in types] + \
        ["/api/events?language=nl&limit=50", "/api/events?q=Kharkiv&limit=50"]
    out["download /events.csv (filtered)"] = [f"/events.csv?type=ASSAULT&since={since}&country=UA"]
    return out


def main(argv: list[str] | None = None) -> int:
    import bench_api

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="knowledge base (SQLite file); built there if it holds fewer than --n")
    ap.add_argument("--n", type=int, default=10_000, help="documents in the knowledge base (default 10,000)")
    ap.add_argument("--cache", type=Path, default=bench_api.DEFAULT_CACHE, help="analysed records (bench_ingest's)")
    ap.add_argument("--analyse-workers", type=int, default=2)
    ap.add_argument("--concurrency", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--requests", type=int, default=1000, help="at most this many requests per scenario")
    ap.add_argument("--seconds", type=float, default=20, help="at most this long per scenario and client count")
    ap.add_argument("--single", type=int, default=100, help="requests per scenario from one client (default 100)")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results-tables.json")
    ap.add_argument("--copies-from", type=Path, metavar="JSONL",
                    help="build the KB from these analysed records and week-shifted copies of them (see "
                         "copied_records) instead of analysing N documents")
    ap.add_argument("--build-only", action="store_true", help="build the knowledge base and stop")
    args = ap.parse_args(argv)
    db = args.db or Path(tempfile.gettempdir()) / f"sitrep-bench-tables-{args.n}.db"
    if args.copies_from:
        info = build_from_copies(db, args.n, args.copies_from)
    else:
        info = bench_api.build_kb(db, args.n, args.cache, args.analyse_workers)
    if args.build_only:
        print(info)
        return 0
    port = bench_api.free_port()
    server = bench_api.start_server(db, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    results: dict[str, Any] = {}
    try:
        plan = scenarios(base)
        for paths in plan.values():  # warm the caches once (SQLite pages, the gazetteer, templates)
            asyncio.run(bench_api.run_scenario(base, paths, 1, len(paths), 60))
        print(f"{'scenario':40} {'clients':>7} {'req':>6} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'err':>4}")
        for name, paths in plan.items():
            for clients, limit in ((1, args.single), (args.concurrency, args.requests)):
                r = asyncio.run(bench_api.run_scenario(base, paths, clients, limit, args.seconds))
                results.setdefault(name, {})[str(clients)] = r
                print(f"{name:40} {clients:>7} {r['requests']:>6} {r['rps']:>7} {r['p50_ms']:>8} {r['p99_ms']:>8} "
                      f"{r['errors']:>4}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    one = results["page /events"]["1"]["p99_ms"]
    print(f"filtered events page, one client: p99 {one} ms (goal < {GOAL_P99_MS} ms): "
          f"{'met' if one < GOAL_P99_MS else 'NOT met'}")
    args.out.write_text(json.dumps({
        "date": time.strftime("%Y-%m-%d"), "python": platform.python_version(), "machine": platform.machine(),
        "db": str(db), "kb": info, "concurrency": args.concurrency, "workers": args.workers,
        "goal_p99_ms_one_client": GOAL_P99_MS, "results": results}, indent=2) + "\n")
    print(f"figures in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
