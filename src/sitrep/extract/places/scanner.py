"""The scanner: one regular expression for capitalised word sequences, and the word pieces in them."""
from __future__ import annotations

import re

_UPPER = "".join(c for c in map(chr, list(range(0x41, 0x250)) + list(range(0x1E00, 0x1F00)))
                 if c.isupper())
_L = r"[^\W\d_]"
_WORD = (rf"(?:(?:[A-Z]\.){{2,3}}"                                   # U.S., U.K.
         rf"|(?:[a-z]{{1,3}}-)?[{_UPPER}]{_L}*(?:['’](?!s\b){_L}+)*"  # al-Fashir, Sana'a
         rf"(?:-{_L}+(?:['’](?!s\b){_L}+)*)*)")                      # Nord-Darfur, X-basis
_PARTICLES = ("al|el|de|del|della|di|da|do|dos|das|du|des|la|le|les|of|the|van|von|der|den|"
              "het|y|am|an|im|sur|upon|on|and|und|en|et|e|ter|ten|op|aan|bei|ob|zum|zur|"
              "ez|ad|as|ash|bin|ibn|bint|abu|a")
_SP = r"[ \u00a0]+"
_SEP = rf"(?:{_SP}(?:(?:{_PARTICLES}){_SP}){{0,3}}|{_SP}[dl]['’])"
_SEQ = re.compile(rf"(?<!\w)(?:{_WORD})(?:{_SEP}(?:{_WORD}|\d{{1,4}}\b))*")
_PIECE = re.compile(rf"(?:[A-Z]\.){{2,3}}|{_L}+(?:['’](?!s\b){_L}+)*|\d+")


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0\"'“”„«»‘’(":
        i -= 1
    return i < 0 or text[i] in ".!?:\n\r•*#|>"
