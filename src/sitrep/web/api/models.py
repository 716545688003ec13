"""The API's response models shared by several endpoints: pages, references to actors and documents,
spans, errors.  Fields the query layer adds later are dropped from responses until a model names them."""
from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Model(BaseModel):
    # fields the query layer adds later are dropped from responses until a model names them (never a 500)
    model_config = ConfigDict(extra="ignore")


class Page(Model, Generic[T]):
    items: list[T]
    total: int = Field(description="how many items match, over all pages")
    limit: int
    offset: int


class Health(Model):
    status: Literal["ok"]
    version: str
    read_only: bool
    documents: int


class ActorRef(Model):
    id: int
    name: str
    kind: str
    country: str | None


class ActorSummary(ActorRef):
    wikidata: str | None
    documents: int = Field(description="documents that name the actor")


class DocumentSummary(Model):
    id: int
    doc_key: str = Field(description="the input document's own id")
    url: str | None
    title: str | None
    source: str | None
    language: str | None
    published: str | None
    ingested_at: str | None
    extractor_version: str | None


class Span(BaseModel):
    model_config = ConfigDict(extra="allow")
    start: int
    end: int
    text: str


class Location(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


class DocumentRef(Model):
    id: int
    doc_key: str
    url: str | None
    title: str | None
    source: str | None
    published: str | None
    language: str | None


class ErrorBody(Model):
    code: str
    message: str


class ErrorOut(Model):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": ErrorOut, "description": "invalid parameters"}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "not found"}, **ERRORS}
