"""The working state of one document inside the pipeline (``doc._.sitrep``).

Components read and extend it; :func:`sitrep.extract.output.to_document`
turns it into the public :class:`~sitrep.model.AnalysedDocument`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import Place, Span

if TYPE_CHECKING:
    from .lexicon import Lexicon


# Actor kinds that are groups: what a plural or group pronoun can stand for ("ze", "they", "ils", "it"), and
# what can support, ally with or contain another group.
GROUP_KINDS = frozenset({"organization", "armed_group", "party", "state", "coalition", "international_org", "other"})


@dataclass(slots=True)
class ActorInfo:
    """An actor of this document before ids are assigned; ``key`` is stable within the document."""

    key: str
    name: str
    kind: str
    country: str | None = None
    wikidata: str | None = None
    registry_id: str | None = None
    aliases: set[str] = field(default_factory=set)
    # collectives and unnamed sources are kept only where they act, are acted upon or speak
    needs_role: bool = False
    used: bool = False


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    key: str
    how: str  # name, adjective, people, surname, description, pronoun, source, collective
    locative: bool = False  # preceded by a place preposition ("in Irak")


@dataclass(slots=True)
class QuoteInfo:
    start: int  # of the quoted words, without the marks
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    outer_start: int = 0  # including the marks
    outer_end: int = 0


@dataclass(slots=True)
class EventInfo:
    type: str
    mode: str | None
    actors: list[str]
    targets: list[str]
    evidence: Span
    cue: Span
    date: str | None = None
    date_precision: str | None = None
    location: Place | None = None
    location_text: str | None = None  # the words of the text that name the place
    fatalities: int | None = None
    injuries: int | None = None
    count: int | None = None
    status: str = "reported"
    anaphoric: bool = False  # "de aanval": refers back to an event told before
    sequel: bool = False  # "een tweede aanval": another occurrence, never merged with the one before
    inferred: set[str] = field(default_factory=set)  # participants not named in the clause (the state of the place)
    some_victims: bool = False  # the targets are some of the dead, not all ("31 doden, waaronder X")


@dataclass(slots=True)
class RelationInfo:
    subject: str
    type: str
    object: str
    evidence: Span


@dataclass(slots=True)
class Analysis:
    text: str            # the input text, exactly as given
    norm: str            # same length, apostrophes and spaces normalised, boilerplate blanked
    lang: str
    lex: "Lexicon"
    published: str | None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    boilerplate: list[Span] = field(default_factory=list)
    datelines: list[Span] = field(default_factory=list)
    source: str | None = None
    actors: dict[str, ActorInfo] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[tuple[int, int, str]] = field(default_factory=list)  # from a trained spaCy NER, if installed
    places: list[Any] = field(default_factory=list)   # PlaceMatch
    dates: list[Any] = field(default_factory=list)    # DateMatch
    quotes: list[QuoteInfo] = field(default_factory=list)
    events: list[EventInfo] = field(default_factory=list)
    relations: list[RelationInfo] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # person key -> title word used for them
    doc: Any = None  # the spaCy Doc over ``norm``, parsed where the language has a trained pipeline
    mention_index: Any = None  # arguments.MentionIndex, shared by the components that read the tree
    genders: dict[str, str | None] = field(default_factory=dict)  # person key -> grammatical gender (anaphora)

    def sentence_start(self, pos: int) -> int:
        """Where the last sentence that starts at or before an offset starts (0 before the first)."""
        i = bisect.bisect_right(self.sentences, (pos, float("inf"))) - 1
        return self.sentences[i][0] if i >= 0 else 0

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence around a character offset (binary search: sentences are sorted and disjoint)."""
        i = bisect.bisect_right(self.sentences, (pos, float("inf"))) - 1
        if i >= 0:
            s, e = self.sentences[i]
            if s <= pos < e:
                return s, e
        return (pos, pos)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def main_state(self, before: int | None = None, exclude: tuple[str, ...] | list[str] = ()) -> str | None:
        """The state named most often (before ``before``): whose government "de regering" is, whose
        policy an unattributed sanction is."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            if (before is None or m.start < before) and m.key not in exclude and self.actors[m.key].kind == "state":
                counts[m.key] = counts.get(m.key, 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else None

    def add_mention(self, start: int, end: int, key: str, how: str) -> None:
        """A mention a later component found (a pronoun's antecedent, a demonym owner), kept in text order."""
        if not any(m.start == start and m.end == end and m.key == key for m in self.mentions):
            bisect.insort(self.mentions, Mention(start, end, self.text[start:end], key, how), key=lambda m: m.start)

    def in_quote(self, pos: int) -> bool:
        return any(q.outer_start <= pos < q.outer_end for q in self.quotes if q.kind == "direct")

    def add_relation(self, subject: str, rtype: str, obj: str, evidence: Span) -> None:
        if subject == obj:
            return
        for r in self.relations:
            if (r.subject, r.type, r.object) == (subject, rtype, obj):
                return
            if rtype == "allied_with" and (r.subject, r.type, r.object) == (obj, rtype, subject):
                return
        self.relations.append(RelationInfo(subject, rtype, obj, evidence))
