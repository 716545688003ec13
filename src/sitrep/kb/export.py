"""Exports of the knowledge base: ACLED-style CSV, PLOVER/POLECAT-style JSON Lines, GraphML, GEXF, Parquet.

ACLED mapping
-------------

One row per merged event.  PLOVER type and mode map to ACLED's event type and sub-event type:

=========  ======================  ============================  ==================================  ======================
PLOVER     mode                    ACLED event_type              sub_event_type                      disorder_type
=========  ======================  ============================  ==================================  ======================
ASSAULT    aerial                  Explosions/Remote violence    Air/drone strike                    Political violence
ASSAULT    missile                 Explosions/Remote violence    Shelling/artillery/missile attack   Political violence
ASSAULT    explode                 Explosions/Remote violence    Remote explosive/landmine/IED       Political violence
ASSAULT    firearms, ground,       Battles                       Armed clash                         Political violence
           kill, none
ASSAULT    (same) on civilians     Violence against civilians    Attack                              Political violence
PROTEST    demo, strike, boycott,  Protests                      Peaceful protest                    Demonstrations
           none
PROTEST    riot                    Riots                         Violent demonstration               Demonstrations
COERCE     arrest                  Strategic developments        Arrests                             Strategic developments
COERCE     seize, expel, ban,      Strategic developments        Other                               Strategic developments
           other, none
MOBILIZE   any                     Strategic developments        Change to group/activity            Strategic developments
RETREAT    any                     Strategic developments        Non-violent transfer of territory   Strategic developments
AGREE      any                     Strategic developments        Agreement                           Strategic developments
=========  ======================  ============================  ==================================  ======================

The other PLOVER types (verbal and diplomatic: CONSULT, SUPPORT, REQUEST, ACCUSE, REJECT, THREATEN,
SANCTION, CONCEDE, COOPERATE, AID) have no ACLED counterpart and are not forced into one: they are left
out of the ACLED export (the log says how many of each type), or, with ``all_types`` (``sitrep export
--format acled --all-types``), written with the ACLED type columns empty and ``notes`` saying which
PLOVER type and mode the row is and that ACLED has no event type for it.

"On civilians": a target that is a collective (kind ``other``) named as civilians, protesters,
residents, journalists and the like (:data:`CIVILIAN_WORDS`); such events, whatever their type,
also get ``civilian_targeting`` = "Civilian targeting".

Other columns: ``event_id_cnty`` is the ISO alpha-3 code and the event id (``IRQ1``; ``XXX`` when
the country is unknown); ``iso`` the numeric ISO 3166 code; ``inter1``/``inter2`` ACLED's actor
codes (1 state forces of the event's country, 2 rebel groups, 3 political militias (armed groups),
4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces (a foreign
state, an international organisation, a coalition), 0 none or unknown) and ``interaction`` the two
codes, lower first (``18``; one side only: ``60``); ``fatalities`` the lower bound of what the sources
say (0 when none says), with the range and each source's figure in ``notes``; ``source`` the
sources joined by "; "; ``time_precision`` 1 (a day), 2 (up to a week), 3 (longer).  An event whose
sources give no date is dated by its first report's publication date with time_precision 3 (as
ACLED does), and ``notes`` says so.  ``geo_precision`` 1 (a town or facility), 3 (a region or
country).  ``region``, ``admin2``, ``admin3`` and ``source_scale`` are left empty (sitrep does not
code them); ``tags`` carries the status when it is not "reported" (``status=claimed``).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import JSON, Date, DateTime, Float, Integer, select
from sqlalchemy.orm import Session

from . import query
from .query import ActorRef, EventRecord
from .schema import Base, Document, EventReport

log = logging.getLogger(__name__)

FORMATS = ("acled", "plover", "graphml", "gexf", "parquet")

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]

# (PLOVER type, mode) -> (ACLED event type, sub-event type); mode None is the type's default.
ACLED_TYPES: dict[tuple[str, str | None], tuple[str, str]] = {
    ("ASSAULT", "aerial"): ("Explosions/Remote violence", "Air/drone strike"),
    ("ASSAULT", "missile"): ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("ASSAULT", "explode"): ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("ASSAULT", None): ("Battles", "Armed clash"),
    ("PROTEST", "riot"): ("Riots", "Violent demonstration"),
    ("PROTEST", None): ("Protests", "Peaceful protest"),
    ("COERCE", "arrest"): ("Strategic developments", "Arrests"),
    ("COERCE", None): ("Strategic developments", "Other"),
    ("MOBILIZE", None): ("Strategic developments", "Change to group/activity"),
    ("RETREAT", None): ("Strategic developments", "Non-violent transfer of territory"),
    ("AGREE", None): ("Strategic developments", "Agreement"),
}
ACLED_CIVILIAN_ATTACK = ("Violence against civilians", "Attack")
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
# Words (normalised, any language sitrep reads) that make a collective target civilians (7) or protesters (6).
CIVILIAN_WORDS = {"civilians", "civilian", "residents", "villagers", "inhabitants", "journalists", "worshippers",
                  "children", "women", "students", "refugees", "farmers", "passengers", "patients", "people",
                  "burgers", "bewoners", "inwoners", "dorpelingen", "journalisten", "kinderen", "vrouwen",
                  "vluchtelingen", "zivilisten", "bewohner", "einwohner", "kinder", "frauen", "civils",
                  "habitants", "villageois", "enfants", "femmes", "réfugiés", "refugies"}
PROTESTER_WORDS = {"protesters", "protestors", "demonstrators", "activists", "betogers", "demonstranten",
                   "actievoerders", "demonstrierende", "demonstrierenden", "manifestants",
                   "protestataires", "rioters", "relschoppers", "émeutiers", "emeutiers", "randalierer"}
# geo_precision by the kind of place the sources give
GEO_PRECISION = {"city": 1, "town": 1, "village": 1, "facility": 1, "region": 3, "admin1": 3, "country": 3}


# ---------------------------------------------------------------- ACLED
def _words(ref: ActorRef) -> set[str]:
    from .merge import norm

    return set(norm(ref.name).split())


def _inter(ref: ActorRef, country: str | None, riot: bool) -> int:
    if ref.kind == "state":
        return 1 if country is None or ref.country in (None, country) else 8
    if ref.kind in ("international_org", "coalition"):
        return 8
    if ref.kind == "armed_group":
        return 3
    words = _words(ref)
    if words & PROTESTER_WORDS:
        return 5 if riot else 6
    if words & CIVILIAN_WORDS:
        return 7
    return 0


def acled_type(event: EventRecord) -> tuple[str, str] | None:
    """ACLED's (event type, sub-event type) for an event, or None where ACLED has no such event."""
    civilians = any(_inter(t, event.country, False) in (6, 7) for t in event.targets)
    if event.type == "ASSAULT" and (event.mode not in ("aerial", "missile", "explode")) and civilians:
        return ACLED_CIVILIAN_ATTACK
    return ACLED_TYPES.get((event.type, event.mode)) or ACLED_TYPES.get((event.type, None))


def _country(cc: str | None) -> tuple[str, str, str]:
    """ISO alpha-2 -> (alpha-3, numeric, English name); blanks when unknown."""
    if not cc:
        return "XXX", "", ""
    try:
        import pycountry

        c = pycountry.countries.get(alpha_2=cc)
    except ImportError:
        c = None
    if c is None:
        return cc, "", cc
    return str(c.alpha_3), str(int(c.numeric)), str(getattr(c, "common_name", None) or c.name)


def _time_precision(e: EventRecord) -> int:
    if not e.date_start or not e.date_end:
        return 3
    days = (dt.date.fromisoformat(e.date_end) - dt.date.fromisoformat(e.date_start)).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def _source_name(s: query.SourceAccount) -> str:
    return s.source or s.url or s.doc_key


def acled_row(e: EventRecord, timestamp: int | None = None, all_types: bool = False) -> dict[str, Any] | None:
    """One ACLED row; None for an event ACLED has no type for, unless ``all_types`` (then the type columns are
    empty and the notes say so)."""
    types = acled_type(e)
    if types is None and not all_types:
        return None
    event_type, sub = types or ("", "")
    iso3, numeric, country_name = _country(e.country)
    riot = e.type == "PROTEST" and e.mode == "riot"
    # ACLED's second actor of a protest is whoever engages the crowd, not the government it protests against
    targets = [t for t in e.targets if not (e.type == "PROTEST" and t.kind == "state")]
    inter1 = _inter(e.actors[0], e.country, riot) if e.actors else 0
    inter2 = _inter(targets[0], e.country, riot) if targets else 0
    if e.type == "PROTEST" and inter1 == 0 and e.actors:
        inter1 = 5 if riot else 6  # whoever protests is a protester to ACLED
    codes = sorted(c for c in (inter1, inter2) if c)
    interaction = "" if not codes else f"{codes[0]}{codes[1] if len(codes) > 1 else 0}"
    civilian = any(_inter(t, e.country, riot) in (6, 7) for t in targets) and e.type == "ASSAULT"
    notes = [e.sources[0].evidence if e.sources else ""]
    if types is None:
        notes.insert(0, f"PLOVER {e.type}{f' ({e.mode})' if e.mode else ''}: no ACLED event type.")
    date, precision = e.date_start, _time_precision(e)
    if not date:
        date = next((s.published for s in e.sources if s.published), "")
        if date:
            notes.append("Date not stated; publication date of the first report.")
    figures = [(s, s.fatalities) for s in e.sources if s.fatalities is not None]
    if figures:
        notes.append(f"Fatalities {e.fatalities} ("
                     + ("corrected by an analyst; sources said " if "fatalities" in e.corrected else "")
                     + "; ".join(f"{_source_name(s)}: {n}" for s, n in figures) + ").")
    if e.corrected:
        notes.append(f"Corrected by an analyst: {', '.join(sorted(e.corrected))}.")
    location = next((s.location for s in e.sources if s.location and s.location.get("name") == e.place), None) or \
        next((s.location for s in e.sources if s.location), None) or {}
    sources = list(dict.fromkeys(_source_name(s) for s in e.sources))
    return {
        "event_id_cnty": f"{iso3}{e.id}", "event_date": date or "", "year": (date or "")[:4],
        "time_precision": precision, "disorder_type": DISORDER.get(event_type, ""), "event_type": event_type,
        "sub_event_type": sub,
        "actor1": e.actors[0].name if e.actors else "", "assoc_actor_1": query.actor_names(e.actors[1:]),
        "inter1": inter1,
        "actor2": targets[0].name if targets else "", "assoc_actor_2": query.actor_names(targets[1:]),
        "inter2": inter2, "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": numeric, "region": "", "country": country_name, "admin1": location.get("admin1") or "",
        "admin2": "", "admin3": "", "location": e.place or "",
        "latitude": "" if e.lat is None else round(e.lat, 4), "longitude": "" if e.lon is None else round(e.lon, 4),
        "geo_precision": GEO_PRECISION.get(location.get("kind") or "", 2) if e.place else "",
        "source": "; ".join(sources), "source_scale": "", "notes": " ".join(n for n in notes if n),
        "fatalities": e.fatalities_min or 0,
        "tags": "" if e.status == "reported" else f"status={e.status}",
        "timestamp": timestamp if timestamp is not None else "",
    }


def _batched_events(session: Session, filters: dict[str, Any], batch: int = 500) -> Iterator[list[EventRecord]]:
    """Every event the filters select, oldest first, hydrated a batch at a time (bounded memory)."""
    from .schema import Event

    ids = query.event_ids(session, **filters)
    for i in range(0, len(ids), batch):
        chunk = ids[i:i + batch]
        rows = {e.id: e for e in session.scalars(select(Event).where(Event.id.in_(chunk)))}
        yield query._hydrate(session, [rows[j] for j in chunk])


def _timestamps(session: Session, event_ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for eid, when in session.execute(select(EventReport.event_id, Document.ingested_at)
                                     .join(Document, Document.id == EventReport.document_id)
                                     .where(EventReport.event_id.in_(event_ids))):
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=dt.UTC)
            out[eid] = max(out.get(eid, 0), int(when.timestamp()))
    return out


def write_acled(session: Session, out: IO[str], all_types: bool = False, **filters: Any) -> int:
    """ACLED-style CSV of the events the filters select (as :func:`sitrep.kb.query.events`). Returns rows written.

    Events of a type ACLED has no event type for are left out, or with ``all_types`` written with empty
    ACLED type columns and a note (module docstring)."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    skipped: Counter[str] = Counter()
    for chunk in _batched_events(session, filters):
        stamps = _timestamps(session, [e.id for e in chunk])
        for e in chunk:
            row = acled_row(e, stamps.get(e.id), all_types=all_types)
            if row is None:
                skipped[e.type] += 1
                continue
            writer.writerow(row)
            n += 1
    if skipped:
        log.info("%d events of types ACLED has no event type for left out (%s); --all-types writes them with a note",
                 sum(skipped.values()), ", ".join(f"{t} {k}" for t, k in sorted(skipped.items())))
    return n


# ---------------------------------------------------------------- PLOVER / POLECAT JSON Lines
def plover_record(e: EventRecord) -> dict[str, Any]:
    iso3, _, country_name = _country(e.country)
    location = next((s.location for s in e.sources if s.location and s.location.get("name") == e.place), None) or {}
    return {
        "event_id": f"sitrep-{e.id}", "event_date": e.date_start, "event_date_end": e.date_end,
        "event_type": e.type, "event_mode": e.mode, "status": e.status,
        "actor": [a.name for a in e.actors], "actor_country": [a.country for a in e.actors],
        "actor_kind": [a.kind for a in e.actors],
        "recipient": [t.name for t in e.targets], "recipient_country": [t.country for t in e.targets],
        "recipient_kind": [t.kind for t in e.targets],
        "country": iso3 if e.country else None, "country_name": country_name or None,
        "location": e.place, "admin1": location.get("admin1"), "geonameid": location.get("geonameid"),
        "lat": e.lat, "lon": e.lon,
        "fatalities": e.fatalities_min, "fatalities_max": e.fatalities_max,
        "injuries": e.injuries_min, "injuries_max": e.injuries_max,
        "n_sources": e.n_sources, "corrected": sorted(e.corrected),
        "sources": [{"doc_id": s.doc_key, "document_id": s.document_id, "url": s.url, "source": s.source,
                     "published": s.published, "language": s.language, "evidence": s.evidence, "date": s.date,
                     "fatalities": s.fatalities, "injuries": s.injuries, "status": s.status} for s in e.sources],
    }


def write_plover(session: Session, out: IO[str], **filters: Any) -> int:
    """One merged event per line, PLOVER/POLECAT style. Returns lines written."""
    n = 0
    for chunk in _batched_events(session, filters):
        for e in chunk:
            out.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
            n += 1
    return n


# ---------------------------------------------------------------- GraphML / GEXF
def network_graph(session: Session, **filters: Any):  # -> networkx.MultiDiGraph
    """The actor network (:func:`sitrep.kb.query.network`) as a networkx MultiDiGraph.

    Nodes are named ``a<id>`` with attributes label, kind, country, activity, events_as_actor,
    events_as_target, relations; edges carry type (also as label), kind ("relation" or "event") and
    weight.  Missing values are empty strings (GraphML and GEXF have no null).  In GEXF, whose own
    ``type`` attribute of an edge means directed or undirected, the type is ``edge_type`` (and the
    edge's label)."""
    import networkx as nx

    net = query.network(session, **{k: v for k, v in filters.items()
                                    if k in ("since", "until", "actor", "type", "country")})
    g = nx.MultiDiGraph(name="sitrep actor network")
    for n in net.nodes:
        g.add_node(f"a{n['id']}", label=n["name"], kind=n["kind"], country=n["country"] or "",
                   activity=n["activity"], events_as_actor=n["events_as_actor"],
                   events_as_target=n["events_as_target"], relations=n["relations"])
    for i, ed in enumerate(net.edges):
        g.add_edge(f"a{ed['source']}", f"a{ed['target']}", key=f"e{i}", label=ed["type"], type=ed["type"],
                   kind=ed["kind"], weight=float(ed["weight"]))
    return g


def write_graphml(session: Session, out: str | Path | IO[bytes], **filters: Any) -> tuple[int, int]:
    import networkx as nx

    g = network_graph(session, **filters)
    nx.write_graphml(g, out)
    return g.number_of_nodes(), g.number_of_edges()


def write_gexf(session: Session, out: str | Path | IO[bytes], **filters: Any) -> tuple[int, int]:
    import networkx as nx

    g = network_graph(session, **filters)
    for _, _, data in g.edges(data=True):  # GEXF's own "type" attribute means directed/undirected
        data["edge_type"] = data.pop("type")
    nx.write_gexf(g, out)
    return g.number_of_nodes(), g.number_of_edges()


# ---------------------------------------------------------------- Parquet
PARQUET_BATCH = 10_000


def _arrow_type(column):
    import pyarrow as pa

    t = column.type
    if isinstance(t, JSON):
        return pa.string()  # JSON text: nested records vary too much for one Arrow schema
    if isinstance(t, Integer):
        return pa.int64()
    if isinstance(t, Float):
        return pa.float64()
    if isinstance(t, DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(t, Date):
        return pa.date32()
    return pa.string()


def write_parquet(session: Session, folder: str | Path) -> dict[str, int]:
    """One Parquet file per table (``<folder>/<table>.parquet``), written in batches. Returns rows per table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        cols = list(table.columns)
        schema = pa.schema([pa.field(c.name, _arrow_type(c), nullable=True) for c in cols])
        json_cols = {c.name for c in cols if isinstance(c.type, JSON)}
        n = 0
        with pq.ParquetWriter(folder / f"{table.name}.parquet", schema) as writer:
            result = session.execute(select(table).order_by(*table.primary_key.columns)
                                     .execution_options(yield_per=PARQUET_BATCH))
            for chunk in result.partitions(PARQUET_BATCH):
                data: dict[str, list[Any]] = {c.name: [] for c in cols}
                for row in chunk:
                    for c in cols:
                        v = row._mapping[c]
                        if c.name in json_cols and v is not None:
                            v = json.dumps(v, ensure_ascii=False)
                        elif isinstance(v, dt.datetime) and v.tzinfo is None:
                            v = v.replace(tzinfo=dt.UTC)
                        data[c.name].append(v)
                writer.write_table(pa.table(data, schema=schema))
                n += len(chunk)
            if n == 0:
                writer.write_table(schema.empty_table())
        counts[table.name] = n
    return counts
