"""One language's lexicon (``resources/<lang>/lexicon.yaml``), compiled once.

Every regex in a lexicon is written for whole words of one sentence; this
module adds the word boundaries and compiles them case-insensitively, so the
extractor components never deal with raw strings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import resources
from ..errors import SitrepError

FALLBACK_LANGUAGE = "en"
# Number words that are also indefinite articles: in a pattern with a gap they would read "in a strike" as 1.
ARTICLE_NUMBERS = {"a", "an", "een", "ein", "eine", "einen", "einem", "einer", "un", "une"}

# The largest figure read as a count (of dead, wounded, troops, ...): ten billion, more people than live on
# Earth; "10000000000000 killed" is a typo, a joke or an attack on the reader, and a bigger figure would also
# overflow the knowledge base's 64-bit integer columns.
MAX_FIGURE = 10_000_000_000
MAX_FIGURE_DIGITS = len(str(MAX_FIGURE))

# Word boundaries that also work next to apostrophes and hyphens inside names.
_B_START = r"(?<![\w'-])"
_B_END = r"(?![\w'])"


def words(pattern: str) -> re.Pattern[str]:
    """Compile a lexicon alternation so that it matches whole words only."""
    return re.compile(f"{_B_START}(?:{pattern}){_B_END}", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EventCue:
    regex: re.Pattern[str]
    type: str
    mode: str | None
    noun: bool


class Lexicon:
    """The compiled lexicon of one language; see resources/README.md for the keys."""

    def __init__(self, lang: str, data: dict[str, Any]):
        self.lang = lang
        self.data = data
        g = data.get
        self.boilerplate = [re.compile(p if p.startswith("(?-i") else f"(?i:{p})") for p in g("boilerplate", [])]
        self.source_line = re.compile(g("source_line"), re.IGNORECASE) if g("source_line") else None
        self.event_cues = [EventCue(words(c["re"]), c["type"], c.get("mode"), bool(c.get("noun")))
                           for c in g("event_cues", [])]
        self.event_cues_any = re.compile("|".join(f"(?:{c['re']})" for c in g("event_cues", [])) or "(?!x)x",
                                         re.IGNORECASE)
        self.mode_words = {m: words(p) for m, p in (g("mode_words") or {}).items()}
        self.numbers: dict[str, int] = {str(k).lower(): int(v) for k, v in (g("numbers") or {}).items()}
        num_words = "|".join(sorted((re.escape(k) for k in self.numbers), key=len, reverse=True))
        self.num_re = rf"(?:\d[\d.,]*|{num_words})"
        # NUMX: a number that is not also an article ("a", "een", "ein", "un"), for patterns with a gap
        strict = "|".join(sorted((re.escape(k) for k in self.numbers if k not in ARTICLE_NUMBERS), key=len, reverse=True))
        self.num_strict_re = rf"(?:\d[\d.,]*|{strict})"

        def numbered(p: str) -> re.Pattern[str]:
            return words(p.replace("NUMX", self.num_strict_re).replace("NUM", self.num_re))

        self.fatality_patterns = [numbered(p) for p in g("fatality_patterns", [])]
        self.injury_patterns = [numbered(p) for p in g("injury_patterns", [])]
        self.count_re = words(rf"(?:(?:{'|'.join(map(re.escape, (g('count_phrases') or {}).keys())) or 'x^'}) )?(?P<n>{self.num_re})")
        # titles may end a compound: "UN-Generalsekretär", "VN-gezant"
        self.titles = {t: re.compile(rf"(?<![\w'])(?:{p}){_B_END}", re.IGNORECASE)
                       for t, p in (g("titles") or {}).items()}
        self.collectives = {name: words(p) for name, p in (g("collectives") or {}).items()}
        self.support_patterns: list[str] = list(g("support_patterns", []))
        # "X-backed", "door X gesteunde": the supporter as group "sup" (a run of up to five words)
        self.support_res = [re.compile(r"(?<![\w-])" + p.replace("(?P<sup>ACTOR)", r"(?P<sup>[\w'-]+(?: [\w'-]+){0,4}?)"),
                                       re.IGNORECASE) for p in self.support_patterns]
        self.ally_patterns = [words(p) for p in g("ally_patterns", [])]
        self.part_of_patterns = [words(p) for p in g("part_of_patterns", [])]
        for key in ("negation", "hypothetical", "claim", "denial", "plan", "definite_articles", "target_preps",
                    "agent_preps", "victim_verbs", "genitive_preps", "location_preps", "between", "and", "kill_objects",
                    "force_nouns", "group_descriptions", "person_pronouns", "plural_pronouns", "group_pronouns",
                    "leader_compounds", "former", "title_of", "person_cues", "org_prefixes",
                    "source_nouns", "indefinite", "list_cues", "network_nouns", "speech_verbs",
                    "indirect_markers", "according_to", "infinitive_marker", "not_events", "purpose", "perform_verbs", "not_negation", "sequel_words", "city_descriptions",
                    "possessive_relatives", "relative_breaks", "attempt_verbs", "noun_verbs", "target_nouns", "planned_adjectives", "riot_words", "earlier_words", "passive",
                    "government_descriptions", "governing_verbs", "copulas", "partner_preps", "threat_conditions",
                    "complementizers", "condition_marks", "recipient_preps", "origin_preps", "future_auxiliaries", "circumstance_preps",
                    "suffer_verbs"):
            value = g(key)
            setattr(self, key, words(value) if value else re.compile(r"(?!x)x"))
        # pronouns may hang on a verb by a hyphen: "a-t-il ajouté"
        if g("person_pronouns"):
            self.person_pronouns = re.compile(rf"(?<![\w'])(?:{g('person_pronouns')}){_B_END}", re.IGNORECASE)
        # patterns the extractor tries at every mention: built once per language here, not per call
        self.title_at_end = re.compile(
            rf"(?:{'|'.join(rx.pattern for rx in self.titles.values()) or '(?!x)x'})\s*$", re.IGNORECASE)
        self.group_after_speech = re.compile(
            rf"\s*,?\s*(?:{self.speech_verbs.pattern})\s*,?\s*(?:(?:{g('complementizers') or '(?!x)x'})\s*)?"
            rf"(?P<p>{g('group_pronouns')})(?![\w'’-])", re.IGNORECASE) if g("group_pronouns") else None
        self.org_heads = set((g("org_heads") or "").split("|"))
        self.name_particles = [p for p in (g("name_particles") or "").split("|") if p]

    def number(self, token: str) -> int | None:
        """'vijf' -> 5, '1.200' -> 1200, '60' -> 60; None where it is no number."""
        t = token.strip().lower().rstrip(".,")  # "wounding 64, officials said": the comma is no digit
        if t in self.numbers:
            return self.numbers[t]
        digits = re.sub(r"[.,\s](?=\d{3}\b)", "", t)
        # isdecimal, not isdigit: int() refuses superscripts ("²"); a figure past the ceiling is no count
        # (and int() of thousands of digits is refused by Python, or slow)
        if not digits.isdecimal() or len(digits.lstrip("0")) > MAX_FIGURE_DIGITS:
            return None
        value = int(digits)
        return value if value <= MAX_FIGURE else None


@lru_cache(maxsize=None)
def get_lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang``, or of the fallback language where none is shipped."""
    relpath = f"{lang}/lexicon.yaml"
    if not resources.exists(relpath):
        relpath = f"{FALLBACK_LANGUAGE}/lexicon.yaml"
    try:
        data = resources.load(relpath)
        return Lexicon(lang, data)
    except (re.error, KeyError, TypeError) as exc:  # a broken data file is a packaging error
        raise SitrepError("E010", f"lexicon {relpath} is invalid: {exc}") from exc
