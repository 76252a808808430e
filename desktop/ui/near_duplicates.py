"""Settle near-duplicates in the window: the two articles side by side, keep both or merge.

The pairs and both articles are read from the archive; the decision is handed
to ``decide(newer_id, older_id, merge)``, which the window runs as a write in
the background, and :meth:`NearDuplicatesDialog.settled` takes the pair off the list.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
)

from desktop.core.views import ArticleDetail, NearDuplicateView

PairRole = Qt.ItemDataRole.UserRole + 30


class NearDuplicatesDialog(QDialog):
    def __init__(self, pairs: list[NearDuplicateView], article: Callable[[int], ArticleDetail],
                 decide: Callable[[int, int, bool], None], parent=None):
        super().__init__(parent)
        self.setObjectName("nearDuplicates")
        self.setWindowTitle(self.tr("Bài gần trùng"))
        self._article, self._decide = article, decide
        self.pairs = QListWidget()
        self.pairs.setObjectName("nearDuplicatePairs")
        for pair in pairs:
            item = QListWidgetItem(self.tr("Bài số {0} giống bài số {1} ({2:.0%})").format(
                pair.article_id, pair.other_id, pair.similarity))
            item.setData(PairRole, (pair.article_id, pair.other_id))
            self.pairs.addItem(item)
        self.pairs.setMaximumHeight(110)
        self.newer, self.older = QTextBrowser(), QTextBrowser()
        self.newer.setObjectName("newerArticle")
        self.older.setObjectName("olderArticle")
        sides = QSplitter()
        sides.addWidget(self.newer)
        sides.addWidget(self.older)
        self.hint = QLabel(self.tr("Đoạn tô vàng chỉ có ở một bài. Gộp: bài mới hơn (bên trái) vào Thùng rác, "
                                   "đơn vị và chủ đề của nó chuyển sang bài cũ."))
        self.hint.setWordWrap(True)
        self.keep = QPushButton(self.tr("Giữ cả hai"))
        self.keep.setObjectName("keepBoth")
        self.merge = QPushButton(self.tr("Gộp"))
        self.merge.setObjectName("mergePair")
        self.keep.clicked.connect(lambda: self._settle(merge=False))
        self.merge.clicked.connect(lambda: self._settle(merge=True))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep)
        buttons.addWidget(self.merge)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pairs)
        layout.addWidget(sides, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.pairs.currentItemChanged.connect(lambda *_: self._show())
        self.pairs.setCurrentRow(0)
        self._show()
        self.resize(900, 600)

    def current_pair(self) -> tuple[int, int] | None:
        item = self.pairs.currentItem()
        return item.data(PairRole) if item is not None else None

    def _show(self) -> None:
        pair = self.current_pair()
        self.keep.setEnabled(pair is not None)
        self.merge.setEnabled(pair is not None)
        if pair is None:
            self.newer.clear()
            self.older.clear()
            return
        newer, older = self._article(pair[0]), self._article(pair[1])
        a, b = _paragraphs(newer), _paragraphs(older)
        only_a, only_b = _unshared(a, b)
        self.newer.setHtml(self._html(newer, a, only_a))
        self.older.setHtml(self._html(older, b, only_b))

    def _html(self, article: ArticleDetail, paragraphs: list[str], marked: set[int]) -> str:
        meta = " · ".join(x for x in (
            article.published_date.strftime("%d/%m/%Y") if article.published_date else "",
            article.source_name or "", article.author or "",
            self.tr("trong Thùng rác") if article.trashed else "") if x)
        body = "".join(
            f"<p style='background:#fff3a0'>{html.escape(p)}</p>" if i in marked else f"<p>{html.escape(p)}</p>"
            for i, p in enumerate(paragraphs)
        )
        heading = " — ".join(x for x in (self.tr("Bài số {0}").format(article.id), meta) if x)
        return f"<p><small>{html.escape(heading)}</small></p><h3>{html.escape(article.title)}</h3>{body}"

    def _settle(self, *, merge: bool) -> None:
        pair = self.current_pair()
        if pair is not None:
            self.keep.setEnabled(False)
            self.merge.setEnabled(False)
            self._decide(pair[0], pair[1], merge)

    def settled(self, pair: tuple[int, int]) -> None:
        """The decision is stored: the pair leaves the list."""
        for row in range(self.pairs.count()):
            if self.pairs.item(row).data(PairRole) == pair:
                self.pairs.takeItem(row)
                break
        self._show()


def _paragraphs(article: ArticleDetail) -> list[str]:
    return [p for p in ([article.lead] if article.lead else []) + article.paragraphs if p.strip()]


def _unshared(a: list[str], b: list[str]) -> tuple[set[int], set[int]]:
    """Indexes of the paragraphs of ``a`` and of ``b`` that the other does not have."""
    only_a, only_b = set(), set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            only_a.update(range(i1, i2))
            only_b.update(range(j1, j2))
    return only_a, only_b
