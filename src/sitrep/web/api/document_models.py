"""Models of the analysed-document format (FORMAT.md, ``schema: sitrep/1``), of a stored document and
of ``POST /api/analyze`` (its request and its result)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .models import DocumentSummary, Location, Model, Span
from .plumbing import DATE_PATTERN


class DocActor(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    name: str
    aliases: list[str]
    kind: str
    country: str | None
    wikidata: str | None
    mentions: list[Span]


class DocEvent(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    type: str
    mode: str | None
    actors: list[str]
    targets: list[str]
    date: str | None
    date_precision: str | None
    location: Location | None
    fatalities: int | None
    injuries: int | None
    count: int | None
    status: str
    evidence: Span


class DocQuote(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_text: str | None
    cue: str | None


class DocRelation(BaseModel):
    model_config = ConfigDict(extra="allow")
    subject: str
    type: str
    object: str
    evidence: Span


class AnalysedDocumentOut(BaseModel):
    """The analysed-document format (FORMAT.md, ``schema: sitrep/1``)."""

    model_config = ConfigDict(extra="allow")
    schema_: str = Field(alias="schema", serialization_alias="schema")
    id: str | None
    language: str
    published: str | None
    actors: list[DocActor]
    events: list[DocEvent]
    quotes: list[DocQuote]
    relations: list[DocRelation]


class StoredInfo(Model):
    status: Literal["new", "skipped", "updated"]
    document_id: int
    events_new: int
    events_merged: int


class AnalyzeResult(AnalysedDocumentOut):
    stored: StoredInfo | None = Field(default=None, description="set when the request asked to save")


class DocumentDetail(DocumentSummary):
    text: str
    analysis: AnalysedDocumentOut | None = Field(description="the analysed-document record (FORMAT.md)")


class AnalyzeRequest(Model):
    model_config = ConfigDict(extra="forbid")  # a misspelt "save" is an error, not a silent read-only call
    text: str = Field(min_length=1, description="the article text (plain text)")
    published: str | None = Field(default=None, pattern=DATE_PATTERN, description="YYYY-MM-DD, YYYY-MM or YYYY")
    language: str | None = Field(default=None, pattern=r"^[A-Za-z]{2,3}$", description="ISO 639-1 code")
    id: str | None = Field(default=None, max_length=512, description="copied to the output's id")
    source: str | None = Field(default=None, max_length=512)
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = None
    save: bool = Field(default=False, description="store it in the knowledge base (needs the write token)")
