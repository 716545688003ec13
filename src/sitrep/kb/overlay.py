"""The active corrections read as an overlay over the merged rows: what the queries apply.

:func:`overlay` loads the active corrections of :mod:`sitrep.kb.corrections` once per session and
resolves each event or quote correction to the row it is about today, by its anchor (the reports'
document content hash and evidence offsets), so that a re-ingest or ``--reanalyse`` that rebuilt
the event under another id keeps it corrected, and an id reused by another event never is.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .merge import canonical
from .schema import Correction, Document, Event, EventReport, Participant, Quote, QuoteReport

_INFO_KEY = "sitrep_overlay"


@dataclass
class Overlay:
    """The active corrections, resolved to today's ids (each value with the id of its correction)."""

    rejected_events: dict[int, int] = field(default_factory=dict)
    rejected_quotes: dict[int, int] = field(default_factory=dict)
    event_fields: dict[int, dict[str, tuple[Any, int]]] = field(default_factory=lambda: defaultdict(dict))
    relations: list[tuple[int, str, int, int]] = field(default_factory=list)  # subject, type, object, correction
    unresolved: set[int] = field(default_factory=set)  # corrections whose event or quote is gone

    def __bool__(self) -> bool:
        return bool(self.rejected_events or self.rejected_quotes or self.event_fields or self.relations)

    def overridden(self, name: str) -> dict[int, Any]:
        """Event id -> corrected value of one field."""
        return {eid: f[name][0] for eid, f in self.event_fields.items() if name in f}


def overlay(session: Session) -> Overlay:
    """The active corrections, read once per session (a write through this module refreshes it)."""
    cached = session.info.get(_INFO_KEY)
    if cached is None:
        cached = session.info[_INFO_KEY] = _load(session)
    return cached


def _forget_overlay(session: Session) -> None:
    session.info.pop(_INFO_KEY, None)


def _load(session: Session) -> Overlay:
    ov = Overlay()
    rows = list(session.scalars(select(Correction).where(Correction.undone_at.is_(None)).order_by(Correction.id)))
    if not rows:
        return ov
    events = _resolver(session, [c for c in rows if c.subject == "event"], EventReport)
    quotes = _resolver(session, [c for c in rows if c.subject == "quote"], QuoteReport)
    for c in rows:
        if c.subject == "relation" and c.action == "add" and isinstance(c.after, dict):
            ov.relations.append((int(c.after["subject"]), str(c.after["type"]), int(c.after["object"]), c.id))
        elif c.subject in ("event", "quote"):
            target = (events if c.subject == "event" else quotes)(c)
            if target is None:
                ov.unresolved.add(c.id)
            elif c.subject == "quote":
                ov.rejected_quotes[target] = c.id
            elif c.action == "reject":
                ov.rejected_events[target] = c.id
            elif c.field:
                ov.event_fields[target][c.field] = (c.after, c.id)  # a later correction wins
    return ov


def _resolver(session: Session, rows: list[Correction], table: Any):
    """A function: correction -> the id of the event (quote) it is about today, or None."""
    hashes = {a[0] for c in rows for a in (c.anchor or [])}
    by_span: dict[tuple[str, int, int], set[int]] = defaultdict(set)
    live: set[int] = set()
    if hashes:
        if table is EventReport:
            stmt = select(EventReport.event_id, Document.content_hash, EventReport.evidence_start,
                          EventReport.evidence_end).join(Document, Document.id == EventReport.document_id)
        else:
            stmt = select(QuoteReport.quote_id, Document.content_hash, QuoteReport.start,
                          QuoteReport.end).join(Document, Document.id == QuoteReport.document_id)
        for oid, h, s, e in session.execute(stmt.where(Document.content_hash.in_(hashes))):
            by_span[(h, s, e)].add(oid)
            live.add(oid)
    ids = {c.subject_id for c in rows if c.subject_id is not None}
    model = Event if table is EventReport else Quote
    existing = set(session.scalars(select(model.id).where(model.id.in_(ids)))) if ids else set()

    def resolve(c: Correction) -> int | None:
        votes: dict[int, int] = defaultdict(int)
        for a in c.anchor or []:
            for oid in by_span.get((a[0], int(a[1]), int(a[2])), ()):
                votes[oid] += 1
        if c.subject_id in votes or (not c.anchor and c.subject_id in existing):
            return c.subject_id  # the same row still stands on (some of) the same reports
        if votes:
            return max(votes, key=lambda k: (votes[k], -k))
        return None

    return resolve


def event_roles_of_actors(session: Session, group: Iterable[int]) -> dict[int, set[str]]:
    """Event id -> the roles (actor, target) that one of ``group`` (actor ids) has in it, corrections applied."""
    ov = overlay(session)
    group = set(group)
    roles: dict[int, set[str]] = defaultdict(set)
    for eid, role in session.execute(select(EventReport.event_id, Participant.role)
                                     .join(Participant, Participant.report_id == EventReport.id)
                                     .where(Participant.actor_id.in_(group)).distinct()):
        roles[eid].add(role)
    for eid, fields in ov.event_fields.items():
        for name, role in (("actors", "actor"), ("targets", "target")):
            if name in fields:
                roles[eid].discard(role)
                if {canonical(session, a) for a in fields[name][0] or []} & group or set(fields[name][0] or []) & group:
                    roles[eid].add(role)
    return {eid: r for eid, r in roles.items() if r and eid not in ov.rejected_events}


def event_ids_of_actors(session: Session, group: Iterable[int]) -> set[int]:
    """The events in which one of ``group`` acts or is targeted, corrections applied."""
    return set(event_roles_of_actors(session, group))


__all__ = ["Overlay", "event_ids_of_actors", "event_roles_of_actors", "overlay"]
