"""The main window and its controller logic.

Sidebar (units, topics, calendar, saved searches, Trash) | article list with
live search | article pane.  Every archive call goes through the core
services; long work runs as a :class:`Task` with a progress dialog.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import shiboken6
from PySide6.QtCore import QModelIndex, QSize, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.core.archive import Archive, ArchiveError, ArticleFilter, CaptionChange
from desktop.core.dates import local_time, parse_period
from desktop.core.errors import EditConflict, IndexBuilding, QueryError
from desktop.core.draft import ArticleDraft
from desktop.core.pdf.options import CompilationOptions, pdf_file_name
from desktop.core.search.sorts import SORTS as SEARCH_SORTS
from desktop.ui.article_model import ArticleTableModel
from desktop.ui.article_pane import ArticlePane
from desktop.ui.conflicts import ConflictFlow
from desktop.ui.header import use_office_sort_arrows
from desktop.ui.index_progress import IndexProgress
from desktop.ui.messages import localized
from desktop.ui.near_duplicates import NearDuplicatesDialog
from desktop.ui.first_paint import AfterFirstPaint
from desktop.ui.dialogs import ExportDialog, SettingsDialog, TagPickerDialog, import_summary
from desktop.ui.settings import Settings
from desktop.ui.sidebar import Scope, Sidebar, counted
from desktop.ui.audit_dialog import AuditDialog
from desktop.ui.role_gate import apply_role, needs_text, signed_in_text
from desktop.ui.users_dialog import UsersDialog
from desktop.ui.list_search import NewestSearch
from desktop.ui.lineage_dialogs import LineageBar, ask_about_dissolved, install_unit_menu
from desktop.ui.tasks import Changes, Task, Writer, start

PREFERRED_SIZE = QSize(1400, 860)
FRAME = QSize(16, 40)  # room for the window frame and title bar, unknown before the window is shown
SEARCH_DELAY_MS = 250
SEARCH_LIMIT = 1000
FIRST_PAGE = 200  # a list longer than this shows these rows at once and the rest when read off the GUI thread
THUMBNAIL_SIZE = QSize(22, 30)  # a PDF's or scan's first page beside its title: fits a one-line row
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".heic"}


class SnippetDelegate(QStyledItemDelegate):
    """Draws the title with the highlighted search snippet under it."""

    def paint(self, painter, option, index):
        snippet = index.data(ArticleTableModel.SnippetRole)
        if not snippet:
            return super().paint(painter, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.decorationAlignment = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter  # beside the title
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        # Greys read on white only: a selected row is all in the highlight's own text colour.
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        ink = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text).name()
        faint, fainter = (ink, ink) if selected else ("#777", "#555")
        title = f"<b>{html.escape(opt.text)}</b>"
        if index.data(ArticleTableModel.ScatteredRole):  # after the strong matches: grey, marked
            title = f"<span style='color:{faint}'><i>{html.escape(self.tr('[từ rải rác]'))}</i> {html.escape(opt.text)}</span>"
        doc.setHtml(f"<div style='color:{ink}'>{title}<br><span style='color:{fainter}'>{snippet}</span></div>")
        style = opt.widget.style()
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)  # beside a thumbnail
        doc.setTextWidth(rect.width())
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        if index.data(ArticleTableModel.SnippetRole):
            return QSize(size.width(), size.height() * 3)
        return size


def _refocus(widget: QWidget | None) -> None:
    """Back to the widget that had focus before a dialog (without a window manager
    to do it, as under Xvfb, the main window is not even re-activated)."""
    if widget is not None and shiboken6.isValid(widget) and widget.isVisible():
        widget.window().activateWindow()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)


class MainWindow(QMainWindow):
    list_shown = Signal()  # the list now shows the current scope and query
    task_done = Signal(object)  # a background task's result (import outcomes, export report, ...)

    def __init__(self, archive: Archive, settings: Settings | None = None, *, demo: bool = False):
        super().__init__()
        self.archive = archive
        self.settings = settings or Settings()
        self.demo = demo
        self._order = "date_desc"  # an order name of the core: relevance while searching
        self._current_id: int | None = None
        self._tasks: list[Task] = []
        self.writer = Writer(self)
        self.writer.done.connect(self._apply_changes)
        self.writer.failed.connect(self._error)
        self.conflicts = ConflictFlow(self)  # a save refused because someone saved first
        self.setWindowTitle(self._title())
        self.setAcceptDrops(True)
        self._build()
        self._actions()
        self._show_names()
        for waiting in (self._listing, self._counting):  # the first paint first (ui/first_paint.py)
            waiting.hold()
        AfterFirstPaint(self, self._painted)
        self.refresh_sidebar()
        self._restore_state()
        self.index_progress.watch(self.archive)

    def _scope_changed(self, _scope) -> None:
        self._leave_current()
        self._current_id = None  # a new scope starts at its first article
        self.reload_list()

    def _title(self) -> str:
        suffix = self.tr(" (kho thử)") if self.demo else ""
        if self.archive.readonly:
            suffix += self.tr(" (chỉ đọc)")
        return f"LuuTru — {self.archive.shown_location}{suffix}[*]"

    # ------------------------------------------------------------------ build

    def _build(self) -> None:
        self.sidebar = Sidebar()
        self.sidebar.scope_changed.connect(self._scope_changed)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(self.tr("Tìm: xay dung dang, \"giao ban\", 09-NQ/TU, unit:\"Thị ủy\", 2022-10 … (Ctrl+F)"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload_list)
        self._searches = NewestSearch((QueryError, IndexBuilding), self)
        self._searches.finished.connect(self._show_hits)
        self._searches.failed.connect(self._search_failed)
        self._listing = NewestSearch((ArchiveError,), self)  # a long list's rows past its first page
        self._listing.finished.connect(self._rest_listed)
        self._listing.failed.connect(self._listing_failed)
        self._counting = NewestSearch((ArchiveError,), self)  # the sidebar's counts, the same way
        self._counting.finished.connect(self._show_counts)
        self._counting.failed.connect(self._counts_failed)
        self.search_box.textChanged.connect(self._query_edited)
        self.search_box.returnPressed.connect(self.reload_list)
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        self.result_label.linkActivated.connect(self.search_box.setText)
        self.lineage_bar = LineageBar()
        self.lineage_bar.changed.connect(self.reload_list)
        self.lineage_bar.unit_requested.connect(lambda unit: self.sidebar.select_scope(Scope("unit", unit)))

        self.model = ArticleTableModel(self.archive.rows, self)
        self.table = QTableView()
        self.table.setObjectName("articleTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the article, as in a form
        self.table.verticalHeader().hide()
        self.table.setIconSize(THUMBNAIL_SIZE)
        self.table.setItemDelegateForColumn(ArticleTableModel.COL_TITLE, SnippetDelegate(self.table))
        header = self.table.horizontalHeader()
        use_office_sort_arrows(header)
        header.setSectionResizeMode(ArticleTableModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(ArticleTableModel.COL_DATE, 90)
        self.table.setColumnWidth(ArticleTableModel.COL_UNITS, 150)
        self.table.setColumnWidth(ArticleTableModel.COL_AUTHOR, 110)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.result_label)
        layout.addWidget(self.lineage_bar)
        layout.addWidget(self.table)

        self.pane = ArticlePane()
        self.pane.set_readonly(self.archive.readonly or not self.archive.access.may("edit"))
        self.pane.filter_requested.connect(self.search_box.setText)
        self.pane.tags_requested.connect(self.edit_tags)
        self.pane.dirty_changed.connect(self._dirty_changed)

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.pane)
        self.splitter.setSizes([240, 620, 520])
        self.setCentralWidget(self.splitter)
        QWidget.setTabOrder(self.search_box, self.table)
        QWidget.setTabOrder(self.table, self.pane.title)
        self.table.setSortingEnabled(True)
        header.setSortIndicator(ArticleTableModel.COL_DATE, Qt.SortOrder.DescendingOrder)
        # As wide as its label with room for the sort arrow ("Photos" in English; the counts are
        # narrower).  Not ResizeToContents: while the window is hidden, that reads every row to size it.
        self.table.setColumnWidth(ArticleTableModel.COL_PHOTOS, header.sectionSizeHint(ArticleTableModel.COL_PHOTOS))
        self.model.sort_requested.connect(self._sort)
        self.statusBar().showMessage(self.tr("Sẵn sàng"))
        self.index_progress = IndexProgress(self)
        self.statusBar().addPermanentWidget(self.index_progress)
        self.statusBar().addPermanentWidget(self.index_progress.retry)
        self.index_progress.failed.connect(self.statusBar().showMessage)
        self.index_progress.done.connect(self._index_built)

    def _index_built(self) -> None:
        self.statusBar().showMessage(self.tr("Đã lập xong chỉ mục tìm kiếm của máy này"))
        if self.search_box.text().strip() or self._scope_filter()[1]:
            self.reload_list()  # the search that was answered "being built"

    def _action(self, menu, text: str, slot, shortcut=None, name: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if name:
            action.setObjectName(name)
        menu.addAction(action)
        return action

    def _actions(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&Tệp"))
        self._action(file, self.tr("Bài mới"), self.new_article, QKeySequence.StandardKey.New, "newAction")
        self._action(file, self.tr("Dán bài từ bộ nhớ tạm"), self.paste_article, "Ctrl+Shift+V", "pasteAction")
        self._action(file, self.tr("Nhập tệp…"), self.import_files_dialog, "Ctrl+I", "importAction")
        self._action(file, self.tr("Nhập thư mục…"), self.import_folder_dialog, None, "importFolderAction")
        file.addSeparator()
        # Always enabled: the field being typed in is committed when Save runs.
        self.save_action = self._action(file, self.tr("Lưu"), self.save_current, QKeySequence.StandardKey.Save, "saveAction")
        self._action(file, self.tr("Xuất PDF…"), self.export_selection, "Ctrl+E", "exportAction")
        self._action(file, self.tr("In…"), self.print_selection, QKeySequence.StandardKey.Print, "printAction")
        file.addSeparator()
        self._action(file, self.tr("Mở kho lưu trữ…"), self.open_archive_dialog, None)
        self._action(file, self.tr("Kết nối máy chủ của cơ quan…"), self.connect_server_dialog, None, "connectServerAction")
        self._action(file, self.tr("Thoát"), self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu(self.tr("&Sửa"))
        self._action(edit, self.tr("Hoàn tác"), self.pane.undo, QKeySequence.StandardKey.Undo, "undoAction")
        self._action(edit, self.tr("Làm lại"), self.pane.redo, QKeySequence.StandardKey.Redo, "redoAction")
        edit.addSeparator()
        self._action(edit, self.tr("Tìm kiếm"), self.focus_search, QKeySequence.StandardKey.Find, "findAction")
        self._action(edit, self.tr("Lưu tìm kiếm này"), self.save_search, None, "saveSearchAction")
        edit.addSeparator()
        self._action(edit, self.tr("Gắn đơn vị…"), lambda: self.edit_tags("unit"), "Ctrl+U", "tagUnitAction")
        self._action(edit, self.tr("Gắn chủ đề…"), lambda: self.edit_tags("topic"), "Ctrl+T", "tagTopicAction")
        self.trash_action = self._action(edit, self.tr("Chuyển vào Thùng rác"), self.trash_selection, QKeySequence.StandardKey.Delete, "trashAction")
        self._action(edit, self.tr("Khôi phục từ Thùng rác"), self.restore_selection, None, "restoreAction")
        self._action(edit, self.tr("Dọn sạch Thùng rác…"), self.empty_trash, None, "emptyTrashAction")

        tools = bar.addMenu(self.tr("&Công cụ"))
        self._action(tools, self.tr("Lịch sử sửa đổi bài này"), self.show_history, "Ctrl+H", "historyAction")
        self._action(tools, self.tr("Soát chữ nhận dạng (OCR)…"), self.review_ocr, "Ctrl+R", "ocrReviewAction")
        self._action(tools, self.tr("Đọc chữ trên ảnh / giữ làm ảnh"), self.switch_reading, None, "switchReadingAction")
        self._action(tools, self.tr("Bài gần trùng…"), self.show_near_duplicates, None, "nearDuplicatesAction")
        self._action(tools, self.tr("Sao lưu kho…"), self.backup_dialog, None, "backupAction")
        self._action(tools, self.tr("Kiểm tra toàn vẹn"), self.check_archive, None, "checkAction")
        self._action(tools, self.tr("Lập lại chỉ mục tìm kiếm"), self.reindex, None, "reindexAction")
        self._action(tools, self.tr("Ảnh trang đầu cho bài cũ"), self.make_thumbnails, None, "thumbnailsAction")
        self._action(tools, self.tr("Cài đặt…"), self.open_settings, None, "settingsAction")
        install_unit_menu(self, tools)
        tools.addSeparator()
        self._action(tools, self.tr("Người dùng…"), self.users_dialog, None, "usersAction")
        self._action(tools, self.tr("Nhật ký truy cập…"), self.audit_dialog, None, "auditAction")
        apply_role(self)

        help_menu = bar.addMenu(self.tr("&Trợ giúp"))
        self._action(help_menu, self.tr("Giới thiệu LuuTru"), self.about, None, "aboutAction")

    # ------------------------------------------------------------ listing

    def refresh_sidebar(self) -> None:
        """Counts in the sidebar, then the list (the scope may have gone)."""
        self._populate_sidebar()
        self.reload_list()

    def _painted(self) -> None:
        self._listing.release()
        self._counting.release()

    def _show_names(self) -> None:
        """The sidebar's trees without counts, at once (the counts follow from :meth:`_populate_sidebar`)."""
        self.sidebar.populate(self.archive.unit_tree(counted=False), self.archive.topic_tree(counted=False), [],
                              self.settings.saved_searches, None, None)

    def _populate_sidebar(self) -> None:
        """Count off the GUI thread: on a large archive the counts take seconds."""
        archive = self.archive
        self._counting.run(lambda: counted(archive))

    def _show_counts(self, counts: tuple) -> None:
        units, topics, months, total, trashed = counts
        self.sidebar.populate(units, topics, months, self.settings.saved_searches, total, trashed)

    def _counts_failed(self, exc: Exception) -> None:
        self.statusBar().showMessage(self.tr("Không đếm được số bài: {0}").format(
            localized(str(exc)) or exc.__class__.__name__))

    def _scope_filter(self) -> tuple[ArticleFilter, str]:
        scope = self.sidebar.current_scope() or Scope("all")
        f = ArticleFilter(lineage=self.lineage_bar.included)
        extra = ""
        if scope.kind == "unit":
            f.unit_ids = [scope.value]
        elif scope.kind == "topic":
            f.topic_ids = [scope.value]
        elif scope.kind == "year":
            f.date_from, f.date_to = parse_period(f"{scope.value}")
        elif scope.kind == "month":
            f.date_from, f.date_to = parse_period("{0}-{1:02d}".format(*scope.value))
        elif scope.kind == "trash":
            f.trashed = True
        elif scope.kind == "saved":
            extra = scope.value
        return f, extra

    def reload_list(self) -> None:
        """Show the scope and query; the open article stays selected if it is still listed.

        A listing without words shows its first page at once and the rest when read (a
        long list's ids take half a second at 300,000 articles); a search runs off the GUI
        thread (:mod:`list_search`) and the list changes when it answers."""
        self._search_timer.stop()
        self._leave_current()
        f, saved_query = self._scope_filter()
        text = " ".join(x for x in (saved_query, self.search_box.text().strip()) if x)
        order = self._order
        self.lineage_bar.show_for(f.unit_ids, self.archive.lineage())
        archive = self.archive
        if text:
            self._listing.drop()
            self.result_label.setText(self.tr("Đang tìm…"))
            self._searches.run(lambda: self._search(archive, text, f, order))
            return
        self._searches.drop()
        order = "date_desc" if order == "relevance" else order
        ids = archive.article_ids(f, order, limit=FIRST_PAGE)
        self.model.set_ids(ids)
        if len(ids) < FIRST_PAGE:
            self._listing.drop()
            self.result_label.setText(self.tr("{0} bài viết").format(len(ids)))
            self._list_done()
            return
        self.result_label.setText(self.tr("Đang đọc danh sách…"))
        self._select_current()
        self._listing.run(lambda: archive.article_ids(f, order))

    def _rest_listed(self, ids: list[int]) -> None:
        if not self.model.extend_ids(ids):  # the archive changed since the first page was read
            self.model.set_ids(ids)
        self.result_label.setText(self.tr("{0} bài viết").format(len(ids)))
        self._list_done()

    def _listing_failed(self, exc: Exception) -> None:
        self._say_failed(self.tr("Không đọc được danh sách bài: {0}").format(
            localized(str(exc)) or exc.__class__.__name__))
        self.list_shown.emit()

    def _say_failed(self, said: str) -> None:
        self.result_label.setText(f"<span style='color:#b00'>{html.escape(said)}</span>")

    @staticmethod
    def _search(archive: Archive, text: str, f: ArticleFilter, order: str):
        """The hits and their ids in list order (on the search thread: no widgets here)."""
        result = archive.search(
            text, unit_ids=f.unit_ids, topic_ids=f.topic_ids, date_from=f.date_from,
            date_to=f.date_to, trashed=f.trashed, lineage=f.lineage, sort=order if order in SEARCH_SORTS else "relevance",
            limit=SEARCH_LIMIT, facets=False,
        )
        ids = [h.id for h in result.hits]
        if order not in SEARCH_SORTS:  # title or author: the archive orders the hits
            ids = archive.article_ids(ArticleFilter(ids=ids, trashed=f.trashed), order)
        return result, ids

    def _show_hits(self, found) -> None:
        result, ids = found
        scattered = {h.id for h in result.hits if not h.strong}
        self.model.set_ids(ids, {h.id: h.snippet for h in result.hits}, scattered)
        message = self.tr("{0} kết quả").format(result.strong)
        if result.total > result.strong:
            message += self.tr(", sau đó {0} bài có các từ nằm rải rác (chữ xám)").format(
                result.total - result.strong)
        if result.total > SEARCH_LIMIT:
            message += self.tr(" (hiện {0} kết quả đầu)").format(SEARCH_LIMIT)
        if result.suggestion:
            message += " — " + self.tr("Có phải bạn muốn tìm: ") + (
                f'<a href="{html.escape(result.suggestion)}">{html.escape(result.suggestion)}</a>'
            )
        self.result_label.setText(message)
        self._list_done()

    def _search_failed(self, exc: Exception) -> None:
        self.model.set_ids([])
        said = localized(str(exc)) if isinstance(exc, (QueryError, IndexBuilding)) else self.tr(
            "Không tìm được: {0}").format(localized(str(exc)) or exc.__class__.__name__)
        self._say_failed(said)
        self._show(None)
        self.list_shown.emit()

    def _list_done(self) -> None:
        """After the list changed: the open article stays selected if it is still listed."""
        self._select_current()
        self.list_shown.emit()

    def _select_current(self) -> None:
        if self.model.rowCount() < 300:
            self.table.resizeRowsToContents()  # room for snippets, compact again without them
        keep = self._current_id
        row = self.model.row_of(keep) if keep is not None else -1
        if self.model.rowCount():
            self.table.selectRow(max(row, 0))
        else:
            self._show(None)

    def _dirty_changed(self, dirty: bool) -> None:
        self.setWindowModified(dirty)

    def _query_edited(self, text: str) -> None:
        """A new query ranks by relevance until the user clicks a column header."""
        header = self.table.horizontalHeader()
        if text.strip():
            self._order = "relevance"
            header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        elif self._order == "relevance":  # no query, no relevance: newest first again, and shown so
            self._order = "date_desc"
            header.blockSignals(True)
            header.setSortIndicator(ArticleTableModel.COL_DATE, Qt.SortOrder.DescendingOrder)
            header.blockSignals(False)
        self._search_timer.start()

    def _sort(self, order: str) -> None:
        self._order = order
        self.reload_list()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(r) for r in rows]

    # --------------------------------------------------------- article pane

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = self.model.id_at(current.row()) if current.isValid() else None
        if article_id == self._current_id and self.pane.article_id == article_id and self.pane.draft is None:
            return
        self._leave_current()
        self._show(article_id)

    def _show(self, article_id: int | None) -> None:
        self._current_id = article_id
        if article_id is None:
            self.pane.clear()
            return
        try:
            self.pane.load_article(self.archive.article(article_id))
        except ArchiveError as exc:
            self.pane.clear()
            self.statusBar().showMessage(localized(str(exc)))

    def _leave_current(self) -> None:
        """Save the open article's edits before showing another (never lose them silently)."""
        if self.pane.isEnabled() and not self.archive.readonly and self.pane.is_dirty():
            self.save_current()

    def save_current(self) -> bool:
        """Send the pane's edits to the archive in the background; False if they cannot be read."""
        if self.archive.readonly:
            self._error(self.tr("Kho đang mở chỉ để đọc: không lưu được thay đổi."))
            return False
        try:
            values = self.pane.field_values()
        except ValueError:
            self._error(self.tr("Ngày hoặc giờ không đúng dạng dd/mm/yyyy hh:mm"))
            return False
        if self.pane.draft is not None:
            return self._save_draft(values)
        article_id = self.pane.article_id
        if article_id is None:
            return False
        captions = [CaptionChange(pid, caption, credit or None) for pid, caption, credit in self.pane.caption_values()]
        return self.save_article_values(article_id, values, captions, base=self.pane.version)

    def save_article_values(self, article_id: int, values: dict, captions: list[CaptionChange], *,
                            base: int | None, overwriting: bool = False) -> bool:
        """Save in the background from version ``base``; refused when someone saved first (ui/conflicts.py)."""
        mark = self.pane.undo_stack.index()
        unsaved = self.pane.unsaved()

        def work():
            try:
                changed = self.archive.save_article(article_id, values, captions, base=base, overwriting=overwriting)
            except EditConflict as conflict:
                return Changes(), conflict
            return Changes(articles=frozenset({article_id}) if changed else frozenset()), changed

        def done(changed) -> None:
            if isinstance(changed, EditConflict):
                self.conflicts.save_refused(changed, values, captions)
                return
            self.pane.commit_pending()
            if self.pane.article_id == article_id and self.pane.undo_stack.index() == mark:
                self.pane.mark_saved()
            self.statusBar().showMessage(self.tr("Đã lưu") if changed else self.tr("Không có gì thay đổi"))

        def failed(_message: str) -> None:  # nothing was stored (one transaction); the writer says why
            if self.pane.article_id != article_id:  # the clerk moved on: the edit comes back to save again
                self._reopen_unsaved(article_id, unsaved)

        self.writer.run(work, done, failed)
        return True

    def _reopen_unsaved(self, article_id: int, unsaved: dict) -> None:
        row = self.model.row_of(article_id)
        if row >= 0:
            self.table.selectRow(row)  # saves what is open now, then shows the article
        else:
            self._leave_current()
            self._show(article_id)
        if self.pane.article_id == article_id:
            self.pane.reapply(unsaved)

    def _save_draft(self, values: dict) -> bool:
        draft = self.pane.draft
        if self.pane.saving:
            return True  # Ctrl+S twice on a new article stores it once
        for key, value in values.items():
            setattr(draft, key, value)
        for photo, (_pid, caption, credit) in zip(draft.photos, self.pane.caption_values()):
            photo.caption, photo.credit = caption, credit or None
        draft.extract_references()
        mark = self.pane.undo_stack.index()
        self.pane.saving = True

        def work():
            result = self.archive.add_draft(draft)
            return Changes(articles=frozenset({result.article_id}), tags=True, listing=True), result

        def done(result) -> None:
            if result.duplicate:
                self.statusBar().showMessage(self.tr("Bài này đã có trong kho (bài số {0})").format(result.article_id))
            else:
                self.statusBar().showMessage(self.tr("Đã lưu bài mới số {0}").format(result.article_id))
            if self.pane.draft is draft:  # still on screen: it is now the stored article
                self.pane.commit_pending()  # a field typed in but not left yet counts as an edit
                if self.pane.undo_stack.index() == mark:
                    self._show(result.article_id)
                else:
                    stored = self.archive.article(result.article_id)
                    self.pane.became_stored(result.article_id, [p.id for p in stored.photos],
                                            stored.version)  # edits typed meanwhile stay, unsaved
                self._current_id = result.article_id

        def failed(_message: str) -> None:
            if self.pane.draft is draft:
                self.pane.saving = False

        self.writer.run(work, done, failed)
        return True

    def _apply_changes(self, changes: Changes) -> None:
        """Refresh what a write changed, and only that."""
        if changes.tags or changes.listing:
            self._populate_sidebar()
        scope = self.sidebar.current_scope()
        if changes.listing or (changes.tags and scope is not None and scope.kind in ("unit", "topic")):
            self.reload_list()
        elif changes.articles:
            self.model.refresh()
        if (self.pane.article_id in changes.articles and self.pane.draft is None
                and not self.pane.is_dirty()):
            self._show(self.pane.article_id)  # e.g. its units after Ctrl+U

    def new_article(self) -> None:
        self._leave_current()
        self.table.clearSelection()
        self._current_id = None
        self.pane.load_draft(ArticleDraft(title=""))
        self.pane.title.setFocus()

    def paste_article(self) -> None:
        text = QGuiApplication.clipboard().text()
        self.open_draft_from_text(text)

    def open_draft_from_text(self, text: str) -> bool:
        from desktop.core.ingest.plaintext import ParseError, parse_plaintext  # not before the window shows

        try:
            draft = parse_plaintext(text)
        except ParseError as exc:
            self._error(self.tr("Không đọc được bài từ bộ nhớ tạm: {0}").format(exc))
            return False
        self._leave_current()
        self.table.clearSelection()
        self._current_id = None
        self.pane.load_draft(draft)
        self.statusBar().showMessage(self.tr("Kiểm tra bài vừa dán rồi bấm Lưu (Ctrl+S)"))
        return True

    # ----------------------------------------------------------- bulk actions

    def edit_tags(self, kind: str) -> None:
        if self.archive.readonly:
            return
        ids = self.selected_ids() or ([self.pane.article_id] if self.pane.article_id else [])
        if not ids:
            return
        self._leave_current()
        nodes = self.archive.unit_tree() if kind == "unit" else self.archive.topic_tree()
        current = self.archive.article(ids[0])
        checked = {t.id for t in (current.units if kind == "unit" else current.topics)} if len(ids) == 1 else set()
        create = (lambda name, parent: self.archive.add_unit(name, parent)) if kind == "unit" else (
            lambda name, parent: self.archive.add_topic(name, parent))
        title = self.tr("Gắn đơn vị") if kind == "unit" else self.tr("Gắn chủ đề")
        dialog = TagPickerDialog(title, nodes, checked, create, self)
        dialog.setObjectName("tagPicker")
        if not self.archive.access.may("trees"):
            dialog.forbid_new(needs_text(self.archive.access.needed("trees")))
        if self._exec_keeping_focus(dialog):
            self.apply_tags(ids, kind, dialog.checked_ids(), replace=len(ids) == 1,
                            base=current.version if len(ids) == 1 else None)

    def apply_tags(self, ids: list[int], kind: str, chosen: set[int], *, replace: bool,
                   base: int | None = None) -> Task | None:
        """Tick = these tags (one article, refused if it moved past ``base``) or add them (several),
        in the background."""
        key = "unit_ids" if kind == "unit" else "topic_ids"
        if kind == "unit":
            chosen = ask_about_dissolved(self, ids, chosen)
            if chosen is None:
                return None

        def work():
            try:
                if replace:
                    self.archive.set_tags(ids, **{key: chosen}, base=base)
                else:
                    self.archive.tag(ids, **{key: chosen})
            except EditConflict as conflict:
                return Changes(), conflict
            return Changes(articles=frozenset(ids), tags=True), len(ids)

        def done(result) -> None:
            if isinstance(result, EditConflict):
                self.conflicts.tags_refused(result, kind, chosen)
            else:
                self.statusBar().showMessage(self.tr("Đã gắn {0} bài").format(result))

        return self.writer.run(work, done)

    def trash_selection(self) -> Task | None:
        ids = self.selected_ids()
        if not ids or self.archive.readonly:
            return None
        if self.pane.article_id in ids:
            self.pane.mark_saved()  # what goes to the Trash is not saved first
        return self.writer.run(
            lambda: (Changes(articles=frozenset(ids), listing=True), self.archive.trash(ids)),
            lambda count: self.statusBar().showMessage(
                self.tr("Đã chuyển {0} bài vào Thùng rác (khôi phục được)").format(count)),
        )

    def restore_selection(self) -> Task | None:
        ids = self.selected_ids()
        if not ids or self.archive.readonly:
            return None
        return self.writer.run(
            lambda: (Changes(articles=frozenset(ids), listing=True), self.archive.restore(ids)),
            lambda count: self.statusBar().showMessage(self.tr("Đã khôi phục {0} bài").format(count)),
        )

    def empty_trash(self) -> None:
        count = self.archive.count_articles(ArticleFilter(trashed=True))
        if not count or self.archive.readonly:
            return
        answer = QMessageBox.question(
            self, self.tr("Dọn sạch Thùng rác"),
            self.tr("Xóa vĩnh viễn {0} bài trong Thùng rác? Không thể hoàn tác.").format(count),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.writer.run(lambda: (Changes(listing=True), self.archive.purge()))

    # -------------------------------------------------------- background work

    def run_task(self, label: str, fn, on_done, *, modal: bool = True) -> Task:
        task = Task(fn)
        dialog = QProgressDialog(label, self.tr("Hủy"), 0, 0, self)
        dialog.setObjectName("progressDialog")
        dialog.setWindowTitle("LuuTru")
        dialog.setWindowModality(Qt.WindowModality.WindowModal if modal else Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(task.cancel)

        def progress(done: int, total: int, what: str) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            if what:
                dialog.setLabelText(f"{label}\n{Path(what).name[:80]}")

        def finished(result) -> None:
            dialog.reset()
            self._tasks.remove(task)
            on_done(result, task.cancelled())
            self.task_done.emit(result)

        def failed(message: str) -> None:
            dialog.reset()
            self._tasks.remove(task)
            if not task.cancelled():
                self._error(message)

        task.signals.progress.connect(progress)
        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        self._tasks.append(task)
        return start(task)

    def import_paths(self, paths: list[Path]) -> Task:
        from desktop.core.importing import import_paths  # the importers load Pillow, PDF readers: not at start

        def work(progress, cancelled):
            return import_paths(self.archive, paths, progress=progress, cancelled=cancelled)

        def done(outcomes, cancelled):
            self.refresh_sidebar()
            self._open_keeping_focus(import_summary(self, outcomes, cancelled, self.show_near_duplicates))

        return self.run_task(self.tr("Đang nhập bài viết…"), work, done)

    def import_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Nhập tệp"), "",
            self.tr("Bài viết (*.txt *.docx *.doc *.rtf *.odt *.html *.htm *.mht *.mhtml *.pdf *.jpg *.jpeg *.png *.webp *.tif *.tiff);;Tất cả (*)"),
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Nhập thư mục"))
        if folder:
            self.import_paths([Path(folder)])

    def auto_backup(self, folder: Path) -> Task:
        """The daily rotating backup, in the background while the clerk works."""
        from desktop.core.maintenance.backup import auto_backup

        return self.run_task(
            self.tr("Đang sao lưu tự động…"),
            lambda progress, cancelled: auto_backup(self.archive, folder, keep=self.settings.backups_kept),
            lambda made, _c: self.statusBar().showMessage(self.tr("Đã sao lưu tự động: {0}").format(made)) if made else None,
            modal=False,
        )

    def reindex(self) -> None:
        def work(progress, cancelled):
            return self.archive.rebuild_index(progress)

        self.run_task(self.tr("Đang lập lại chỉ mục…"), work,
                      lambda count, _c: self.statusBar().showMessage(self.tr("Đã lập chỉ mục {0} bài").format(count)))

    def make_thumbnails(self) -> Task:
        """First-page thumbnails for PDFs and scans imported before the list showed them."""
        from desktop.core.maintenance.page_thumbnails import make_missing

        def done(report, _cancelled) -> None:
            self.model.refresh()
            message = self.tr("Đã làm ảnh trang đầu cho {0}/{1} bài").format(report.made, report.missing)
            if report.failed:
                message += self.tr(", {0} bài không đọc được tệp gốc").format(len(report.failed))
            self.statusBar().showMessage(message)

        return self.run_task(self.tr("Đang làm ảnh trang đầu…"),
                             lambda progress, cancelled: make_missing(self.archive, progress, cancelled), done)

    def review_ocr(self) -> None:
        """Open the OCR review for the current article (one with scanned pages)."""
        from desktop.ui.ocr_review import OcrReviewDialog

        if self.pane.article_id is None:
            return
        self._leave_current()
        if not self.archive.article(self.pane.article_id).scanned_pages:
            self.statusBar().showMessage(self.tr("Bài này không có trang quét để soát"))
            return
        self.ocr_review = OcrReviewDialog(self.archive, self.pane.article_id, self)
        self.ocr_review.accepted.connect(lambda: self._show(self.ocr_review.saved_as))  # a copy, if kept so
        self.ocr_review.accepted.connect(self.model.refresh)
        self.ocr_review.open()

    def switch_reading(self) -> None:
        """An imported image: read its text by OCR, or (if it was read) keep it as a photo."""
        from desktop.core.rereading import keep_as_photo, read_as_page

        article_id = self.pane.article_id
        if article_id is None:
            return
        self._leave_current()
        if self.archive.article(article_id).text_origin == "ocr":
            work = lambda progress, cancelled: keep_as_photo(self.archive, article_id)  # noqa: E731
        else:
            work = lambda progress, cancelled: read_as_page(self.archive, article_id, progress, cancelled)  # noqa: E731

        def done(_result, _cancelled) -> None:
            self._show(article_id)
            self.model.refresh()

        self.run_task(self.tr("Đang đọc chữ trên ảnh…"), work, done)

    def show_history(self) -> None:
        if self.pane.article_id is None:
            return
        edits = self.archive.history(self.pane.article_id)
        lines = [
            f"{local_time(e.at):%d/%m/%Y %H:%M}  {e.who}  {e.what}"
            + (f": «{e.old or ''}» → «{e.new or ''}»" if e.old is not None or e.new is not None else "")
            for e in edits
        ]
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Lịch sử sửa đổi"),
                          self.tr("Bài số {0}: {1} thay đổi").format(self.pane.article_id, len(edits)),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("historyBox")
        box.setDetailedText("\n".join(lines))
        self._open_keeping_focus(box)

    def show_near_duplicates(self) -> NearDuplicatesDialog:
        """Pairs flagged on import, side by side: keep both or merge (the newer to the Trash)."""
        pairs = self.archive.near_duplicates()
        if not pairs:
            self.statusBar().showMessage(self.tr("Không có bài gần trùng chờ quyết định"))
        dialog = NearDuplicatesDialog(pairs, self.archive.article, lambda a, b, merge: decide(a, b, merge), self)

        def decide(newer: int, older: int, merge: bool) -> None:
            if self.archive.readonly:
                self._error(self.tr("Kho đang mở chỉ để đọc: không lưu được thay đổi."))
                return
            self._leave_current()

            def work():
                self.archive.decide_near_duplicate(newer, older, merge=merge)
                return Changes(articles=frozenset({newer, older}), tags=merge, listing=merge), (newer, older)

            def done(pair) -> None:
                if shiboken6.isValid(dialog):
                    dialog.settled(pair)
                self.statusBar().showMessage(self.tr("Đã gộp bài số {0} vào bài số {1}").format(newer, older) if merge
                                             else self.tr("Đã giữ cả hai bài"))

            self.writer.run(work, done)

        self._open_keeping_focus(dialog)
        return dialog

    def backup_dialog(self, *, path: Path | None = None) -> Task | None:
        from desktop.core.maintenance.backup import backup

        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Sao lưu kho"),
                                                  f"luutru-{dt.date.today():%Y%m%d}.zip", "Zip (*.zip)")
            if not name:
                return None
            path = Path(name)
        return self.run_task(
            self.tr("Đang sao lưu…"),
            lambda progress, cancelled: backup(self.archive, path, progress=progress, cancelled=cancelled),
            lambda info, _c: self._backed_up(info),
        )

    def _backed_up(self, info) -> None:
        """Say where the backup went; a backup missing files the archive has lost must not pass unnoticed."""
        done = self.tr("Đã sao lưu {0} bài vào {1}").format(info.articles, info.path)
        self.statusBar().showMessage(done)
        if info.missing:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Sao lưu kho"), done + "\n\n" + self.tr(
                "Kho đang thiếu {0} tệp ảnh hoặc tệp gốc nên bản sao lưu cũng thiếu chúng. "
                "Hãy chạy Công cụ › Kiểm tra toàn vẹn.").format(len(info.missing)),
                QMessageBox.StandardButton.Ok, self)
            box.setDetailedText("\n".join(info.missing))
            box.setObjectName("backupMissingBox")
            self._open_keeping_focus(box)

    def check_archive(self) -> Task:
        from desktop.core.maintenance.integrity import check

        def done(report, _cancelled):
            text = self.tr("Kho lưu trữ toàn vẹn.") if report.ok else self.tr("Có {0} vấn đề.").format(len(report.problems))
            box = QMessageBox(QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Warning,
                              self.tr("Kiểm tra toàn vẹn"), text, QMessageBox.StandardButton.Ok, self)
            details = report.problems + report.repaired + report.notes
            if details:
                box.setDetailedText("\n".join(details))
            box.setObjectName("integrityBox")
            self._open_keeping_focus(box)

        return self.run_task(self.tr("Đang kiểm tra…"), lambda p, c: check(self.archive, repair=True), done)

    def export_ids(self) -> list[int]:
        """The selected articles when there are, else the whole list."""
        return self.selected_ids() or self.model.ids()

    def export_selection(self, *, path: Path | None = None, options: CompilationOptions | None = None) -> Task | None:
        ids = self.export_ids()
        if not ids:
            self._error(self.tr("Không có bài nào để xuất"))
            return None
        if options is None:
            dialog = ExportDialog(self._default_options(), len(self.selected_ids()), self.model.rowCount(), self)
            if not self._exec_keeping_focus(dialog):
                return None
            options = dialog.options()
            ids = self.selected_ids() if dialog.selection_only() else self.model.ids()
        if path is None:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu PDF"), str(Path(folder) / pdf_file_name(options.title)),
                                                  "PDF (*.pdf)")
            if not name:
                return None
            path = Path(name)

        from desktop.core.pdf.compilation import export_pdf  # ReportLab: loaded when a PDF is made

        def work(progress, cancelled):
            return export_pdf(self.archive, ids, path, options, progress=progress, cancelled=cancelled)

        def done(report, cancelled):
            if cancelled:
                return
            message = self.tr("Đã xuất {0} bài, {1} trang: {2}").format(report.articles, report.pages, report.path)
            if report.left_out_restricted:
                message += self.tr(" ({0} bài Mật/Lưu hành nội bộ không được đưa vào)").format(report.left_out_restricted)
            self.statusBar().showMessage(message)

        return self.run_task(self.tr("Đang xuất PDF…"), work, done)

    def _default_options(self) -> CompilationOptions:
        f, _ = self._scope_filter()
        lineage_unit = f.unit_ids[0] if f.unit_ids and f.lineage else None
        return CompilationOptions(office_name=self.settings.office_name, place=self.settings.office_place,
                                  title=self._default_title(), lineage_unit=lineage_unit)

    def _default_title(self) -> str:
        """"Tập bài viết", named after the sidebar's unit, topic, year or month when one
        is chosen (a query typed without diacritics is no title for a cover)."""
        scope = self.sidebar.current_scope() or Scope("all")
        if scope.kind == "year":
            return self.tr("Tập bài viết năm {0}").format(scope.value)
        if scope.kind == "month":
            return self.tr("Tập bài viết tháng {1}/{0}").format(*scope.value)
        title = self.tr("Tập bài viết")
        label = self.sidebar.find_label(scope) if scope.kind in ("unit", "topic") else None
        return f"{title} — {label.rsplit(' (', 1)[0]}" if label else title

    def print_selection(self) -> None:
        """Print = export then open in the system viewer, which prints with the office's own driver."""
        import tempfile

        ids = self.export_ids()
        if not ids:
            return
        path = Path(tempfile.mkdtemp(prefix="luutru-print-")) / "in.pdf"
        options = self._default_options()

        from desktop.core.pdf.compilation import export_pdf

        def work(progress, cancelled):
            return export_pdf(self.archive, ids, path, options, progress=progress, cancelled=cancelled, purpose="print")

        self.run_task(self.tr("Đang chuẩn bị bản in…"), work,
                      lambda report, c: None if c else QDesktopServices.openUrl(QUrl.fromLocalFile(str(report.path))))

    # ------------------------------------------------------------- the rest

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def save_search(self) -> None:
        query = self.search_box.text().strip()
        if query and query not in self.settings.saved_searches:
            self.settings.saved_searches = [*self.settings.saved_searches, query]
            self.refresh_sidebar()

    def open_archive_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Mở kho lưu trữ"))
        if not folder:
            return
        try:
            archive = Archive.open(Path(folder))
        except ArchiveError as exc:
            self._error(str(exc))
            return
        self._switch_to(archive)

    def connect_server_dialog(self) -> None:
        from desktop.ui.server_dialog import ServerDialog

        dialog = ServerDialog(self)
        if self._exec_keeping_focus(dialog) and dialog.archive is not None:
            self._switch_to(dialog.archive)
            if dialog.note:
                self.statusBar().showMessage(dialog.note)

    def _switch_to(self, archive: Archive) -> None:
        """Work on ``archive`` from now on (remembered for the next start)."""
        archive.index_in_background()
        self._leave_current()
        self.writer.drain()
        self._searches.wait()
        self._listing.wait()
        self._counting.wait()
        self.archive.close()
        self.archive = archive
        self.pane.set_readonly(archive.readonly or not archive.access.may("edit"))
        self.model._fetch_rows = archive.rows
        self.settings.last_archive = str(archive.location)  # kept without its password (settings.py)
        self.setWindowTitle(self._title())
        apply_role(self)
        self.statusBar().showMessage(" — ".join(filter(None, [
            self.tr("Đang mở: {0}").format(archive.shown_location), signed_in_text(archive)])))
        self._show_names()  # the last archive's units are not this one's
        self.refresh_sidebar()
        self.index_progress.watch(self.archive)

    def users_dialog(self) -> UsersDialog:
        dialog = UsersDialog(self.archive, self)
        dialog.setModal(True)
        dialog.show()
        return dialog

    def audit_dialog(self) -> AuditDialog:
        dialog = AuditDialog(self.archive, self)
        dialog.setModal(True)
        dialog.show()
        return dialog

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if self._exec_keeping_focus(dialog):
            dialog.apply()

    def about(self) -> None:
        QMessageBox.about(
            self, self.tr("Giới thiệu LuuTru"),
            self.tr("<b>LuuTru {0}</b><br>Kho lưu trữ bài viết, ảnh và văn bản của cơ quan Đảng.<br>"
                    "Chạy hoàn toàn không cần Internet.<br>Phông chữ: Liberation Serif (SIL OFL 1.1).").format(__version__),
        )

    def _error(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "LuuTru", localized(message), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        self._open_keeping_focus(box)

    def _exec_keeping_focus(self, dialog) -> bool:
        """Run a modal dialog; afterwards focus goes back where it was."""
        focus = QApplication.focusWidget()
        accepted = bool(dialog.exec())
        _refocus(focus)
        return accepted

    def _open_keeping_focus(self, dialog) -> None:
        """Open a window-modal dialog; when it closes, focus goes back where it was."""
        focus = QApplication.focusWidget()
        dialog.finished.connect(lambda _result: _refocus(focus))
        dialog.open()

    # ------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event):
        mime = event.mimeData()
        if mime.hasUrls():
            paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
            self.drop_paths(paths)
            event.acceptProposedAction()
        elif mime.hasText():
            self.open_draft_from_text(mime.text())
            event.acceptProposedAction()

    def drop_paths(self, paths: list[Path]) -> None:
        images = [p for p in paths if p.suffix.lower() in IMAGE_SUFFIXES]
        others = [p for p in paths if p not in images]
        if images and self.pane.article_id is not None:
            self._leave_current()
            for image in images:
                try:
                    self.archive.attach_photo(self.pane.article_id, image)
                except (ValueError, OSError) as exc:
                    self._error(f"{image.name}: {exc}")
            self._show(self.pane.article_id)
        elif images:
            others += images  # no article open: each photo becomes a photo article
        if others:
            self.import_paths(others)

    # ---------------------------------------------------- window state

    def _restore_state(self) -> None:
        """The last geometry if it still fits the screen, else a size made for it
        (office laptops have 1366x768 or less, with a taskbar)."""
        available = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        geometry = self.settings.state("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(PREFERRED_SIZE)
        if self.width() > available.width() - FRAME.width() or self.height() > available.height() - FRAME.height():
            self.resize(min(self.width(), available.width() - FRAME.width()),
                        min(self.height(), available.height() - FRAME.height()))
            self.move(available.topLeft())
            if geometry is None:
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        for name, widget in (("splitter", self.splitter), ("header", self.table.horizontalHeader())):
            state = self.settings.state(name)
            if state is not None:
                widget.restoreState(state)

    def closeEvent(self, event):
        self._leave_current()
        self.writer.drain()  # the last save lands before the archive closes
        self._searches.wait()
        self._listing.wait()
        self._counting.wait()
        for task in list(self._tasks):
            task.cancel()
        self.settings.save_state("geometry", self.saveGeometry())
        self.settings.save_state("splitter", self.splitter.saveState())
        self.settings.save_state("header", self.table.horizontalHeader().saveState())
        if not self.demo:
            self.settings.last_archive = str(self.archive.location)
        self.settings.sync()
        super().closeEvent(event)
