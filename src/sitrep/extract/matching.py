"""Exact, case-sensitive phrase lookup over raw text, independent of tokenisation.

spaCy's PhraseMatcher works on tokens, and the blank tokenisers keep Dutch and
German compounds whole ("Hamas-aanval", "UN-Generalsekretär") and Dutch
possessives attached ("Hezbollah's"), so a name inside them would be missed.
This index works on characters: it finds a phrase wherever it starts at a
word start and ends at a word end, with hyphens and apostrophes counting as
word ends.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

T = TypeVar("T")
_WORD = re.compile(r"\w+")

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})


def normalise(text: str) -> str:
    """Same-length copy of ``text`` for matching: curly apostrophes and odd spaces made plain."""
    return text.translate(APOSTROPHES).replace("\u00a0", " ").replace("\u2011", "-")


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    start: int
    end: int
    payload: T


class PhraseIndex(Generic[T]):
    """Phrases keyed by their first word; ``find`` returns the longest non-overlapping hits."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[str, T]]] = defaultdict(list)

    def add(self, phrase: str, payload: T, capitalise: bool = True) -> None:
        phrase = normalise(phrase.strip())
        if not phrase:
            return
        forms = {phrase}
        if capitalise and phrase[:1].islower():
            forms.add(phrase[0].upper() + phrase[1:])
        for form in forms:
            first = _WORD.match(form)
            if first is None:  # a phrase must start with a word character
                continue
            self._by_first[first.group()].append((form, payload))

    def add_all(self, items: Iterable[tuple[str, T]]) -> None:
        for phrase, payload in items:
            self.add(phrase, payload)

    def find(self, text: str) -> list[Hit[T]]:
        hits: list[Hit[T]] = []
        pos = 0
        for m in _WORD.finditer(text):
            if m.start() < pos:
                continue
            if m.start() > 0 and text[m.start() - 1].isalnum():
                continue
            best: tuple[str, T] | None = None
            for phrase, payload in self._by_first.get(m.group(), ()):
                if len(phrase) > (len(best[0]) if best else 0) and text.startswith(phrase, m.start()):
                    end = m.start() + len(phrase)
                    if end < len(text) and (text[end].isalnum() or text[end] == "_") and phrase[-1].isalnum():
                        continue
                    best = (phrase, payload)
            if best:
                hits.append(Hit(m.start(), m.start() + len(best[0]), best[1]))
                pos = m.start() + len(best[0])
        return hits
