"""The sidebar's counts are made off the GUI thread: on a large archive they take
seconds, and the window shows its list and the unit and topic names before them."""

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.ui.sidebar import Scope  # noqa: E402
from helpers.windows import counted, open_window  # noqa: E402


def labels(win) -> list[str]:
    return [item.text(0) for item in win.sidebar._items()]


def test_the_window_shows_its_list_and_tree_names_before_the_counts(qtbot, demo, settings, monkeypatch):
    months = demo.months
    entered, release = threading.Event(), threading.Event()

    def slow_months():
        entered.set()
        release.wait(10)
        return months()

    monkeypatch.setattr(demo, "months", slow_months)
    win = open_window(qtbot, demo, settings, demo=True)  # returns while the counting waits
    assert entered.wait(10)
    assert win.sidebar.find_label(Scope("all")) == "Tất cả bài viết" and "Thùng rác" in labels(win)
    assert any(label.startswith("Thị ủy Quảng Yên") for label in labels(win))
    assert win.model.rowCount() == demo.count_articles() > 0
    assert win.sidebar.select_scope(Scope("unit", demo.find_path("unit", "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên")))
    release.set()
    counted(qtbot, win)
    assert win.sidebar.find_label(Scope("all")) == f"Tất cả bài viết ({demo.count_articles()})"
    assert any(label.startswith("Thị ủy Quảng Yên (") for label in labels(win))
    assert win.sidebar.current_scope() == Scope("unit", demo.find_path("unit", "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên"))


def test_counts_follow_a_change(qtbot, window):
    counted(qtbot, window)
    total = window.archive.count_articles()
    window.archive.trash([window.model.ids()[0]])
    window.refresh_sidebar()
    qtbot.waitUntil(lambda: window.sidebar.find_label(Scope("trash")) == "Thùng rác (1)")
    assert window.sidebar.find_label(Scope("all")) == f"Tất cả bài viết ({total - 1})"


def test_counting_that_fails_is_said_and_leaves_the_names(qtbot, demo, settings, monkeypatch):
    def broken():
        raise OSError("ổ đĩa không đọc được")

    monkeypatch.setattr(demo, "months", broken)
    win = open_window(qtbot, demo, settings, demo=True)
    qtbot.waitUntil(lambda: "Không đếm được số bài: ổ đĩa không đọc được" in win.statusBar().currentMessage())
    assert any(label.startswith("Thị ủy Quảng Yên") for label in labels(win))


def test_counting_waits_for_the_first_paint(qtbot, demo, settings, monkeypatch):
    months = demo.months
    counted_at = []
    monkeypatch.setattr(demo, "months", lambda: counted_at.append(True) or months())
    from desktop.ui.main_window import MainWindow

    win = MainWindow(demo, settings, demo=True)  # built, not yet shown: nothing painted
    qtbot.addWidget(win)
    qtbot.wait(200)
    assert not counted_at and win.sidebar.find_label(Scope("all")) == "Tất cả bài viết"
    win.show()
    counted(qtbot, win)
    assert counted_at
