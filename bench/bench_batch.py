"""Benchmark of ``sitrep batch``: documents/s of the local and the Spark engine on the same corpus.

    python bench/bench_batch.py --n 20000            # all four runs, results in bench/results-batch.json
    python bench/bench_batch.py --n 2000 --runs local-1 spark-2

The corpus is built from the bundled examples the way bench_ingest.py builds
it (each copy varied: number words, distances, credits, dates a day apart), so
that no two documents are equal.  Each run is ``sitrep batch`` in a fresh
process, as a user runs it, with the merge stage on; the figures are taken
from the run's manifest (analysis seconds, merge seconds) and the wall clock
(everything, JVM and Python start included).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from bench_ingest import build_documents

RUNS = {
    "local-1": ["--engine", "local", "--workers", "1"],
    "local-2": ["--engine", "local", "--workers", "2"],
    "spark-1": ["--engine", "spark", "--spark-master", "local[1]"],
    "spark-2": ["--engine", "spark", "--spark-master", "local[2]"],
}


def write_corpus(n: int, path: Path) -> int:
    if path.exists() and sum(1 for _ in path.open(encoding="utf-8")) == n:
        return path.stat().st_size
    with path.open("w", encoding="utf-8") as fh:
        for doc in build_documents(n):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path.stat().st_size


def run(name: str, corpus: Path, workdir: Path, split_mb: int, driver_memory: str) -> dict:
    out = workdir / f"out-{name}"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "sitrep", "-q", "batch", str(corpus), "-o", str(out), "--split-mb", str(split_mb),
           *RUNS[name]]
    if name.startswith("spark"):
        cmd += ["--spark-conf", f"spark.driver.memory={driver_memory}"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    summary = json.loads((out / "_sitrep_batch.json").read_text())["summary"]
    docs = summary["documents"]
    return {"run": name, "documents": docs, "errors": summary["errors"], "events": summary["rows"].get("events"),
            "splits": summary["splits"], "analysis_s": round(summary["seconds"], 1),
            "merge_s": round(summary["merge_seconds"], 1), "wall_s": round(wall, 1),
            "docs_per_s_analysis": round(docs / summary["seconds"], 2),
            "docs_per_s_wall": round(docs / wall, 2), "pipeline_loads": summary["pipeline_loads"],
            "merged_events": summary["merged"].get("events"), "merged_actors": summary["merged"].get("actors")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20000, help="documents (default 20000)")
    ap.add_argument("--runs", nargs="+", choices=list(RUNS), default=list(RUNS))
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/sitrep-bench/batch"))
    ap.add_argument("--split-mb", type=int, default=2, help="JSON Lines split size (default 2 MB: ~25 splits for 20,000 documents)")
    ap.add_argument("--driver-memory", default="6g", help="Spark driver memory (local mode: the executor too)")
    ap.add_argument("--results", type=Path, default=BENCH / "results-batch.json")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    corpus = args.workdir / f"corpus-{args.n}.jsonl"
    size = write_corpus(args.n, corpus)
    print(f"corpus: {args.n} documents, {size / 2**20:.1f} MB, {corpus}", flush=True)
    results = []
    for name in args.runs:
        r = run(name, corpus, args.workdir, args.split_mb, args.driver_memory)
        print(json.dumps(r), flush=True)
        results.append(r)
    base = {r["run"]: r for r in results}
    for spark, local in (("spark-1", "local-1"), ("spark-2", "local-2")):
        if spark in base and local in base:
            base[spark]["overhead_vs_" + local] = round(base[spark]["wall_s"] / base[local]["wall_s"] - 1, 3)
    args.results.write_text(json.dumps({
        "n": args.n, "corpus_mb": round(size / 2**20, 1), "split_mb": args.split_mb, "cpus": os.cpu_count(),
        "python": platform.python_version(), "machine": platform.machine(), "runs": results}, indent=2) + "\n")
    print(f"results in {args.results}")


if __name__ == "__main__":
    main()
