"""Server-rendered pages (Jinja2): overview, network, timeline, map, actor, event, document, analyse.

Article text, titles, URLs and names are untrusted.  Every template is autoescaped; the highlighted
document text is built here from the stored offsets by escaping each piece of text
(:func:`markupsafe.escape`) before it is wrapped in spans, so no article content is ever marked safe
as it stands.  Pages carry no inline script or style: the JavaScript under /static reads its data
from ``data-`` attributes and from the small JSON routes under ``/pages-data/``.

The package is split by what each module holds: :mod:`.templates` (the Jinja2 environment,
:func:`render`), :mod:`.plumbing` (the router, filters several pages share), :mod:`.highlight`
(the marked-up document text and its extraction tables), :mod:`.views` (the pages over the knowledge
base), :mod:`.analyze` (the analyse form) and :mod:`.data` (the JSON the pages' scripts read).
"""
from __future__ import annotations

from .highlight import ENTITY_KINDS, Mark, _gazetteer, document_marks, extraction, highlight, places_and_dates
from .plumbing import _date, _event_filters, _events_or_error, _kb, router
from .templates import COOPERATIVE, ENV, HERE, HOSTILE, STRUCTURAL, _env, edge_class, http_url, render

# The pages register on `router` as their modules are imported: this order is the order of the routes.
# isort: off
from .views import (
    _disagreements,
    _events_by_ids,
    actor_page,
    document_page,
    event_page,
    map_page,
    network_page,
    overview,
    timeline_page,
    top_dyads,
)
from .analyze import MAX_UPLOAD_BYTES, _analyse, _read_form, analyze_form, analyze_submit
from .data import _event_json, events_data, network_data
# isort: on

__all__ = ["router", "highlight", "Mark", "http_url", "edge_class"]
