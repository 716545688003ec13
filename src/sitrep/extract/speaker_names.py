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


def capital(tok: Token) -> bool:
    """Capitalised like a name or a noun: "McClaren" and "al-Houthi"'s "Houthi" too, not an acronym."""
    return tok.text[:1].isupper() and not tok.text.isupper()


def role_noun(an: Analysis, tok: Token) -> bool:
    """A noun that names someone who speaks by a role (lexicon ``person_cues`` and ``speaker_nouns``); where
    the language compounds nouns, also as the last part of one ("Linkspolitiker", "Bundestrainer")."""
    data = an.lex.data
    rx = _roles(data.get("person_cues") or "", data.get("speaker_nouns") or "", bool(data.get("compound_nouns")))
    capitalised = bool(data.get("capitalised_nouns"))
    if tok.pos_ not in ("NOUN", "PROPN") and not (capitalised and tok.pos_ == "ADJ" and capital(tok)):
        return False  # "der Vorsitzende", "Der Airbus-Vorstandsvorsitzende": an adjective used as a noun
    forms = {tok.lower_, tok.lemma_.lower()}
    forms |= {tok.lower_[:-len(e)] for e in data.get("plural_endings") or () if tok.lower_.endswith(e)}
    return any(rx.fullmatch(f) for f in forms)  # "die Autoren": the lemmatizer may keep the plural


def looks_like_name(an: Analysis, tok: Token) -> bool:
    """An unknown name the tagger took for a noun: capitalised, inside the sentence, with no article
    ("zei Dekkers"); where every noun is capitalised, only by its company (``bare_name``)."""
    if an.lex.data.get("capitalised_nouns"):
        return bare_name(an, tok)
    return tok.pos_ in ("NOUN", "X") and capital(tok) and not tok.is_sent_start \
        and not any(dep(c) == "det" for c in tok.children) and not tok.doc[tok.i - 1].is_sent_start


def bare_name(an: Analysis, tok: Token) -> bool:
    """Where every noun is capitalised a name is told by its company: a bare capitalised word after a
    first name or a title in one phrase ("Renate Künast", "Bundesinnenminister Schäuble")."""
    if (tok.pos_ not in ("NOUN", "PROPN", "X") and not capitalised_word(an, tok)) or not capital(tok) \
            or role_noun(an, tok):
        return False  # "führte Elshorst aus" with the name tagged as an adverb is still a name
    prev = tok.doc[tok.i - 1] if tok.i > 0 else tok
    modifies = prev.head.i == tok.i and prev.i != tok.i
    if modifies and dep(prev) in ("compound", "amod", "flat", "appos", "nmod") and role_noun(an, prev):
        return True  # "der Bundestrainer Löw", "Der Airbus-Vorstandsvorsitzende Enders": a title before it
    if any(dep(c) == "det" for c in tok.children):
        return False
    verbs = [tok.head] + [a for a in tok.head.children if dep(a) in ("aux", "aux:pass", "cop")]
    plural = "Plur" in tok.morph.get("Number") and not any("Sing" in v.morph.get("Number") for v in verbs)  # agreement
    if dep(tok) == "nsubj" and not plural and not opening_modifier(an, tok) \
            and not any(dep(c) not in ("punct", "flat", "flat:name", "appos") for c in tok.children):
        return True  # "Gauck äußerte sich": a bare singular subject of speech is a name
    # "Renate Künast": a first name before it, in one phrase (read as a compound or, wrongly, an adjective)
    return modifies and dep(prev) in ("compound", "amod", "flat", "flat:name", "appos") \
        and prev.pos_ in ("NOUN", "PROPN", "X") and (capital(prev) or "-" in prev.text)


def opening_modifier(an: Analysis, tok: Token) -> bool:
    """A word that opens its sentence, capitalised only for that, with an adjective's or adverb's ending
    (lexicon ``modifier_endings``: "Aktuell lässt sie …", "Relativierend fügt Gall hinzu"): no name."""
    first = tok.is_sent_start or tok.i == 0 or tok.doc[tok.i - 1].is_punct
    return first and tok.lower_.endswith(tuple(an.lex.data.get("modifier_endings") or ()))


def name_part(an: Analysis, tok: Token) -> bool:
    """A word that belongs to a person's name in a compound ("Karl" in "Karl Berger"), not a title."""
    if tok.pos_ == "PROPN":
        return True
    return bool(an.lex.data.get("capitalised_nouns")) and tok.pos_ in ("NOUN", "X", "ADJ") and capital(tok) \
        and not tok.is_sent_start and not role_noun(an, tok)  # "Bridget" tagged an adjective


def bare(an: Analysis, tok: Token) -> bool:
    """A capitalised word with no article where nouns are capitalised: a name ("so Lanzer")."""
    return bool(an.lex.data.get("capitalised_nouns")) and (tok.pos_ in ("NOUN", "PROPN", "X")
                                                          or capitalised_word(an, tok)) \
        and capital(tok) and not role_noun(an, tok) \
        and not any(dep(c) in ("det", "det:poss", "case") or (dep(c) == "amod" and c.pos_ == "ADJ")
                    for c in tok.children)  # "der neue Lanzer" is no name; a verb misread as its modifier is


def oblique_case(tok: Token) -> bool:
    """A noun whose case marks it as no subject ("Der Zeitung sagte Karma": dative), where case is marked."""
    cases = set(tok.morph.get("Case")) | {c for d in tok.children if dep(d) == "det" for c in d.morph.get("Case")}
    return bool(cases) and cases <= {"Dat", "Gen"} and tok.pos_ in ("NOUN", "PROPN")


def nominative(tok: Token) -> bool:
    """A noun whose case (its own, or its determiner's) is marked nominative."""
    return "Nom" in tok.morph.get("Case") or any(dep(d) == "det" and "Nom" in d.morph.get("Case") for d in tok.children)


def capitalised_word(an: Analysis, tok: Token) -> bool:
    """Where every noun is capitalised, a capitalised word inside a sentence is a noun or a name whatever its
    tag ("so Elshorst weiter" with the name tagged as an adverb)."""
    return bool(an.lex.data.get("capitalised_nouns")) and capital(tok) and not tok.is_sent_start \
        and tok.i > 0 and not tok.doc[tok.i - 1].is_punct
