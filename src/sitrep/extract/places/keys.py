"""Lookup keys of place names: apostrophes and hyphens folded, case folded after the first letter
(:func:`_key`), accents stripped (:func:`_strip_accents`), and the filters for alternate names."""
from __future__ import annotations

import re
import unicodedata

_APOS = "\u2019\u2018\u02bc\u02bb`\u00b4\u2032"
_TRANS = str.maketrans({**{c: "'" for c in _APOS},
                        **{c: " " for c in "-\u2010\u2011\u2012\u2013\u2014\u00a0\t\n\r"}})
#: Arabic articles written lower-case and hyphenated ("al-Fashir", "ez-Zor")
ARTICLES = frozenset({"al", "el", "ad", "ag", "an", "ar", "as", "ash", "at", "az", "ed",
                      "en", "er", "es", "et", "ez", "ul", "adh", "ath", "dh", "ech", "esh"})


def _norm(s: str) -> str:
    s = s.translate(_TRANS)
    if "  " in s or s[:1] == " " or s[-1:] == " ":
        s = " ".join(s.split())
    return s


def _key(s: str) -> tuple[bool, str]:
    """(acronym?, key).  Acronyms (all capitals) keep their case."""
    s = _norm(s)
    if not s:
        return False, s
    if s.isupper():
        return True, s
    head, sep, _ = s.partition(" ")
    if sep and head in ARTICLES:
        s = head.capitalize() + s[len(head):]
    return False, s[0] + s[1:].lower()


_COMBINING = re.compile(r"[\u0300-\u036f]")
_MARKS = str.maketrans({"\u02bf": None, "\u02be": None, "\u2018": None, "\u2019": None, "'": None,
                        "\u0131": "i", "\u0130": "I", "\u00df": "ss"})


def _strip_accents(s: str) -> str:
    """'Ţarţūs' -> 'Tartus', 'Ma'rib' -> 'Marib', '‘Afrīn' -> 'Afrin'."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", s)).translate(_MARKS)


_NON_LATIN = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF\u2018\u2019\u02BB\u02BC\u02BE\u02BF]")
_NON_LATIN1 = re.compile(r"[^\u0000-\u00FF]")
_BAD_NAME = re.compile(r"[\d()\[\]/,;:=?!\"]")
