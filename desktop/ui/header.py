"""The list's header draws ▲ for oldest first and ▼ for newest first.

Qt shows a descending column with an up arrow (Fusion and the Windows styles
alike), so the default newest-first list looked sorted oldest first.  Office
users read the arrow as Windows Explorer draws it: ▲ ascending, ▼ descending.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QProxyStyle, QStyle, QStyleOptionHeader

_SWAPPED = {
    QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
    QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
}


class SortArrowStyle(QProxyStyle):
    def drawPrimitive(self, element, option, painter, widget=None):
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(option, QStyleOptionHeader):
            option = QStyleOptionHeader(option)
            option.sortIndicator = _SWAPPED.get(option.sortIndicator, option.sortIndicator)
        super().drawPrimitive(element, option, painter, widget)


def use_office_sort_arrows(header: QHeaderView) -> None:
    style = SortArrowStyle(header.style().name())
    style.setParent(header)
    header.setStyle(style)
