"""Collectives qualified by a nationality or a stance: "Iraakse militanten", "Kenyan protesters",
"pro-Iraanse strijders".

A group named by a common noun ("militants", "betogers", "Demonstranten") is
one actor per document; with a demonym it is another group: Iraqi militants
are not Palestinian militants, and pro-Iranian fighters are not Iran.  The
qualifier is read from the tree (an ``amod`` demonym of the collective's head
noun), and the qualified group is named in English from the registry's
demonym ("Iraqi militants"), so that the same group merges across languages
in the knowledge base; the words of the text are kept as an alias.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from .analysis import ActorInfo, Analysis, Mention
from .registry import ActorRegistry, RegistryEntry, registry_index
from .syntax import dep, span_head

# "pro-Iraanse", "anti-Israeli": a stance towards the state, not its nationality.
STANCE = re.compile(r"^(pro|anti)-?", re.IGNORECASE)
SPLIT_STANCE = re.compile(r"(?<![\w-])(pro|anti)\s?-\s?$", re.IGNORECASE)
# Collectives of state agents: unnamed, they act for the state of the place (CODEBOOK, :mod:`.inferred`);
# qualified ("Franse politie") they are that state, which the actor finder reads, not this module.
STATE_AGENTS = frozenset({"col:police", "col:security forces"})


def base_collective(an: Analysis, key: str) -> str | None:
    """The name of the collective a qualified one belongs to ("Kenyan protesters" -> "protesters")."""
    info = an.actors.get(key.split("@")[0])
    return info.name if info is not None else None


def qualify_collectives(an: Analysis) -> None:
    """Give each demonym-qualified collective mention its own actor, in place."""
    if an.doc is None or not an.doc.has_annotation("DEP"):
        return
    for m in an.mentions:
        info = an.actors.get(m.key)
        if info is None or info.kind != "other" or not info.needs_role or m.key in STATE_AGENTS:
            continue
        head = span_head(an.doc, m.start, m.end)
        found = _qualifier(an, head) if head is not None else None
        if found is None:
            continue
        (adj_start, adj_end), stance, entry = found
        if not stance and (info.country == entry.country or info.name.lower().startswith(
                (entry.adjectives.get("en") or [entry.name])[0].lower())):
            continue  # "Israeli settlers" is a collective of its own country already
        _requalify(an, m, info, (adj_start, adj_end), stance, entry)


def _qualifier(an: Analysis, head: Token) -> tuple[tuple[int, int], str, RegistryEntry] | None:
    """Where the demonym adjective on a collective's head noun starts (with its stance prefix, if any) and
    ends, the stance and the demonym's registry entry."""
    adjectives = registry_index(an.lang)[1]
    for c in head.children:
        if dep(c) != "amod":  # before the noun, or after it ("des manifestants kényans")
            continue
        stance = STANCE.match(c.text)
        word = c.text[stance.end():] if stance else c.text
        # "Pro-Iranian" as one token, or as "Pro", "-", "Iranian" (the English tokenizer)
        split = None if stance else SPLIT_STANCE.search(an.norm, max(0, c.idx - 6), c.idx)
        hits = adjectives.find(word)
        if hits and hits[0].start == 0 and hits[0].end == len(word):
            entry = ActorRegistry.default().get(hits[0].payload)
            if entry is not None:
                found = stance or split
                start = split.start() if split else c.idx
                return (start, c.idx + len(c.text)), found.group(1).lower() + "-" if found else "", entry
    return None


def _requalify(an: Analysis, m: Mention, info: ActorInfo, adj: tuple[int, int], stance: str,
               entry: RegistryEntry) -> None:
    demonym = (entry.adjectives.get("en") or [entry.name])[0]
    key = f"{m.key}@{stance}{entry.id}"
    if key not in an.actors:
        an.actors[key] = ActorInfo(key, f"{stance}{demonym} {info.name}", info.kind,
                                   country=None if stance else entry.country, needs_role=True)
    start, end = min(m.start, adj[0]), max(m.end, adj[1])
    m.key, m.start, m.end, m.text = key, start, end, an.text[start:end]
    an.actors[key].aliases.add(m.text)
