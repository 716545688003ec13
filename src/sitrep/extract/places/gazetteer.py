"""The gazetteer: place names -> :class:`~sitrep.model.Place`, and :meth:`Gazetteer.find` over a text."""
from __future__ import annotations

import copy
import threading
from dataclasses import dataclass

from sitrep.model import Place

from .build import GazetteerBuilder
from .keys import ARTICLES, _key
from .scanner import _PIECE, _SEQ, _sentence_initial
from .sources import _load, _stopwords

#: longest sub-span tried, in word pieces (particles and hyphen parts included)
MAX_PIECES = 7


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """One place mention: ``text == document_text[start:end]``."""

    start: int
    end: int
    text: str
    place: Place


class Gazetteer(GazetteerBuilder):
    """Place names in many languages -> :class:`~sitrep.model.Place`.

    Returned places are copies; the gazetteer itself is immutable after build.
    """

    _default: "Gazetteer | None" = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        self._names: dict[str, Place] = {}       # folded key -> place
        self._acronyms: dict[str, Place] = {}    # exact all-capital key -> place
        self._weak: set[str] = set()             # keys of small cities
        self._prefixed: dict[str, list[tuple[str, Place]]] = {}  # "Gaza" -> [("bande de ", strip)]
        self._stems: dict[str, Place] = {}       # facility stem key -> facility
        self._fac_prefixes: list[str] = []       # lower-case, longest first
        self._fac_suffixes: list[str] = []
        self._countries: dict[str, Place] = {}
        self._by_id: dict[int, Place] = {}
        self._capitals: dict[str, str] = {}

    # ------------------------------------------------------------------ build

    @classmethod
    def default(cls) -> "Gazetteer":
        """The shared gazetteer, built once per process."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls.build()
        return cls._default

    @classmethod
    def build(cls) -> "Gazetteer":
        g = cls()
        stop = _stopwords()
        exclude = {str(x).lower() for x in (_load("exclude.yaml") or {}).get("exclude", [])}
        regions = _load("regions.yaml") or {}
        g._load_affixes(regions.get("facility_affixes") or {})
        g._load_regions(regions.get("places") or [])
        g._load_countries(_load("countries.yaml") or {})
        g._load_cities(_load("exonyms.yaml") or {}, stop, exclude)
        return g

    # ------------------------------------------------------------------ API

    def lookup(self, name: str) -> Place | None:
        """The place called exactly ``name`` (see the module doc for tolerances)."""
        if not name or not name.strip():
            return None
        p = self._get(name)
        if p is None:
            ms = self.find(name.strip())
            if len(ms) == 1 and ms[0].start == 0 and ms[0].end == len(name.strip()):
                return ms[0].place
            return None
        return copy.copy(p)

    def country(self, code: str) -> Place:
        """The country with ISO 3166-1 alpha-2 ``code`` (KeyError if unknown)."""
        return copy.copy(self._countries[code.upper()])

    def by_geonameid(self, geonameid: int) -> Place | None:
        p = self._by_id.get(int(geonameid))
        return copy.copy(p) if p is not None else None

    def __len__(self) -> int:
        return len(self._names) + len(self._acronyms)

    def _get(self, s: str) -> Place | None:
        acro, k = _key(s)
        if acro:
            return self._acronyms.get(k) or self._shouted(k)
        return self._names.get(k)

    def find(self, text: str) -> list[PlaceMatch]:
        """All place mentions in ``text``: non-overlapping, left to right, longest first."""
        out: list[PlaceMatch] = []
        last_end = 0
        piece_re = _PIECE
        for seq in _SEQ.finditer(text):
            s0 = seq.start()
            pieces = [(m.start() + s0, m.end() + s0) for m in piece_re.finditer(seq.group())]
            n = len(pieces)
            can_start = []
            can_end = []
            for ps, pe in pieces:
                ch = text[ps]
                if ch.isupper():
                    can_start.append(True)
                    can_end.append(True)
                elif ch.isdigit():
                    can_start.append(False)
                    can_end.append(True)
                else:
                    w = text[ps:pe]
                    can_start.append(w in ARTICLES and text[pe:pe + 1] == "-")
                    can_end.append(not w.islower())
            i = 0
            while i < n:
                if not can_start[i]:
                    i += 1
                    continue
                hit = None
                for j in range(min(n, i + MAX_PIECES) - 1, i - 1, -1):
                    if not can_end[j]:
                        continue
                    hit = self._match_at(text, pieces[i][0], pieces[j][1], last_end)
                    if hit is not None:
                        if i == j and not self._keep_single(text, hit, pieces, i, n):
                            hit = None
                        break
                if hit is None:
                    i += 1
                    continue
                out.append(hit)
                last_end = hit.end
                i = j + 1
                while i < n and pieces[i][0] < last_end:
                    i += 1
        return out

    # ------------------------------------------------------------------ internals

    def _match_at(self, text: str, s: int, e: int, last_end: int) -> PlaceMatch | None:
        acro, k = _key(text[s:e])
        if not acro:
            pre = self._prefixed.get(k)
            if pre:
                for prefix, place in pre:
                    ps = s - len(prefix)
                    if ps >= last_end and (ps == 0 or not text[ps - 1].isalnum()) \
                            and text[ps:s].replace("’", "'").lower() == prefix:
                        return PlaceMatch(ps, e, text[ps:e], copy.copy(place))
            fac = self._stems.get(k)
            if fac is not None:
                m = self._with_affix(text, s, e, last_end, fac)
                if m is not None:
                    return m
            place = self._names.get(k)
        else:
            place = self._acronyms.get(k) or self._shouted(k)
        if place is None:
            return None
        return PlaceMatch(s, e, text[s:e], copy.copy(place))

    def _shouted(self, k: str) -> Place | None:
        """An all-capital word that is not an acronym: datelines ("WASHINGTON (AP)")
        and headlines.  Only names of 5+ letters and no small cities."""
        if len(k) < 5 or not k.isalpha():
            return None
        fk = k[0] + k[1:].lower()
        if fk in self._weak:
            return None
        return self._names.get(fk)

    def _with_affix(self, text: str, s: int, e: int, last_end: int, fac: Place) -> PlaceMatch | None:
        n = len(text)
        for suf in self._fac_suffixes:
            se = e + len(suf)
            if se <= n and text[e:se].replace("’", "'").lower() == suf \
                    and (se == n or not text[se].isalnum()):
                return PlaceMatch(s, se, text[s:se], copy.copy(fac))
        for pre in self._fac_prefixes:
            ps = s - len(pre)
            if ps >= last_end and text[ps:s].replace("’", "'").lower() == pre \
                    and (ps == 0 or not text[ps - 1].isalnum()):
                return PlaceMatch(ps, e, text[ps:e], copy.copy(fac))
        return None

    def _keep_single(self, text: str, hit: PlaceMatch, pieces: list[tuple[int, int]],
                     i: int, n: int) -> bool:
        """Drop one-word small cities that look like ordinary capitalised words or
        parts of personal names ("Police said", "Jerome Powell")."""
        if hit.place.kind != "city" or hit.start != pieces[i][0] or hit.end != pieces[i][1]:
            return True
        _, k = _key(hit.text)
        if k not in self._weak:
            return True
        if _sentence_initial(text, hit.start):
            return False
        for nb in (i - 1, i + 1):
            if 0 <= nb < n:
                a, b = (pieces[nb][1], pieces[i][0]) if nb < i else (pieces[i][1], pieces[nb][0])
                gap = text[a:b]
                if gap and gap.isspace() and text[pieces[nb][0]].isupper():
                    return False
        return True
