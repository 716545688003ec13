"""Time expressions in nl/en/de/fr, resolved against the publication date (sitrep.extract.dates)."""
from __future__ import annotations

import time

import pytest

from sitrep import resources
from sitrep.extract.dates import DateMatch, DateResolver, parse_published, resolver

PUB = "2023-11-22"  # a Wednesday


def one(lang: str, sentence: str, published: str | None = PUB) -> DateMatch:
    found = resolver(lang).find(sentence, published)
    assert len(found) == 1, f"{lang} {sentence!r}: {found}"
    m = found[0]
    assert sentence[m.start:m.end] == m.text
    return m


# (lang, sentence, expected text, value, precision) with published 2023-11-22
CASES = [
    # weekdays: most recent such day on or before publication
    ("nl", "Op dinsdag vielen er doden.", "dinsdag", "2023-11-21", "day"),
    ("nl", "Woensdag werd de stad beschoten.", "Woensdag", "2023-11-22", "day"),
    ("nl", "Maandagmiddag kwam het kabinet bijeen.", "Maandagmiddag", "2023-11-20", "day"),
    ("nl", "Het leger trok dinsdagavond de stad binnen.", "dinsdagavond", "2023-11-21", "day"),
    ("nl", "Vorige week dinsdag werd hij opgepakt.", "Vorige week dinsdag", "2023-11-14", "day"),
    ("en", "Troops moved in on Tuesday.", "Tuesday", "2023-11-21", "day"),
    ("en", "The talks ended Monday afternoon.", "Monday afternoon", "2023-11-20", "day"),
    ("en", "He was arrested on Wednesday.", "Wednesday", "2023-11-22", "day"),
    ("en", "The strike began last Wednesday.", "last Wednesday", "2023-11-15", "day"),
    ("en", "Rebels attacked on Thursday last week.", "Thursday last week", "2023-11-16", "day"),
    ("de", "Am Dienstag wurde gestreikt.", "Dienstag", "2023-11-21", "day"),
    ("de", "Die Armee griff Dienstagabend an.", "Dienstagabend", "2023-11-21", "day"),
    ("de", "In der Nacht zum Mittwoch fielen Raketen.", "In der Nacht zum Mittwoch", "2023-11-22", "day"),
    ("fr", "Mardi soir, la police a chargé.", "Mardi soir", "2023-11-21", "day"),
    ("fr", "Les manifestants se sont réunis lundi.", "lundi", "2023-11-20", "day"),
    ("fr", "Il a été arrêté mercredi dernier.", "mercredi dernier", "2023-11-15", "day"),
    # yesterday / today / last night
    ("nl", "Gisteren werden twee mensen gedood.", "Gisteren", "2023-11-21", "day"),
    ("nl", "Vandaag begint de top.", "Vandaag", "2023-11-22", "day"),
    ("nl", "Vannacht vielen er bommen.", "Vannacht", "2023-11-22", "day"),
    ("en", "Protesters gathered yesterday.", "yesterday", "2023-11-21", "day"),
    ("en", "The summit opens today.", "today", "2023-11-22", "day"),
    ("en", "Shelling resumed last night.", "last night", "2023-11-22", "day"),
    ("de", "Gestern wurden zwei Soldaten getötet.", "Gestern", "2023-11-21", "day"),
    ("de", "Heute beginnt der Gipfel.", "Heute", "2023-11-22", "day"),
    ("de", "Heute Morgen explodierte eine Bombe.", "Heute Morgen", "2023-11-22", "day"),
    ("fr", "Le ministre a démissionné hier.", "hier", "2023-11-21", "day"),
    ("fr", "Hier soir, des tirs ont été entendus.", "Hier soir", "2023-11-21", "day"),
    ("fr", "Le sommet s'ouvre aujourd'hui.", "aujourd'hui", "2023-11-22", "day"),
    ("fr", "Le sommet s’ouvre aujourd’hui.", "aujourd’hui", "2023-11-22", "day"),
    ("fr", "Cette nuit, des roquettes sont tombées.", "Cette nuit", "2023-11-22", "day"),
    # weeks
    ("nl", "Vorige week kwamen de ministers bijeen.", "Vorige week", "2023-11-13/2023-11-19", "week"),
    ("nl", "Deze week wordt er gestemd.", "Deze week", "2023-11-20/2023-11-22", "week"),
    ("en", "Ministers met last week in Geneva.", "last week", "2023-11-13/2023-11-19", "week"),
    ("en", "A vote is expected this week.", "this week", "2023-11-20/2023-11-22", "week"),
    ("de", "Vergangene Woche trafen sich die Minister.", "Vergangene Woche", "2023-11-13/2023-11-19", "week"),
    ("de", "Letzte Woche gab es Proteste.", "Letzte Woche", "2023-11-13/2023-11-19", "week"),
    ("de", "Diese Woche wird abgestimmt.", "Diese Woche", "2023-11-20/2023-11-22", "week"),
    ("fr", "La semaine dernière, les ministres se sont réunis.", "La semaine dernière", "2023-11-13/2023-11-19", "week"),
    ("fr", "Un vote est prévu cette semaine.", "cette semaine", "2023-11-20/2023-11-22", "week"),
    # N units ago
    ("nl", "Een week geleden werd hij ontvoerd.", "Een week geleden", "2023-11-15", "day"),
    ("nl", "Drie dagen geleden vielen er doden.", "Drie dagen geleden", "2023-11-19", "day"),
    ("nl", "Twee maanden geleden begon de oorlog.", "Twee maanden geleden", "2023-09", "month"),
    ("en", "He was kidnapped a week ago.", "a week ago", "2023-11-15", "day"),
    ("en", "Fighting broke out three days ago.", "three days ago", "2023-11-19", "day"),
    ("en", "The war began 2 years ago.", "2 years ago", "2021", "year"),
    ("de", "Vor einer Woche wurde er entführt.", "Vor einer Woche", "2023-11-15", "day"),
    ("de", "Vor drei Tagen begannen die Kämpfe.", "Vor drei Tagen", "2023-11-19", "day"),
    ("fr", "Il a été enlevé il y a une semaine.", "il y a une semaine", "2023-11-15", "day"),
    ("fr", "Les combats ont éclaté il y a trois jours.", "il y a trois jours", "2023-11-19", "day"),
    # the past month / last month / past 24 hours / recent weeks
    ("nl", "De afgelopen maand vielen er honderden doden.", "De afgelopen maand", "2023-10-22/2023-11-22", "interval"),
    ("nl", "Vorige maand werd een bestand gesloten.", "Vorige maand", "2023-10", "month"),
    ("nl", "In de afgelopen 24 uur vielen twaalf doden.", "de afgelopen 24 uur", "2023-11-21/2023-11-22", "interval"),
    ("nl", "De afgelopen weken nam het geweld toe.", "De afgelopen weken", "2023-11-01/2023-11-22", "interval"),
    ("en", "Hundreds died over the past month.", "the past month", "2023-10-22/2023-11-22", "interval"),
    ("en", "A truce was agreed last month.", "last month", "2023-10", "month"),
    ("en", "Twelve people died in the past 24 hours.", "the past 24 hours", "2023-11-21/2023-11-22", "interval"),
    ("en", "Violence has increased in recent weeks.", "recent weeks", "2023-11-01/2023-11-22", "interval"),
    ("de", "Im vergangenen Monat wurde ein Waffenstillstand vereinbart.", "Im vergangenen Monat", "2023-10", "month"),
    ("de", "Letzten Monat gab es Wahlen.", "Letzten Monat", "2023-10", "month"),
    ("de", "In den vergangenen 24 Stunden starben zwölf Menschen.", "In den vergangenen 24 Stunden",
     "2023-11-21/2023-11-22", "interval"),
    ("de", "In den vergangenen Wochen nahm die Gewalt zu.", "In den vergangenen Wochen", "2023-11-01/2023-11-22",
     "interval"),
    ("fr", "Une trêve a été conclue le mois dernier.", "le mois dernier", "2023-10", "month"),
    ("fr", "Douze personnes sont mortes ces dernières 24 heures.", "ces dernières 24 heures",
     "2023-11-21/2023-11-22", "interval"),
    ("fr", "La violence a augmenté ces dernières semaines.", "ces dernières semaines", "2023-11-01/2023-11-22",
     "interval"),
    # months
    ("nl", "In januari 2020 brak de opstand uit.", "januari 2020", "2020-01", "month"),
    ("nl", "In oktober namen rebellen de stad in.", "oktober", "2023-10", "month"),
    ("nl", "Eind oktober werd de stad ingenomen.", "Eind oktober", "2023-10-21/2023-10-31", "interval"),
    ("nl", "Begin november werd er onderhandeld.", "Begin november", "2023-11-01/2023-11-10", "interval"),
    ("nl", "Half november volgde een bestand.", "Half november", "2023-11-11/2023-11-20", "interval"),
    ("nl", "Medio november volgde een bestand.", "Medio november", "2023-11-11/2023-11-20", "interval"),
    ("nl", "Eind oktober 2023 viel de stad.", "Eind oktober 2023", "2023-10-21/2023-10-31", "interval"),
    ("nl", "In oktober vorig jaar viel de stad.", "oktober vorig jaar", "2022-10", "month"),
    ("en", "The uprising began in January 2020.", "January 2020", "2020-01", "month"),
    ("en", "Rebels took the town in October.", "October", "2023-10", "month"),
    ("en", "The town fell in late October.", "late October", "2023-10-21/2023-10-31", "interval"),
    ("en", "Talks resumed in early November.", "early November", "2023-11-01/2023-11-10", "interval"),
    ("en", "A truce followed in mid-November.", "mid-November", "2023-11-11/2023-11-20", "interval"),
    ("de", "Im Januar 2020 begann der Aufstand.", "Januar 2020", "2020-01", "month"),
    ("de", "Im Oktober eroberten Rebellen die Stadt.", "Oktober", "2023-10", "month"),
    ("de", "Ende Oktober fiel die Stadt.", "Ende Oktober", "2023-10-21/2023-10-31", "interval"),
    ("de", "Anfang November wurde verhandelt.", "Anfang November", "2023-11-01/2023-11-10", "interval"),
    ("de", "Mitte November folgte eine Waffenruhe.", "Mitte November", "2023-11-11/2023-11-20", "interval"),
    ("de", "Im März wurde gewählt.", "März", "2023-03", "month"),
    ("fr", "Le soulèvement a commencé en janvier 2020.", "janvier 2020", "2020-01", "month"),
    ("fr", "Les rebelles ont pris la ville en octobre.", "octobre", "2023-10", "month"),
    ("fr", "La ville est tombée fin octobre.", "fin octobre", "2023-10-21/2023-10-31", "interval"),
    ("fr", "Les pourparlers ont repris début novembre.", "début novembre", "2023-11-01/2023-11-10", "interval"),
    ("fr", "Une trêve a suivi à la mi-novembre.", "à la mi-novembre", "2023-11-11/2023-11-20", "interval"),
    ("fr", "Élu en fevrier 2020, il a démissionné.", "fevrier 2020", "2020-02", "month"),
    ("fr", "Élu en février 2020, il a démissionné.", "février 2020", "2020-02", "month"),
    # day + month
    ("nl", "Op 7 oktober viel Hamas Israël aan.", "7 oktober", "2023-10-07", "day"),
    ("nl", "Op 7 oktober 2023 viel Hamas Israël aan.", "7 oktober 2023", "2023-10-07", "day"),
    ("nl", "De top begint op 25 november.", "25 november", "2023-11-25", "day"),
    ("nl", "Het bestand ging in op 30 november.", "30 november", "2022-11-30", "day"),
    ("nl", "Dinsdag 7 november werd er gestemd.", "Dinsdag 7 november", "2023-11-07", "day"),
    ("nl", "Op 7 en 8 oktober werd er gevochten.", "7 en 8 oktober", "2023-10-07/2023-10-08", "interval"),
    ("nl", "Op 7 okt. 2023 begon het.", "7 okt. 2023", "2023-10-07", "day"),
    ("en", "Hamas attacked Israel on October 7.", "October 7", "2023-10-07", "day"),
    ("en", "Hamas attacked Israel on 7 October.", "7 October", "2023-10-07", "day"),
    ("en", "Hamas attacked Israel on October 7, 2023.", "October 7, 2023", "2023-10-07", "day"),
    ("en", "It began on the 7th of October.", "7th of October", "2023-10-07", "day"),
    ("en", "It began on Oct. 7, 2023.", "Oct. 7, 2023", "2023-10-07", "day"),
    ("de", "Am 7. Oktober griff die Hamas Israel an.", "7. Oktober", "2023-10-07", "day"),
    ("de", "Gewählt wird am 27. Oktober 2025.", "27. Oktober 2025", "2025-10-27", "day"),
    ("de", "Am Dienstag, 7. November, wurde gestimmt.", "Dienstag, 7. November", "2023-11-07", "day"),
    ("de", "Am Montag, den 20. November, sagte er.", "Montag, den 20. November", "2023-11-20", "day"),
    ("fr", "Lundi 20 novembre, il a parlé.", "Lundi 20 novembre", "2023-11-20", "day"),
    ("en", "On Tuesday, November 21, 2023 it rained.", "Tuesday, November 21, 2023", "2023-11-21", "day"),
    ("fr", "Le Hamas a attaqué Israël le 7 octobre.", "7 octobre", "2023-10-07", "day"),
    ("fr", "Paris, le 26 mai 2018, des milliers de manifestants.", "26 mai 2018", "2018-05-26", "day"),
    ("fr", "Le 1er mai, les syndicats ont défilé.", "1er mai", "2023-05-01", "day"),
    ("fr", "Le 3 août 2021, la ville est tombée.", "3 août 2021", "2021-08-03", "day"),
    # bare years after a preposition / in "of/van/de/von/im Jahr" phrases
    ("nl", "In 2006 werd de partij opgericht.", "2006", "2006", "year"),
    ("nl", "Sinds 2014 woedt de oorlog.", "2014", "2014", "year"),
    ("nl", "Na de Amerikaanse invasie van 2003 viel het land uiteen.", "2003", "2003", "year"),
    ("nl", "De partij werd in 1982 opgericht.", "1982", "1982", "year"),
    ("nl", "Tussen 2003 en 2005 werd er gevochten.", "2003 en 2005", "2003/2005", "interval"),
    ("nl", "Eind 2023 moet het klaar zijn.", "Eind 2023", "2023-09/2023-12", "interval"),
    ("en", "The party was founded in 2006.", "2006", "2006", "year"),
    ("en", "The war has raged since 2014.", "2014", "2014", "year"),
    ("en", "After the invasion of 2003 the country collapsed.", "2003", "2003", "year"),
    ("en", "Fighting lasted from 2003 to 2005.", "2003 to 2005", "2003/2005", "interval"),
    ("en", "Elections are due in late 2024.", "late 2024", "2024-09/2024-12", "interval"),
    ("de", "Im Jahr 2006 wurde die Partei gegründet.", "2006", "2006", "year"),
    ("de", "Seit 2014 herrscht Krieg.", "2014", "2014", "year"),
    ("de", "Die Partei wurde 2006 gegründet, im Jahr 2006 also.", "2006", "2006", "year"),
    ("fr", "Le parti a été fondé en 2006.", "2006", "2006", "year"),
    ("fr", "La guerre fait rage depuis 2014.", "2014", "2014", "year"),
    ("fr", "Depuis l'invasion de 2003, le pays est divisé.", "2003", "2003", "year"),
    # decades
    ("nl", "In de jaren 80 was het rustig.", "jaren 80", "1980/1989", "interval"),
    ("nl", "In de jaren tachtig was het rustig.", "jaren tachtig", "1980/1989", "interval"),
    ("en", "In the 1980s the region was calm.", "1980s", "1980/1989", "interval"),
    ("en", "In the '80s the region was calm.", "the '80s", "1980/1989", "interval"),
    ("de", "In den 1980er Jahren war es ruhig.", "1980er Jahren", "1980/1989", "interval"),
    ("fr", "Dans les années 1980, la région était calme.", "années 1980", "1980/1989", "interval"),
    ("fr", "Dans les années 80, la région était calme.", "années 80", "1980/1989", "interval"),
    # ISO and numeric dates
    ("nl", "Op 2023-11-21 viel de stad.", "2023-11-21", "2023-11-21", "day"),
    ("nl", "Op 21-11-2023 viel de stad.", "21-11-2023", "2023-11-21", "day"),
    ("de", "Am 21.11.2023 fiel die Stadt.", "21.11.2023", "2023-11-21", "day"),
    ("fr", "Le 21/11/2023, la ville est tombée.", "21/11/2023", "2023-11-21", "day"),
    ("en", "The city fell on 11/21/2023.", "11/21/2023", "2023-11-21", "day"),
    ("en", "The city fell on 11/10/2023.", "11/10/2023", "2023-11-10", "day"),
    ("en", "The city fell on 21/11/2023.", "21/11/2023", "2023-11-21", "day"),
    ("en", "Updated 2023-11-21T10:00:00Z by staff.", "2023-11-21", "2023-11-21", "day"),
]


@pytest.mark.parametrize("lang,sentence,text,value,precision", CASES)
def test_resolves(lang, sentence, text, value, precision):
    m = one(lang, sentence)
    assert (m.text, m.value, m.precision) == (text, value, precision)


RELATIVE = [("nl", "Gisteren was het raak.", True), ("nl", "In januari 2020 begon het.", False),
            ("en", "On October 7 it began.", True), ("en", "On October 7, 2023 it began.", False),
            ("de", "Im Jahr 2006.", False), ("fr", "Mardi soir.", True)]


@pytest.mark.parametrize("lang,sentence,relative", RELATIVE)
def test_relative_flag(lang, sentence, relative):
    assert one(lang, sentence).relative is relative


# nothing to find
NOTHING = [
    ("en", "Parliament passed the Finance Bill 2024 after a long debate."),
    ("en", "The 2024 budget was rejected."),
    ("en", "A total of 2000 people were evacuated."),
    ("en", "It may rain later."),
    ("nl", "Het incident gebeurde om 9:28 uur."),
    ("nl", "De vergadering begon om 15.00 uur."),
    ("nl", "Hier is het rustig, zei hij."),
    ("nl", "Ze woont hier al jaren."),
    ("nl", "De afgelopen jaren is er veel veranderd."),
    ("nl", "Hij kreeg een boete van 2000 euro."),
    ("nl", "De Morgen meldt dat de minister aftreedt."),
    ("de", "260.000 Zivilisten sind auf der Flucht."),
    ("de", "Am Morgen wurde geschossen."),
    ("fr", "Plus de 2000 personnes ont fui."),
    ("fr", "Les 260 000 habitants ont fui."),
]


@pytest.mark.parametrize("lang,sentence", NOTHING)
def test_no_match(lang, sentence):
    assert resolver(lang).find(sentence, PUB) == []


def test_dutch_data_has_no_hier():
    data = resources.load("nl/dates.yaml")
    assert "hier" not in repr(data).lower().replace("hierna", "")
    found = resolver("fr").find("Le ministre est arrivé hier à Paris.", PUB)
    assert [(m.text, m.value) for m in found] == [("hier", "2023-11-21")]


# publication date with month precision
MONTH_PUB = [
    ("nl", "Dinsdag werd er gevochten.", "2018-12", "month"),
    ("en", "Fighting broke out on Tuesday.", "2018-12", "month"),
    ("de", "Am Dienstag wurde gekämpft.", "2018-12", "month"),
    ("fr", "Mardi soir, des combats ont éclaté.", "2018-12", "month"),
    ("nl", "Een week geleden werd hij ontvoerd.", "2018-11/2018-12", "interval"),
    ("en", "He was kidnapped a week ago.", "2018-11/2018-12", "interval"),
    ("de", "Vor einer Woche wurde er entführt.", "2018-11/2018-12", "interval"),
    ("fr", "Il a été enlevé il y a une semaine.", "2018-11/2018-12", "interval"),
    ("nl", "Vorige maand werd er gestemd.", "2018-11", "month"),
    ("en", "Last month the vote took place.", "2018-11", "month"),
    ("nl", "Gisteren werd er gestemd.", "2018-12", "month"),
    ("nl", "Op 7 december werd er gestemd.", "2018-12-07", "day"),
    ("en", "In October the town fell.", "2018-10", "month"),
    ("de", "Vergangene Woche trafen sich die Minister.", "2018-11/2018-12", "interval"),
    ("nl", "Vorig jaar viel de stad.", "2017", "year"),
]


@pytest.mark.parametrize("lang,sentence,value,precision", MONTH_PUB)
def test_month_precision_publication(lang, sentence, value, precision):
    m = one(lang, sentence, "2018-12")
    assert (m.value, m.precision) == (value, precision)


def test_year_precision_publication():
    m = one("en", "Fighting broke out on Tuesday.", "2018")
    assert (m.value, m.precision) == ("2018", "year")
    m = one("en", "Fighting broke out last month.", "2018")
    assert (m.value, m.precision) == ("2017/2018", "interval")


@pytest.mark.parametrize("lang,sentence", [
    ("nl", "Dinsdag werd er gevochten, gisteren ook, en vorige week."),
    ("en", "On Tuesday, yesterday and last week, and in October and on October 7."),
    ("de", "Am Dienstag und gestern und vor drei Tagen."),
    ("fr", "Mardi soir, hier et la semaine dernière."),
])
def test_no_publication_date_no_relative(lang, sentence):
    assert resolver(lang).find(sentence, None) == []


def test_absolute_without_publication_date():
    found = resolver("nl").find("Op 7 oktober 2023 en in 2006, maar dinsdag niet.", None)
    assert [(m.value, m.relative) for m in found] == [("2023-10-07", False), ("2006", False)]


def test_longest_match_and_no_overlap():
    found = resolver("nl").find("Eind oktober 2023 en dinsdag 7 november 2023 om 9:28 uur.", PUB)
    assert [m.text for m in found] == ["Eind oktober 2023", "dinsdag 7 november 2023"]
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def test_offsets_with_start_end():
    text = "Eerste zin. Gisteren viel de stad. Vorige week niet."
    s = text.index("Gisteren")
    e = text.index(" Vorige")
    found = resolver("nl").find(text, PUB, s, e)
    assert [(m.start, m.end, m.text) for m in found] == [(s, s + 8, "Gisteren")]
    assert text[found[0].start:found[0].end] == "Gisteren"


def test_several_in_one_sentence():
    found = resolver("en").find("On Tuesday, a week after the October 7 attack, troops who had arrived in 2006 left.",
                                PUB)
    assert [(m.text, m.value) for m in found] == [("Tuesday", "2023-11-21"), ("October 7", "2023-10-07"),
                                                  ("2006", "2006")]


def test_unknown_language_falls_back():
    r = resolver("xx")
    assert isinstance(r, DateResolver) and r.data_lang == "en"
    assert [m.value for m in r.find("It happened yesterday.", PUB)] == ["2023-11-21"]


def test_dateparser_fallback_for_other_language():
    found = resolver("es").find("El ataque ocurrió el 7 de octubre de 2023 en Gaza.", PUB)
    assert [(m.text, m.value, m.precision) for m in found] == [("7 de octubre de 2023", "2023-10-07", "day")]


def test_resolver_is_cached():
    assert resolver("nl") is resolver("nl")


PUBLISHED = [
    ("Update: 22 november 2023 9:28 uur\nHet leger viel gisteren aan.", "nl", "2023-11-22"),
    ("Gepubliceerd op 21-11-2023, 10:15\nDe regering ...", "nl", "2023-11-21"),
    ("Berlin, 27. Oktober 2025\nDie Regierung erklärte am Dienstag ...", "de", "2025-10-27"),
    ("Dans le cortège parisien à Paris le 26 mai 2018, des milliers de personnes.", "fr", "2018-05-26"),
    ("Published June 25, 2024\nThe government said on Tuesday ...", "en", "2024-06-25"),
    ("2024-06-25T08:00:00Z\nThe government said ...", "en", "2024-06-25"),
    ("By Staff. Published June 25, 2024. Updated June 26, 2024.", None, "2024-06-25"),
    ("Veröffentlicht am 27.10.2025 um 10:00 Uhr", None, "2025-10-27"),
    ("Mis à jour le 3 août 2021 à 12h", None, "2021-08-03"),
    ("Rebels attacked the town in 2006 and again last week.", "en", None),
    ("", None, None),
]


@pytest.mark.parametrize("text,lang,expected", PUBLISHED)
def test_parse_published(text, lang, expected):
    assert parse_published(text, lang) == expected


def test_speed_800_words():
    para = ("The government said on Tuesday that more than 260,000 people had fled since 2014 . Ministers met in "
            "Geneva last week , while in October rebels seized the town and three days ago attacked a convoy . "
            "The talks were described by diplomats as difficult but constructive , and several delegations asked "
            "for more time to consult their governments . Aid agencies warned that the situation in the region "
            "was deteriorating quickly as fuel and medicine ran short . ")
    words = (para * 20).split()[:800]
    text = " ".join(words)
    r = resolver("en")
    r.find(text, PUB)
    t = time.perf_counter()
    for _ in range(20):
        r.find(text, PUB)
    assert (time.perf_counter() - t) / 20 < 0.02  # generous bound for slow CI; measured ~1-3 ms
