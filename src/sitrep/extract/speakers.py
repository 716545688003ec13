"""Who said it: the subject of the speech verb, read from the tree, with pronouns resolved.

"…”, zei Halsema", "sagte Guterres", "a-t-elle dit", "the spokesman said":
the speaker is the subject of the speech verb (``nsubj``), in any word
order; "volgens X", "according to X", "selon X", "laut X": the noun the
preposition belongs to.  A name the actor finder did not know becomes a
person when it speaks.  A pronoun speaker is the nearest person (for a
singular pronoun, of the same grammatical gender where the morphology says)
or group (plural) named before it outside quotations; an unnamed speaker is
named by its whole description ("een woordvoerder van de groep").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .analysis import Analysis, Mention, QuoteInfo
from .arguments import ArgumentReader, mention_index
from .embedded import clause_subject
from .introducers import VERBLESS_WORDS, IntroducerReading
from .speaker_names import capital, capitalised_word, oblique_case
from .speaker_phrases import UNNAMED, SpeakerNaming
from .syntax import case_words, dep, finite, span_head, tokens_in


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech cue found in the tree rather than by the lexicon (the interface of a regex match)."""

    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


class SpeakerReader(IntroducerReading, SpeakerNaming):
    """Speakers of speech verbs in one analysed document (introducers and naming in their own modules)."""

    def __init__(self, an: Analysis):
        self.an = an
        self.index = mention_index(an)
        self.args = ArgumentReader(an, self.index, skip=lambda m: an.in_quote(m.start))

    def speaker(self, cue_start: int, cue_end: int) -> tuple[str, str] | None:
        """(actor key, the words that name it) for the speech cue at these offsets, or None."""
        an = self.an
        tok = span_head(an.doc, cue_start, cue_end)
        if tok is None:
            return None
        if tok.pos_ == "NOUN" and an.lex.according_to.fullmatch(an.norm[cue_start:cue_end]):
            # "nach Ansicht des Ministers", "seiner Meinung nach": whose view it is, a person in it first
            for c in tok.children:
                if dep(c) == "nmod" and not an.in_quote(c.idx):
                    person = self._person_in_phrase(c)
                    if person is not None:
                        return person.key, person.text
            for c in tok.children:
                if (dep(c) == "nmod" or dep(c) == "det:poss" or "Poss" in c.morph.get("Poss")
                        or (c.pos_ == "PRON" and "Yes" in c.morph.get("Poss"))) and not an.in_quote(c.idx):
                    found = self.pronoun(c) if c.pos_ in ("PRON", "DET") else self.name(c)
                    if found is not None:
                        return found
            return None
        nxt_verb = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if tok.lower_ in (an.lex.data.get("speech_back_reference") or []) and nxt_verb is not None \
                and nxt_verb.pos_ in ("VERB", "AUX") and finite(nxt_verb):
            return self.speaker(nxt_verb.idx, nxt_verb.idx + len(nxt_verb.text))  # "so charakterisierte ihn X"
        if dep(tok) == "case" or tok.pos_ in ("ADP", "ADV") \
                or an.lex.according_to.fullmatch(an.norm[cue_start:cue_end]):
            # "volgens X", "according to X" (whatever the tagger made of "according"), "aldus X": the noun the
            # word belongs to, or the one it governs
            candidates = [tok.head] if tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN", "PRON") else []
            candidates += [c for c in tok.children if c.pos_ in ("NOUN", "PROPN", "PRON")]
            nxt = next((t for t in tok.doc[tok.i + 1:tok.i + 3] if t.pos_ in ("PROPN", "NOUN", "PRON")
                        or capitalised_word(an, t)), None)
            if nxt is not None:  # "so die FIFA", "so Lanzer"
                candidates.append(nxt)
                if self._bare(nxt):
                    return self.name(nxt) or self.new_person(nxt)
        else:
            # not the cue's own words ("hieß es": no one), not a noun in another case than the subject's
            impersonal = an.lex.data.get("impersonal_pronouns") or ()
            subjects = self.args.subjects(tok)
            # a second subject the parse gave ("Der Zeitung sagte Filep Karma" with both as subjects) after them
            subjects += [c for c in tok.children if dep(c) == "nsubj" and c not in subjects]
            candidates = [c for c in subjects if not an.in_quote(c.idx) and c.lower_ not in impersonal
                          and not cue_start <= c.idx < cue_end and not oblique_case(c)]
            if tok.lemma_.lower() in (an.lex.data.get("quoted_verbs") or ()):
                # "wird X mit den Worten zitiert", "Der Spiegel zitiert den Prediger mit den Worten": X speaks
                for c in tok.children:
                    if dep(c) in ("nsubj:pass", "obj") and not an.in_quote(c.idx):
                        found = self.name(c) or (self.description(c, said=True) if c.pos_ == "NOUN" else None)
                        if found is not None:
                            return found
            if not candidates and any(cue_start <= c.idx < cue_end or c.lower_ in impersonal for c in subjects):
                found = self._document(tok)  # "hieß es in der Erklärung der X", "es wurde mitgeteilt"
                if found is not None:
                    return found
            first = self._first_phrase(tok)  # "McCarthy nannte …" with the verb misread: the name that opens the clause
            if first and not any(c.pos_ == "PRON" or self._named_person(c) for c in candidates):
                candidates = first + [c for c in candidates if c not in first]
            if not candidates:
                # '”, zei Halsema': what a speech verb says is the quotation, so a name right after it that the
                # parser took for its object is the speaker (Dutch and German inversion)
                candidates = [c for c in tok.children if dep(c) in ("obj", "iobj", "appos", "nmod")
                              and c.i > tok.i and c.i - tok.i <= 3 and not case_words(c)
                              and (c.pos_ == "PROPN" or self.index.get(c) is not None or self._looks_like_name(c)
                                   or self.partitive(c))]
            if not candidates:  # "Renate Künast kritisierte": a name (or a title) before the verb misread as its object
                candidates = [c for c in tok.children if dep(c) in ("obj", "nsubj:pass") and c.i < tok.i
                              and (self._looks_like_name(c) or self._role_noun(c) or self._named_person(c))]
            if not candidates:  # "a-t-il ajouté": the inverted pronoun the parser took for an expletive
                candidates = [c for c in tok.children if dep(c) == "expl:subj" and c.pos_ == "PRON"
                              and an.lex.person_pronouns.fullmatch(c.lower_.strip("-"))][-1:]
            if not candidates:  # the name hangs elsewhere in a misparse: the one right after the verb
                nxt = [t for t in tok.doc[tok.i + 1:tok.i + 3] if (t.pos_ == "PROPN" or self._looks_like_name(t)
                                                                    or self._bare(t)) and not case_words(t)]
                candidates = nxt[:1]
        found = None
        # "zei minister van Defensie Lloyd Austin": the name before the title
        candidates.sort(key=lambda c: (not self._named_person(c), c.pos_ != "PROPN"))
        for cand in candidates:
            if not an.in_quote(cand.idx):
                found = self.name(cand)
                if found is not None:
                    break
        if found is not None and an.actors[found[0]].kind != "person" and dep(tok) not in ("case",):
            # "zei Kataib Hezbollah-woordvoerder Jafar al-Husseini" parsed with the name as a second object:
            # a person named right after the group in the same slot is the one who speaks
            for c in tok.children:
                m = self.index.get(c)
                if c.i > tok.i and dep(c) in ("obj", "appos", "nmod", "flat") and m is not None \
                        and an.actors[m.key].kind == "person" and not an.in_quote(m.start) and c.i - tok.i <= 5:
                    return m.key, m.text
        return found

    def _first_phrase(self, verb: Token) -> list[Token]:
        """Where the finite verb comes second (Dutch and German main clauses) the phrase before it, when it
        opens the sentence and is a name or a person, is its subject whatever the parse says."""
        an = self.an
        if not an.lex.data.get("verb_second") or verb.i == 0 or not finite(verb):
            return []
        prev = verb.doc[verb.i - 1]
        start = an.sentence_of(prev.idx)[0]
        lead = tokens_in(verb.doc, start, prev.idx + len(prev.text))
        if not lead or len(lead) > VERBLESS_WORDS or any(t.is_punct or t.pos_ in ("VERB", "AUX", "ADP") for t in lead) \
                or an.in_quote(prev.idx) or oblique_case(prev):
            return []
        if prev.pos_ == "PROPN" or self._looks_like_name(prev) or self._bare(prev) or self._role_noun(prev) \
                or self.index.get(prev) is not None:
            return [prev]
        return []

    def oblique(self, m: Mention) -> bool:
        """A mention the tree puts in a prepositional phrase ("sur France 2", "zur ARD")."""
        tok = span_head(self.an.doc, m.start, m.end)
        return tok is not None and dep(tok) not in ("nsubj", "nsubj:pass") and any(
            dep(c) == "case" and not m.start <= c.idx < m.end for c in tok.children)  # not "von der Leyen"

    def _named_person(self, tok: Token) -> bool:
        m = self.index.get(tok)
        return m is not None and self.an.actors[m.key].kind == "person" and m.how not in UNNAMED

    def _document(self, verb: Token) -> tuple[str, str] | None:
        """'heißt es in der Erklärung des Ministeriums': the actor whose text it is, named inside the phrase."""
        for c in verb.children:
            if dep(c) == "obl" and case_words(c):
                for t in c.subtree:
                    m = self.index.get(t)
                    if m is not None and t.i != c.i and not self.an.in_quote(m.start):
                        return m.key, m.text
                if self._role_noun(c) or self._named_person(c):  # "hieß es vom Abgeordneten Viktor Oserow"
                    return self.name(c)
        return None

    def last_speech(self, start: int, end: int) -> tuple[str, str] | None:
        """The speaker of the last speech cue outside quotations between two offsets."""
        an = self.an
        cues = [c for rx in (an.lex.speech_verbs, an.lex.according_to) for c in rx.finditer(an.norm, start, end)
                if not an.in_quote(c.start())]
        for c in sorted(cues, key=lambda c: -c.start()):
            found = self.speaker(c.start(), c.end())
            if found is not None:
                return found
        return None

    def verb_after(self, pos: int) -> "Cue | None":
        """A finite verb right after a closing quotation mark and its comma ("„…“, begründet das Gericht",
        "”, voegde hij toe"): in that slot any verb introduces the speaker, not only the lexicon's."""
        doc = self.an.doc
        tok = span_head(doc, pos, pos + 1)
        if tok is None:
            return None
        back = self.an.lex.data.get("speech_back_reference") or []
        skipped = False
        for t in doc[tok.i:tok.i + 4]:
            if t.idx < pos or t.is_punct or t.is_space:
                continue
            if t.pos_ in ("VERB", "AUX") and finite(t):
                nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
                if nxt is not None and nxt.pos_ in ("VERB", "AUX") and finite(nxt):
                    return None  # "„…“, hierzu wolle man": two finite verbs in a row, the first a misread adverb
                return Cue(t.idx, t.idx + len(t.text))
            if self.an.lex.data.get("capitalised_nouns") and t.text.islower() and t.pos_ in ("ADV", "ADJ", "NOUN", "X") \
                    and t.i + 1 < len(doc) and capital(doc[t.i + 1]):
                return Cue(t.idx, t.idx + len(t.text))  # "„…“, strich Romney heraus" with the verb mistagged
            if t.lower_ in back and not skipped:  # "„…“ Zo opende de burgemeester": the verb after "zo"
                skipped = True
                continue
            return None
        return None

    def embedded(self, q: QuoteInfo) -> tuple[str, str] | None:
        """The speaker of a quotation inside a sentence: the subject of the clause it belongs to."""
        return clause_subject(self.an, q, self.args.subjects, self.name)
