"""sitrep: news articles in, verifiable structured data about political conflict out.

    >>> import sitrep
    >>> doc = sitrep.analyze("…", published="2023-11-22")
    >>> doc.to_json()
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

# one thread per process for the matrix products of the parsers (pipeline.CPU_OPS): their matrices are small, a
# second thread only doubles the CPU time, and `sitrep batch` runs a process per core; set before numpy loads,
# unless the caller chose otherwise
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .model import AnalysedDocument


def analyze(text: str, published: str | None = None, language: str | None = None, **meta: Any) -> "AnalysedDocument":
    """Analyse one article; see :func:`sitrep.pipeline.analyze`. Imported lazily to keep ``import sitrep`` cheap."""
    from .pipeline import analyze as _analyze

    return _analyze(text, published=published, language=language, **meta)


__all__ = ["analyze", "__version__"]
