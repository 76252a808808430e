"""The Qt binding itself: faults in it crash the window, whatever our code does."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_emitting_a_signal_keeps_pythons_reference_counts(qapp):
    """PySide6 6.12.0 released a reference to ``True`` on every ``emit()``: after enough
    progress signals (an import of a few thousand files) the process aborted with
    "bool_dealloc: deallocating True or False".  The pinned binding must not do that."""
    emitter = _Emitter()
    seen = []
    emitter.changed.connect(seen.append)
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for n in range(500):
        emitter.changed.emit(n)
    assert seen == list(range(500))
    assert abs(sys.getrefcount(True) - before_true) < 50
    assert abs(sys.getrefcount(None) - before_none) < 50
