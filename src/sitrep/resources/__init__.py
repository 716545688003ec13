"""Language resources and registries, kept as data files next to this module.

``resources/<lang>/*.yaml`` holds one language's lexicons; a fifth language
is a new folder, not new code.  ``resources/registry/`` holds the actor
registry and ``resources/gazetteer/`` the hand-made region list.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).parent


@lru_cache(maxsize=None)
def load(relpath: str) -> Any:
    """Parse one YAML resource (cached: resources are read once per process)."""
    path = ROOT / relpath
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def exists(relpath: str) -> bool:
    return (ROOT / relpath).is_file()


def languages() -> list[str]:
    """Languages that have a lexicon folder (``resources/<lang>/lexicon.yaml``)."""
    return sorted(p.parent.name for p in ROOT.glob("*/lexicon.yaml"))


def files(folder: str, pattern: str = "*.yaml") -> list[Path]:
    return sorted((ROOT / folder).glob(pattern))
