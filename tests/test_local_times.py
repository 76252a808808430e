"""Times are stored in UTC and shown in the PC's local time: the edit history (window and
command line), the conflict dialog, the audit log.  The PC's clock is set here to
Vietnam's (UTC+7, a POSIX zone needing no tz database)."""

import datetime as dt
import time

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QLabel, QMessageBox  # noqa: E402

from desktop import cli  # noqa: E402
from desktop.core.dates import local_time, stored_time  # noqa: E402
from desktop.core.errors import EditConflict  # noqa: E402
from desktop.core.views import EditView  # noqa: E402
from desktop.ui.conflict_dialog import ConflictDialog, article_rows  # noqa: E402

SEVEN_HOURS = dt.timedelta(hours=7)


@pytest.fixture
def vietnam_clock(monkeypatch):
    monkeypatch.setenv("TZ", "ICT-7")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_stored_time_is_shown_on_the_pcs_clock(vietnam_clock):
    assert local_time(dt.datetime(2026, 12, 1, 20, 30)) == dt.datetime(2026, 12, 2, 3, 30)
    assert stored_time(dt.datetime(2026, 12, 2, 0, 0)) == dt.datetime(2026, 12, 1, 17, 0)


def test_the_history_window_shows_local_times(vietnam_clock, qtbot, window):
    window.table.selectRow(0)
    article_id = window.pane.article_id
    window.archive.update_article(article_id, author="Thu Trang sửa")
    stored = window.archive.history(article_id)[-1].at
    window.show_history()
    text = window.findChild(QMessageBox, "historyBox").detailedText()
    assert f"{stored + SEVEN_HOURS:%d/%m/%Y %H:%M}  " in text
    assert f"{stored:%d/%m/%Y %H:%M}  " not in text


def test_the_conflict_dialog_says_when_in_local_time(vietnam_clock, qtbot, seeded):
    theirs = seeded.article(1)
    change = EditView(dt.datetime(2026, 12, 1, 20, 30), "lan", "title", "cũ", theirs.title, theirs.version)
    conflict = EditConflict(1, theirs.version - 1, theirs.version, (change,), theirs)
    dialog = ConflictDialog(conflict, article_rows(theirs, {"title": "Của tôi"}, []))
    qtbot.addWidget(dialog)
    heading = dialog.findChild(QLabel, "conflictHeading").text()
    assert "03:30 02/12/2026" in heading and "20:30" not in heading
    assert "03:30 02/12/2026" in str(conflict)  # the command line's one line too


def test_the_command_line_history_shows_local_times(vietnam_clock, seeded, capsys):
    seeded.update_article(2, author="Thu Trang sửa")
    stored = seeded.history(2)[-1].at
    assert cli.main(["--archive", str(seeded.root), "history", "2"]) == 0  # read-only beside the open one
    out = capsys.readouterr().out
    assert f"{stored + SEVEN_HOURS:%d/%m/%Y %H:%M}  " in out and f"{stored:%d/%m/%Y %H:%M}  " not in out
