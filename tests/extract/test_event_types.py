"""Events of the ten PLOVER types beside the scored six (AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID,
RETREAT, REQUEST, ACCUSE, REJECT) and the THREATEN/MOBILIZE cues added with them, in the four languages
(CODEBOOK, event types table): the type and mode of each, its actor and target, and the near-misses that are
no event of the type (a hypothetical or negated agreement, a denied accusation, 'refused to comment')."""
from __future__ import annotations

import pytest


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(reason=reason, strict=False)


def case(*values, fails: str | None = None, id: str | None = None):
    """One row of a case table; ``fails=reason`` keeps a known failure as xfail."""
    return pytest.param(*values, marks=[xfail(fails)] if fails else [], id=id)


US, HZ, IL = "United States", "Hezbollah", "Israel"
# reasons of the argument cases the current (string-window) argument logic gets wrong; the dependency-based
# argument logic (subject = actor; object, 'to X', 'with X', 'on X' = target) is to make them pass
OBJECT = "the direct object is a target only for ASSAULT, COERCE, THREATEN and SANCTION (events.OBJECT_TYPES)"
TO_WITH = "'to X', 'with X', 'for X', 'voor X', 'à X' and a dative are no target of the event"
CALLS_OF = "'the calls of X' rejected: X is not taken as the target of the rejection"
OWNER = "the state whose troops a demand is about ('the withdrawal of US troops') is not taken as the target"
COORD = "the second of two coordinated subjects ('X en Y bereikten') is not taken as the other party"
BETWEEN = "'between X and Y' after the cue replaces the subject by X"
INFINITIVE = "the object of the infinitive after 'drohte,' is not taken as the target of the threat"

# (lang, text, type, mode, actors, targets): actors/targets are canonical names that must be among the event's
TYPED = [
    # AGREE
    ("en", "Israel and Hamas agreed to a ceasefire on Tuesday.", "AGREE", "ceasefire", {IL}, {"Hamas"}),
    ("nl", "Israël en Hamas bereikten dinsdag een akkoord over een staakt-het-vuren.", "AGREE", "ceasefire", {IL},
     {"Hamas"}),
    ("de", "Israel und die Hamas einigten sich am Dienstag auf eine Waffenruhe.", "AGREE", "ceasefire", {IL},
     {"Hamas"}),
    ("fr", "Israël et le Hamas ont conclu mardi un cessez-le-feu.", "AGREE", "ceasefire", {IL}, {"Hamas"}),
    ("en", "Egypt signed a gas deal with Israel on Monday.", "AGREE", "treaty", {"Egypt"}, {IL}),
    ("nl", "Rusland en Oekraïne ondertekenden woensdag een overeenkomst over graanexport.", "AGREE", "treaty",
     {"Russia"}, {"Ukraine"}),
    ("de", "Russland und die Ukraine unterzeichneten am Mittwoch ein Abkommen über Getreideexporte.", "AGREE",
     "treaty", {"Russia"}, {"Ukraine"}),
    ("fr", "La Russie et l'Ukraine ont signé mercredi un accord sur les exportations de céréales.", "AGREE",
     "treaty", {"Russia"}, {"Ukraine"}),
    ("en", "Qatar offered to mediate between Israel and Hamas.", "AGREE", "other", {"Qatar"}, set()),
    # CONSULT
    ("en", "The French president visited Iraq on Monday.", "CONSULT", "visit", {"France"}, {"Iraq"}),
    ("nl", "De Franse president bezocht maandag Irak.", "CONSULT", "visit", {"France"}, {"Iraq"}),
    ("de", "Der französische Präsident besuchte am Montag den Irak.", "CONSULT", "visit", {"France"}, {"Iraq"}),
    ("fr", "Le président français a visité l'Irak lundi.", "CONSULT", "visit", {"France"}, {"Iraq"}),
    ("en", "Iran and Saudi Arabia held talks in Baghdad on Tuesday.", "CONSULT", "negotiate", {"Iran"},
     {"Saudi Arabia"}),
    ("nl", "Iran en Saudi-Arabië onderhandelden dinsdag in Bagdad.", "CONSULT", "negotiate", {"Iran"},
     {"Saudi Arabia"}),
    ("de", "Der Iran und Saudi-Arabien verhandelten am Dienstag in Bagdad.", "CONSULT", "negotiate", {"Iran"},
     {"Saudi Arabia"}),
    ("fr", "L'Iran et l'Arabie saoudite ont négocié mardi à Bagdad.", "CONSULT", "negotiate", {"Iran"},
     {"Saudi Arabia"}),
    # SUPPORT
    ("en", "Hezbollah praised the Houthis on Tuesday.", "SUPPORT", "praise", {HZ}, {"Houthis"}),
    ("nl", "Hezbollah prees dinsdag de Houthi's.", "SUPPORT", "praise", {HZ}, {"Houthis"}),
    ("de", "Die Hisbollah lobte am Dienstag die Huthi.", "SUPPORT", "praise", {HZ}, {"Houthis"}),
    ("fr", "Le Hezbollah a salué mardi les Houthis.", "SUPPORT", "praise", {HZ}, {"Houthis"}),
    ("en", "Germany expressed its support for Ukraine.", "SUPPORT", "endorse", {"Germany"}, {"Ukraine"}),
    ("nl", "Duitsland sprak zijn steun uit voor Oekraïne.", "SUPPORT", "endorse", {"Germany"}, {"Ukraine"}),
    ("de", "Deutschland sicherte der Ukraine seine Unterstützung zu.", "SUPPORT", "endorse", {"Germany"},
     {"Ukraine"}),
    ("fr", "La France a exprimé son soutien à l'Ukraine.", "SUPPORT", "endorse", {"France"}, {"Ukraine"}),
    # CONCEDE
    ("en", "Israel released 39 Palestinian prisoners on Tuesday.", "CONCEDE", "release", {IL}, set()),
    ("nl", "Israël liet dinsdag 39 Palestijnse gevangenen vrij.", "CONCEDE", "release", {IL}, set()),
    ("de", "Israel ließ am Dienstag 39 palästinensische Gefangene frei.", "CONCEDE", "release", {IL}, set()),
    ("fr", "Israël a libéré mardi 39 prisonniers palestiniens.", "CONCEDE", "release", {IL}, set()),
    ("en", "The United States lifted sanctions on Venezuela.", "CONCEDE", "ease", {US}, {"Venezuela"}),
    ("nl", "De Verenigde Staten hieven de sancties tegen Venezuela op.", "CONCEDE", "ease", {US}, {"Venezuela"}),
    ("de", "Die USA hoben die Sanktionen gegen Venezuela auf.", "CONCEDE", "ease", {US}, {"Venezuela"}),
    ("fr", "Les États-Unis ont levé les sanctions contre le Venezuela.", "CONCEDE", "ease", {US}, {"Venezuela"}),
    ("en", "Israel apologised to Jordan on Tuesday.", "CONCEDE", "apologize", {IL}, set()),
    ("nl", "Israël bood dinsdag excuses aan.", "CONCEDE", "apologize", {IL}, set()),
    ("de", "Israel entschuldigte sich am Dienstag bei Jordanien.", "CONCEDE", "apologize", {IL}, set()),
    ("fr", "Israël a présenté mardi ses excuses à la Jordanie.", "CONCEDE", "apologize", {IL}, set()),
    # COOPERATE
    ("en", "Egypt and Jordan held joint military exercises on Tuesday.", "COOPERATE", "security", {"Egypt"},
     {"Jordan"}),
    ("nl", "Egypte en Jordanië hielden dinsdag gezamenlijke militaire oefeningen.", "COOPERATE", "security",
     {"Egypt"}, {"Jordan"}),
    ("de", "Ägypten und Jordanien hielten am Dienstag gemeinsame Militärübungen ab.", "COOPERATE", "security",
     {"Egypt"}, {"Jordan"}),
    ("fr", "L'Égypte et la Jordanie ont mené mardi des exercices militaires conjoints.", "COOPERATE", "security",
     {"Egypt"}, {"Jordan"}),
    # AID
    ("en", "The United States supplied weapons to Ukraine.", "AID", "military", {US}, {"Ukraine"}),
    ("nl", "De Verenigde Staten leverden wapens aan Oekraïne.", "AID", "military", {US}, {"Ukraine"}),
    ("de", "Die USA lieferten Waffen an die Ukraine.", "AID", "military", {US}, {"Ukraine"}),
    ("fr", "Les États-Unis ont livré des armes à l'Ukraine.", "AID", "military", {US}, {"Ukraine"}),
    ("en", "The Netherlands sent humanitarian aid to Gaza.", "AID", "humanitarian", {"Netherlands"}, set()),
    ("nl", "Nederland stuurde humanitaire hulp naar Gaza.", "AID", "humanitarian", {"Netherlands"}, set()),
    ("de", "Deutschland schickte humanitäre Hilfe nach Gaza.", "AID", "humanitarian", {"Germany"}, set()),
    ("fr", "La France a envoyé de l'aide humanitaire à Gaza.", "AID", "humanitarian", {"France"}, set()),
    # RETREAT
    ("en", "US troops withdrew from Syria on Tuesday.", "RETREAT", "withdraw", {US}, set()),
    ("nl", "De Amerikaanse troepen trokken zich dinsdag terug uit Syrië.", "RETREAT", "withdraw", {US}, set()),
    ("de", "Die US-Truppen zogen sich am Dienstag aus Syrien zurück.", "RETREAT", "withdraw", {US}, set()),
    ("fr", "Les troupes américaines se sont retirées de Syrie mardi.", "RETREAT", "withdraw", {US}, set()),
    # REQUEST
    ("en", "Iran urged the United States to withdraw its troops.", "REQUEST", "appeal", {"Iran"}, {US}),
    ("en", "Iran called on the United States to withdraw its troops.", "REQUEST", "appeal", {"Iran"}, {US}),
    ("nl", "Iran riep de Verenigde Staten op hun troepen terug te trekken.", "REQUEST", "appeal", {"Iran"}, {US}),
    ("de", "Der Iran rief die USA auf, ihre Truppen abzuziehen.", "REQUEST", "appeal", {"Iran"}, {US}),
    ("fr", "L'Iran a appelé les États-Unis à retirer leurs troupes.", "REQUEST", "appeal", {"Iran"}, {US}),
    ("en", "Iraq demanded the withdrawal of US troops.", "REQUEST", "demand", {"Iraq"}, {US}),
    ("nl", "Irak eiste de terugtrekking van de Amerikaanse troepen.", "REQUEST", "demand", {"Iraq"}, {US}),
    ("de", "Der Irak forderte den Abzug der US-Truppen.", "REQUEST", "demand", {"Iraq"}, {US}),
    ("fr", "L'Irak a exigé le retrait des troupes américaines.", "REQUEST", "demand", {"Iraq"}, {US}),
    # ACCUSE
    ("en", "Iran accused Israel of attacking its consulate.", "ACCUSE", "accuse", {"Iran"}, {IL}),
    ("nl", "Iran beschuldigde Israël van de aanval op het consulaat.", "ACCUSE", "accuse", {"Iran"}, {IL}),
    ("de", "Der Iran warf Israel den Angriff auf das Konsulat vor.", "ACCUSE", "accuse", {"Iran"}, {IL}),
    ("fr", "L'Iran a accusé Israël de l'attaque contre le consulat.", "ACCUSE", "accuse", {"Iran"}, {IL}),
    ("en", "Germany condemned the attack on the embassy.", "ACCUSE", "condemn", {"Germany"}, set()),
    ("nl", "Duitsland veroordeelde de aanval op de ambassade.", "ACCUSE", "condemn", {"Germany"}, set()),
    ("de", "Deutschland verurteilte den Angriff auf die Botschaft.", "ACCUSE", "condemn", {"Germany"}, set()),
    ("fr", "L'Allemagne a condamné l'attaque contre l'ambassade.", "ACCUSE", "condemn", {"Germany"}, set()),
    # REJECT: "X rejected the US calls to rein in the militias" is one REJECT by X against the United States
    ("en", "Hezbollah rejected the American calls to rein in the militias.", "REJECT", "reject", {HZ}, {US}),
    ("nl", "Hezbollah wees de Amerikaanse oproepen om de milities in te tomen af.", "REJECT", "reject", {HZ}, {US}),
    ("de", "Die Hisbollah lehnte die amerikanischen Forderungen ab, die Milizen zu zügeln.", "REJECT", "reject",
     {HZ}, {US}),
    ("fr", "Le Hezbollah a rejeté les appels américains à freiner les milices.", "REJECT", "reject", {HZ}, {US}),
    # THREATEN: "vowed to", "dreigt te", "drohte, ... anzugreifen", "promet une riposte"
    ("en", "Hezbollah vowed to retaliate against Israel.", "THREATEN", "force", {HZ}, {IL}),
    ("nl", "Hezbollah dreigt Israël aan te vallen.", "THREATEN", "force", {HZ}, {IL}),
    ("de", "Die Hisbollah drohte, Israel anzugreifen.", "THREATEN", "force", {HZ}, {IL}),
    ("fr", "L'Iran promet une riposte contre Israël.", "THREATEN", "force", {"Iran"}, {IL}),
    # MOBILIZE: "stuurde F-16's", "stationierte"
    ("en", "The United States sent F-16s to Jordan.", "MOBILIZE", "weapons", {US}, set()),
    ("nl", "De Verenigde Staten stuurden F-16's naar Jordanië.", "MOBILIZE", "weapons", {US}, set()),
    ("de", "Russland stationierte Atomwaffen in Belarus.", "MOBILIZE", "weapons", {"Russia"}, set()),
    ("fr", "Les États-Unis ont déployé des avions de chasse en Jordanie.", "MOBILIZE", "weapons", {US}, set()),
    ("en", "Russia mobilised 300,000 reservists.", "MOBILIZE", "troops", {"Russia"}, set()),
    ("nl", "Rusland mobiliseerde 300.000 reservisten.", "MOBILIZE", "troops", {"Russia"}, set()),
    ("de", "Russland berief 300.000 Reservisten ein.", "MOBILIZE", "troops", {"Russia"}, set()),
    ("fr", "La Russie a mobilisé 300 000 réservistes.", "MOBILIZE", "troops", {"Russia"}, set()),
]

# the argument cases known to fail with the current argument logic: (lang, text) -> reason
ARGUMENT_FAILS: dict[tuple[str, str], str] = {
    ("nl", "Israël en Hamas bereikten dinsdag een akkoord over een staakt-het-vuren."): COORD,
    ("de", "Der Iran und Saudi-Arabien verhandelten am Dienstag in Bagdad."): COORD,
    ("en", "Egypt signed a gas deal with Israel on Monday."): TO_WITH,
    ("en", "Qatar offered to mediate between Israel and Hamas."): BETWEEN,
    ("en", "The French president visited Iraq on Monday."): OBJECT,
    ("nl", "De Franse president bezocht maandag Irak."): OBJECT,
    ("de", "Der französische Präsident besuchte am Montag den Irak."): OBJECT,
    ("fr", "Le président français a visité l'Irak lundi."): OBJECT,
    ("en", "Hezbollah praised the Houthis on Tuesday."): OBJECT,
    ("nl", "Hezbollah prees dinsdag de Houthi's."): OBJECT,
    ("de", "Die Hisbollah lobte am Dienstag die Huthi."): OBJECT,
    ("fr", "Le Hezbollah a salué mardi les Houthis."): OBJECT,
    ("en", "Germany expressed its support for Ukraine."): TO_WITH,
    ("nl", "Duitsland sprak zijn steun uit voor Oekraïne."): TO_WITH,
    ("de", "Deutschland sicherte der Ukraine seine Unterstützung zu."): TO_WITH,
    ("de", "Die USA lieferten Waffen an die Ukraine."): TO_WITH,
    ("fr", "Les États-Unis ont livré des armes à l'Ukraine."): TO_WITH,
    ("en", "Iran urged the United States to withdraw its troops."): OBJECT,
    ("en", "Iraq demanded the withdrawal of US troops."): OWNER,
    ("nl", "Irak eiste de terugtrekking van de Amerikaanse troepen."): OWNER,
    ("de", "Der Irak forderte den Abzug der US-Truppen."): OWNER,
    ("fr", "L'Irak a exigé le retrait des troupes américaines."): OWNER,
    ("en", "Iran accused Israel of attacking its consulate."): OBJECT,
    ("nl", "Iran beschuldigde Israël van de aanval op het consulaat."): OBJECT,
    ("de", "Der Iran warf Israel den Angriff auf das Konsulat vor."): OBJECT,
    ("fr", "L'Iran a accusé Israël de l'attaque contre le consulat."): OBJECT,
    ("en", "Hezbollah rejected the American calls to rein in the militias."): CALLS_OF,
    ("nl", "Hezbollah wees de Amerikaanse oproepen om de milities in te tomen af."): CALLS_OF,
    ("de", "Die Hisbollah lehnte die amerikanischen Forderungen ab, die Milizen zu zügeln."): CALLS_OF,
    ("fr", "Le Hezbollah a rejeté les appels américains à freiner les milices."): CALLS_OF,
    ("de", "Die Hisbollah drohte, Israel anzugreifen."): INFINITIVE,
}


def _typed_cases(with_arguments: bool):
    for lang, text, etype, mode, actors, targets in TYPED:
        reason = ARGUMENT_FAILS.get((lang, text)) if with_arguments else None
        yield case(lang, text, etype, mode, actors, targets, fails=reason, id=f"{lang}-{etype}-{text[:40]}")


@pytest.mark.parametrize("lang,text,etype,mode,actors,targets", list(_typed_cases(False)))
def test_event_types_type_and_mode(doc_of, one_event, lang, text, etype, mode, actors, targets):
    doc = doc_of(lang, text)
    ev = one_event(doc, etype)
    assert ev.mode == mode
    assert ev.status == "reported", ev.status


@pytest.mark.parametrize("lang,text,etype,mode,actors,targets", list(_typed_cases(True)))
def test_event_types_actor_and_target(doc_of, events_of, actor_names, lang, text, etype, mode, actors, targets):
    doc = doc_of(lang, text)
    ev = events_of(doc, etype)[0]
    assert actors <= actor_names(doc, ev.actors), actor_names(doc, ev.actors)
    assert targets <= actor_names(doc, ev.targets), actor_names(doc, ev.targets)
    assert not set(ev.actors) & set(ev.targets)


# ---------------------------------------------------------------- near-misses
# (lang, text, type): no asserted event of this type (an event the text denies may stay, with status "denied")
NOT_EVENTS = [
    # a hypothetical agreement
    case("en", "If Israel and Hamas agree to a ceasefire, the war could end.", "AGREE"),
    case("nl", "Als Israël en Hamas een akkoord bereiken, kan de oorlog eindigen.", "AGREE"),
    case("de", "Wenn Israel und die Hamas ein Abkommen schließen, könnte der Krieg enden.", "AGREE"),
    case("fr", "Si Israël et le Hamas signent un accord, la guerre pourrait prendre fin.", "AGREE"),
    # a negated one
    case("en", "Israel did not agree to the proposal.", "AGREE"),
    case("nl", "Israël stemde niet in met het voorstel.", "AGREE"),
    case("de", "Israel stimmte dem Vorschlag nicht zu.", "AGREE"),
    case("fr", "Israël n'a pas accepté la proposition.", "AGREE"),
    # a denied accusation
    case("en", "Iran denied accusing Israel.", "ACCUSE"),
    case("nl", "Iran ontkende dat het Israël beschuldigde.", "ACCUSE"),
    case("de", "Der Iran bestritt, Israel beschuldigt zu haben.", "ACCUSE"),
    case("fr", "L'Iran a démenti avoir accusé Israël.", "ACCUSE"),
    # "refused to comment" is no REJECT of anyone
    case("en", "The ministry refused to comment on the attack.", "REJECT"),
    case("en", "A spokesman declined to comment.", "REJECT"),
    case("nl", "Het ministerie weigerde commentaar te geven op de aanval.", "REJECT"),
    case("de", "Das Ministerium lehnte eine Stellungnahme ab.", "REJECT"),
    case("de", "Das Ministerium weigerte sich, sich zu äußern.", "REJECT"),
    case("fr", "Le ministère a refusé de commenter l'attaque.", "REJECT"),
    # what a request asks for has not happened ("called for the withdrawal of US troops": no RETREAT)
    case("en", "Iraq called for the withdrawal of US troops.", "RETREAT"),
    case("nl", "Irak riep op tot de terugtrekking van de Amerikaanse troepen.", "RETREAT"),
    case("de", "Der Irak forderte den Abzug der US-Truppen.", "RETREAT"),
    case("fr", "L'Irak a appelé au retrait des troupes américaines.", "RETREAT"),
    # the calls that are rejected are no REQUEST event of their own
    case("en", "Hezbollah rejected the American calls to rein in the militias.", "REQUEST"),
    case("fr", "Le Hezbollah a rejeté les appels américains à freiner les milices.", "REQUEST"),
    # a relation, not an event: "Iran-backed", "door Iran gesteunde", "vom Iran unterstützte", "soutenues par"
    case("en", "The Iran-backed militia fired rockets at the base.", "SUPPORT"),
    case("en", "The militia, backed by Iran, fired rockets at the base.", "SUPPORT"),
    case("nl", "De door Iran gesteunde milities vuurden raketten af op de basis.", "SUPPORT"),
    case("de", "Die vom Iran unterstützten Milizen feuerten Raketen auf den Stützpunkt ab.", "SUPPORT"),
    case("fr", "Les milices soutenues par l'Iran ont tiré des roquettes sur la base.", "SUPPORT"),
    # the words of a quotation are not searched for events
    case("nl", "“Wij hebben gisteren het akkoord met Israël ondertekend”, zei Nasrallah.", "AGREE"),
    case("en", "“We signed the agreement with Israel yesterday,” Nasrallah said.", "AGREE"),
    case("de", "„Wir haben gestern das Abkommen mit Israel unterzeichnet“, sagte Nasrallah.", "AGREE"),
    case("fr", "« Nous avons signé hier l'accord avec Israël », a déclaré Nasrallah.", "AGREE"),
    # a name is no cue: Amnesty International is no amnesty, "aid workers" no aid given
    case("en", "Amnesty International said the strike killed five civilians.", "CONCEDE"),
]


@pytest.mark.parametrize("lang,text,etype", NOT_EVENTS)
def test_event_types_not_coded(doc_of, events_of, lang, text, etype):
    doc = doc_of(lang, text)
    found = [(e.type, e.mode, e.status, e.cue) for e in events_of(doc, etype) if e.status != "denied"]
    assert not found, found


# a "lifted sanctions" is a concession, a "hunger strike" a protest, "struck a deal" an agreement: the phrase
# wins over the word of another type inside it
PHRASE_WINS = [
    case("en", "The United States lifted sanctions on Venezuela.", "CONCEDE", "SANCTION"),
    case("en", "Prisoners began a hunger strike on Monday.", "PROTEST", "ASSAULT"),
    case("en", "Israel and Hamas struck a deal on Tuesday.", "AGREE", "ASSAULT"),
    case("en", "Serbia lodged a protest with Albania.", "ACCUSE", "PROTEST"),
    case("nl", "De Verenigde Staten hieven de sancties tegen Venezuela op.", "CONCEDE", "SANCTION"),
    case("nl", "De gevangenen begonnen maandag een hongerstaking.", "PROTEST", "ASSAULT"),
    case("de", "Die USA hoben die Sanktionen gegen Venezuela auf.", "CONCEDE", "SANCTION"),
    case("de", "Die Gefangenen traten am Montag in einen Hungerstreik.", "PROTEST", "ASSAULT"),
    case("fr", "Les États-Unis ont levé les sanctions contre le Venezuela.", "CONCEDE", "SANCTION"),
    case("fr", "Les prisonniers ont entamé lundi une grève de la faim.", "PROTEST", "ASSAULT"),
]


@pytest.mark.parametrize("lang,text,etype,not_type", PHRASE_WINS)
def test_event_types_phrase_wins_over_word(doc_of, events_of, lang, text, etype, not_type):
    doc = doc_of(lang, text)
    assert events_of(doc, etype), [(e.type, e.cue) for e in doc.events]
    assert not events_of(doc, not_type), [(e.type, e.cue) for e in doc.events]
