"""The dependency parse, seen through Universal Dependencies everywhere.

Each language's trained pipeline (a model folder in ``resources/<lang>/model``
or an installed package named in :mod:`sitrep.plugins`) tags and parses the
document; the extraction reads ``Token.dep_``, ``head``, ``children``,
``lemma_`` and ``morph`` from it.  A pipeline whose labels are not UD (the
English one speaks ClearNLP) is mapped by one table per language
(``resources/<lang>/syntax.yaml``): labels renamed, and prepositions that head
their noun (``prep`` → ``pobj``) lowered to ``case`` under it, as UD has them.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import resources

log = logging.getLogger(__name__)

# A sentence longer than this many tokens is parsed in pieces: the parser's cost and its errors grow with
# length, and no news sentence is that long (a run without punctuation is not language the parser knows).
MAX_PARSE_TOKENS = 120
# Labels whose subtypes matter to the argument logic; every other label is read by its base ("obl:mod" → "obl").
KEEP_SUBTYPES = frozenset({"nsubj:pass", "obl:agent", "nmod:poss", "flat:name", "aux:pass", "csubj:pass",
                           "compound:prt", "acl:relcl", "det:poss"})


def dep(tok: Token) -> str:
    """The UD relation of a token, with only the subtypes the extraction distinguishes."""
    label = tok.dep_
    return label if label in KEEP_SUBTYPES else label.split(":")[0]


@lru_cache(maxsize=None)
def label_table(lang: str) -> dict:
    relpath = f"{lang}/syntax.yaml"
    return resources.load(relpath) if resources.exists(relpath) else {}


@Language.component("sitrep_cut_long")
def cut_long(doc: Doc) -> Doc:
    """Sentences over MAX_PARSE_TOKENS tokens are cut into pieces before the parser sees them."""
    run = 0
    for tok in doc:
        if tok.is_sent_start:
            run = 0
        run += 1
        if run > MAX_PARSE_TOKENS:
            tok.is_sent_start = True
            run = 1
    return doc


@Language.factory("sitrep_ud", default_config={"lang": "en"})
def make_ud(nlp: Language, name: str, lang: str):
    """Map a non-UD parse to UD with the language's table (labels, and prepositions lowered to case)."""
    table = label_table(lang)
    labels: dict[str, str] = table.get("labels", {})  # "LABEL" or "LABEL+POS" (the label of that tag only)
    raised: set[str] = set(table.get("case_heads", []))
    objects: set[str] = set(table.get("case_objects", []))

    def ud(doc: Doc) -> Doc:
        if not labels and not raised:
            return doc
        moves: list[tuple[Token, Token]] = []
        for tok in doc:
            if tok.dep_ in raised:
                obj = next((c for c in tok.children if c.dep_ in objects), None)
                if obj is not None:
                    moves.append((tok, obj))
        for prep, obj in moves:
            governor = prep.head
            attach = "obl" if governor.pos_ in ("VERB", "AUX", "ADJ") else "nmod"
            new_label = labels.get(prep.dep_ + ">", attach)
            if prep.head.i == prep.i:  # a preposition at the root stays where it is
                continue
            obj.head = governor
            obj.dep_ = new_label
            prep.head = obj
            prep.dep_ = "case"
            for child in list(prep.children):  # "because of", "out of": what else hung on it moves with the noun
                if child.i != obj.i and child.dep_ not in ("pcomp",):
                    child.head = obj
        for tok in doc:
            mapped = labels.get(f"{tok.dep_}+{tok.pos_}") or labels.get(tok.dep_)
            if mapped:
                tok.dep_ = mapped
        return doc
    return ud


def model_path(lang: str):
    """The model folder shipped for a language, if there is one."""
    path = resources.ROOT / lang / "model"
    return path if (path / "meta.json").is_file() else None


def verb_like(tok: Token) -> bool:
    """A verb by its tag, or by its dependents where the tagger erred ("stuurden" tagged as a noun)."""
    return tok.pos_ in ("VERB", "AUX") or any(dep(c) in ("nsubj", "nsubj:pass", "obj", "aux", "aux:pass")
                                             for c in tok.children)


def finite(tok: Token) -> bool:
    """A finite verb form: treebanks mark it as ``VerbForm=Fin`` (Dutch, French, English) or only by its
    ``Mood`` (the German model), so either counts."""
    return "Fin" in tok.morph.get("VerbForm") or bool(tok.morph.get("Mood"))


def marked_clauses(verb: Token, marks: re.Pattern[str]) -> list[Token]:
    """The adverbial clauses of a verb that a subordinator of a lexicon word list opens ("unless X …", "als X …")."""
    return [c for c in verb.children if dep(c) == "advcl" and any(dep(m) == "mark" and matches(marks, m)
                                                                for m in c.children)]


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens that overlap a character span (spaCy's own alignment, expanded to whole tokens)."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return list(span) if span is not None else []


def span_head(doc: Doc, start: int, end: int) -> Token | None:
    """The token of a character span whose head lies outside it (the syntactic head of the phrase)."""
    toks = tokens_in(doc, start, end)
    if not toks:
        return None
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    content = [t for t in heads if t.pos_ in ("VERB", "NOUN", "PROPN", "ADJ", "AUX")]
    return (content or heads or toks)[0]  # "aan te vallen": the verb, not its particle


def children(tok: Token, *labels: str) -> list[Token]:
    return [c for c in tok.children if dep(c) in labels]


def conjuncts(tok: Token) -> list[Token]:
    """The token and the ones coordinated with it ("Israel and the United States")."""
    out = [tok]
    stack = [c for c in tok.children if dep(c) == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(x for x in c.children if dep(x) == "conj")
    return out


def case_words(tok: Token) -> list[str]:
    """The prepositions of a nominal ("op" in "op de basis"), lower-cased, first one first."""
    return [c.lower_ for c in tok.children if dep(c) == "case"]


def is_passive(verb: Token) -> bool:
    """A passive clause: a passive subject or auxiliary, or a participle with a passive auxiliary above it."""
    if any(dep(c) in ("nsubj:pass", "aux:pass", "csubj:pass") for c in verb.children):
        return True
    return "Pass" in verb.morph.get("Voice")


def subtree_span(tok: Token) -> tuple[int, int]:
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right.text)


def matches(rx: re.Pattern[str], tok: Token) -> bool:
    """A lexicon word list matches a token by its form or its lemma."""
    return bool(rx.fullmatch(tok.lower_) or rx.fullmatch(tok.lemma_.lower()))
