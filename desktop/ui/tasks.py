"""Long work off the GUI thread, with progress, cancel and a result on the main thread.

A :class:`Task` wraps a plain function ``fn(progress, cancelled)`` from the
core; its signals are delivered on the main thread (queued connections), so
widgets are only ever touched there.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit, self.cancelled)
        except Exception as exc:  # noqa: BLE001 - reported to the user as one line
            traceback.print_exc()
            self.signals.failed.emit(f"{exc.__class__.__name__}: {exc}" if not str(exc) else str(exc))
        else:
            self.signals.finished.emit(result)


def start(task: Task) -> Task:
    QThreadPool.globalInstance().start(task)
    return task
