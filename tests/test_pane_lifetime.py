"""An article pane deleted with unsaved edits (a window closed) must not fire into itself."""

import gc

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtGui import QUndoCommand  # noqa: E402

from desktop.ui.article_pane import ArticlePane  # noqa: E402


def test_a_deleted_pane_with_unsaved_edits_goes_quietly(qtbot):
    """Its undo stack, deleted with it, reports the stack clean; a lambda connected to that
    signal outlived the pane and raised in the Qt event loop of whatever test ran next."""
    pane = ArticlePane()
    dirty = []
    pane.dirty_changed.connect(dirty.append)
    pane.undo_stack.push(QUndoCommand("edit"))
    assert dirty == [True]
    with qtbot.captureExceptions() as raised:
        pane.deleteLater()
        qtbot.wait(50)
        del pane
        gc.collect()
        qtbot.wait(50)
    assert raised == []
