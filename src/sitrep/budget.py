"""The per-document time budget: one document never stalls a run, a worker or the server.

Every stage of the analysis is linear in the text (or works on bounded windows), so a news article takes
well under a second; the budget is the guard for what slips through. It is a setting: ``--doc-timeout``
where a command has it, else ``$SITREP_DOC_TIMEOUT`` (seconds; 0 turns it off), else
:data:`DEFAULT_DOC_TIMEOUT`.

The limit is a ``SIGALRM`` timer (POSIX, main thread): its handler raises :class:`DocumentTimeout` in
the middle of the analysis, also inside a long regular-expression match (CPython's ``re`` checks for
signals). Every process that analyses does so in its main thread (``ingest`` and ``batch`` workers, the
server's analysis processes); elsewhere the limit is not enforced and a debug line says so.
"""
from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import InputError

log = logging.getLogger(__name__)

ENV_DOC_TIMEOUT = "SITREP_DOC_TIMEOUT"
# Seconds: 1,000x what a long article takes (about 30 ms), so only a pathological input ever meets it.
DEFAULT_DOC_TIMEOUT = 30.0


class DocumentTimeout(InputError):
    """The analysis of one document ran past the time budget (E023)."""

    def __init__(self, seconds: float):
        super().__init__("E023", f"the analysis took longer than the time budget of {seconds:g} s and was "
                                 f"stopped; the document is recorded as failed (raise --doc-timeout or "
                                 f"${ENV_DOC_TIMEOUT} if such documents are expected)")
        self.seconds = seconds


def doc_timeout(value: float | None = None) -> float | None:
    """The budget in seconds: ``value`` if given, else ``$SITREP_DOC_TIMEOUT``, else the default;
    None (no limit) for 0 or less.

    Raises:
        InputError: E024 when the environment variable is no number.
    """
    if value is None:
        raw = os.environ.get(ENV_DOC_TIMEOUT, "").strip()
        if raw:
            try:
                value = float(raw)
            except ValueError:
                raise InputError("E024", f"${ENV_DOC_TIMEOUT}={raw!r} is not a number of seconds") from None
        else:
            value = DEFAULT_DOC_TIMEOUT
    return value if value > 0 else None


def can_enforce() -> bool:
    """Whether :func:`time_limit` can stop a runaway analysis in this thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the body once it has run ``seconds`` (None: no limit)."""
    if not seconds:
        yield
        return
    if not can_enforce():
        log.debug("time budget not enforced outside the main thread")
        yield
        return

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise DocumentTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    outer_delay, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_delay) if outer_delay else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_delay:  # an enclosing limit keeps running
            signal.setitimer(signal.ITIMER_REAL, max(outer_delay - (time.monotonic() - started), 0.001))
