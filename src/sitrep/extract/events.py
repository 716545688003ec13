"""Events: PLOVER-typed occurrences with actors, targets, date, place, casualties and status.

A sentence is cut into segments at words that start a new occurrence ("kort
nadat", "shortly after"); all cues of one type in one segment are one event.
Cues that are negated, hypothetical, a purpose ("om ... aan te vallen") or
inside a direct quotation are not coded (CODEBOOK).  Mentions of the same
occurrence in other sentences are merged afterwards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span, date_interval as interval
from .analysis import Analysis, EventInfo, Mention

# Words between a cue and its target ("aanvallen op [de] Amerikaanse troepen"); more is another phrase.
TARGET_GAP_WORDS = 7
# A negation this many words before a cue negates it ("did not retaliate", "geen bredere oorlog").
NEGATION_WINDOW = 3
# Mentions further than this from the cue (in characters) are not its arguments.
ARGUMENT_REACH = 160
# Event types whose verb takes its target as direct object ("doodde een strijder", "threatened Israel").
OBJECT_TYPES = ("ASSAULT", "COERCE", "THREATEN", "SANCTION")
# Words between such a verb and its object: articles and a time adverb ("tötete am Dienstag einen Kämpfer").
OBJECT_GAP_WORDS = 4
# Collectives whose use of force is a riot, not an armed assault.
RIOTING = {"protesters", "rioters", "demonstrators"}


@dataclass(slots=True)
class CueHit:
    start: int
    end: int
    type: str
    mode: str | None
    noun: bool


class EventFinder:
    """The ``sitrep_events`` component's logic."""

    def __call__(self, an: Analysis) -> None:
        for s, e in an.sentences:
            if any(b.start <= s < b.end for b in an.boilerplate):
                continue
            for seg_start, seg_end in self._segments(an, s, e):
                groups = _group(self._cues(an, seg_start, seg_end))
                for i, group in enumerate(groups):
                    # each occurrence reads its arguments between the cues of its neighbours
                    lo = max([seg_start] + [c.end for g in groups[:i] for c in g if c.end <= group[0].start])
                    hi = min([seg_end] + [c.start for g in groups[i + 1:] for c in g if c.start >= group[-1].end])
                    ev = self._event(an, group[0].type, group, (s, e), (lo, hi))
                    if ev is not None:
                        an.events.append(ev)
        self._merge(an)
        for ev in an.events:
            for key in ev.actors + ev.targets:
                if key in an.actors:
                    an.actors[key].used = True

    # ------------------------------------------------------------------ cues
    def _segments(self, an: Analysis, s: int, e: int) -> list[tuple[int, int]]:
        breaks = an.lex.data.get("clause_breaks") or "(?!x)x"
        cuts = [s]
        relative = an.lex.data.get("relative_breaks") or "(?!x)x"
        for m in re.finditer(rf"(?:[,;]\s*|\s)(?:{breaks})(?!\w)|,\s*(?:{relative})(?!\w)|[;:]\s", an.norm[s:e],
                             re.IGNORECASE):
            cuts.append(s + m.start())
        cuts.append(e)
        return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]

    def _cues(self, an: Analysis, s: int, e: int) -> list[CueHit]:
        lex, norm = an.lex, an.norm
        if lex.not_events.search(norm, s, e):  # interceptions, sieges, crowd control: not coded (CODEBOOK)
            return []
        hits: list[CueHit] = []
        for cue in lex.event_cues:
            for m in cue.regex.finditer(norm, s, e):
                if any(m.start() < h.end and m.end() > h.start for h in hits):
                    continue
                hits.append(CueHit(m.start(), m.end(), cue.type, cue.mode, cue.noun))
        return [h for h in sorted(hits, key=lambda h: h.start) if self._asserted(an, h, s)]

    def _asserted(self, an: Analysis, cue: CueHit, seg_start: int) -> bool:
        """False for cues inside quotes, negated, hypothetical or purpose clauses."""
        lex, norm = an.lex, an.norm
        if an.in_quote(cue.start):
            return False
        before = norm[seg_start:cue.start]
        near = " ".join(re.findall(r"[\w'-]+", lex.not_negation.sub(" ", before))[-NEGATION_WINDOW:])
        if lex.negation.search(near):
            return False
        prev_words = re.findall(r"[\w'-]+", before)
        last = prev_words[-1:] or [""]
        zu_infinitive = lex.lang == "de" and re.fullmatch(r"\w+zu\w+en", norm[cue.start:cue.end].split()[0] or "")
        verb_like = not cue.noun or lex.noun_verbs.fullmatch(norm[cue.start:cue.end])
        if (verb_like and lex.infinitive_marker.fullmatch(last[0]) or not cue.noun and (
                zu_infinitive or self._infinitive_inside(an, cue))):
            # "om Israël aan te vallen", "to attack": a purpose; "probeerden binnen te vallen": an attempt, coded
            if not lex.attempt_verbs.search(" ".join(prev_words[-4:])):
                return False
        if not cue.noun and lex.negation.search(norm, cue.start, cue.end):
            return False  # "griff Israel nicht an"
        if cue.type == "ASSAULT" and self._threats(an, seg_start, cue.start):
            return False  # what is threatened has not happened
        if lex.hypothetical.search(before):
            return False
        after = norm[cue.end:cue.end + 20]
        if not cue.noun and lex.negation.match(after.strip()):
            return False
        return True

    @staticmethod
    def _infinitive_inside(an: Analysis, cue: CueHit) -> bool:
        """'aan te vallen' inside a separable verb is an infinitive; 'took to the streets' is not (an article
        follows the marker)."""
        for mk in an.lex.infinitive_marker.finditer(an.norm, cue.start, cue.end):
            nxt = re.match(r"\s*([\w'-]+)", an.norm[mk.end():cue.end])
            if not (nxt and an.lex.definite_articles.fullmatch(nxt.group(1))):
                return True
        return False

    @staticmethod
    def _threats(an: Analysis, lo: int, hi: int) -> bool:
        return any(c.type == "THREATEN" and c.regex.search(an.norm, lo, hi) for c in an.lex.event_cues)

    # ------------------------------------------------------------------ one event
    def _event(self, an: Analysis, etype: str, cues: list[CueHit], sent: tuple[int, int],
               seg: tuple[int, int]) -> EventInfo | None:
        lex, norm = an.lex, an.norm
        main = next((c for c in cues if c.noun), cues[0])
        lo, hi = seg
        mentions = [m for m in an.mentions_in(lo, hi) if not an.in_quote(m.start) and m.how != "pronoun"]
        args = [m for m in mentions if not m.locative and not self._title_adjective(an, m)
                and an.actors[m.key].kind != "media" and not self._speaker(an, m, lo, hi)
                and not self._supporter(an, m)]
        first = cues[0]
        targets, inverted_subject = self._targets(an, etype, cues, args, hi)
        actors = self._actors(an, cues, main, args)
        if inverted_subject and not actors:
            actors.append(inverted_subject)  # "nahm die Polizei ... fest": the subject after the verb
        tw = lex.between.search(norm, lo, hi)
        if tw:
            side = [m for m in args if m.start > tw.end()]
            if len(side) >= 2:
                actors.append(side[0].key)
                targets.append(side[1].key)
        verbal = not main.noun or any(not c.noun for c in cues) or lex.perform_verbs.search(norm, lo, hi) \
            or lex.claim.search(norm, lo, hi)
        if not actors and verbal:
            subj = [m for m in args if m.end <= first.start and first.start - m.end < ARGUMENT_REACH
                    and m.key not in targets]
            bare = [m for m in subj if not self._prep_before(an, m, genitive=True)]
            clause_start = lo + len(norm[lo:hi]) - len(norm[lo:hi].lstrip(" ,"))
            if subj:
                # the clause's subject: the first name not inside a prepositional or genitive phrase
                # ("Das israelische Militär hat Stellungen der Hisbollah angegriffen")
                subject = (bare or subj)[0].key
                actors.append(subject)
                # the verb at the end of the clause (Dutch, German): the other names are its objects
                if not cues[-1].noun and len(subj) > 1 and not any(m.start >= last_cue_end(cues) for m in args):
                    targets += [m.key for m in subj if m.key != subject and (
                        m in bare or self._prep_before(an, m, genitive=True) and an.actors[m.key].kind != "state")]
            elif lo > sent[0] and lex.relative_breaks.match(norm, clause_start) \
                    and not lex.possessive_relatives.match(norm, clause_start):
                # "... Demonstranten, die gegen ... protestierten": the relative pronoun's antecedent
                prev = [m for m in an.mentions_in(sent[0], lo) if not m.locative and m.how != "pronoun"]
                if prev:
                    actors.append(prev[-1].key)
            elif lo > sent[0] and lex.possessive_relatives.match(norm, clause_start):
                # "..., wiens leger ... aanvallen opeiste": whose forces: the group named just before
                prev = [m for m in an.mentions_in(sent[0], lo) if an.actors[m.key].kind in
                        ("armed_group", "organization", "party", "state", "coalition")]
                if prev:
                    actors.append(prev[-1].key)
            elif lo > sent[0]:
                # "X did not address the strike but claimed its forces targeted ...": coordinated clauses share X
                head = [m for m in an.mentions_in(sent[0], lo) if not m.locative and m.how != "pronoun"
                        and not an.in_quote(m.start) and an.actors[m.key].kind != "media"
                        and not self._prep_before(an, m)]
                if head and head[0].key not in targets:
                    actors.append(head[0].key)
        if not main.noun and lex.passive.search(norm, max(lo, first.start - 30), min(hi, last_cue_end(cues) + 20)):
            # "Dabei seien mehrere Kämpfer getötet worden", "at least 20 people were killed": the subject
            # of a passive is who suffered it; the doer comes with an agent preposition or not at all
            targets += [k for k in actors if not any(m.key == k and lex.agent_preps.search(
                norm, max(lo, m.start - 12), m.start) for m in args)]
            actors = [k for k in actors if k not in targets]
        if etype == "MOBILIZE":  # forces are deployed, not deployed against
            targets = []
        if etype == "ASSAULT" and any(k in an.actors and an.actors[k].name in RIOTING for k in actors):
            etype = "PROTEST"  # protesters clashing with police is a riot (CODEBOOK: PROTEST riot)
            main = CueHit(main.start, main.end, "PROTEST", "riot", main.noun)
        actors = _unique(k for k in actors if k not in targets)
        targets = _unique(targets)
        actors = [k for k in actors if k not in targets]

        ev = EventInfo(etype, main.mode, actors, targets,
                       evidence=Span(sent[0], sent[1], an.text[sent[0]:sent[1]]),
                       cue=Span(main.start, main.end, an.text[main.start:main.end]))
        # "killing" says people died, not how: a manner stated by another cue or word of the clause wins
        stated = next((c.mode for c in cues if c.mode not in (None, "kill")), None)
        if main.mode not in (None, "kill"):
            ev.mode = main.mode
        else:
            ev.mode = stated or main.mode or next((c.mode for c in cues if c.mode), None) \
                or self._mode(an, etype, lo, hi)
        if etype == "PROTEST" and ev.mode == "demo" and self._mode(an, etype, lo, hi) == "riot":
            ev.mode = "riot"  # "gewelddadige protestacties", "violent demonstrations"
        if lex.earlier_words.search(norm, lo, hi):
            ev.sequel = True  # "botsten een week geleden ook al": another, earlier occurrence
        self._when_where(an, ev, seg, sent, main)
        if etype == "ASSAULT" and ev.actors and not ev.targets and ev.location and ev.location.country:
            # a strike on a state's town targets that state ("a Russian strike on Odesa")
            key = "reg:" + ev.location.country
            home = {an.actors[k].country for k in ev.actors}
            if key in an.actors and key not in ev.actors and an.actors[key].kind == "state" \
                    and ev.location.country not in home:  # not in an internal conflict
                ev.targets = [key]
                ev.inferred.add(key)
        self._casualties(an, ev, cues, seg, sent)
        if main.noun:
            ev.count = self._count(an, main)
            if not ev.actors and lex.sequel_words.search(norm, max(lo, main.start - 40), main.start):
                prev = next((p for p in reversed(an.events) if p.type == etype and p.actors), None)
                if prev is not None:  # "een tweede aanval": the same attacker as the first
                    ev.actors = [k for k in prev.actors if k not in ev.targets]
                ev.sequel = True
            before = re.findall(r"[\w'-]+", norm[max(lo, main.start - 20):main.start])
            ev.anaphoric = bool(before) and bool(lex.definite_articles.fullmatch(before[-1])) or \
                bool(lex.definite_articles.match(norm, main.start, main.end))  # "l'attaque"
        if etype == "SANCTION" and not ev.actors:
            # a sanction with no named author, in an article about one state's policy, is that state's (CODEBOOK)
            state = an.main_state(exclude=ev.targets)
            if state:
                ev.actors = [state]
        if ev.date and an.published and ev.date.split("/")[0] > an.published or \
                main.noun and lex.planned_adjectives.search(norm, max(lo, main.start - 25), main.start):
            ev.status = "planned"  # announced for a day after publication, or "a planned rally"
        elif lex.claim.search(norm, lo, hi):
            ev.status = "claimed"
        elif lex.denial.search(norm, lo, hi):
            ev.status = "denied"
        return ev

    def _targets(self, an: Analysis, etype: str, cues: list[CueHit], args: list[Mention],
                 hi: int) -> tuple[list[str], str | None]:
        """After a target preposition that follows a cue ("aanvallen op X"), the object of a killing or an
        arrest ("doodde een strijder"), a group behind a victim noun, and whoever is listed after them.
        Also returns the subject found inside a split verb with no name before it (German and Dutch
        inversion: "nahm die Polizei ... fest"), or None."""
        lex, norm = an.lex, an.norm
        first, last = cues[0], cues[-1]
        targets: list[str] = []
        inverted_subject: str | None = None
        for m in args:
            if m.start < first.end:
                continue
            g0 = last.end if m.start >= last.end else first.end
            between = norm[g0:m.start]
            for d in an.dates:
                if g0 <= d.start and d.end <= m.start:
                    between = between.replace(norm[d.start:d.end], " ")
            # the preposition of a date just blanked out ("am Dienstag") is no preposition of the event
            between = re.sub(rf"(?i)\b(?:{lex.data.get('date_preps', '(?!x)x')})\s+(?=\s)", " ", between)
            gap = re.findall(r"[\w'-]+", between)
            preps = [w for w in gap if lex.target_preps.fullmatch(w) or lex.agent_preps.fullmatch(w)
                     or lex.genitive_preps.fullmatch(w)]
            if len(gap) <= TARGET_GAP_WORDS and preps and lex.target_preps.fullmatch(preps[-1]):
                targets.append(m.key)
            elif len(gap) <= TARGET_GAP_WORDS and len(preps) >= 1 and lex.genitive_preps.fullmatch(preps[-1]) \
                    and lex.target_nouns.search(" ".join(gap)) \
                    and all(lex.target_preps.fullmatch(p) or lex.genitive_preps.fullmatch(p) for p in preps[:-1]):
                targets.append(m.key)  # "op een basis van Kataib Hezbollah", "aan zeven leden van ..."
            elif etype in OBJECT_TYPES and len(gap) <= OBJECT_GAP_WORDS and not cues[-1].noun and m.start >= last.end \
                    and "," not in between and any(c.mode == "kill" or not c.noun for c in cues) \
                    and not any(lex.location_preps.fullmatch(w) or lex.agent_preps.fullmatch(w) for w in gap):
                targets.append(m.key)
        # "een strijder van Kataib Hezbollah", "un commandant du Hamas": the group, not the victim noun
        for i, k in enumerate(targets):
            if an.actors[k].kind == "other" or k.startswith("src:"):
                tm = next((m for m in args if m.key == k), None)
                if tm is None:
                    continue
                nxt = next((m for m in args if m.start > tm.end and m.start - tm.end <= 25), None)
                if nxt and lex.genitive_preps.search(norm[tm.end:nxt.start]) and an.actors[nxt.key].kind != "other":
                    targets[i] = nxt.key
        # "sancties tegen zeven leden van Kataib Hezbollah, waaronder al-Husseini": the listed are targets too
        if targets:
            last_t = max(m.end for m in args if m.key in targets)
            cue_l = lex.list_cues.search(norm, last_t, min(hi, last_t + 40))
            if cue_l:
                targets += [m.key for m in args if cue_l.end() <= m.start < min(hi, cue_l.end() + 60)]
        # inside a separable verb: "griff am Dienstag Israel an", "viel de stad aan"; with no name before
        # the verb, the first one inside is its subject ("nahm die Polizei ... Demonstranten fest")
        for c in cues:
            if not c.noun:
                inner = [m for m in args if c.start < m.start and m.end < c.end]
                if inner and not any(m.end <= c.start for m in args) and len(inner) > 1:
                    inverted_subject = inner[0].key
                    inner = inner[1:]
                targets += [m.key for m in inner]
        # persons named in a segment with a killing verb are its victims ("... Soleimani ... doodde")
        if any(c.mode == "kill" and not c.noun for c in cues):
            for m in args:
                if an.actors[m.key].kind == "person" and m.end <= last.start and m.start > first.start:
                    targets.append(m.key)
        return targets, inverted_subject

    def _actors(self, an: Analysis, cues: list[CueHit], main: CueHit, args: list[Mention]) -> list[str]:
        """A demonym or name right before a noun cue ("Amerikaanse luchtaanval", "Hamas-aanval"), a demonym
        right after it ("frappe israélienne"), 'door X' / 'by X', and 'de aanvallen van X'."""
        lex, norm = an.lex, an.norm
        first = cues[0]
        actors: list[str] = []
        for c in cues:
            for m in args:
                if c.noun and m.end <= c.start and re.fullmatch(r"[\s-]*(?:\w+\s+)?", norm[m.end:c.start]) \
                        and m.how in ("adjective", "name", "people") and m.start >= c.start - 40:
                    actors.append(m.key)
                elif c.noun and c.start <= m.start and m.end <= c.end:
                    actors.append(m.key)  # "Hamas-aanval"
                elif c.noun and m.how == "adjective" and m.start >= c.end and not norm[c.end:m.start].strip():
                    actors.append(m.key)  # "une frappe israélienne"
        for m in args:
            if m.start < first.end:
                continue
            between = norm[first.end:m.start]
            gap = re.findall(r"[\w'-]+", between)
            if gap and len(gap) <= TARGET_GAP_WORDS + 2 and (lex.agent_preps.fullmatch(gap[-1]) or
                                                            (main.noun and lex.genitive_preps.fullmatch(gap[0])
                                                             and len(gap) <= 2)):
                actors.append(m.key)
        return actors

    @staticmethod
    def _title_adjective(an: Analysis, m: Mention) -> bool:
        """'de Iraanse generaal Qassem Soleimani': the adjective belongs to the person, not the event."""
        if m.how != "adjective":
            return False
        nxt = an.mentions[an.mentions.index(m) + 1:an.mentions.index(m) + 2] if m in an.mentions else []
        if not nxt or nxt[0].start - m.end > 45:
            return False
        gap = an.norm[m.end:nxt[0].start]
        # the title between ("de Iraanse generaal X") or, in French, before ("le président ukrainien X")
        before = an.norm[max(0, m.start - 30):m.start]
        return an.actors[nxt[0].key].kind == "person" and (
            any(rx.search(gap) for rx in an.lex.titles.values())
            or not gap.strip() and bool(an.lex.title_at_end.search(before)))

    @staticmethod
    def _speaker(an: Analysis, m: Mention, lo: int, hi: int) -> bool:
        """'A paramedic, Vivian Achista, said ...': who reports an event is not part of it."""
        if m.how == "anaphor":
            return False  # "Hezbollah said it fired": the 'it' after the speech verb is the doer
        after = an.norm[m.end:min(hi, m.end + 30)]
        before = an.norm[max(lo, m.start - 25):m.start]
        rx = an.lex.speech_verbs
        if an.lex.claim.match(after.lstrip(" ,")):
            return False  # "Kataib Hezbollah claimed responsibility": the claimant is the actor
        if an.lex.cue_ahead.match(an.norm[m.end:hi].lstrip(" ,")):
            # "les forces russes avaient lancé des drones", "said Russian forces had launched ...": the event's
            # own verb follows (after at most two auxiliaries): the name is its subject, not a speaker
            return False
        # "Abu Obeida, the spokesman of Hamas's armed wing, said ...": a speaker with an apposition
        return bool(re.match(rf"[\s,]*(?:{rx.pattern})", after, re.IGNORECASE)
                    or an.lex.speaker_apposition.match(an.norm, m.end, hi) or
                    re.search(rf"(?:{rx.pattern})\s*$", before, re.IGNORECASE) or
                    an.lex.according_to.search(before))

    @staticmethod
    def _supporter(an: Analysis, m: Mention) -> bool:
        """'the Iran-backed militia': Iran backs the militia; it is not a party to the militia's fight."""
        for rx in an.lex.support_res:
            for hit in rx.finditer(an.norm, max(0, m.start - 40), min(len(an.norm), m.end + 40)):
                if hit.start("sup") <= m.start < hit.end("sup"):
                    return True
        return False

    @staticmethod
    def _prep_before(an: Analysis, m: Mention, genitive: bool = False) -> bool:
        prev = re.findall(r"[\w'-]+", an.norm[max(0, m.start - 25):m.start])
        lex = an.lex
        return bool(prev) and bool(lex.location_preps.fullmatch(prev[-1]) or lex.target_preps.fullmatch(prev[-1])
                                   or genitive and lex.genitive_preps.fullmatch(prev[-1]))

    @staticmethod
    def _mode(an: Analysis, etype: str, lo: int, hi: int) -> str | None:
        if etype == "PROTEST" and an.lex.riot_words.search(an.norm, lo, hi):
            return "riot"
        if etype != "ASSAULT":
            return None
        for mode, rx in an.lex.mode_words.items():
            if rx.search(an.norm, lo, hi):
                return mode
        return None

    def _when_where(self, an: Analysis, ev: EventInfo, seg: tuple[int, int], sent: tuple[int, int],
                    cue: CueHit) -> None:
        def nearest(items, lo, hi):
            cands = [x for x in items if x.start >= lo and x.end <= hi and not an.in_quote(x.start)]
            return min(cands, key=lambda x: abs(x.start - cue.start), default=None)

        # a date elsewhere in the sentence counts only where it comes before this clause ("On Tuesday,
        # X attacked Y, while ..."); one after it belongs to another clause ("in response to an attack
        # last week")
        d = nearest(an.dates, *seg) or nearest(an.dates, sent[0], seg[0])
        if d is not None:
            ev.date, ev.date_precision = d.value, d.precision
        # a place inside another actor's name ("The New York Times") or naming a state that is not used
        # as a place ("de represailles van Israël") is no location
        arg_spans = [(m.start, m.end) for m in an.mentions if not m.locative and m.how in ("name", "surname")]
        places = [p for p in an.places if p.place.country and not any(
            p.start < e and p.end > s for s, e in arg_spans)]
        prep_end = re.compile(rf"(?:{an.lex.location_preps.pattern})(?:\s+(?:[\w'-]+\s+){{0,3}})?$", re.IGNORECASE)
        located = [p for p in places if prep_end.search(an.norm[max(0, p.start - 30):p.start])]
        p = nearest(located, *seg) or nearest(places, *seg) or nearest(located, *sent)
        if p is None:
            # "in de stad", "in der Stadt": the town named last
            ref = an.lex.city_descriptions.search(an.norm, *seg)
            if ref:
                p = max((x for x in places if x.end <= ref.start() and x.place.kind == "city"),
                        key=lambda x: x.start, default=None)
        if p is not None:
            ev.location = p.place
            ev.location_text = p.text

    def _casualties(self, an: Analysis, ev: EventInfo, cues: list[CueHit], seg: tuple[int, int],
                    sent: tuple[int, int]) -> None:
        lex, norm = an.lex, an.norm

        def first_number(patterns: list[re.Pattern[str]]) -> int | None:
            for rx in patterns:
                m = rx.search(norm, *seg)
                if m and not an.in_quote(m.start()):
                    return lex.number(m.group("n"))
            return None

        ev.fatalities = first_number(lex.fatality_patterns)
        ev.injuries = first_number(lex.injury_patterns)
        if ev.injuries is None and ev.fatalities is not None:
            # "..., killing 12 people and wounding 64": the wounded close the clause the dead are in
            for rx in lex.injury_patterns:
                m = rx.search(norm, seg[1], min(sent[1], seg[1] + 40))
                if m and not an.in_quote(m.start()) and not norm[seg[1]:m.start()].strip(" ,;"):
                    ev.injuries = lex.number(m.group("n"))
                    break
        kills = [c for c in cues if c.mode == "kill" and not c.noun]
        if ev.fatalities is None and kills:
            persons = [k for k in ev.targets if an.actors[k].kind == "person"]
            if persons:
                ev.fatalities = len(persons)
            else:
                after = norm[kills[0].end:kills[0].end + 12].split()
                if after and lex.kill_objects.fullmatch(after[0]):
                    ev.fatalities = 1

    @staticmethod
    def _count(an: Analysis, cue: CueHit) -> int | None:
        before = an.norm[max(0, cue.start - 40):cue.start]
        m = None
        for m_ in an.lex.count_re.finditer(before):
            m = m_
        if m and before[m.end():].strip() == "":
            n = an.lex.number(m.group("n"))
            return n if n and n > 1 else None
        return None

    # ------------------------------------------------------------------ merging
    def _merge(self, an: Analysis) -> None:
        merged: list[EventInfo] = []
        for ev in an.events:
            target = None
            for prev in reversed(merged):
                if prev.type != ev.type or ev.sequel:
                    continue
                if prev.evidence.start == ev.evidence.start and not ev.anaphoric and ev.mode != "kill":
                    # two occurrences told in one sentence stay two, unless one points back or only tells
                    # the dead of the other ("raketten troffen een flat; daarbij kwamen twaalf mensen om")
                    continue
                if _compatible(prev, ev):
                    target = prev
                    break
            if target is None:
                merged.append(ev)
                continue
            _absorb(target, ev)
        an.events = merged


def last_cue_end(cues: list[CueHit]) -> int:
    return max(c.end for c in cues)


def _group(cues: list[CueHit]) -> list[list[CueHit]]:
    """Occurrences in one segment: every noun cue is one ("de Hamas-aanval ... de bombardementen");
    a verb cue belongs to the noun cue before it ("een luchtaanval doodde"), or the next one, or stands alone."""
    groups: list[list[CueHit]] = []
    pending: list[CueHit] = []
    for c in cues:
        if c.noun and c.mode == "kill" and groups and groups[-1][0].type == c.type and not pending:
            groups[-1].append(c)  # "a car bomb exploded ..., killing twelve": the outcome of that attack
            continue
        if c.noun:
            groups.append(pending + [c])
            pending = []
            continue
        prev = groups[-1] if groups else None
        if prev is not None and prev[0].type == c.type and _same_manner(prev, c):
            prev.append(c)
        elif pending and pending[0].type == c.type and _same_manner(pending, c):
            pending.append(c)
        else:
            if pending:
                groups.append(pending)
            pending = [c]
    if pending:
        groups.append(pending)
    out: list[list[CueHit]] = []
    for g in groups:  # a verb waiting for a noun of another type stands alone
        types = {c.type for c in g}
        if len(types) > 1:
            out.extend([[c for c in g if c.type == t] for t in dict.fromkeys(c.type for c in g)])
        else:
            out.append(g)
    return out


def _same_manner(group: list[CueHit], c: CueHit) -> bool:
    modes = {x.mode for x in group if x.mode not in (None, "kill")}
    return c.mode in (None, "kill") or not modes or c.mode in modes


def _compatible(a: EventInfo, b: EventInfo) -> bool:
    """Two mentions of one occurrence: no conflicting facts, and shared participants or none at all."""
    if a.status != b.status and not (b.anaphoric and "claimed" in (a.status, b.status)):
        return False  # a later claim of the attack told before is the same occurrence
    manners = {a.mode, b.mode} - {None, "kill"}
    if len(manners) > 1 and (a.type == "PROTEST" or a.evidence.start == b.evidence.start):
        return False  # a riot and a march; an air strike and a ground raid told in one sentence
    if a.date and b.date and not _dates_overlap(a.date, b.date):
        return False
    if a.location and b.location and a.location.country != b.location.country:
        return False
    if a.fatalities is not None and b.fatalities is not None and a.fatalities != b.fatalities:
        return False
    for role in ("actors", "targets") if not b.anaphoric else ("actors",):
        # a participant inferred from the place (the state a town is in) yields to a named one
        x, y = set(getattr(a, role)) - a.inferred, set(getattr(b, role)) - b.inferred
        if x and y and not x & y:
            return False
    if (set(a.actors) & set(b.actors)) or (set(a.targets) & set(b.targets)):
        return True
    # each names what the other leaves open ("US drone strike ... in Baghdad" / "a drone strike hit a base
    # of Kataib Hezbollah south of Baghdad"): one occurrence when the manner and the place are the same
    a_t, b_t = set(a.targets) - a.inferred, set(b.targets) - b.inferred
    if (not a.actors or not b.actors) and (not a_t or not b_t) and a.mode and a.mode == b.mode \
            and a.location and b.location and a.location.name == b.location.name:
        return True
    if b.anaphoric and not (a.actors and b.actors and not set(a.actors) & set(b.actors)):
        return True  # "De aanval doodde vijf strijders": the attack told before, with more detail
    # a report with no participants ("the strike", "de bombardementen") belongs to the nearest one of its kind
    return (not (b.actors or b.targets) or not (a.actors or a.targets)) and bool(
        not a.location or not b.location or a.location.name == b.location.name)


def _dates_overlap(a: str, b: str) -> bool:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return a == b
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _absorb(into: EventInfo, other: EventInfo) -> None:
    into.actors = _unique(into.actors + other.actors)
    named = [t for t in into.targets + other.targets if t not in into.inferred | other.inferred]
    # inferred targets stay only while no named one is known
    into.targets = _unique(named or into.targets + other.targets)
    into.targets = [t for t in into.targets if t not in into.actors]
    into.inferred = (into.inferred | other.inferred) & set(into.targets)
    for attr in ("date", "date_precision", "location", "location_text", "fatalities", "injuries", "count", "mode"):
        if getattr(into, attr) is None and getattr(other, attr) is not None:
            setattr(into, attr, getattr(other, attr))


def _unique(keys) -> list[str]:
    out: list[str] = []
    for k in keys:
        if k not in out:
            out.append(k)
    return out
