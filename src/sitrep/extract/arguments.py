"""Who did it to whom: an event's actors and targets read from the dependency tree of its trigger.

One logic for every language; what differs is data (the prepositions that
mark a target, an agent or a possessor, the verbs whose subject is a victim,
in ``resources/<lang>/lexicon.yaml``).  A verb's subject is its actor and its
object its target, a passive turns them round (``nsubj:pass`` is the target,
``obl:agent`` the actor), a nominal trigger takes its actor from a possessor,
a demonym, a compound or "van/of/de/von X" and its target from "op/on/
contre/auf X"; a noun that is the object of a light verb ("carried out an
attack") shares the verb's subject; a verb with no subject of its own shares
that of the clause it is coordinated with or subordinate to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from .analysis import Analysis, Mention
from .anaphora import antecedent
from .nominal import NominalArguments
from .registry import ActorRegistry, registry_actor, registry_index
from .syntax import (case_words, children, conjuncts, dep, is_passive, marked_clauses, matches, span_head, tokens_in,
                     verb_like)

# Modifier relations through which a phrase names its actor ("Israeli troops", "Hamas fighters", "de
# strijders van Hezbollah", "Iran's forces").
OWNER_DEPS = ("amod", "compound", "flat", "flat:name", "nmod", "nmod:poss", "det:poss", "appos")
# How far up a chain of coordinated or subordinate verbs a missing subject is looked for.
SUBJECT_CLIMB = 3
# Types whose "with X" names the other party ("talks with X", "een akkoord met X", "coopère avec X").
PARTNER_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Types whose clausal complement's subject is the one addressed ("demanded that the US cancel ...",
# "eiste dat Israël ...", "forderte, dass Iran ...").
ADDRESSEE_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE"})
# Types whose "to X" receives what is given or handed ("hand over the suspects to X", "deliver blows to X").
RECIPIENT_TYPES = frozenset({"AID", "AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "THREATEN"})


@dataclass(slots=True)
class Roles:
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    some: bool = False  # the targets are some of the victims ("vijf doden, waaronder X")

    def add(self, role: str, keys: list[str]) -> None:
        bucket = self.actors if role == "actor" else self.targets
        for k in keys:
            if k not in bucket:
                bucket.append(k)


class MentionIndex:
    """Which actor mention each token belongs to (rebuilt when mentions are added)."""

    def __init__(self, an: Analysis):
        self.an = an
        self._size = -1
        self._by_token: dict[int, Mention] = {}

    def get(self, tok: Token) -> Mention | None:
        if self._size != len(self.an.mentions):
            self._by_token = {}
            for m in sorted(self.an.mentions, key=lambda m: m.end - m.start):
                if m.how == "pronoun":
                    continue
                for t in tokens_in(self.an.doc, m.start, m.end):
                    self._by_token.setdefault(t.i, m)
            self._size = len(self.an.mentions)
        return self._by_token.get(tok.i)


def mention_index(an: Analysis) -> MentionIndex:
    """The document's one token-to-mention index (events, speakers and relations share it)."""
    if an.mention_index is None:
        an.mention_index = MentionIndex(an)
    return an.mention_index


class ArgumentReader(NominalArguments):
    """Actors and targets of one trigger token, in one analysed document."""

    def __init__(self, an: Analysis, index: MentionIndex, skip=lambda m: False):
        self.an = an
        self.lex = an.lex
        self.index = index
        self.skip = skip  # mentions that are no party (a supporter in "Iran-backed", a medium)
        self.some_listed = False  # set when a phrase's actors were read from its list of members

    # ------------------------------------------------------------ phrases to actors
    def actors_of(self, tok: Token, depth: int = 0) -> list[str]:
        """The actors a nominal phrase names, with its conjuncts ("Israel and the United States")."""
        out: list[str] = []
        for t in conjuncts(tok):
            for k in self._actor_of(t, depth):
                if k not in out:
                    out.append(k)
        if not out and depth == 0:
            for member in self.listed(tok):  # "meerdere toplui, waaronder X": the named members
                out += [k for k in self.actors_of(member, 1) if k not in out]
                self.some_listed = True
        return out

    def listed(self, tok: Token) -> list[Token]:
        """Dependents that list members of a phrase or victims of a clause ("including X", "waaronder X",
        "darunter X", "dont X"): the list cue opens the dependent's own words."""
        out = []
        for c in tok.children:
            if dep(c) in ("obl", "nmod", "appos", "acl", "advcl", "conj", "dep", "parataxis") and c.i > tok.i:
                first = next(t for t in c.subtree if not t.is_punct or t.i == c.i)
                if self.lex.list_cues.match(self.an.norm, first.idx) is not None:
                    out.append(c)
        return out

    def _actor_of(self, tok: Token, depth: int) -> list[str]:
        an = self.an
        m = self.index.get(tok)
        if m is not None and self.skip(m):
            m = None
        if m is not None and m.locative:
            return []  # "in Irak": a place, not a party
        if m is None and tok.pos_ == "PRON":
            return self._pronoun(tok)
        owners: list[str] = []
        if depth < 2:
            for c in tok.children:
                if dep(c) in OWNER_DEPS and not self._place(c):
                    if dep(c) == "nmod" and case_words(c) and not any(
                            matches(self.lex.genitive_preps, w) for w in c.children if dep(w) == "case"):
                        continue  # "troops in Syria", "the attack on X": not the phrase's owner
                    owners += [k for k in self._actor_of(c, depth + 1) if k not in owners]
        named = [c for c in tok.children if dep(c) in ("appos", "flat:name") and self.index.get(c) is not None]
        if m is None and not named and depth == 0:
            named = self._person_after_owner(tok)
        if named and depth < 2 and (m is None or m.end - m.start < len(tok.text)):
            # "de bevelhebber van de groep, Fuad Shukr", "de Hezbollah-commandant Ibrahim Aqil": the person
            return self._actor_of(named[0], depth + 1)
        if m is not None:
            info = an.actors.get(m.key)
            # "Hezbollah fighters", "a Kataib Hezbollah commander": a collective or an unnamed member named by
            # its group is the group
            if info is not None and m.how in ("collective", "source") and owners:
                return owners
            return [m.key]
        if tok.pos_ in ("NOUN", "PROPN", "ADJ", "X") and owners:
            return owners
        return []

    def _person_after_owner(self, tok: Token) -> list[Token]:
        """'de bevelhebber van de groep Karim Fawaz': the parser hangs the name on the group, but a person's
        name after "the <role> of the group" is the role's holder, not the group's."""
        out = []
        for c in tok.children:
            if dep(c) != "nmod":
                continue
            for n in c.children:
                m = self.index.get(n)
                if dep(n) in ("appos", "flat", "flat:name") and n.i > c.i and m is not None \
                        and self.an.actors[m.key].kind == "person":
                    out.append(n)
        return out

    def _pronoun(self, tok: Token) -> list[str]:
        """'Ze hebben raketten afgeschoten', 'it said it fired': the actor the pronoun stands for."""
        m = antecedent(self.an, tok)
        if m is None or self.skip(m):
            return []
        self.an.add_mention(tok.idx, tok.idx + len(tok.text), m.key, "pronoun")
        return [m.key]

    def targets_of(self, tok: Token) -> list[str]:
        """The actors a target phrase names; a thing with only a demonym is its state's ("de Israëlische
        haven Eilat", "an Iranian tanker", "un navire iranien": the owner of the attacked facility)."""
        found = self.actors_of(tok)
        if found:
            return found
        out: list[str] = []
        for t in conjuncts(tok):
            key = self._owner_state(t)
            if key and key not in out:
                out.append(key)
        return out

    def _owner_state(self, tok: Token) -> str | None:
        if tok.pos_ not in ("NOUN", "PROPN") or self._place(tok) or self._dated(tok):
            return None
        adjectives = registry_index(self.lex.lang)[1]
        for c in tok.children:
            if dep(c) != "amod" or c.pos_ != "ADJ" or self.index.get(c) is not None:
                continue
            hits = adjectives.find(c.text)
            if hits and hits[0].start == 0 and hits[0].end == len(c.text):
                entry = ActorRegistry.default().get(hits[0].payload)
                if entry is not None:
                    key = registry_actor(self.an, entry)
                    self.an.add_mention(c.idx, c.idx + len(c.text), key, "adjective")
                    return key
        return None

    def _place(self, tok: Token) -> bool:
        m = self.index.get(tok)
        return m is not None and m.locative

    # ------------------------------------------------------------ clauses
    def _dated(self, tok: Token) -> bool:
        """A date ("Dinsdag", "am Dienstag") is never a party, whatever label the parser gave it."""
        return any(d.start <= tok.idx < d.end for d in self.an.dates)

    def subjects(self, verb: Token) -> list[Token]:
        extra = self._extra_subjects(verb)
        subj = [s for s in self._subjects(verb) if not self._dated(s) and s not in extra]
        if not subj and verb.pos_ in ("VERB", "AUX"):
            objs = [o for o in children(verb, "obj") if not self._dated(o)]
            if len(objs) > 1 and objs[0].i > verb.i:
                return objs[:1]  # verb-second inversion read as two objects: the first is the subject
        return subj

    def objects(self, verb: Token) -> list[Token]:
        objs = [o for o in children(verb, "obj", "iobj") if not self._dated(o)]
        if len(objs) > 1 and objs[0].i > verb.i and not [s for s in self._subjects(verb) if not self._dated(s)]:
            return objs[1:]
        return objs + self._extra_subjects(verb)

    def _extra_subjects(self, verb: Token) -> list[Token]:
        """An active clause has one subject: where the parser gave it two ("die Sicherheitskräfte hätten 28
        Journalisten verhaftet" with both as nsubj), the first is the subject and the later ones its objects."""
        if verb.pos_ not in ("VERB", "AUX") or is_passive(verb):
            return []
        subj = [s for s in children(verb, "nsubj") if not self._dated(s)]
        # a name right after the first ("zei minister van Defensie Lloyd Austin") is its apposition
        return [s for s in subj[1:] if s.left_edge.i != subj[0].right_edge.i + 1]

    def _subjects(self, verb: Token) -> list[Token]:
        """The subject of a verb, or of the clause it shares one with ("attacked X and killed Y", "vowed
        to strike", "..., killing twelve"); a relative pronoun stands for the noun the clause modifies."""
        cur = verb
        for _ in range(SUBJECT_CLIMB):
            subj = children(cur, "nsubj")
            for aux in cur.children:
                if aux.pos_ == "AUX" or dep(aux) in ("aux", "aux:pass", "cop"):
                    subj += children(aux, "nsubj")  # a subject the parser hung on the auxiliary
            if not subj:
                subj = self._untagged_subject(cur)
            if subj:
                return [self._antecedent(s, cur) for s in subj]
            relation = dep(cur)
            if relation in ("conj", "xcomp") or (
                    relation == "advcl" and set(cur.morph.get("VerbForm")) & {"Part", "Ger", "Inf"}):
                cur = cur.head
                continue
            if relation == "acl" and not is_passive(cur):
                return [cur.head]  # "militants attacking the base"
            break
        return []

    @staticmethod
    def _untagged_subject(verb: Token) -> list[Token]:
        """A subject the parser gave another label: a name or nominative noun before the verb, with no
        preposition, that is not its object ("Stoiber" read as an adverb in "Stoiber hatte ... betont")."""
        if verb.pos_ not in ("VERB", "AUX"):
            return []
        for c in verb.children:
            if c.i > verb.i or dep(c) in ("obj", "iobj", "obl", "nsubj:pass", "compound", "flat", "flat:name",
                                          "conj", "case", "det", "amod", "punct", "cc", "mark", "aux", "aux:pass"):
                continue
            if case_words(c) or c.pos_ not in ("PROPN", "NOUN", "PRON"):
                continue
            if c.pos_ == "PROPN" or "Nom" in c.morph.get("Case"):
                return [c]
        return []

    @staticmethod
    def _antecedent(subj: Token, verb: Token) -> Token:
        if "Rel" in subj.morph.get("PronType") and dep(verb) in ("acl:relcl", "acl"):
            return verb.head  # "the militia that attacked ...": the militia
        return subj

    def _with_case(self, tok: Token, rx: re.Pattern[str], *labels: str) -> list[Token]:
        return [c for c in tok.children if dep(c) in labels and any(
            matches(rx, w) for w in c.children if dep(w) == "case")]

    # ------------------------------------------------------------ the trigger
    def roles(self, trig: Token, victim_subject: bool = False, genitive_target: bool = False,
              etype: str | None = None) -> Roles:
        """Actors and targets of a trigger token.

        ``victim_subject``: the verb's subject suffers it ("died", "kwamen om");
        ``genitive_target``: a nominal trigger's "of X" is its victim ("the killing of X");
        ``etype``: the event type, for the roles only some types give ("talks with X", "demanded that X ...").
        """
        r = Roles()
        lex = self.lex
        self.some_listed = False
        if etype in PARTNER_TYPES:
            for o in self._with_case(trig, lex.partner_preps, "obl", "nmod"):
                r.add("target", self.targets_of(o))
            if dep(trig) == "obj" and trig.head.pos_ in ("VERB", "AUX"):  # "held a meeting ... with X"
                for o in self._with_case(trig.head, lex.partner_preps, "obl"):
                    r.add("target", self.targets_of(o))
        if not verb_like(trig) or self._noun_predicate(trig):
            self._nominal(trig, r, genitive_target)
            return r
        if etype in ADDRESSEE_TYPES:
            for x in children(trig, "ccomp"):
                for sub in children(x, "nsubj", "nsubj:pass"):
                    r.add("target", self.targets_of(self._antecedent(sub, x)))
        passive = is_passive(trig) or self._adjectival_passive(trig)
        if passive:
            for s in children(trig, "nsubj:pass", "nsubj"):
                r.add("target", self.targets_of(self._antecedent(s, trig)))
            for a in children(trig, "obl:agent") + self._with_case(trig, lex.agent_preps, "obl", "nmod"):
                r.add("actor", self.actors_of(a))
        else:
            role = "target" if victim_subject else "actor"
            for s in self.subjects(trig):
                r.add(role, self.actors_of(s))
            for o in self.objects(trig) + children(trig, "obl"):
                if dep(o) != "obl":
                    r.add("target", self.targets_of(o))
                if not self.index.get(o):  # "imposed sanctions on Iran", "dreigde met vergelding tegen Israël"
                    for n in self._with_case(o, lex.target_preps, "nmod"):
                        r.add("target", self.targets_of(n))
            for o in self._with_case(trig, lex.target_preps, "obl", "nmod"):
                r.add("target", self.targets_of(o))
            for a in self._with_case(trig, lex.agent_preps, "obl"):
                r.add("actor", self.actors_of(a))
            for x in children(trig, "xcomp"):  # "vowed to retaliate against Israel", "dreigde Israël aan te vallen"
                for o in self.objects(x) + self._with_case(x, lex.target_preps, "obl"):
                    r.add("target", self.targets_of(o))
            self._addressed(trig, r, etype)
        for o in self.listed(trig):  # "five were killed, including X", "zijn omgekomen, waaronder X"
            r.add("target", self.actors_of(o, 1))
            r.some = True
        if not r.actors and (passive or victim_subject):
            # "bei dem Einschlag einer russischen Rakete wurden neun getötet", "killed in an Israeli strike":
            # the attack or weapon the clause names carries the attacker
            aimed = self._with_case(trig, lex.target_preps, "obl")
            for o in children(trig, "obl"):
                if o not in aimed and self._event_or_weapon(o):
                    r.add("actor", self.actors_of(o))
        # a noun object that is itself an event noun carries its own owner ("lanceerde een Houthi-aanval")
        r.targets = [k for k in r.targets if k not in r.actors]
        r.some = r.some or self.some_listed
        return r

    def _addressed(self, trig: Token, r: Roles, etype: str | None) -> None:
        """The party a verbal act is aimed at outside its object: the subject of the condition on a threat or
        a demand ("… unless Lima closes its border"), the recipient ("hand over the suspects to Argentina"),
        the one whose call is rejected ("rejected calls by Angola")."""
        lex = self.lex
        clauses = [trig] + children(trig, "xcomp")
        if etype in ADDRESSEE_TYPES:
            for c in [c for x in clauses for c in marked_clauses(x, lex.condition_marks)]:
                for sub in children(c, "nsubj", "nsubj:pass"):
                    r.add("target", self.targets_of(self._antecedent(sub, c)))
        if etype in RECIPIENT_TYPES:
            heads = clauses + [o for x in clauses for o in self.objects(x)]  # "hand over [suspects to X]" as parsed
            for o in [o for x in heads for o in self._with_case(x, lex.recipient_preps, "obl", "nmod")]:
                r.add("target", self.targets_of(o))  # a state it goes to is a party here, not a place
        if etype == "REJECT":
            for o in self.objects(trig):
                if self.index.get(o) is None:  # "the American calls": the state of a demonym on it
                    for n in self._with_case(o, lex.origin_preps, "nmod") + children(o, "nmod:poss"):
                        r.add("target", self.targets_of(n))
                    owner = self._owner_state(o)
                    r.add("target", [owner] if owner else [])

    def _adjectival_passive(self, tok: Token) -> bool:
        """'zijn meerdere strijders gedood' read as a copula and an adjective: the trigger as a predicate is a
        state its subject suffered."""
        return tok.pos_ == "ADJ" and any(dep(c) == "cop" and matches(self.lex.copulas, c) for c in tok.children)

    def _noun_predicate(self, tok: Token) -> bool:
        """'the cause was the rocket attack of X': a noun with a copula is no verb, and its subject no actor."""
        return tok.pos_ in ("NOUN", "PROPN") and any(
            dep(c) == "cop" and matches(self.lex.copulas, c) for c in tok.children)

    def _event_or_weapon(self, tok: Token) -> bool:
        lex = self.lex
        return matches(lex.force_nouns, tok) or any(c.noun and matches(c.regex, tok) for c in lex.event_cues)


def trigger(an: Analysis, start: int, end: int) -> Token | None:
    """The token of a cue that heads it ("vuurden ... af": the verb; "Raketenangriff": the word)."""
    if an.doc is None or not an.doc.has_annotation("DEP"):
        return None  # no parse (a language without a trained pipeline): the tree has nothing to say
    return span_head(an.doc, start, end)


def trigger_words(an: Analysis, start: int, end: int) -> list[Token]:
    """The head of a cue and the content words it governs inside the cue ("verhängten ... Sanktionen",
    "launched ... strikes"): each can carry arguments of the occurrence."""
    head = trigger(an, start, end)
    if head is None:
        return []
    inside = [t for t in tokens_in(an.doc, start, end) if t.i != head.i and t.head.i == head.i
              and t.pos_ in ("NOUN", "VERB") and dep(t) in ("obj", "nsubj", "nsubj:pass", "xcomp", "ccomp", "obl")]
    return [head, *inside]
