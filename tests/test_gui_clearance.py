"""Clearance in the window (issue 20): Công cụ › Người dùng shows what each account may read
of the marked articles and lets an admin change it, on a real PostgreSQL, with the
server's row-level security as the judge of whether it took effect."""

import threading

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QInputDialog  # noqa: E402

from desktop.core.archive import Archive  # noqa: E402
from desktop.core.draft import ArticleDraft  # noqa: E402
from desktop.core.errors import NotFound  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.settings import Settings  # noqa: E402
from desktop.ui.users_dialog import clearance_choices  # noqa: E402

CLEARANCE_COLUMN = 3


@pytest.fixture
def admin_window(qtbot, server_url, clerk_urls, tmp_path):
    """The first admin's window on a server archive holding one 'Mật' article."""
    archive = Archive.open(server_url)
    secret = archive.add_draft(ArticleDraft(title="Báo cáo tình hình an ninh nội bộ quý III",
                                            body="Nội dung chỉ người được giao mới được đọc.",
                                            circulation="Mật")).article_id
    settings = Settings(QSettings(str(tmp_path / "admin.ini"), QSettings.Format.IniFormat))
    window = MainWindow(archive, settings)
    qtbot.addWidget(window)
    window.show()
    yield window, secret
    for name in ("lan", "hoa"):  # roles are cluster-wide: leave the clerks as found
        archive.clearance.set_highest(name, None)
    archive.accounts.set_enabled("hoa", True)
    window.close()
    archive.close()


def can_read(url: str, article_id: int) -> bool:
    with Archive.open(url) as archive:
        try:
            archive.article(article_id)
        except NotFound:
            return False
        return True


def cell(dialog, name: str, column: int) -> str:
    return dialog.table.item([a.name for a in dialog.accounts].index(name), column).text()


def test_an_admin_grants_and_revokes_clearance_from_the_users_dialog(qtbot, admin_window, clerk_urls, monkeypatch):
    window, secret = admin_window
    dialog = window.users_dialog()  # Công cụ › Người dùng
    qtbot.waitUntil(lambda: not dialog.busy and "lan" in [a.name for a in dialog.accounts], timeout=20000)
    assert dialog.clearance_button.isVisible()
    assert dialog.table.horizontalHeaderItem(CLEARANCE_COLUMN).text() == "Được đọc bài có dấu"
    assert cell(dialog, "lan", CLEARANCE_COLUMN) == "Lưu hành nội bộ (qua nhóm luutru_clerk)"  # the default
    assert not can_read(clerk_urls["lan"], secret)

    threads = []
    real = window.archive.clearance.set_highest
    monkeypatch.setattr(window.archive.clearance, "set_highest",
                        lambda *a: threads.append(threading.current_thread()) or real(*a))
    labels = dict(clearance_choices())
    offered = []

    def choose(level):
        def get_item(_parent, _title, _label, items, current, _editable):
            offered.append((list(items), current))
            return labels[level], True
        monkeypatch.setattr(QInputDialog, "getItem", get_item)

    dialog.table.selectRow([a.name for a in dialog.accounts].index("lan"))
    choose("secret")
    qtbot.mouseClick(dialog.clearance_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and "Mật" in cell(dialog, "lan", CLEARANCE_COLUMN), timeout=20000)
    assert offered == [(list(labels.values()), 1)]  # Lan read up to "Lưu hành nội bộ"
    assert threads and threading.main_thread() not in threads  # the server was asked off the window's thread
    assert cell(dialog, "lan", CLEARANCE_COLUMN) == "Lưu hành nội bộ (qua nhóm luutru_clerk); Mật"
    assert "lan nay được đọc" in dialog.message.text()
    assert can_read(clerk_urls["lan"], secret)  # the server lets her read it now
    assert not can_read(clerk_urls["hoa"], secret)

    dialog.table.selectRow([a.name for a in dialog.accounts].index("lan"))
    choose(None)
    qtbot.mouseClick(dialog.clearance_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and "Mật" not in cell(dialog, "lan", CLEARANCE_COLUMN), timeout=20000)
    assert not can_read(clerk_urls["lan"], secret)
    # her role's group still opens "Lưu hành nội bộ": the dialog says so rather than hiding it
    assert "vẫn được đọc qua nhóm luutru_clerk" in dialog.message.text()
    assert [e.detail for e in window.archive.audit.entries() if e.action == "clearance"] == [
        "lan: secret", "lan: public"]

    dialog.set_clearance("hoa", "secret")
    qtbot.waitUntil(lambda: not dialog.busy and "Mật" in cell(dialog, "hoa", CLEARANCE_COLUMN), timeout=20000)
    dialog.set_enabled("hoa", False)  # a locked account keeps what it was cleared for, and the list says so
    qtbot.waitUntil(lambda: not dialog.busy and cell(dialog, "hoa", 2) == "đã khóa", timeout=20000)
    assert cell(dialog, "hoa", CLEARANCE_COLUMN) == "Lưu hành nội bộ (qua nhóm luutru_clerk); Mật"
    dialog.close()


def test_a_server_refusal_is_one_line_in_the_dialog(qtbot, admin_window):
    window, _secret = admin_window
    dialog = window.users_dialog()
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.accounts), timeout=20000)
    dialog.set_clearance("khong_co_ai", "secret")
    qtbot.waitUntil(lambda: not dialog.busy and "không có tài khoản" in dialog.message.text(), timeout=20000)
    assert "\n" not in dialog.message.text()
    dialog.close()


def test_a_single_pc_archive_has_no_clearance_to_manage(qtbot, window):
    dialog = window.users_dialog()
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.accounts), timeout=20000)
    assert not dialog.clearance_button.isVisible() and dialog.table.columnCount() == 3
    dialog.close()
