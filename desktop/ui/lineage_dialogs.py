"""Units through reorganisations in the window.

* :class:`LineageBar` — under the search box: "kèm 3 đơn vị tiền thân" for a
  chosen unit (a link switches it off and on), or, for a dissolved unit, where
  its work went (a link selects the successor).
* :class:`ReorganiseDialog` — Merge units… / Split unit…: the clerk picks the
  units and the date, sees what will be created, linked and dissolved, and
  only then applies it (in the background, through :mod:`tasks`); undoable.
* Import of a reorganisation table (CSV/XLSX) with the same preview.
* :func:`ask_about_dissolved` — before tagging an article with a unit that had
  ended by the article's date, ask and suggest its successors.

Widgets here reach the archive only through the facade's methods.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from desktop.core.views import ReorganisationStep

IdRole = Qt.ItemDataRole.UserRole + 30
REFORM_DAY = QDate(2025, 7, 1)  # the 2025 reorganisation took effect on this day


class LineageBar(QLabel):
    """What choosing a unit covers, with a link to include or leave out its predecessors."""

    changed = Signal()  # predecessors switched on or off
    unit_requested = Signal(int)  # the user clicked a successor's name

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("lineageBar")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.included = True
        self.linkActivated.connect(self._clicked)
        self.hide()

    def show_for(self, unit_ids, lineage) -> None:
        """Describe the chosen units (``lineage`` is the archive's Lineage graph)."""
        parts = []
        if len(unit_ids) == 1 and unit_ids[0] in lineage.units:
            unit = lineage.units[unit_ids[0]]
            if unit.dissolved:
                successors = lineage.current_successors(unit.id) or [
                    link.successor for link in lineage.links_out_of(unit.id)]
                links = ", ".join(f'<a href="unit:{s}">{html.escape(lineage.units[s].name)}</a>' for s in successors)
                text = self.tr("Đã giải thể {0}").format(unit.dissolved.strftime("%d/%m/%Y"))
                parts.append(text + (" — " + self.tr("công việc chuyển sang: ") + links if links else ""))
        predecessors = lineage.scope(unit_ids).predecessors if unit_ids else ()
        if predecessors:
            names = html.escape("; ".join(lineage.units[p].name for p in predecessors))
            if self.included:
                parts.append(self.tr("kèm {0} đơn vị tiền thân").format(len(predecessors))
                             + f' <span style="color:#666">({names})</span> — <a href="off">'
                             + self.tr("chỉ đơn vị này") + "</a>")
            else:
                parts.append(self.tr("chỉ đơn vị này") + ' — <a href="on">'
                             + self.tr("kèm {0} đơn vị tiền thân").format(len(predecessors)) + "</a>")
        self.setText(" · ".join(parts))
        self.setVisible(bool(parts))

    def set_included(self, included: bool) -> None:
        if included != self.included:
            self.included = included
            self.changed.emit()

    def _clicked(self, link: str) -> None:
        if link.startswith("unit:"):
            self.unit_requested.emit(int(link[5:]))
        else:
            self.set_included(link == "on")


class ReorganiseDialog(QDialog):
    """Merge units… (several → one) or Split unit… (one → several), previewed before it is done.

    ``lineage`` is the archive's Lineage graph; ``planner(steps)`` returns the
    plan (what will be created, linked, dissolved, and any problem).
    """

    def __init__(self, mode: str, lineage, planner, parent=None):
        super().__init__(parent)
        self.mode = mode
        self._planner = planner
        self.plan = None
        living = sorted((lineage.path(u.id), u.id) for u in lineage.units.values() if u.dissolved is None)
        self.setWindowTitle(self.tr("Gộp đơn vị") if mode == "merge" else self.tr("Chia tách đơn vị"))
        form = QFormLayout()
        if mode == "merge":
            self.sources = QListWidget()
            self.sources.setObjectName("mergeSources")
            for path, unit_id in living:
                item = QListWidgetItem(path)
                item.setData(IdRole, unit_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.sources.addItem(item)
            self.sources.itemChanged.connect(self._refresh)
            form.addRow(self.tr("Các đơn vị cũ:"), self.sources)
            self.target = QComboBox()
            self.target.setEditable(True)
            self.target.addItems([path for path, _ in living])
            self.target.setCurrentText("")
            self.target.lineEdit().setPlaceholderText(self.tr("Đơn vị có sẵn, hoặc đường dẫn đơn vị mới: Tỉnh ủy/Đảng ủy xã …"))
            self.target.currentTextChanged.connect(self._refresh)
            form.addRow(self.tr("Đơn vị mới:"), self.target)
            self.kind = QComboBox()
            for kind, label in (("merge", self.tr("Sáp nhập / hợp nhất")), ("rename", self.tr("Đổi tên"))):
                self.kind.addItem(label, kind)
            self.kind.currentIndexChanged.connect(self._refresh)
            form.addRow(self.tr("Hình thức:"), self.kind)
        else:
            self.source = QComboBox()
            for path, unit_id in living:
                self.source.addItem(path, unit_id)
            self.source.currentIndexChanged.connect(self._refresh)
            form.addRow(self.tr("Đơn vị cũ:"), self.source)
            self.targets = QPlainTextEdit()
            self.targets.setPlaceholderText(self.tr("Mỗi dòng một đơn vị mới (đường dẫn), có sẵn hoặc sẽ tạo"))
            self.targets.textChanged.connect(self._refresh)
            form.addRow(self.tr("Các đơn vị mới:"), self.targets)
        self.date = QDateEdit(REFORM_DAY)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.dateChanged.connect(self._refresh)
        form.addRow(self.tr("Từ ngày:"), self.date)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("reorganisePreview")
        self.preview.setReadOnly(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Thực hiện"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Sẽ thực hiện:")))
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.resize(620, 560)
        self._refresh()

    def steps(self) -> list[ReorganisationStep]:
        qdate = self.date.date()
        day = dt.date(qdate.year(), qdate.month(), qdate.day())
        if self.mode == "merge":
            target = self.target.currentText().strip()
            kind = self.kind.currentData()
            return [ReorganisationStep(self.sources.item(i).text(), target, day, kind)
                    for i in range(self.sources.count())
                    if self.sources.item(i).checkState() == Qt.CheckState.Checked and target]
        source = self.source.currentText()
        return [ReorganisationStep(source, line.strip(), day, "split")
                for line in self.targets.toPlainText().splitlines() if line.strip()]

    def _refresh(self, *_) -> None:
        steps = self.steps()
        self.plan = self._planner(steps) if steps else None
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self.plan is None:
            self.preview.setPlainText(self.tr("Chọn đơn vị cũ và đơn vị mới."))
            ok.setEnabled(False)
            return
        lines = self.plan.describe() + [self.tr("Lỗi: ") + p for p in self.plan.problems]
        self.preview.setPlainText("\n".join(lines))
        ok.setEnabled(self.plan.ok)


class PlanPreviewDialog(QDialog):
    """A reorganisation table's plan, shown before it is applied."""

    def __init__(self, planned, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sắp xếp đơn vị theo bảng {0}").format(planned.name))
        text = QPlainTextEdit("\n".join(planned.plan.describe() + [self.tr("Lỗi: ") + p for p in planned.problems]))
        text.setObjectName("reorganisePreview")
        text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Thực hiện"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(planned.ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(640, 480)


# ------------------------------------------------------------ window actions


def install_unit_menu(window, menu) -> None:
    """The Tools › Units submenu: merge, split, import a table, undo, show dissolved units."""
    units = menu.addMenu(QCoreApplication.translate("LineageDialogs", "Sắp xếp đơn vị"))
    for text, slot, name in (
        (QCoreApplication.translate("LineageDialogs", "Gộp đơn vị…"), lambda: merge_units(window), "mergeUnitsAction"),
        (QCoreApplication.translate("LineageDialogs", "Chia tách đơn vị…"), lambda: split_unit(window), "splitUnitAction"),
        (QCoreApplication.translate("LineageDialogs", "Nhập bảng sắp xếp (CSV/XLSX)…"), lambda: import_table(window), "reorganiseTableAction"),
        (QCoreApplication.translate("LineageDialogs", "Hoàn tác lần sắp xếp gần nhất"), lambda: undo_last(window), "undoReorganiseAction"),
    ):
        action = QAction(text, window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        units.addAction(action)
    units.addSeparator()
    shown = QAction(QCoreApplication.translate("LineageDialogs", "Hiện đơn vị đã giải thể"), window)
    shown.setObjectName("showDissolvedAction")
    shown.setCheckable(True)
    shown.setChecked(window.sidebar.show_dissolved)
    shown.toggled.connect(window.sidebar.set_show_dissolved)
    units.addAction(shown)


def merge_units(window) -> ReorganiseDialog:
    return _open(window, "merge")


def split_unit(window) -> ReorganiseDialog:
    return _open(window, "split")


def _open(window, mode: str) -> ReorganiseDialog:
    dialog = ReorganiseDialog(mode, window.archive.lineage(), window.archive.plan_reorganisation, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: apply_plan(window, dialog.plan, mode))
    dialog.open()
    return dialog


def apply_plan(window, plan, source: str):
    """Apply a previewed plan in the background; the sidebar shows the result."""

    def done(record_id, _cancelled):
        window.refresh_sidebar()
        window.statusBar().showMessage(QCoreApplication.translate("LineageDialogs", 
            "Đã sắp xếp đơn vị (lần #{0}); hoàn tác: Công cụ › Sắp xếp đơn vị").format(record_id))

    return window.run_task(QCoreApplication.translate("LineageDialogs", "Đang sắp xếp đơn vị…"),
                           lambda progress, cancelled: window.archive.apply_reorganisation(plan, source), done)


def import_table(window, path: Path | None = None) -> PlanPreviewDialog | None:
    from desktop.core.archive import ArchiveError
    from desktop.core.maintenance.reorganisation import plan_table

    if path is None:
        name, _ = QFileDialog.getOpenFileName(window, QCoreApplication.translate("LineageDialogs", "Bảng sắp xếp đơn vị"), "",
                                              QCoreApplication.translate("LineageDialogs", "Bảng (*.csv *.xlsx);;Tất cả (*)"))
        if not name:
            return None
        path = Path(name)
    try:
        planned = plan_table(window.archive, path)
    except ArchiveError as exc:
        window._error(str(exc))
        return None
    dialog = PlanPreviewDialog(planned, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: apply_plan(window, planned.plan, planned.name))
    dialog.open()
    return dialog


def undo_last(window):
    history = [r for r in window.archive.reorganisations() if not r.undone]
    if not history:
        window.statusBar().showMessage(QCoreApplication.translate("LineageDialogs", "Không có lần sắp xếp nào để hoàn tác"))
        return None
    last = history[0]
    answer = QMessageBox.question(window, QCoreApplication.translate("LineageDialogs", "Hoàn tác sắp xếp đơn vị"), QCoreApplication.translate("LineageDialogs", 
        "Hoàn tác lần sắp xếp #{0} ({1}, {2} liên kết)?").format(last.id, last.source, last.links))
    if answer != QMessageBox.StandardButton.Yes:
        return None

    def done(_view, _cancelled):
        window.refresh_sidebar()
        window.statusBar().showMessage(QCoreApplication.translate("LineageDialogs", "Đã hoàn tác lần sắp xếp #{0}").format(last.id))

    return window.run_task(QCoreApplication.translate("LineageDialogs", "Đang hoàn tác…"),
                           lambda progress, cancelled: window.archive.undo_reorganisation(last.id), done)


def ask_about_dissolved(window, article_ids: list[int], chosen: set[int]) -> set[int] | None:
    """The units to tag with after asking about any that had ended before an article's date
    (Yes: its successors instead; No: keep it; Cancel: tag nothing)."""
    lineage = None
    chosen = set(chosen)
    asked: set[int] = set()
    for article_id in article_ids:
        article = window.archive.article(article_id)
        day = article.published_date
        had = {u.id for u in article.units}  # tags it already has are not asked about again
        for unit, successors in window.archive.dissolved_tags(sorted(chosen - asked - had), day).items():
            asked.add(unit)
            lineage = lineage or window.archive.lineage()
            info = lineage.units[unit]
            names = ", ".join(lineage.path(s) for s in successors) or QCoreApplication.translate("LineageDialogs", "(không có)")
            answer = QMessageBox.question(
                window, QCoreApplication.translate("LineageDialogs", "Đơn vị đã giải thể"),
                QCoreApplication.translate("LineageDialogs", "'{0}' đã giải thể từ {1}, trước ngày của bài ({2}).\nGắn đơn vị kế tục thay thế: {3}?")
                .format(info.name, info.dissolved.strftime("%d/%m/%Y"),
                        day.strftime("%d/%m/%Y") if day else QCoreApplication.translate("LineageDialogs", "chưa có ngày"), names),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return None
            if answer == QMessageBox.StandardButton.Yes and successors:
                chosen = (chosen - {unit}) | set(successors)
    return chosen
