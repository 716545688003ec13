"""Input splits: pieces of the input that one worker (a process, a Spark task) reads on its own.

The driver only plans: it lists files and cuts them by size, never reading
documents.  Each worker then opens its split itself and reads it one record
at a time, so no file is ever held in memory whole and no text travels
through the driver.

- JSON Lines: byte ranges of about ``split_bytes``; a split holds the lines
  that *start* inside its range (Hadoop's rule), so lines are never cut or
  read twice.  ``.jsonl.gz`` cannot be cut and is one split.
- Parquet: one split per row group, read in small batches; the text is in the
  column named by ``text_column`` (or ``html``), other fields by name.
- WARC (``.warc``, ``.warc.gz``): one split per file, streamed record by
  record with warcio (:func:`sitrep.ingest.warc.read_warc`).
"""
from __future__ import annotations

import gzip
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import InputError, SitrepError
from ..ingest.readers import (
    InputFailure,
    Record,
    decode,
    document_from_object,
    parse_json_record,
)

log = logging.getLogger(__name__)

# A JSON Lines file is cut into splits of about this many bytes (~8,000 articles of 4 kB).
DEFAULT_SPLIT_BYTES = 32 * 1024 * 1024
# Parquet rows are read in batches of this many, so a large row group never sits in memory whole.
PARQUET_BATCH_ROWS = 256
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl.gz", ".parquet": "parquet",
            ".warc": "warc", ".warc.gz": "warc"}


@dataclass(frozen=True, slots=True)
class Split:
    """A piece of one input file: bytes ``start``..``end`` (JSON Lines) or row group ``start`` (Parquet)."""

    path: str
    kind: str
    start: int = 0
    end: int = -1  # -1: to the end of the file
    size: int = 0
    mtime_ns: int = 0

    @property
    def key(self) -> str:
        """Names the split's output files and progress marker; changes when the file changes."""
        raw = f"{self.path}|{self.size}|{self.mtime_ns}|{self.kind}|{self.start}|{self.end}"
        return hashlib.sha1(raw.encode()).hexdigest()[:16]

    def describe(self) -> str:
        if self.kind == "parquet":
            return f"{self.path} (row group {self.start})"
        if self.kind == "jsonl" and (self.start or self.end != -1):
            return f"{self.path} (bytes {self.start}-{self.end if self.end >= 0 else self.size})"
        return self.path


def kind_of(path: str) -> str | None:
    name = path.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def input_files(paths: list[str]) -> list[str]:
    """Files of the inputs (folders are searched); a missing path is an error, an unknown file a warning."""
    files: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(str(f) for f in path.rglob("*") if f.is_file() and kind_of(f.name))
            if not found:
                log.warning("%s: no .jsonl, .jsonl.gz, .parquet, .warc or .warc.gz files in this folder", p)
            files.extend(found)
        elif path.is_file():
            if kind_of(path.name) is None:
                log.warning("%s: skipped, not a batch input (.jsonl, .jsonl.gz, .parquet, .warc, .warc.gz)", p)
                continue
            files.append(str(path))
        else:
            raise SitrepError("E008", f"{p}: no such file or folder")
    return files


def plan(paths: list[str], split_bytes: int = DEFAULT_SPLIT_BYTES) -> list[Split]:
    """The splits of the inputs, in input order (cheap: file sizes and Parquet footers only)."""
    splits: list[Split] = []
    for f in input_files(paths):
        st = os.stat(f)
        path = os.path.abspath(f)
        kind = kind_of(f) or ""
        common = {"path": path, "kind": kind, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
        if kind == "jsonl" and st.st_size > split_bytes:
            splits.extend(Split(start=a, end=min(a + split_bytes, st.st_size), **common)
                          for a in range(0, st.st_size, split_bytes))
        elif kind == "parquet":
            splits.extend(Split(start=i, end=i + 1, **common) for i in range(_row_groups(f)))
        elif st.st_size:
            splits.append(Split(**common))
        else:
            log.warning("%s: empty file, skipped", f)
    return splits


def _row_groups(path: str) -> int:
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path).metadata.num_row_groups
    except Exception as exc:
        raise SitrepError("E015", f"{path}: not a readable Parquet file ({exc})") from exc


# ------------------------------------------------------------------ reading (in the workers)
def read_split(split: Split, text_column: str = "text") -> Iterator[Record]:
    """The documents of one split, one at a time; bad records come as :class:`InputFailure`."""
    if split.kind == "jsonl":
        yield from _read_jsonl_range(split)
    elif split.kind == "jsonl.gz":
        with gzip.open(split.path, "rb") as fh:
            yield from _jsonl_lines(enumerate(fh, 1), split.path, lambda n: f"{split.path}:{n}",
                                    lambda n: f"{Path(split.path).name}-{n}")
    elif split.kind == "parquet":
        yield from _read_parquet_group(split, text_column)
    elif split.kind == "warc":
        from ..ingest.warc import read_warc

        with open(split.path, "rb") as fh:
            yield from read_warc(fh, split.path)
    else:
        raise SitrepError("E015", f"{split.path}: unknown input kind {split.kind!r}")


def _read_jsonl_range(split: Split) -> Iterator[Record]:
    """The lines that start in [start, end): the first is found by reading on from start - 1."""
    stem = Path(split.path).name
    end = split.end if split.end >= 0 else float("inf")
    with open(split.path, "rb") as fh:
        if split.start > 0:
            fh.seek(split.start - 1)
            fh.readline()  # the rest of the line that the previous split reads
        def lines() -> Iterator[tuple[int, bytes]]:
            while True:
                pos = fh.tell()
                if pos >= end:
                    return
                raw = fh.readline()
                if not raw:
                    return
                yield pos, raw

        # Without line numbers (a split does not know how many lines precede it), the byte offset names a line.
        yield from _jsonl_lines(lines(), split.path, lambda pos: f"{split.path}@{pos}", lambda pos: f"{stem}@{pos}")


def _jsonl_lines(lines, path: str, origin_of, id_of) -> Iterator[Record]:
    for where, raw in lines:
        if not raw.strip():
            continue
        origin = origin_of(where)
        try:
            yield parse_json_record(decode(raw.rstrip(b"\r\n"), origin), origin, id_of(where))
        except InputError as exc:
            yield InputFailure(origin, exc)


def _read_parquet_group(split: Split, text_column: str) -> Iterator[Record]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(split.path)
    names = set(pf.schema_arrow.names)
    if text_column not in names and "html" not in names:
        raise SitrepError("E015", f"{split.path}: no column {text_column!r} (or 'html') with the text; "
                                  f"columns: {', '.join(sorted(names))}")
    wanted = [c for c in (text_column, "html", "id", "published", "language", "source", "url", "title")
              if c in names]
    first = sum(pf.metadata.row_group(i).num_rows for i in range(split.start))
    stem = Path(split.path).name
    n = first
    for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=[split.start], columns=wanted):
        for row in batch.to_pylist():
            origin = f"{split.path}:row {n}"
            if text_column != "text":
                row["text"] = row.pop(text_column, None)
            try:
                yield document_from_object(row, origin, f"{stem}-{n}")
            except InputError as exc:
                yield InputFailure(origin, exc)
            n += 1
