"""The arguments of a nominal trigger ("de aanval van X op Y", "Israel's strike on Y", "der Angriff auf Y").

A mixin of :class:`~sitrep.extract.arguments.ArgumentReader`: a noun names its
actor by a possessor, a demonym, a compound or "van/of/de/von X" and its
target by "op/on/contre/auf X"; as the object of a light verb ("carried out an
attack") it shares the verb's subject, and as the subject of a verb of effect
("the strike killed five") it takes the verb's object as target.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .syntax import children, dep, is_passive, matches

if TYPE_CHECKING:
    from .arguments import Roles


class NominalArguments:
    """Roles read off a noun trigger and the verb it hangs on (uses the reader's phrase methods)."""

    def _nominal(self, noun: Token, r: Roles, genitive_target: bool) -> None:
        lex = self.lex
        m = self.index.get(noun)
        if m is not None and not self.skip(m) and not m.locative:
            r.add("actor", [m.key])  # "Hamas-aanval", "Houthi attacks" as one token
        for c in noun.children:
            d = dep(c)
            if d in ("amod", "compound", "nmod:poss", "det:poss", "flat"):
                r.add("actor", self.actors_of(c, depth=1))
            elif d == "nmod":
                cases = [w for w in c.children if dep(w) == "case"]
                if any(matches(lex.between, w) for w in cases):
                    sides = self.actors_of(c)  # "gevechten tussen X en Y", "clashes between X and Y"
                    r.add("actor", sides[:1])
                    r.add("target", sides[1:])
                elif any(matches(lex.target_preps, w) for w in cases):
                    r.add("target", self.targets_of(c))
                    # "de bombardementen op Gaza door Israël" with "door Israël" hung on Gaza: a target is not
                    # done by anyone, the agent is the trigger's
                    for a in self._with_case(c, lex.agent_preps, "nmod"):
                        r.add("actor", self.actors_of(a))
                elif any(matches(lex.agent_preps, w) for w in cases):
                    r.add("actor", self.actors_of(c))
                elif any(matches(lex.genitive_preps, w) for w in cases) or (
                        not cases and ("Gen" in c.morph.get("Case") or c.i > noun.i) and not self._dated(c)):
                    # a bare noun after the trigger is a genitive whatever case the tagger gave it
                    # ("der Einschlag einer Rakete")
                    r.add("target" if genitive_target else "actor", self.actors_of(c))
        # the noun as the object of a light verb ("voerden een aanval uit", "launched strikes on X") or as
        # the subject of a verb of effect ("the strike killed five", "de aanval trof een basis")
        head, relation = noun.head, dep(noun)
        if head.i != noun.i and self._dated(head):
            head, relation = head.head, dep(head)  # a date never governs a noun: the parser hung it on one
        if not r.actors:
            self._claimant(noun, r)
        governed = head.i != noun.i and head.pos_ in ("VERB", "AUX")
        if governed and relation == "obj" and self._suffered(head):
            for s in self.subjects(head):  # "Ukraine suffered Russian air strikes": the subject is hit
                r.add("target", self.targets_of(s))
        elif governed:
            if relation in ("obj", "nsubj:pass") and not r.actors and not self._talks_about(head):
                if is_passive(head):
                    for a in children(head, "obl:agent") + self._with_case(head, lex.agent_preps, "obl"):
                        r.add("actor", self.actors_of(a))
                else:
                    for s in self.subjects(head):
                        r.add("actor", self.actors_of(s))
            if relation in ("obj", "nsubj:pass", "nsubj"):
                for o in self._with_case(head, lex.target_preps, "obl"):
                    r.add("target", self.targets_of(o))
                for o in self._with_case(head, lex.between, "obl"):
                    sides = self.actors_of(o)  # "er vonden gevechten plaats tussen X en Y"
                    r.add("actor", [k for k in sides[:1] if not r.actors])
                    r.add("target", [k for k in sides if k not in r.actors])
            if relation == "nsubj":
                for o in self.objects(head):
                    r.add("target", self.targets_of(o))
            if relation == "obl" and matches(lex.victim_verbs, head):
                for s in self.subjects(head):  # "five fighters died in the strike"
                    r.add("target", self.targets_of(s))
            elif relation == "obl" and any(dep(w) == "case" and matches(lex.circumstance_preps, w)
                                           for w in noun.children) \
                    and not is_passive(head) and not self._talks_about(head) and not r.actors and not r.targets \
                    and self.objects(head):
                # "guerrillas wounded two soldiers in a bomb attack": the verb's parties are the attack's (not
                # "blamed X for the attack")
                for s in self.subjects(head):
                    r.add("actor", self.actors_of(s))
                for o in self.objects(head):
                    r.add("target", self.targets_of(o))
        r.targets = [k for k in r.targets if k not in r.actors]


    def _suffered(self, verb: Token) -> bool:
        """A verb whose subject suffers its object ("suffered", "erlitt"), or one with such an infinitive ("heeft
        aanvallen te verduren gehad")."""
        rx = self.lex.suffer_verbs
        return matches(rx, verb) or any(dep(c) in ("xcomp", "advcl") and matches(rx, c) for c in verb.children)

    def _claimant(self, noun: Token, r: Roles) -> None:
        """"X claimed responsibility for the attack", "eiste de aanslag op": the claimant is the actor."""
        cur = noun
        for _ in range(3):
            if cur.head.i == cur.i or dep(cur) not in ("nmod", "obl", "obj"):
                return
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                left, right = cur.left_edge.idx, noun.idx
                if self.lex.claim.search(self.an.norm, min(left, cur.idx), max(right, cur.idx + len(cur.text))):
                    for s in self.subjects(cur):
                        r.add("actor", self.actors_of(s))
                return

    def _talks_about(self, verb: Token) -> bool:
        """'Zulum described the attack as unfortunate', 'X condemned the strikes': who speaks of an event or
        judges it did not carry it out (a speech verb, or a verb of judging, demanding or refusing)."""
        lex = self.lex
        return matches(lex.speech_verbs, verb) or matches(lex.governing_verbs, verb)
