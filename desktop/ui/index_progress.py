"""The status bar's progress of this PC's first index build on an office server.

A PC new to the server lists and opens articles at once (they come from the
database) while its indexer process builds the search index; this bar says
how far the build is, and :attr:`IndexProgress.done` tells the window to run
a search that was answered "being built" again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QProgressBar

POLL_MS = 500  # how often the bar looks at the build (an attribute read, and a count while none is reported)


class IndexProgress(QProgressBar):
    done = Signal()  # the build finished: searches work now

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("indexProgress")
        self.setMaximumWidth(320)
        self.hide()
        self._building: Callable[[], tuple[int, int] | None] = lambda: None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._look)

    def watch(self, building: Callable[[], tuple[int, int] | None]) -> None:
        """Follow ``building()``: (done, total) while the index is being built, else None."""
        self._building = building
        self._look()

    def _look(self) -> None:
        state = self._building()
        if state is None:
            self._timer.stop()
            if not self.isHidden():
                self.hide()
                self.done.emit()
            return
        done, total = state
        self.setRange(0, max(total, 1))
        self.setValue(min(done, total))
        self.setFormat(self.tr("Đang lập chỉ mục tìm kiếm: {0} / {1} bài").format(done, total))
        self.setToolTip(self.tr("Máy này đang lập chỉ mục tìm kiếm lần đầu; vẫn xem và sửa bài được."))
        self.show()
        self._timer.start()
