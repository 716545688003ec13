"""Time expressions in news sentences, resolved against the publication date.

Everything language-specific (weekday and month names, relative phrases,
prepositions that introduce a bare year, number words ...) lives in
``resources/<lang>/dates.yaml``; this package only turns that data into
regular expressions and resolves what they find.  A fifth language is a new
YAML file.

Matching runs on an *accent-folded, lower-cased copy* of the text that has
exactly the same length as the original (one character in, one character
out), so offsets found in the copy are offsets into the original.

Output follows FORMAT.md: ``value`` is ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``
or ``START/END`` of those; ``precision`` is ``day``, ``week``, ``month``,
``year`` or ``interval``.

``dateparser`` is used only as a fallback on short candidate strings that
look like absolute dates ("7 de octubre de 2023") but whose month word is not
in our data (e.g. a language without a ``dates.yaml``); its results are cached.

The package is split by what each module holds: :mod:`.patterns` (accent
folding, phrase-to-regex helpers), :mod:`.periods` (calendar arithmetic, the
publication period, value formatting), :mod:`.rules` (the lexicon compiled
into rules), :mod:`.absolute` and :mod:`.relative` (the rule handlers) and
:mod:`.finder` (:class:`DateResolver` itself, :func:`resolver`,
:func:`parse_published`).
"""
from __future__ import annotations

from .finder import DateMatch, DateResolver, parse_published, resolver

__all__ = ["DateMatch", "DateResolver", "parse_published", "resolver"]
