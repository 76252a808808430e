"""What the window does when the archive refuses a save made from an older version.

The window's writes run off the GUI thread (ui/tasks.Writer); a save refused
with EditConflict comes back here with what was sent.  The clerk's values are
taken from the pane when it still shows the article (what they see, including
anything typed since), else from the refused save, and the dialog
(:mod:`desktop.ui.conflict_dialog`) offers reload / keep mine / save mine as a
copy.  Until they choose, the pane keeps their text and nothing is written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.archive import CaptionChange
from desktop.core.errors import EditConflict
from desktop.ui.conflict_dialog import ConflictDialog, article_rows, tag_rows
from desktop.ui.tasks import Changes


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictFlow", text)


def _paths(nodes, prefix: str = "") -> dict[int, str]:
    found = {}
    for node in nodes:
        path = f"{prefix} › {node.name}" if prefix else node.name
        found[node.id] = path
        found.update(_paths(node.children, path))
    return found


class ConflictFlow:
    """Shows one dialog per refused article and carries out the clerk's choice through the window."""

    def __init__(self, window):
        self.window = window
        self.open: dict[int, ConflictDialog] = {}

    # ------------------------------------------------------------ a refused save

    def save_refused(self, conflict: EditConflict, fields: dict, captions: list[CaptionChange]) -> ConflictDialog | None:
        article_id = conflict.article_id
        if article_id in self.open:
            return None  # one dialog per article; the pane still holds the latest text
        fields, rows = self._mine(article_id, fields, [(c.photo_id, c.caption, c.credit or "") for c in captions])
        dialog = ConflictDialog(conflict, article_rows(conflict.theirs, fields, rows), self.window)
        mine = [CaptionChange(pid, caption, credit or None) for pid, caption, credit in rows if pid is not None]
        dialog.accepted.connect(lambda: self._decided(dialog, fields, mine))
        return self._show(article_id, dialog)

    def _mine(self, article_id: int, fields: dict, captions: list) -> tuple[dict, list]:
        """The clerk's version: the pane's when it still shows the article, else what was sent."""
        pane = self.window.pane
        if pane.article_id == article_id and pane.draft is None:
            try:
                return pane.field_values(), pane.caption_values()
            except ValueError:  # a half-typed date: what was sent is the clerk's last good version
                pass
        return fields, captions

    def _decided(self, dialog: ConflictDialog, fields: dict, captions: list[CaptionChange]) -> None:
        window, conflict = self.window, dialog.conflict
        article_id = conflict.article_id
        on_screen = window.pane.article_id == article_id and window.pane.draft is None
        if dialog.choice == "reload":
            if on_screen:
                window._show(article_id)
            window.statusBar().showMessage(_tr("Đã tải lại bài số {0} (bản đang lưu)").format(article_id))
        elif dialog.choice == "keep":
            if on_screen:
                window.pane.version = conflict.version  # the pane now builds on theirs, deliberately
            window.save_article_values(article_id, fields, captions, base=conflict.version, overwriting=True)
        elif dialog.choice == "copy":
            def work():
                copy_id = window.archive.save_copy(article_id, fields, captions)
                return Changes(articles=frozenset({article_id, copy_id}), tags=True, listing=True), copy_id

            def done(copy_id: int) -> None:
                if window.pane.article_id == article_id and window.pane.draft is None:
                    window._current_id = copy_id  # the clerk goes on with their version, now its own article
                    window._show(copy_id)
                window.statusBar().showMessage(_tr("Đã lưu bản của bạn thành bài mới số {0}").format(copy_id))

            window.writer.run(work, done)

    # ------------------------------------------------------- refused units/topics

    def tags_refused(self, conflict: EditConflict, kind: str, chosen: set[int]) -> ConflictDialog | None:
        article_id = conflict.article_id
        if article_id in self.open:
            return None
        nodes = self.window.archive.unit_tree() if kind == "unit" else self.window.archive.topic_tree()
        paths = _paths(nodes)
        dialog = ConflictDialog(conflict, tag_rows(conflict.theirs, kind, [paths.get(i, str(i)) for i in chosen]),
                                self.window, can_copy=False)
        dialog.accepted.connect(lambda: self._tags_decided(dialog, kind, chosen))
        return self._show(article_id, dialog)

    def _tags_decided(self, dialog: ConflictDialog, kind: str, chosen: set[int]) -> None:
        window, conflict = self.window, dialog.conflict
        article_id = conflict.article_id
        if dialog.choice == "keep":
            key = "unit_ids" if kind == "unit" else "topic_ids"

            def work():
                window.archive.set_tags([article_id], **{key: chosen}, base=conflict.version, overwriting=True)
                return Changes(articles=frozenset({article_id}), tags=True), article_id

            window.writer.run(work, lambda _id: window.statusBar().showMessage(_tr("Đã gắn 1 bài")))
        else:
            if window.pane.article_id == article_id and window.pane.draft is None and not window.pane.is_dirty():
                window._show(article_id)
            window.statusBar().showMessage(_tr("Đã tải lại bài số {0} (bản đang lưu)").format(article_id))

    # ----------------------------------------------------------------- the dialog

    def _show(self, article_id: int, dialog: ConflictDialog) -> ConflictDialog:
        self.open[article_id] = dialog
        dialog.finished.connect(lambda _result: self.open.pop(article_id, None))
        self.window._open_keeping_focus(dialog)
        return dialog
