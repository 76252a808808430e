"""The dialog a refused save opens: who changed the article, theirs beside mine, three ways on.

A save that started from an older version of the article is refused by the
archive (EditConflict: who, when, their version).  Nothing of the clerk's is
lost meanwhile: the dialog holds their text until they choose to reload the
stored version, keep theirs over it (recorded in the history), or store theirs
as a new article.  Closing it without choosing does nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import EditConflict
from desktop.core.views import ArticleDetail

CHANGED = QColor("#ffe9a8")  # a row where theirs and mine differ
CELL_CHARS = 140  # a long body is shortened in the table; the boxes below show it whole
_PHOTO = re.compile(r"^ảnh (\d+): (chú thích|tác giả ảnh|ảnh)$")


@dataclass(frozen=True)
class Row:
    label: str
    theirs: str
    mine: str

    @property
    def changed(self) -> bool:
        return self.theirs != self.mine


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _time(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


class ConflictDialog(QDialog):
    """Theirs beside mine, field by field; :attr:`choice` is "reload", "keep" or "copy" once accepted."""

    def __init__(self, conflict: EditConflict, rows: list[Row], parent=None, *, can_copy: bool = True):
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.conflict = conflict
        self.rows = rows
        self.choice: str | None = None
        who = conflict.who or self.tr("người khác")
        self.setWindowTitle(self.tr("Bài đã được người khác sửa"))

        heading = QLabel(self.tr("Bài số {0} đã được <b>{1}</b> sửa lúc {2}, sau khi bạn mở bài.").format(
            conflict.article_id, who, conflict.at.strftime("%H:%M %d/%m/%Y") if conflict.at else "?"))
        heading.setObjectName("conflictHeading")
        heading.setWordWrap(True)
        what = ", ".join(dict.fromkeys(self.change_name(c.what) for c in conflict.changes))
        detail = QLabel(self.tr("Bản của bạn chưa được lưu, và chưa mất gì. {0} đã sửa: {1}. "
                                "Những dòng tô màu là chỗ hai bản khác nhau.").format(who, what or "?"))
        detail.setWordWrap(True)

        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Mục"), self.tr("Bản của {0} (đang lưu)").format(who), self.tr("Bản của bạn")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        bold = QFont(self.font())
        bold.setBold(True)
        for r, row in enumerate(rows):
            for c, text in enumerate((row.label, row.theirs, row.mine)):
                short = text if len(text) <= CELL_CHARS else text[:CELL_CHARS].rstrip() + "…"
                item = QTableWidgetItem(short.replace("\n", " ¶ "))
                item.setToolTip(text if c else "")
                if row.changed:
                    item.setBackground(QBrush(CHANGED))
                    if c == 0:
                        item.setFont(bold)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()

        self.theirs_box, self.mine_box = QTextEdit(), QTextEdit()
        for box, name in ((self.theirs_box, "theirsText"), (self.mine_box, "mineText")):
            box.setObjectName(name)
            box.setReadOnly(True)
        self.theirs_label = QLabel(self.tr("Bản của {0}").format(who))
        self.mine_label = QLabel(self.tr("Bản của bạn"))
        boxes = QWidget()
        grid = QGridLayout(boxes)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.theirs_label, 0, 0)
        grid.addWidget(self.mine_label, 0, 1)
        grid.addWidget(self.theirs_box, 1, 0)
        grid.addWidget(self.mine_box, 1, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(boxes)
        splitter.setSizes([260, 160])
        self.table.currentCellChanged.connect(lambda row, *_: self._show_row(row))

        self.reload_button = QPushButton(self.tr("Tải lại (lấy bản của {0})").format(who))
        self.reload_button.setObjectName("reloadButton")
        self.reload_button.setToolTip(self.tr("Bỏ những gì bạn đã sửa, mở bản đang lưu"))
        self.keep_button = QPushButton(self.tr("Giữ bản của tôi"))
        self.keep_button.setObjectName("keepButton")
        self.keep_button.setToolTip(self.tr("Lưu bản của bạn đè lên bản của {0}; lịch sử sửa đổi ghi lại việc này").format(who))
        self.copy_button = QPushButton(self.tr("Lưu bản của tôi thành bản sao"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setToolTip(self.tr("Giữ nguyên bản của {0}, lưu bản của bạn thành một bài mới").format(who))
        self.copy_button.setVisible(can_copy)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.keep_button)
        for button, choice in ((self.reload_button, "reload"), (self.keep_button, "keep"), (self.copy_button, "copy")):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, c=choice: self.choose(c))

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(detail)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(920, 560)
        first = next((i for i, row in enumerate(rows) if row.changed), 0)
        if rows:
            self.table.setCurrentCell(first, 1)

    def change_name(self, what: str) -> str:
        """A history row's name for what changed, in the interface's language."""
        names = {
            "title": self.tr("tiêu đề"), "lead": self.tr("sapo"), "body": self.tr("nội dung"),
            "author": self.tr("tác giả"), "published_date": self.tr("ngày đăng"),
            "published_time": self.tr("giờ đăng"), "source_name": self.tr("nguồn"),
            "source_url": self.tr("địa chỉ nguồn"), "circulation": self.tr("phạm vi"),
            "tag": self.tr("gắn đơn vị/chủ đề"), "untag": self.tr("bỏ gắn đơn vị/chủ đề"),
            "giữ bản của mình": self.tr("giữ bản của mình"), "ảnh mới": self.tr("thêm ảnh"),
            "trash": self.tr("chuyển vào Thùng rác"), "restore": self.tr("lấy lại từ Thùng rác"),
            "nguồn chữ": self.tr("chữ nhận dạng (OCR)"), "doc_number": self.tr("số, ký hiệu văn bản"),
            "doc_kind": self.tr("loại văn bản"), "doc_issuer": self.tr("cơ quan ban hành"),
        }
        if what in names:
            return names[what]
        photo = _PHOTO.match(what)
        if photo:
            names = {"chú thích": self.tr("ảnh {0}: chú thích"), "tác giả ảnh": self.tr("ảnh {0}: tác giả ảnh"),
                     "ảnh": self.tr("ảnh {0}: tệp ảnh")}
            return names[photo[2]].format(photo[1])
        return self.tr("các mục khác")

    def _show_row(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            theirs, mine = marked(self.rows[index].theirs, self.rows[index].mine)
            self.theirs_box.setHtml(theirs)
            self.mine_box.setHtml(mine)

    def choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        """Esc or the close button: nothing happens, the clerk's text must not be dropped unasked."""


def marked(theirs: str, mine: str) -> tuple[str, str]:
    """The two texts as HTML with the words that differ highlighted, so a changed
    word in a long body is found without reading both."""
    a, b = re.split(r"(\s+)", theirs), re.split(r"(\s+)", mine)
    out_a, out_b = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        for words, out, lo, hi in ((a, out_a, i1, i2), (b, out_b, j1, j2)):
            text = html.escape("".join(words[lo:hi]))
            out.append(text if tag == "equal" or not text.strip() else
                       f"<span style='background:{CHANGED.name()}'>{text}</span>")
    return tuple(f"<div style='white-space:pre-wrap'>{''.join(out)}</div>" for out in (out_a, out_b))


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialog", text)


def article_rows(theirs: ArticleDetail, fields: dict, captions: list[tuple[int | None, str, str]]) -> list[Row]:
    """Rows for a refused save: each field of the pane, then each photo's caption and credit.
    ``fields`` are the pane's typed values (ArticlePane.field_values), ``captions`` its
    (photo id, caption, credit) list."""
    rows = [
        Row(_tr("Tiêu đề"), theirs.title, fields.get("title") or ""),
        Row(_tr("Ngày đăng"), _date(theirs.published_date), _date(fields.get("published_date"))),
        Row(_tr("Giờ đăng"), _time(theirs.published_time), _time(fields.get("published_time"))),
        Row(_tr("Tác giả"), theirs.author or "", fields.get("author") or ""),
        Row(_tr("Nguồn"), theirs.source_name or "", fields.get("source_name") or ""),
        Row(_tr("Phạm vi"), theirs.circulation or "", fields.get("circulation") or ""),
        Row(_tr("Sapo"), theirs.lead, fields.get("lead") or ""),
        Row(_tr("Nội dung"), theirs.body, fields.get("body") or ""),
    ]
    stored = {p.id: p for p in theirs.photos}
    for number, (photo_id, caption, credit) in enumerate(captions, start=1):
        photo = stored.get(photo_id)
        rows.append(Row(_tr("Ảnh {0}: chú thích").format(number), photo.caption if photo else "", caption))
        rows.append(Row(_tr("Ảnh {0}: tác giả ảnh").format(number), (photo.credit or "") if photo else "",
                        credit or ""))
    return rows


def tag_rows(theirs: ArticleDetail, kind: str, mine: list[str]) -> list[Row]:
    """The one row of a refused unit or topic choice: their names beside the ticked ones."""
    stored = theirs.units if kind == "unit" else theirs.topics
    label = _tr("Đơn vị") if kind == "unit" else _tr("Chủ đề")
    return [Row(label, "\n".join(sorted(t.path for t in stored)), "\n".join(sorted(mine)))]
