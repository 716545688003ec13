"""Speakers of introducers: the clause before a colon, a name before brackets, the sentence before a quote.

"Stoiber betonte die Rolle der Fraktionen: „…“" -- whatever its verb, the
clause that introduces a quotation with a colon names who speaks: the
subject of its main clause, or of a verb of saying in it with its own
subject, past subordinate clauses (their subject is what is reported) but
not into a coordinate clause.  Where a verb-second language's parse goes
wrong -- subject and object swapped, no subject at all -- the case of the
words decides, pronouns first (their case is sure).
"""
from __future__ import annotations

from spacy.tokens import Token

from .speaker_names import nominative, oblique_case
from .syntax import case_words, dep, span_head, tokens_in

# A verbless introducer ("BKA-Präsident Ziercke: „…“") is at most this many words.
VERBLESS_WORDS = 8
# How many heads up from the word before an introducer's colon its main clause is looked for.
INTRODUCER_CLIMB = 8


class IntroducerReading:
    """The introducer half of :class:`~sitrep.extract.speakers.SpeakerReader` (``an``, ``index``, ``args``,
    ``name``, ``speaker`` come from there)."""

    def introducer(self, colon: int) -> tuple[str, str] | None:
        """The subject of the clause that ends with a colon before a quotation ("X betonte: „…“")."""
        an = self.an
        tok = span_head(an.doc, colon, colon + 1)
        if tok is None or tok.i == 0:
            return None
        cur = tok.doc[tok.i - 1] if tok.text == ":" else tok
        lead = [t for t in tokens_in(an.doc, an.sentence_of(cur.idx)[0], colon) if not t.is_punct]
        if lead and len(lead) <= VERBLESS_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in lead):
            head = span_head(an.doc, lead[0].idx, colon)  # "Bundesinnenminister Schäuble: „…“": no verb
            person = None if head is None else self._person_in_phrase(head)  # "Zitat von Schröder:"
            if person is not None:
                return person.key, person.text
            for c in head.children if head is not None else ():
                if dep(c) == "nmod" and case_words(c) and (self._bare(c) or self.index.get(c) is not None):
                    return self.name(c) or self.new_person(c)
            found = None if head is None else self.name(head) or (self.new_person(head) if self._bare(head) else None)
            if found is not None:
                return found  # else a verb the tagger missed ("werfen … vor:" read as an adverb): its clause
        chain = [cur]  # the word before the colon and the clauses above it, outside the quotation
        # up through subordinate clauses, not into a coordinate one with its own subject ("X wies … zurück,
        # Y erklärte:" is Y's)
        while len(chain) < INTRODUCER_CLIMB and cur.head.i != cur.i and not an.in_quote(cur.head.idx) \
                and not (dep(cur) in ("conj", "parataxis") and any(dep(c) == "nsubj" for c in cur.children)):
            cur = cur.head
            chain.append(cur)
        if chain[-1].head.i == chain[-1].i and chain[-1].pos_ in ("NOUN", "PROPN") and not any(
                t.pos_ in ("VERB", "AUX") for t in chain[-1].subtree if t.idx < colon):
            return self.name(chain[-1])  # "Bundesinnenminister Schäuble: „…“": a name and a colon, no verb
        for clause in chain:  # a verb of saying with its own subject ("…, die Sprecherin …, erklärte:")
            if an.lex.speech_verbs.fullmatch(clause.text) and any(dep(c) == "nsubj" for c in clause.children):
                found = self.speaker(clause.idx, clause.idx + len(clause.text))
                if found is not None:
                    return found
        for clause in reversed(chain):  # else the main clause first: "X zeigte sich besorgt, dass Y …:" is X's
            subjects = [s for s in self.args.subjects(clause) if not an.in_quote(s.idx) and s.idx < colon]
            if subjects and (clause.pos_ in ("VERB", "AUX", "NOUN", "ADJ") or clause.head.i == clause.i):
                # "Den Unmut … brachte die Sprecherin … zum Ausdruck:": the subject and object swapped by the parse,
                # told by their case
                subjects += [o for o in clause.children if dep(o) in ("obj", "nsubj") and o not in subjects
                             and nominative(o) and o.idx < colon]
                # "Die Arbeit der Koalition lobte er mit den Worten:": a pronoun's case is sure, a noun's is not
                pronouns = [o for o in subjects if o.pos_ == "PRON" and "Nom" in o.morph.get("Case")]
                if pronouns and not any(self._named_person(o) or o.pos_ == "PROPN" for o in subjects):
                    subjects = pronouns + [o for o in subjects if o not in pronouns]
                for subj in subjects:
                    found = self.name(subj) or self._whose(subj)
                    if found is not None:
                        return found
                # "Das Fazit lautete:": a subject that names no one; but a name right after the verb where the
                # parse took it for an object ("Relativierend fügt Gall hinzu:")
                after = clause.doc[clause.i + 1] if clause.i + 1 < len(clause.doc) else None
                if after is not None and after.idx < colon and dep(after) == "obj" and self._bare(after):
                    return self.name(after) or self.new_person(after)
                return None
            if clause.pos_ == "VERB" and not self.args.subjects(clause) and clause.idx < colon:
                found = self.speaker(clause.idx, clause.idx + len(clause.text))  # "resümiert Hartmut Lierow:"
                if found is not None:
                    return found
        return self._nominative(lead)

    def _nominative(self, lead: list[Token]) -> tuple[str, str] | None:
        """Where the parse of an introducer gives no subject ("teilte dessen Stellvertreter mit:" with the
        subject read as an object), the first speaker phrase not in a prepositional phrase or an oblique case."""
        for t in lead:
            if t.pos_ in ("NOUN", "PROPN") and not case_words(t) and not oblique_case(t) \
                    and dep(t) not in ("compound", "flat", "flat:name", "nmod", "amod") and not self.an.in_quote(t.idx):
                found = self.name(t)
                if found is not None:
                    return found
        return None

    def _whose(self, phrase: Token) -> tuple[str, str] | None:
        """"Das Fazit von Sandra Boser", "Die Antwort des Ministers": the person whose words the subject is."""
        for c in phrase.children:
            if dep(c) == "nmod" and not self.an.in_quote(c.idx) and (case_words(c) or oblique_case(c)):
                person = self._person_in_phrase(c)
                if person is not None:
                    return person.key, person.text
                if self._bare(c) or self._bare_name(c) or self._role_noun(c) or c.pos_ == "PROPN":
                    named = c.pos_ == "PROPN" or self._bare(c) or self._bare_name(c)
                    found = self.name(c) or (self.new_person(c) if named else None)
                    if found is not None and self.an.actors[found[0]].kind == "person":
                        return found  # a person's, not a party's ("Den Unmut der CDU … brachte X zum Ausdruck")
        return None

    def parenthesised(self, paren: int) -> tuple[str, str] | None:
        """'…, der Leiter der Behörde, Mohammed Farouk („…“)': a quotation in brackets right after a name."""
        doc = self.an.doc
        tok = span_head(doc, paren, paren + 1)
        if tok is None or tok.i == 0:
            return None
        prev = doc[tok.i - 1]
        if self.an.in_quote(prev.idx) or not (prev.pos_ == "PROPN" or self.index.get(prev) is not None
                                              or self._looks_like_name(prev) or self._bare(prev)):
            return None
        return self.name(prev)

    def previous_subject(self, start: int) -> tuple[str, str] | None:
        """The person or body the sentence before ``start`` is about: the subject of its main clause."""
        an = self.an
        s, _ = an.sentence_of(max(0, start - 2))
        toks = [t for t in tokens_in(an.doc, s, start) if not an.in_quote(t.idx)]
        root = next((t for t in toks if t.head.i == t.i), None)
        if root is None:
            return None
        for subj in self.args.subjects(root):
            m = self.index.get(subj)
            if subj.pos_ != "PRON" and (m is not None or subj.pos_ == "PROPN" or self._bare_name(subj)
                                        or self._role_noun(subj)):  # "Der Sprecher der Partei, X, war …"
                found = self.name(subj)
                if found is not None and an.actors[found[0]].kind not in ("state", "media"):
                    return found
        return None
