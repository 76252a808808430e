"""Work that waits until a window has painted: the first paint comes before anything
that can wait (the indexer process, the sidebar's counts, a long list's rest), which
would otherwise share the processor and Python's interpreter lock with it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer


class AfterFirstPaint(QObject):
    """Calls ``then`` once, when the event loop is free after the widget's first paint."""

    def __init__(self, widget, then: Callable[[], None]):
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False
