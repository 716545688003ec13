"""Models of actors' profiles, quotes, stated relations, the actor network and search results."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .models import ActorRef, ActorSummary, Model


class QuoteSource(Model):
    document_id: int
    doc_key: str
    url: str | None
    source: str | None
    published: str | None
    speaker_text: str | None
    cue: str | None


class QuoteOut(Model):
    id: int
    text: str
    kind: str
    speaker: ActorRef | None
    speaker_text: str | None
    published: str | None
    sources: list[QuoteSource]


class RelationRecord(Model):
    type: str
    other: ActorRef
    n_sources: int
    evidence: list[str]


class ProfileSource(Model):
    document_id: int
    doc_key: str
    url: str | None
    source: str | None
    published: str | None
    title: str | None
    mentions: int


class ActorProfileOut(Model):
    id: int
    name: str
    kind: str
    country: str | None
    wikidata: str | None
    registry_id: str | None
    aliases: list[str]
    merged: list[ActorRef]
    others: list[ActorRef]
    relations_out: list[RelationRecord]
    relations_in: list[RelationRecord]
    events_as_actor: dict[str, int]
    events_as_target: dict[str, int]
    quotes: list[QuoteOut]
    sources: list[ProfileSource]


class RelationEvidence(Model):
    document_id: int
    start: int
    end: int
    text: str


class RelationOut(Model):
    id: int
    type: str
    kind: Literal["cooperative", "structural"]
    subject: ActorRef
    object: ActorRef
    n_sources: int
    evidence: list[RelationEvidence]


class NetworkNode(Model):
    id: int
    name: str
    kind: str
    country: str | None
    events_as_actor: int
    events_as_target: int
    relations: int
    activity: int


EdgeKind = Literal["hostile", "cooperative", "verbal-cooperative", "structural", "other"]


class NetworkEdge(Model):
    source: int
    target: int
    source_name: str
    target_name: str
    kind: EdgeKind = Field(description="hostile: ASSAULT, COERCE, SANCTION, THREATEN, ACCUSE, REJECT events; "
                                       "cooperative: COOPERATE, AID, CONCEDE, RETREAT events and the supports, "
                                       "allied_with relations; verbal-cooperative: AGREE, CONSULT, SUPPORT events; "
                                       "structural: leader_of, member_of, part_of, spokesperson_of; "
                                       "other: REQUEST, PROTEST, MOBILIZE events")
    basis: Literal["event", "relation"] = Field(description="events (actor -> target) or stated relations "
                                                            "(subject -> object)")
    type: str = Field(description="the PLOVER event type or the relation type")
    weight: int = Field(description="events, or documents that state the relation")


class NetworkOut(Model):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class SearchOut(Model):
    q: str
    actors: list[ActorSummary]
    quotes: list[QuoteOut]
