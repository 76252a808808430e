"""Worker processes die with the process that started them.

A killed importer must not leave its indexer and readers running: they would
go on writing the index (holding Whoosh's lock, so ``check`` and the next
import fail) after the archive has passed to someone else.  Every worker is
handed the reading end of a pipe whose only writing end this process holds;
a thread in the worker waits on it, and when this process dies, however it
dies, the operating system closes the writing end, the read ends with EOF
and the worker exits at once.  This works the same on Windows, Linux and in
the frozen app.  (A Windows Job Object with KILL_ON_JOB_CLOSE, or Linux's
``PR_SET_PDEATHSIG``, would do the same for one platform each;
``PR_SET_PDEATHSIG`` fires when the starting *thread* ends, and the window
starts imports on worker threads, so it is not used.)
"""

from __future__ import annotations

import multiprocessing
import os
import threading

ORPHANED_EXIT = 70  # a worker's exit code when its parent died
_lock = threading.Lock()
_pipe = None  # (reader, writer) of this process, made on first use and kept until it dies


def lifeline():
    """What to hand a worker process (in its arguments) so it can :func:`watch` this one."""
    global _pipe
    with _lock:
        if _pipe is None:
            _pipe = multiprocessing.get_context("spawn").Pipe(duplex=False)
        return _pipe[0]


def watch(reader) -> None:
    """In a worker: exit as soon as the process that started it is gone."""
    threading.Thread(target=_wait_for_parent_death, args=(reader,), name="luutru-lifeline", daemon=True).start()


def _wait_for_parent_death(reader) -> None:
    try:
        reader.recv_bytes()  # the parent never sends: this returns only with EOF
    except (EOFError, OSError):
        pass
    os._exit(ORPHANED_EXIT)
