#!/usr/bin/env python3
"""Scaling of ``sitrep.analyze`` with the length of the text: per-character cost at 10k, 100k and 1M characters.

Not a test: run it by hand after changes to the extractor.

    .venv/bin/python bench/bench_scaling.py                       # 10,000 / 100,000 / 1,000,000 characters
    .venv/bin/python bench/bench_scaling.py --sizes 10000 30000 --timeout 120

Each size is a realistic English text made of the bundled examples' paragraphs (examples/articles.jsonl)
in random order, analysed in a fresh child process (pipelines warmed up first, so loading is not timed)
under cProfile, with a wall-clock limit per size (--timeout): a size that does not finish is reported as
such, with no figure. Goal (issue 11): the per-character cost stays within 2x from the smallest to the
largest size (every stage linear, or n log n). For each size the stages (the pipeline components and
spaCy's own processing) are listed with their cumulative time, so that a super-linear one shows itself.
The figures go to the terminal and to bench/results-scaling.json.
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
GOAL_RATIO = 2.0
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
# Functions whose cumulative time is a stage of the analysis (file suffix, function name).
STAGES = {
    "tokenizer+trained components": ("pipeline.py", "analyze"),  # replaced below by what is left
    "places": ("places/gazetteer.py", "find"),
    "dates": ("dates/finder.py", "find"),
    "actors": ("actors.py", "__call__"),
    "quotes": ("quotes.py", "__call__"),
    "events": ("events.py", "__call__"),
    "relations": ("relations.py", "__call__"),
    "output": ("output.py", "to_document"),
}


def english_text(n: int, seed: int = 1) -> str:
    recs = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    paras = [p for r in recs if r.get("language", "en") == "en" for p in r["text"].split("\n") if p.strip()]
    if not paras:
        raise SystemExit("no English example paragraphs in examples/articles.jsonl")
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n:
        p = rng.choice(paras)
        out.append(p)
        size += len(p) + 2
    return "\n\n".join(out)[:n]


def child(n: int) -> None:
    """In the child process: warm up, analyse one text of ``n`` characters under cProfile, print JSON."""
    import cProfile
    import logging
    import pstats

    logging.disable(logging.WARNING)
    import sitrep

    sitrep.analyze(english_text(2_000, seed=2), published="2024-06-05", language="en")
    text = english_text(n)
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    doc = sitrep.analyze(text, published="2024-06-05", language="en")
    prof.disable()
    seconds = time.perf_counter() - t0
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    stages: dict[str, float] = {}
    for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.items():
        for stage, (suffix, name) in STAGES.items():
            if filename.endswith(suffix) and func == name and "sitrep" in filename:
                stages[stage] = stages.get(stage, 0.0) + ct
    total = stages.pop("tokenizer+trained components", seconds)
    stages["tokenizer+trained components"] = max(0.0, total - sum(stages.values()))
    top = sorted(((tt, f"{Path(f).name}:{ln}({fn})") for (f, ln, fn), (_cc, _nc, tt, _ct, _c) in stats.items()),
                 reverse=True)[:8]
    print(json.dumps({"chars": len(text), "seconds": seconds, "events": len(doc.events), "actors": len(doc.actors),
                      "stages": {k: round(v, 3) for k, v in stages.items()},
                      "top_self_time": [[name, round(tt, 3)] for tt, name in top]}))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    p.add_argument("--timeout", type=float, default=600.0, help="seconds per size before it counts as unfinished")
    p.add_argument("--output", type=Path, default=ROOT / "bench" / "results-scaling.json")
    p.add_argument("--child", type=int, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        child(a.child)
        return 0
    rows = []
    for n in a.sizes:
        try:
            proc = subprocess.run([sys.executable, __file__, "--child", str(n)], capture_output=True, text=True,
                                  timeout=a.timeout, cwd=ROOT)
            row = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else \
                {"chars": n, "error": (proc.stderr.strip().splitlines() or ["?"])[-1]}
        except subprocess.TimeoutExpired:
            row = {"chars": n, "error": f"did not finish in {a.timeout:g} s"}
        if "seconds" in row:
            row["us_per_char"] = round(row["seconds"] / row["chars"] * 1e6, 2)
            print(f"{row['chars']:>9,} chars: {row['seconds']:8.2f} s, {row['us_per_char']:7.2f} us/char, "
                  f"{row['events']} events; stages: " + ", ".join(f"{k} {v:.2f}" for k, v in row["stages"].items()),
                  flush=True)
            print("           slowest functions (self time): " +
                  "; ".join(f"{name} {t:.2f}" for name, t in row["top_self_time"][:4]), flush=True)
        else:
            print(f"{n:>9,} chars: {row['error']}", flush=True)
        rows.append(row)
    done = [r for r in rows if "us_per_char" in r]
    ratio = round(done[-1]["us_per_char"] / done[0]["us_per_char"], 2) if len(done) >= 2 else None
    finished_all = len(done) == len(rows)
    verdict = "met" if finished_all and ratio is not None and ratio <= GOAL_RATIO else "NOT met"
    print(f"per-character cost, largest/smallest finished size: {ratio}x (goal <= {GOAL_RATIO:g}x, every size "
          f"finished): {verdict}")
    a.output.write_text(json.dumps({"benchmark": "scaling", "python": platform.python_version(),
                                    "machine": platform.machine(), "rows": rows, "ratio": ratio,
                                    "goal_ratio": GOAL_RATIO, "goal": verdict}, indent=2) + "\n", encoding="utf-8")
    return 0 if verdict == "met" else 1


if __name__ == "__main__":
    raise SystemExit(main())
