"""``sitrep ingest``: sources into the knowledge base (see issue: idempotent, resumable, parallel)."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``ingest`` command (filled in by the ingest runner)."""
