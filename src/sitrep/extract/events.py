"""Events: PLOVER-typed occurrences with actors, targets, date, place, casualties and status.

A sentence is cut into segments at words that start a new occurrence ("kort
nadat", "shortly after"); all cues of one type in one segment are one event.
Cues that are negated, hypothetical, a purpose ("om ... aan te vallen") or
inside a direct quotation are not coded (CODEBOOK).  Mentions of the same
occurrence in other sentences are merged afterwards.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..model import Span
from .analysis import Analysis, EventInfo, Mention
from .arguments import ArgumentReader, Roles, matches, mention_index, trigger, trigger_words
from .collectives import base_collective
from .inferred import RIOTING, protesters, state_of_place
from .merging import merge
from .modality import asserted, declared_intent, negated, threat_condition

# Types done together: coordinated subjects ("X and Y agreed", "held talks") are actor and target of one another.
RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Types whose negation is a refusal (PLOVER REJECT: "did not accept the proposal", "weigerde niet toe te geven" is
# not meant): not agreeing, not conceding.
NEGATED_IS_REJECT = frozenset({"AGREE", "CONCEDE"})
# What an act its actor announces for the future is (PLOVER): a hostile one a threat, a friendly one a promise.
INTENT_TYPES = {"ASSAULT": "THREATEN", "COERCE": "THREATEN", "SANCTION": "THREATEN", "PROTEST": "THREATEN",
                "AID": "AGREE", "SUPPORT": "AGREE", "CONCEDE": "AGREE", "RETREAT": "AGREE", "COOPERATE": "AGREE",
                "CONSULT": "AGREE"}


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
        self.index = mention_index(an)
        self._cue_doc, self._cue_hits = None, []
        self._places_doc, self._places = None, []
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
        an.events = merge(an.events)
        for ev in an.events:
            if ev.type == "PROTEST" and not ev.actors:
                ev.actors = protesters(an, ev)
            state_of_place(an, ev)  # a merged mention may have brought the place
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
        for order, start, end, cue in self._all_cues(an):  # cue order first: an earlier cue wins an overlap
            if s <= start and end <= e and not any(start < h.end and end > h.start for h in hits):
                hits.append(CueHit(start, end, cue.type, cue.mode, cue.noun))
        return [h for h in sorted(hits, key=lambda h: h.start) if self._asserted(an, h, s)]

    def _all_cues(self, an: Analysis) -> list:
        """Every cue match in the document, found once per cue (one pass of each pattern over the text, not one
        per segment), in the lexicon's order."""
        if self._cue_doc is not an:
            found = []
            for order, cue in enumerate(an.lex.event_cues):
                found += [(order, m.start(), m.end(), cue) for m in cue.regex.finditer(an.norm)]
            found.sort(key=lambda x: (x[0], x[1]))
            self._cue_doc, self._cue_hits = an, found
        return self._cue_hits

    def _asserted(self, an: Analysis, cue: CueHit, seg_start: int) -> bool:
        """False for cues inside quotes, and for triggers the tree shows negated, hypothetical or a purpose;
        a negated agreement is a refusal ("will not accept", "weigerde niet" aside: the cue turns REJECT)."""
        if an.in_quote(cue.start):
            return False
        tok = trigger(an, cue.start, cue.end)
        if tok is not None and cue.type != "THREATEN" and threat_condition(an.lex, tok, an.norm) \
                and asserted(an.lex, tok):
            cue.type, cue.mode = "THREATEN", "other"  # what will be done unless ... is threatened, not done
            return True
        if tok is not None and cue.type in INTENT_TYPES and declared_intent(
                an.lex, tok, conditional=INTENT_TYPES[cue.type] == "THREATEN"):
            # "said it will release …": announced, not done; a hostile act only as a threat the text states
            # (on a condition), not "said it would continue its offensive" (CODEBOOK)
            cue.type, cue.mode = INTENT_TYPES[cue.type], "other"
            return True
        if tok is not None and cue.type in NEGATED_IS_REJECT and negated(an.lex, tok) \
                and asserted(an.lex, tok, negation=False):
            cue.type, cue.mode = "REJECT", "other"
            return True
        if tok is not None and not asserted(an.lex, tok):
            return False
        return not (cue.type == "ASSAULT" and self._threats(an, seg_start, cue.start))  # threatened, not done

    @staticmethod
    def _threats(an: Analysis, lo: int, hi: int) -> bool:
        return any(c.type == "THREATEN" and c.regex.search(an.norm, lo, hi) for c in an.lex.event_cues)

    # ------------------------------------------------------------------ one event
    def _event(self, an: Analysis, etype: str, cues: list[CueHit], sent: tuple[int, int],
               seg: tuple[int, int]) -> EventInfo | None:
        lex, norm = an.lex, an.norm
        main = next((c for c in cues if c.noun), cues[0])
        lo, hi = seg
        actors, targets, some = self._roles(an, cues)
        if etype == "MOBILIZE":  # forces are deployed, not deployed against
            targets = []
        if etype == "ASSAULT" and any(base_collective(an, k) in RIOTING for k in actors):
            etype = "PROTEST"  # protesters clashing with police is a riot (CODEBOOK: PROTEST riot)
            main = CueHit(main.start, main.end, "PROTEST", "riot", main.noun)

        ev = EventInfo(etype, main.mode, actors, targets,
                       evidence=Span(sent[0], sent[1], an.text[sent[0]:sent[1]]),
                       cue=Span(main.start, main.end, an.text[main.start:main.end]), some_victims=some)
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
        state_of_place(an, ev)
        self._casualties(an, ev, cues, seg, sent)
        if main.noun:
            ev.count = self._count(an, main)
            if not ev.actors and lex.sequel_words.search(norm, max(lo, main.start - 40), main.start):
                # the first attack is the last one of its kind whose attacker is not this one's target
                prev = next((p for p in reversed(an.events) if p.type == etype and p.actors
                             and not set(p.actors) & set(ev.targets)), None)
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

    def _roles(self, an: Analysis, cues: list[CueHit]) -> tuple[list[str], list[str], bool]:
        """Actors and targets of every cue of one occurrence, from the tree (:mod:`.arguments`), and whether
        the targets are only some of the victims."""
        lex = an.lex
        roles = Roles()
        if an.doc is None or not an.doc.has_annotation("DEP"):
            return [], [], False
        reader = ArgumentReader(an, self.index, skip=lambda m: self._no_party(an, m))
        for c in cues:
            for tok in trigger_words(an, c.start, c.end):
                r = reader.roles(tok, victim_subject=c.mode == "kill" and matches(lex.victim_verbs, tok),
                                 genitive_target=c.noun and c.mode == "kill", etype=c.type)
                roles.add("actor", r.actors)
                roles.add("target", r.targets)
                roles.some = roles.some or r.some
        actors, targets = roles.actors, [k for k in roles.targets if k not in roles.actors]
        if cues and cues[0].type in RECIPROCAL and len(actors) > 1 and not targets:
            actors, targets = actors[:1], actors[1:]  # "Israel and Hamas agreed": each is party to the other
        return actors, targets, roles.some

    def _no_party(self, an: Analysis, m: Mention) -> bool:
        """Mentions that name no party to an event: inside a quote, a medium, the supporter in 'Iran-backed',
        the demonym of a person's title ('de Iraanse generaal X')."""
        return an.in_quote(m.start) or an.actors[m.key].kind == "media" or self._supporter(an, m) \
            or self._title_adjective(an, m)

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
    def _supporter(an: Analysis, m: Mention) -> bool:
        """'the Iran-backed militia': Iran backs the militia; it is not a party to the militia's fight."""
        for rx in an.lex.support_res:
            for hit in rx.finditer(an.norm, max(0, m.start - 40), min(len(an.norm), m.end + 40)):
                if hit.start("sup") <= m.start < hit.end("sup"):
                    return True
        return False

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
        places = self._located_places(an)
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

    def _located_places(self, an: Analysis) -> list:
        """Places that can be an event's location, once per document: not inside another actor's name."""
        if self._places_doc is not an:
            arg_spans = sorted((m.start, m.end) for m in an.mentions if not m.locative and m.how in ("name", "surname"))
            starts = [s for s, _ in arg_spans]
            places = []
            for p in an.places:
                if not p.place.country:
                    continue
                i = bisect.bisect_left(starts, p.end)  # spans starting before the place ends
                if not any(e > p.start for _, e in arg_spans[max(0, i - 8):i]):
                    places.append(p)
            self._places_doc, self._places = an, places
        return self._places

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
            if persons and not ev.some_victims:
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
