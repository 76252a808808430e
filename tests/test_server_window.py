"""The window on an office server: a PC's first index build, connecting, a connection lost mid-save.

A "PC" is an :class:`Archive` opened with its own cache folder (``XDG_CACHE_HOME``).
"""

from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text

from desktop.core.archive import Archive
from desktop.core.importing import import_paths

pytest.importorskip("PySide6.QtWidgets")

from desktop.ui.main_window import MainWindow  # noqa: E402
from helpers.windows import search_in  # noqa: E402


@contextmanager
def new_pc_held(tmp_path, server_url, seeds, monkeypatch):
    """A new PC (its own empty cache) on a server another PC filled with the samples; its
    first index build waits at its first step (reading the change feed) while the block runs."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-a"))
    with Archive.open(server_url) as other_pc:
        import_paths(other_pc, seeds)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-new"))
    archive = Archive.open(server_url)
    holder = create_engine(server_url.replace("postgresql://", "postgresql+psycopg://"))
    hold = holder.connect()
    hold.execute(text("LOCK TABLE article_changes IN ACCESS EXCLUSIVE MODE"))
    try:
        yield archive
    finally:
        hold.rollback()
        hold.close()
        holder.dispose()


def test_a_new_pc_lists_and_opens_articles_while_its_index_is_built_with_progress(
        qtbot, tmp_path, server_url, seeds, monkeypatch, settings):
    with new_pc_held(tmp_path, server_url, seeds, monkeypatch) as archive:
        archive.index_in_background()  # as the application does before showing the window
        win = MainWindow(archive, settings)
        qtbot.addWidget(win)
        win.show()
        assert len(win.model.ids()) == 5  # the list comes from the server at once
        win.table.selectRow(0)
        assert win.pane.article_id == win.model.ids()[0] and win.pane.title.text()  # and an article opens
        assert win.index_progress.isVisible()
        assert win.index_progress.text() and "0 / 5" in win.index_progress.text()

        search_in(qtbot, win, "09-NQ/TU")
        label = win.result_label.text()
        # said (in the window's language, which an earlier test may have set), not silently partial
        assert ("đang được lập" in label and "0 / 5" in label) or ("being built" in label and "0 of 5" in label)
        assert win.model.ids() == []
    qtbot.waitUntil(lambda: not win.index_progress.isVisible(), timeout=120000)
    qtbot.waitUntil(lambda: len(win.model.ids()) == 1, timeout=5000)  # the search ran again by itself
    assert "đang được lập" not in win.result_label.text() and "being built" not in win.result_label.text()
    win.close()
    archive.close()


def test_an_indexer_that_dies_during_the_first_build_is_shown_and_can_be_restarted(
        qtbot, tmp_path, server_url, seeds, monkeypatch, settings):
    with new_pc_held(tmp_path, server_url, seeds, monkeypatch) as archive:
        archive.index_in_background()
        win = MainWindow(archive, settings)
        qtbot.addWidget(win)
        win.show()
        assert win.index_progress.isVisible() and not win.index_progress.retry.isVisible()
        archive._background._process.kill()  # as a crash (or the task manager) would
        qtbot.waitUntil(lambda: win.index_progress.retry.isVisible(), timeout=30000)
        shown = win.statusBar().currentMessage()
        assert "exit code" in shown and (("bị dừng" in shown) or ("stopped" in shown))
        bar = win.index_progress.text()
        assert "0 / 5" not in bar and (("bị dừng" in bar) or ("stopped" in bar))  # not a bar stuck at "0 / 5"
    win.index_progress.retry.click()
    assert not win.index_progress.retry.isVisible()
    qtbot.waitUntil(lambda: not win.index_progress.isVisible(), timeout=120000)
    assert [h.id for h in archive.search("09-NQ/TU").hits]  # the restarted indexer built the index
    win.close()
    archive.close()


def test_the_connect_dialog_connects_off_the_windows_thread_and_can_be_cancelled(
        qtbot, tmp_path, server_url, pg_cluster, pc_cache):
    import socket

    from desktop.ui.server_dialog import ServerDialog

    silent = socket.socket()  # a "server" that takes the connection and never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        dialog = ServerDialog(None, host="127.0.0.1", database="luutru", user="luutru")
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.port.setValue(silent.getsockname()[1])
        dialog.try_connect()  # returns at once: the attempt runs on a worker thread
        assert dialog.connecting() and not dialog.connect_button.isEnabled() and not dialog.host.isEnabled()
        assert "Đang kết nối" in dialog.message.text()
        qtbot.wait(300)  # the window's thread goes on handling events meanwhile
        dialog.cancel_button.click()
        assert not dialog.connecting() and dialog.connect_button.isEnabled() and dialog.isVisible()
        assert "hủy" in dialog.message.text().lower()
    finally:
        silent.close()

    dialog.port.setValue(pg_cluster.port)
    dialog.database.setText(server_url.rsplit("/", 1)[1])
    dialog.try_connect()
    qtbot.waitUntil(lambda: not dialog.connecting(), timeout=30000)
    assert dialog.archive is not None and dialog.archive.server
    assert dialog.result() == ServerDialog.DialogCode.Accepted
    dialog.archive.close()


def test_an_unreachable_server_in_the_connect_dialog_offers_this_pcs_own_archive(
        qtbot, tmp_path, monkeypatch, pc_cache):
    from desktop.ui import server_dialog
    from desktop.ui.server_dialog import ServerDialog

    monkeypatch.setattr(server_dialog, "local_archive", lambda: tmp_path / "local")
    dialog = ServerDialog(None, host="127.0.0.1", database="luutru", user="clerk")
    qtbot.addWidget(dialog)
    dialog.port.setValue(9)  # nothing listens there
    dialog.password.setText("pw")
    dialog.try_connect()
    qtbot.waitUntil(lambda: not dialog.connecting(), timeout=30000)
    assert "không kết nối được máy chủ" in dialog.message.text() and "pw" not in dialog.message.text()
    assert dialog.archive is None and not dialog.local_button.isHidden()
    dialog.local_button.click()
    qtbot.waitUntil(lambda: dialog.archive is not None, timeout=30000)
    assert not dialog.archive.server and dialog.archive.root == tmp_path / "local"
    assert dialog.result() == ServerDialog.DialogCode.Accepted
    dialog.archive.close()


def test_a_connection_lost_mid_save_stores_nothing_and_brings_the_edit_back_to_retry(
        qtbot, tmp_path, server_url, seeds, monkeypatch, settings):
    from PySide6.QtWidgets import QMessageBox

    from desktop.core.store import edits

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-a"))
    archive = Archive.open(server_url)
    import_paths(archive, seeds)
    win = MainWindow(archive, settings)
    qtbot.addWidget(win)
    win.show()
    first, second = win.model.ids()[:2]
    win.table.selectRow(0)
    old_title = archive.article(first).title
    history = len(archive.history(first))

    real = edits.reread_references

    def cut_mid_save(s, article):  # the fields are written, not committed, when the server goes
        real(s, article)
        s.flush()
        s.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))

    monkeypatch.setattr(edits, "reread_references", cut_mid_save)
    win.pane.title.setText("Hội nghị sửa trong lúc mất kết nối")
    win.table.selectRow(1)  # moving on saves the edit, in the background
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "errorBox") is not None, timeout=30000)
    box = win.findChild(QMessageBox, "errorBox")
    assert "mất kết nối với máy chủ" in box.text() and "chưa lưu" in box.text()
    box.close()

    assert archive.article(first).title == old_title  # nothing half-written
    assert len(archive.history(first)) == history
    qtbot.waitUntil(lambda: win.pane.article_id == first, timeout=5000)  # the edit came back, to retry
    assert win.pane.title.text() == "Hội nghị sửa trong lúc mất kết nối" and win.pane.is_dirty()

    monkeypatch.setattr(edits, "reread_references", real)  # the server is back
    win.save_current()
    qtbot.waitUntil(lambda: not win.pane.is_dirty(), timeout=30000)
    assert archive.article(first).title == "Hội nghị sửa trong lúc mất kết nối"
    assert archive.article(second).title  # the other article untouched and readable
    win.close()
    archive.close()
