"""A long list shows its first page at once and the rest when read off the GUI thread:
at 300,000 articles the whole list's ids take half a second to read."""

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.ui import main_window  # noqa: E402
from helpers.windows import search_in  # noqa: E402


def held_listing(window, monkeypatch):
    """Make the whole list's read wait until released; returns (entered, release)."""
    article_ids = window.archive.article_ids
    entered, release = threading.Event(), threading.Event()

    def slow(f=None, order="date_desc", limit=None):
        if limit is None:
            entered.set()
            release.wait(10)
        return article_ids(f, order, limit)

    monkeypatch.setattr(window.archive, "article_ids", slow)
    return entered, release


def test_the_first_page_is_shown_before_the_rest_is_read(qtbot, window, monkeypatch):
    monkeypatch.setattr(main_window, "FIRST_PAGE", 2)
    everything = window.archive.article_ids()
    entered, release = held_listing(window, monkeypatch)
    window.reload_list()  # returns with the first page
    assert entered.wait(10)
    assert window.model.ids() == everything[:2] and window.result_label.text() == "Đang đọc danh sách…"
    window.table.selectRow(1)  # the clerk opens the second article meanwhile
    with qtbot.waitSignal(window.list_shown, timeout=10000):
        release.set()
    assert window.model.ids() == everything and window.result_label.text() == f"{len(everything)} bài viết"
    assert window.table.currentIndex().row() == 1 and window.pane.article_id == everything[1]


def test_a_search_typed_while_the_rest_is_read_is_not_overwritten(qtbot, window, monkeypatch):
    monkeypatch.setattr(main_window, "FIRST_PAGE", 2)
    entered, release = held_listing(window, monkeypatch)
    window.reload_list()
    assert entered.wait(10)
    release.set()
    search_in(qtbot, window, "09-NQ/TU")
    qtbot.wait(100)  # the listing's answer, if it came late, would land here
    assert window.model.ids() == [1] and "1 kết quả" in window.result_label.text()


def test_a_list_that_changed_between_its_first_page_and_the_rest_is_shown_whole(qtbot, window, monkeypatch):
    monkeypatch.setattr(main_window, "FIRST_PAGE", 2)
    newest = window.model.ids()[0]
    entered, release = held_listing(window, monkeypatch)
    window.reload_list()
    assert entered.wait(10)
    window.archive.trash([newest])  # another clerk, say: the rest no longer begins with this page
    with qtbot.waitSignal(window.list_shown, timeout=10000):
        release.set()
    assert newest not in window.model.ids() and window.model.ids() == window.archive.article_ids()


def test_a_short_list_is_shown_whole_at_once(window):
    window.reload_list()
    assert window.model.ids() == window.archive.article_ids()


def test_a_rest_that_cannot_be_read_is_said_and_the_first_page_stays(qtbot, window, monkeypatch):
    monkeypatch.setattr(main_window, "FIRST_PAGE", 2)
    article_ids = window.archive.article_ids

    def broken(f=None, order="date_desc", limit=None):
        if limit is None:
            raise OSError("ổ đĩa không đọc được")
        return article_ids(f, order, limit)

    first = article_ids(limit=2)
    monkeypatch.setattr(window.archive, "article_ids", broken)
    with qtbot.waitSignal(window.list_shown, timeout=10000):
        window.reload_list()
    assert "Không đọc được danh sách bài: ổ đĩa không đọc được" in window.result_label.text()
    assert window.model.ids() == first
