"""Analysts' corrections, kept beside what the documents said and read over it.

A correction is one row of ``corrections`` (who, when, subject, action, field, the value before and
after).  Nothing extracted is changed: the queries read the active corrections as an
:class:`Overlay` over the merged rows (a rejected event is left out, a corrected type replaces the
merged one, ...).  Event and quote corrections carry an *anchor*, the reports they rested on
(document content hash and evidence offsets), so that a correction finds its event again when a
re-ingest or ``--reanalyse`` has rebuilt the event under a new id.  Actor merges and splits set
``actors.merged_into_id`` (the knowledge base's reversible merge state, not extracted data); the row
keeps the value before, so undo restores it.  Undo never deletes a row: it sets ``undone_at``.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..model import EVENT_TYPES, RELATION_TYPES, date_interval
from .merge import canonical
# the overlay (reading the corrections) is re-exported: callers use corrections.overlay(...) and friends
from .overlay import Overlay, _forget_overlay, _resolver, event_ids_of_actors, event_roles_of_actors, overlay
from .schema import Actor, Correction, Document, Event, EventReport, Quote, QuoteReport

# What may be corrected, and how.
EVENT_FIELDS = ("type", "actors", "targets", "date", "place", "fatalities", "injuries")
ACTIONS = {"event": ("reject", "set"), "quote": ("reject",), "actor": ("merge", "split"), "relation": ("add",)}
DEFAULT_AUTHOR = "analyst"


class CorrectionError(ValueError):
    """A correction that cannot be made: ``status`` 404 (no such subject) or 422 (a bad value)."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------- making corrections
def _new(session: Session, author: str | None, note: str | None, **values: Any) -> Correction:
    c = Correction(created_at=dt.datetime.now(dt.timezone.utc), author=(author or DEFAULT_AUTHOR).strip()[:128]
                   or DEFAULT_AUTHOR, note=(note or None), **values)
    session.add(c)
    session.flush()
    _forget_overlay(session)
    return c


def _event_anchor(session: Session, event_id: int) -> list[list[Any]]:
    return [[h, s, e] for h, s, e in session.execute(
        select(Document.content_hash, EventReport.evidence_start, EventReport.evidence_end)
        .join(Document, Document.id == EventReport.document_id).where(EventReport.event_id == event_id)
        .order_by(EventReport.id))]


def _current_event(session: Session, event_id: int):
    from . import query

    ev = session.get(Event, event_id)
    if ev is None or event_id in overlay(session).rejected_events:
        raise CorrectionError(f"no event {event_id}", 404)
    return query._hydrate(session, [ev])[0]  # noqa: SLF001 - the record as the pages show it


def reject_event(session: Session, event_id: int, author: str | None = None, note: str | None = None) -> Correction:
    """Mark an event as wrong: it leaves every list, page, network and export (until undone)."""
    rec = _current_event(session, event_id)
    return _new(session, author, note, subject="event", subject_id=event_id, action="reject",
                before={"type": rec.type, "date": rec.date, "place": rec.place}, after=None,
                anchor=_event_anchor(session, event_id))


def set_event_field(session: Session, event_id: int, name: str, value: Any, author: str | None = None,
                    note: str | None = None) -> Correction:
    """Replace one field of an event (type, actors, targets, date, place, fatalities, injuries)."""
    if name not in EVENT_FIELDS:
        raise CorrectionError(f"an event's {name!r} cannot be corrected; one of {', '.join(EVENT_FIELDS)}")
    rec = _current_event(session, event_id)
    after = _event_value(session, name, value)
    before = _record_value(rec, name)
    if before == after:
        raise CorrectionError(f"the event's {name} is {before!r} already")
    return _new(session, author, note, subject="event", subject_id=event_id, action="set", field=name,
                before=before, after=after, anchor=_event_anchor(session, event_id))


def _record_value(rec: Any, name: str) -> Any:
    if name in ("actors", "targets"):
        return [a.id for a in getattr(rec, name)]
    if name == "date":
        return {"start": rec.date_start, "end": rec.date_end} if rec.date_start else None
    if name == "place":
        return {"name": rec.place, "country": rec.country, "lat": rec.lat, "lon": rec.lon} if rec.place else None
    if name in ("fatalities", "injuries"):
        lo, hi = getattr(rec, f"{name}_min"), getattr(rec, f"{name}_max")
        return None if lo is None else {"min": lo, "max": hi}
    return getattr(rec, name)


def _event_value(session: Session, name: str, value: Any) -> Any:
    """The stored form of a corrected value (checked: a bad one is a CorrectionError)."""
    if name == "type":
        t = str(value or "").strip().upper()
        if t not in EVENT_TYPES:
            raise CorrectionError(f"unknown event type {value!r}; one of {', '.join(EVENT_TYPES)}")
        return t
    if name in ("actors", "targets"):
        return actor_ids(session, value)
    if name == "date":
        if value in (None, ""):
            return None
        span = date_interval(str(value).strip())
        if span is None:
            raise CorrectionError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM, YYYY or START/END)")
        return {"start": span[0].isoformat(), "end": span[1].isoformat()}
    if name == "place":
        return _place(value)
    # fatalities, injuries: a number, 'N-M', or empty for unknown
    if value in (None, ""):
        return None
    text = str(value).strip()
    lo, _, hi = text.partition("-")
    try:
        lo_n, hi_n = int(lo), int(hi or lo)
    except ValueError:
        raise CorrectionError(f"{name} must be a number or a range N-M, not {value!r}") from None
    if lo_n < 0 or hi_n < lo_n:
        raise CorrectionError(f"{name} must be a number >= 0 or a range N-M with N <= M")
    return {"min": lo_n, "max": hi_n}


def actor_ids(session: Session, value: Any) -> list[int]:
    """Actors given by id or by name (one actor per name; an unknown or ambiguous name is an error)."""
    from .query import match_actors

    items = value.split(";") if isinstance(value, str) else list(value or [])
    out: list[int] = []
    for item in items:
        if isinstance(item, str) and not item.strip():
            continue
        if isinstance(item, int) or (isinstance(item, str) and item.strip().isdigit()):
            aid = int(item)
            if session.get(Actor, aid) is None:
                raise CorrectionError(f"no actor {aid}")
            aid = canonical(session, aid)
        else:
            found = match_actors(session, str(item))
            if not found:
                raise CorrectionError(f"no actor named {str(item).strip()!r} in the knowledge base")
            if len(found) > 1:
                raise CorrectionError(f"{str(item).strip()!r} names {len(found)} actors; give the id "
                                      f"({', '.join(map(str, sorted(found)))})")
            aid = next(iter(found))
        if aid not in out:
            out.append(aid)
    return out


def _place(value: Any) -> dict[str, Any] | None:
    if value in (None, ""):
        return None
    if isinstance(value, dict):
        name = str(value.get("name") or "").strip()
        if not name:
            raise CorrectionError("a place needs a name")
        out = {"name": name, "country": (value.get("country") or None), "lat": value.get("lat"),
               "lon": value.get("lon"), "kind": value.get("kind")}
        if out["lat"] is not None or out["lon"] is not None:
            try:
                lat, lon = float(out["lat"]), float(out["lon"])
            except (TypeError, ValueError):
                raise CorrectionError("lat and lon must both be numbers") from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise CorrectionError("lat must be within -90..90 and lon within -180..180")
            out["lat"], out["lon"] = lat, lon
            return out
        name_value = name
    else:
        name_value = str(value).strip()
    from ..extract.places import Gazetteer

    place = Gazetteer.default().lookup(name_value)
    if place is None:
        raise CorrectionError(f"{name_value!r} is not in the gazetteer; give name, country, lat and lon")
    return {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon, "kind": place.kind}


def reject_quote(session: Session, quote_id: int, author: str | None = None, note: str | None = None) -> Correction:
    """Mark a quote as wrong (not a quote, or not this speaker's)."""
    q = session.get(Quote, quote_id)
    if q is None or quote_id in overlay(session).rejected_quotes:
        raise CorrectionError(f"no quote {quote_id}", 404)
    anchor = [[h, s, e] for h, s, e in session.execute(
        select(Document.content_hash, QuoteReport.start, QuoteReport.end)
        .join(Document, Document.id == QuoteReport.document_id).where(QuoteReport.quote_id == quote_id))]
    return _new(session, author, note, subject="quote", subject_id=quote_id, action="reject",
                before={"text": q.text, "speaker": q.speaker_id}, after=None, anchor=anchor)


def merge_actors(session: Session, keep: int, absorb: int, author: str | None = None,
                 note: str | None = None) -> Correction:
    """Merge actor ``absorb`` into ``keep`` (both as they stand now)."""
    for aid in (keep, absorb):
        if session.get(Actor, aid) is None:
            raise CorrectionError(f"no actor {aid}", 404)
    keep_c, absorb_c = canonical(session, keep), canonical(session, absorb)
    if keep_c == absorb_c:
        raise CorrectionError(f"actors {keep} and {absorb} are one actor already")
    row = session.get(Actor, absorb_c)
    assert row is not None
    before = row.merged_into_id
    row.merged_into_id = keep_c
    return _new(session, author, note, subject="actor", subject_id=absorb_c, action="merge",
                before={"merged_into": before}, after={"merged_into": keep_c})


def split_actor(session: Session, actor_id: int, author: str | None = None, note: str | None = None) -> Correction:
    """Take an actor back out of the actor it was merged into (by the knowledge base or an analyst)."""
    row = session.get(Actor, actor_id)
    if row is None:
        raise CorrectionError(f"no actor {actor_id}", 404)
    if row.merged_into_id is None:
        raise CorrectionError(f"actor {actor_id} is not merged into another")
    before = row.merged_into_id
    row.merged_into_id = None
    return _new(session, author, note, subject="actor", subject_id=actor_id, action="split",
                before={"merged_into": before}, after={"merged_into": None})


def add_relation(session: Session, subject: Any, type: str, object: Any, author: str | None = None,
                 note: str | None = None) -> Correction:
    """A relation the extractor missed (subject leader_of object, ...)."""
    if type not in RELATION_TYPES:
        raise CorrectionError(f"unknown relation type {type!r}; one of {', '.join(RELATION_TYPES)}")
    subj, obj = actor_ids(session, [subject]), actor_ids(session, [object])
    if not subj or not obj:
        raise CorrectionError("a relation needs a subject and an object")
    if subj[0] == obj[0]:
        raise CorrectionError("a relation needs two different actors")
    return _new(session, author, note, subject="relation", subject_id=None, action="add", before=None,
                after={"subject": subj[0], "type": type, "object": obj[0]})


def undo(session: Session, correction_id: int, author: str | None = None) -> Correction:
    """Undo a correction (the row stays, marked undone); an actor merge or split is reversed."""
    c = session.get(Correction, correction_id)
    if c is None:
        raise CorrectionError(f"no correction {correction_id}", 404)
    if c.undone_at is not None:
        raise CorrectionError(f"correction {correction_id} is undone already")
    if c.subject == "actor":
        row = session.get(Actor, c.subject_id)
        if row is not None:
            row.merged_into_id = (c.before or {}).get("merged_into")
    c.undone_at = dt.datetime.now(dt.timezone.utc)
    c.undone_by = (author or DEFAULT_AUTHOR).strip()[:128] or DEFAULT_AUTHOR
    session.flush()
    _forget_overlay(session)
    return c


# ---------------------------------------------------------------- reading them
COLUMNS = ("id", "created_at", "author", "subject", "subject_id", "current_id", "action", "field", "before",
           "after", "note", "status", "undone_at", "undone_by")


def listing(session: Session, subject: str | None = None, subject_id: int | None = None,
            active_only: bool = False, actor_id: int | None = None) -> list[dict[str, Any]]:
    """Corrections as flat records (oldest first); ``current_id`` is the event or quote they apply to now.

    ``subject_id``: of that subject (as it was or is now); ``actor_id``: the actor merges, splits and
    added relations that involve this actor."""
    stmt = select(Correction).order_by(Correction.id)
    if active_only:
        stmt = stmt.where(Correction.undone_at.is_(None))
    rows = list(session.scalars(stmt))
    ov = overlay(session)
    in_force: set[int] = {cid for fields in ov.event_fields.values() for _, cid in fields.values()}
    in_force |= set(ov.rejected_events.values()) | set(ov.rejected_quotes.values())
    resolve = {"event": _resolver(session, [c for c in rows if c.subject == "event"], EventReport),
               "quote": _resolver(session, [c for c in rows if c.subject == "quote"], QuoteReport)}
    out = []
    for c in rows:
        cur = resolve[c.subject](c) if c.subject in resolve else (c.subject_id if c.subject == "actor" else None)
        if c.undone_at is not None:
            status = "undone"
        elif c.subject in resolve and cur is None:
            status = "unresolved"  # its event or quote is no longer in the knowledge base
        elif c.subject in resolve and c.id not in in_force:
            status = "superseded"  # a later correction of the same field replaced it
        else:
            status = "active"
        rec = {"id": c.id, "created_at": c.created_at.isoformat() if c.created_at else None, "author": c.author,
               "subject": c.subject, "subject_id": c.subject_id, "current_id": cur, "action": c.action,
               "field": c.field, "before": c.before, "after": c.after, "note": c.note, "status": status,
               "undone_at": c.undone_at.isoformat() if c.undone_at else None, "undone_by": c.undone_by}
        if subject and c.subject != subject:
            continue
        if subject_id is not None and subject_id not in (cur, c.subject_id):
            continue
        if actor_id is not None and not (c.subject == "actor" and c.subject_id == actor_id) \
                and not _touches(c, actor_id):
            continue
        out.append(rec)
    return out


def _touches(c: Correction, actor_id: int) -> bool:
    after = c.after if isinstance(c.after, dict) else {}
    return c.subject in ("relation", "actor") and actor_id in (after.get("subject"), after.get("object"),
                                                               after.get("merged_into"))


__all__ = ["ACTIONS", "COLUMNS", "CorrectionError", "EVENT_FIELDS", "Overlay", "actor_ids", "add_relation",
           "event_ids_of_actors", "event_roles_of_actors", "listing", "merge_actors", "overlay", "reject_event", "reject_quote",
           "set_event_field", "split_actor", "undo"]
