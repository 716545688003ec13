"""Models of merged events: in lists (:class:`EventOut`) and one with every source's account
(:class:`EventDetail`)."""
from __future__ import annotations

from typing import Any

from pydantic import Field

from .models import ActorRef, DocumentRef, Model, Span


class SourceAccount(Model):
    document_id: int
    doc_key: str
    url: str | None
    source: str | None
    published: str | None
    language: str | None
    title: str | None
    evidence: str
    date: str | None
    date_precision: str | None
    location: dict[str, Any] | None
    fatalities: int | None
    injuries: int | None
    count: int | None
    status: str


class Range(Model):
    min: int | None
    max: int | None


class EventOut(Model):
    id: int
    type: str
    mode: str | None
    status: str
    date_start: str | None
    date_end: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    fatalities: Range
    injuries: Range
    n_sources: int
    actors: list[ActorRef]
    targets: list[ActorRef]
    sources: list[SourceAccount]
    corrected: dict[str, int] = Field(default_factory=dict, description="fields an analyst corrected -> the "
                                                                        "correction's id")


class EventSource(Model):
    """One document's report of the event: where it says it and what it says (its own figures)."""

    document: DocumentRef
    local_id: str = Field(description="the event's id within the document's analysis (e3)")
    type: str
    mode: str | None
    status: str
    date: str | None
    date_precision: str | None
    location: dict[str, Any] | None
    fatalities: int | None
    injuries: int | None
    count: int | None
    actors: list[ActorRef]
    targets: list[ActorRef]
    evidence: Span


class FigureSpread(Model):
    min: int | None
    max: int | None
    by_source: list[int | None] = Field(description="each source's figure, in the order of `sources`")
    disagree: bool = Field(description="the sources state different figures")


class EventDetail(Model):
    id: int
    type: str
    mode: str | None
    status: str
    date_start: str | None
    date_end: str | None
    place: str | None
    place_kind: str | None
    country: str | None
    lat: float | None
    lon: float | None
    fatalities: FigureSpread
    injuries: FigureSpread
    n_sources: int
    actors: list[ActorRef]
    targets: list[ActorRef]
    disagreements: list[str] = Field(description="fields on which the sources differ (fatalities, injuries, date, "
                                                 "place, status)")
    sources: list[EventSource]
    corrected: dict[str, int] = Field(default_factory=dict, description="fields an analyst corrected (or 'rejected') "
                                                                        "-> the correction's id; the values shown "
                                                                        "are the corrected ones, each source's own")
