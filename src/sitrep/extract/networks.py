"""Relations between groups and states: "X-backed", lists of a network's members, "part of", alliances.

A mixin of :class:`~sitrep.extract.relations.RelationFinder`, kept apart so that each file reads on its own.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..model import Span
from .analysis import GROUP_KINDS, Analysis, Mention
from .arguments import mention_index
from .syntax import children, conjuncts, dep, is_passive, matches

# Words between "X-backed" and the actor it qualifies ("the Iran-backed Shiite militia Kataib Hezbollah").
SUPPORTED_GAP_WORDS = 2


class NetworkRelations:
    """supports, part_of and allied_with; the helpers the title logic shares."""

    # ------------------------------------------------------------------ helpers
    def _kind(self, an: Analysis, m: Mention) -> str:
        return an.actors[m.key].kind

    def _sentence_span(self, an: Analysis, pos: int) -> Span:
        s, e = an.sentence_of(pos)
        return Span(s, e, an.text[s:e])

    def _usable(self, an: Analysis) -> list[Mention]:
        return [m for m in an.mentions if not an.in_quote(m.start) and m.how not in ("pronoun", "anaphor")]

    # ------------------------------------------------------------------ support
    def _support(self, an: Analysis) -> None:
        lex, norm = an.lex, an.norm
        mentions = self._usable(an)
        for rx in lex.support_res:
            for m in rx.finditer(norm):
                if an.in_quote(m.start()):
                    continue
                sups = self._supporters(an, mentions, m)
                if not sups:
                    continue
                keys = {x.key for x in sups}
                lo, hi = an.sentence_of(m.start())
                evidence = Span(lo, hi, an.text[lo:hi])
                end = max(m.end(), sups[-1].end)
                supported: list[str] = []
                members = self._listed(an, mentions, end, hi, exclude=keys)
                if members:
                    supported = members
                    network = self._network(an, mentions, lo, m.start(), keys)
                    if network:
                        for k in members:
                            an.add_relation(k, "part_of", network, evidence)
                else:
                    supported = self._supported(an, mentions, m, end, lo, hi, keys)
                for sup in dict.fromkeys(x.key for x in sups):  # in text order: the output is reproducible
                    for k in supported:
                        an.add_relation(sup, "supports", k, evidence)

    def _support_verbs(self, an: Analysis) -> None:
        """"Iran steunt de Houthi's", "Iran arms Hezbollah", "l'Iran soutient les Houthis": a group or state that
        supports another (``support_verbs``, lemmas) as the subject and object of an asserted active clause."""
        pattern = an.lex.data.get("support_verbs")
        if not pattern or an.doc is None or not an.doc.has_annotation("DEP"):
            return
        rx = re.compile(rf"(?:{pattern})", re.IGNORECASE)
        index = mention_index(an)

        def groups(toks: list[Token]) -> list[str]:
            out = []
            for t in (c for tok in toks for c in conjuncts(tok)):
                m = index.get(t)
                if m is not None and not m.locative and not an.in_quote(m.start) and m.how not in ("pronoun",) \
                        and self._kind(an, m) in GROUP_KINDS and self._kind(an, m) != "other" and m.key not in out:
                    out.append(m.key)
            return out

        for verb in an.doc:
            if verb.pos_ != "VERB" or not rx.fullmatch(verb.lemma_.lower()) or an.in_quote(verb.idx) or \
                    is_passive(verb) or not self._asserted(an, verb):
                continue
            subjects, objects = groups(children(verb, "nsubj")), groups(children(verb, "obj"))
            for sup in subjects:
                for k in objects:
                    if k != sup:
                        an.add_relation(sup, "supports", k, self._sentence_span(an, verb.idx))

    def _lead_verbs(self, an: Analysis) -> None:
        """"Hezbollah, led by Hassan Nasrallah", "le Hezbollah, dirigé par X", "X has led Hezbollah since 1992": the
        person who leads a group (``lead_verbs``, lemmas), by the participle's agent or the clause's subject."""
        pattern = an.lex.data.get("lead_verbs")
        if not pattern or an.doc is None or not an.doc.has_annotation("DEP"):
            return
        rx = re.compile(rf"(?:{pattern})", re.IGNORECASE)
        index = mention_index(an)

        def of_kind(tok: Token | None, kinds: tuple[str, ...]) -> Mention | None:
            m = index.get(tok) if tok is not None else None
            ok = m is not None and not m.locative and not an.in_quote(m.start) and self._kind(an, m) in kinds
            return m if ok else None

        groups = ("armed_group", "organization", "party", "coalition", "international_org")
        for verb in an.doc:
            if verb.pos_ != "VERB" or not rx.fullmatch(verb.lemma_.lower()) or an.in_quote(verb.idx) or \
                    not self._asserted(an, verb):
                continue
            agents = [c for c in verb.children if dep(c) == "obl:agent" or dep(c) == "obl" and any(
                matches(an.lex.agent_preps, w) for w in verb.doc if w.head.i == c.i and dep(w) == "case")]
            if agents and "Part" in verb.morph.get("VerbForm"):  # "X, led by Y"
                leader = next((m for m in (of_kind(a, ("person",)) for a in agents) if m), None)
                group = of_kind(verb.head, groups) if dep(verb) in ("acl", "amod") else None
                group = group or next((m for m in (of_kind(c, groups) for c in children(verb, "nsubj", "nsubj:pass"))
                                       if m), None)
                if group is None:  # an appositive participle the parser hung elsewhere: the group just before it
                    before = [m for m in self._usable(an) if m.end <= verb.idx and verb.idx - m.end <= 3]
                    group = before[-1] if before and self._kind(an, before[-1]) in groups else None
            elif not is_passive(verb):  # "X leads Y"
                leader = next((m for m in (of_kind(c, ("person",)) for c in children(verb, "nsubj")) if m), None)
                group = next((m for m in (of_kind(c, groups) for c in children(verb, "obj")) if m), None)
            else:
                continue
            if leader is not None and group is not None:
                an.add_relation(leader.key, "leader_of", group.key, self._sentence_span(an, verb.idx))

    @staticmethod
    def _asserted(an: Analysis, verb: Token) -> bool:
        """A clause that states the relation: finite or perfect, not negated, not conditional or modal."""
        lex = an.lex
        aux = children(verb, "aux")
        if verb.morph.get("VerbForm") and verb.morph.get("VerbForm")[0] in ("Inf", "Ger") and not aux:
            return False
        if "Cnd" in verb.morph.get("Mood") or any("Cnd" in a.morph.get("Mood") for a in aux):
            return False
        if any(matches(lex.hypothetical, a) for a in aux):
            return False
        return not any(dep(c) == "advmod" and (matches(lex.negation, c) or "Neg" in c.morph.get("Polarity"))
                       for c in verb.children)

    def _supported(self, an: Analysis, mentions: list[Mention], m: re.Match, end: int, lo: int, hi: int,
                   keys: set[str]) -> list[str]:
        """The one a support phrase is about: the actor right after it ("Iran-backed Houthis", "door Iran
        gesteunde milities"; a place there is where they are, not who), else the group before it."""
        after = [x for x in mentions if end <= x.start < hi and x.key not in keys and not x.locative
                 and len(re.findall(r"[\w'-]+", an.norm[end:x.start])) <= SUPPORTED_GAP_WORDS]
        before = [x for x in mentions if lo <= x.start and x.end <= m.start() and x.key not in keys
                  and self._kind(an, x) in GROUP_KINDS]
        # ... unless the supporter ends the phrase ("Hezbollah, which is backed by Iran, and Israel",
        # "les Houthis, soutenus par l'Iran"): then it is the group named before
        passive = m.end("sup") >= m.end() - 1
        if after and not (passive and before):
            return [after[0].key]
        if passive and before:  # the group the passive phrase hangs on: the nearest one before it
            return [before[-1].key]
        subject = before[0].key if before else self._previous_group(an, mentions, lo)
        return [subject] if subject and subject not in keys else []

    def _supporters(self, an: Analysis, mentions: list[Mention], m: re.Match) -> list[Mention]:
        """The supporter a support phrase names, with those coordinated with it ("door Rwanda en Oeganda
        gesteunde", "Rwanda- and Uganda-backed", "soutenu par le Rwanda et l'Ouganda").  A name before the
        supporter in an "X-backed" phrase joins it only by a suspended hyphen: in "Hezbollah and Iran-backed
        militias" Hezbollah is no supporter."""
        s, e = m.start("sup"), m.end("sup")
        inside = [x for x in mentions if x.start <= s < x.end or s <= x.start < e]
        if not inside:
            return []
        final = e >= m.end() - 1  # "backed by X": the supporter ends the phrase
        and_words = an.lex.data.get("and") or "and"
        joint = re.compile(rf"\s*,?\s*(?:{and_words})\s+(?:[\w]+\s+|[\w]+['’])?", re.IGNORECASE)
        suspended = re.compile(rf"-\s*,?\s*(?:{and_words})\s+", re.IGNORECASE)
        first = inside[0] if final else inside[-1]
        out = [first]
        if not final:
            for x in reversed(inside[:-1]):
                gap = an.norm[x.end:out[0].start]
                if suspended.fullmatch(gap) or s > m.start() and joint.fullmatch(gap):
                    out.insert(0, x)
                else:
                    break
        else:
            for x in mentions:
                if x.start >= out[-1].end and joint.fullmatch(an.norm[out[-1].end:x.start]) and \
                        self._kind(an, x) in GROUP_KINDS and not x.locative:
                    out.append(x)
                elif x.start >= out[-1].end:
                    break
        return out

    def _listed(self, an: Analysis, mentions: list[Mention], start: int, end: int, exclude: set[str]) -> list[str]:
        cue = an.lex.list_cues.search(an.norm, start, min(end, start + 120))
        if not cue:
            return []
        out: list[str] = []
        for x in mentions:
            if cue.end() <= x.start < end and x.key not in exclude and not x.locative and x.how != "adjective" \
                    and x.key not in out:
                out.append(x.key)
        return out

    def _network(self, an: Analysis, mentions: list[Mention], lo: int, hi: int, exclude: set[str]) -> str | None:
        cands = [x for x in mentions if lo <= x.start < hi and x.key not in exclude and
                 an.actors[x.key].kind == "coalition"]
        if cands:
            return cands[-1].key
        if an.lex.network_nouns.search(an.norm, lo, hi):
            near = [x for x in mentions if lo <= x.start < hi and x.key not in exclude and
                    an.actors[x.key].kind in ("coalition", "other")]
            return near[-1].key if near else None
        return None

    @staticmethod
    def _previous_group(an: Analysis, mentions: list[Mention], pos: int) -> str | None:
        prev = [x for x in mentions if x.end <= pos and an.actors[x.key].kind in ("armed_group", "organization", "party")]
        return prev[-1].key if prev and pos - prev[-1].end < 400 else None

    # ------------------------------------------------------------------ part_of and allies
    def _part_of(self, an: Analysis) -> None:
        mentions = self._usable(an)
        for rx in an.lex.part_of_patterns:
            for m in rx.finditer(an.norm):
                if an.in_quote(m.start()):
                    continue
                lo, hi = an.sentence_of(m.start())
                subj = [x for x in mentions if lo <= x.start and x.end <= m.start() and m.start() - x.end <= 3]
                obj = [x for x in mentions if x.start >= m.end() and x.start - m.end() <= 40 and x.end <= hi]
                if subj and obj and self._kind(an, obj[0]) in ("coalition", "armed_group", "other", "organization",
                                                               "international_org", "party"):
                    rtype = "member_of" if self._kind(an, subj[-1]) == "person" else "part_of"
                    an.add_relation(subj[-1].key, rtype, obj[0].key, Span(lo, hi, an.text[lo:hi]))

    def _allies(self, an: Analysis) -> None:
        mentions = self._usable(an)
        for rx in an.lex.ally_patterns:
            for m in rx.finditer(an.norm):
                if an.in_quote(m.start()):
                    continue
                lo, hi = an.sentence_of(m.start())
                obj = [x for x in mentions if x.start >= m.end() and x.start - m.end() <= 40 and x.end <= hi]
                subj = [x for x in mentions if lo <= x.start and x.end <= m.start()
                        and self._kind(an, x) in ("armed_group", "state", "party", "organization", "coalition")]
                if obj and subj and obj[0].key != subj[-1].key:
                    an.add_relation(subj[-1].key, "allied_with", obj[0].key, Span(lo, hi, an.text[lo:hi]))
