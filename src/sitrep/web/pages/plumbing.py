"""The pages' router and what several pages share: the knowledge base, date and event filters."""
from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Request

from ...model import EVENT_TYPES
from ...kb import query

router = APIRouter(include_in_schema=False)


def _kb(request: Request):
    return request.app.state.kb


def _date(value: str | None, name: str) -> str | None:
    """A YYYY-MM-DD (or YYYY-MM, YYYY) filter value, or None; anything else is a 400."""
    if not value:
        return None
    value = value.strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise HTTPException(400, f"{name} must be a date YYYY-MM-DD")
    return value


def _event_filters(actor: str | None, target: str | None, since: str | None, until: str | None,
                   type: str | None = None) -> dict[str, str]:
    if type:
        bad = [t for t in type.upper().split(",") if t.strip() and t.strip() not in EVENT_TYPES]
        if bad:
            raise HTTPException(400, f"unknown event type {bad[0]!r}; one of {', '.join(EVENT_TYPES)}")
    return {k: v for k, v in (("actor", actor), ("target", target), ("since", since), ("until", until),
                              ("type", type and type.upper())) if v}


def _events_or_error(request: Request, filters: dict[str, str]) -> tuple[list, str | None]:
    """The events a page shows, or none and the message when it names an unknown actor (the page says so)."""
    try:
        with _kb(request).session() as s:
            return query.events(s, **filters), None
    except query.UnknownActor as exc:
        return [], str(exc)
