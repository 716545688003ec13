"""Names and roles of speakers where the tagger is unsure: German names read as nouns, role nouns.

Where every noun is capitalised (German), an unknown name is often tagged
as a noun, so a speaker's name is told by its company in the tree: a first
name and a surname in one phrase, a title before it, a bare singular
subject of speech.  A role noun ("Sprecherin", "Bundestrainer",
"Meteorologin") names an unnamed speaker; where the language compounds
nouns the role may end a compound.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from .analysis import Analysis
from .syntax import dep


@lru_cache(maxsize=None)
def _roles(person_cues: str, speaker_nouns: str, compound: bool) -> re.Pattern[str]:
    alts = "|".join(p for p in (person_cues, speaker_nouns) if p) or "(?!x)x"
    prefix = r"[\w-]*" if compound else ""
    return re.compile(rf"{prefix}(?:{alts})", re.IGNORECASE)


def role_noun(an: Analysis, tok: Token) -> bool:
    """A noun that names someone who speaks by a role (lexicon ``person_cues`` and ``speaker_nouns``); where
    the language compounds nouns, also as the last part of one ("Linkspolitiker", "Bundestrainer")."""
    data = an.lex.data
    rx = _roles(data.get("person_cues") or "", data.get("speaker_nouns") or "", bool(data.get("compound_nouns")))
    return tok.pos_ in ("NOUN", "PROPN") and bool(rx.fullmatch(tok.lower_) or rx.fullmatch(tok.lemma_.lower()))


def looks_like_name(an: Analysis, tok: Token) -> bool:
    """An unknown name the tagger took for a noun: capitalised, inside the sentence, with no article
    ("zei Dekkers"); where every noun is capitalised, only by its company (``bare_name``)."""
    if an.lex.data.get("capitalised_nouns"):
        return bare_name(an, tok)
    return tok.pos_ in ("NOUN", "X") and tok.is_title and not tok.is_sent_start \
        and not any(dep(c) == "det" for c in tok.children) and not tok.doc[tok.i - 1].is_sent_start


def bare_name(an: Analysis, tok: Token) -> bool:
    """Where every noun is capitalised a name is told by its company: a bare capitalised word after a
    first name or a title in one phrase ("Renate Künast", "Bundesinnenminister Schäuble")."""
    if tok.pos_ not in ("NOUN", "PROPN", "X") or not tok.is_title or role_noun(an, tok) \
            or any(dep(c) == "det" for c in tok.children):
        return False
    if dep(tok) == "nsubj" and "Plur" not in tok.morph.get("Number") \
            and not any(dep(c) not in ("punct", "flat", "flat:name", "appos") for c in tok.children):
        return True  # "Gauck äußerte sich": a bare singular subject of speech is a name
    prev = tok.doc[tok.i - 1] if tok.i > 0 else tok
    return prev.head.i == tok.i and prev.i != tok.i and dep(prev) in ("compound", "flat", "flat:name", "appos") \
        and prev.pos_ in ("NOUN", "PROPN", "X") and (prev.is_title or "-" in prev.text)


def name_part(an: Analysis, tok: Token) -> bool:
    """A word that belongs to a person's name in a compound ("Karl" in "Karl Berger"), not a title."""
    if tok.pos_ == "PROPN":
        return True
    return bool(an.lex.data.get("capitalised_nouns")) and tok.pos_ in ("NOUN", "X") and tok.is_title \
        and not role_noun(an, tok)


def bare(an: Analysis, tok: Token) -> bool:
    """A capitalised word with no article where nouns are capitalised: a name ("so Lanzer")."""
    return bool(an.lex.data.get("capitalised_nouns")) and tok.pos_ in ("NOUN", "PROPN", "X") \
        and tok.is_title and not role_noun(an, tok) \
        and not any(dep(c) in ("det", "det:poss", "case", "amod") for c in tok.children)


def oblique_case(tok: Token) -> bool:
    """A noun whose case marks it as no subject ("Der Zeitung sagte Karma": dative), where case is marked."""
    cases = set(tok.morph.get("Case")) | {c for d in tok.children if dep(d) == "det" for c in d.morph.get("Case")}
    return bool(cases) and cases <= {"Dat", "Gen"} and tok.pos_ in ("NOUN", "PROPN")
