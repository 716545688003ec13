"""Quotes: direct quotes in every quotation-mark style, their speakers, and reported speech.

A quote's speaker is found, in this order: a speech verb right after the
closing mark ("…”, zei Nasrallah", "…,” Zelensky wrote"); one right before
the opening mark ("Austin zei dat “…”", "sagte Guterres: „…“"); else the
speaker of the previous quote in the same or the previous paragraph (a quote
that continues).  Between these come the clause a colon ends ("X betonte:
„…“", see ``introducers.py``), a name before brackets, the clause an embedded
quotation belongs to, and, last, the subject of the sentence before a
quotation that stands alone.  Names, terms and titles in marks are dropped
(``quote_kinds.py``).  Pronouns ("zei hij") resolve to the last person named
outside quotes.
"""
from __future__ import annotations

import re

from .analysis import Analysis, Mention, QuoteInfo
from .embedded import reported_sentence, speech_like
from .quote_kinds import (ATTRIBUTION_WINDOW, CLOSING, MIN_QUOTE_WORDS, after_last_stop, is_label, is_name, is_term,
                          on_title_line, short_utterance, too_short)
from .registry import ActorRegistry
from .speakers import SpeakerReader

# (opening, closing) pairs as regexes over the original text; group 1 is the quoted words.
QUOTE_PATTERNS = [
    re.compile(r"“([^“”\n]+?)”"),
    # a quotation that runs on into the next paragraph, which opens again ("“A.⏎⏎“B,” he said.")
    re.compile(r"(?:^|(?<=\n))[ \t]*“([^“”\n]+?)[ \t]*(?=\n[ \t]*\n?[ \t]*“)"),
    re.compile(r"„([^„“”\"\n]+?)[“”\"]"),
    re.compile(r"«\s?([^«»\n]+?)\s?»"),
    re.compile(r"»([^»«\n]+?)«"),
    re.compile(r"‹\s?([^‹›\n]+?)\s?›"),
    re.compile(r"(?<![\w])‘((?:[^‘’\n]|’(?=\w))*?\S)’(?!\w)"),
    re.compile(r"(?<![\w\"])\"([^\"\n]+?)\"(?![\w])"),
    re.compile(r"(?<=[\s(:])'([^'\n]+?[^\s'])'(?=[\s.,;:!?)]|$)"),
]
# Ranking of speaker candidates: persons and unnamed sources before organisations, media last
# (in "told Reuters" the medium is the listener).
KIND_PENALTY = {"person": 0, "organization": 45, "armed_group": 45, "party": 45, "state": 50,
                "international_org": 45, "coalition": 50, "other": 50, "media": 100}
PRONOUN_PENALTY = 5
# How far back (in characters, within the paragraph) reported speech in its own mood looks for its speaker.
REPORTED_REACH = 500
# A speech verb after a quotation that closes its own sentence must come within this many words ("„…!“ rief er").
INVERSION_WORDS = 2
# A quotation after an article with at most this many words names a term ("eine „schreckliche Eskalation“").
TERM_MAX_WORDS = 6


def find_direct(text: str) -> list[tuple[int, int, int, int]]:
    """(outer_start, outer_end, start, end) of every quotation with a word in it."""
    found: list[tuple[int, int, int, int]] = []
    for rx in QUOTE_PATTERNS:
        for m in rx.finditer(text):
            s, e = m.span(1)
            inner = text[s:e]
            s += len(inner) - len(inner.lstrip())
            e -= len(inner) - len(inner.rstrip())
            found.append((m.start(), m.end(), s, e))
    found.sort(key=lambda q: (q[0], -q[1]))
    out: list[tuple[int, int, int, int]] = []
    for q in found:
        if out and q[0] < out[-1][1]:  # nested or overlapping: keep the outer one
            continue
        out.append(q)
    # short ones are told from terms only now: «Zur Hütte», … «Meierei» holds no »…« between them
    return [q for q in out if re.search(r"\w", text[q[2]:q[3]])]


class QuoteFinder:
    """The ``sitrep_quotes`` component's logic."""

    def __init__(self, include_indirect: bool = True):
        self.include_indirect = include_indirect

    def __call__(self, an: Analysis) -> None:
        text = an.text
        parsed = an.doc is not None and an.doc.has_annotation("DEP")
        self.speakers = SpeakerReader(an) if parsed else None
        blanked = {(b.start, b.end) for b in an.boilerplate}
        lex = an.lex
        for os_, oe, s, e in find_direct(text):
            if any(bs <= os_ < be for bs, be in blanked):
                continue
            # a short quotation used as a noun phrase ("eine „schreckliche Eskalation“") is a term, not speech
            prev = re.findall(r"[\w'-]+", an.norm[max(0, os_ - 20):os_])
            q = QuoteInfo(s, e, text[s:e], "direct", outer_start=os_, outer_end=oe)
            if prev and (lex.definite_articles.fullmatch(prev[-1]) or lex.indefinite.fullmatch(prev[-1])) \
                    and len(re.findall(r"\w+", text[s:e])) <= TERM_MAX_WORDS \
                    and not speech_like(an, q):
                continue
            # a short quotation is a term unless it stands as an attributed sentence ("„Nein“, sagte er")
            if is_name(an, q) or is_label(an, q) or (too_short(q.text) and not short_utterance(an, q)):
                continue
            an.quotes.append(q)
        # mentions inside quotes are not candidates for anything said outside them
        prev: QuoteInfo | None = None
        for q in an.quotes:
            self._attribute(an, q, prev)
            prev = q
        # once more for the quotes left without a speaker: persons learnt from later quotes are known now
        for prev, q in zip([None] + an.quotes[:-1], an.quotes):
            if q.speaker is None:
                self._attribute(an, q, prev)
        # a quotation that runs on into the next paragraph has the speaker of the part that closes it
        for q, nxt in zip(an.quotes, an.quotes[1:]):
            if q.speaker is None and nxt.speaker is not None and an.text[q.outer_end - 1] not in CLOSING \
                    and an.text[q.outer_end:nxt.outer_start].strip() == "":
                q.speaker, q.speaker_text, q.cue = nxt.speaker, nxt.speaker_text, nxt.cue
        # '„A“ hätten „B“, so Murtha.': quotations in one sentence with one attribution share its speaker
        for q, nxt in zip(an.quotes, an.quotes[1:]):
            if q.speaker is None and nxt.speaker is not None and self._one_sentence(an, q, nxt):
                q.speaker, q.speaker_text, q.cue = nxt.speaker, nxt.speaker_text, nxt.cue
        # a quotation alone on a short line with no speaker is a title (of a programme, a book, a headline);
        # a short one no one is found to say is a term after all
        an.quotes = [q for q in an.quotes if q.speaker or (not (on_title_line(an, q) or is_term(an, q))
                     or speech_like(an, q)) and not too_short(q.text)]
        if self.include_indirect:
            self._indirect(an)

    @staticmethod
    def _one_sentence(an: Analysis, q: QuoteInfo, nxt: QuoteInfo) -> bool:
        """Two quotations in one sentence: nothing between them ends one ("„A“ und „B“, so X")."""
        gap = an.norm[q.outer_end:nxt.outer_start]
        inside = an.text[q.start:q.outer_end]
        return "\n" not in gap and not re.search(r"[.!?…]\W*$", inside) and not re.search(r"[.!?](\s|$)", gap)

    # ------------------------------------------------------------------ attribution
    def _attribute(self, an: Analysis, q: QuoteInfo, prev: QuoteInfo | None) -> None:
        lex, norm = an.lex, an.norm
        para_end = norm.find("\n", q.outer_end)
        para_end = len(norm) if para_end < 0 else para_end
        next_open = min((o.outer_start for o in an.quotes if o.outer_start >= q.outer_end), default=len(norm))
        after_end = min(para_end, next_open, q.outer_end + ATTRIBUTION_WINDOW)
        # stop at the end of the sentence that the closing mark ends or continues
        sent_end = re.search(r"[.!?](\s|$)", norm[q.outer_end:after_end])
        if sent_end and sent_end.start() > 0:
            after_end = q.outer_end + sent_end.end()
        ends = self._ends_sentence(an, q)
        sent_start = self._lead_start(an, q)  # where the words before the quote that belong to its sentence begin
        if ends:  # '„….“ Der Minister erklärte …': a new sentence, with its own quote
            inverted = re.match(r"\s*(?:\S+\s+){0,%d}" % INVERSION_WORDS, norm[q.outer_end:after_end])
            after_end = q.outer_end + inverted.end()
            if self._introduced(an, q, sent_start):
                return  # 'X fragte: „…?“ Greenpeace fordert …': the colon's clause, not the next sentence, says who
        cue = lex.speech_verbs.search(norm, q.outer_end, after_end)
        if cue is None and not ends:  # "„….“ Laut X …" starts the next sentence
            cue = lex.according_to.search(norm, q.outer_end, after_end)
        if cue is None and self.speakers is not None:
            cue = self.speakers.verb_after(q.outer_end)  # "„…“, begründet das Gericht": any verb in that slot
        if cue is not None:
            if self._speaker_near(an, q, cue, q.outer_end, after_end):
                self._source_not_medium(an, q, sent_start)
                return
        before = q.outer_start - 1  # the last character before the opening mark that is not a space
        while before >= 0 and norm[before].isspace():
            before -= 1
        if self.speakers is not None and before >= 0 and norm[before] == "(":  # "…, Mohammed Farouk („…“)"
            if self._credit(an, q, self.speakers.parenthesised(before)):
                return
        # cue before the quote, in the same sentence
        para_start = norm.rfind("\n", 0, q.outer_start) + 1
        prev_end = max((o.outer_end for o in an.quotes if o.outer_end <= q.outer_start), default=0)
        cues = list(lex.speech_verbs.finditer(norm, sent_start, q.outer_start)) + \
            list(lex.according_to.finditer(norm, sent_start, q.outer_start))
        cues.sort(key=lambda c: c.start())
        if cues:
            if self._speaker_near(an, q, cues[-1], sent_start, q.outer_start):
                return
        if not ends and self._introduced(an, q, sent_start):  # where it ends its sentence, tried above
            return
        # a quotation that a sentence runs through: the subject of its clause ("X warnte vor einem „…“")
        if self.speakers is not None and speech_like(an, q) and self._credit(an, q, self.speakers.embedded(q)):
            return
        # an attribution in the sentence just before: '... dar, sagte Guterres. „Das ...“', '”, legde hij uit. “'
        # (that sentence only, as the segmenter cut it: "„…“, sagte X.Y war eingeweiht. „…“" is Y's)
        look_start = max(para_start, q.outer_start - ATTRIBUTION_WINDOW, an.sentence_start(sent_start - 2))
        cues = [c for rx in (lex.speech_verbs, lex.according_to) for c in rx.finditer(norm, look_start, sent_start)
                if not an.in_quote(c.start())]
        cues.sort(key=lambda c: c.start())  # "Nach Ansicht von X ist … . „…“": the view the quote gives
        if cues and self._speaker_near(an, q, cues[-1], look_start, sent_start):
            return
        # reported speech goes on in its mood ('Lindner sagte, …. Es drohe „…“'): the last speaker before it
        if self.speakers is not None and reported_sentence(an, q) and self._credit(
                an, q, self.speakers.last_speech(max(para_start, q.outer_start - REPORTED_REACH), sent_start)):
            return
        # continuation of the previous quote
        if prev is not None and prev.speaker is not None:
            gap = norm[prev.outer_end:q.outer_start]
            if gap.count("\n\n") <= 1 and len(gap) < 400 and not lex.speech_verbs.search(gap.split("\n")[-1]):
                q.speaker, q.speaker_text, q.cue = prev.speaker, prev.speaker_text, prev.cue
            elif len(gap) < 400 and prev_end == prev.outer_end and self._previous_cue_only(an, gap):
                q.speaker, q.speaker_text, q.cue = prev.speaker, prev.speaker_text, prev.cue
        # a quotation standing as its own sentence after one about a person ("Um Zeit zu gewinnen, will Oettinger
        # die Fächer straffen. „…“"): that sentence's subject speaks
        if q.speaker is None and self.speakers is not None and sent_start == q.outer_start and ends \
                and para_start < sent_start:
            self._credit(an, q, self.speakers.previous_subject(sent_start))
        # a quotation that is a paragraph of its own after one whose last sentence reports someone's words
        # ('X zegt "…" te hebben gezien. ¶ "…"'): that speaker goes on
        if q.speaker is None and self.speakers is not None and para_start == q.outer_start and ends \
                and norm[q.outer_end:para_end].strip(" .") == "" and para_start > 0:
            prev_end = len(norm[:para_start].rstrip())
            last = max(norm.rfind("\n", 0, prev_end) + 1, an.sentence_start(prev_end - 1))
            self._credit(an, q, self.speakers.last_speech(last, prev_end))

    def _source_not_medium(self, an: Analysis, q: QuoteInfo, sent_start: int) -> None:
        """"Volgens hem is het schip ‘…’, meldt de zender X": a medium or a body reports what the person it
        names said."""
        if self.speakers is None or an.actors[q.speaker].kind == "person":
            return
        cues = list(an.lex.according_to.finditer(an.norm, sent_start, q.outer_start))
        found = self.speakers.speaker(cues[-1].start(), cues[-1].end()) if cues else None
        if found is not None and an.actors[found[0]].kind == "person":
            self._credit(an, q, found)
            q.cue = an.text[cues[-1].start():cues[-1].end()]

    @staticmethod
    def _lead_start(an: Analysis, q: QuoteInfo) -> int:
        """Where the words before a quote that belong to its sentence begin (after the paragraph start, the
        previous quote and the last full stop)."""
        norm = an.norm
        para_start = norm.rfind("\n", 0, q.outer_start) + 1
        prev_end = max((o.outer_end for o in an.quotes if o.outer_end <= q.outer_start), default=0)
        return after_last_stop(norm, max(para_start, prev_end, q.outer_start - ATTRIBUTION_WINDOW), q.outer_start)

    def _introduced(self, an: Analysis, q: QuoteInfo, sent_start: int) -> bool:
        """"Stoiber betonte die Rolle der Fraktionen: „…“": a clause that introduces the quote with a colon is
        the attribution, whatever its verb; the speaker is its subject."""
        if self.speakers is None:
            return False
        lead = an.norm[sent_start:q.outer_start].rstrip()
        return lead.endswith(":") and self._credit(an, q, self.speakers.introducer(sent_start + len(lead) - 1))

    @staticmethod
    def _credit(an: Analysis, q: QuoteInfo, found: tuple[str, str] | None) -> bool:
        """Give the quote the speaker a reader found (actor key, the words that name it), if it found one."""
        if found is None:
            return False
        q.speaker, q.speaker_text = found
        an.actors[q.speaker].used = True
        return True

    @staticmethod
    def _ends_sentence(an: Analysis, q: QuoteInfo) -> bool:
        """The quotation closes its own sentence ("„Wir gehen.“ Danach …"): what follows is a new sentence,
        unless a verb comes first ("„Raus hier!“ rief er")."""
        inside = an.text[q.start:q.outer_end]
        stop = re.match(r"[.!?]?", an.text[q.outer_end:])
        after = an.text[q.outer_end + stop.end():q.outer_end + stop.end() + 3].lstrip()
        return bool(re.search(r"[.!?…]\W*$", inside) or stop.group()) \
            and (not after or after[0].isupper() or after[0] in "„“”\"«»")

    @staticmethod
    def _previous_cue_only(an: Analysis, gap: str) -> bool:
        """The gap between two quotes is only an attribution: '”, legde hij uit. “'."""
        return bool(an.lex.speech_verbs.search(gap)) and len(gap) < 80

    def _speaker_near(self, an: Analysis, q: QuoteInfo, cue: re.Match[str], lo: int, hi: int) -> bool:
        if self.speakers is not None:
            found = self.speakers.speaker(cue.start(), cue.end())
            if found is not None:  # the subject of the speech verb, from the tree
                q.speaker, q.speaker_text = self._leader_of(an, found, cue.start())
                q.cue = an.text[cue.start():cue.end()]
                an.actors[q.speaker].used = True
                return True
        # no subject in the tree (or no parse): the nearest candidate to the cue, persons first
        best: tuple[float, Mention | None, str | None] = (1e9, None, None)
        for m in an.mentions:
            if m.start < lo or m.end > hi or an.in_quote(m.start):
                continue
            if self.speakers is not None and self.speakers.oblique(m) and not an.lex.according_to.search(
                    an.norm, max(lo, m.start - 25), m.start):
                continue  # "a-t-il ajouté sur France 2", "sagte X zur ARD": where or to whom, not who
            info = an.actors.get(m.key)
            if info is None:
                continue
            dist = cue.start() - m.end if m.end <= cue.start() else m.start - cue.end()
            if dist < 0:
                dist = 0
            score = dist + KIND_PENALTY.get(info.kind, 30) + (10 if m.how == "adjective" else 0)
            if score < best[0]:
                best = (score, m, m.key)
        for p in an.lex.person_pronouns.finditer(an.norm, lo, hi):
            dist = cue.start() - p.end() if p.end() <= cue.start() else p.start() - cue.end()
            score = max(dist, 0) + PRONOUN_PENALTY
            if score < best[0] and dist < 25:
                ref = self._last_person(an, q.outer_start)
                if ref is not None:
                    an.add_mention(p.start(), p.end(), ref, "pronoun")  # in text order: antecedents bisect it
                    best = (score, None, ref)
                    q.speaker_text = an.text[p.start():p.end()]
        if best[2] is None:
            return False
        if best[1] is not None:
            leader = self._leader_compound(an, best[1])
            if leader:
                best = (best[0], Mention(best[1].start, best[1].end, best[1].text, leader, "description"), leader)
        q.speaker = best[2]
        if best[1] is not None:
            q.speaker_text = best[1].text
        q.cue = an.text[cue.start():cue.end()]
        an.actors[best[2]].used = True
        return True

    def _leader_of(self, an: Analysis, found: tuple[str, str], near: int) -> tuple[str, str]:
        """'zei de Hezbollah-leider': a group named in a leader compound stands for its leader, where known."""
        key, words = found
        if an.actors[key].kind == "person":
            return found
        ms = [m for m in an.mentions if m.key == key and m.text == words and abs(m.start - near) < ATTRIBUTION_WINDOW]
        m = min(ms, key=lambda m: abs(m.start - near), default=None)
        leader = self._leader_compound(an, m) if m is not None else None
        if leader is None:
            return found
        an.actors[leader].used = True
        return leader, an.text[m.start:m.end + len(re.match(r"[- ]?[\w]+", an.norm[m.end:m.end + 20]).group())]

    @staticmethod
    def _leader_compound(an: Analysis, m: Mention) -> str | None:
        """'de Hezbollah-leider', 'the Hezbollah leader': the person the document or registry knows as its head."""
        after = re.match(r"[- ]?([\w]+)", an.norm[m.end:m.end + 20])
        if not after or not an.lex.leader_compounds.fullmatch(after.group(1)):
            return None
        org = an.actors[m.key]
        for r in an.relations:
            if r.type == "leader_of" and r.object == m.key:
                return r.subject
        for key, info in an.actors.items():
            if info.kind == "person" and info.registry_id and org.registry_id:
                entry = ActorRegistry.default().get(info.registry_id)
                if entry and any(role.type == "leader_of" and role.of == org.registry_id for role in entry.roles):
                    an.add_mention(m.start, m.end + after.end(), key, "description")
                    return key
        return None

    @staticmethod
    def _last_person(an: Analysis, pos: int) -> str | None:
        """The last person named before ``pos`` outside quotes, or the last quoted speaker."""
        best_pos, best = -1, None
        for m in an.mentions:
            if m.start >= pos:
                break
            info = an.actors.get(m.key)
            if info and info.kind == "person" and m.how != "pronoun" and not an.in_quote(m.start):
                best_pos, best = m.start, m.key
        for q in an.quotes:
            if q.outer_end <= pos and q.speaker and q.outer_end > best_pos:
                info = an.actors.get(q.speaker)
                if info and info.kind == "person":
                    best_pos, best = q.outer_end, q.speaker
        return best

    # ------------------------------------------------------------------ reported speech
    def _indirect(self, an: Analysis) -> None:
        lex, norm = an.lex, an.norm
        for s, e in an.sentences:
            if any(q.outer_start < e and q.outer_end > s for q in an.quotes):
                continue
            for cue in lex.speech_verbs.finditer(norm, s, e):
                marker = lex.indirect_markers.search(norm, cue.end(), min(e, cue.end() + 60))
                if not marker:
                    continue
                body_start, body_end = marker.end(), e
                body = an.text[body_start:body_end].strip().rstrip(".")
                if len(body.split()) < MIN_QUOTE_WORDS:
                    continue
                q = QuoteInfo(body_start + (len(an.text[body_start:body_end]) - len(an.text[body_start:body_end].lstrip())),
                              0, body, "indirect", outer_start=body_start, outer_end=body_end)
                q.end = q.start + len(body)
                self._speaker_near(an, q, cue, s, marker.start())
                an.quotes.append(q)
                break
