#!/usr/bin/env python3
"""Full-size fuzzing run of ``sitrep.analyze`` and the readers: inputs tried, exceptions, the slowest per size.

Not a test (the CI sample is tests/fuzz/test_fuzz.py): run it by hand after changes to the extractor.

    .venv/bin/python bench/bench_fuzz.py                      # 100,000 analyser inputs + 5,000 files, 2 processes
    .venv/bin/python bench/bench_fuzz.py --n 20000 --jobs 1 --seed 7

The inputs come from the seeded generator in tests/fuzz/hostile.py (the classes of issue 11: random
Unicode with lone surrogates, long tokens, nested and unbalanced quotation marks and brackets, figures and
dates out of range, HTML fragments, mutated real sentences, and mixtures), in three size classes: S up to
1,000 characters, M up to 10,000, L up to 100,000 (weights --sizes). Each input is analysed through the
public API in a child process under the per-document time budget (--budget, the product's default 30 s);
a child that dies is restarted and the input recorded as a crash. Goal (issue 11): 0 undocumented
exceptions, 0 crashes, 0 inputs over the budget. The figures go to the terminal and to
bench/results-fuzz.json; the failing inputs are listed with seed and index, reproducible with
``python tests/fuzz/hostile.py --seed S --start I --stop I+1``.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

import hostile  # noqa: E402

BAD = ("exception", "invariant", "timeout", "crash")


def summarise(results: list[dict], seconds: float) -> dict:
    by_status = Counter(r["status"] for r in results)
    per_size: dict[str, dict] = {}
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups[r["size"]].append(r)
    for size, rs in sorted(groups.items()):
        slow = max(rs, key=lambda r: r["seconds"])
        times = sorted(r["seconds"] for r in rs)
        per_size[size] = {"inputs": len(rs), "median_s": round(times[len(times) // 2], 4),
                          "p99_s": round(times[int(len(times) * 0.99)], 4),
                          "slowest": {"i": slow["i"], "kind": slow["kind"], "chars": slow["chars"],
                                      "seconds": slow["seconds"]}}
    return {"inputs": len(results), "by_status": dict(by_status), "per_size": per_size,
            "failures": [r for r in results if r["status"] in BAD][:50], "wall_s": round(seconds, 1)}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=100_000, help="analyser inputs (default 100,000)")
    p.add_argument("--files", type=int, default=5_000, help="generated files through the readers (default 5,000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sizes", default="S=90,M=9,L=1", help="size-class weights (default S=90,M=9,L=1)")
    p.add_argument("--budget", type=float, default=30.0, help="per-input time budget in seconds (default 30)")
    p.add_argument("--jobs", type=int, default=2, help="analysing processes (default 2)")
    p.add_argument("--output", type=Path, default=ROOT / "bench" / "results-fuzz.json")
    a = p.parse_args()

    done = Counter()
    started = time.perf_counter()

    def progress(r: dict) -> None:
        done[r["status"]] += 1
        total = sum(done.values())
        if r["status"] in BAD:
            print(f"  {r['status']}: seed {a.seed} case {r['i']} ({r['kind']}, {r['chars']} chars): {r['detail']}",
                  flush=True)
        if total % 1000 == 0:
            print(f"  {total} inputs, {dict(done)}, {time.perf_counter() - started:.0f} s", flush=True)

    print(f"analyser: {a.n} inputs, seed {a.seed}, sizes {a.sizes}, budget {a.budget:g} s, {a.jobs} processes")
    res = hostile.drive(a.seed, a.n, sizes=a.sizes, budget=a.budget, jobs=a.jobs, on_result=progress)
    analyser = summarise(res, time.perf_counter() - started)
    done.clear()
    started = time.perf_counter()
    print(f"readers: {a.files} files (txt, html, jsonl, warc, warc.gz, rss)")
    res = hostile.drive(a.seed, a.files, budget=a.budget, jobs=a.jobs, readers=True, on_result=progress)
    readers = summarise(res, time.perf_counter() - started)
    report = {"benchmark": "fuzz", "seed": a.seed, "sizes": a.sizes, "budget_s": a.budget, "jobs": a.jobs,
              "python": platform.python_version(), "machine": platform.machine(),
              "analyser": analyser, "readers": readers}
    for name, part in (("analyser", analyser), ("readers", readers)):
        bad = sum(part["by_status"].get(s, 0) for s in BAD)
        print(f"{name}: {part['inputs']} inputs in {part['wall_s']} s: {part['by_status']}; undocumented "
              f"exceptions, crashes, invariant breaks or over budget: {bad}")
        for size, row in part["per_size"].items():
            print(f"  {size}: {row['inputs']} inputs, median {row['median_s']} s, p99 {row['p99_s']} s, slowest "
                  f"{row['slowest']['seconds']} s (case {row['slowest']['i']}, {row['slowest']['kind']}, "
                  f"{row['slowest']['chars']} chars)")
    a.output.write_text(json.dumps(report, indent=2, ensure_ascii=True) + "\n", encoding="utf-8")
    return 0 if not any(part["failures"] for part in (analyser, readers)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
