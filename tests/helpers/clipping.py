"""Find widgets a user cannot read in full: cut off by the window's edge, narrower
than their text, or a wrapped label shorter than its lines."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    """Inside a scroll area or a list: scrolling shows the rest, nothing is lost."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, (QAbstractScrollArea, QAbstractItemView)):
            return True
        parent = parent.parentWidget()
    return False


def clipped(top: QWidget, *, line_edits: bool = False) -> list[str]:
    """Descriptions of the visible widgets in ``top`` that are cut off (with
    ``line_edits``, also a field too narrow for the value it opens with)."""
    problems = []
    window = top.rect()
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.isWindow() or _scrolled(widget, top):
            continue
        name = f"{type(widget).__name__} {widget.objectName() or ''} {_text(widget)!r}".strip()
        rect = widget.rect().translated(widget.mapTo(top, widget.rect().topLeft()))
        if not window.contains(rect):
            problems.append(f"{name}: {rect.getRect()} outside the window {window.getRect()}")
            continue
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            if widget.height() < widget.heightForWidth(widget.width()):
                problems.append(f"{name}: {widget.height()} px high, its lines need {widget.heightForWidth(widget.width())}")
        elif isinstance(widget, (QAbstractButton, QLabel, QComboBox)) and _text(widget):
            hint = widget.minimumSizeHint()
            if widget.width() < hint.width() or widget.height() < hint.height():
                problems.append(f"{name}: {widget.width()}x{widget.height()} px, needs {hint.width()}x{hint.height()}")
        elif line_edits and isinstance(widget, QLineEdit) and widget.text():
            need = widget.fontMetrics().horizontalAdvance(widget.text()) + 12
            if widget.width() < need:
                problems.append(f"{name}: {widget.width()} px wide, its text needs {need}")
    return problems


def _text(widget: QWidget) -> str:
    if isinstance(widget, (QAbstractButton, QLabel, QLineEdit)):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""
