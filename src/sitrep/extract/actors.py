"""Actors: registry names, demonyms, names found from the text, and their later mentions.

Order of evidence, strongest first: a registry alias; a demonym adjective
that modifies a force, title or attack ("Amerikaanse troepen"); a capitalised
name next to a role or a speech verb ("minister Lloyd Austin", "zei Osama
Hamdan"); then surnames of persons already found, and descriptions ("de
groep") that refer back to the last group named.
"""
from __future__ import annotations

import bisect
import re

from .analysis import ActorInfo, Analysis, Mention
from .anaphora import antecedent
from .collectives import qualify_collectives
from .matching import PhraseIndex
from .names import ARTICLE_WORDS, NameFinding, _short_forms
from .registry import ActorRegistry, registry_actor, registry_index

# spaCy entity labels (OntoNotes and WikiNER schemes) that name actors.
ENTITY_KINDS = {"PERSON": "person", "PER": "person", "ORG": "organization", "NORP": None}
# A pronoun refers to a person named at most this many characters before it (about two sentences).
PRONOUN_REACH = 300
# "pro-Iranian", "anti-American", "prorussische": a stance towards a state, not that state. The Latin prefixes
# are the same in every language sitrep reads, so they are kept here rather than in each lexicon.
STANCE_PREFIX = re.compile(r"(?<![\w-])(?:pro|anti)-?$", re.IGNORECASE)
# Collectives of fighters: after a group's name ("Houthi militants", "Hamas-strijders") they are that group.
FIGHTERS = frozenset({"col:militants", "col:armed groups", "reg:militants", "reg:rebels", "reg:jihadists"})


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"(\w+)\W*$", text[max(0, pos - 30):pos])
    return m.group(1) if m else ""


class ActorFinder(NameFinding):
    """The ``sitrep_actors`` component's logic, separate from spaCy so it can be tested alone."""

    def __init__(self, registry: ActorRegistry | None = None):
        self.registry = registry or ActorRegistry.default()

    def __call__(self, an: Analysis) -> None:
        lex = an.lex
        names, adjectives, people = registry_index(lex.lang)
        text = an.norm
        taken: list[tuple[int, int]] = []  # sorted by start
        longest = [0]

        def free(s: int, e: int) -> bool:
            # only spans starting less than the longest span's length before s can reach into [s, e)
            lo = bisect.bisect_left(taken, (s - longest[0], -1))
            hi = bisect.bisect_left(taken, (e, -1))
            return all(e <= a or s >= b for a, b in taken[lo:hi])

        city_spans = {(p.start, p.end) for p in an.places if p.place.kind == "city"}

        region_of = re.compile(rf"(?:{lex.location_preps.pattern})\s+(?:[\w'-]+\s+){{1,3}}$", re.IGNORECASE)

        def add(s: int, e: int, key: str, how: str) -> None:
            loc = bool(lex.location_preps.fullmatch(_prev_word(text, s))) if how == "name" else False
            if how == "name" and not loc and an.actors[key].kind == "state" and region_of.search(text, max(0, s - 40), s) \
                    and any(p.start == s for p in an.places):
                loc = True  # "du nord du Burkina Faso", "in het noorden van Irak"
            if how == "name" and (s, e) in city_spans and an.actors[key].kind != "person" and not loc:
                # a capital is the state where it acts or speaks ("Moskou ontkende", "Washington said"),
                # else the city ("a strike hit Baghdad")
                after = text[e:e + 40]
                acts = lex.speech_verbs.match(after.lstrip(" ,")) or re.match(r"\s+\w+\s+(?:" +
                                                                             lex.speech_verbs.pattern + ")", after, re.I)
                sentence_start = not text[max(0, s - 3):s].strip(" \"“„«") or text[max(0, s - 3):s].rstrip().endswith(
                    (".", "!", "?", "\n"))
                loc = not (acts or sentence_start)
            an.mentions.append(Mention(s, e, an.text[s:e], key, how, locative=loc))
            bisect.insort(taken, (s, e))
            longest[0] = max(longest[0], e - s)

        # 1. registry aliases, exact, then by transliteration skeleton ("al-Jama’ah al-Islamiya");
        # a name inside a longer place name is part of the place ("Ain al-Assad-basis", "Zuid-Libanon")
        def inside_place(s: int, e: int) -> bool:
            return any(p.start <= s and e <= p.end and (p.end - p.start) > (e - s) for p in an.places)

        for s, e, rid in [(h.start, h.end, h.payload) for h in names.find(text)] + self._skeleton_hits(text):
            if not free(s, e) or inside_place(s, e) or self._part_of_longer_name(text, s, e, rid) \
                    or STANCE_PREFIX.search(text, max(0, s - 6), s) or self._inside_person_name(an, s, e, rid):
                continue  # ... or "pro-Russian forces", "anti-Hamas protests": a stance, not that actor
            key = self._registry_actor(an, rid)
            add(s, e, key, "name")
            an.actors[key].aliases.add(an.text[s:e])
        # 2. demonym adjectives before a force noun, a title or an event noun; demonym people nouns
        modifiers, modified = self._modifier_regex(lex)
        for hit in adjectives.find(text):
            if STANCE_PREFIX.search(text, max(0, hit.start - 6), hit.start):
                continue  # "pro-Russian forces", "pro-Iraanse milities" are not that state's forces
            # "Amerikaanse troepen", and in French the noun first: "l'armée russe", "une frappe israélienne"
            if free(hit.start, hit.end) and (modifiers.match(text, hit.end)
                                             or modified.search(text, max(0, hit.start - 40), hit.start)):
                add(hit.start, hit.end, self._registry_actor(an, hit.payload), "adjective")
        for hit in people.find(text):
            if free(hit.start, hit.end):
                key = self._registry_actor(an, hit.payload)
                add(hit.start, hit.end, key, "people")
                an.actors[key].aliases.add(an.text[hit.start:hit.end])
        # 3. persons and organisations named in the text
        for s, e, kind in self._text_names(an):
            if free(s, e) and not self._is_place(an, s, e):
                name = an.text[s:e]
                key = "txt:" + name
                an.actors.setdefault(key, ActorInfo(key, name, kind, aliases={name}))
                add(s, e, key, "name")
        # 3b. a trained spaCy pipeline's entities, where one is installed: persons and organisations
        for s, e, label in an.entities:
            kind = ENTITY_KINDS.get(label)
            first_word = text[s:e].split()[0] if text[s:e].split() else ""
            if kind == "organization" and lex.person_cues.fullmatch(first_word):
                continue  # "ministre de l'Intérieur": a title, not an organisation
            if kind and free(s, e) and not self._is_place(an, s, e) and (kind != "person" or " " in text[s:e].strip()):
                name = an.text[s:e]
                key = "txt:" + name
                an.actors.setdefault(key, ActorInfo(key, name, kind, aliases={name}))
                add(s, e, key, "name")
        # 3c. names in the tree: a proper-noun span (PROPN with its flat:name parts) next to a role word
        for s, e in self._tree_names(an):
            if free(s, e) and not self._is_place(an, s, e):
                name = an.text[s:e]
                key = "txt:" + name
                an.actors.setdefault(key, ActorInfo(key, name, "person", aliases={name}))
                add(s, e, key, "name")
        # 4. surnames and short forms of persons found so far
        short: PhraseIndex[str] = PhraseIndex()
        for info in an.actors.values():
            if info.kind == "person":
                forms = _short_forms(info.name, lex)
                if info.registry_id:
                    forms += [f for a in info.aliases if len(a.split()) > 1 for f in _short_forms(a, lex)]
                for form in dict.fromkeys(forms):
                    short.add(form, info.key, capitalise=False)
        for hit in short.find(text):
            if free(hit.start, hit.end) and not inside_place(hit.start, hit.end):
                add(hit.start, hit.end, hit.payload, "surname")
        # 5. unnamed sources and collectives (kept only where they act or speak)
        self._sources(an, free, add)
        for cname, rx in lex.collectives.items():
            for m in rx.finditer(text):
                if free(m.start(), m.end()):
                    key = "col:" + cname
                    an.actors.setdefault(key, ActorInfo(key, cname, "other", needs_role=True))
                    an.actors[key].aliases.add(an.text[m.start():m.end()])
                    add(m.start(), m.end(), key, "collective")
        # "Franse politie", "Kenyan police": a demonym before a collective of state agents is that state
        an.mentions.sort(key=lambda m: m.start)
        merged: list[Mention] = []
        for m in an.mentions:
            prev = merged[-1] if merged else None
            if (prev is not None and prev.how == "collective" and prev.key == "col:police" and m.how == "adjective"
                    and text[prev.end:m.start].strip() == ""):
                # "la police française": the state, named noun first
                m.start, m.text = prev.start, an.text[prev.start:m.end]
                an.actors[m.key].aliases.add(m.text)
                merged[-1] = m
                continue
            if (prev is not None and prev.how == "name" and m.key in FIGHTERS
                    and an.actors[prev.key].kind in ("armed_group", "party", "organization")
                    and re.fullmatch(r"[\s-]*", text[prev.end:m.start])):
                # "Houthi militants", "Hamas fighters", "Hezbollah-strijders": the group's own fighters
                prev.end, prev.text = m.end, an.text[prev.start:m.end]
                an.actors[prev.key].aliases.add(prev.text)
                continue
            if (prev is not None and prev.how == "adjective" and m.how == "collective"
                    and text[prev.end:m.start].strip() == ""):
                if m.key == "col:police":
                    prev.end, prev.text = m.end, an.text[prev.start:m.end]
                    an.actors[prev.key].aliases.add(prev.text)
                else:  # "Iraakse militanten": the demonym qualifies the collective (:mod:`.collectives`)
                    merged[-1] = m
                continue
            merged.append(m)
        an.mentions = merged
        # "in Irak en Syrië": a name coordinated with a place is a place too
        for prev, m in zip(an.mentions, an.mentions[1:]):
            if prev.locative and m.how == "name" and lex.data.get("and") and \
                    re.fullmatch(rf"\s*,?\s*(?:{lex.data['and']})\s+", text[prev.end:m.start], re.IGNORECASE):
                m.locative = True
        # 6. descriptions that refer back ("de groep"), and "the government" for the state most named so far
        for m in lex.government_descriptions.finditer(text):
            if free(m.start(), m.end()):
                ref = an.main_state(before=m.start())
                if ref:
                    add(m.start(), m.end(), ref, "description")
                    an.actors[ref].aliases.add(an.text[m.start():m.end()])
        an.mentions.sort(key=lambda m: m.start)
        for m in lex.group_descriptions.finditer(text):
            if not free(m.start(), m.end()):
                continue
            ref = self._last_group(an, m.start())
            if ref:
                add(m.start(), m.end(), ref, "description")
        an.mentions.sort(key=lambda m: m.start)
        # 7. "Hezbollah said it fired", "Die Hisbollah erklärte, sie habe": the group speaking of itself
        if lex.group_after_speech is not None:
            for m in list(an.mentions):
                if an.actors[m.key].kind in ("person", "other") or m.how == "anaphor" or an.in_quote(m.start):
                    continue
                hit = lex.group_after_speech.match(text, m.end)
                if hit and free(hit.start("p"), hit.end("p")):
                    add(hit.start("p"), hit.end("p"), m.key, "anaphor")
            an.mentions.sort(key=lambda m: m.start)
        qualify_collectives(an)  # "Iraakse militanten", "Kenyan protesters": a group of their own
        an.mentions.sort(key=lambda m: m.start)
        self._pronouns(an, free)

    # ------------------------------------------------------------ helpers
    @staticmethod
    def _pronouns(an: Analysis, free) -> None:
        """Third-person pronouns as mentions of the actor they stand for, read from the tree (:mod:`.anaphora`:
        kind, number, gender); without a parse (the untagged path) 'hij', 'he', 'er', 'il' stand for the last
        person named."""
        if an.doc is not None and an.doc.has_annotation("DEP"):
            extra = []
            doc = an.doc
            pron = doc.vocab.strings["PRON"]
            # the pronoun tokens by their POS column, without building a Token for every word of the article
            for i in (doc.to_array("POS") == pron).nonzero()[0]:
                tok = doc[int(i)]
                if free(tok.idx, tok.idx + len(tok.text)):
                    m = antecedent(an, tok)
                    if m is not None:
                        end = tok.idx + len(tok.text)
                        extra.append(Mention(tok.idx, end, an.text[tok.idx:end], m.key, "pronoun"))
            an.mentions = sorted(an.mentions + extra, key=lambda m: m.start)
            return
        last: Mention | None = None
        extra: list[Mention] = []
        mentions = iter(an.mentions)
        nxt = next(mentions, None)
        for p in an.lex.person_pronouns.finditer(an.norm):
            while nxt is not None and nxt.start < p.start():
                if an.actors[nxt.key].kind == "person" and not an.in_quote(nxt.start):
                    last = nxt
                nxt = next(mentions, None)
            if last is None or an.in_quote(p.start()) or not free(p.start(), p.end()):
                continue
            if p.start() - last.end <= PRONOUN_REACH:
                extra.append(Mention(p.start(), p.end(), an.text[p.start():p.end()], last.key, "pronoun"))
        an.mentions = sorted(an.mentions + extra, key=lambda m: m.start)
    def _registry_actor(self, an: Analysis, rid: str) -> str:
        e = self.registry.get(rid)
        assert e is not None
        return registry_actor(an, e)

    def _is_place(self, an: Analysis, s: int, e: int) -> bool:
        return any(p.start <= s and p.end >= e for p in an.places)

    def _sources(self, an: Analysis, free, add) -> None:
        """Unnamed sources: 'een Iraakse veiligheidsfunctionaris', 'a Reuters journalist'."""
        lex, text = an.lex, an.norm
        src = lex.data.get("source_nouns")
        ind = lex.data.get("indefinite")
        if not src or not ind:
            return
        rx = re.compile(rf"(?<!\w)(?:{ind})\s+((?:[\w-]+\s+){{0,2}}?(?:{src}))(?!\w)", re.IGNORECASE)
        for m in rx.finditer(text):
            s, e = m.start(1), m.end(1)
            between = re.findall(r"[\w'-]+", text[s:e])[:-1]
            if any(w.lower() in ARTICLE_WORDS or lex.event_cues_any.fullmatch(w) or lex.speech_verbs.fullmatch(w)
                   for w in between):
                continue  # "ein Luftangriff tötete einen Kämpfer" is no description of a source
            # "A paramedic, Vivian Achista, said" / "Mark Ellison, a spokesperson for ...": an apposition to a name
            if any((0 <= mm.start - e <= 3 or 0 <= m.start() - mm.end <= 3) and an.actors[mm.key].kind == "person"
                   for mm in an.mentions):
                continue
            if not free(s, e):
                # "a Reuters journalist": the medium is a mention of its own; keep the description whole
                if not any(mm.start >= s and mm.end <= e for mm in an.mentions):
                    continue
            desc = an.text[s:e]
            key = "src:" + desc.lower()
            info = an.actors.setdefault(key, ActorInfo(key, desc, "person", needs_role=True))
            info.aliases.add(an.text[m.start():e])
            adj = registry_index(lex.lang)[1].find(an.norm[s:e])
            if adj and info.country is None:
                entry = self.registry.get(adj[0].payload)
                info.country = entry.country if entry else None
            an.mentions = [mm for mm in an.mentions if not (mm.start >= s and mm.end <= e and mm.how == "adjective")]
            add(m.start(), e, key, "source")

    @staticmethod
    def _last_group(an: Analysis, pos: int) -> str | None:
        window = an.sentence_of(pos)[0]
        for s, e in an.sentences:
            if e <= pos:
                window = s
        best = None
        for m in an.mentions:
            if m.start >= pos:
                break
            info = an.actors.get(m.key)
            if info and info.kind in ("armed_group", "organization", "party", "coalition") and m.start >= window - 1500:
                best = m.key
        return best


# Capitalised word sequences (with al-/el- particles) where a differently spelled registry name may stand.
