"""The extraction pipeline: a spaCy ``Language`` per language with sitrep's own components.

spaCy is the frame: each language's trained pipeline (tokenizer, tagger,
lemmatizer, dependency parser, NER where it has one; :mod:`sitrep.extract.syntax`)
after sitrep's own sentence segmentation, then components registered by name
that each annotate the one ``Doc`` (``doc._.sitrep``, an
:class:`~sitrep.extract.analysis.Analysis`).  A language without a trained
pipeline gets a blank tokenizer and the components work without a parse.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps

from . import plugins
from .errors import MAX_DOCUMENT_CHARS, InputError
from .extract.actors import ActorFinder
from .extract.analysis import Analysis
from .extract.dates import parse_published, resolver
from .extract.events import EventFinder
from .extract.language import detect_language
from .extract.lexicon import get_lexicon
from .extract.matching import normalise
from .extract.output import to_document
from .extract.places import Gazetteer
from .extract.quotes import QuoteFinder
from .extract.relations import RelationFinder
from .extract.syntax import label_table, model_path
from .extract.text import find_boilerplate, find_datelines
from .ingest.normalise import analysis_language, break_long_tokens, clean_text, language_code
from .model import AnalysedDocument

log = logging.getLogger(__name__)

if not Doc.has_extension("sitrep"):
    Doc.set_extension("sitrep", default=None)

# Trained components sitrep does not run: sentences are its own (FRAME), and names come from the tree, the
# registry and the speech verbs; a statistical NER costs a third of the English pipeline's time.
EXCLUDED = ("senter", "ner")
# Before the trained components: sentences that sitrep decides (line breaks, punctuation), cut where too long.
FRAME = ("sitrep_paragraphs", "sentencizer", "sitrep_cut_long")
COMPONENTS = ("sitrep_places", "sitrep_dates", "sitrep_actors", "sitrep_quotes", "sitrep_events", "sitrep_relations")
# thinc multiplies with blis by default; on a CPU blis 1.3 has no tuned kernel for (the AMD EPYC of the benchmark
# VM) its small matrix products run three times slower than numpy's OpenBLAS, single-threaded: bench/ measured
# 5,441-5,577 -> 6,305-6,839 words/s there (bench/README.md), with the output on the dev set byte-identical
CPU_OPS = NumpyOps(use_blis=False)


def _component(fn: Callable[[Analysis], None]) -> Callable[[Doc], Doc]:
    def run(doc: Doc) -> Doc:
        an = doc._.sitrep
        if an is not None:
            if not an.entities and doc.has_annotation("ENT_IOB"):
                an.entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            fn(an)
        return doc
    return run


@Language.component("sitrep_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A line break always ends a sentence (headlines, captions and list items have no full stop)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


@Language.factory("sitrep_places")
def make_places(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    gaz = Gazetteer.default()

    def places(an: Analysis) -> None:
        an.places = gaz.find(an.norm)
    return _component(places)


@Language.factory("sitrep_dates")
def make_dates(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def dates(an: Analysis) -> None:
        found = resolver(an.lang).find(an.norm, an.published)
        an.dates = [d for d in found if not any(x.start <= d.start < x.end for x in an.datelines)]
    return _component(dates)


@Language.factory("sitrep_actors")
def make_actors(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return _component(ActorFinder())


@Language.factory("sitrep_quotes", default_config={"include_indirect": True})
def make_quotes(nlp: Language, name: str, include_indirect: bool) -> Callable[[Doc], Doc]:
    return _component(QuoteFinder(include_indirect=include_indirect))


@Language.factory("sitrep_events")
def make_events(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return _component(EventFinder())


@Language.factory("sitrep_relations")
def make_relations(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return _component(RelationFinder())


def load_trained(lang: str) -> Language | None:
    """The language's trained pipeline: its model folder in resources, else an installed package."""
    path = model_path(lang)
    name = str(path) if path else plugins.trained_models.get(lang)
    if not name:
        return None
    try:
        nlp = spacy.load(name, exclude=list(EXCLUDED))
    except (OSError, ImportError, ValueError) as exc:  # not installed, or built for another spaCy
        log.warning("no parser for %s: %s could not be loaded (%s); extraction goes on without a parse",
                    lang, name, exc)
        return None
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        for node in model.walk() if isinstance(model, Model) else ():
            node.ops = CPU_OPS
    log.info("using trained spaCy pipeline %s for %s", name, lang)
    return nlp


@lru_cache(maxsize=None)
def get_nlp(lang: str) -> Language:
    """The pipeline for one language: sitrep's sentences, the trained pipeline, sitrep's components."""
    nlp = load_trained(lang)
    if nlp is None:
        try:
            nlp = spacy.blank(lang)
        except Exception:  # spaCy raises ImportError/KeyError subclasses for unknown codes
            nlp = spacy.blank("xx")
    trained = list(nlp.pipe_names)
    for comp in FRAME:
        config = {"overwrite": False} if comp == "sentencizer" else {}
        nlp.add_pipe(comp, config=config, **({"before": trained[0]} if trained else {}))
    if trained and label_table(lang):
        nlp.add_pipe("sitrep_ud", config={"lang": lang})
    for comp in COMPONENTS:
        nlp.add_pipe(comp)
    return nlp


def analyze(text: str, published: str | None = None, language: str | None = None, doc_id: str | None = None,
            source: str | None = None, url: str | None = None, title: str | None = None,
            include_indirect: bool = False) -> AnalysedDocument:
    """Analyse one article.

    Args:
        text: the article text (plain text; see :mod:`sitrep.ingest` for HTML).
        published: publication date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``); found in the text if omitted.
        language: ISO 639-1 code; detected if omitted.
        doc_id: copied to the output's ``id``.
        include_indirect: also list reported speech as quotes of kind ``indirect`` (off by default:
            the evaluation scores direct quotes, see the README).
    Returns:
        The analysed document (FORMAT.md), with every offset into ``text``.
    Raises:
        InputError: empty, binary or oversized text.
    """
    check_text(text)
    text = clean_text(text, doc_id or "")  # lone surrogates and NUL -> U+FFFD, same length: offsets hold
    doc_id, source, url, title = (clean_text(v) if isinstance(v, str) else v for v in (doc_id, source, url, title))
    given_lang = language_code(language) or detect_language(text)
    lang = analysis_language(given_lang)  # one shared pipeline for unsupported codes: memory stays bounded
    lex = get_lexicon(lang)
    norm = break_long_tokens(normalise(text))  # no token spaCy's tokenizer would take O(n^2) over
    boiler, found_source = find_boilerplate(text, lex)
    for b in boiler:
        norm = norm[:b.start] + " " * (b.end - b.start) + norm[b.end:]
    if published:
        published = _iso_published(published)
    else:
        published = parse_published(text, lang)
    an = Analysis(text=text, norm=norm, lang=lang, lex=lex, published=published, boilerplate=boiler,
                  datelines=find_datelines(text), source=source or found_source)
    nlp = get_nlp(lang)
    doc = nlp.make_doc(norm)
    doc._.sitrep = an
    an.doc = doc
    for name, proc in nlp.pipeline:
        if name == "sentencizer":
            doc = proc(doc)
            an.sentences = [(s.start_char, _trim_end(norm, s.end_char)) for s in doc.sents if s.text.strip()]
            an.sentences = [(s + len(norm[s:e]) - len(norm[s:e].lstrip()), e) for s, e in an.sentences]
        else:
            doc = proc(doc)
    result = to_document(an, doc_id=doc_id, url=url, title=title, include_indirect=include_indirect)
    result.language = given_lang  # FORMAT.md: the language given or detected, whatever pipeline analysed it
    return result


def check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if not text.strip():
        raise InputError("E001", "the document is empty: give it some text")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError("E003", f"the document has {len(text):,} characters; the limit is {MAX_DOCUMENT_CHARS:,} "
                                 "(split it, or it is not a news article)")
    sample = text[:4096]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd" or "\ud800" <= c <= "\udfff")
    if bad > max(8, len(sample) // 20):
        raise InputError("E002", "the document looks binary (control characters or undecodable bytes): "
                                 "give text, HTML or JSON Lines")


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _iso_published(value: str) -> str | None:
    """Accept 'YYYY-MM-DD[THH:MM...]', 'YYYY-MM' or 'YYYY'; anything else is parsed leniently."""
    value = str(value).strip()
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if m:
        return "-".join(g for g in m.groups() if g)
    return parse_published(value, None)
