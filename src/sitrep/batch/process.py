"""One split in, table rows out: the only place where the batch engines call the extractor.

Both engines run :func:`analyse_split` in their workers, so the local and the
Spark output are the same by construction.  The spaCy pipelines are cached
per process (:func:`sitrep.pipeline.get_nlp`), so a worker that runs many
splits loads each language once.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..budget import doc_timeout, time_limit
from ..errors import SitrepError
from ..ingest.normalise import clean_record
from ..ingest.readers import InputFailure
from .inputs import Split, read_split
from .tables import error_row, rows_of

log = logging.getLogger(__name__)

Row = tuple[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """What every document of a batch is analysed with (picklable: it travels to the workers)."""

    published: str | None = None  # for documents that give no date
    lang: str | None = None  # for documents that do not say; detected if None
    text_column: str = "text"  # Parquet inputs
    include_indirect: bool = False
    # the per-document time budget (seconds, None: none), read where the batch starts ($SITREP_DOC_TIMEOUT or
    # the default) so that it travels to every worker and executor with the options
    doc_timeout: float | None = field(default_factory=doc_timeout)


def pipeline_loads() -> int:
    """How many language pipelines this process has built so far."""
    from ..pipeline import get_nlp

    return get_nlp.cache_info().misses


def analyse_split(split: Split, options: BatchOptions) -> Iterator[Row]:
    """Analyse every document of a split; a document that fails becomes a row of ``errors``.

    A split that cannot be read at all (a file gone or broken mid-way) also ends as an ``errors`` row
    after the documents read before, so one bad file never fails the job."""
    from ..pipeline import analyze

    try:
        for rec in read_split(split, options.text_column):
            if isinstance(rec, InputFailure):
                yield error_row(rec.origin, rec.error.code, rec.error.message)
                continue
            clean_record(rec)  # its id and text go to Parquet, whose writer refuses lone surrogates
            try:
                with time_limit(options.doc_timeout):  # E023: an errors row, and the split goes on
                    res = analyze(rec.text, published=rec.published or options.published,
                                  language=rec.language or options.lang, doc_id=rec.id, source=rec.source,
                                  url=rec.url, title=rec.title, include_indirect=options.include_indirect)
            except SitrepError as exc:
                yield error_row(rec.origin, exc.code, exc.message, rec.id)
                continue
            except Exception as exc:
                log.exception("%s: the extractor failed", rec.origin)
                yield error_row(rec.origin, "E099", f"internal error: {type(exc).__name__}: {exc}", rec.id)
                continue
            yield from rows_of(res, rec.origin)
    except SitrepError as exc:
        yield error_row(split.describe(), exc.code, exc.message)
    except Exception as exc:
        log.error("%s: cannot read on: %s", split.describe(), exc)
        yield error_row(split.describe(), "E015", f"cannot read on: {type(exc).__name__}: {exc}")
