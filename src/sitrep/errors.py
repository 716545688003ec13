"""One catalogue of errors: every message has a code and says how to fix it."""
from __future__ import annotations


class SitrepError(Exception):
    """An error the user can act on; ``code`` identifies it in logs and docs."""

    def __init__(self, code: str, message: str):
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


class InputError(SitrepError, ValueError):
    """A document that cannot be analysed: empty, binary, too large, undecodable or malformed."""


# Codes (kept here so that a message and its code never drift apart):
#   E001 empty document            E002 binary content          E003 document too large
#   E004 invalid encoding          E005 malformed JSON line     E006 missing text field
#   E007 unreadable HTML           E008 file not found          E010 invalid resource file
#   E011 not an RSS/Atom feed      E012 feed without entries     E013 corrupt or truncated WARC record
#   E014 feed URL unreachable      E015 unreadable batch input (Parquet, split)
#   E016 batch output folder holds other results                 E017 Spark cannot start
#   E020 database cannot be opened
#   E021 database refused a write (locked or gone)               E022 database refused one document
#   E023 analysis ran past the per-document time budget (sitrep.budget)
#   E024 invalid setting (an environment variable that is no number)
#   E099 internal error (a crash in the extractor, a failed worker or Spark job)
# ~150k words: far above any news article; guards memory in batch, and is spaCy's own nlp.max_length (its
# parser and NER are sized for it: a longer text was a 500 from the API, spaCy's E088)
MAX_DOCUMENT_CHARS = 1_000_000
