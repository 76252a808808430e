"""The list's searches, off the GUI thread: the newest query wins.

A search opens the index the first time and a common syllable on a large
archive takes a moment, so the window keeps answering (typing, scrolling,
the open article) while it runs.  Searches run one at a time on their own
thread; only the newest request's result is delivered.  An older one already
running is finished and dropped (a Whoosh query cannot be interrupted) and one
still waiting behind it is skipped without running.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Run(QRunnable):
    def __init__(self, owner: NewestSearch, ticket: int, fn: Callable[[], object]):
        super().__init__()
        self.owner, self.ticket, self.fn = owner, ticket, fn

    def run(self) -> None:
        if self.ticket != self.owner.latest:  # a newer query came while this one waited
            return
        try:
            value = self.fn()
        except Exception as exc:  # noqa: BLE001 - delivered to the window, which says what failed
            if not isinstance(exc, self.owner.expected):
                log.exception("search failed")
            self.owner.ran.emit(self.ticket, False, exc)
        else:
            self.owner.ran.emit(self.ticket, True, value)


class NewestSearch(QObject):
    """Runs ``fn()`` off the GUI thread; ``finished``/``failed`` carry the newest request's outcome."""

    finished = Signal(object)
    failed = Signal(object)  # the exception
    ran = Signal(int, bool, object)  # from the search thread; queued to the GUI thread

    def __init__(self, expected: tuple[type[Exception], ...], parent: QObject | None = None):
        super().__init__(parent)
        self.expected = expected  # the failures users are told of in words, not logged as faults
        self.latest = 0
        self._held: Callable[[], object] | None = None  # the newest request while held back
        self._holding = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.ran.connect(self._deliver)

    def run(self, fn: Callable[[], object]) -> None:
        self.latest += 1
        if self._holding:
            self._held = fn
            return
        self._pool.start(_Run(self, self.latest, fn))

    def hold(self) -> None:
        """Keep requests back (the newest only) until :meth:`release`: while a window paints."""
        self._holding = True

    def release(self) -> None:
        self._holding = False
        fn, self._held = self._held, None
        if fn is not None:
            self._pool.start(_Run(self, self.latest, fn))

    def drop(self) -> None:
        """Forget what is running or waiting: the list is about to show something else."""
        self.latest += 1
        self._held = None

    def wait(self) -> None:
        """Let a running search end (before the archive closes)."""
        self.drop()
        self._pool.waitForDone()

    def _deliver(self, ticket: int, ok: bool, value: object) -> None:
        if ticket != self.latest:
            return
        (self.finished if ok else self.failed).emit(value)
