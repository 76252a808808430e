"""Index in a second process while the first goes on storing.

Importing a folder is two kinds of Python-bound work: reading and storing
files, and indexing what was stored.  Threads cannot overlap them (the GIL);
a process can, and an office PC has at least two cores.  The worker applies
the archive's index queue exactly as the archive would
(:meth:`SearchIndex.apply_queue`), so the database stays the truth: if the
worker fails or dies, the queue rows stay and the archive's next sync does
the rest.  The worker opens the database and the index itself, and runs no
migration: the parent has already brought the schema up to date.
"""

from __future__ import annotations

import multiprocessing
import queue as queues
from pathlib import Path

SYNC, STOP = "sync", "stop"


class BackgroundIndexer:
    """A worker process that indexes the archive's queue each time it is woken."""

    def __init__(self, database: str, index_folder: Path):
        context = multiprocessing.get_context("spawn")  # the same on Windows, Linux and in the frozen app
        self._wake = context.Queue()
        self._reports = context.Queue()
        self._process = context.Process(
            target=_serve, args=(database, str(index_folder), self._wake, self._reports),
            name="luutru-indexer", daemon=True,
        )
        self._process.start()
        self.indexed = 0
        self.error: str | None = None

    def wake(self) -> None:
        """Index what is queued now (the worker folds several wakes into one pass)."""
        self._wake.put(SYNC)

    def finish(self) -> None:
        """Index what is left, then stop the worker and collect its reports."""
        self._wake.put(STOP)
        while self._process.is_alive() or not self._reports.empty():
            try:
                indexed, error = self._reports.get(timeout=0.1)
            except queues.Empty:
                continue
            self.indexed += indexed
            self.error = error or self.error
        self._process.join()
        if self._process.exitcode:
            self.error = self.error or f"tiến trình lập chỉ mục dừng bất thường (exit code {self._process.exitcode})"


def _serve(database: str, index_folder: str, wake, reports) -> None:
    from db.engine import make_engine, session_factory
    from desktop.core.search.index import SearchIndex
    from desktop.core.search.sync import apply_reporting

    engine = make_engine(database)
    index = SearchIndex(Path(index_folder), session_factory(engine), readonly=False)
    try:
        with index.held_writer():
            stop = False
            while not stop:
                stop = wake.get() == STOP
                while not stop:  # fold wakes that arrived meanwhile into this pass
                    try:
                        stop = wake.get_nowait() == STOP
                    except queues.Empty:
                        break
                reports.put(apply_reporting(index))
    finally:
        index.close()
        engine.dispose()
