"""Naming a speaker: the actor a speaker phrase denotes, a new person, an unnamed source, a pronoun's antecedent.

A name the actor finder did not know becomes a person when it speaks, and
that person wherever the text names them again by the surname; a role with
a name set off by commas is that person ("Die Botschafterin in Wien, Helga
Marten,"); an unnamed speaker is named by its whole description up to its
first comma ("een woordvoerder van de groep"); a pronoun is the nearest
compatible actor named before it, or, where names pass for nouns, the
nearest name or role that was a subject.
"""
from __future__ import annotations

from spacy.tokens import Token

from .analysis import ActorInfo, Mention
from .anaphora import PRONOUN_REACH, antecedent
from .quote_kinds import CLOSING
from .speaker_names import (bare, bare_name, capital, capitalised_word, looks_like_name, name_part, opening_modifier,
                            role_noun)
from .syntax import dep, subtree_span

# How a mention names an actor without its name ("een woordvoerder van de groep", "minister van Defensie").
UNNAMED = ("source", "description")
# An unnamed speaker's description is cut to this many words ("a source close to Hezbollah").
DESCRIPTION_WORDS = 8
# A name in quotation marks that speaks ("die „Frankfurter Rundschau“") has at most this many words.
QUOTED_NAME_WORDS = 4
# Marks that open a quotation (their closing ones: quote_kinds.CLOSING).
OPENING_MARKS = "„“”\"«»‚‘‹›"


class SpeakerNaming:
    """The naming half of :class:`~sitrep.extract.speakers.SpeakerReader` (``an`` and ``index`` come from there)."""

    def name(self, tok: Token) -> tuple[str, str] | None:
        """The actor a speaker phrase denotes, creating a person or an unnamed source where needed."""
        an = self.an
        if self.partitive(tok):
            return self.description(tok, said=True)
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
        # the name a role or a noun carries; a name's own flat parts are that name ("Tom Weber"), not another
        named = [c for c in tok.children if c.pos_ == "PROPN" and (dep(c) == "appos" or (
            dep(c) in ("flat", "flat:name") and tok.pos_ != "PROPN"))]
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
                stop = next((t for t in tok.doc[tok.i + 1:] if t.idx >= end or t.is_punct), None)
                end = min(end, stop.idx) if stop is not None else end  # up to its first comma
                if start <= m.start and len(an.text[start:end].split()) <= DESCRIPTION_WORDS \
                        and not any(an.in_quote(p) for p in (start, end - 1)):
                    an.actors[m.key].aliases.add(an.text[start:end])
                    return m.key, an.text[start:end]
            return m.key, m.text
        if named:  # "woordvoerder Ali Karim", "the minister, Jane Doe"
            return self.name(named[0])
        if (tok.pos_ == "PROPN" and not opening_modifier(an, tok)) or self._looks_like_name(tok):
            return self.new_person(tok)
        quoted = self._quoted_name(tok) if dep(tok) == "nsubj" else None  # not "die so genannte „Reichensteuer“:"
        if quoted is not None:
            return quoted
        if tok.pos_ == "NOUN":
            return self.description(tok)
        return None

    def partitive(self, tok: Token) -> bool:
        """"Einer der Feuerwehrmänner", "one of the officers", "l'un des pompiers": one of people who speak."""
        return tok.pos_ in ("DET", "PRON", "NUM") and any(
            dep(c) == "nmod" and c.pos_ == "NOUN" and (self._role_noun(c) or any(
                self.an.lex.source_nouns.fullmatch(f) for f in (c.lower_, c.lemma_.lower()))) for c in tok.children)

    def _quoted_name(self, tok: Token) -> tuple[str, str] | None:
        """'schrieb die „Frankfurter Rundschau“': a short name in quotation marks that speaks is a medium's
        (a paper's, a programme's); the parser takes its words for common ones."""
        doc = tok.doc
        before = [t for t in doc[max(0, tok.i - QUOTED_NAME_WORDS):tok.i] if t.is_punct]
        after = [t for t in doc[tok.i + 1:tok.i + QUOTED_NAME_WORDS + 1] if t.is_punct]
        if not before or not after or before[-1].text not in OPENING_MARKS or after[0].text not in CLOSING:
            return None
        start, end = before[-1].idx + len(before[-1].text), after[0].idx
        words = doc.char_span(start, end, alignment_mode="expand")
        if words is None or any(t.pos_ in ("VERB", "AUX") for t in words) or self.an.in_quote(start):
            return None
        name = self.an.text[start:end].strip()
        key = "txt:" + name
        self.an.actors.setdefault(key, ActorInfo(key, name, "media", aliases={name}))
        self._mention(start, start + len(name), key, "name")
        return key, name

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
        toks, parts = [tok], [tok]
        while parts:  # "Hans Dieter Pötsch" as Hans <- Dieter <- Pötsch, the last part tagged a noun
            parts = [c for p in parts for c in p.children if dep(c) in ("flat", "flat:name")
                     and (c.pos_ == "PROPN" or (capital(c) and self._name_part(c)))]
            toks += parts
        nxt = next((c for c in tok.children if c.i == tok.i + 1), None)
        if nxt is not None and nxt not in toks and dep(nxt) in ("flat", "flat:name", "appos") \
                and self._name_part(nxt) and self.an.lex.data.get("capitalised_nouns"):
            toks.append(nxt)  # "Petra Lindner" with the surname read as an apposition
        links = set(self.an.lex.name_particles) | set(self.an.lex.data.get("name_links") or ())
        after = [c for c in tok.children if dep(c) in ("nmod", "flat", "flat:name") and c.i == tok.i + 2]
        if len(toks) == 1 and after and tok.doc[tok.i + 1].lower_ in links and capital(after[0]) \
                and self.index.get(after[0]) is None:
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
        # found first, added after: each mention added would make the index rebuild at the next look-up
        again = [t for t in last.doc if t.text == last.text and t.i != last.i and self.index.get(t) is None
                 and not an.in_quote(t.idx) and not opening_modifier(an, t)]
        for t in again:
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
                # else without its outermost modifiers ("het hoofd van de marine [van het leger]"), else the noun
                cuts = sorted({d.left_edge.idx for d in tok.subtree if d.left_edge.i > tok.i and d.left_edge.idx < end
                               and dep(d) in ("nmod", "acl", "acl:relcl", "appos", "obl")},
                              reverse=True)
                end = next((c for c in cuts if len(an.text[start:c].split()) <= DESCRIPTION_WORDS
                            and not an.in_quote(c - 1)), tok.idx + len(tok.text))
                start = start if end > tok.idx + len(tok.text) else tok.idx
        text = an.text[start:end].rstrip(" ,;:")
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
