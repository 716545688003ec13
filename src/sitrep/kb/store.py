"""The knowledge base: SQLite by default (a file in WAL mode), PostgreSQL for teams.

Each document is stored in one transaction together with everything merged
from it, so an interrupted ingest (even ``kill -9``) leaves either the whole
document or nothing; the next run skips what is already there.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from .. import __version__
from ..errors import SitrepError
from ..extract.lexicon import MAX_FIGURE
from ..ingest.normalise import clean_text
from ..model import AnalysedDocument, date_interval
from . import merge
from .counts import refresh as refresh_counts
from .schema import (ActorLink, Document, Event, EventReport, Participant, Quote, QuoteReport, Relation,
                     RelationReport)

log = logging.getLogger(__name__)

DEFAULT_DB = "sitrep.db"
# How long SQLite waits for another writer before giving up (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 30_000


def database_url(value: str | None) -> str:
    """A SQLAlchemy URL from what a user types: a path, sqlite:///..., or postgresql://..."""
    value = value or DEFAULT_DB
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}"
    if value.startswith("postgresql://") or value.startswith("postgres://"):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


def content_hash(text: str) -> str:
    """The same article with other whitespace or Unicode composition has the same hash."""
    # lone surrogates and NUL as the analyser sees them (U+FFFD): the record and its analysis hash alike
    canon = re.sub(r"\s+", " ", unicodedata.normalize("NFC", clean_text(text))).strip()
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def _figure(value: Any) -> int | None:
    """A figure the database can hold: an int from 0 to MAX_FIGURE (the analyser's own ceiling), else None.

    Analyses loaded from files (``load-batch``, older output) may carry any JSON number; SQLite's
    integers end at 2**63 - 1 (an OverflowError in the driver), PostgreSQL's at the same place (a refused
    document)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_FIGURE:
        if value is not None:
            log.warning("figure %.40r is no count the knowledge base keeps (0 to %d); stored as unknown",
                        value, MAX_FIGURE)
        return None
    return value


@dataclass(slots=True)
class Stored:
    status: str  # new, skipped, updated
    document_id: int
    events_new: int = 0
    events_merged: int = 0


class KnowledgeBase:
    """Open (and migrate) a knowledge base; add analysed documents; hand out sessions for queries."""

    def __init__(self, url: str | None = None, migrate: bool = True, busy_timeout: float | None = None):
        """Args:
            url: a path (SQLite), ``sqlite:///...`` or ``postgresql://...``; the default is ``sitrep.db``.
            migrate: bring the schema to the newest revision now.
            busy_timeout: seconds SQLite waits for another writer before giving up (default 30).
        """
        self.url = database_url(url)
        self.busy_timeout_ms = int((SQLITE_BUSY_TIMEOUT_MS / 1000 if busy_timeout is None else busy_timeout) * 1000)
        try:
            self.engine = self._engine(self.url, self.busy_timeout_ms)
        except (OSError, SQLAlchemyError, ValueError) as exc:  # a path through a file, a bad URL
            raise SitrepError("E020", f"cannot open the database {_masked(url)}: {exc}") from exc
        self.Session = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.migrate()

    @staticmethod
    def _engine(url: str, busy_timeout_ms: int) -> Engine:
        u = make_url(url)
        if u.get_backend_name() == "sqlite":
            if u.database and u.database != ":memory:":
                Path(u.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

            @event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn, _record):  # WAL: readers never block the writer
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.close()
            return engine
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})

    @property
    def safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        from .migrations import upgrade

        try:
            with self.engine.begin() as conn:
                upgrade(conn)
        except SQLAlchemyError as exc:  # unreachable server, locked file, a file that is no database
            raise SitrepError("E020", f"cannot open the database {self.safe_url}: {_reason(exc)}") from exc

    def session(self) -> Session:
        return self.Session()

    # ------------------------------------------------------------------ writing
    def find(self, session: Session, url: str | None, chash: str) -> Document | None:
        if url:
            doc = session.scalar(select(Document).where(Document.url == url))
            if doc is not None:
                return doc
        return session.scalar(select(Document).where(Document.content_hash == chash))

    def seen(self, url: str | None, text: str) -> bool:
        """Whether a document is stored already (checked before the costly analysis)."""
        with self.session() as s:
            return self.find(s, url, content_hash(text)) is not None

    def add(self, doc: AnalysedDocument, reanalyse: bool = False) -> Stored:
        """Store one analysed document and merge it, in one transaction."""
        chash = content_hash(doc.text)
        try:
            with self.session() as s, s.begin():
                existing = self.find(s, doc.url, chash)
                if existing is not None and not reanalyse:
                    return Stored("skipped", existing.id)
                if existing is not None:
                    self._forget(s, existing)
                    row = existing
                    row.content_hash = chash  # a corrected text found by its URL
                    status = "updated"
                else:
                    row = Document(content_hash=chash)
                    s.add(row)
                    status = "new"
                record = doc.to_dict()
                row.doc_key = str(doc.id or chash[:16])[:512]
                row.url, row.language, row.published = doc.url, doc.language, doc.published
                row.source, row.title, row.text, row.analysis = doc.source, doc.title, doc.text, record
                row.extractor_version = __version__
                row.ingested_at = dt.datetime.now(dt.timezone.utc)
                s.flush()
                new, merged = self._merge(s, row, record)
                return Stored(status, row.id, new, merged)
        except OperationalError as exc:
            raise SitrepError("E021", f"database {self.safe_url} refused the write: {_reason(exc)}") from exc

    def _forget(self, s: Session, doc: Document) -> None:
        """Take a document's reports out of the merged rows (before it is analysed again)."""
        events = {r.event_id for r in s.scalars(select(EventReport).where(EventReport.document_id == doc.id))}
        quotes = {r.quote_id for r in s.scalars(select(QuoteReport).where(QuoteReport.document_id == doc.id))}
        actors = set(s.scalars(select(ActorLink.actor_id).where(ActorLink.document_id == doc.id)))
        relations = set(s.scalars(select(RelationReport.relation_id).where(RelationReport.document_id == doc.id)))
        for table in (EventReport, QuoteReport, RelationReport, ActorLink):
            s.execute(delete(table).where(table.document_id == doc.id))
        s.flush()
        for eid in events:
            ev = s.get(Event, eid)
            if ev is not None:
                merge.refresh_event(s, ev)
        for qid in quotes:
            if not s.scalar(select(QuoteReport.id).where(QuoteReport.quote_id == qid).limit(1)):
                s.execute(delete(Quote).where(Quote.id == qid))
        refresh_counts(s, actors=actors, quotes=quotes, relations=relations)

    def _merge(self, s: Session, doc: Document, record: dict[str, Any]) -> tuple[int, int]:
        ids: dict[str, int] = {}
        for a in record["actors"]:
            actor_id, how = merge.resolve_actor(s, a)
            ids[a["id"]] = actor_id
            s.add(ActorLink(document_id=doc.id, local_id=a["id"], actor_id=actor_id, name=a["name"][:512],
                            mentions=len(a.get("mentions") or []), how=how))
        new = merged = 0
        for e in record["events"]:
            span = date_interval(e.get("date"))
            report = EventReport(document_id=doc.id, local_id=e["id"], type=e["type"], mode=e.get("mode"),
                                 date=e.get("date"), date_precision=e.get("date_precision"),
                                 date_start=span[0] if span else None, date_end=span[1] if span else None,
                                 location=e.get("location"), fatalities=_figure(e.get("fatalities")),
                                 injuries=_figure(e.get("injuries")), count=_figure(e.get("count")), status=e.get("status", "reported"),
                                 evidence_start=e["evidence"]["start"], evidence_end=e["evidence"]["end"],
                                 evidence_text=e["evidence"]["text"])
            actors = {ids[x] for x in e.get("actors", []) if x in ids}
            targets = {ids[x] for x in e.get("targets", []) if x in ids}
            found = merge.find_event(s, report, actors, targets)
            if found is None:
                found = Event(type=e["type"], status=report.status, n_sources=0)
                s.add(found)
                s.flush()
                new += 1
            else:
                merged += 1
            report.event_id = found.id
            report.participants = [Participant(actor_id=a, role="actor") for a in sorted(actors)] + \
                [Participant(actor_id=t, role="target") for t in sorted(targets)]
            s.add(report)
            s.flush()
            merge.refresh_event(s, found)
        quotes: set[int] = set()
        relations: set[int] = set()
        for q in record["quotes"]:
            speaker = ids.get(q.get("speaker") or "")
            quote = merge.find_quote(s, q["text"], speaker)
            if quote is None:
                quote = Quote(text=q["text"], norm=merge.norm(q["text"]), speaker_id=speaker, kind=q.get("kind", "direct"))
                s.add(quote)
                s.flush()
            elif quote.speaker_id is None and speaker is not None:
                quote.speaker_id = speaker  # a later source names who said it
            quotes.add(quote.id)
            s.add(QuoteReport(quote_id=quote.id, document_id=doc.id, local_id=q["id"], start=q["start"], end=q["end"],
                              speaker_text=(q.get("speaker_text") or None), cue=q.get("cue")))
        for r in record["relations"]:
            subj, obj = ids.get(r["subject"]), ids.get(r["object"])
            if subj is None or obj is None or subj == obj:
                continue
            rel = s.scalar(select(Relation).where(Relation.subject_id == subj, Relation.type == r["type"],
                                                  Relation.object_id == obj))
            if rel is None:
                rel = Relation(subject_id=subj, type=r["type"], object_id=obj)
                s.add(rel)
                s.flush()
            ev = r["evidence"]
            s.add(RelationReport(relation_id=rel.id, document_id=doc.id, evidence_start=ev["start"],
                                 evidence_end=ev["end"], evidence_text=ev["text"]))
            relations.add(rel.id)
        refresh_counts(s, actors=ids.values(), quotes=quotes, relations=relations)
        return new, merged

    def counts(self) -> dict[str, int]:
        from sqlalchemy import func

        from .schema import Actor

        with self.session() as s:
            return {name: s.scalar(select(func.count()).select_from(table)) or 0 for name, table in
                    (("documents", Document), ("actors", Actor), ("events", Event), ("event_reports", EventReport),
                     ("quotes", Quote), ("relations", Relation))}


def _masked(url: str | None) -> str:
    """A URL as typed, with any password replaced by ***."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url or "")


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).strip().splitlines()[0]
