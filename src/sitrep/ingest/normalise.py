"""Text normalisation at the door: every text sitrep analyses or stores passes through here first.

A JSON Lines record, a WARC payload decoded with ``surrogateescape`` or a
Python caller may hand over a ``str`` holding lone surrogates (U+D800-U+DFFF),
which no UTF-8 encoder accepts: spaCy's string store, the content hash, the
database driver and the JSON writer all raise ``UnicodeEncodeError`` on them.
NUL (U+0000) is refused by PostgreSQL's text type. Both are replaced by U+FFFD,
one character for one, so the string keeps its length and every offset sitrep
reports stays valid against the text the user gave.
"""
from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

REPLACEMENT = "\ufffd"
# Lone surrogates cannot be encoded in UTF-8; NUL cannot be stored in a PostgreSQL text column.
_UNENCODABLE = re.compile("[\x00\ud800-\udfff]")

# The languages sitrep ships resources for. Any other code is analysed with one shared fallback pipeline
# (see analysis_language), so that the number of pipelines held in memory is bounded whatever callers send.
SUPPORTED_LANGUAGES = ("nl", "en", "de", "fr")
FALLBACK_PIPELINE = "xx"  # spaCy's multi-language tokenizer; the English lexicon and dates (lexicon.py)
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def clean_text(text: str, origin: str = "") -> str:
    """``text`` with lone surrogates and NUL replaced by U+FFFD (same length); a warning says how many."""
    if text.isascii() and "\x00" not in text:  # the common case: nothing to scan for
        return text
    count = 0

    def repl(_m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return REPLACEMENT

    cleaned = _UNENCODABLE.sub(repl, text)
    if count:
        first = _UNENCODABLE.search(text)
        log.warning("%sreplaced %d unencodable character(s) (lone surrogates or NUL, first at offset %d) by U+FFFD; "
                    "offsets are unchanged", f"{origin}: " if origin else "", count, first.start() if first else -1)
    return cleaned


RECORD_FIELDS = ("id", "text", "published", "language", "source", "url", "title")


def clean_record(rec: object) -> None:
    """Every text field of an input record (:class:`~sitrep.ingest.readers.InputDocument`) through
    :func:`clean_text`, in place: the content hash, the database driver and the Parquet writer see no lone
    surrogate either."""
    origin = getattr(rec, "origin", "")
    for name in RECORD_FIELDS:
        value = getattr(rec, name, None)
        if isinstance(value, str):
            setattr(rec, name, clean_text(value, origin if name == "text" else ""))


def clean_value(value: object) -> object:
    """:func:`clean_text` applied to a string, or to every string inside lists and dicts (for metadata)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    return value


def language_code(value: str | None) -> str | None:
    """A given language code in the form ISO 639 uses (``nl``, ``EN`` -> ``en``), or None for anything else
    (then the language is detected); a region is dropped (``en-GB`` -> ``en``)."""
    if value is None:
        return None
    code = str(value).strip().lower().replace("_", "-").split("-")[0]
    if _LANGUAGE_CODE.fullmatch(code):
        return code
    if str(value).strip():
        log.warning("ignoring language %r: not an ISO 639 code; the language is detected", str(value)[:40])
    return None


def analysis_language(lang: str) -> str:
    """The pipeline a language is analysed with: its own for the supported languages, one shared one otherwise."""
    return lang if lang in SUPPORTED_LANGUAGES else FALLBACK_PIPELINE


# spaCy's tokenizer strips affixes one at a time and searches the rest of the token for a suffix each time,
# so a token of n characters with many affixes ("((((...", '""""...') costs O(n^2): 6,000 "(" took 3 s.
# No word of a news article is this long (German compounds stay under 64 letters; a longer URL or hash is
# no argument of an event), so the matching copy of the text gets a space every MAX_TOKEN_CHARS characters
# of a run without one. The copy keeps its length and the text itself is untouched: offsets stay valid.
MAX_TOKEN_CHARS = 64
_LONG_RUN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")


def break_long_tokens(norm: str) -> str:
    """``norm`` with a space put in place of every MAX_TOKEN_CHARS-th character of a run of non-spaces."""
    runs = list(_LONG_RUN.finditer(norm))
    if not runs:
        return norm
    chars = list(norm)
    for m in runs:
        for i in range(m.start() + MAX_TOKEN_CHARS, m.end(), MAX_TOKEN_CHARS + 1):
            chars[i] = " "
    return "".join(chars)
