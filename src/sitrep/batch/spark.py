"""The Spark engine: the same splits and the same per-split function as the local engine, on pyspark.

- The driver plans splits (file names and byte ranges, never text) and
  parallelises them, one split per Spark partition; executors read their
  split themselves (:func:`sitrep.batch.inputs.read_split`).
- Documents flow through ``mapPartitions``; the extractor is imported and its
  language pipelines built once per Python worker, which Spark reuses across
  tasks (``spark.python.worker.reuse``, on by default): an accumulator counts
  the loads, and the summary reports them.
- A document that fails becomes a row of the ``errors`` table; the job goes on.
- The rows of all tables come out of one pass, are cached
  (``MEMORY_AND_DISK``) and written table by table, partitioned by month.
- The merge stage groups actors and events by block key and runs the rules of
  :mod:`sitrep.batch.merge` inside each group.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import SitrepError
from . import output
from .inputs import Split
from .process import BatchOptions, analyse_split, pipeline_loads
from .tables import DOCUMENT_TABLES, MERGED_TABLES, TABLES, spark_schema

log = logging.getLogger(__name__)
progress_log = logging.getLogger("sitrep.batch.progress")

# How often the stage progress is logged (seconds); SITREP_SPARK_LOG_INTERVAL overrides it.
STAGE_LOG_INTERVAL = 10.0
APP_NAME = "sitrep-batch"


def session(master: str | None, conf: dict[str, str] | None = None):
    """A SparkSession: ``master`` as given (``local[2]``, ``spark://host:7077``, ``yarn``), or the one
    spark-submit set (``None``)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SitrepError("E017", "the Spark engine needs pyspark: pip install 'sitrep[spark]' (and Java 17+)") from exc
    if master and master.startswith("local"):
        # Python workers of a local master run this interpreter (the one with sitrep installed), not
        # whatever 'python3' is first on PATH; on a cluster, spark.pyspark.python or the archive decides.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(APP_NAME)
    if master:
        builder = builder.master(master)
    settings = {"spark.ui.showConsoleProgress": "false",  # our own stage log instead of the console bar
                "spark.sql.sources.partitionOverwriteMode": "static", **(conf or {})}
    for k, v in settings.items():
        builder = builder.config(k, v)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:
        raise SitrepError("E017", f"cannot start Spark (master {master or 'from spark-submit'}): "
                                  f"{str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}") from exc
    spark.sparkContext.setLogLevel("WARN")
    logging.getLogger("py4j").setLevel(logging.WARNING)  # "Closing down clientserver connection" at every exit
    return spark


class StageLog(threading.Thread):
    """Logs the progress of Spark's running stages every few seconds (the driver's status tracker)."""

    def __init__(self, sc: Any, interval: float | None = None):
        super().__init__(daemon=True, name="sitrep-stage-log")
        if interval is None:
            try:
                interval = float(os.environ.get("SITREP_SPARK_LOG_INTERVAL") or STAGE_LOG_INTERVAL)
            except ValueError:
                interval = STAGE_LOG_INTERVAL
        self.sc, self.interval, self.stopped = sc, interval, threading.Event()
        self.last: dict[int, tuple[int, int]] = {}

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.log_once()

    def log_once(self) -> None:
        tracker = self.sc.statusTracker()
        for sid in sorted(tracker.getActiveStageIds()):
            info = tracker.getStageInfo(sid)
            if info is None:
                continue
            state = (info.numCompletedTasks, info.numActiveTasks)
            if self.last.get(sid) != state:
                self.last[sid] = state
                progress_log.info("spark stage %d (%s): %d of %d tasks done, %d running, %d failed", sid,
                                  info.name.split(" at ")[0], info.numCompletedTasks, info.numTasks,
                                  info.numActiveTasks, info.numFailedTasks)

    def stop(self) -> None:
        self.stopped.set()


def _tagged_schema(tables: Iterable[str], merged: bool = False):
    """Rows of several tables in one DataFrame: the table's name, and the row in that table's own column."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField("table", T.StringType(), False)] +
                        [T.StructField(t, spark_schema(t, merged=merged)) for t in tables])


def _tagged(rows: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    """(table, row) pairs as rows of :func:`_tagged_schema`."""
    for table, row in rows:
        yield {"table": table, table: row}


def _analyse_partition(options: BatchOptions, loads: Any):
    def run(items: Iterator[tuple[int, Split]]) -> Iterator[dict[str, Any]]:
        before = pipeline_loads()
        for _, split in items:
            yield from _tagged(analyse_split(split, options))
        loads.add(pipeline_loads() - before)
    return run


def run(splits: list[Split], out: Path, options: BatchOptions, spark: Any) -> output.BatchSummary:
    """Analyse the splits on Spark and write the tables into ``out`` (which :func:`output.prepare` made)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    summary = output.BatchSummary(engine="spark", splits=len(splits))
    started = time.perf_counter()
    loads = sc.accumulator(0)
    stage_log = StageLog(sc)
    stage_log.start()
    try:
        rdd = sc.parallelize(list(enumerate(splits)), max(1, len(splits))).mapPartitions(
            _analyse_partition(options, loads))
        rows = spark.createDataFrame(rdd, _tagged_schema(TABLES)).persist(StorageLevel.MEMORY_AND_DISK)
        for table in (*DOCUMENT_TABLES, "errors"):
            progress_log.info("spark: writing %s", table)
            data = rows.where(F.col("table") == table).select(f"{table}.*")
            writer = data.write.mode("overwrite")
            if table in DOCUMENT_TABLES:
                writer = writer.partitionBy("month")
            writer.parquet(str(out / table))
        counts = {r["table"]: r["count"] for r in rows.groupBy("table").count().collect()}
        rows.unpersist()
    except KeyboardInterrupt:
        summary.interrupted = True
        sc.cancelAllJobs()
        return summary
    except Exception as exc:
        if isinstance(exc, SitrepError):
            raise
        raise SitrepError("E099", f"the Spark job failed: {_first_line(exc)}") from exc
    finally:
        stage_log.stop()
    summary.documents, summary.errors = counts.get("documents", 0), counts.get("errors", 0)
    summary.rows = {t: counts.get(t, 0) for t in DOCUMENT_TABLES if t != "documents"}
    summary.pipeline_loads = loads.value
    summary.seconds = time.perf_counter() - started
    return summary


def merge(out: Path, spark: Any) -> dict[str, int]:
    """The merge stage on Spark: block keys shuffled, the rules of :mod:`sitrep.batch.merge` per block."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from . import merge as rules

    def write(df: Any, table: str) -> None:
        df.select(f"{table}.*").where(F.col("table") == table).write.mode("overwrite").parquet(
            str(out / "merged" / table))

    actors = _read(spark, out, "actors").select(
        "doc_id", "id", "name", "kind", "aliases", "country", "wikidata", "registry_id", "mentions")
    def merge_blocks(rows: Any, key: Any, merge_block: Any, tables: tuple[str, ...]) -> None:
        """Group the rows by block key, merge each block in Python, write the merged tables."""
        merged = spark.createDataFrame(
            rows.rdd.map(lambda r: (key(d := r.asDict(recursive=True)), d)).groupByKey()
            .flatMap(lambda kv: _tagged(merge_block(kv[0], kv[1]))),
            _tagged_schema(tables, merged=True)).persist(StorageLevel.MEMORY_AND_DISK)
        for table in tables:
            write(merged, table)
        merged.unpersist()

    merge_blocks(actors, rules.actor_key, rules.merge_actor_block, ("actors", "actor_links"))
    links = _read(spark, out / "merged", "actor_links", merged=True)

    events = _read(spark, out, "events").select(
        "doc_id", "id", "type", "mode", "actors", "targets", "date", "date_precision", "location", "fatalities",
        "injuries", "status")
    published = _read(spark, out, "documents").select("doc_id", "published")

    def merged_ids(column: str, alias: str):
        return (events.select("doc_id", "id", F.explode(column).alias("local_id"))
                .join(links, ["doc_id", "local_id"])
                .groupBy("doc_id", "id").agg(F.array_sort(F.collect_set("actor_id")).alias(alias)))

    rows = (events.join(published, "doc_id", "left")
            .join(merged_ids("actors", "m_actors"), ["doc_id", "id"], "left")
            .join(merged_ids("targets", "m_targets"), ["doc_id", "id"], "left")
            .withColumn("actors", F.coalesce("m_actors", F.array().cast("array<string>")))
            .withColumn("targets", F.coalesce("m_targets", F.array().cast("array<string>")))
            .drop("m_actors", "m_targets"))
    merge_blocks(rows, rules.event_key, rules.merge_event_block, ("events", "event_reports"))

    relations = _read(spark, out, "relations").select("doc_id", "subject", "type", "object")
    subj = links.withColumnRenamed("local_id", "subject").withColumnRenamed("actor_id", "s")
    obj = links.withColumnRenamed("local_id", "object").withColumnRenamed("actor_id", "o")
    (relations.join(subj, ["doc_id", "subject"]).join(obj, ["doc_id", "object"])
     .where(F.col("s") != F.col("o"))
     .groupBy(F.col("s").alias("subject"), "type", F.col("o").alias("object"))
     .agg(F.countDistinct("doc_id").alias("n_documents"), F.count(F.lit(1)).alias("n_reports"))
     .write.mode("overwrite").parquet(str(out / "merged" / "relations")))
    return {t: output.count_rows(out / "merged" / t) for t in MERGED_TABLES}


def _read(spark: Any, out: Path, table: str, merged: bool = False):
    """A table of the batch output; an empty one when no document had any rows for it (Spark then writes
    no files to infer a schema from)."""
    if any((out / table).rglob("*.parquet")):
        return spark.read.parquet(str(out / table))
    return spark.createDataFrame([], spark_schema(table, merged=merged))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    for line in text.splitlines():
        if "Error" in line or "Exception" in line:
            return line.strip()[:500]
    return (text.splitlines()[0] if text else type(exc).__name__)[:500]
