"""The window on an office server: a PC's first index build, connecting, a connection lost mid-save.

A "PC" is an :class:`Archive` opened with its own cache folder (``XDG_CACHE_HOME``).
"""

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from desktop.core.archive import Archive
from desktop.core.importing import import_paths

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings  # noqa: E402

from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.settings import Settings  # noqa: E402


def settings_in(folder: Path) -> Settings:
    return Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def test_a_new_pc_lists_and_opens_articles_while_its_index_is_built_with_progress(
        qtbot, tmp_path, server_url, seeds, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-a"))
    with Archive.open(server_url) as other_pc:
        import_paths(other_pc, seeds)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-new"))
    archive = Archive.open(server_url)
    # Hold the build at its first step (reading the change feed) until the test has looked.
    holder = create_engine(server_url.replace("postgresql://", "postgresql+psycopg://"))
    hold = holder.connect()
    hold.execute(text("LOCK TABLE article_changes IN ACCESS EXCLUSIVE MODE"))
    try:
        archive.index_in_background()  # as the application does before showing the window
        win = MainWindow(archive, settings_in(tmp_path))
        qtbot.addWidget(win)
        win.show()
        assert len(win.model.ids()) == 5  # the list comes from the server at once
        win.table.selectRow(0)
        assert win.pane.article_id == win.model.ids()[0] and win.pane.title.text()  # and an article opens
        assert win.index_progress.isVisible()
        assert win.index_progress.text() and "0 / 5" in win.index_progress.text()

        win.search_box.setText("09-NQ/TU")
        win.reload_list()
        label = win.result_label.text()
        assert "đang được lập" in label and "0 / 5" in label  # said, not silently partial
        assert win.model.ids() == []
    finally:
        hold.rollback()
        hold.close()
        holder.dispose()
    qtbot.waitUntil(lambda: not win.index_progress.isVisible(), timeout=120000)
    qtbot.waitUntil(lambda: len(win.model.ids()) == 1, timeout=5000)  # the search ran again by itself
    assert "đang được lập" not in win.result_label.text()
    win.close()
    archive.close()
