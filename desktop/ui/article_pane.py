"""The right-hand pane: view and edit one article.

Edits go into the pane's buffer through an undo stack (Ctrl+Z / Ctrl+Y) and
reach the archive only when the window saves them (Ctrl+S, or on leaving the
article), so nothing is written half-typed and nothing is lost silently.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPixmap, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.draft import ArticleDraft
from desktop.core.views import ArticleDetail

DOCUMENT_FIELDS = ("doc_number", "doc_kind", "doc_issuer")  # a Party document's own number, kind and issuer
TEXT_FIELDS = ("title", "author", "source_name", "lead", "body", "date", "time", "circulation", *DOCUMENT_FIELDS)
CIRCULATIONS = ("", "Lưu hành nội bộ", "Mật", "Tối mật", "Tuyệt mật")  # db/clearance.py: who reads each


class FieldEdit(QUndoCommand):
    def __init__(self, pane: ArticlePane, field: str, old: str, new: str):
        super().__init__(f"{field}")
        self.pane, self.field, self.old, self.new = pane, field, old, new

    def redo(self):
        self.pane._apply_field(self.field, self.new)

    def undo(self):
        self.pane._apply_field(self.field, self.old)


class CaptionEdit(QUndoCommand):
    def __init__(self, pane: ArticlePane, row: int, old: tuple[str, str], new: tuple[str, str]):
        super().__init__("caption")
        self.pane, self.row, self.old, self.new = pane, row, old, new

    def redo(self):
        self.pane._apply_caption(self.row, self.new)

    def undo(self):
        self.pane._apply_caption(self.row, self.old)


class _FocusOut(QObject):
    """Commits a text widget's value to the undo stack when it loses focus, and
    leaves Ctrl+Z / Ctrl+Y to the article's undo (Sửa › Hoàn tác) when the field
    has nothing of its own to undo, e.g. after Tab from the field just edited."""

    def __init__(self, callback):
        super().__init__()
        self.callback = callback

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.FocusOut:
            self.callback()
        elif event.type() == QEvent.Type.ShortcutOverride:
            if event.matches(QKeySequence.StandardKey.Undo) and not _can(obj, "undo"):
                return True  # not overridden: the window's Undo action runs
            if event.matches(QKeySequence.StandardKey.Redo) and not _can(obj, "redo"):
                return True
        return False


def _can(widget, what: str) -> bool:
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable() if what == "undo" else widget.isRedoAvailable()
    document = widget.document()
    return document.isUndoAvailable() if what == "undo" else document.isRedoAvailable()


class TagsLabel(QLabel):
    """Unit or topic names one per line, each shortened with "…" when the pane is
    narrow; the full paths are in the tooltip.  (A word-wrapped label in the form
    was cut off: its extra lines never got the height they needed.)"""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_tags(self, tags) -> None:
        self._lines = [t.name for t in tags] or ["—"]
        self.setToolTip("\n".join(t.path for t in tags))
        self._elide()

    def set_note(self, text: str) -> None:
        self._lines = [text]
        self.setToolTip("")
        self._elide()

    def names(self) -> list[str]:
        return list(self._lines)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        width = max(self.width(), metrics.horizontalAdvance("M…"))
        self.setText("\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in self._lines))


def _fmt_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def parse_date_field(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


def parse_time_field(text: str) -> dt.time | None:
    text = text.strip()
    if not text:
        return None
    return dt.datetime.strptime(text, "%H:%M").time()


class ArticlePane(QWidget):
    filter_requested = Signal(str)  # a search query, e.g. doc:09-NQ/TU
    tags_requested = Signal(str)  # "unit" | "topic"
    dirty_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.article_id: int | None = None
        self.version: int | None = None  # the stored article's version the edits started from
        self.draft: ArticleDraft | None = None
        self._values: dict[str, str] = {}
        self._captions: list[tuple[str, str]] = []
        self._photo_ids: list[int | None] = []
        self._loading = False
        self._readonly = False
        self.saving = False  # a new article is on its way to the archive
        self._build()
        self.clear()

    @Slot(bool)
    def _clean_changed(self, clean: bool) -> None:
        # A method slot, not a lambda: Qt drops it with the pane.  The lambda ran while the
        # pane was being destroyed (quitting) and raised "only accepts 0 argument(s), 1 given".
        self.dirty_changed.emit(not clean)

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("paneHeading")
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.date = QLineEdit()
        self.date.setPlaceholderText("dd/mm/yyyy")
        self.time = QLineEdit()
        self.time.setPlaceholderText("hh:mm")
        self.time.setMaximumWidth(70)
        self.author = QLineEdit()
        self.source_name = QLineEdit()
        self.circulation = QComboBox()
        self.circulation.addItems([self.tr("(công khai)"), *CIRCULATIONS[1:]])
        self.doc_number = QLineEdit()
        self.doc_number.setObjectName("docNumber")
        self.doc_number.setPlaceholderText(self.tr("Số, ký hiệu: 09-NQ/TU"))
        self.doc_kind = QLineEdit()
        self.doc_kind.setObjectName("docKind")
        self.doc_kind.setPlaceholderText(self.tr("Loại: Nghị quyết…"))
        self.doc_issuer = QLineEdit()
        self.doc_issuer.setObjectName("docIssuer")
        self.doc_issuer.setPlaceholderText(self.tr("Cơ quan ban hành"))
        self.origin = QLabel()  # where the text came from (PDF, OCR and how sure): read only
        self.origin.setObjectName("textOrigin")
        self.origin.setWordWrap(True)
        self.units = TagsLabel()
        self.topics = TagsLabel()
        self.units_button = QPushButton(self.tr("Đơn vị…"))
        self.topics_button = QPushButton(self.tr("Chủ đề…"))
        self.units_button.clicked.connect(lambda: self.tags_requested.emit("unit"))
        self.topics_button.clicked.connect(lambda: self.tags_requested.emit("topic"))
        self.lead = QPlainTextEdit()
        self.lead.setObjectName("lead")
        self.lead.setMaximumHeight(90)
        self.lead.setTabChangesFocus(True)  # Tab moves through the form, as in every other field
        self.body = QPlainTextEdit()
        self.body.setObjectName("body")
        self.body.setMinimumHeight(220)
        self.body.setTabChangesFocus(True)
        self.photos = QListWidget()
        self.photos.setObjectName("photos")
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QSize(120, 90))
        self.photos.setMaximumHeight(150)
        self.photos.setWrapping(False)
        self.photos.setFlow(QListWidget.Flow.LeftToRight)
        self.photos.currentRowChanged.connect(self._show_caption)
        self.caption = QLineEdit()
        self.caption.setObjectName("caption")
        self.caption.setPlaceholderText(self.tr("Chú thích ảnh"))
        self.credit = QLineEdit()
        self.credit.setObjectName("credit")
        self.credit.setPlaceholderText(self.tr("Ảnh: tác giả"))
        self.caption.editingFinished.connect(self._commit_caption)
        self.credit.editingFinished.connect(self._commit_caption)
        self.refs = QLabel()
        self.refs.setWordWrap(True)
        self.refs.setTextFormat(Qt.TextFormat.RichText)
        self.refs.linkActivated.connect(self.filter_requested.emit)

        when = QHBoxLayout()
        when.addWidget(self.date)
        when.addWidget(self.time)
        units_row = QHBoxLayout()
        units_row.addWidget(self.units, 1)
        units_row.addWidget(self.units_button)
        topics_row = QHBoxLayout()
        topics_row.addWidget(self.topics, 1)
        topics_row.addWidget(self.topics_button)
        captions = QHBoxLayout()
        captions.addWidget(self.caption, 3)
        captions.addWidget(self.credit, 1)
        document = QHBoxLayout()
        document.addWidget(self.doc_number, 2)
        document.addWidget(self.doc_kind, 3)

        form = QFormLayout()
        form.addRow(self.tr("Tiêu đề"), self.title)
        form.addRow(self.tr("Ngày đăng"), when)
        form.addRow(self.tr("Tác giả"), self.author)
        form.addRow(self.tr("Nguồn"), self.source_name)
        form.addRow(self.tr("Phạm vi"), self.circulation)
        form.addRow(self.tr("Văn bản"), document)
        form.addRow(self.tr("Ban hành"), self.doc_issuer)
        form.addRow(self.tr("Nguồn chữ"), self.origin)
        self._form = form
        form.addRow(self.tr("Đơn vị"), units_row)
        form.addRow(self.tr("Chủ đề"), topics_row)
        form.addRow(self.tr("Sapo"), self.lead)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Nội dung")))
        layout.addWidget(self.body, 1)
        layout.addWidget(QLabel(self.tr("Ảnh và chú thích")))
        layout.addWidget(self.photos)
        layout.addLayout(captions)
        layout.addWidget(self.refs)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._filters = []
        for name in ("title", "date", "time", "author", "source_name", "lead", "body", *DOCUMENT_FIELDS):
            widget = getattr(self, name)
            watcher = _FocusOut(lambda n=name: self._commit_field(n))
            widget.installEventFilter(watcher)
            self._filters.append(watcher)
            if isinstance(widget, QLineEdit):
                widget.editingFinished.connect(lambda n=name: self._commit_field(n))
        self.circulation.currentIndexChanged.connect(lambda _: self._commit_field("circulation"))

    # ------------------------------------------------------------------ values

    def _widget_value(self, field: str) -> str:
        widget = getattr(self, field)
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return CIRCULATIONS[widget.currentIndex()]
        raise TypeError(field)

    def _apply_field(self, field: str, value: str) -> None:
        self._values[field] = value
        widget = getattr(self, field)
        self._loading = True
        if isinstance(widget, QLineEdit):
            widget.setText(value)
            widget.setCursorPosition(0)  # show the start of a long title, not its end
        elif isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != value:
                widget.setPlainText(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(CIRCULATIONS.index(value) if value in CIRCULATIONS else 0)
        self._loading = False

    def _commit_field(self, field: str) -> None:
        if self._loading or self._readonly or (self.article_id is None and self.draft is None):
            return
        new = self._widget_value(field)
        old = self._values.get(field, "")
        if new != old:
            self.undo_stack.push(FieldEdit(self, field, old, new))

    def commit_pending(self) -> None:
        """Push whatever is typed but not yet committed (before save or undo)."""
        for field in TEXT_FIELDS:
            self._commit_field(field)
        self._commit_caption()

    def _show_caption(self, row: int) -> None:
        self._loading = True
        caption, credit = self._captions[row] if 0 <= row < len(self._captions) else ("", "")
        self.caption.setText(caption)
        self.credit.setText(credit)
        self.caption.setCursorPosition(0)
        self.caption.setEnabled(row >= 0)
        self.credit.setEnabled(row >= 0)
        self._loading = False

    def _commit_caption(self) -> None:
        row = self.photos.currentRow()
        if self._loading or self._readonly or not (0 <= row < len(self._captions)):
            return
        new = (self.caption.text(), self.credit.text())
        if new != self._captions[row]:
            self.undo_stack.push(CaptionEdit(self, row, self._captions[row], new))

    def _apply_caption(self, row: int, value: tuple[str, str]) -> None:
        self._captions[row] = value
        item = self.photos.item(row)
        if item is not None:
            item.setToolTip(value[0])
            item.setText(value[0][:40])
        if self.photos.currentRow() == row:
            self._show_caption(row)
        else:
            self.photos.setCurrentRow(row)

    def set_caption(self, row: int, caption: str, credit: str | None = None) -> None:
        """Edit a caption as the user would (goes through the undo stack)."""
        self.photos.setCurrentRow(row)
        self.caption.setText(caption)
        if credit is not None:
            self.credit.setText(credit)
        self._commit_caption()

    # ----------------------------------------------------------------- loading

    def clear(self) -> None:
        self.article_id = None
        self.version = None
        self.draft = None
        self.saving = False
        self._load_values({}, [], [], None, (), ())
        self._show_origin(None, None)
        self.heading.setText(self.tr("Chọn một bài viết để xem"))
        self.setEnabled(False)

    def load_article(self, article: ArticleDetail) -> None:
        self.article_id = article.id
        self.version = article.version
        self.draft = None
        self.saving = False
        values = {
            "title": article.title,
            "date": _fmt_date(article.published_date),
            "time": article.published_time.strftime("%H:%M") if article.published_time else "",
            "author": article.author or "",
            "source_name": article.source_name or "",
            "circulation": article.circulation or "",
            "lead": article.lead,
            "body": article.body,
            **{name: getattr(article, name) or "" for name in DOCUMENT_FIELDS},
        }
        captions = [(p.caption, p.credit or "") for p in article.photos]
        thumbs = [p.thumbnail for p in article.photos]
        self._photo_ids = [p.id for p in article.photos]
        refs = self._refs_html(article)
        self._load_values(values, captions, thumbs, refs, article.units, article.topics)
        heading = self.tr("Bài số {0}").format(article.id)
        if article.trashed:
            heading += " — " + self.tr("trong Thùng rác")
        self.heading.setText(heading)
        self._show_origin(article.text_origin, article.ocr_confidence)
        self.setEnabled(True)

    def _show_origin(self, origin: str | None, confidence: float | None) -> None:
        """Where the text came from, shown (never edited) for PDF and OCR text only."""
        if origin == "ocr":
            text = self.tr("Nhận dạng chữ (OCR) từ bản quét")
            if confidence is not None:
                text += " — " + self.tr("độ tin cậy {0} %").format(round(confidence))
        elif origin == "pdf":
            text = self.tr("Lấy từ lớp chữ của tệp PDF")
        else:
            text = ""
        self.origin.setText(text)
        self._form.setRowVisible(self.origin, bool(text))

    def became_stored(self, article_id: int, photo_ids: list[int], version: int) -> None:
        """The new article under review was stored while the clerk kept typing:
        the pane is now that article, with the edits typed meanwhile still to save."""
        self.article_id = article_id
        self.version = version
        self.draft = None
        self.saving = False
        self._photo_ids = list(photo_ids)
        self.heading.setText(self.tr("Bài số {0}").format(article_id))
        self._enable_tag_buttons()

    def set_readonly(self, readonly: bool) -> None:
        """A read-only archive: the article can be read and copied, not edited."""
        self._readonly = readonly
        for widget in (self.title, self.date, self.time, self.author, self.source_name, self.lead, self.body,
                       self.caption, self.credit, self.doc_number, self.doc_kind, self.doc_issuer):
            widget.setReadOnly(readonly)
        self.circulation.setEnabled(not readonly)
        self._enable_tag_buttons()

    def _enable_tag_buttons(self) -> None:
        stored = self.article_id is not None and not self._readonly
        self.units_button.setEnabled(stored)
        self.topics_button.setEnabled(stored)

    def load_draft(self, draft: ArticleDraft) -> None:
        """A new article under review: nothing is stored until it is saved."""
        self.article_id = None
        self.version = None
        self.draft = draft
        self.saving = False
        values = {
            "title": draft.title,
            "date": _fmt_date(draft.published_date),
            "time": draft.published_time.strftime("%H:%M") if draft.published_time else "",
            "author": draft.author or "",
            "source_name": draft.source_name or "",
            "circulation": draft.circulation or "",
            "lead": draft.lead,
            "body": draft.body,
            **{name: getattr(draft, name) or "" for name in DOCUMENT_FIELDS},
        }
        self._photo_ids = [None] * len(draft.photos)
        self._load_values(values, [(p.caption, p.credit or "") for p in draft.photos], [None] * len(draft.photos),
                          None, None, None)
        self.units.set_note(self.tr("(gắn sau khi lưu)"))
        self.topics.set_note(self.tr("(gắn sau khi lưu)"))
        self.heading.setText(self.tr("Bài mới — kiểm tra rồi bấm Lưu (Ctrl+S)"))
        self._show_origin(draft.text_origin, draft.ocr_confidence)
        self.setEnabled(True)
        self.dirty_changed.emit(True)

    def _load_values(self, values, captions, thumbs, refs, units, topics):
        self._loading = True
        self.undo_stack.clear()
        for field in TEXT_FIELDS:
            self._apply_field(field, values.get(field, ""))
            self._loading = True
        self._captions = list(captions)
        self.photos.clear()
        for (caption, _credit), thumb in zip(captions, thumbs):
            item = QListWidgetItem(caption[:40])
            item.setToolTip(caption)
            if thumb:
                item.setIcon(QIcon(QPixmap.fromImage(QImage.fromData(thumb))))
            self.photos.addItem(item)
        self.refs.setText(refs or "")
        self.units.set_tags(units or ())
        self.topics.set_tags(topics or ())
        self._enable_tag_buttons()
        self._loading = False
        self.photos.setCurrentRow(0 if captions else -1)
        self._show_caption(self.photos.currentRow())
        self.dirty_changed.emit(False)  # a clean stack after clear() says nothing by itself

    def _refs_html(self, article: ArticleDetail) -> str:
        parts = []
        if article.doc_refs:
            links = ", ".join(
                f'<a href="doc:{html.escape(r.number)}">{html.escape((r.kind or "") + " " + r.number)}</a>'
                if "-" in r.number
                else html.escape(f"{r.kind or ''} {r.number}")
                for r in article.doc_refs
            )
            parts.append(self.tr("Văn bản: ") + links)
        if article.mentions:
            links = ", ".join(
                f'<a href="person:&quot;{html.escape(p.name)}&quot;">{html.escape(p.name)}</a>'
                for p in article.mentions
            )
            parts.append(self.tr("Nhân vật: ") + links)
        return "<br>".join(parts)

    # ----------------------------------------------------------------- saving

    def is_dirty(self) -> bool:
        self.commit_pending()
        return self.draft is not None or not self.undo_stack.isClean()

    def field_values(self) -> dict:
        """The edited fields, typed for the archive (raises ValueError on a bad date)."""
        self.commit_pending()
        v = self._values
        return {
            "title": v.get("title", "").strip(),
            "published_date": parse_date_field(v.get("date", "")),
            "published_time": parse_time_field(v.get("time", "")),
            "author": v.get("author", "").strip() or None,
            "source_name": v.get("source_name", "").strip() or None,
            "circulation": v.get("circulation") or None,
            "lead": v.get("lead", ""),
            "body": v.get("body", ""),
            **{name: v.get(name, "").strip() or None for name in DOCUMENT_FIELDS},
        }

    def caption_values(self) -> list[tuple[int | None, str, str]]:
        return [(pid, c, cr) for pid, (c, cr) in zip(self._photo_ids, self._captions)]

    def unsaved(self) -> dict:
        """The fields and captions as typed, for :meth:`reapply` if their save fails."""
        self.commit_pending()
        return {"fields": dict(self._values), "captions": list(self._captions)}

    def reapply(self, unsaved: dict) -> None:
        """Put edits whose save failed back, as undoable edits to save again (the
        clerk had moved to another article before the failure was known)."""
        for field in TEXT_FIELDS:
            value, now = unsaved["fields"].get(field), self._values.get(field, "")
            if value is not None and value != now:
                self.undo_stack.push(FieldEdit(self, field, now, value))
        for row, value in enumerate(unsaved["captions"][: len(self._captions)]):
            if value != self._captions[row]:
                self.undo_stack.push(CaptionEdit(self, row, self._captions[row], value))
        self._show_caption(self.photos.currentRow())

    def mark_saved(self) -> None:
        self.undo_stack.setClean()
        self.dirty_changed.emit(False)

    def undo(self) -> None:
        self.commit_pending()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    def sizeHint(self) -> QSize:
        return QSize(480, 600)
