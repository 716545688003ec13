"""A seeded generator of hostile inputs for the analyser and the readers, and one runner that checks them.

Shared by the CI sample (``tests/fuzz/test_fuzz.py``: a few thousand small inputs) and the full-size
benchmark (``bench/bench_fuzz.py``: 100,000 and more, in size classes up to 100,000 characters). The same
seed gives the same inputs on every machine, so a failure is reproduced by its seed and index.

Classes of input (``KINDS``), each the shape of a failure seen in the field (issue 11):
random Unicode (controls, combining marks, right-to-left, emoji, private use, noncharacters, lone
surrogates), long tokens, nested and unbalanced quotation marks and brackets, figures past any count
(thousands of digits, 2**63, "10^300"), dates out of the calendar (year 0, 99999, month 13, 31 February,
a 9999-12-31 publication), HTML fragments, and real sentences (the bundled examples) mutated and spliced
with the rest. Readers get bytes: text, HTML, JSON Lines (with escaped surrogates, deep nesting, wrong
types), WARC and RSS, truncated or mutated.

The runner calls the public API (``sitrep.analyze``), so it covers whatever pipeline is in place, under
the per-document time budget (:func:`sitrep.budget.time_limit`), and checks each output's invariants:
offsets inside the text and ``text[start:end]`` equal to every span's text, actor ids that resolve,
and a record that JSON-encodes to UTF-8.
"""
from __future__ import annotations

import gzip
import io
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles.jsonl"

KINDS = ("unicode", "long_token", "brackets", "numbers", "dates", "html", "mutated", "mixed")
# Size classes by target length in characters (the generator aims at a length in the class's range).
SIZES = {"S": (1, 1_000), "M": (1_000, 10_000), "L": (10_000, 100_000)}

# Documented outcomes: the analyser raises InputError with one of these codes on such input.
DOCUMENTED_CODES = {"E001", "E002", "E003"}
BUDGET_CODE = "E023"

_RANGES = [(0x0000, 0x001F), (0x0020, 0x007E), (0x00A0, 0x024F), (0x0300, 0x036F), (0x0370, 0x03FF),
           (0x0400, 0x04FF), (0x0590, 0x08FF), (0x0E00, 0x0E7F), (0x1100, 0x11FF), (0x2000, 0x206F),
           (0x2190, 0x23FF), (0x3000, 0x30FF), (0x4E00, 0x4FFF), (0xD800, 0xDFFF), (0xE000, 0xF8FF),
           (0xFB00, 0xFDFF), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFF00, 0xFFEF), (0xFFF0, 0xFFFF),
           (0x10000, 0x1007F), (0x1D400, 0x1D7FF), (0x1F300, 0x1FAFF), (0xE0000, 0xE007F), (0x10FFF0, 0x10FFFF)]
_DIGITS = "0123456789" + "٠١٢٣٤٥٦٧٨٩" + "０１２３４５６７８９" + "߀߁߂" + "²³¹⁴"
_MARKS = "\"“”„‟«»‹›‘’‚'`´()[]{}<>（）「」『』"
_CUES = ["killed", "wounded", "people were killed", "doden", "Tote", "morts", "injured", "soldiers",
         "said", "zei", "sagte", "a déclaré", "attacked", "fired missiles at", "arrested", "protested"]
_ACTORS = ["Russia", "Ukraine", "Israel", "Hamas", "the army", "NATO", "Rusland", "Oekraïne", "die Polizei",
           "l'armée", "President Putin", "Zelensky", "Hezbollah", "the United Nations", "Iran-backed Houthis"]
_MONTHS = ["January", "February", "March", "juni", "März", "décembre", "Feb.", "Sept", "mei", "Oktober"]
_PUBLISHED = [None, None, None, "2024-06-05", "9999-12-31", "0001-01-01", "0000-00-00", "2024-13-45",
              "2024-02-30", "99999", "1-1-1", "garbage", "\ud800", "2024", "2024-06", "2024-06-05T10:00:00Z"]
_LANGUAGES = [None, None, None, "en", "nl", "de", "fr", "es", "xx", "EN", "zz", "en-GB", "", "klingon",
              "\ud800", "123", "fr_FR"]


@dataclass(slots=True)
class Case:
    """One generated input: what ``sitrep.analyze`` is called with, and where it came from."""

    kind: str
    size: str
    index: int
    text: str
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Outcome:
    case: Case
    status: str  # ok | documented | timeout | exception | invariant
    seconds: float
    detail: str = ""


def _seed_sentences() -> list[str]:
    try:
        lines = EXAMPLES.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ["Russian missiles killed five people in Kharkiv on Tuesday, the governor said."]
    out = []
    for line in lines:
        if line.strip():
            text = json.loads(line).get("text", "")
            out += [s.strip() for s in text.replace("\n", " ").split(". ") if len(s.strip()) > 20]
    return out


SENTENCES = _seed_sentences()


# ---------------------------------------------------------------- pieces
def _unicode(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        lo, hi = rng.choice(_RANGES)
        out.append(chr(rng.randint(lo, hi)))
    return "".join(out)


def _long_token(rng: random.Random, n: int) -> str:
    unit = rng.choice(["a", "ä", "9", "-", "'", "’", "x-", "ab'", "http://a.b/", "((", '"', ".", "_", "ǅ", "\u0301",
                       rng.choice(_ACTORS).replace(" ", "")])
    return (unit * (n // len(unit) + 1))[:n]


def _brackets(rng: random.Random, n: int) -> str:
    style = rng.random()
    if style < 0.3:  # one mark repeated: the classic backtracking trap
        return rng.choice(_MARKS) * n
    if style < 0.6:  # nested, balanced or not
        depth = max(1, n // 8)
        opens = [rng.choice("“„«‹([{\"'") for _ in range(depth)]
        close = {"“": "”", "„": "“", "«": "»", "‹": "›", "(": ")", "[": "]", "{": "}", '"': '"', "'": "'"}
        body = "".join(o + rng.choice(["", "he said ", "x "]) for o in opens)
        tail = "".join(close[o] for o in reversed(opens) if rng.random() < 0.5)
        return (body + tail)[:n]
    out = []
    while sum(map(len, out)) < n:  # quotes and words interleaved, with speech verbs
        out.append(rng.choice(_MARKS) if rng.random() < 0.6 else rng.choice(_CUES + _ACTORS) + " ")
    return "".join(out)[:n]


def _number(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.25:
        return rng.choice("123456789") + "".join(rng.choice("0123456789") for _ in range(rng.randint(4300, 6000)))
    if r < 0.45:
        return rng.choice(["9223372036854775808", "18446744073709551616", str(2 ** 63 - 1), str(2 ** 64), "1e308",
                           "10^300", "10**300", "1.000.000.000.000.000", "99,999,999,999,999", "-5", "0", "00000",
                           "1,5 miljoen", "3 billion", "1.7976931348623157e308", "NaN", "∞"])
    if r < 0.7:
        return "".join(rng.choice(_DIGITS) for _ in range(rng.randint(1, 40)))
    return str(rng.randint(0, 10 ** rng.randint(1, 30)))


def _numbers(rng: random.Random, n: int) -> str:
    out = []
    while sum(map(len, out)) < n:
        num = _number(rng)
        out.append(rng.choice([f"{rng.choice(_ACTORS)} killed {num} people. ", f"{num} wounded. ",
                               f"Bij de aanval kwamen {num} mensen om het leven. ", f"{num} Tote und {num} Verletzte. ",
                               f"{num} morts. ", f"{num} soldiers were deployed. ", f"at least {num} dead "]))
    return "".join(out)


def _date(rng: random.Random) -> str:
    y = rng.choice(["0000", "0001", "9999", "99999", "10000", "2024", "1066", str(rng.randint(0, 10 ** 12)), "-1"])
    m = rng.choice(["00", "13", "99", "02", "12", "1" * rng.randint(3, 30)])
    d = rng.choice(["00", "31", "30", "29", "32", "99", "1" * rng.randint(3, 30)])
    return rng.choice([f"{y}-{m}-{d}", f"{d}/{m}/{y}", f"{d}.{m}.{y}", f"{d} {rng.choice(_MONTHS)} {y}",
                       f"{rng.choice(_MONTHS)} {d}, {y}", f"in {y}", f"{d} {rng.choice(_MONTHS)} next year",
                       f"{rng.randint(0, 10 ** 6)} days ago", f"the past {rng.randint(0, 10 ** 9)} years",
                       f"end of {rng.choice(_MONTHS)} next year", f"mid-{y}", f"the {y[:3]}0s", "yesterday",
                       "tomorrow", "next week", "last year", f"{y}-{y}"])


def _dates(rng: random.Random, n: int) -> str:
    out = []
    while sum(map(len, out)) < n:
        out.append(f"{rng.choice(['On', 'Op', 'Am', 'Le', ''])} {_date(rng)} {rng.choice(_ACTORS)} "
                   f"{rng.choice(_CUES)} {rng.choice(_ACTORS)}. ")
    return "".join(out)


def _html(rng: random.Random, n: int) -> str:
    tags = ["<p>", "</p>", "<div class='x'>", "</div>", "<script>alert(1)</script>", "<!--", "-->", "<![CDATA[",
            "]]>", "&amp;", "&#xD800;", "&#0;", "&nbsp;", "<br/>", "<a href='javascript:x'>", "</a>", "<",
            ">", "<title>", "<meta charset='x'>", "<b><i><u>", "</u></i></b>", "&lt;&gt;"]
    out = []
    while sum(map(len, out)) < n:
        out.append(rng.choice(tags) if rng.random() < 0.5 else rng.choice(SENTENCES) + " ")
    return "".join(out)[:n]


def _mutate(rng: random.Random, text: str, rate: float) -> str:
    chars = list(text)
    for _ in range(max(1, int(len(chars) * rate))):
        if not chars:
            break
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.3:
            del chars[i]
        elif op < 0.6:
            chars[i] = _unicode(rng, 1)
        elif op < 0.8:
            chars.insert(i, rng.choice(_MARKS))
        else:
            chars.insert(i, rng.choice(_DIGITS))
    return "".join(chars)


def _mutated(rng: random.Random, n: int) -> str:
    out = []
    while sum(map(len, out)) < n:
        out.append(_mutate(rng, rng.choice(SENTENCES), rng.choice([0.0, 0.01, 0.05, 0.2])) + rng.choice([". ", "\n", " "]))
    return "".join(out)


_MAKERS: dict[str, Callable[[random.Random, int], str]] = {
    "unicode": _unicode, "long_token": _long_token, "brackets": _brackets, "numbers": _numbers,
    "dates": _dates, "html": _html, "mutated": _mutated}


def _mixed(rng: random.Random, n: int) -> str:
    out = []
    while sum(map(len, out)) < n:
        kind = rng.choice(list(_MAKERS))
        out.append(_MAKERS[kind](rng, rng.randint(1, max(1, min(n, 2_000)))) + rng.choice([" ", "\n", "\n\n", ""]))
    return "".join(out)[:n]


_MAKERS["mixed"] = _mixed


def make_case(rng: random.Random, kind: str, size: str, index: int) -> Case:
    lo, hi = SIZES[size]
    n = rng.randint(lo, hi)
    text = _MAKERS[kind](rng, n)
    kwargs: dict[str, Any] = {"published": rng.choice(_PUBLISHED), "language": rng.choice(_LANGUAGES)}
    if rng.random() < 0.1:
        kwargs.update(doc_id=_unicode(rng, 8), source=_unicode(rng, 8), title=_unicode(rng, 20),
                      url="http://x/" + _unicode(rng, 5))
    return Case(kind, size, index, text, kwargs)


def cases(seed: int, n: int, sizes: dict[str, float] | None = None) -> Iterator[Case]:
    """``n`` cases from ``seed``, the kinds in turn, size classes drawn with the weights ``sizes``."""
    rng = random.Random(seed)
    weights = sizes or {"S": 1.0}
    names, w = list(weights), list(weights.values())
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        yield make_case(rng, kind, rng.choices(names, w)[0], i)


# ---------------------------------------------------------------- readers
def reader_inputs(seed: int, n: int) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) for the readers: text, HTML, JSON Lines, WARC and RSS, broken in many ways."""
    rng = random.Random(seed)
    for i in range(n):
        body = _MAKERS[rng.choice(KINDS)](rng, rng.randint(1, 3_000))
        suffix = (".txt", ".html", ".jsonl", ".warc", ".warc.gz", ".rss")[i % 6]
        data = _reader_bytes(rng, suffix, body)
        if rng.random() < 0.2:  # truncated, or a few bytes flipped
            data = data[:rng.randint(0, len(data))] if rng.random() < 0.5 else _flip(rng, data)
        yield f"fuzz{i}{suffix}", data


def _flip(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(max(1, len(b) // 200)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def _utf8(s: str) -> bytes:
    return s.encode("utf-8", "surrogatepass")  # lone surrogates as WTF-8 bytes: invalid UTF-8 on purpose


def _reader_bytes(rng: random.Random, suffix: str, body: str) -> bytes:
    if suffix == ".txt":
        return _utf8(body) if rng.random() < 0.8 else body.encode("utf-16", "surrogatepass")
    if suffix == ".html":
        return _utf8(f"<html><head><title>{body[:50]}</title></head><body><article><p>{body}</p></article></body></html>")
    if suffix == ".jsonl":
        recs = []
        for _ in range(rng.randint(1, 4)):
            r = rng.random()
            if r < 0.15:
                recs.append("[" * rng.randint(1000, 100_000))  # JSON nested deeper than any parser recurses
            elif r < 0.3:
                recs.append(json.dumps({"text": rng.choice([1, None, [], {}, True]), "published": body[:10]}))
            else:
                recs.append(json.dumps({"id": body[:5], "text": body, "published": rng.choice(_PUBLISHED),
                                        "language": rng.choice(_LANGUAGES), "fatalities": 2 ** 63}))  # \udXXX escapes
        return "\n".join(recs).encode("utf-8")
    if suffix.startswith(".warc"):
        payload = _utf8(f"<html><body><p>{body}</p></body></html>")
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=" + rng.choice([b"utf-8", b"x-bogus", b"utf-16"]) + \
            b"\r\nContent-Length: " + str(len(payload)).encode() + b"\r\n\r\n" + payload
        rec = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/" + str(rng.random()).encode() +
               b"\r\nWARC-Date: 2024-06-05T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; "
               b"msgtype=response\r\nContent-Length: " + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")
        return gzip.compress(rec) if suffix.endswith(".gz") else rec
    esc = body.replace("&", "&amp;").replace("<", "&lt;")
    return _utf8(f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item><title>{esc[:40]}</title>"
                 f"<description>{esc}</description><pubDate>{rng.choice(['Mon, 99 Foo 99999', 'x', ''])}</pubDate>"
                 f"</item></channel></rss>")


def read_bytes(name: str, data: bytes) -> list[Any]:
    """Every record the reader for ``name`` yields from ``data`` (documents and failures)."""
    from sitrep.ingest.readers import reader_for, read_text

    reader = reader_for(name) or read_text
    return list(reader(io.BytesIO(data), name))


# ---------------------------------------------------------------- running and checking
def check_invariants(text: str, record: dict[str, Any]) -> str | None:
    """What is wrong with one output record, or None."""
    n = len(text)

    def span(s: dict[str, Any], where: str) -> str | None:
        if not (0 <= s["start"] <= s["end"] <= n):
            return f"{where}: offsets {s['start']}..{s['end']} outside the text ({n})"
        if text[s["start"]:s["end"]] != s["text"]:
            return f"{where}: text[{s['start']}:{s['end']}] != {s['text'][:30]!r}"
        return None

    ids = {a["id"] for a in record["actors"]}
    problems = []
    for a in record["actors"]:
        problems += [span(m, f"actor {a['id']} mention") for m in a["mentions"]]
    for e in record["events"]:
        problems.append(span(e["evidence"], f"event {e['id']} evidence"))
        problems += [f"event {e['id']}: unknown actor {x}" for x in e["actors"] + e["targets"] if x not in ids]
    for q in record["quotes"]:
        problems.append(span(q, f"quote {q['id']}"))
        if q["speaker"] is not None and q["speaker"] not in ids:
            problems.append(f"quote {q['id']}: unknown speaker {q['speaker']}")
    for r in record["relations"]:
        problems.append(span(r["evidence"], "relation evidence"))
        problems += [f"relation: unknown actor {x}" for x in (r["subject"], r["object"]) if x not in ids]
    problems = [p for p in problems if p]
    if problems:
        return "; ".join(problems[:3])
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # raises where the output cannot be written
    return None


def run_case(case: Case, budget: float | None) -> Outcome:
    """Analyse one case under the time budget and classify what happened."""
    import sitrep
    from sitrep.budget import time_limit
    from sitrep.errors import InputError

    t0 = time.perf_counter()
    try:
        with time_limit(budget):
            doc = sitrep.analyze(case.text, **case.kwargs)
            record = doc.to_dict(include_text=True) if hasattr(doc, "to_dict") else doc.to_json()
    except InputError as exc:
        status = "timeout" if exc.code == BUDGET_CODE else "documented" if exc.code in DOCUMENTED_CODES else "exception"
        return Outcome(case, status, time.perf_counter() - t0, f"{exc.code}: {exc.message[:120]}")
    except Exception as exc:  # noqa: BLE001 - this is what the harness is for
        return Outcome(case, "exception", time.perf_counter() - t0, f"{type(exc).__name__}: {str(exc)[:200]}")
    seconds = time.perf_counter() - t0
    try:
        problem = check_invariants(record.get("text", case.text), record)
    except Exception as exc:  # noqa: BLE001
        problem = f"output not writable: {type(exc).__name__}: {exc}"
    return Outcome(case, "invariant" if problem else "ok", seconds, problem or "")


def run_reader_case(name: str, data: bytes, budget: float | None) -> tuple[str, str]:
    """Read one generated file and analyse what it yields: (status, detail) as :func:`run_case` classifies."""
    from sitrep.ingest.readers import InputDocument

    try:
        records = read_bytes(name, data)
    except Exception as exc:  # noqa: BLE001
        return "exception", f"reader: {type(exc).__name__}: {str(exc)[:200]}"
    worst = ("ok", "")
    for rec in records:
        if not isinstance(rec, InputDocument):
            continue
        out = run_case(Case("reader", "S", 0, rec.text, {"published": rec.published, "language": rec.language,
                                                          "doc_id": rec.id, "url": rec.url, "title": rec.title}), budget)
        if out.status in ("exception", "invariant", "timeout"):
            return out.status, out.detail
        if out.status == "documented":
            worst = ("documented", out.detail)
    return worst


# ---------------------------------------------------------------- worker processes
# A case that kills the interpreter (a segfault in a C extension) must not end the run: cases are analysed
# in child processes that print one JSON line per case; the driver restarts a child that died and records
# the case it was on as a crash.

def _worker_main(argv: list[str]) -> int:
    import argparse
    import logging
    import sys

    p = argparse.ArgumentParser(description="analyse a range of generated hostile inputs; one JSON line per case")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--start", type=int, required=True)
    p.add_argument("--stop", type=int, required=True)
    p.add_argument("--sizes", default="S=1")
    p.add_argument("--budget", type=float, default=30.0)
    p.add_argument("--readers", action="store_true", help="generated files through the readers instead")
    a = p.parse_args(argv)
    logging.disable(logging.WARNING)  # the replacement warnings of every surrogate case would drown the output
    import sitrep

    for lang in ("en", "nl", "de", "fr", "es"):  # load every pipeline first: loading is not what is timed
        sitrep.analyze("Russian missiles killed five people in Kharkiv on Tuesday.", language=lang)
    out = sys.stdout
    if a.readers:
        for i, (name, data) in enumerate(reader_inputs(a.seed, a.stop)):
            if i < a.start:
                continue
            print(json.dumps({"start": i}), file=out, flush=True)
            t0 = time.perf_counter()
            status, detail = run_reader_case(name, data, a.budget)
            print(json.dumps({"i": i, "kind": "reader:" + name.split(".", 1)[1], "size": "S", "chars": len(data),
                              "status": status, "seconds": round(time.perf_counter() - t0, 4), "detail": detail}),
                  file=out, flush=True)
        return 0
    for case in cases(a.seed, a.stop, parse_sizes(a.sizes)):
        if case.index < a.start:
            continue
        print(json.dumps({"start": case.index}), file=out, flush=True)
        o = run_case(case, a.budget)
        print(json.dumps({"i": case.index, "kind": case.kind, "size": case.size, "chars": len(case.text),
                          "status": o.status, "seconds": round(o.seconds, 4), "detail": o.detail}), file=out, flush=True)
    return 0


def parse_sizes(spec: str) -> dict[str, float]:
    """'S=1,M=0.1' -> {'S': 1.0, 'M': 0.1}."""
    return {k.strip(): float(v) for k, v in (x.split("=") for x in spec.split(",") if x.strip())}


def drive(seed: int, n: int, sizes: str = "S=1", budget: float = 30.0, jobs: int = 1, readers: bool = False,
          on_result: Callable[[dict[str, Any]], None] | None = None, python: str | None = None) -> list[dict[str, Any]]:
    """Run cases 0..n-1 of ``seed`` in ``jobs`` child processes; every case gives one result dict."""
    import subprocess
    import sys

    python = python or sys.executable
    bounds = [(n * j // jobs, n * (j + 1) // jobs) for j in range(jobs)]
    results: list[dict[str, Any]] = []
    procs: dict[int, tuple[subprocess.Popen, int, int]] = {}

    def launch(j: int, start: int, stop: int) -> None:
        cmd = [python, str(Path(__file__).resolve()), "--seed", str(seed), "--start", str(start), "--stop", str(stop),
               "--sizes", sizes, "--budget", str(budget)] + (["--readers"] if readers else [])
        procs[j] = (subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT),
                    start, stop)

    for j, (lo, hi) in enumerate(bounds):
        if hi > lo:
            launch(j, lo, hi)
    import selectors

    sel = selectors.DefaultSelector()
    for j, (proc, _, _) in procs.items():
        sel.register(proc.stdout, selectors.EVENT_READ, j)
    current: dict[int, int | None] = {j: None for j in procs}
    while procs:
        for key, _ in sel.select():
            j = key.data
            proc, start, stop = procs[j]
            line = proc.stdout.readline()
            if line:
                msg = json.loads(line)
                if "start" in msg:
                    current[j] = msg["start"]
                else:
                    current[j] = None
                    results.append(msg)
                    if on_result:
                        on_result(msg)
                continue
            sel.unregister(proc.stdout)
            rc = proc.wait()
            del procs[j]
            crashed = current.get(j)
            if crashed is not None:  # the child died on this case: record it, go on after it
                kind, size, chars = "reader", "S", 0
                if not readers:  # the generator is cheap: name the case that killed the child
                    case = next(c for c in cases(seed, crashed + 1, parse_sizes(sizes)) if c.index == crashed)
                    kind, size, chars = case.kind, case.size, len(case.text)
                res = {"i": crashed, "kind": kind, "size": size, "chars": chars, "status": "crash", "seconds": 0.0,
                       "detail": f"the analysing process died (exit status {rc})"}
                results.append(res)
                if on_result:
                    on_result(res)
                current[j] = None
                if crashed + 1 < stop:
                    launch(j, crashed + 1, stop)
                    sel.register(procs[j][0].stdout, selectors.EVENT_READ, j)
    results.sort(key=lambda r: r["i"])
    return results


if __name__ == "__main__":
    import sys

    raise SystemExit(_worker_main(sys.argv[1:]))
