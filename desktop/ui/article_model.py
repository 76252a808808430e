"""The article list as a Qt table model that holds only ids.

Rows are fetched from the archive a page at a time when the view asks for
them, so a list of 300,000 articles costs 300,000 integers until scrolled.
Sorting is done by the archive or the search engine: the model asks its
owner to re-query through :attr:`sort_requested`.  A PDF's or a scan's
first page is drawn beside its title from the small JPEG stored at import
(decoded once per row shown, never rendered from the PDF here).
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPalette, QPen, QPixmap

from desktop.core.views import ArticleRow

PAGE = 200
MAX_PAGES = 50
MAX_THUMBNAILS = 2000  # decoded first-page pictures kept (a few screens' worth)


class ArticleTableModel(QAbstractTableModel):
    COL_TITLE, COL_DATE, COL_UNITS, COL_AUTHOR, COL_PHOTOS = range(5)
    IdRole = Qt.ItemDataRole.UserRole + 1
    SnippetRole = Qt.ItemDataRole.UserRole + 2
    ScatteredRole = Qt.ItemDataRole.UserRole + 3  # a search match whose words stand apart (grey, listed last)
    # The archive's order names (ascending, descending) for the sortable columns.
    ORDERS = {COL_TITLE: ("title", "title"), COL_DATE: ("date_asc", "date_desc"), COL_AUTHOR: ("author", "author")}

    sort_requested = Signal(str)  # an order name of the archive and the search service

    def __init__(self, fetch_rows, parent=None):
        super().__init__(parent)
        self._fetch_rows = fetch_rows  # list[int] -> list[ArticleRow]
        self._ids: list[int] = []
        self._snippets: dict[int, str] = {}
        self._scattered: set[int] = set()
        self._pages: OrderedDict[int, dict[int, ArticleRow]] = OrderedDict()
        self._thumbnails: OrderedDict[int, QIcon] = OrderedDict()

    def headers(self) -> list[str]:
        return [self.tr("Tiêu đề"), self.tr("Ngày"), self.tr("Đơn vị"), self.tr("Tác giả"), self.tr("Ảnh")]

    def set_ids(self, ids: list[int], snippets: dict[int, str] | None = None, scattered: set[int] = frozenset()) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._snippets = snippets or {}
        self._scattered = set(scattered)
        self._pages.clear()
        self._thumbnails.clear()
        self.endResetModel()

    def extend_ids(self, ids: list[int]) -> bool:
        """Show ``ids`` when the ids shown are their beginning, by adding rows (the selection
        and the scroll stay); False, changing nothing, when they are not."""
        if ids[: len(self._ids)] != self._ids:
            return False
        if len(ids) > len(self._ids):
            self.beginInsertRows(QModelIndex(), len(self._ids), len(ids) - 1)
            self._ids = list(ids)
            self.endInsertRows()
        return True

    def refresh(self) -> None:
        """Forget cached rows (after an edit) and repaint."""
        self._pages.clear()
        self._thumbnails.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, article_id: int) -> int:
        try:
            return self._ids.index(article_id)
        except ValueError:
            return -1

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def _row(self, row: int) -> ArticleRow | None:
        page = row // PAGE
        if page not in self._pages:
            ids = self._ids[page * PAGE : (page + 1) * PAGE]
            self._pages[page] = {r.id: r for r in self._fetch_rows(ids)}
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return self._pages[page].get(self._ids[row])

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        article_id = self._ids[index.row()]
        if role == self.IdRole:
            return article_id
        if role == self.SnippetRole:
            return self._snippets.get(article_id)
        if role == self.ScatteredRole:
            return article_id in self._scattered
        if role == Qt.ItemDataRole.ForegroundRole and article_id in self._scattered:
            return QBrush(QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        row = self._row(index.row())
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_TITLE:
                return row.title
            if col == self.COL_DATE:
                return row.published_date.strftime("%d/%m/%Y") if row.published_date else ""
            if col == self.COL_UNITS:
                return row.units
            if col == self.COL_AUTHOR:
                return row.author or ""
            if col == self.COL_PHOTOS:
                return str(row.photo_count) if row.photo_count else ""
        if role == Qt.ItemDataRole.DecorationRole and col == self.COL_TITLE and row.thumbnail:
            return self._thumbnail(row)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_TITLE:
            if article_id in self._scattered:
                return row.title + "\n" + self.tr("(các từ tìm nằm rải rác trong bài, không liền nhau)")
            return row.title
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.COL_DATE, self.COL_PHOTOS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _thumbnail(self, row: ArticleRow) -> QIcon:
        """An icon, drawn at the view's icon size (a pixmap would be drawn at its own), framed:
        a page of text shrunk to a few pixels is mostly white, and without its edge it
        does not read as a page on a white list."""
        icon = self._thumbnails.get(row.id)
        if icon is None:
            pixmap = QPixmap()
            pixmap.loadFromData(row.thumbnail)
            if not pixmap.isNull():
                painter = QPainter(pixmap)
                width = max(1, round(pixmap.height() / 30))  # about one pixel once drawn in the row
                painter.setPen(QPen(QColor("#8a8a8a"), width))
                painter.drawRect(pixmap.rect().adjusted(width // 2, width // 2, -(width + 1) // 2, -(width + 1) // 2))
                painter.end()
            icon = self._thumbnails[row.id] = QIcon(pixmap)
            if len(self._thumbnails) > MAX_THUMBNAILS:
                self._thumbnails.popitem(last=False)
        else:
            self._thumbnails.move_to_end(row.id)
        return icon

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        orders = self.ORDERS.get(column)
        if orders:
            self.sort_requested.emit(orders[0] if order == Qt.SortOrder.AscendingOrder else orders[1])
