"""The status bar's progress of this PC's first index build on an office server.

A PC new to the server lists and opens articles at once (they come from the
database) while its indexer process builds the search index; this bar says
how far the build is, and :attr:`IndexProgress.done` tells the window to run
a search that was answered "being built" again.  If the indexer process dies
during the build, the bar says so (it would otherwise stay at "0 / N") and
its retry button starts the indexer again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QPushButton

if TYPE_CHECKING:
    from desktop.core.archive import Archive

POLL_MS = 500  # how often the bar looks at the build (an attribute read, and a count while none is reported)


class IndexProgress(QProgressBar):
    done = Signal()  # the build finished: searches work now
    failed = Signal(str)  # the indexer process died during the build: the message shown

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("indexProgress")
        self.setMaximumWidth(320)
        self.hide()
        self._archive: Archive | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._look)
        self.retry = QPushButton(self.tr("Lập lại chỉ mục"), parent)  # for the status bar, beside the bar
        self.retry.setObjectName("indexRetry")
        self.retry.hide()
        self.retry.clicked.connect(self._restart)

    def watch(self, archive: Archive) -> None:
        """Follow the archive's first index build (:meth:`Archive.index_building`)."""
        self._archive = archive
        self.retry.hide()
        self._look()

    def _restart(self) -> None:
        self._archive.restart_indexer()
        self.watch(self._archive)

    def _look(self) -> None:
        stopped = self._archive.index_stopped()
        if stopped is not None:
            self._timer.stop()
            message = self.tr("Lập chỉ mục tìm kiếm bị dừng: {0}").format(stopped)
            self.setRange(0, 1)
            self.setValue(0)
            self.setFormat(self.tr("Lập chỉ mục bị dừng"))
            self.setToolTip(message + "\n" + self.tr("Bấm “Lập lại chỉ mục” để thử lại; vẫn xem và sửa bài được."))
            self.show()
            self.retry.show()
            self.failed.emit(message)
            return
        state = self._archive.index_building()
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
