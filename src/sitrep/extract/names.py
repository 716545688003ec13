"""Unknown names: persons and organisations found from the text and the tree, and spelling variants of known ones.

A mixin of :class:`~sitrep.extract.actors.ActorFinder` (it reads the finder's
registry): capitalised runs next to a role or a speech verb ("minister Lloyd
Austin", "zei Osama Hamdan"), proper-noun spans whose head or dependent is a
role word (the tree), registry names under another transliteration
("Kata'ib Hizballah"), and the short forms a person is named by later.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .analysis import Analysis
from .lexicon import Lexicon
from .registry import ActorRegistry
from .syntax import dep

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zà-öø-ÿ"
# One word of a personal name: capitalised, letters, inner apostrophes or hyphens ("O'Neill", "Al-Sharaa").
NAME_WORD = rf"[{UPPER}][{LOWER}]+(?:['-][{UPPER}{LOWER}][{LOWER}]+)*"

# A personal name has at most this many words once the role before it is cut off ("Abu Mahdi al-Muhandis").
MAX_NAME_WORDS = 4
ARTICLE_WORDS = {"de", "het", "een", "the", "a", "an", "der", "die", "das", "le", "la", "les", "l", "un", "une", "ein", "eine"}


@lru_cache(maxsize=None)
def name_regex(particles: tuple[str, ...]) -> re.Pattern[str]:
    """Capitalised runs of up to six words with particles, from which a name of two to four words is cut:
    'Jaafar al-Husseini', 'Ursula von der Leyen', 'Deputy Treasury Secretary Rachel Morgan'."""
    part = "|".join(sorted((re.escape(p) for p in particles), key=len, reverse=True)) or "x^"
    word = rf"(?:(?:{part})[- ])?{NAME_WORD}"
    return re.compile(rf"(?<![\w'-]){NAME_WORD}(?: {word}){{1,5}}(?![\w])")


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words of the language: a capitalised one at a sentence start is no name."""
    try:
        import spacy.util

        return frozenset(spacy.util.get_lang_class(lang).Defaults.stop_words)
    except Exception:  # unknown language code: spaCy raises a plain Exception subclass per lookup path
        return frozenset()


class NameFinding:
    """Name finding of the actor finder (``self.registry`` is the finder's)."""

    def _part_of_longer_name(self, text: str, s: int, e: int, rid: str) -> bool:
        """'Abbas al-Zaidi', 'Ali Hamdan': a one-word person alias inside another person's full name."""
        entry = self.registry.get(rid)
        if entry is None or entry.kind != "person" or " " in text[s:e]:
            return False
        return bool(re.match(rf"\s+(?:(?:al|el|bin|ibn|abu)[- ])?[{UPPER}][{LOWER}]", text[e:e + 30])
                    or re.search(rf"(?<![.!?]\s)\b[{UPPER}][{LOWER}]+\s+$", text[max(0, s - 30):s])
                    and not re.search(r"(?:^|\n|[.!?]\s+)[\w'-]+\s+$", text[max(0, s - 30):s]))

    def _skeleton_hits(self, text: str) -> list[tuple[int, int, str]]:
        """Registry names spelled another way: 'Kata'ib Hizballah' for 'Kataib Hezbollah'."""
        index = skeleton_index()
        hits: list[tuple[int, int, str]] = []
        for m in CANDIDATE_NAME.finditer(text):
            words_ = [(w.start(), w.end()) for w in re.finditer(r"\S+", m.group())]
            done = False
            for size in range(len(words_), 1, -1):
                for i in range(len(words_) - size + 1):
                    s, e = m.start() + words_[i][0], m.start() + words_[i + size - 1][1]
                    rid = index.get(skeleton(text[s:e]))
                    if rid:
                        hits.append((s, e, rid))
                        done = True
                        break
                if done:
                    break
        return hits

    @staticmethod
    @lru_cache(maxsize=None)
    def _modifier_regex(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
        nouns = [lex.data.get("force_nouns") or "x^"]
        nouns += [t for t in (lex.data.get("titles") or {}).values()]
        nouns += [c["re"] for c in lex.data.get("event_cues", []) if c.get("noun")]
        alt = "|".join(f"(?:{n})" for n in nouns)
        return (re.compile(rf"[\s-]+(?:\w+[\s-]+)?(?:{alt})(?!\w)", re.IGNORECASE),
                re.compile(rf"(?<![\w'-])(?:{alt})\s+$", re.IGNORECASE))

    def _text_names(self, an: Analysis) -> list[tuple[int, int, str]]:
        """Capitalised names next to a role or speech verb; organisation names with an org head word."""
        lex, text = an.lex, an.norm
        rx = name_regex(tuple(lex.name_particles))
        out: list[tuple[int, int, str]] = []
        cue_titles = lex.person_cues
        stops = stop_words(lex.lang)
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            # strip leading title words that are capitalised ("President Volodymyr Zelensky")
            while True:
                first = re.match(r"[\w'-]+ ", text[s:e])
                w = first.group().strip() if first else ""
                if first and (cue_titles.fullmatch(w) or w.lower() in ARTICLE_WORDS or w.lower() in stops
                              or lex.according_to.fullmatch(w)):
                    s += first.end()
                else:
                    break
            # "Deputy Treasury Secretary Rachel Morgan", "Ministeriumssprecher Tomasz Nowak": the name follows the role
            parts = list(re.finditer(r"\S+", text[s:e]))
            for i, w in enumerate(parts[:-2]):
                if cue_titles.fullmatch(w.group()) or _ends_with_role(w.group(), lex):
                    s = s + parts[i + 1].start()
            if not 2 <= len(text[s:e].split()) <= MAX_NAME_WORDS:
                continue
            words_ = text[s:e].split()
            if lex.data.get("capitalised_nouns") and any(lex.event_cues_any.search(w) for w in words_):
                continue  # German: "Luftangriff Bagdad" is two nouns, not a name
            # "Office of Foreign Assets Control", "Ministerie van Buitenlandse Zaken": the head comes first
            head = re.search(r"([A-ZÀ-Þ][\w-]+) (?:of|van|für|de|des|du|of the) $", text[max(0, s - 40):s])
            if head and head.group(1) in lex.org_heads:
                out.append((s - len(head.group()), e, "organization"))
                continue
            if any(w in lex.org_heads for w in words_) and not lex.data.get("capitalised_nouns"):
                out.append((s, e, "organization"))
                continue
            before, after = text[max(0, s - 60):s], text[e:e + 60]
            if (re.search(rf"(?:{lex.data.get('person_cues', 'x^')})(?:\s+(?:{lex.data.get('title_of', 'x^')})\s+[^,.;:]{{1,45}}?)?,?\s+$", before, re.I)
                    or re.match(rf",\s+(?:\w+\s+){{0,3}}(?:{lex.data.get('person_cues', 'x^')})\b", after, re.I)
                    or re.search(rf"\b(?:{lex.data.get('speech_verbs', 'x^')})\s+$", before, re.I)
                    or re.match(rf"\s+(?:{lex.data.get('speech_verbs', 'x^')})\b", after, re.I)
                    or re.match(r",\s+(?:who|die|der|qui|wie)\b", after, re.I)):
                out.append((s, e, "person"))
        return out

    def _inside_person_name(self, an: Analysis, s: int, e: int, rid: str) -> bool:
        """An organisation's alias that is the last part of a personal name in the tree ("Thérèse Kayikwamba
        Wagner" is no Wagner Group): the alias is a flat:name part of a proper noun before it."""
        doc = an.doc
        entry = self.registry.get(rid)
        if doc is None or not doc.has_annotation("DEP") or entry is None or entry.kind == "person":
            return False
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            return False
        head = span.root
        prev = doc[span.start - 1] if span.start > 0 else None
        if prev is None or prev.pos_ != "PROPN" or an.lex.person_cues.fullmatch(prev.lower_):
            return False
        # UD: the alias hangs on the name before it (flat:name); ClearNLP: the name's parts hang on the alias
        return (dep(head) in ("flat", "flat:name") and head.head.i < span.start) or (
            prev.head.i == head.i and dep(prev) == "compound")

    @staticmethod
    def _tree_names(an: Analysis) -> list[tuple[int, int]]:
        """Persons by the tree: a proper-noun span whose head is a role word, or that has one ("minister van
        Binnenlandse Zaken Igor Klimenko", "burgemeester Halsema", "Ahmed Wahbi, een militaire leider")."""
        doc = an.doc
        if doc is None or not doc.has_annotation("DEP"):
            return []
        cues = an.lex.person_cues
        out: list[tuple[int, int]] = []
        for tok in doc:
            if tok.pos_ != "PROPN" or dep(tok) in ("flat", "flat:name") or not tok.is_title:
                continue
            parts = [tok] + [c for c in tok.children if dep(c) in ("flat", "flat:name") and c.pos_ == "PROPN"]
            parts.sort(key=lambda t: t.i)
            while parts[0].i > 0:  # "Babagana Zulum" as compound + head (the English scheme): the first name too
                prev = doc[parts[0].i - 1]
                if prev.head.i != tok.i or dep(prev) != "compound" or prev.pos_ != "PROPN" or not prev.is_title \
                        or not prev.is_alpha or cues.fullmatch(prev.lower_):
                    break
                parts.insert(0, prev)
            links = set(an.lex.data.get("name_links") or ())
            while parts[-1].i + 1 < len(doc):  # "Igor Klimenko" where the parser hung the surname elsewhere
                nxt = doc[parts[-1].i + 1]
                after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
                if nxt.lower_ in links and after is not None and after.pos_ == "PROPN" and after.is_title \
                        and after.head in parts:
                    parts += [nxt, after]  # "Heinrich von Baltz" read as "Heinrich" of "Baltz"
                    continue
                if nxt.pos_ != "PROPN" or not nxt.is_title or not (nxt.head in parts or parts[-1].head == nxt):
                    break
                parts.append(nxt)
            if parts[-1].i - parts[0].i + 1 != len(parts) or len(parts) > MAX_NAME_WORDS:
                continue  # not one contiguous name
            if any(cues.fullmatch(p.lower_) or _ends_with_role(p.lower_, an.lex) or not p.is_alpha for p in parts):
                continue  # "Prime Minister", "Lt.": a capitalised title is no name
            related = [tok.head] if dep(tok) in ("appos", "nmod", "compound", "flat", "nsubj") else []
            related += [c for p in parts for c in p.children if dep(c) in ("appos", "compound", "amod", "nmod")
                        and c not in parts]
            if any(cues.fullmatch(r.lower_) or _ends_with_role(r.lower_, an.lex) for r in related if r.i != tok.i):
                out.append((parts[0].idx, parts[-1].idx + len(parts[-1].text)))
        return out


CANDIDATE_NAME = re.compile(rf"(?<![\w'-])(?:(?:[aA]l|[eE]l)-)?[{UPPER}][\w'-]*(?:\s(?:(?:[aA]l|[eE]l)-)?[{UPPER}][\w'-]*){{1,3}}")
_VOWELS = re.compile(r"[aeiouy]")


def skeleton(name: str) -> str:
    """A spelling-tolerant key for transliterated names: per word, first letter and consonants,
    doubled letters and a final h dropped ('Kata'ib Hizballah' and 'Kataib Hezbollah' -> 'ktb hzbl')."""
    import unicodedata

    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()
    out = []
    for w in re.sub(r"['\-]", "", folded).split():
        core = w[0] + _VOWELS.sub("", w[1:])
        core = re.sub(r"(.)\1+", r"\1", core).rstrip("h") or core
        out.append(core)
    return " ".join(out)


@lru_cache(maxsize=1)
def skeleton_index() -> dict[str, str]:
    """Skeletons of the registry's multi-word names of groups and persons; ambiguous skeletons are left out."""
    reg = ActorRegistry.default()
    index: dict[str, str] = {}
    clash: set[str] = set()
    for alias, rid in reg.names():
        entry = reg.get(rid)
        if entry is None or entry.kind in ("state", "other") or len(alias.split()) < 2 or not alias[:1].isupper() \
                and not alias.lower().startswith(("al-", "el-")):
            continue
        key = skeleton(alias)
        if len(key.replace(" ", "")) < 5:
            continue
        if index.get(key, rid) != rid:
            clash.add(key)
        index[key] = rid
    for key in clash:
        index.pop(key, None)
    return index


def _ends_with_role(word: str, lex: Lexicon) -> bool:
    """Dutch and German compounds end in their role: 'politiewoordvoerder', 'Ministeriumssprecher'."""
    low = word.lower()
    return any(low.endswith(c) and len(low) > len(c) + 2 for c in _role_words(lex))


@lru_cache(maxsize=None)
def _role_words(lex: Lexicon) -> tuple[str, ...]:
    return tuple(w for w in (lex.data.get("person_cues") or "").lower().split("|") if len(w) >= 6 and w.isalpha())


def _short_forms(name: str, lex: Lexicon) -> list[str]:
    """'Jaafar al-Husseini' -> ['al-Husseini', 'Husseini']; 'Osama Hamdan' -> ['Hamdan']."""
    parts = name.split()
    if len(parts) < 2:
        return []
    last = parts[-1]
    forms = [last]
    m = re.match(r"(?:al|el|ad|as|ash|an)-(.+)", last, re.IGNORECASE)
    if m:
        forms.append(m.group(1))
    if len(parts) >= 3 and parts[-2].lower() in lex.name_particles:
        forms.append(" ".join(parts[-2:]))
    return [f for f in forms if len(f) > 2]


__all__ = ["ActorFinder", "name_regex", "words"]
