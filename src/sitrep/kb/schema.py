"""The knowledge base's tables (SQLAlchemy 2), the same on SQLite and PostgreSQL.

Reports are what one document says (an event report, a quote report, a
relation report); the merged rows (events, quotes, relations, actors) are
what the knowledge base concludes from all reports.  Nothing a document said
is ever overwritten: merging links reports to merged rows, and merging two
actors only sets ``merged_into_id``, so every merge can be undone.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_key: Mapped[str] = mapped_column(String(512), index=True)  # the input's own id
    url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[str | None] = mapped_column(String(8))
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    source: Mapped[str | None] = mapped_column(String(512))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    analysis: Mapped[dict[str, Any]] = mapped_column(JSON)  # the analysed-document record (FORMAT.md)
    extractor_version: Mapped[str] = mapped_column(String(32))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Actor(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(2))
    wikidata: Mapped[str | None] = mapped_column(String(32))
    registry_id: Mapped[str | None] = mapped_column(String(128), unique=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    # documents that link this actor row (not those merged into it): stored so that the actors table can
    # sort by it without grouping every actor link on every page; kept by sitrep.kb.counts
    n_documents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    aliases: Mapped[list["ActorAlias"]] = relationship(back_populates="actor", cascade="all, delete-orphan")


class ActorAlias(Base):
    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "norm"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(512))
    norm: Mapped[str] = mapped_column(String(512), index=True)

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class ActorLink(Base):
    """A document's actor (``a3`` of one document) linked to a knowledge-base actor."""

    __tablename__ = "actor_links"
    __table_args__ = (UniqueConstraint("document_id", "local_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    name: Mapped[str] = mapped_column(String(512))
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    how: Mapped[str] = mapped_column(String(16))  # registry, name


class Event(Base):
    """One real occurrence, merged from the reports of one or more documents."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    mode: Mapped[str | None] = mapped_column(String(16))
    date_start: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    span_days: Mapped[int | None] = mapped_column(Integer)  # date_end - date_start: how precise the date is
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    place: Mapped[str | None] = mapped_column(String(256))
    place_kind: Mapped[str | None] = mapped_column(String(16))  # city, region, country, facility
    geonameid: Mapped[int | None] = mapped_column(Integer)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    fatalities_min: Mapped[int | None] = mapped_column(Integer)
    fatalities_max: Mapped[int | None] = mapped_column(Integer)
    injuries_min: Mapped[int | None] = mapped_column(Integer)
    injuries_max: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    n_sources: Mapped[int] = mapped_column(Integer, default=0)

    reports: Mapped[list["EventReport"]] = relationship(back_populates="event")


class EventReport(Base):
    """What one document says about one event, with its evidence sentence and its own figures."""

    __tablename__ = "event_reports"
    __table_args__ = (UniqueConstraint("document_id", "local_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str | None] = mapped_column(String(16))
    date: Mapped[str | None] = mapped_column(String(24))
    date_precision: Mapped[str | None] = mapped_column(String(16))
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    injuries: Mapped[int | None] = mapped_column(Integer)
    count: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)

    event: Mapped[Event] = relationship(back_populates="reports")
    participants: Mapped[list["Participant"]] = relationship(cascade="all, delete-orphan")


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("event_reports.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    role: Mapped[str] = mapped_column(String(8))  # actor | target


class Quote(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    norm: Mapped[str] = mapped_column(Text)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    # the newest publication date of the documents that report it (the quotes table's default sort),
    # stored and kept by sitrep.kb.counts
    latest_published: Mapped[str | None] = mapped_column(String(10))

    reports: Mapped[list["QuoteReport"]] = relationship(back_populates="quote")


class QuoteReport(Base):
    __tablename__ = "quote_reports"
    __table_args__ = (UniqueConstraint("document_id", "local_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    speaker_text: Mapped[str | None] = mapped_column(String(512))
    cue: Mapped[str | None] = mapped_column(String(128))

    quote: Mapped[Quote] = relationship(back_populates="reports")


class Relation(Base):
    __tablename__ = "relations"
    __table_args__ = (UniqueConstraint("subject_id", "type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    # documents that report it (0: none any more), stored and kept by sitrep.kb.counts
    n_documents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class RelationReport(Base):
    __tablename__ = "relation_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    relation_id: Mapped[int] = mapped_column(ForeignKey("relations.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)


class Correction(Base):
    """One analyst's correction: who, when, what (subject, action, field), the value before and after.

    Corrections never overwrite what documents said: they are read over the merged rows
    (:mod:`sitrep.kb.corrections`).  ``anchor`` names the reports the subject rested on (document
    content hash and evidence offsets), so that the correction finds its event or quote again after a
    re-ingest or ``--reanalyse`` gives it a new id.  Undoing sets ``undone_at``; the row stays.
    """

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    author: Mapped[str] = mapped_column(String(128))
    subject: Mapped[str] = mapped_column(String(16))  # event, quote, actor, relation
    subject_id: Mapped[int | None] = mapped_column(Integer)  # its id when the correction was made
    action: Mapped[str] = mapped_column(String(16))  # reject, set, merge, split, add
    field: Mapped[str | None] = mapped_column(String(32))  # set: type, actors, targets, date, place, ...
    before: Mapped[Any | None] = mapped_column(JSON)
    after: Mapped[Any | None] = mapped_column(JSON)
    anchor: Mapped[list[Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    undone_by: Mapped[str | None] = mapped_column(String(128))


Index("ix_events_type_date", Event.type, Event.date_start)
Index("ix_corrections_subject", Correction.subject, Correction.subject_id)
# the table pages' default orders (sitrep.kb.tables), read from an index rather than sorted
Index("ix_actors_n_documents", Actor.n_documents, Actor.id)
Index("ix_quotes_latest_published", Quote.latest_published, Quote.id)
Index("ix_relations_n_documents", Relation.n_documents, Relation.id)
