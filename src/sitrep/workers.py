"""Worker processes that die with their parent.

``sitrep ingest --workers N``, ``sitrep batch`` and the server analyse in child processes of about 300 MB
each. When the parent is killed (``kill -9``, the OOM killer) nothing tells them to stop: they would stay
alive, idle, holding their memory. Each worker calls :func:`die_with_parent` when it starts: on Linux the
kernel sends it SIGKILL when the parent goes (``prctl(PR_SET_PDEATHSIG)``); everywhere a daemon thread
also checks once a second that the parent is still the same process, and ends the worker when not.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
# How often the watch thread looks at the parent (seconds): cheap, and soon enough to free the memory.
PARENT_CHECK_INTERVAL = 1.0


def die_with_parent(parent_pid: int | None = None, use_prctl: bool = True) -> None:
    """Make this process end when its parent does (call it first thing in a worker).

    ``use_prctl=False`` where the thread that started the worker may end before the parent process does:
    the kernel's death signal follows the parent *thread*; the watch thread alone follows the process."""
    parent = parent_pid or os.getppid()
    if use_prctl and sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
                log.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
        except (OSError, AttributeError) as exc:
            log.debug("prctl unavailable: %s", exc)
    if os.getppid() != parent:  # the parent went before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="sitrep-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while True:
        time.sleep(PARENT_CHECK_INTERVAL)
        if os.getppid() != parent:  # re-parented: the parent is gone
            os._exit(1)
