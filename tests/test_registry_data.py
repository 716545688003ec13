"""Sanity checks for the actor registry YAML files (src/sitrep/resources/registry)."""
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
import yaml

REGISTRY = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "resources" / "registry"
FILES = ["states.yaml", "armed_groups.yaml", "organizations.yaml", "persons.yaml", "collectives.yaml"]
KINDS = {"person", "state", "organization", "armed_group", "party", "coalition", "media", "international_org", "other"}
LANGS = ("en", "nl", "de", "fr")
ROLE_TYPES = {"leader_of", "member_of", "spokesperson_of"}
# user-assigned codes in common use that pycountry does not list
EXTRA_COUNTRIES = {"XK"}


def _load(name):
    with open(REGISTRY / name, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, list), name
    return data


@pytest.fixture(scope="module")
def entries():
    out = []
    for name in FILES:
        for e in _load(name):
            assert isinstance(e, dict), (name, e)
            out.append((name, e))
    return out


def _aliases_by_lang(e):
    """Yield (lang, alias) with `any` expanded to every language."""
    al = e.get("aliases") or {}
    for lang, forms in al.items():
        assert lang in LANGS + ("any",), (e["id"], lang)
        assert isinstance(forms, list), (e["id"], lang)
        for f in forms:
            assert isinstance(f, str) and f.strip() == f and f, (e["id"], f)
            if lang == "any":
                for l in LANGS:
                    yield l, f
            else:
                yield lang, f


def _valid_country(code):
    return code in EXTRA_COUNTRIES or pycountry.countries.get(alpha_2=code) is not None


@pytest.mark.parametrize("name", FILES)
def test_files_parse(name):
    assert _load(name)


def test_required_keys(entries):
    for name, e in entries:
        for key in ("id", "name", "kind", "aliases"):
            assert key in e, (name, e.get("id"), key)
        assert "country" in e, (name, e["id"])


def test_ids_unique(entries):
    seen = defaultdict(list)
    for name, e in entries:
        seen[e["id"]].append(name)
    dups = {k: v for k, v in seen.items() if len(v) > 1}
    assert not dups, dups


def test_kinds_valid(entries):
    bad = [(e["id"], e["kind"]) for _, e in entries if e["kind"] not in KINDS]
    assert not bad, bad


def test_countries_valid(entries):
    bad = [(e["id"], e["country"]) for _, e in entries
           if e["country"] is not None and not (isinstance(e["country"], str) and _valid_country(e["country"]))]
    assert not bad, bad


def test_wikidata_format(entries):
    for _, e in entries:
        wd = e.get("wikidata")
        if wd is not None:
            assert isinstance(wd, str) and wd.startswith("Q") and wd[1:].isdigit(), (e["id"], wd)


def test_references_exist(entries):
    ids = {e["id"] for _, e in entries}
    bad = []
    for _, e in entries:
        if "part_of" in e and e["part_of"] not in ids:
            bad.append((e["id"], "part_of", e["part_of"]))
        for role in e.get("roles") or []:
            assert role.get("type") in ROLE_TYPES, (e["id"], role)
            if role.get("of") not in ids:
                bad.append((e["id"], "roles.of", role.get("of")))
    assert not bad, bad


def test_no_short_lowercase_aliases(entries):
    bad = [(e["id"], a) for _, e in entries for _, a in _aliases_by_lang(e)
           if len(a) <= 3 and a.islower()]
    assert not bad, bad


def test_no_curly_apostrophes(entries):
    bad = [(e["id"], a) for _, e in entries for _, a in _aliases_by_lang(e) if "\u2019" in a]
    assert not bad, bad


def test_aliases_unique_across_entries(entries):
    owner = defaultdict(set)
    for _, e in entries:
        for lang, a in _aliases_by_lang(e):
            owner[(lang, a)].add(e["id"])
    dups = {k: sorted(v) for k, v in owner.items() if len(v) > 1}
    assert not dups, dups


def test_entry_count(entries):
    assert len(entries) >= 300


def test_state_count_and_languages(entries):
    states = [e for _, e in entries if e["kind"] == "state"]
    assert len(states) >= 190
    for e in states:
        assert e["country"] == e["id"], e["id"]
        langs = {l for l, _ in _aliases_by_lang(e)}
        assert set(LANGS) <= langs, (e["id"], sorted(set(LANGS) - langs))
        for key in ("adjectives", "people"):
            val = e.get(key) or {}
            assert isinstance(val, dict) and set(val) <= set(LANGS), (e["id"], key)


def test_un_members_covered(entries):
    ids = {e["id"] for _, e in entries if e["kind"] == "state"}
    for code in ("US", "RU", "UA", "IL", "IR", "IQ", "SY", "LB", "YE", "PS", "TW", "XK", "SD", "SS", "CD"):
        assert code in ids, code
