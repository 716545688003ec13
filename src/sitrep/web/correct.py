"""The corrections API: ``POST /api/corrections`` (needs the write token), undo, and the list.

Each call stores one correction row (:mod:`sitrep.kb.corrections`); nothing extracted is changed.
The pages' correction forms (``static/js/correct.js``) send these calls with the token the analyst
types in, as ``Authorization: Bearer``.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from ..kb import corrections as C
from .security import ApiError, check_write

router = APIRouter(prefix="/api")


class CorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subject: Literal["event", "quote", "actor", "relation"]
    action: Literal["reject", "set", "merge", "split", "add"]
    id: int | None = Field(default=None, ge=1, description="the event, quote or actor corrected")
    field: str | None = Field(default=None, max_length=32, description="set: type, actors, targets, date, place, "
                                                                      "fatalities or injuries")
    value: Any = Field(default=None, description="set: the new value (actors by id or name; a date YYYY-MM-DD or "
                                                 "START/END; a place name or {name, country, lat, lon}; a number "
                                                 "or N-M); add: {subject, type, object}")
    into: int | str | None = Field(default=None, description="merge: the actor (id or name) that absorbs `id`")
    author: str | None = Field(default=None, max_length=128, description="who corrects (default 'analyst')")
    note: str | None = Field(default=None, max_length=2000, description="why")


class CorrectionOut(BaseModel):
    id: int
    created_at: str | None
    author: str
    subject: str
    subject_id: int | None
    current_id: int | None = Field(description="the event or quote it applies to now (ids change on --reanalyse)")
    action: str
    field: str | None
    before: Any
    after: Any
    note: str | None
    status: Literal["active", "undone", "superseded", "unresolved"]
    undone_at: str | None
    undone_by: str | None


class UndoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    author: str | None = Field(default=None, max_length=128)


WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "a body that cannot be parsed"}, 413: {"description": "the body is over the size limit"},
    401: {"description": "no write token sent"}, 403: {"description": "a wrong token, or a read-only server"},
    404: {"description": "no such event, quote, actor or correction"}, 422: {"description": "a bad value"}}


def _record(session, cid: int) -> dict[str, Any]:
    return next(r for r in C.listing(session) if r["id"] == cid)


def _apply(session, body: CorrectionIn):
    allowed = C.ACTIONS[body.subject]
    if body.action not in allowed:
        raise C.CorrectionError(f"a {body.subject} can be corrected by {', '.join(allowed)}, not {body.action!r}")
    if body.subject != "relation" and body.id is None:
        raise C.CorrectionError(f"name the {body.subject} with 'id'")
    who = {"author": body.author, "note": body.note}
    if body.subject == "event":
        if body.action == "reject":
            return C.reject_event(session, body.id, **who)
        if not body.field:
            raise C.CorrectionError(f"name the field to set: one of {', '.join(C.EVENT_FIELDS)}")
        return C.set_event_field(session, body.id, body.field, body.value, **who)
    if body.subject == "quote":
        return C.reject_quote(session, body.id, **who)
    if body.subject == "actor":
        if body.action == "split":
            return C.split_actor(session, body.id, **who)
        if body.into in (None, ""):
            raise C.CorrectionError("a merge names the actor that absorbs this one with 'into'")
        (into,) = C.actor_ids(session, [body.into]) or (None,)
        if into is None:
            raise C.CorrectionError("a merge names the actor that absorbs this one with 'into'")
        return C.merge_actors(session, into, body.id, **who)
    v = body.value if isinstance(body.value, dict) else {}
    if not {"subject", "type", "object"} <= set(v):
        raise C.CorrectionError("a relation is added with value {subject, type, object}")
    return C.add_relation(session, v["subject"], str(v["type"]), v["object"], **who)


@router.post("/corrections", response_model=CorrectionOut, status_code=201, tags=["corrections"],
             summary="Correct an event, a quote, an actor or a relation (needs the write token)",
             responses=WRITE_ERRORS)
def post_correction(request: Request, body: CorrectionIn) -> dict[str, Any]:
    check_write(request)
    kb = request.app.state.kb
    try:
        with kb.session() as s:
            with s.begin():
                c = _apply(s, body)
                cid = c.id
            return _record(s, cid)
    except C.CorrectionError as exc:
        raise ApiError(exc.status, "not_found" if exc.status == 404 else "invalid_correction", str(exc)) from None


@router.post("/corrections/{correction_id}/undo", response_model=CorrectionOut, tags=["corrections"],
             summary="Undo a correction (its row stays, marked undone)", responses=WRITE_ERRORS)
def undo_correction(request: Request, correction_id: Annotated[int, Path(ge=1, le=2**62)],
                    body: UndoIn | None = None) -> dict[str, Any]:
    check_write(request)
    try:
        with request.app.state.kb.session() as s:
            with s.begin():
                C.undo(s, correction_id, author=body.author if body else None)
            return _record(s, correction_id)
    except C.CorrectionError as exc:
        raise ApiError(exc.status, "not_found" if exc.status == 404 else "invalid_correction", str(exc)) from None


@router.get("/corrections", response_model=list[CorrectionOut], tags=["corrections"],
            summary="Every correction, oldest first (format=csv for a spreadsheet)",
            responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}})
def list_corrections(request: Request,
                     subject: Annotated[Literal["event", "quote", "actor", "relation"] | None, Query()] = None,
                     id: Annotated[int | None, Query(ge=1, le=2**62, description="of this event, quote or actor")] = None,
                     active: Annotated[bool, Query(description="leave out undone ones")] = False,
                     format: Annotated[Literal["json", "csv"], Query()] = "json") -> Any:
    with request.app.state.kb.session() as s:
        rows = C.listing(s, subject=subject, subject_id=id, active_only=active)
    if format == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(C.COLUMNS), lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: (json.dumps(v, ensure_ascii=False) if k in ("before", "after") and v is not None else v)
                        for k, v in r.items()})
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="sitrep-corrections.csv"'})
    return rows
