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

from .analysis import ActorInfo, Analysis, Mention, QuoteInfo
from .anaphora import PRONOUN_REACH, antecedent
from .arguments import ArgumentReader, mention_index
from .embedded import clause_subject
from .speaker_names import (bare, bare_name, capital, capitalised_word, looks_like_name, name_part, nominative, oblique_case,
                            opening_modifier, role_noun)
from .syntax import case_words, dep, span_head, subtree_span, tokens_in

# How a mention names an actor without its name ("een woordvoerder van de groep", "minister van Defensie").
UNNAMED = ("source", "description")
# A verbless introducer ("BKA-Präsident Ziercke: „…“") is at most this many words.
VERBLESS_WORDS = 8
# An unnamed speaker's description is cut to this many words ("a source close to Hezbollah").
DESCRIPTION_WORDS = 8
# How many heads up from the word before an introducer's colon its main clause is looked for.
INTRODUCER_CLIMB = 8


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech cue found in the tree rather than by the lexicon (the interface of a regex match)."""

    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


class SpeakerReader:
    """Speakers of speech verbs in one analysed document."""

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
                and nxt_verb.pos_ in ("VERB", "AUX") and "Fin" in nxt_verb.morph.get("VerbForm"):
            return self.speaker(nxt_verb.idx, nxt_verb.idx + len(nxt_verb.text))  # "so charakterisierte ihn X"
        if dep(tok) == "case" or tok.pos_ in ("ADP", "ADV"):
            # "volgens X", "according to X", "aldus X": the noun the word belongs to, or the one it governs
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
                              and (c.pos_ == "PROPN" or self.index.get(c) is not None or self._looks_like_name(c))]
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

    def _first_phrase(self, verb: Token) -> list[Token]:
        """Where the finite verb comes second (Dutch and German main clauses) the phrase before it, when it
        opens the sentence and is a name or a person, is its subject whatever the parse says."""
        an = self.an
        finite = "Fin" in verb.morph.get("VerbForm") or bool(verb.morph.get("Mood"))
        if not an.lex.data.get("verb_second") or verb.i == 0 or not finite:
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
            if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm"):
                return Cue(t.idx, t.idx + len(t.text))
            if self.an.lex.data.get("capitalised_nouns") and t.text.islower() and t.pos_ in ("ADV", "ADJ", "NOUN", "X") \
                    and t.i + 1 < len(doc) and capital(doc[t.i + 1]):
                return Cue(t.idx, t.idx + len(t.text))  # "„…“, strich Romney heraus" with the verb mistagged
            if t.lower_ in back and not skipped:  # "„…“ Zo opende de burgemeester": the verb after "zo"
                skipped = True
                continue
            return None
        return None

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
            if subj.pos_ != "PRON" and (m is not None or subj.pos_ == "PROPN" or self._bare_name(subj)):
                found = self.name(subj)
                if found is not None and an.actors[found[0]].kind not in ("state", "media"):
                    return found
        return None

    def embedded(self, q: QuoteInfo) -> tuple[str, str] | None:
        """The speaker of a quotation inside a sentence: the subject of the clause it belongs to."""
        return clause_subject(self.an, q, self.args.subjects, self.name)

    def name(self, tok: Token) -> tuple[str, str] | None:
        """The actor a speaker phrase denotes, creating a person or an unnamed source where needed."""
        an = self.an
        if tok.pos_ == "PRON" and not (capitalised_word(an, tok) and not an.lex.person_pronouns.fullmatch(tok.lower_)):
            return self.pronoun(tok)  # not "sagte Filep Karma" with the first name tagged as a pronoun
        m = self.index.get(tok)
        if (m is not None and (an.actors[m.key].kind != "person" or m.how in UNNAMED)) \
                or (m is None and self._role_noun(tok)):
            person = self._person_in_phrase(tok)  # "minister van Defensie Lloyd Austin": the person
            if person is not None:  # "Kataib Hezbollah-woordvoerder Jafar al-Husseini": the person, not the group
                return person.key, person.text
            named = self._appositive_name(tok)
            if named is not None:  # "Die US-Botschafterin in Kiew, Bridget Brink, …": the name between commas
                return named
        if m is None and self.an.lex.data.get("capitalised_nouns") and self._bare_name(tok):
            return self.new_person(tok)  # "Petra Lindner, Fraktionschefin der Grünen, kritisierte"
        named = [c for c in tok.children if dep(c) in ("appos", "flat", "flat:name") and c.pos_ == "PROPN"]
        if not named and m is None and self._role_noun(tok):  # "Bundesinnenminister Schäuble": the name
            bare = [c for c in tok.children if c.i == tok.i + 1 and dep(c) in ("appos", "flat", "flat:name", "dep")
                    and self._bare(c)]
            if bare:
                return self.new_person(bare[0])
        if m is not None and not (named and an.actors[m.key].kind != "person"):
            if an.actors[m.key].kind == "media" and dep(tok) != "nsubj":
                return None
            if m.how == "source":  # "een woordvoerder van het leger": the whole description names it
                start, end = subtree_span(tok)
                if start <= m.start and len(an.text[start:end].split()) <= DESCRIPTION_WORDS \
                        and not any(an.in_quote(p) for p in (start, end - 1)):
                    an.actors[m.key].aliases.add(an.text[start:end])
                    return m.key, an.text[start:end]
            return m.key, m.text
        if named:  # "woordvoerder Ali Karim", "the minister, Jane Doe"
            return self.name(named[0])
        if (tok.pos_ == "PROPN" and not opening_modifier(an, tok)) or self._looks_like_name(tok):
            return self.new_person(tok)
        if tok.pos_ == "NOUN":
            return self.description(tok)
        return None

    def _appositive_name(self, tok: Token) -> tuple[str, str] | None:
        """A name set off by commas in a role's phrase, wherever the parse hung it ("die Botschafterin in Kiew,
        Bridget Brink,")."""
        doc = tok.doc
        for c in tok.lefts:  # "Renate Hausmann, Vorsitzende des Vereins": the name before the role, a comma between
            last = max((w for w in c.subtree if not w.is_punct), key=lambda w: w.i, default=c)
            if dep(c) in ("dep", "appos", "nmod", "compound") and last.i + 1 < tok.i and doc[last.i + 1].text == "," \
                    and not self.an.in_quote(c.idx) and (c.pos_ == "PROPN" or self._bare(c) or any(
                        dep(f) in ("flat", "flat:name") and f.pos_ == "PROPN" for f in c.children)):
                m = self.index.get(c)
                return (m.key, m.text) if m is not None else self.new_person(c)
        for t in tok.subtree:
            first = next((w for w in t.subtree if not w.is_punct), t)
            if t.i > tok.i and dep(t) == "appos" and first.i > 0 and doc[first.i - 1].text == "," \
                    and not self.an.in_quote(t.idx) and (t.pos_ == "PROPN" or self._bare(t)):
                m = self.index.get(t)
                return (m.key, m.text) if m is not None else self.new_person(t)
        return None

    def _person_in_phrase(self, tok: Token) -> Mention | None:
        """A person named inside a speaker's noun phrase (its title compound, apposition or name parts)."""
        stack, seen = [(tok, 0)], 0
        while stack and seen < 12:
            cur, depth = stack.pop(0)
            seen += 1
            m = self.index.get(cur)
            if m is not None and self.an.actors[m.key].kind == "person" and not self.an.in_quote(m.start) \
                    and m.how not in UNNAMED:
                return m
            if depth < 3:
                stack += [(c, depth + 1) for c in cur.children if dep(c) in ("appos", "flat", "flat:name", "compound",
                                                                             "nmod", "amod")]
            if cur is tok and tok.head.i != tok.i and dep(tok) in ("compound", "amod", "nmod", "flat"):
                stack.append((tok.head, depth + 1))  # the group word that modifies the title: go up to it
        return None

    def _looks_like_name(self, tok: Token) -> bool:
        return looks_like_name(self.an, tok)

    def _bare_name(self, tok: Token) -> bool:
        return bare_name(self.an, tok)

    def _name_part(self, tok: Token) -> bool:
        return name_part(self.an, tok)

    def _role_noun(self, tok: Token) -> bool:
        return role_noun(self.an, tok)

    def _bare(self, tok: Token) -> bool:
        return bare(self.an, tok) and self.index.get(tok) is None

    def new_person(self, tok: Token) -> tuple[str, str]:
        """A name the actor finder did not know, that speaks: a person ("zei Halsema", "sagte Raabe")."""
        toks = [tok] + [c for c in tok.children if dep(c) in ("flat", "flat:name") and c.pos_ == "PROPN"]
        nxt = next((c for c in tok.children if c.i == tok.i + 1), None)
        if nxt is not None and nxt not in toks and dep(nxt) in ("flat", "flat:name", "appos") \
                and self._name_part(nxt) and self.an.lex.data.get("capitalised_nouns"):
            toks.append(nxt)  # "Petra Lindner" with the surname read as an apposition
        links = set(self.an.lex.name_particles) | set(self.an.lex.data.get("name_links") or ())
        after = [c for c in tok.children if dep(c) in ("nmod", "flat", "flat:name") and c.i == tok.i + 2]
        if len(toks) == 1 and after and tok.doc[tok.i + 1].lower_ in links and capital(after[0]) \
                and not after[0].text.isupper() and self.index.get(after[0]) is None:
            toks.append(after[0])  # "Heinrich von Baltz" parsed as "Heinrich" of "Baltz"
        for c in reversed([c for c in tok.children if c.i < tok.i]):  # "Karl Berger" parsed as a compound
            if dep(c) not in ("compound", "amod") or not self._name_part(c) or c.i != min(t.i for t in toks) - 1:
                break
            toks.append(c)
        start, end = min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)
        name = self.an.text[start:end]
        key = "txt:" + name
        known = key in self.an.actors
        kind = "organization" if name.isupper() and len(name) > 1 else "person"  # "CDU", "BGH": an acronym is a body
        self.an.actors.setdefault(key, ActorInfo(key, name, kind, aliases={name}))
        self._mention(start, end, key, "name")
        if not known:
            self._surnames(key, max(toks, key=lambda t: t.i))
        return key, name

    def _surnames(self, key: str, last: Token) -> None:
        """A person learnt from speech is that person wherever the text names them again by the surname
        ("Celebi" throughout), so a later (or, on the second pass, an earlier) quote finds them."""
        an = self.an
        if len(last.text) < 3 or not capital(last):
            return
        for t in last.doc:
            if t.text == last.text and t.i != last.i and self.index.get(t) is None and not an.in_quote(t.idx) \
                    and not opening_modifier(an, t):
                an.add_mention(t.idx, t.idx + len(t.text), key, "surname")

    def description(self, tok: Token, said: bool = False) -> tuple[str, str] | None:
        """An unnamed speaker by its whole description: "een woordvoerder van de groep"; ``said``: the
        phrase is one that speaks by construction ("zitiert den Prediger"), whatever its noun."""
        an = self.an
        start, end = subtree_span(tok)
        # from its first determiner or modifier: not a preposition ("vom Abgeordneten …"), nor words a misparse
        # hung before it (", so die Vorwürfe der Anwältin")
        left = [c.left_edge for c in tok.lefts if dep(c) in ("det", "det:poss", "amod", "nummod", "compound",
                                                             "nmod:poss", "flat")]
        start = min([t.idx for t in left] + [tok.idx])
        last = tok.right_edge
        while last.i > tok.i and (last.is_punct or last.is_space):  # not the comma that closes an apposition
            last = last.nbor(-1)
        end = last.idx + len(last.text)
        whole = an.text[start:end]
        if len(whole.split()) > DESCRIPTION_WORDS or any(an.in_quote(p) for p in (start, end - 1)):
            # up to its first comma ("Kurt von Figura, Präsident der Universität … und …"), else the noun
            stop = next((t for t in tok.doc[tok.i + 1:last.i + 1] if t.is_punct), None)
            end = stop.idx if stop is not None else end
            if len(an.text[start:end].split()) > DESCRIPTION_WORDS or any(an.in_quote(p) for p in (start, end - 1)):
                start, end = tok.idx, tok.idx + len(tok.text)
        text = an.text[start:end].rstrip()
        end = start + len(text)
        if not said and not an.lex.person_cues.search(whole) and not an.lex.source_nouns.search(whole) \
                and not self._role_noun(tok):
            return None  # "the report said": not a speaker sitrep can name
        key = "src:" + text.lower()
        an.actors.setdefault(key, ActorInfo(key, text, "person", needs_role=True))
        self._mention(start, end, key, "source")
        return key, text

    def pronoun(self, tok: Token) -> tuple[str, str] | None:
        """The nearest compatible actor named before a pronoun, outside quotations."""
        an = self.an
        if tok.lower_.strip("-") == "t" and tok.i + 1 < len(tok.doc):
            tok = tok.nbor(1)  # "a-t-elle dit": the euphonic t is no pronoun
        if tok.lower_ in (an.lex.data.get("impersonal_pronouns") or ()):
            return None  # "es heißt": a placeholder, no one
        plural = "Plur" in tok.morph.get("Number")
        gender = tok.morph.get("Gender")
        best = antecedent(an, tok, speaker=True)
        key = best.key if best is not None else None
        if key is None and not plural and "Neut" not in gender and self.an.lex.data.get("capitalised_nouns"):
            key = self._unnamed_antecedent(tok)
        if key is None:
            return None
        text = self.an.text[tok.idx:tok.idx + len(tok.text)]
        self._mention(tok.idx, tok.idx + len(tok.text), key, "pronoun")
        return key, text

    def _unnamed_antecedent(self, tok: Token) -> str | None:
        """A person the actor finder missed where names pass for nouns: the nearest name that is the subject
        of an earlier clause ("Karl Brakemeier lobte den Plan. Er sagte: …"), read from the tree."""
        an = self.an
        for t in reversed(tok.doc[max(0, tok.i - 80):tok.i]):
            if tok.idx - t.idx > PRONOUN_REACH:
                break
            before = t.doc[t.i - 1].lower_ if t.i > 0 else ""
            attributed = before in (an.lex.data.get("speech_back_reference") or ()) \
                or bool(an.lex.according_to.fullmatch(before))  # "…, so Boemi. „…“, sagte er"
            if (dep(t) == "nsubj" or attributed) and not an.in_quote(t.idx) and self.index.get(t) is None \
                    and (t.pos_ == "PROPN" or self._looks_like_name(t) or (attributed and self._bare(t))):
                return self.new_person(t)[0]
            if dep(t) == "nsubj" and not an.in_quote(t.idx) and self.index.get(t) is None and self._role_noun(t) \
                    and "Plur" not in t.morph.get("Number") and set(t.morph.get("Gender")) == set(tok.morph.get("Gender")):
                found = self.description(t)  # "Der Student verbrachte … und hatte gefragt": the student
                return found[0] if found is not None else None
        return None

    def _mention(self, start: int, end: int, key: str, how: str) -> None:
        self.an.add_mention(start, end, key, how)
        self.an.actors[key].used = True
