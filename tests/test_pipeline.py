"""The pipeline frame: spaCy components in order, and a trained pipeline's entities as an extra signal."""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Span as SpacySpan

import sitrep.pipeline as pipeline

TEXT = "Zorba Quintanilla inspected the front line on Tuesday. He met soldiers near Kharkiv."


@Language.component("fake_ner")
def fake_ner(doc):
    """Stands in for a trained NER: marks the invented name as a PERSON."""
    start = doc.text.index("Zorba")
    span = doc.char_span(start, start + len("Zorba Quintanilla"), label="PERSON")
    doc.ents = [SpacySpan(doc, span.start, span.end, label="PERSON")]
    return doc


def test_pipeline_components_are_registered_in_order():
    nlp = pipeline.get_nlp("nl")
    assert nlp.pipe_names[-len(pipeline.COMPONENTS):] == list(pipeline.COMPONENTS)


def test_pipeline_uses_entities_of_a_trained_model(monkeypatch):
    nlp = spacy.blank("en")
    nlp.add_pipe("fake_ner")
    for name in pipeline.COMPONENTS:
        nlp.add_pipe(name, config={"overwrite": False} if name == "sentencizer" else {})
    monkeypatch.setattr(pipeline, "get_nlp", lambda lang: nlp)
    doc = pipeline.analyze(TEXT, published="2024-06-05", language="en")
    person = next(a for a in doc.actors if a.name == "Zorba Quintanilla")
    assert person.kind == "person"
    # the pronoun of the next sentence is a mention of the same person
    assert [m.text for m in person.mentions] == ["Zorba Quintanilla", "He"]


def test_pipeline_without_trained_model_does_not_guess_that_name():
    doc = pipeline.analyze(TEXT, published="2024-06-05", language="en")
    assert all(a.name != "Zorba Quintanilla" for a in doc.actors)
