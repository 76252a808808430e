"""Long work off the GUI thread, with progress, cancel and a result on the main thread.

A :class:`Task` wraps a plain function ``fn(progress, cancelled)`` from the
core; its signals are delivered on the main thread (queued connections), so
widgets are only ever touched there.  :class:`Writer` runs the window's
saves, tagging and trash the same way, one after another, and says what
changed.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal


class TaskSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    def __init__(self, fn: Callable[[Callable[[int, int, str], None], Callable[[], bool]], object]):
        super().__init__()
        self.fn = fn
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.error: Exception | None = None  # what failed, for a caller that acts on its kind
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit, self.cancelled)
        except Exception as exc:  # noqa: BLE001 - reported to the user as one line
            self.error = exc
            traceback.print_exc()
            self.signals.failed.emit(f"{exc.__class__.__name__}: {exc}" if not str(exc) else str(exc))
        else:
            self.signals.finished.emit(result)


def start(task: Task) -> Task:
    QThreadPool.globalInstance().start(task)
    return task


@dataclass(frozen=True)
class Changes:
    """What a write changed, so the window refreshes only that (Anki's OpChanges)."""

    articles: frozenset[int] = frozenset()  # stored fields, captions or tags of these articles
    tags: bool = False  # unit/topic counts in the sidebar
    listing: bool = False  # which articles a list shows (added, trashed, restored, merged)


class Writer(QObject):
    """Runs the window's writes one at a time, in order, off the GUI thread.

    ``fn()`` returns ``(changes, value)``; :attr:`done` carries the Changes to
    every listener after the op's own callback has run.  The GUI thread never
    waits on a write (only :meth:`drain`, when the window closes).
    """

    done = Signal(object)  # Changes
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # in order: a later save never lands before an earlier one
        self._pending: list[Task] = []

    def run(
        self,
        fn: Callable[[], tuple[Changes, object]],
        on_done: Callable[[object], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
    ) -> Task:
        task = Task(lambda _progress, _cancelled: fn())

        def finished(result) -> None:
            self._pending.remove(task)
            changes, value = result
            if on_done is not None:
                on_done(value)
            self.done.emit(changes)

        def failed(message: str) -> None:
            self._pending.remove(task)
            if on_failed is not None:
                on_failed(message)
            self.failed.emit(message)

        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        self._pending.append(task)
        self._pool.start(task)
        return task

    def busy(self) -> bool:
        return bool(self._pending)

    def drain(self) -> None:
        """Finish every queued write (on closing the window or the archive)."""
        self._pool.waitForDone()
        QCoreApplication.sendPostedEvents()
