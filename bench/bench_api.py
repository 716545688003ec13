#!/usr/bin/env python3
"""Benchmark of the REST API: latency (p50/p99) and requests/s of the main calls under concurrent clients.

Not a test: run it by hand after changes to sitrep.web or sitrep.kb.query.

    .venv/bin/python bench/bench_api.py                       # builds a 10,000-document KB, then measures
    .venv/bin/python bench/bench_api.py --db /tmp/bench-api-10k.db   # reuses (or builds) that KB
    .venv/bin/python bench/bench_api.py --n 2000 --concurrency 50 --requests 2000 --seconds 30

The knowledge base is built from the analysed records cached by bench/bench_ingest.py
(JSON Lines of analysed documents with their text, default /tmp/bench-10k.jsonl); without
that cache the records are made from examples/articles.jsonl the way bench_ingest.py
does (analysis in parallel processes).  A KB that already holds N documents is reused.

The server is ``sitrep serve`` in a subprocess (uvicorn, 127.0.0.1, one worker unless
--workers), the clients an asyncio + httpx loop with --concurrency connections, each
scenario bounded by --requests and --seconds.  Figures go to the terminal and to
bench/results-api.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_CACHE = Path("/tmp/bench-10k.jsonl")


# ---------------------------------------------------------------- the knowledge base
def build_kb(db: Path, n: int, cache: Path, workers: int) -> dict[str, Any]:
    from sqlalchemy import func, select

    from sitrep.kb.schema import Document
    from sitrep.kb.store import KnowledgeBase

    kb = KnowledgeBase(str(db))
    with kb.session() as s:
        have = s.scalar(select(func.count()).select_from(Document)) or 0
    if have >= n:
        print(f"knowledge base {db}: {have} documents already, reused")
        return {"built": False, "documents": have}
    import bench_ingest  # the bench documents and their cached analyses

    from sitrep.model import AnalysedDocument

    if cache.exists() and _lines(cache) >= n:
        records = _stream(cache, n)  # streamed: 10,000 records with their texts are ~200 MB of JSON
    else:
        records = iter(bench_ingest.cached_records(n, cache, workers)[0])
    print(f"ingesting {n - have} analysed documents into {db} ...", flush=True)
    t0 = time.perf_counter()
    for k, rec in enumerate(records, 1):
        if k <= have:
            continue
        kb.add(AnalysedDocument.from_dict(rec))
        if k % 1000 == 0:
            print(f"  {k}/{n} stored, {(k - have) / (time.perf_counter() - t0):.1f} docs/s", flush=True)
    secs = time.perf_counter() - t0
    print(f"ingested in {secs:.0f} s")
    return {"built": True, "documents": n, "ingest_seconds": round(secs, 1)}


def _lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip())


def _stream(path: Path, n: int):
    print(f"analysed records: {n} from {path}")
    with path.open(encoding="utf-8") as f:
        k = 0
        for line in f:
            if line.strip():
                yield json.loads(line)
                k += 1
                if k >= n:
                    return


# ---------------------------------------------------------------- the server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "sitrep", "-q", "serve", "--db", str(db), "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers)]
    env = {k: v for k, v in os.environ.items() if k != "SITREP_WRITE_TOKEN"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    import httpx

    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not answer within 60 s")


# ---------------------------------------------------------------- the load
async def run_scenario(base: str, paths: list[str], concurrency: int, max_requests: int,
                       max_seconds: float) -> dict[str, Any]:
    import httpx

    lat: list[float] = []
    errors = 0
    statuses: dict[int, int] = {}
    sent = 0
    deadline = time.perf_counter() + max_seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        async def worker(k: int) -> None:
            nonlocal sent, errors
            i = k
            while sent < max_requests and time.perf_counter() < deadline:
                sent += 1
                path = paths[i % len(paths)]
                i += concurrency
                t = time.perf_counter()
                try:
                    r = await client.get(path)
                    statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                    if r.status_code >= 400:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                lat.append(time.perf_counter() - t)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(concurrency)))
        wall = time.perf_counter() - t0
    lat.sort()

    def pct(p: float) -> float:
        return round(lat[min(len(lat) - 1, int(p * len(lat)))] * 1000, 1) if lat else 0.0

    return {"requests": len(lat), "errors": errors, "statuses": statuses, "seconds": round(wall, 2),
            "rps": round(len(lat) / wall, 1) if wall else 0.0, "p50_ms": pct(0.50), "p99_ms": pct(0.99),
            "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else 0.0}


def scenarios(base: str) -> dict[str, list[str]]:
    """URL lists per scenario, from what the knowledge base holds (ids, names, dates)."""
    import httpx

    ev = httpx.get(f"{base}/api/events", params={"limit": 200}, timeout=120).json()
    events = ev["items"]
    event_ids = [e["id"] for e in events] or [1]
    actors = httpx.get(f"{base}/api/actors", params={"limit": 50}, timeout=120).json()["items"]
    actor_ids = [a["id"] for a in actors] or [1]
    names = [a["name"] for a in actors if a["kind"] != "other"][:10] or ["Hezbollah"]
    days = sorted({e["date_start"] for e in events if e.get("date_start")})
    since = days[len(days) // 2] if days else "2024-01-01"
    types = ["ASSAULT", "PROTEST", "COERCE", "THREATEN"]
    rnd = random.Random(1)
    words = ["war", "oorlog", "attack", "aanval", "Hezbollah", "Iran", "strike", "government"]
    return {
        "events": ["/api/events?limit=20"] + [f"/api/events?limit=20&offset={k * 20}" for k in range(1, 10)],
        "events_filtered": [f"/api/events?limit=20&type={t}&since={since}&actor={n}" for t in types for n in names[:3]]
                           + [f"/api/events?limit=20&type={t}" for t in types],
        "event_detail": [f"/api/events/{i}" for i in rnd.sample(event_ids, min(100, len(event_ids)))],
        "actor_profile": [f"/api/actors/{i}" for i in actor_ids[:30]],
        "network": [f"/api/network?since={since}", "/api/network"] + [f"/api/network?actor={n}" for n in names[:3]],
        "search": [f"/api/search?q={w}" for w in words] + [f"/api/search?q={n}" for n in names[:5]],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="knowledge base (SQLite file); built there if it holds fewer than --n "
                                            "documents (default: a file in the temp folder)")
    ap.add_argument("--n", type=int, default=10_000, help="documents in the knowledge base (default 10,000)")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="analysed records (bench_ingest.py's cache)")
    ap.add_argument("--analyse-workers", type=int, default=max(1, (os.cpu_count() or 2)))
    ap.add_argument("--concurrency", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--requests", type=int, default=2000, help="at most this many requests per scenario")
    ap.add_argument("--seconds", type=float, default=30, help="at most this long per scenario")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    ap.add_argument("--only", help="comma-separated scenarios to run")
    ap.add_argument("--build-only", action="store_true", help="build the knowledge base and stop")
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "bench" / "results-api.json")
    args = ap.parse_args(argv)

    db = args.db or Path(tempfile.gettempdir()) / "sitrep-bench" / f"api-{args.n}.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    build = build_kb(db, args.n, args.cache, args.analyse_workers)
    if args.build_only:
        return 0
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port, args.workers)
    results: dict[str, Any] = {}
    try:
        plan = scenarios(base)
        wanted = set(args.only.split(",")) if args.only else set(plan)
        for name, paths in plan.items():
            if name not in wanted:
                continue
            # one warm-up pass (connection set-up, SQLite page cache), not counted
            asyncio.run(run_scenario(base, paths, min(args.concurrency, 5), len(paths), 30))
            res = asyncio.run(run_scenario(base, paths, args.concurrency, args.requests, args.seconds))
            results[name] = res
            print(f"  {name:16s} {res['requests']:6d} req  {res['rps']:8.1f} req/s  p50 {res['p50_ms']:8.1f} ms  "
                  f"p99 {res['p99_ms']:8.1f} ms  errors {res['errors']}", flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()

    print()
    print("| call             | requests | req/s  | p50 ms | p99 ms | errors |")
    print("|------------------|---------:|-------:|-------:|-------:|-------:|")
    for name, r in results.items():
        print(f"| {name:16s} | {r['requests']:8d} | {r['rps']:6.1f} | {r['p50_ms']:6.1f} | {r['p99_ms']:6.1f} | "
              f"{r['errors']:6d} |")
    out = {"date": time.strftime("%Y-%m-%d"), "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                                                          "python": platform.python_version()},
           "db": str(db), "knowledge_base": build, "concurrency": args.concurrency, "uvicorn_workers": args.workers,
           "max_requests": args.requests, "max_seconds": args.seconds, "scenarios": results}
    args.output.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
