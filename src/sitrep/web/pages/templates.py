"""The Jinja2 environment of the pages (autoescaped, strict), its filters, and :func:`render`."""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ...model import EVENT_TYPES, HOSTILE_EVENT_TYPES, event_edge_kind

HERE = Path(__file__).parent.parent  # sitrep/web: templates/ and static/ are there

HOSTILE = HOSTILE_EVENT_TYPES
COOPERATIVE = {"supports", "allied_with"}
STRUCTURAL = {"leader_of", "member_of", "part_of", "spokesperson_of"}


def edge_class(kind: str, type_: str) -> str:
    """hostile, cooperative, verbal-cooperative, structural or other: the colour of a network edge."""
    if type_ in EVENT_TYPES:
        return event_edge_kind(type_)
    if type_ in COOPERATIVE:
        return "cooperative"
    if type_ in STRUCTURAL:
        return "structural"
    return "other"


def http_url(value: Any) -> str | None:
    """``value`` when it is an http(s) URL, else None: a ``javascript:`` URL never becomes a link."""
    if not value or not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["http_url"] = http_url
    env.filters["qs"] = lambda d: urlencode({k: v for k, v in d.items() if v})
    env.globals["edge_class"] = edge_class
    return env


ENV = _env()


def render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    ctx.setdefault("nav", name.removesuffix(".html"))
    html = ENV.get_template(name).render(request=request, **ctx)
    return HTMLResponse(html, status_code=status_code)
