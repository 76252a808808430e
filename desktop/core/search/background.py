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
parent dies (:mod:`desktop.core.lifeline`: a spawned worker holds both ends of
its queues, so they never break), so a killed window or import leaves no
indexer behind.
"""

from __future__ import annotations

import multiprocessing
import queue as queues
import threading
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.lifeline import lifeline, watch

STOP = "stop"
BUILDING = "building"  # a report of the first build's progress: (BUILDING, done, total)
PASS_SECONDS = 1.0  # how long a server PC's pass of backlog runs before it commits (see _serve)
PASS_MIN, PASS_MAX = 5, 1000  # backlog articles in a pass, whatever the PC's speed


class BackgroundIndexer:
    """A worker process that indexes the archive's queue each time it is woken.

    ``hold`` keeps one writer across passes (committed every ``SEGMENT_DOCS``
    articles and at the end): what a long import wants.  Without it each pass
    commits, so a window's save is searchable a moment later.
    """

    def __init__(self, database: str, index_folder: Path, *, hold: bool,
                 on_indexed: Callable[[int], None] | None = None, every: float | None = None):
        context = multiprocessing.get_context("spawn")  # the same on Windows, Linux and in the frozen app
        self._wake = context.Queue()
        self._reports = context.Queue()
        self._process = context.Process(
            target=_serve, args=(database, str(index_folder), hold, self._wake, self._reports, lifeline(), every),
            name="luutru-indexer", daemon=True,
        )
        self._process.start()
        self._on_indexed = on_indexed
        self._cond = threading.Condition()
        self._asked = 0  # wakes sent
        self._answered = 0  # the highest wake a finished pass covered
        self.indexed = 0
        self.error: str | None = None
        self.building: tuple[int, int] | None = None  # (done, total) while the worker builds the index
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

    @property
    def stopped(self) -> str | None:
        """Why the worker process is gone (None while it runs)."""
        if self._process.is_alive():
            return None
        return self.error or f"tiến trình lập chỉ mục dừng bất thường (exit code {self._process.exitcode})"

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
                answered, indexed, error = report = self._reports.get(timeout=0.2)
            except queues.Empty:
                if not self._process.is_alive() and self._reports.empty():
                    with self._cond:
                        self._cond.notify_all()  # a flush waiting on a dead worker gives up
                    return
                continue
            if answered == BUILDING:
                self.building = report[1:]
                continue
            self.building = None
            with self._cond:
                self._answered = max(self._answered, answered)
                self.indexed += indexed
                self.error = error or self.error
                self._cond.notify_all()
            if indexed and self._on_indexed is not None:
                self._on_indexed(indexed)


def _serve(database: str, index_folder: str, hold: bool, wake, reports, parent, every: float | None = None) -> None:
    """Index the queue on each wake.  Given ``every`` (a server archive, whose other PCs
    do not wake this one), also listen for their changes (:mod:`db.listen`), look that
    often in case a notification was missed, and index in short passes: the saves of
    small transactions in a pass of their own, ahead of the rest
    (:class:`~desktop.core.search.feed.ChangeFeed`), the backlog in passes of about
    ``PASS_SECONDS``.  No pass merges segments: merges are built in a thread beside
    them (:meth:`SearchIndex.merge_apart`).  So a clerk's save made during another PC's
    import waits for one short pass, never for the import's backlog or a merge."""
    watch(parent)  # the wake queue cannot tell: this process holds its writing end too
    from contextlib import nullcontext

    from db.engine import make_engine, session_factory
    from desktop.core.search.index import SearchIndex
    from desktop.core.search.sync import apply_reporting

    engine = make_engine(database)
    index = SearchIndex(Path(index_folder), session_factory(engine), readonly=False,
                        progress=lambda done, total, _note: reports.put((BUILDING, done, total)))
    listener = None
    if every is not None:
        from db.listen import listening

        listener = listening(engine.url, lambda: wake.put(0))
    try:
        with index.held_writer() if hold else nullcontext():
            stop, more, answer, size = False, False, 0, PASS_MIN
            while not stop:
                latest, stop = _wakes(wake, 0 if more else every)
                answer = max(answer, latest)
                limit = size if every is not None and not stop else None
                began = time.monotonic()
                indexed, error = apply_reporting(index, limit=limit, merges=every is None)
                more = limit is not None and indexed > 0 and error is None  # look again at once
                if limit is not None and indexed >= limit:
                    size = _pass_size(size, time.monotonic() - began)
                if every is not None and not hold and error is None:  # a held writer holds the lock
                    index.merge_apart()
                # A wake is answered once everything queued before it is indexed, not after a pass.
                reports.put((0 if more or stop else answer, indexed, error))
                answer = answer if more else 0
    except Exception as exc:  # noqa: BLE001 - the last commit failed (a full disk): the queue keeps the work
        reports.put((0, 0, f"{exc.__class__.__name__}: {exc}"))
    finally:
        if listener is not None:
            listener.set()
        index.close()
        engine.dispose()


def _pass_size(size: int, seconds: float) -> int:
    """Articles for a pass of about ``PASS_SECONDS``, after a full pass of ``size`` took
    ``seconds`` (at most twice as many: a pass's fixed cost, its commit, does not grow)."""
    return max(PASS_MIN, min(PASS_MAX, 2 * size, int(size * PASS_SECONDS / max(seconds, 1e-3))))


def _wakes(wake, timeout: float | None) -> tuple[int, bool]:
    """Wait up to ``timeout`` seconds (None: for ever; 0: not at all) for a wake, then take
    every wake already sent: the highest wake number among them, and whether to stop."""
    latest, stop = 0, False
    try:
        message = wake.get(timeout=timeout) if timeout != 0 else wake.get_nowait()
    except queues.Empty:
        return 0, False  # a look for other PCs' changes, answering no wake
    while True:
        if message == STOP:
            stop = True
        else:
            latest = max(latest, message)
        try:
            message = wake.get_nowait()
        except queues.Empty:
            return latest, stop
