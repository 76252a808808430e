"""The left sidebar: all articles, unit and topic trees, calendar, saved searches, Trash."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from desktop.core.archive import Archive, ArticleFilter
from desktop.core.views import TreeNode

ScopeRole = Qt.ItemDataRole.UserRole + 10


def counted(archive: Archive) -> tuple:
    """The trees, months and totals with their counts, as ``Sidebar.populate`` takes them
    (saved searches aside): seconds on a large archive, so the window runs it off the GUI thread."""
    return (archive.unit_tree(), archive.topic_tree(), archive.months(),
            archive.count_articles(), archive.count_articles(ArticleFilter(trashed=True)))


def _count(count: int | None) -> str:
    """" (12)" after a label; nothing while the counts are still being made."""
    return "" if count is None else f" ({count})"


@dataclass(frozen=True)
class Scope:
    kind: str  # "all" | "unit" | "topic" | "year" | "month" | "saved" | "trash"
    value: object = None


class Sidebar(QTreeWidget):
    scope_changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.show_dissolved = True  # units ended by a reorganisation: shown greyed, or hidden
        self._last: tuple | None = None
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setObjectName("sidebar")
        self.itemSelectionChanged.connect(self._emit)

    def populate(self, units: list[TreeNode], topics: list[TreeNode], months, saved: list[str],
                 total: int | None, trashed: int | None):
        self._last = (units, topics, months, saved, total, trashed)
        self._names = {n.id: n.name for n in _walk(units)}
        current = self.current_scope()
        self.blockSignals(True)
        self.clear()
        self._add(None, self.tr("Tất cả bài viết") + _count(total), Scope("all"))
        units_root = self._add(None, self.tr("Đơn vị"), None)
        self._add_nodes(units_root, units, "unit")
        topics_root = self._add(None, self.tr("Chủ đề"), None)
        self._add_nodes(topics_root, topics, "topic")
        years_root = self._add(None, self.tr("Thời gian"), None)
        years: dict[int, QTreeWidgetItem] = {}
        for year, month, count in months:
            if year not in years:
                total_year = sum(c for y, _, c in months if y == year)
                years[year] = self._add(years_root, f"{year} ({total_year})", Scope("year", year))
            self._add(years[year], self.tr("Tháng {0}").format(month) + f" ({count})", Scope("month", (year, month)))
        saved_root = self._add(None, self.tr("Tìm kiếm đã lưu"), None)
        for query in saved:
            self._add(saved_root, query, Scope("saved", query))
        self._add(None, self.tr("Thùng rác") + _count(trashed), Scope("trash"))
        for root in (units_root, topics_root, years_root, saved_root):
            root.setExpanded(True)
            root.setFlags(root.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        if not self.select_scope(current or Scope("all")):
            self.select_scope(Scope("all"))
        self.blockSignals(False)  # new counts are no new scope: the owner reloads what it needs

    def _add(self, parent, text: str, scope: Scope | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, ScopeRole, scope)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def set_show_dissolved(self, shown: bool) -> None:
        self.show_dissolved = shown
        if self._last is not None:
            self.populate(*self._last)

    def _add_nodes(self, parent, nodes: list[TreeNode], kind: str) -> None:
        for node in nodes:
            if node.dissolved and not self.show_dissolved:
                continue
            label = node.name + _count(node.count)
            inherited = (node.with_predecessors or 0) - (node.count or 0)
            if inherited > 0:  # what choosing it shows with its predecessors' work
                label = f"{node.name} ({node.count}+{inherited})"
            if node.dissolved:  # apart from the living units: greyed, its end date, where its work went
                label += f" · {node.dissolved:%d/%m/%Y}"
                if node.successor_ids:
                    label += " → " + ", ".join(self._names.get(i, "?") for i in node.successor_ids)
            item = self._add(parent, label, Scope(kind, node.id))
            if inherited > 0:
                item.setToolTip(0, self.tr("{0} bài của đơn vị này, {1} bài của đơn vị tiền thân")
                                .format(node.count, inherited))
            if node.dissolved:
                item.setForeground(0, Qt.GlobalColor.gray)
                tip = self.tr("Đã giải thể {0}").format(node.dissolved.strftime("%d/%m/%Y"))
                if node.successor_ids:
                    tip += "; " + self.tr("công việc chuyển sang: {0}").format(
                        ", ".join(self._names.get(i, "?") for i in node.successor_ids))
                item.setToolTip(0, tip)
            self._add_nodes(item, list(node.children), kind)
            item.setExpanded(True)

    def current_scope(self) -> Scope | None:
        items = self.selectedItems()
        return items[0].data(0, ScopeRole) if items else None

    def select_scope(self, scope: Scope) -> bool:
        for item in self._items():
            if item.data(0, ScopeRole) == scope:
                self.setCurrentItem(item)
                return True
        return False

    def find_label(self, scope: Scope) -> str | None:
        for item in self._items():
            if item.data(0, ScopeRole) == scope:
                return item.text(0)
        return None

    def _items(self):
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    def _emit(self) -> None:
        scope = self.current_scope()
        if scope is not None:
            self.scope_changed.emit(scope)


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.children)
