#!/usr/bin/env python3
"""Measure the parser sitrep uses for each language on a UD treebank file no model was trained on.

    python scripts/parsers/measure.py [--data ../shared/nlp-data/ud] [--langs nl,de,fr,en]

Each sentence is given to the language's pipeline as its gold words (so that
tokenisation errors do not count twice), parsed by the trained components and,
for English, mapped to UD by ``resources/en/syntax.yaml`` exactly as in
``sitrep analyze``; then UAS, LAS (on the relation's base label, "obl:tmod" =
"obl", as the extraction reads them) and POS accuracy are counted over all
words but punctuation.  Held-out files: Dutch Alpino dev (not in the training
set of sitrep's model), German GSD dev (idem), French GSD dev (fr_core_news is
trained on Sequoia), English EWT dev (en_core_web_sm is trained on OntoNotes).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from spacy.tokens import Doc
from spacy.training.converters import conllu_to_docs

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.pipeline import COMPONENTS, FRAME, get_nlp  # noqa: E402

HELDOUT = {"nl": "nl_alpino-ud-dev.conllu", "de": "de_gsd-ud-dev.conllu", "fr": "fr_gsd-ud-dev.conllu",
           "en": "en_ewt-ud-dev.conllu"}


def base(label: str) -> str:
    return "ROOT" if label.lower() == "root" else label.split(":")[0]


def measure(lang: str, path: Path) -> dict:
    nlp = get_nlp(lang)
    skip = set(FRAME) | set(COMPONENTS)
    gold_docs = list(conllu_to_docs(path.read_text(encoding="utf8"), n_sents=1, merge_subtokens=True,
                                    no_print=True))
    n = uas = las = pos = 0
    for gold in gold_docs:
        doc = Doc(nlp.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])
        doc[0].is_sent_start = True
        for t in doc[1:]:
            t.is_sent_start = False
        for name, proc in nlp.pipeline:
            if name not in skip:
                doc = proc(doc)
        for g, p in zip(gold, doc):
            if g.pos_ == "PUNCT":
                continue
            n += 1
            pos += g.pos_ == p.pos_
            if g.head.i == p.head.i:
                uas += 1
                las += base(g.dep_) == base(p.dep_)
    return {"lang": lang, "file": path.name, "words": n, "UAS": round(100 * uas / n, 1),
            "LAS": round(100 * las / n, 1), "POS": round(100 * pos / n, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "nlp-data" / "ud")
    ap.add_argument("--langs", default="nl,de,fr,en")
    args = ap.parse_args(argv)
    for lang in args.langs.split(","):
        print(json.dumps(measure(lang, args.data / HELDOUT[lang])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
