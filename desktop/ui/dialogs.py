"""Small dialogs: tag picker, export options, import summary, settings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.pdf.options import CompilationOptions
from desktop.core.views import ImportOutcome, TreeNode
from desktop.ui.messages import localized

IdRole = Qt.ItemDataRole.UserRole + 20


def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class TagPickerDialog(QDialog):
    """Tick units or topics in their tree; new entries can be created in place."""

    def __init__(self, title: str, nodes: list[TreeNode], checked: set[int], create_node, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._create_node = create_node  # (name, parent_id | None) -> id
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self._fill(None, nodes, checked)
        self.tree.expandAll()
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("Tên mục mới (thêm vào mục đang chọn)"))
        self.add_button = add = QPushButton(self.tr("Thêm"))
        add.clicked.connect(self._add)
        row = QHBoxLayout()
        row.addWidget(self.new_name, 1)
        row.addWidget(add)
        buttons = _ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(420, 480)

    def forbid_new(self, reason: str) -> None:
        """Only tick existing entries (the account may not add to the tree): say why."""
        for widget in (self.new_name, self.add_button):
            widget.setEnabled(False)
            widget.setToolTip(reason)

    def _fill(self, parent, nodes, checked):
        for node in nodes:
            item = QTreeWidgetItem([node.name])
            item.setData(0, IdRole, node.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if node.id in checked else Qt.CheckState.Unchecked)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self._fill(item, node.children, checked)

    def _add(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            return
        current = self.tree.currentItem()
        parent_id = current.data(0, IdRole) if current else None
        try:
            node_id = self._create_node(name, parent_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        item = QTreeWidgetItem([name])
        item.setData(0, IdRole, node_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked)
        (current.addChild(item) if current else self.tree.addTopLevelItem(item))
        if current:
            current.setExpanded(True)
        self.new_name.clear()

    def checked_ids(self) -> set[int]:
        found = set()
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item.checkState(0) == Qt.CheckState.Checked:
                found.add(item.data(0, IdRole))
            stack.extend(item.child(i) for i in range(item.childCount()))
        return found


class ExportDialog(QDialog):
    """Compilation options; which articles: the selected ones when there are, else the list."""

    def __init__(self, options: CompilationOptions, selected: int, listed: int, parent=None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Xuất PDF"))
        self.which = QComboBox()
        self.which.setObjectName("exportWhich")
        if selected:
            self.which.addItem(self.tr("Các bài đang chọn ({0} bài)").format(selected), "selection")
        self.which.addItem(self.tr("Cả danh sách ({0} bài)").format(listed), "list")
        self._lineage_unit = options.lineage_unit  # the chosen unit, named with its predecessors on the cover
        self.title = QLineEdit(options.title)
        self.title.setObjectName("exportTitle")
        self.title.setMinimumWidth(360)
        self.title.selectAll()  # the title is the clerk's to type
        self.office = QLineEdit(options.office_name)
        self.place = QLineEdit(options.place)
        self.photos = QCheckBox(self.tr("Kèm ảnh"))
        self.photos.setChecked(options.with_photos)
        self.one_per_page = QCheckBox(self.tr("Mỗi bài một trang mới"))
        self.one_per_page.setChecked(options.one_per_page)
        self.restricted = QCheckBox(self.tr("Gồm cả bài \"Mật\" / \"Lưu hành nội bộ\""))
        self.restricted.setChecked(options.include_restricted)
        self.captions = QCheckBox(self.tr("Thêm danh mục ảnh"))
        self.page = QComboBox()
        self.page.addItems(["A4", "A5"])
        self.order = QComboBox()
        self.order.addItem(self.tr("Ngày tăng dần"), "date_asc")
        self.order.addItem(self.tr("Ngày giảm dần"), "date_desc")
        self.order.addItem(self.tr("Theo danh sách"), "given")
        form = QFormLayout()
        form.addRow(self.tr("Gồm"), self.which)
        form.addRow(self.tr("Tên tập"), self.title)
        form.addRow(self.tr("Cơ quan"), self.office)
        form.addRow(self.tr("Địa danh"), self.place)
        form.addRow(self.tr("Khổ giấy"), self.page)
        form.addRow(self.tr("Thứ tự"), self.order)
        for box in (self.photos, self.one_per_page, self.restricted, self.captions):
            form.addRow("", box)
        buttons = _ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.title.setFocus()

    def selection_only(self) -> bool:
        return self.which.currentData() == "selection"

    def options(self) -> CompilationOptions:
        return CompilationOptions(
            title=self.title.text().strip() or self.tr("Tập bài viết"),
            office_name=self.office.text().strip(),
            place=self.place.text().strip(),
            with_photos=self.photos.isChecked(),
            one_per_page=self.one_per_page.isChecked(),
            include_restricted=self.restricted.isChecked(),
            captions_list=self.captions.isChecked(),
            page_size=self.page.currentText(),
            order=self.order.currentData(),
            lineage_unit=self._lineage_unit,
        )


def import_summary(parent: QWidget, outcomes: list[ImportOutcome], cancelled: bool,
                   show_near_duplicates: Callable[[], object] | None = None) -> QMessageBox:
    counts = {k: sum(1 for o in outcomes if o.status == k) for k in ("imported", "duplicate", "failed", "skipped")}
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("ImportSummary", "Kết quả nhập"))
    text = QCoreApplication.translate("ImportSummary", "Đã nhập {0} bài, trùng {1}, lỗi {2}, bỏ qua {3}.").format(
        counts["imported"], counts["duplicate"], counts["failed"], counts["skipped"]
    )
    if cancelled:
        text += "\n" + QCoreApplication.translate("ImportSummary", "Đã dừng theo yêu cầu; các bài đã nhập được giữ lại.")
    similar = [o for o in outcomes if o.similar_to]
    if similar:
        text += "\n" + QCoreApplication.translate("ImportSummary", "{0} bài gần trùng với bài đã có: xem và quyết định giữ hay gộp.").format(len(similar))
    box.setText(text)
    problems = [f"{o.path}: {localized(o.reason or '')}" for o in outcomes if o.status in ("failed", "skipped")]
    problems += [QCoreApplication.translate("ImportSummary", "{0}: gần trùng với bài số {1}").format(o.path, o.similar_to)
                 for o in similar]
    problems += [QCoreApplication.translate("ImportSummary", "{0}: bỏ qua ảnh {1}").format(o.path, localized(skipped))
                 for o in outcomes for skipped in o.skipped_photos]
    if problems:
        box.setDetailedText("\n".join(problems))
        box.setIcon(QMessageBox.Icon.Warning)
    else:
        box.setIcon(QMessageBox.Icon.Information)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if similar and show_near_duplicates is not None:
        button = box.addButton(QCoreApplication.translate("ImportSummary", "Xem bài gần trùng…"), QMessageBox.ButtonRole.ActionRole)
        button.setObjectName("showNearDuplicates")
        button.clicked.connect(show_near_duplicates)
    box.setObjectName("importSummary")
    return box


class SettingsDialog(QDialog):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Cài đặt"))
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if settings.language == "vi" else 1)
        self.office = QLineEdit(settings.office_name)
        self.place = QLineEdit(settings.office_place)
        for field in (self.office, self.place):  # an office name is long: "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"
            field.setMinimumWidth(max(320, field.fontMetrics().horizontalAdvance(field.text()) + 24))
        form = QFormLayout()
        form.addRow(self.tr("Ngôn ngữ (khởi động lại để áp dụng)"), self.language)
        form.addRow(self.tr("Tên cơ quan (bìa PDF)"), self.office)
        form.addRow(self.tr("Địa danh (bìa PDF)"), self.place)
        buttons = _ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.settings = settings

    def apply(self) -> None:
        self.settings.language = self.language.currentData()
        self.settings.office_name = self.office.text().strip()
        self.settings.office_place = self.place.text().strip()
