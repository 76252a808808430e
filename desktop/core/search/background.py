"""Index in a second process, so the process that stores (or shows the window) never does.

Two reasons.  Importing a folder is two kinds of Python-bound work, reading and
storing files and indexing what was stored, and threads cannot overlap them
(the GIL); a process can, and an office PC has at least two cores.  And a
segment merge holds the GIL for hundreds of milliseconds at a time inside
numpy, which a window's thread would feel as a freeze.

The worker applies the archive's index queue exactly as the archive would
(:meth:`SearchIndex.apply_queue`), so the database stays the truth: if the
worker fails or dies, the queue rows stay and the archive's next sync does
the rest.  It opens the database and the index itself and runs no migration:
the parent has already brought the schema up to date.  It exits when its
parent dies (the wake pipe breaks), so a killed window or import leaves no
indexer behind.
"""

from __future__ import annotations

import multiprocessing
import queue as queues
import threading
from collections.abc import Callable
from pathlib import Path

STOP = "stop"


class BackgroundIndexer:
    """A worker process that indexes the archive's queue each time it is woken.

    ``hold`` keeps one writer across passes (committed every ``SEGMENT_DOCS``
    articles and at the end): what a long import wants.  Without it each pass
    commits, so a window's save is searchable a moment later.
    """

    def __init__(self, database: str, index_folder: Path, *, hold: bool,
                 on_indexed: Callable[[int], None] | None = None):
        context = multiprocessing.get_context("spawn")  # the same on Windows, Linux and in the frozen app
        self._wake = context.Queue()
        self._reports = context.Queue()
        self._process = context.Process(
            target=_serve, args=(database, str(index_folder), hold, self._wake, self._reports),
            name="luutru-indexer", daemon=True,
        )
        self._process.start()
        self._on_indexed = on_indexed
        self._cond = threading.Condition()
        self._asked = 0  # wakes sent
        self._answered = 0  # the highest wake a finished pass covered
        self.indexed = 0
        self.error: str | None = None
        self._listener = threading.Thread(target=self._listen, name="luutru-indexer-reports", daemon=True)
        self._listener.start()

    def wake(self) -> None:
        """Index what is queued now (the worker folds several wakes into one pass)."""
        with self._cond:
            self._asked += 1
            self._wake.put(self._asked)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued before this call is indexed (False on timeout or a dead worker)."""
        with self._cond:
            self._asked += 1
            target = self._asked
            self._wake.put(target)
            return self._cond.wait_for(lambda: self._answered >= target or not self._process.is_alive(), timeout) \
                and self._answered >= target

    def finish(self) -> None:
        """Index what is left, then stop the worker and collect its reports."""
        self._wake.put(STOP)
        self._process.join()
        self._listener.join()
        if self._process.exitcode:
            self.error = self.error or f"tiến trình lập chỉ mục dừng bất thường (exit code {self._process.exitcode})"

    def _listen(self) -> None:
        while True:
            try:
                answered, indexed, error = self._reports.get(timeout=0.2)
            except queues.Empty:
                if not self._process.is_alive() and self._reports.empty():
                    with self._cond:
                        self._cond.notify_all()  # a flush waiting on a dead worker gives up
                    return
                continue
            with self._cond:
                self._answered = max(self._answered, answered)
                self.indexed += indexed
                self.error = error or self.error
                self._cond.notify_all()
            if indexed and self._on_indexed is not None:
                self._on_indexed(indexed)


def _serve(database: str, index_folder: str, hold: bool, wake, reports) -> None:
    from contextlib import nullcontext

    from db.engine import make_engine, session_factory
    from desktop.core.search.index import SearchIndex
    from desktop.core.search.sync import apply_reporting

    engine = make_engine(database)
    index = SearchIndex(Path(index_folder), session_factory(engine), readonly=False)
    try:
        with index.held_writer() if hold else nullcontext():
            stop = False
            while not stop:
                latest = wake.get()
                stop = latest == STOP
                while not stop:  # fold wakes that arrived meanwhile into this pass
                    try:
                        message = wake.get_nowait()
                    except queues.Empty:
                        break
                    stop = message == STOP
                    latest = latest if stop else message
                indexed, error = apply_reporting(index)
                reports.put((0 if latest == STOP else latest, indexed, error))
    finally:
        index.close()
        engine.dispose()
