#!/usr/bin/env python3
"""Benchmark of ``sitrep.analyze`` on one core: articles/s, words/s and peak memory.

Not a test: run it by hand after changes to the extractor.

    .venv/bin/python bench/bench_extract.py            # 200 articles of about 800 words
    .venv/bin/python bench/bench_extract.py --n 500 --words 1200

It builds N articles of about --words words each from the paragraphs of the
bundled examples (examples/articles.jsonl), each article in one language and
with its paragraphs in a different order, warms the pipelines up (one article
per language: loading spaCy and the resources is not what is measured), then
analyses the N articles one after another in this single process (language
detection included, publication date given) and reports against the goal:
at least 8,000 words/s with the parser on and a peak resident memory under 600 MB. The figures
go to the terminal and to bench/results.json.
"""
from __future__ import annotations

import os

# One core: no thread pools in the numerical libraries (set before they are imported) ...
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
# Round 2 (extraction on a dependency parse, issue 9): words per second of the whole extraction, parser on,
# and peak memory with the four languages' pipelines loaded.
GOAL_WORDS_PER_S = 8000.0
GOAL_PEAK_RSS_MB = 600.0


def pin_to_one_core() -> str:
    """... and the process on a single CPU where the OS allows it."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here)"


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def current_rss_mb() -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    return psutil.Process().memory_info().rss / (1024 * 1024)


def build_articles(n: int, words: int, seed: int) -> list[dict]:
    """N articles of about ``words`` words: the example paragraphs of one language, shuffled and repeated."""
    records = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_lang: dict[str, list[str]] = defaultdict(list)
    published: dict[str, str] = {}
    for r in records:
        lang = r["id"][:2]
        paragraphs = [p.strip() for p in r["text"].split("\n\n") if p.strip()]
        by_lang[lang] += paragraphs[1:]  # the body; headlines are added one per article
        by_lang[f"{lang}:title"].append(paragraphs[0])
        published.setdefault(lang, r["published"])
    langs = sorted(k for k in by_lang if ":" not in k)
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        lang = langs[i % len(langs)]
        parts = [rng.choice(by_lang[f"{lang}:title"])]
        count = len(parts[0].split())
        pool: list[str] = []
        while count < words:
            if not pool:
                pool = by_lang[lang][:]
                rng.shuffle(pool)
            parts.append(pool.pop())
            count += len(parts[-1].split())
        text = "\n\n".join(parts) + "\n"
        articles.append({"id": f"bench-{i}", "lang": lang, "text": text, "words": len(text.split()),
                         "published": published[lang]})
    return articles


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200, help="number of articles to analyse (default 200)")
    ap.add_argument("--words", type=int, default=800, help="about this many words per article (default 800)")
    ap.add_argument("--seed", type=int, default=1, help="seed for shuffling paragraphs (default 1)")
    ap.add_argument("--output", type=Path, default=ROOT / "bench" / "results.json", help="where to write the figures")
    args = ap.parse_args(argv)

    pinned = pin_to_one_core()
    rss_start = current_rss_mb()
    import sitrep  # noqa: E402  (after pinning: its imports count in the peak)

    articles = build_articles(args.n, args.words, args.seed)
    t0 = time.perf_counter()
    for lang in sorted({a["lang"] for a in articles}):  # warm up: load each language's pipeline once
        a = next(a for a in articles if a["lang"] == lang)
        sitrep.analyze(a["text"], published=a["published"])
    warmup_s = time.perf_counter() - t0

    per_doc = []
    events = 0
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    for a in articles:
        s = time.perf_counter()
        doc = sitrep.analyze(a["text"], published=a["published"], doc_id=a["id"])
        per_doc.append(time.perf_counter() - s)
        events += len(doc.events)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - cpu0

    total_words = sum(a["words"] for a in articles)
    per_doc.sort()
    results = {
        "articles": len(articles),
        "words_per_article": round(total_words / len(articles)),
        "languages": sorted({a["lang"] for a in articles}),
        "seconds": round(elapsed, 3),
        "cpu_seconds": round(cpu, 3),
        "articles_per_s": round(len(articles) / elapsed, 2),
        "words_per_s": round(total_words / elapsed),
        "ms_per_article_median": round(1000 * per_doc[len(per_doc) // 2], 1),
        "ms_per_article_p95": round(1000 * per_doc[min(len(per_doc) - 1, int(len(per_doc) * 0.95))], 1),
        "events_found": events,
        "warmup_s": round(warmup_s, 2),
        "rss_at_start_mb": None if rss_start is None else round(rss_start, 1),
        "rss_at_end_mb": None if current_rss_mb() is None else round(current_rss_mb(), 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "cpu_words_per_s": round(total_words / cpu) if cpu else None,
        "goal": {"words_per_s": GOAL_WORDS_PER_S, "peak_rss_mb": GOAL_PEAK_RSS_MB},
        "environment": {"python": platform.python_version(), "machine": platform.machine(),
                        "processor": platform.processor() or None, "cores_available": os.cpu_count(),
                        "affinity": pinned, "sitrep": sitrep.__version__},
    }
    speed_ok = results["words_per_s"] >= GOAL_WORDS_PER_S
    memory_ok = results["peak_rss_mb"] < GOAL_PEAK_RSS_MB
    results["goal_met"] = speed_ok and memory_ok

    rows = [
        ("articles", f"{results['articles']} x ~{results['words_per_article']} words ({', '.join(results['languages'])})", ""),
        ("time", f"{results['seconds']:.2f} s (CPU {results['cpu_seconds']:.2f} s), warm-up {results['warmup_s']:.1f} s", ""),
        ("articles/s", f"{results['articles_per_s']:.1f}", ""),
        ("words/s", f"{results['words_per_s']:,} (per CPU second {results['cpu_words_per_s']:,})",
         f"goal >= {GOAL_WORDS_PER_S:,.0f}: {'ok' if speed_ok else 'MISSED'}"),
        ("ms/article", f"median {results['ms_per_article_median']}, p95 {results['ms_per_article_p95']}", ""),
        ("peak RSS", f"{results['peak_rss_mb']:.0f} MB", f"goal < {GOAL_PEAK_RSS_MB:.0f} MB: {'ok' if memory_ok else 'MISSED'}"),
    ]
    width = max(len(r[0]) for r in rows)
    vwidth = max(len(r[1]) for r in rows)
    print(f"sitrep.analyze benchmark, one process, {pinned}")
    for name, value, goal in rows:
        print(f"  {name:<{width}}  {value:<{vwidth}}  {goal}".rstrip())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
