"""The list's searches run off the GUI thread and only the newest one is shown."""

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.core.search.query import QueryError  # noqa: E402
from desktop.ui.list_search import NewestSearch  # noqa: E402
from helpers.windows import listed, search_in  # noqa: E402


def test_only_the_newest_search_is_delivered_and_a_waiting_one_never_runs(qtbot):
    searches = NewestSearch((QueryError,))
    release = threading.Event()
    ran = []

    def slow():
        ran.append("slow")
        release.wait(10)
        return "slow"

    delivered = []
    searches.finished.connect(delivered.append)
    searches.run(slow)
    qtbot.waitUntil(lambda: ran == ["slow"])
    searches.run(lambda: ran.append("waiting") or "waiting")
    searches.run(lambda: ran.append("newest") or "newest")
    release.set()
    qtbot.waitUntil(lambda: delivered == ["newest"])
    qtbot.wait(50)
    assert ran == ["slow", "newest"] and delivered == ["newest"]
    searches.wait()


def test_a_failed_search_is_delivered_as_its_exception(qtbot):
    searches = NewestSearch((QueryError,))
    with qtbot.waitSignal(searches.failed) as failed:
        searches.run(lambda: (_ for _ in ()).throw(QueryError("dấu ngoặc kép chưa đóng")))
    assert isinstance(failed.args[0], QueryError) and "ngoặc" in str(failed.args[0])
    searches.wait()


def test_the_window_keeps_answering_while_a_search_runs(qtbot, window, monkeypatch):
    search = window.archive.search
    entered, release = threading.Event(), threading.Event()

    def slow_search(*args, **kwargs):
        entered.set()
        release.wait(10)
        return search(*args, **kwargs)

    monkeypatch.setattr(window.archive, "search", slow_search)
    before = window.model.ids()
    window.search_box.setText("09-NQ/TU")
    window.reload_list()  # returns while the search is still running
    assert entered.wait(10)
    assert window.model.ids() == before and window.result_label.text() == "Đang tìm…"
    window.search_box.setText("giao ban")  # the user types on meanwhile: the GUI thread is free
    assert window.search_box.text() == "giao ban"
    with qtbot.waitSignal(window.list_shown, timeout=10000):
        window.search_box.setText("09-NQ/TU")
        window.reload_list()
        release.set()
    assert window.model.ids() == [1] and "1 kết quả" in window.result_label.text()


def test_a_search_that_fails_unexpectedly_is_said_in_the_window(qtbot, window, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("ổ đĩa không đọc được")

    monkeypatch.setattr(window.archive, "search", broken)
    search_in(qtbot, window, "giao ban")
    assert window.model.ids() == [] and "Không tìm được: ổ đĩa không đọc được" in window.result_label.text()
    monkeypatch.undo()
    listed(qtbot, window)
    assert window.model.ids()
