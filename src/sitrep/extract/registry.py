"""The actor registry: known actors with kind, country and aliases in many languages.

Entries live in ``resources/registry/*.yaml`` (one list per file).  The
registry is an interface so that a team can plug in its own (a bigger YAML
set, or a database) without touching the pipeline.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

from .. import resources
from .analysis import ActorInfo, Analysis
from .matching import PhraseIndex

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Role:
    type: str
    of: str
    title: str | None = None


@dataclass(slots=True)
class RegistryEntry:
    id: str
    name: str
    kind: str
    country: str | None = None
    wikidata: str | None = None
    aliases: dict[str, list[str]] = field(default_factory=dict)
    adjectives: dict[str, list[str]] = field(default_factory=dict)
    people: dict[str, list[str]] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    part_of: str | None = None

    def all_aliases(self) -> list[str]:
        """Every name of the entry, in every language, canonical name first, without duplicates."""
        seen: dict[str, None] = {self.name: None}
        for forms in self.aliases.values():
            for f in forms or []:
                seen.setdefault(str(f), None)
        return list(seen)


class ActorRegistry:
    """Known actors by id, with lookups by alias and by demonym."""

    def __init__(self, entries: list[RegistryEntry]):
        self.entries: dict[str, RegistryEntry] = {}
        for e in entries:
            if e.id in self.entries:
                log.warning("registry: duplicate id %s ignored", e.id)
                continue
            self.entries[e.id] = e
        self.by_country_state: dict[str, RegistryEntry] = {
            e.country: e for e in self.entries.values() if e.kind == "state" and e.country}

    def __iter__(self) -> Iterator[RegistryEntry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> RegistryEntry | None:
        return self.entries.get(entry_id)

    def state(self, country: str | None) -> RegistryEntry | None:
        return self.by_country_state.get(country) if country else None

    def names(self) -> Iterator[tuple[str, str]]:
        """(alias, entry id) for every alias in every language."""
        for e in self.entries.values():
            for alias in e.all_aliases():
                yield alias, e.id

    def demonyms(self, key: str, lang: str) -> Iterator[tuple[str, str]]:
        """(form, entry id) for ``key`` in ('adjectives', 'people') in one language."""
        for e in self.entries.values():
            forms = getattr(e, key).get(lang) or []
            for f in forms:
                yield str(f), e.id

    @classmethod
    def from_records(cls, records: list[dict[str, Any]]) -> "ActorRegistry":
        entries = []
        for r in records:
            try:
                entries.append(RegistryEntry(
                    id=str(r["id"]), name=str(r["name"]), kind=str(r.get("kind") or "other"),
                    country=r.get("country"), wikidata=r.get("wikidata"),
                    aliases=_by_lang(r.get("aliases")), adjectives=_by_lang(r.get("adjectives")),
                    people=_by_lang(r.get("people")),
                    roles=[Role(str(x.get("type")), str(x.get("of")), x.get("title")) for x in r.get("roles") or []
                           if isinstance(x, dict)],
                    part_of=r.get("part_of")))
            except (KeyError, TypeError, AttributeError) as exc:
                log.warning("registry: skipping malformed entry %r (%s)", r.get("id") if isinstance(r, dict) else r, exc)
        return cls(entries)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "ActorRegistry":
        records: list[dict[str, Any]] = []
        for path in resources.files("registry"):
            data = resources.load(f"registry/{path.name}") or []
            records.extend(d for d in data if isinstance(d, dict))
        return cls.from_records(records)


def registry_actor(an: Analysis, entry: RegistryEntry) -> str:
    """The document's actor for a registry entry, added on first use (by a name, a demonym or the state of a
    place the text names)."""
    key = "reg:" + entry.id
    if key not in an.actors:
        an.actors[key] = ActorInfo(key, entry.name, entry.kind, entry.country, entry.wikidata, entry.id,
                                   set(entry.all_aliases()), needs_role=entry.kind == "other")
    return key


# An alias that states a relation ("Iran-backed Houthis", "door Rwanda gesteunde M23") would hide that
# relation from the extractor, which must find it in the text; such aliases are left out.
RELATIONAL_ALIAS = re.compile(r"(?i)backed|gesteund|unterstützt|soutenu|sponsored")


def _by_lang(value: Any) -> dict[str, list[str]]:
    """Aliases may be a plain list (any language) or a mapping language -> list."""
    if not value:
        return {}
    if isinstance(value, list):
        value = {"any": value}
    return {str(k): [str(v) for v in (vs or []) if not RELATIONAL_ALIAS.search(str(v))] for k, vs in value.items()}


@lru_cache(maxsize=None)
def registry_index(lang: str) -> tuple[PhraseIndex[str], PhraseIndex[str], PhraseIndex[str]]:
    """Alias, demonym-adjective and demonym-people indexes of the default registry for one language."""
    reg = ActorRegistry.default()
    names: PhraseIndex[str] = PhraseIndex()
    for alias, rid in reg.names():
        names.add(alias, rid, capitalise=True)
    adjectives: PhraseIndex[str] = PhraseIndex()
    people: PhraseIndex[str] = PhraseIndex()
    for form, rid in reg.demonyms("adjectives", lang):
        adjectives.add(form, rid)
    for form, rid in reg.demonyms("people", lang):
        people.add(form, rid)
    return names, adjectives, people
