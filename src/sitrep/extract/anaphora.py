"""Pronouns as parties: "ze", "they", "sie", "ils" stand for an actor named before them.

Events read their actors from the tree, and a clause's subject is as often a
pronoun as a name ("Ze hebben raketten afgeschoten", "It said it fired ...").
Which pronouns can stand for a person and which for a group is data
(``person_pronouns``, ``plural_pronouns``, ``group_pronouns`` in
``resources/<lang>/lexicon.yaml``); number and gender come from the
morphology.  Among the compatible actors named in the last few sentences the
subject of the nearest clause is preferred (a pronoun subject usually
continues the topic), otherwise the nearest mention.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Token

from .analysis import GROUP_KINDS, Analysis, Mention
from .syntax import dep, span_head

# A pronoun's antecedent is looked for this many characters back (about three sentences).
PRONOUN_REACH = 600
# How many sentences back a subject is preferred to a nearer non-subject.
SUBJECT_SENTENCES = 2


def _is(rx, tok: Token) -> bool:
    return bool(rx.fullmatch(tok.lower_))


def person_gender(an: Analysis, key: str) -> str | None:
    """A person's grammatical gender, where the morphology of a mention or its determiner shows it (read once
    per person: pronouns ask for it again and again)."""
    if key not in an.genders:
        an.genders[key] = _gender(an, key)
    return an.genders[key]


def _gender(an: Analysis, key: str) -> str | None:
    doc = an.doc
    for m in an.mentions:
        if m.key != key or m.how == "pronoun":
            continue
        tok = span_head(doc, m.start, m.end)
        if tok is None:
            continue
        for t in [tok, *tok.children, tok.head]:
            g = [x for x in t.morph.get("Gender") if x != "Neut"]  # a person is never neuter: a tagger's guess
            if g and (t is tok or dep(t) == "det" or t.pos_ in ("NOUN", "DET") and dep(tok) in ("appos", "flat")):
                return g[0]
    return None


def compatible(an: Analysis, tok: Token, m: Mention, speaker: bool = False) -> bool:
    """Whether the pronoun ``tok`` can stand for the actor of mention ``m`` (kind, number, gender); a singular
    speaker ("sie sagte", "il a déclaré") is a person unless the pronoun is neuter ("it said")."""
    lex = an.lex
    info = an.actors.get(m.key)
    if info is None:
        return False
    plural = _plural(tok)
    gender = tok.morph.get("Gender")
    if speaker and not plural and info.kind != "person" and "Neut" not in gender:
        return False
    if info.kind == "person":
        if plural or "Neut" in gender or not _is(lex.person_pronouns, tok):
            return False  # "they" may be two people, but no one actor stands for them
        return not gender or person_gender(an, m.key) in (None, *gender)
    if info.kind in GROUP_KINDS:
        return _is(lex.group_pronouns, tok) or plural and _is(lex.plural_pronouns, tok)
    return False


def _plural(tok: Token) -> bool:
    """A plural pronoun, by its own number or, where it has none ("ze": she or they), its verb's."""
    if tok.morph.get("Number"):
        return "Plur" in tok.morph.get("Number")
    return dep(tok) in ("nsubj", "nsubj:pass") and "Plur" in tok.head.morph.get("Number")


def antecedent(an: Analysis, tok: Token, speaker: bool = False) -> Mention | None:
    """The mention a third-person pronoun stands for, or None (not a pronoun, or nothing fits); ``speaker``:
    the pronoun is the subject of a speech verb."""
    # a pronoun the tagger read as a determiner ("Sie sagte" in German) is still one
    if tok.pos_ not in ("PRON", "DET") or dep(tok) == "expl" or an.doc is None or an.in_quote(tok.idx):
        return None
    lex = an.lex
    if not (_is(lex.person_pronouns, tok) or _is(lex.group_pronouns, tok) or _is(lex.plural_pronouns, tok)):
        return None
    here = an.sentence_of(tok.idx)
    earliest = _sentence_start(an, here[0], SUBJECT_SENTENCES)
    nearest: Mention | None = None
    # the mentions before the pronoun, nearest first, within reach (mentions are kept in text order)
    i = bisect.bisect_left(an.mentions, tok.idx, key=lambda m: m.start)
    for j in range(i - 1, -1, -1):  # an index walk, not a copy of the list per pronoun
        m = an.mentions[j]
        if tok.idx - m.end > PRONOUN_REACH:
            break
        if m.how == "pronoun" or m.locative or an.in_quote(m.start) or not compatible(an, tok, m, speaker):
            continue
        nearest = nearest or m
        if m.start < earliest:
            break
        head = span_head(an.doc, m.start, m.end)
        if head is not None and _in_subject(head):
            return m  # the subject of the nearest clause that has a compatible one
    return nearest


def _in_subject(tok: Token) -> bool:
    """A token that is a clause's subject, or a conjunct or modifier of one ("Israel and the US", "de leider
    van Hamas")."""
    for _ in range(3):
        if dep(tok) in ("nsubj", "nsubj:pass"):
            return True
        if dep(tok) not in ("conj", "flat", "flat:name", "appos", "compound") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _sentence_start(an: Analysis, start: int, back: int) -> int:
    """The start of the sentence ``back`` sentences before the one starting at ``start``."""
    i = bisect.bisect_right(an.sentences, (start, float("inf"))) - 1  # sentences are sorted and disjoint
    if i < 0:
        return start
    return an.sentences[max(0, i - back)][0]
