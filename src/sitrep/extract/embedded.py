"""Quotations inside a sentence: whether they are someone's words, and whose.

A quotation that a sentence runs through ("Der Minister warnte vor einem
„drohenden Verlust an Vertrauen“", "De minister noemde het „een zwarte dag
voor de stad“") has no speech verb right next to its marks.  It is speech,
not a name or a title, when it reads as a fragment of a sentence: it starts
in lower case (names and titles start with a capital), or the sentence
around it is in the mood of reported speech (German Konjunktiv: "Der Plan
sei „…“"), or it holds a verb and the sentence a speech cue.  Its speaker is
the subject of the clause it belongs to, read up the tree past clauses in
the reported-speech mood (their subject is what is reported, not who says it).
"""
from __future__ import annotations

from spacy.tokens import Token

from .analysis import Analysis, QuoteInfo
from .syntax import dep, matches, tokens_in

# Above this share of proper nouns a quotation is a name ("„Partei der Arbeit“"), whatever its case.
NAME_SHARE = 0.3
# How far up the tree from a quotation its clause's speaker is looked for.
CLIMB = 6


def reported_mood(an: Analysis, tok: Token) -> bool:
    """A finite verb in the mood the language reports speech in (lexicon ``reported_speech_moods``)."""
    moods = an.lex.data.get("reported_speech_moods") or []
    return bool(moods) and any(m in tok.morph.get("Mood") for m in moods)


def reported_sentence(an: Analysis, q: QuoteInfo) -> bool:
    """The sentence around a quotation is in the reported-speech mood, outside the marks."""
    if an.doc is None:
        return False
    s, e = an.sentence_of(q.outer_start)
    return any(reported_mood(an, t) for t in tokens_in(an.doc, s, max(e, q.outer_end))
               if not q.outer_start <= t.idx < q.outer_end)


def speech_like(an: Analysis, q: QuoteInfo) -> bool:
    """The quotation is a fragment of someone's words rather than a name, a title or a label."""
    doc = an.doc
    if doc is None or not doc.has_annotation("DEP"):
        return False
    inner = [t for t in tokens_in(doc, q.start, q.end) if not t.is_punct and not t.is_space]
    if not inner or sum(t.pos_ == "PROPN" for t in inner) / len(inner) > NAME_SHARE or _label(inner):
        return False
    first = next((c for c in q.text if c.isalpha()), "")
    if first.islower():
        return True
    if reported_sentence(an, q):
        return True
    s, e = an.sentence_of(q.outer_start)
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in inner)
    text = an.norm[s:q.outer_start] + " " + an.norm[q.outer_end:max(e, q.outer_end)]
    return has_verb and bool(an.lex.speech_verbs.search(text) or an.lex.according_to.search(text))


def _label(inner: list[Token]) -> bool:
    """A name given to something: the bare predicative complement of a verb with an object ("called the
    fighters “martyrs of the resistance”"); one introduced by "als", "as" ("bezeichnete ihn als „…“")
    reports how someone put it."""
    ids = {t.i for t in inner}
    head = next((t for t in inner if t.head.i not in ids), None)
    return head is not None and dep(head) == "xcomp" and head.pos_ in ("NOUN", "ADJ", "PROPN") \
        and not any(dep(c) in ("case", "mark") for c in head.children) \
        and any(dep(c) == "obj" and c.i not in ids for c in head.head.children)


def clause_subject(an: Analysis, q: QuoteInfo, subjects, name) -> tuple[str, str] | None:
    """The speaker of an embedded quotation: the subject of the nearest clause above it outside the marks
    that is not itself reported ("Der Präsident sicherte zu, dass sie „…“": der Präsident)."""
    toks = tokens_in(an.doc, q.start, q.end)
    if not toks:
        return None
    inside = {t.i for t in toks}
    cur = next((t for t in toks if t.head.i not in inside), None)
    if cur is None:  # the quotation holds its clause's verb ("Ursprünglich wollte er „ein Konzept vorlegen“")
        # a pronoun or a name: "Die Agenturen würden „…“" in reported speech has what is reported as its subject
        outside = [c for t in toks for c in t.children if dep(c) == "nsubj" and c.pos_ in ("PRON", "PROPN")
                   and not q.outer_start <= c.idx < q.outer_end]
        if not outside or an.in_quote(outside[0].idx) or reported_sentence(an, q):
            return None
        return name(outside[0])
    cur = cur.head
    for _ in range(CLIMB):
        if cur.i in inside:
            return None
        for clause in [c for c in cur.children if dep(c) == "advcl" and an.lex.speech_verbs.fullmatch(c.text)]:
            for subj in subjects(clause):  # "Wie der Richter ausführte, hätte es „…“": the aside says who
                found = None if q.outer_start <= subj.idx < q.outer_end or an.in_quote(subj.idx) else name(subj)
                if found is not None:
                    return found
        # "X führt aus, dass Y „…“": Y is what is reported; X, further up, says it
        content = dep(cur) == "ccomp" and any(dep(c) == "mark" and matches(an.lex.complementizers, c)
                                              for c in cur.children)
        if not content and (cur.pos_ in ("VERB", "AUX", "NOUN", "ADJ") or cur.head.i == cur.i) \
                and not reported_mood(an, cur) \
                and not any(reported_mood(an, c) for c in cur.children if dep(c) in ("aux", "cop", "aux:pass")):
            first = subjects(cur)
            # "Deren Haltung bezeichnete er als „…“": a second subject the parse gave, tried after the first
            second = [c for c in cur.children if c not in first and (dep(c) == "nsubj" or (
                dep(c) == "obj" and c.pos_ == "PRON" and "Nom" in c.morph.get("Case")))]  # a pronoun's case is sure
            # the name before the title: "zei minister van Defensie Lloyd Austin"
            for subj in sorted(first + second, key=lambda c: c.pos_ != "PROPN"):
                if not q.outer_start <= subj.idx < q.outer_end and not an.in_quote(subj.idx):
                    found = name(subj)
                    if found is not None:
                        return found
            if first and cur.pos_ in ("VERB", "AUX"):
                return None  # a clause with a subject that names no one: not an attribution
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None
