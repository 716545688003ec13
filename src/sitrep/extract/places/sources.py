"""The gazetteer's data: the bundled ``resources/gazetteer/*.yaml`` files and spaCy's stop words."""
from __future__ import annotations

from importlib import util as _importlib_util
from pathlib import Path
from typing import Any

from sitrep import resources

LANGS = ("en", "nl", "de", "fr")
GAZ = "gazetteer"


def _stopwords() -> set[str]:
    """spaCy stop words of en/nl/de/fr, read from spaCy's source files (importing
    spaCy itself takes seconds; the stop-word modules are plain Python)."""
    words: set[str] = set()
    spec = _importlib_util.find_spec("spacy")
    roots = list(spec.submodule_search_locations or []) if spec else []
    for lang in LANGS:
        loaded = False
        for root in roots:
            path = Path(root) / "lang" / lang / "stop_words.py"
            if path.is_file():
                ns: dict[str, Any] = {}
                try:
                    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), ns)
                    words.update(w.lower() for w in ns.get("STOP_WORDS", ()))
                    loaded = True
                except Exception:  # pragma: no cover - fall back to the import
                    pass
                break
        if not loaded:
            try:
                mod = __import__(f"spacy.lang.{lang}.stop_words", fromlist=["STOP_WORDS"])
                words.update(w.lower() for w in mod.STOP_WORDS)
            except Exception:  # pragma: no cover
                pass
    return words


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    if isinstance(v, dict):
        out: list[str] = []
        for x in v.values():
            out.extend(_as_list(x))
        return out
    return [str(x) for x in v]


def _load(name: str) -> Any:
    rel = f"{GAZ}/{name}"
    return resources.load(rel) if resources.exists(rel) else None
