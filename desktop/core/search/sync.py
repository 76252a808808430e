"""Bring the index in step with the database's queue without making a writer wait.

A save commits to the database and queues its articles; applying the queue
(and the segment merge a commit may set off, seconds on a large archive) is
work for this thread, so neither a clerk's save nor a search ever waits for
it.  Whoever wants to know when new articles became searchable passes
``on_indexed``; :meth:`IndexSyncer.flush` waits for everything queued so far.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from desktop.core.search.index import Progress, SearchIndex

log = logging.getLogger(__name__)


def apply_reporting(index: SearchIndex, progress: Progress | None = None) -> tuple[int, str | None]:
    """Apply the queue; a failure is reported, not raised: the queue keeps the work for a retry."""
    try:
        return index.apply_queue(progress), None
    except Exception as exc:  # noqa: BLE001 - the DB is the truth; the queue keeps the work
        log.exception("search index update failed; kept in the queue")
        return 0, f"{exc.__class__.__name__}: {exc}"


class IndexSyncer:
    """A daemon thread that applies the queue each time it is woken."""

    def __init__(self, apply: Callable[[], int], on_indexed: Callable[[int], None] | None = None):
        self._apply = apply
        self._on_indexed = on_indexed
        self._cond = threading.Condition()
        self._asked = 0  # wakes asked for
        self._done = 0  # wakes answered by a finished pass
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="luutru-index-sync", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        with self._cond:
            self._asked += 1
            self._cond.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued before this call is indexed (False on timeout)."""
        with self._cond:
            self._asked += 1
            target = self._asked
            self._cond.notify_all()
            return self._cond.wait_for(lambda: self._done >= target or self._stop, timeout)

    def stop(self) -> None:
        """Finish the pass under way (the queue keeps anything left for the next open)."""
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._asked > self._done or self._stop)
                if self._stop:
                    return
                target = self._asked  # wakes that came meanwhile fold into this pass
            indexed = self._apply()
            with self._cond:
                self._done = target
                self._cond.notify_all()
            if indexed and self._on_indexed is not None:
                self._on_indexed(indexed)
