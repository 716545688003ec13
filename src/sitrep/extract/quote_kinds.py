"""Which quotations are names, terms or titles rather than someone's words.

Quotation marks also set off names ("Public Library of Science", "der
Organisation „…“"), terms shorter than four words or used as a noun phrase
("eine „schreckliche Eskalation“"), and titles on a line of their own
(CODEBOOK: not quotes). Speech starts a sentence, follows a colon or a verb
of saying, or holds a verb; a quotation that does none of these names a
thing, and a short one is speech only as a sentence with its attribution
beside it ("„Nein“, sagte er").
"""
from __future__ import annotations

import re

from .analysis import Analysis, QuoteInfo
from .speaker_names import bare_name
from .syntax import tokens_in

# Scare quotes and terms ("steunfronten", ‘verzet’) are shorter than this (CODEBOOK).
MIN_QUOTE_WORDS = 4
# Closing quotation marks: a quotation whose outer span ends in none of them runs on into the next paragraph.
CLOSING = "”“\"»«›’'"
# How far around a quote a speech verb and its speaker are looked for, in characters.
ATTRIBUTION_WINDOW = 160
# A verbless quotation this share of whose words are proper nouns or foreign is a name or a title.
NAME_QUOTE_SHARE = 0.5
# A line this short that holds an unattributed quotation is a heading or a title.
TITLE_LINE_WORDS = 20
# The end of a sentence: a full stop, question or exclamation mark and a space.
FULL_STOP = re.compile(r"[.!?]\s")


def too_short(text: str) -> bool:
    """Fewer words than a quotation has unless it stands as an attributed sentence (``short_utterance``)."""
    return len(re.findall(r"\w+", text)) < MIN_QUOTE_WORDS


def after_last_stop(text: str, start: int, end: int) -> int:
    """Where the last sentence that begins between two offsets begins: after its full stop, else ``start``."""
    stops = [m.end() for m in FULL_STOP.finditer(text, start, end)]
    return stops[-1] if stops else start


def is_name(an: Analysis, q: QuoteInfo) -> bool:
    """A quotation without a verb, half of it proper nouns or foreign words, is a name or a title ("Public
    Library of Science", "La Gazzetta dello Sport"), whoever is said to use it."""
    if an.doc is None or not an.doc.has_annotation("POS"):
        return False
    toks = [t for t in tokens_in(an.doc, q.start, q.end) if not t.is_punct and not t.is_space]
    if not toks or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return False
    foreign = sum(t.pos_ in ("PROPN", "X") or "Yes" in t.morph.get("Foreign") for t in toks)
    return foreign >= NAME_QUOTE_SHARE * len(toks)


def is_label(an: Analysis, q: QuoteInfo) -> bool:
    """A verbless quotation right after the noun it names ("der Organisation „…“", "unter dem Motto „…“",
    "Kubricks Film „…“") or in brackets after a name ("Jobbik („…“)") is a name, not someone's words; after a
    noun of speech ("mit den Worten „…“", lexicon ``speech_nouns``) it is speech."""
    if an.doc is None or not an.doc.has_annotation("POS"):
        return False
    toks = [t for t in tokens_in(an.doc, q.start, q.end) if not t.is_punct and not t.is_space]
    if not toks or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return False
    mark = tokens_in(an.doc, q.outer_start, q.outer_start + 1)
    prev = next((t for t in reversed(an.doc[:mark[0].i]) if not t.is_space), None) if mark else None
    # a name starts with a capital where a fragment of speech does not ("der Rücktritt sei „aus … verständlich“")
    first = next((c for c in q.text if c.isalpha()), "")
    if prev is None or not first.isupper():
        return False
    if prev.text == "(":
        return True
    # after a person's name it is what they said ("laut Gall „…“"), so a noun the tagger took for a name is not enough
    speech_nouns = an.lex.data.get("speech_nouns") or ()
    return prev.pos_ == "NOUN" and not bare_name(an, prev) \
        and not {prev.lower_, prev.lemma_.lower()} & set(speech_nouns)


def is_term(an: Analysis, q: QuoteInfo) -> bool:
    """A quotation inside a sentence that no speech verb introduces ("mit dem Lied „…“ verabschiedet",
    "wegen „…“ angezeigt") names a thing; speech starts a sentence, follows a colon or a speech verb."""
    s, e = an.sentence_of(q.outer_start)
    # from the last full stop: the segmenter does not split before an opening mark ("geprägt. „Ich …")
    before = an.norm[after_last_stop(an.norm, s, q.outer_start):q.outer_start]
    lead = before.rstrip()
    listed = lead.endswith(",") and lead[:-1].rstrip().endswith(tuple(CLOSING))  # „A“, „B“, „C“: names
    if not listed and lead.endswith((":", ",")):
        return False
    if not listed and len(before.split()) < 2:  # it opens the sentence: speech, unless it has no verb (a title)
        return an.doc is not None and an.doc.has_annotation("POS") and not any(
            t.pos_ in ("VERB", "AUX") for t in tokens_in(an.doc, q.start, q.end))
    # after the marks up to the end of the sentence they stand in, whatever the segmenter made of it
    tail = re.search(r"[.!?](?:\s|$)|\n", an.norm[q.outer_end:q.outer_end + ATTRIBUTION_WINDOW])
    stop = q.outer_end + (tail.end() if tail else ATTRIBUTION_WINDOW)
    outside = before + " " + an.norm[q.outer_end:max(e, stop)]
    return not (an.lex.speech_verbs.search(outside) or an.lex.according_to.search(outside))


def short_utterance(an: Analysis, q: QuoteInfo) -> bool:
    """A quotation too short to tell from a term is someone's words when it stands as a sentence of its own
    with the attribution right beside it: after a colon and closing its sentence ("Er rief: „Raus!“"), or
    opening one and followed by a comma ("„Ein guter Start“, sagte er"); inside a sentence it is a term."""
    s, _ = an.sentence_of(q.outer_start)
    para = an.norm.rfind("\n", 0, q.outer_start) + 1  # a paragraph that starts inside the segmenter's sentence
    lead = an.norm[para if para > s else after_last_stop(an.norm, s, q.outer_start):q.outer_start].strip()
    tail = an.norm[q.outer_end:q.outer_end + 3]
    if lead.endswith(":"):
        return re.match(r"[.!?]?(\s|$)", tail) is not None
    return not lead and tail.startswith(",")


def on_title_line(an: Analysis, q: QuoteInfo) -> bool:
    """The quotation stands on a short line of its own: a heading, or the title of a programme or a book."""
    start = an.norm.rfind("\n", 0, q.outer_start) + 1
    end = an.norm.find("\n", q.outer_end)
    line = an.norm[start:len(an.norm) if end < 0 else end]
    return len(line.split()) <= TITLE_LINE_WORDS
