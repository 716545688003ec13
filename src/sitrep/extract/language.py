"""Language detection with py3langid (offline, numpy only, 97 languages)."""
from __future__ import annotations

import py3langid

# Characters of the text used for detection: enough for a stable guess, cheap on long texts.
DETECTION_SAMPLE = 4000


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (``en`` for text with no letters)."""
    sample = text[:DETECTION_SAMPLE]
    if not any(c.isalpha() for c in sample):
        return "en"
    lang, _score = py3langid.classify(sample)
    return str(lang)
