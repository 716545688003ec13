#!/usr/bin/env python3
"""Rebuild sitrep's Dutch or German parser from the UD treebanks in ../shared/nlp-data.

    python scripts/parsers/train.py nl [--data ../shared/nlp-data/ud] [--epochs 30]
    python scripts/parsers/train.py de

Steps, all offline: the CoNLL-U files are converted with spaCy's own converter
(subtokens such as German "zum" = "zu dem" merged, as spaCy's models do), the
training files are deduplicated against the held-out file and against each
other, ``spacy train`` runs ``parser.cfg`` (tok2vec, morphologizer, trainable
lemmatizer, parser) for a fixed number of epochs, and the *last* model is kept
(no checkpoint is chosen on the held-out file, so its figures are unbiased).
The model is measured on the held-out file (UAS, LAS, POS, morphology,
lemmas), and copied with its licence and figures into
``src/sitrep/resources/<lang>/model``, where the pipeline loads it from.
"""
from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.tokens import DocBin
from spacy.training import Example
from spacy.training.converters import conllu_to_docs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# Which treebank files train each model and which one measures it (never trained on).
PLANS = {
    "nl": {"train": ["nl_lassysmall-v2.0-train.conllu", "nl_lassysmall-ud-dev.conllu",
                     "nl_lassysmall-ud-test.conllu", "nl_alpino-ud-test.conllu"],
           "heldout": "nl_alpino-ud-dev.conllu",
           "licence": "CC BY-SA 4.0", "treebanks": "UD_Dutch-LassySmall (v2.0 train, 2025-05 dev/test), "
                                                 "UD_Dutch-Alpino (2025-05 test)"},
    "de": {"train": ["de_gsd-ud-test.conllu", "de_pud-ud-test.conllu"],
           "heldout": "de_gsd-ud-dev.conllu",
           "licence": "CC BY-SA 4.0 (GSD) and CC BY-SA 3.0 (PUD)",
           "treebanks": "UD_German-GSD (2025-05 test), UD_German-PUD (2025-11 test)"},
}
log = logging.getLogger("train")


def sentences(path: Path) -> list[str]:
    """The CoNLL-U blocks of a file, one per sentence."""
    blocks = path.read_text(encoding="utf8").replace("\r\n", "\n").split("\n\n")
    return [b.strip("\n") + "\n" for b in blocks if any(line and line[0].isdigit() for line in b.split("\n"))]


def sentence_key(block: str) -> str:
    """The sentence's words, from its token lines (multiword-token ranges and empty nodes left out)."""
    words = [line.split("\t")[1] for line in block.split("\n")
             if line and line[0].isdigit() and "-" not in line.split("\t")[0] and "." not in line.split("\t")[0]]
    return " ".join(words)


def to_docbin(blocks: list[str], path: Path) -> None:
    """spaCy's converter, ten sentences a document (so the parser also learns where sentences end),
    subtokens merged (the tokenizer never splits German 'zum' into 'zu dem')."""
    docs = conllu_to_docs("\n".join(blocks), n_sents=10, merge_subtokens=True, no_print=True)
    DocBin(docs=docs).to_disk(path)


def prepare(lang: str, data: Path, work: Path, extra: list[str] | None = None) -> dict:
    plan = PLANS[lang]
    heldout = sentences(data / plan["heldout"])
    seen = {sentence_key(b) for b in heldout}
    train: list[str] = []
    dropped = 0
    # Newer files first: a sentence in both the v2.0 train file and a current file keeps its current tree.
    for name in sorted(plan["train"], key=lambda n: "v2.0" in n) + list(extra or []):
        for block in sentences(data / name):
            key = sentence_key(block)
            if key in seen:
                dropped += 1
                continue
            seen.add(key)
            train.append(block)
    work.mkdir(parents=True, exist_ok=True)
    to_docbin(train, work / "train.spacy")
    to_docbin(heldout, work / "heldout.spacy")
    count = lambda bs: sum(len(sentence_key(b).split(" ")) for b in bs)  # noqa: E731
    stats = {"train_sentences": len(train), "train_tokens": count(train), "duplicates_dropped": dropped,
             "heldout_sentences": len(heldout), "heldout_tokens": count(heldout)}
    log.info("%s: %s", lang, stats)
    return stats


def measure(model: Path | str, heldout: Path) -> dict:
    """UAS, LAS, POS, morphology and lemma accuracy on gold tokens of the held-out file."""
    nlp = spacy.load(model)
    docs = list(DocBin().from_disk(heldout).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(d.text), d) for d in docs]
    scores = nlp.evaluate(examples)
    keep = ("dep_uas", "dep_las", "pos_acc", "morph_acc", "lemma_acc", "sents_f")
    return {k: round(float(scores[k]) * 100, 1) for k in keep if scores.get(k) is not None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("lang", choices=sorted(PLANS))
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "nlp-data" / "ud")
    ap.add_argument("--work", type=Path, default=None, help="working folder (default build/parsers/LANG)")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--no-install", action="store_true", help="do not copy the model into the package")
    ap.add_argument("--also", default="", help="comma-separated treebank files of a related language to train on "
                                               "too (e.g. Dutch for German: more trees, the same UD labels)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    work = args.work or ROOT / "build" / "parsers" / args.lang
    extra = [f for f in args.also.split(",") if f]
    stats = prepare(args.lang, args.data, work, extra)
    if extra:
        stats["also_trained_on"] = extra
    spacy_train(HERE / "parser.cfg", work / "output", use_gpu=-1,
                overrides={"nlp.lang": args.lang, "paths.train": str(work / "train.spacy"),
                           "paths.dev": str(work / "heldout.spacy"), "training.max_epochs": args.epochs})
    model = work / "output" / "model-last"
    scores = measure(model, work / "heldout.spacy")
    log.info("%s held-out (%s): %s", args.lang, PLANS[args.lang]["heldout"], scores)
    if not args.no_install:
        install(args.lang, model, scores, stats, args.epochs)
    print(json.dumps({"lang": args.lang, "heldout": PLANS[args.lang]["heldout"], **scores, **stats}))
    return 0


def install(lang: str, model: Path, scores: dict, stats: dict, epochs: int) -> None:
    plan = PLANS[lang]
    dest = ROOT / "src" / "sitrep" / "resources" / lang / "model"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(model, dest)
    meta = json.loads((dest / "meta.json").read_text())
    meta.update({"name": f"sitrep_{lang}", "license": plan["licence"],
                 "sources": [{"name": plan["treebanks"], "url": "https://universaldependencies.org",
                              "license": plan["licence"]}],
                 "sitrep": {"heldout": plan["heldout"], "epochs": epochs, **scores, **stats}})
    meta.pop("performance", None)
    (dest / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    (dest / "LICENSE").write_text(
        f"This model was trained by sitrep's scripts/parsers/train.py on {plan['treebanks']}.\n"
        f"It is a derivative of those treebanks and is distributed under {plan['licence']}\n"
        "(https://creativecommons.org/licenses/by-sa/4.0/), as spaCy's own models trained on UD are.\n")
    log.info("installed %s (%.1f MB)", dest, sum(p.stat().st_size for p in dest.rglob("*") if p.is_file()) / 1e6)


if __name__ == "__main__":
    sys.exit(main())
