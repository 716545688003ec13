"""Relations the text states: titles and appositions here; "X-backed", lists of a network's members and
alliances in :mod:`.networks`.

Only what a sentence states is coded (CODEBOOK); the registry is consulted
for one thing only: the state a minister or president serves when the
sentence names the office but not the state ("minister van Defensie Lloyd
Austin").
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from .analysis import Analysis, Mention
from .arguments import ArgumentReader, mention_index
from .networks import NetworkRelations
from .registry import ActorRegistry
from .syntax import case_words, dep, span_head, tokens_in

# How far (characters) a title looks for its person and its organisation.
TITLE_REACH = 90
# How far (characters) a definite title ("le ministre de l'Intérieur") looks back for the person it describes.
DESCRIPTION_REACH = 400
# Titles that name a state office; without a named organisation they point to the person's state
# (``state_offices`` in each lexicon, word stems; these where a lexicon names none).
STATE_OFFICE = r"minist|pr[eéä]sid|premier|kanzler|chancel|koning|king|roi|general|generaal|gouverneur|governor"


class RelationFinder(NetworkRelations):
    """The ``sitrep_relations`` component's logic."""

    def __init__(self, registry: ActorRegistry | None = None):
        self.registry = registry or ActorRegistry.default()

    def __call__(self, an: Analysis) -> None:
        self._titles(an)
        self._governments(an)
        self._support(an)
        self._support_verbs(an)
        self._lead_verbs(an)
        self._part_of(an)
        self._allies(an)
        for r in an.relations:
            for key in (r.subject, r.object):
                if key in an.actors:
                    an.actors[key].used = True

    # ------------------------------------------------------------------ titles
    def _titles(self, an: Analysis) -> None:
        lex, norm = an.lex, an.norm
        mentions = self._usable(an)
        hits: list[tuple[int, int, str]] = []
        for rtype in ("spokesperson_of", "leader_of", "member_of"):
            rx = lex.titles.get(rtype)
            if rx is None:
                continue
            for m in rx.finditer(norm):
                if any(m.start() < e and m.end() > s for s, e, _ in hits):
                    continue
                hits.append((m.start(), m.end(), rtype))
        for ts, te, rtype in sorted(hits):
            if an.in_quote(ts):
                continue
            sent_lo, sent_hi = an.sentence_of(ts)
            title = span_head(an.doc, ts, te) if an.doc is not None and an.doc.has_annotation("DEP") else None
            person = self._tree_person(an, title) if title is not None else None
            person = person or self._title_person(an, mentions, ts, te, sent_lo, sent_hi)
            described = person is None and title is not None and self._definite_argument(title)
            if described:
                person = self._named_before(an, mentions, ts, sent_lo)
                described = person is not None
            person = person or self._unnamed_holder(an, mentions, ts, te)
            if person is None:
                continue
            org = self._tree_org(an, title, person) if title is not None else None
            org = org or self._title_org(an, mentions, ts, te, person, sent_lo, sent_hi)
            if org is None and re.search(an.lex.data.get("state_offices") or STATE_OFFICE, norm[ts:te], re.IGNORECASE):
                org = self._home_state(an, person)
            if org is None:
                org = self._named_body(an, te, sent_hi)
            if org is None or described and not self._may_describe(an, person, norm[ts:te].lower(), org):
                continue
            if rtype == "leader_of" and title is not None and self._indefinite(title):
                rtype = "member_of"  # "een politiek leider van de Houthi's", "a leader of Hamas": one of several
            an.titles.setdefault(person.key, norm[ts:te].lower())
            lo = min(ts, person.start)
            an.add_relation(person.key, rtype, org, self._sentence_span(an, lo))

    def _governments(self, an: Analysis) -> None:
        """"l'administration Tshisekedi", "the Biden administration", "die Regierung Scholz": a government named
        after a person (``government_nouns``) is led by that person; the state is the one the noun names, else
        the person's own (registry)."""
        pattern = an.lex.data.get("government_nouns")
        if not pattern or an.doc is None or not an.doc.has_annotation("DEP"):
            return
        rx = re.compile(rf"(?:{pattern})", re.IGNORECASE)
        index = mention_index(an)
        for tok in an.doc:
            if not (rx.fullmatch(tok.text) or rx.fullmatch(tok.lemma_)) or an.in_quote(tok.idx):
                continue
            # the name is the noun's dependent, or (where the parser tore them apart) the word right after it
            named = [c for c in tok.children if dep(c) in ("nmod", "flat", "flat:name", "appos", "compound") and not
                     (case_words(c) and not any(an.lex.genitive_preps.fullmatch(w) for w in case_words(c)))]
            if tok.i + 1 < len(an.doc) and tok.whitespace_ and an.doc[tok.i + 1].pos_ in ("PROPN", "NOUN"):
                named.append(an.doc[tok.i + 1])
            for c in named:
                m = index.get(c)
                if m is None or self._kind(an, m) != "person" or an.in_quote(m.start):
                    continue
                own = [x for x in (index.get(a) for a in tok.children if dep(a) in ("amod", "nmod:poss", "compound"))
                       if x is not None and x.key != m.key and self._kind(an, x) == "state"]
                state = own[0].key if own else self._home_state(an, m)
                if state:
                    an.add_relation(m.key, "leader_of", state, self._sentence_span(an, min(tok.idx, m.start)))

    def _tree_person(self, an: Analysis, title: Token) -> Mention | None:
        """The person a title belongs to in the tree: its apposition or name ("minister X", "de Hezbollah-
        commandant X"), or the name it is an apposition to ("X, woordvoerder van Y")."""
        index = mention_index(an)
        near = [c for c in title.children if dep(c) in ("appos", "flat", "flat:name", "nmod", "compound")
                and not case_words(c)]
        if dep(title) in ("appos", "nmod", "compound", "amod", "flat", "acl") and title.head.i != title.i:
            near.append(title.head)
        for tok in near:
            m = index.get(tok)
            if m is not None and self._kind(an, m) == "person" and not an.in_quote(m.start):
                return m
        return None

    def _tree_org(self, an: Analysis, title: Token, person: Mention) -> str | None:
        """Whose title it is: a name inside the word ("Hezbollah-commandant"), a demonym or possessor on it
        ("de Oekraïense minister", "Pakistan's spokesperson"), or "van/of/de/von X" after it."""
        index = mention_index(an)
        own = index.get(title)
        if own is not None and own.key != person.key and self._kind(an, own) != "person" and not own.locative:
            return own.key
        reader = ArgumentReader(an, index, skip=lambda m: an.in_quote(m.start) or m.key == person.key)
        for c in self._title_dependents(an, title, person):
            d = "nmod" if dep(c) == "conj" else dep(c)  # "de A et de B": a conjunct genitive phrase
            cases = case_words(c)
            # a bare nominal before the title modifies it ("White House adviser"), one after it needs a genitive
            if d in ("amod", "nmod:poss", "det:poss", "compound") or d == "nmod" and (
                    not cases and ("Gen" in c.morph.get("Case") or c.i < title.i) or any(
                        an.lex.title_of.fullmatch(w) or an.lex.genitive_preps.fullmatch(w) for w in cases)):
                keys = [k for k in reader.actors_of(c) if self._kind_of(an, k) != "person"]
                if keys:
                    return keys[0]
        return None

    @staticmethod
    def _title_dependents(an: Analysis, title: Token, person: Mention) -> list[Token]:
        """The title's dependents, and the genitive phrases after it that the parser hung on the person it is
        an apposition to ("X, ministre des Affaires étrangères, de la Coopération ... de la RDC")."""
        out = list(title.children)
        if dep(title) == "appos":
            holders = [t for t in title.doc if person.start <= t.idx < person.end] + [title.head]
            out += [c for h in holders for c in h.children if c.i > title.i and dep(c) in ("nmod", "conj")
                    and any(an.lex.genitive_preps.fullmatch(w) for w in case_words(c)) and c not in out]
        return out

    @staticmethod
    def _indefinite(title: Token) -> bool:
        """A title with an indefinite article: one of its holders."""
        return any(dep(c) == "det" and "Ind" in c.morph.get("Definite") for c in title.children)

    @staticmethod
    def _definite_argument(title: Token) -> bool:
        """A singular title with a definite article that is the subject of its clause (also after the verb, where
        an inverted subject is read as its object: "a déclaré le ministre de l'Intérieur"): a description of
        someone already named."""
        if "Sing" not in title.morph.get("Number"):
            return False
        if not any(dep(c) == "det" and "Def" in c.morph.get("Definite") for c in title.children):
            return False
        nxt = title.doc[title.i + 1] if title.i + 1 < len(title.doc) else None
        if nxt is not None and nxt.pos_ == "PROPN" or any(c.pos_ == "PROPN" and dep(c) in (
                "appos", "flat", "flat:name", "compound", "nmod") and not case_words(c) for c in title.children):
            return False  # a name of its own the actor finder did not take ("die Bundeskanzlerin Merkel")
        d = dep(title)
        if d in ("nsubj", "nsubj:pass"):  # a case word here is an adverbial the parser misread ("En outre, le ...")
            return True
        return d == "obj" and not case_words(title) and title.head.i < title.i and not any(
            dep(c) in ("nsubj", "nsubj:pass", "expl") for c in title.head.children)

    def _named_before(self, an: Analysis, mentions: list[Mention], ts: int, sent_lo: int) -> Mention | None:
        """The person a definite description refers back to: the only person named by name in the last
        sentences before it (no other person between, so that the description cannot mean someone else), named
        as an argument of a clause and not inside a prepositional phrase."""
        persons = [m for m in mentions if m.end <= ts and self._kind(an, m) == "person" and m.how in ("name", "surname")]
        if not persons or ts - persons[-1].end > DESCRIPTION_REACH:
            return None
        last = persons[-1]
        toks = tokens_in(an.doc, last.start, last.end) if an.doc is not None else []
        if not toks or any(case_words(t) for t in toks) or toks[0].i > 0 and an.doc[toks[0].i - 1].pos_ == "ADP":
            return None  # named in a prepositional phrase ("aus San Luca"): not the one the text goes on about
        lo = an.sentence_of(last.start)[0]
        others = {m.key for m in mentions if lo <= m.start and m.end <= ts and self._kind(an, m) == "person"}
        return None if others - {last.key} else last

    def _may_describe(self, an: Analysis, person: Mention, title: str, org: str) -> bool:
        """A description fits the person named before unless it contradicts what the text or the registry says
        of them: another title ("die Außenministerin Rice" is not "der Schweizer Botschafter"), or another state
        ("der US-Außenminister X" is not "der iranische Außenminister")."""
        known = an.titles.get(person.key)
        if known and not (known == title or known.startswith(title + " ") or title.startswith(known + " ")):
            return False
        if an.actors[org].kind != "state":
            return True
        states = {r.object for r in an.relations if r.subject == person.key and an.actors[r.object].kind == "state"}
        home = self._home_state(an, person)
        return not (states | ({home} if home else set())) - {org}

    def _unnamed_holder(self, an: Analysis, mentions: list[Mention], ts: int, te: int) -> Mention | None:
        """An unnamed source that is the title ("een woordvoerster van de Europese Commissie", "a government
        spokesman"): the source itself holds it."""
        return next((m for m in mentions if m.how == "source" and m.start <= ts and te <= m.end
                     and self._kind(an, m) == "person"), None)

    @staticmethod
    def _kind_of(an: Analysis, key: str) -> str:
        return an.actors[key].kind

    def _title_person(self, an: Analysis, mentions: list[Mention], ts: int, te: int, lo: int, hi: int) -> Mention | None:
        norm = an.norm
        persons = [m for m in mentions if lo <= m.start and m.end <= hi and self._kind(an, m) == "person"
                   and m.how in ("name", "surname", "source")]
        after = [m for m in persons if m.start >= te and m.start - te <= TITLE_REACH]
        if after:
            m = after[0]
            gap = norm[te:m.start]
            demonym = any(x.how == "adjective" and te <= x.start and x.end <= m.start for x in mentions)
            if re.fullmatch(r"\s*", gap) or re.fullmatch(r"[\s,]*(?:\S+\s+){0,8}?[^,]*,\s*", gap) or \
                    demonym and re.fullmatch(r"\s+\S+\s+", gap) or \
                    re.fullmatch(r"\s+(?:\w+\s+){1,3}", gap) and an.lex.title_of.search(gap):
                return m
        before = [m for m in persons if m.end <= ts and ts - m.end <= 60]
        if before:
            m = before[-1]
            gap = norm[m.end:ts]
            if re.fullmatch(r",\s+(?:[\w'-]+\s+){0,3}", gap) or re.fullmatch(r"\s+(?:alias \w+, )?(?:[\w'-]+\s+){0,3}", gap) and "," in gap:
                return m
        return None

    def _title_org(self, an: Analysis, mentions: list[Mention], ts: int, te: int, person: Mention,
                   lo: int, hi: int) -> str | None:
        norm, lex = an.norm, an.lex
        groups = [m for m in mentions if lo <= m.start and m.end <= hi and m.key != person.key
                  and self._kind(an, m) != "person" and not m.locative]
        # "le président français": the demonym right after the title
        for m in groups:
            if m.how == "adjective" and m.start >= te and not norm[te:m.start].strip() and m.end <= person.start:
                return m.key
        # "UN-Generalsekretär", "de Britse premier", "Russian President", "Hezbollah's leader"
        for m in reversed(groups):
            if m.end <= ts and re.fullmatch(r"(?:-|'s\s+|\s+|\s+\w+\s+)", norm[m.end:ts]) and \
                    not self._article_between(an, m.end, ts):
                return m.key
        # "secretaris-generaal van de groep", "lid van het politieke bureau van Hamas", "head of the X"
        for m in sorted(groups, key=lambda g: g.how == "adjective"):
            if m.start >= te and m.start - te <= TITLE_REACH and (m.start < person.start or person.end <= ts):
                gap = norm[te:m.start]
                if lex.title_of.search(gap) and "," not in gap:
                    return m.key
        return None

    @staticmethod
    def _article_between(an: Analysis, start: int, end: int) -> bool:
        """An article between a name and a title opens a phrase of the title's own ("à l'AFP le ministre")."""
        if an.doc is None or not an.doc.has_annotation("TAG"):
            return False
        return any(t.pos_ == "DET" and ("Art" in t.morph.get("PronType") or "Def" in t.morph.get("Definite"))
                   for t in tokens_in(an.doc, start, end) if start <= t.idx < end)

    def _named_body(self, an: Analysis, te: int, hi: int) -> str | None:
        """'head of the Odesa regional military administration': an organisation the registry does not know."""
        heads = "|".join(h.lower() for h in an.lex.org_heads if h)
        if not heads:
            return None
        m = re.match(rf"\s+(?:{an.lex.title_of.pattern})\s+(?:(?:the|de|het|der|die|des|du|la|le|l')\s+)?"
                     rf"((?:[\w'-]+\s+){{0,4}}(?:{heads}))(?=[\s,.;:]|$)", an.norm[te:hi], re.IGNORECASE)
        if not m:
            return None
        s, e = te + m.start(1), te + m.end(1)
        name = an.text[s:e]
        key = "txt:" + name
        from .analysis import ActorInfo

        an.actors.setdefault(key, ActorInfo(key, name, "organization", aliases={name}))
        an.mentions.append(Mention(s, e, name, key, "name"))
        an.mentions.sort(key=lambda x: x.start)
        return key

    def _home_state(self, an: Analysis, person: Mention) -> str | None:
        info = an.actors[person.key]
        entry = self.registry.get(info.registry_id) if info.registry_id else None
        if entry is None or not entry.country:
            return None
        state = self.registry.state(entry.country)
        key = f"reg:{state.id}" if state else None
        return key if key in an.actors else None
