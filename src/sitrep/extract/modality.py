"""Is a trigger asserted? Negation, modality, condition and purpose read from its own dependents.

"did not retaliate", "geen bredere oorlog", "griff Israel nicht an": a
negation attached to the trigger (or, for an event noun, to the verb it is
the object of); "could attack", "zou aanvallen": a modal auxiliary; "if they
attack", "als ze aanvallen": a conditional subordinator on the trigger's
clause; "om Israël aan te vallen", "to attack": an infinitive of purpose or
intent, unless an attempt verb governs it ("probeerden binnen te vallen" did
happen, as an attempt).  The word lists are the lexicon's.
"""
from __future__ import annotations

from spacy.tokens import Token

from .arguments import matches
from .lexicon import Lexicon
from .syntax import dep, marked_clauses

# Dependents of the trigger that can carry its polarity, mood or subordination.
NEGATION_DEPS = ("advmod", "det", "advmod:neg", "neg", "cc", "obl", "amod")
CLAUSE_DEPS = ("mark",)


def _negated(lex: Lexicon, tok: Token) -> bool:
    for c in tok.children:
        if dep(c) in NEGATION_DEPS and (matches(lex.negation, c) or "Neg" in c.morph.get("Polarity")):
            nxt = c.nbor(1) if c.i + 1 < len(c.doc) else None
            if nxt is not None and lex.not_negation.fullmatch(f"{c.lower_} {nxt.lower_}"):
                continue  # "niet alleen", "not only": affirms
            return True
    return False


def _clause_head(tok: Token) -> Token:
    """The verb whose dependents say how a trigger is meant: the trigger, or the verb an event noun hangs on."""
    if tok.pos_ in ("NOUN", "PROPN") and dep(tok) in ("obj", "nsubj", "nsubj:pass", "obl") \
            and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return tok


def _governed(lex: Lexicon, tok: Token, verb: Token) -> bool:
    """What is asked for, promised, threatened or refused has not happened: "called for the withdrawal",
    "rejected the calls to rein in", "dreigde aan te vallen". A finite clause ("said that they attacked") is
    reported speech and stays asserted."""
    for node, label in ((tok, dep(tok)), (verb, dep(verb))):
        head = node.head
        if head.i == node.i or not matches(lex.governing_verbs, head):
            continue
        if label in ("obj", "obl", "nmod") or label in ("xcomp", "ccomp", "advcl") and not any(
                dep(c) == "nsubj" for c in node.children):
            return True
    return False


def negated(lex: Lexicon, tok: Token) -> bool:
    """The trigger, or the verb an event noun hangs on, carries a negation ("did not accept")."""
    verb = _clause_head(tok)
    return _negated(lex, tok) or (verb is not tok and _negated(lex, verb))


def asserted(lex: Lexicon, tok: Token, negation: bool = True) -> bool:
    """False where the tree shows the trigger negated (unless ``negation`` is False), hypothetical or a
    purpose."""
    verb = _clause_head(tok)
    if negation and negated(lex, tok):
        return False
    for c in verb.children:
        d = dep(c)
        if d in ("aux", "aux:pass") and matches(lex.hypothetical, c):
            return False  # "could attack", "zouden aanvallen", "könnte angreifen"
        if d in CLAUSE_DEPS and matches(lex.hypothetical, c):
            return False  # "als ze aanvallen", "if they attack", "wenn sie angreifen", "s'ils attaquent"
    if _governed(lex, tok, verb):
        return False
    # a verb trigger in the infinitive ("to attack", "aan te vallen"); an event noun only under a purpose
    # ("om een aanval uit te voeren"), not under any infinitive ("hevige aanvallen te verduren gehad")
    marker = (lambda c: matches(lex.purpose, c)) if verb is not tok else \
        (lambda c: matches(lex.infinitive_marker, c) or matches(lex.purpose, c))
    infinitive = any(dep(c) == "mark" and marker(c) for c in verb.children) or (
        verb is tok and lex.lang == "de" and "zu" in verb.lower_[2:-2])
    if infinitive and verb.pos_ in ("VERB", "AUX"):
        governor = verb.head if verb.head.i != verb.i else None
        if governor is None or not matches(lex.attempt_verbs, governor):
            return False  # "om aan te vallen", "to attack", "pour attaquer": intended, not done
    return True


def threat_condition(lex: Lexicon, tok: Token, text: str) -> bool:
    """'will withdraw its force unless X ...', 'zal zich terugtrekken tenzij ...': the clause is a threat.
    ``text`` is the parsed text (a condition may be several words: 'es sei denn', 'à moins que')."""
    verb = _clause_head(tok)
    for c in verb.children:
        if dep(c) in ("advcl", "ccomp", "obl") and any(
                dep(m) == "mark" and lex.threat_conditions.match(text, m.idx) for m in c.children):
            return True
    return False


def declared_intent(lex: Lexicon, tok: Token, conditional: bool = False) -> bool:
    """'X said it will release …', 'zei dat ze de gijzelaars zullen vrijlaten': an act its actor announces in
    the future (lexicon ``future_auxiliaries``, or the verb's own future tense) in what a speech verb reports;
    ``conditional``: only on a condition ("will attack if the strikes go on": a threat the text states)."""
    verb = _clause_head(tok)
    if conditional and not marked_clauses(verb, lex.condition_marks):
        return False
    future = "Fut" in verb.morph.get("Tense") or any(
        dep(c) in ("aux", "aux:pass") and matches(lex.future_auxiliaries, c) for c in verb.children)
    speech = verb.head
    return future and dep(verb) == "ccomp" and speech.i != verb.i and matches(lex.speech_verbs, speech) \
        and not negated(lex, tok)

