"""The batch output: one Parquet data set per table, declared once for both engines.

Each table has the fields of the analysed-document format (FORMAT.md) plus
``doc_id`` and ``month`` (the publication month, ``YYYY-MM`` or ``unknown``),
by which the data sets are partitioned (``events/month=2023-11/…``).  The
column types are declared here once, as a small spec, and turned into a
pyarrow schema (local engine) and a Spark schema (Spark engine), so that the
two engines write the same columns with the same types.
"""
from __future__ import annotations

from typing import Any, Iterator

from ..model import AnalysedDocument

# A type is "string", "long", "double", ("list", type) or ("struct", ((name, type), ...)).
SPAN = ("struct", (("start", "long"), ("end", "long"), ("text", "string")))
PLACE = ("struct", (("name", "string"), ("country", "string"), ("admin1", "string"), ("lat", "double"),
                    ("lon", "double"), ("geonameid", "long"), ("kind", "string"), ("aliases", ("list", "string"))))

TABLES: dict[str, tuple[tuple[str, Any], ...]] = {
    "documents": (("doc_id", "string"), ("origin", "string"), ("language", "string"), ("published", "string"),
                  ("source", "string"), ("url", "string"), ("title", "string"), ("text", "string"),
                  ("n_actors", "long"), ("n_events", "long"), ("n_quotes", "long"), ("n_relations", "long"),
                  ("boilerplate", ("list", SPAN)), ("schema", "string"), ("month", "string")),
    "actors": (("doc_id", "string"), ("id", "string"), ("name", "string"), ("kind", "string"),
               ("aliases", ("list", "string")), ("country", "string"), ("wikidata", "string"),
               ("registry_id", "string"), ("mentions", ("list", SPAN)), ("month", "string")),
    "events": (("doc_id", "string"), ("id", "string"), ("type", "string"), ("mode", "string"),
               ("actors", ("list", "string")), ("targets", ("list", "string")), ("date", "string"),
               ("date_precision", "string"), ("location", PLACE), ("fatalities", "long"), ("injuries", "long"),
               ("count", "long"), ("status", "string"), ("evidence", SPAN), ("cue", "string"), ("month", "string")),
    "quotes": (("doc_id", "string"), ("id", "string"), ("text", "string"), ("start", "long"), ("end", "long"),
               ("kind", "string"), ("speaker", "string"), ("speaker_text", "string"), ("cue", "string"),
               ("month", "string")),
    "relations": (("doc_id", "string"), ("subject", "string"), ("type", "string"), ("object", "string"),
                  ("evidence", SPAN), ("month", "string")),
    # one row per document that could not be read or analysed; never partitioned
    "errors": (("origin", "string"), ("doc_id", "string"), ("code", "string"), ("message", "string")),
}
# The merged tables (``DIR/merged/<table>``), written by the merge stage (:mod:`.merge`); not partitioned.
MERGED_TABLES: dict[str, tuple[tuple[str, Any], ...]] = {
    "actors": (("actor_id", "string"), ("name", "string"), ("kind", "string"), ("country", "string"),
               ("registry_id", "string"), ("wikidata", "string"), ("aliases", ("list", "string")),
               ("n_documents", "long"), ("n_mentions", "long")),
    "actor_links": (("doc_id", "string"), ("local_id", "string"), ("actor_id", "string")),
    "events": (("event_id", "string"), ("type", "string"), ("date_start", "string"), ("date_end", "string"),
               ("country", "string"), ("place", "string"), ("place_kind", "string"), ("geonameid", "long"),
               ("lat", "double"), ("lon", "double"), ("fatalities_min", "long"), ("fatalities_max", "long"),
               ("injuries_min", "long"), ("injuries_max", "long"), ("status", "string"), ("mode", "string"),
               ("actors", ("list", "string")), ("targets", ("list", "string")), ("n_sources", "long")),
    "event_reports": (("event_id", "string"), ("doc_id", "string"), ("local_id", "string")),
    "relations": (("subject", "string"), ("type", "string"), ("object", "string"), ("n_documents", "long"),
                  ("n_reports", "long")),
}
# The tables analysed documents go to (``errors`` is written beside them).
DOCUMENT_TABLES = ("documents", "actors", "events", "quotes", "relations")
UNKNOWN_MONTH = "unknown"


def month_of(published: str | None) -> str:
    """The partition of a document: ``2023-11`` for any date in November 2023, else ``unknown``."""
    if published and len(published) >= 7 and published[4] == "-" and published[:4].isdigit() \
            and published[5:7].isdigit():
        return published[:7]
    return UNKNOWN_MONTH


def rows_of(doc: AnalysedDocument, origin: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) for every record of one analysed document."""
    rec = doc.to_dict(include_text=True)
    key = {"doc_id": doc.id, "month": month_of(doc.published)}
    yield "documents", {**key, "origin": origin, "language": rec["language"], "published": rec["published"],
                        "source": rec["source"], "url": rec["url"], "title": rec["title"], "text": rec["text"],
                        "n_actors": len(rec["actors"]), "n_events": len(rec["events"]),
                        "n_quotes": len(rec["quotes"]), "n_relations": len(rec["relations"]),
                        "boilerplate": rec["boilerplate"], "schema": rec["schema"]}
    for table in ("actors", "events", "quotes", "relations"):
        for item in rec[table]:
            yield table, {**key, **item}


def error_row(origin: str, code: str, message: str, doc_id: str | None = None) -> tuple[str, dict[str, Any]]:
    return "errors", {"origin": origin, "doc_id": doc_id, "code": code, "message": message}


def document_record(doc: dict[str, Any], items: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A documents row and its actors, events, quotes and relations rows -> the FORMAT.md record."""
    def strip(row: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in row.items() if k not in ("doc_id", "month")}

    return {"schema": doc.get("schema") or "sitrep/1", "id": doc["doc_id"], "language": doc["language"],
            "published": doc["published"], "source": doc["source"], "url": doc["url"], "title": doc["title"],
            "text": doc["text"], "boilerplate": doc.get("boilerplate") or [],
            **{t: [strip(r) for r in items.get(t, [])] for t in ("actors", "events", "quotes", "relations")}}


# ------------------------------------------------------------------ schemas
def arrow_schema(table: str, partitioned: bool = True, merged: bool = False):
    """The pyarrow schema of a table (``month`` left out when it is the partition key)."""
    import pyarrow as pa

    spec = (MERGED_TABLES if merged else TABLES)[table]

    def conv(t: Any):
        if t == "string":
            return pa.string()
        if t == "long":
            return pa.int64()
        if t == "double":
            return pa.float64()
        if t[0] == "list":
            return pa.list_(conv(t[1]))
        return pa.struct([pa.field(n, conv(s)) for n, s in t[1]])

    return pa.schema([pa.field(n, conv(t)) for n, t in spec if not (partitioned and n == "month")])


def spark_schema(table: str, merged: bool = False):
    """The Spark schema of a table (the same columns and types as :func:`arrow_schema`)."""
    from pyspark.sql import types as T

    spec = (MERGED_TABLES if merged else TABLES)[table]

    def conv(t: Any):
        if t == "string":
            return T.StringType()
        if t == "long":
            return T.LongType()
        if t == "double":
            return T.DoubleType()
        if t[0] == "list":
            return T.ArrayType(conv(t[1]))
        return T.StructType([T.StructField(n, conv(s)) for n, s in t[1]])

    return T.StructType([T.StructField(n, conv(t)) for n, t in spec])
