"""Review an OCR'd article: the page beside the text, doubtful words marked.

The page image is made again from the original file (in the background: it
takes a second) and the stored word boxes are drawn on it, the doubtful ones
in yellow.  Clicking a word in the text finds it on the page; clicking a box
on the page finds the word in the text.  Saving writes the corrected text
through the archive like any other edit, off the window's thread and from the
version this window loaded: when another clerk changed the article meanwhile
the save is refused and the conflict dialog (ui/conflict_dialog.py) offers to
reload theirs, keep the corrected text over it, or keep it as a copy.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPen, QPixmap, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.archive import Archive
from desktop.core.errors import EditConflict
from desktop.core.ingest.ocr_correction import is_doubtful
from desktop.core.scan_pages import page_of
from desktop.core.views import ArticleDetail, ScanView
from desktop.text import fold
from desktop.ui.conflict_dialog import ConflictDialog, article_rows
from desktop.ui.tasks import Task, start

_PUNCTUATION = ".,;:!?…\"'“”()[]«»"
DOUBT = QColor(255, 214, 0, 90)
CHOSEN = QColor(220, 30, 30)


def _key(word: str) -> str:
    return fold(word.strip(_PUNCTUATION))


def article_text(article: ArticleDetail) -> str:
    """Title, lead and body as one text: a paragraph a block, blank lines between."""
    return "\n\n".join(part for part in (article.title, article.lead, article.body) if part)


def split_text(text: str) -> tuple[str, str, str]:
    """(title, lead, body) back from :func:`article_text`'s layout."""
    blocks = [" ".join(block.split()) for block in text.replace("\r", "").split("\n\n")]
    blocks = [block for block in blocks if block]
    title = blocks[0] if blocks else ""
    lead = blocks[1] if len(blocks) > 1 else ""
    return title, lead, "\n\n".join(blocks[2:])


class PageView(QGraphicsView):
    """The page image with a box over each word; a click reports the word's index."""

    word_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.boxes: list[QGraphicsRectItem] = []
        self.chosen: QGraphicsRectItem | None = None

    def show_page(self, image: QImage | None, scan: ScanView) -> None:
        scene = self.scene()
        scene.clear()
        self.boxes, self.chosen = [], None
        if image is not None:
            scene.addPixmap(QPixmap.fromImage(image))
        else:
            scene.addRect(0, 0, scan.width, scan.height, QPen(Qt.GlobalColor.gray), QBrush(Qt.GlobalColor.white))
        for index, (text, left, top, right, bottom, confidence) in enumerate(scan.words):
            doubtful = is_doubtful(text, confidence)
            box = scene.addRect(QRectF(left, top, right - left, bottom - top), QPen(Qt.PenStyle.NoPen),
                                QBrush(DOUBT if doubtful else Qt.GlobalColor.transparent))
            box.setData(0, index)
            box.setToolTip(f"{text} ({confidence:.0f} %)")
            self.boxes.append(box)
        self.setSceneRect(0, 0, scan.width, scan.height)
        self.fitInView(QRectF(0, 0, scan.width, scan.height / 3), Qt.AspectRatioMode.KeepAspectRatio)

    def choose(self, index: int) -> None:
        if self.chosen is not None:
            self.chosen.setPen(QPen(Qt.PenStyle.NoPen))
        self.chosen = self.boxes[index]
        self.chosen.setPen(QPen(CHOSEN, 3))
        self.centerOn(self.chosen)

    def mousePressEvent(self, event):
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, QGraphicsRectItem) and item.data(0) is not None:
            self.word_clicked.emit(int(item.data(0)))
        super().mousePressEvent(event)


class OcrReviewDialog(QDialog):
    """Check and correct the text OCR read, page by page."""

    def __init__(self, archive: Archive, article_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.archive, self.article_id = archive, article_id
        self.article = archive.article(article_id)  # its version is what a save starts from
        self.saved_as = article_id  # the article to show once saved (a copy, when the clerk kept theirs so)
        self.conflict: ConflictDialog | None = None
        self._saving: Task | None = None
        self.scans = archive.scans(article_id)
        self.images: dict[int, QImage] = {}
        self._task: Task | None = None
        self.setWindowTitle(self.tr("Soát chữ nhận dạng — {0}").format(self.article.title[:60]))
        self.resize(1300, 720)

        self.page_view = PageView(self)
        self.page_view.setObjectName("ocrPage")
        self.page_view.word_clicked.connect(self._word_on_page_clicked)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("ocrText")
        self.text.setPlainText(article_text(self.article))
        self.text.cursorPositionChanged.connect(self._cursor_moved)
        self.page_box = QSpinBox(self)
        self.page_box.setRange(1, max(1, len(self.scans)))
        self.page_box.valueChanged.connect(lambda value: self.show_page(value - 1))
        confidence = self.article.ocr_confidence or 0
        self.info = QLabel(self.tr("Độ tin cậy {0:.0f} %; chữ tô vàng cần xem lại.").format(confidence), self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Trang"), self))
        top.addWidget(self.page_box)
        top.addWidget(QLabel(self.tr("/ {0}").format(len(self.scans)), self))
        top.addStretch(1)
        top.addWidget(self.info)
        splitter = QSplitter(self)
        splitter.addWidget(self.page_view)
        splitter.addWidget(self.text)
        splitter.setSizes([650, 650])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Lưu"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.current_page = 0
        self._mark_doubtful_text()
        if self.scans:
            self.show_page(0)

    # ------------------------------------------------------------ pages

    def show_page(self, number: int) -> None:
        self.current_page = number
        scan = self.scans[number]
        self.page_view.show_page(self.images.get(number), scan)
        if number not in self.images:
            self._load_image(number)

    def _load_image(self, number: int) -> None:
        page = self.scans[number].page

        def work(_progress, _cancelled):
            image = page_of(self.archive, self.article_id, page).convert("L")
            return QImage(image.tobytes(), image.width, image.height, image.width, QImage.Format.Format_Grayscale8).copy()

        def done(image: QImage) -> None:
            self.images[number] = image
            if self.current_page == number:
                self.page_view.show_page(image, self.scans[number])

        self._task = Task(work)
        self._task.signals.finished.connect(done)
        self._task.signals.failed.connect(lambda message: self.info.setText(message))
        start(self._task)

    # ------------------------------------------------------------ words

    def _mark_doubtful_text(self) -> None:
        """Yellow behind each word of the text that OCR was unsure of."""
        doubtful = {_key(w[0]) for scan in self.scans for w in scan.words if is_doubtful(w[0], w[5])}
        selections = []
        document = self.text.document()
        block = document.begin()
        highlight = QTextCharFormat()
        highlight.setBackground(QColor(255, 214, 0, 140))
        while block.isValid():
            position = 0
            for word in block.text().split(" "):
                if word and _key(word) in doubtful:
                    selection = QTextEdit.ExtraSelection()
                    cursor = QTextCursor(block)
                    cursor.setPosition(block.position() + position)
                    cursor.setPosition(block.position() + position + len(word), QTextCursor.MoveMode.KeepAnchor)
                    selection.cursor, selection.format = cursor, highlight
                    selections.append(selection)
                position += len(word) + 1
            block = block.next()
        self.text.setExtraSelections(selections)
        self.doubtful_count = len(selections)

    def _cursor_moved(self) -> None:
        """Find the word under the cursor on the pages: the same occurrence of the same word."""
        cursor = self.text.textCursor()
        text = self.text.toPlainText()
        start = text.rfind(" ", 0, cursor.position()) + 1
        start = max(start, text.rfind("\n", 0, cursor.position()) + 1)
        end = min((i for i in (text.find(" ", cursor.position()), text.find("\n", cursor.position()), len(text))
                   if i >= 0), default=len(text))
        key = _key(text[start:end])
        if not key:
            return
        occurrence = sum(1 for word in text[:start].split() if _key(word) == key)
        seen = 0
        for number, scan in enumerate(self.scans):
            for index, word in enumerate(scan.words):
                if _key(word[0]) == key:
                    if seen == occurrence:
                        if number != self.current_page:
                            self.page_box.setValue(number + 1)
                        self.page_view.choose(index)
                        return
                    seen += 1

    def _word_on_page_clicked(self, index: int) -> None:
        key = _key(self.scans[self.current_page].words[index][0])
        before = sum(1 for scan in self.scans[: self.current_page] for w in scan.words if _key(w[0]) == key)
        before += sum(1 for w in self.scans[self.current_page].words[:index] if _key(w[0]) == key)
        text = self.text.toPlainText()
        position, seen = 0, 0
        for word in text.replace("\n", " ").split(" "):
            if word and _key(word) == key:
                if seen == before:
                    cursor = self.text.textCursor()
                    cursor.setPosition(position)
                    cursor.setPosition(position + len(word), QTextCursor.MoveMode.KeepAnchor)
                    self.text.blockSignals(True)
                    self.text.setTextCursor(cursor)
                    self.text.blockSignals(False)
                    self.page_view.choose(index)
                    return
                seen += 1
            position += len(word) + 1

    # ------------------------------------------------------------ saving

    def corrected(self) -> dict[str, str]:
        """Title, lead and body as the clerk corrected them."""
        return dict(zip(("title", "lead", "body"), split_text(self.text.toPlainText())))

    def save(self) -> None:
        """Store what differs from the text this window loaded, from its version."""
        changes = {key: value for key, value in self.corrected().items() if getattr(self.article, key) != value}
        if not changes:
            self.accept()
            return
        self._send(lambda: self.archive.save_article(self.article_id, changes, base=self.article.version))

    def _send(self, write) -> None:
        """``write()`` on the task runner; its EditConflict comes back as the result, not a failure."""
        def work(_progress, _cancelled):
            try:
                return write()
            except EditConflict as conflict:
                return conflict

        self.save_button.setEnabled(False)
        self.info.setText(self.tr("Đang lưu…"))
        self._saving = Task(work)
        self._saving.signals.finished.connect(self._saved)
        self._saving.signals.failed.connect(self._failed)
        start(self._saving)

    @property
    def saving(self) -> bool:
        return self._saving is not None

    def _saved(self, result) -> None:
        self._saving = None
        self.save_button.setEnabled(True)
        if isinstance(result, EditConflict):
            self._refused(result)
            return
        if isinstance(result, int):  # kept as a copy: its number
            self.saved_as = result
        self.accept()

    def _failed(self, message: str) -> None:
        self._saving = None
        self.save_button.setEnabled(True)
        self.info.setText(message)  # nothing was stored; the text stays here to save again

    def _refused(self, conflict: EditConflict) -> None:
        """Someone saved the article after this window loaded it: their version beside the
        corrected text, nothing written until the clerk chooses."""
        theirs = conflict.theirs
        mine = {key: getattr(theirs, key) for key in ("published_date", "published_time", "author",
                                                      "source_name", "circulation")}
        mine.update(self.corrected())
        self.conflict = ConflictDialog(conflict, article_rows(theirs, mine, []), self)
        self.conflict.accepted.connect(lambda: self._decided(self.conflict.choice, conflict))
        self.conflict.open()

    def _decided(self, choice: str, conflict: EditConflict) -> None:
        theirs, corrected = conflict.theirs, self.corrected()
        if choice == "reload":
            self.article = theirs
            self.text.setPlainText(article_text(theirs))
            self._mark_doubtful_text()
            self.info.setText(self.tr("Đã tải lại bản đang lưu (phiên bản {0}).").format(theirs.version))
        elif choice == "keep":
            changes = {key: value for key, value in corrected.items() if getattr(theirs, key) != value}
            self._send(lambda: self.archive.save_article(self.article_id, changes, base=conflict.version,
                                                         overwriting=True))
        elif choice == "copy":
            self._send(lambda: self.archive.save_copy(self.article_id, corrected))
