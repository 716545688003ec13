"""Who did it to whom across word orders: verb-final clauses, inversion, passives, noun-first French."""
from __future__ import annotations

import pytest

import sitrep

PUB = "2024-11-20"

# (lang, text, actors, targets): canonical names
CLAUSES = [
    # German and Dutch perfect tense: the verb comes last, the object before it
    ("de", "Das israelische Militär hat in der Nacht Stellungen der Hisbollah im Südlibanon angegriffen.",
     {"Israel"}, {"Hezbollah"}),
    ("nl", "Het Russische leger heeft dinsdag stellingen van het Oekraïense leger bij Charkiv aangevallen.",
     {"Russia"}, {"Ukraine"}),
    # inversion: the subject follows the verb
    ("de", "In Istanbul nahm die Polizei am Sonntag Dutzende Demonstranten fest.", {"police"}, {"protesters"}),
    # passive: the subject suffered it
    ("de", "Im Südlibanon wurden am Dienstag mehrere Kämpfer der Hisbollah getötet.", set(), {"Hezbollah"}),
    ("en", "Several Hamas fighters were killed in Gaza on Tuesday.", set(), {"Hamas"}),
    # French: the noun first, the group after it
    ("fr", "L'armée israélienne a frappé dimanche des positions du Hezbollah dans le sud du Liban.",
     {"Israel"}, {"Hezbollah"}),
    ("fr", "La police française a arrêté mardi 40 manifestants à Paris.", {"France"}, {"protesters"}),
]


@pytest.mark.parametrize("lang,text,actors,targets", CLAUSES)
def test_clauses_actor_and_target(lang, text, actors, targets):
    doc = sitrep.analyze(text, published=PUB, language=lang)
    names = {a.id: a.name for a in doc.actors}
    assert doc.events, "no event"
    ev = doc.events[0]
    got_actors = {names[a] for a in ev.actors}
    got_targets = {names[t] for t in ev.targets}
    assert actors <= got_actors and not (got_actors & targets), (got_actors, got_targets)
    assert targets <= got_targets, (got_actors, got_targets)
