"""Worker processes die with their parent (issue 11: after ``kill -9`` of ``ingest --workers 2`` both
workers, about 300 MB each, stayed alive)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil
import pytest

# A parent that starts a 'spawn' worker the way ingest does (ProcessPoolExecutor, die_with_parent as the
# initializer), prints the worker's pid and waits to be killed.
PARENT = textwrap.dedent("""
    import multiprocessing, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from sitrep.workers import die_with_parent

    def pid():
        import os
        return os.getpid()

    if __name__ == "__main__":
        ex = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=die_with_parent)
        print(ex.submit(pid).result(), flush=True)
        time.sleep(120)
""")


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_workers_die_when_the_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(parent.stdout.readline())
        assert psutil.pid_exists(worker)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        assert _gone(worker, within=5.0), "the worker outlived its parent"
    finally:
        parent.kill()
        parent.wait(10)


def test_watch_thread_ends_an_orphan_where_prctl_is_not_there(tmp_path):
    """The portable half: a process whose parent is not the one it was told about exits by itself."""
    code = "import time; from sitrep.workers import die_with_parent; die_with_parent(parent_pid=1); time.sleep(30)"
    # told its parent is pid 1 while it is not: the check at start ends it at once (exit status 1)
    proc = subprocess.run([sys.executable, "-c", code], timeout=30)
    assert proc.returncode == 1
