"""``sitrep events|actor|quotes|network|export``: querying and exporting the knowledge base."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the query and export commands."""
