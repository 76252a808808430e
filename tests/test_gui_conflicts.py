"""Two signed-in clerks edit the same article in their windows (issue 20 item 4).

On PostgreSQL each window is signed in as its own login role (``clerk_urls``).
On a single-PC SQLite archive a second LuuTru opens the folder read-only, so no
user path gives two writing windows; the second one here is opened without the
folder lock (as the background indexer opens it) to run the same code.
"""

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from conftest import on_both_engines, sqlite_only  # noqa: E402
from desktop.core.archive import Archive  # noqa: E402
from desktop.ui.conflict_dialog import CHANGED, ConflictDialog  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.settings import Settings  # noqa: E402

engine = on_both_engines()
UNITS = ("Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên", "Tỉnh ủy Quảng Ninh/Ban Tuyên giáo")


@pytest.fixture
def two_clerks(qtbot, engine, archive_location, seeds, monkeypatch, request, tmp_path):
    """Windows of "lan" and "hoa" on one archive holding the five sample articles."""
    from desktop.core.importing import import_paths

    with Archive.open(archive_location) as owner:  # the archive's first admin sets it up
        import_paths(owner, seeds)
        for path in UNITS:
            owner.find_path("unit", path, create=True)
    archives = []
    for name in ("lan", "hoa"):
        monkeypatch.setenv("LOGNAME", name)
        if engine == "postgresql":
            monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{name}"))  # each PC its own
            archives.append(Archive.open(request.getfixturevalue("clerk_urls")[name]))
        else:
            archives.append(Archive.open(archive_location) if not archives else Archive(archive_location, lock=False))
    windows = []
    for name, archive in zip(("lan", "hoa"), archives):
        settings = Settings(QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))
        win = MainWindow(archive, settings)
        qtbot.addWidget(win)
        win.show()
        windows.append(win)
    yield windows
    for win in windows:
        win.close()
    for archive in archives:
        archive.close()


def open_article(win, article_id):
    win.table.selectRow(win.model.row_of(article_id))
    assert win.pane.article_id == article_id


def edit(win, field, text):
    widget = getattr(win.pane, field)
    widget.setFocus()
    if hasattr(widget, "setPlainText"):
        widget.setPlainText(text)
    else:
        widget.setText(text)
    win.pane.commit_pending()


def save(qtbot, win):
    with qtbot.waitSignal(win.writer.done, timeout=20000):
        win.save_current()


def refused(qtbot, win, article_id) -> ConflictDialog:
    qtbot.waitUntil(lambda: article_id in win.conflicts.open, timeout=20000)
    dialog = win.conflicts.open[article_id]
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def row(dialog, label):
    for r in range(dialog.table.rowCount()):
        if dialog.table.item(r, 0).text() == label:
            cells = [dialog.table.item(r, c) for c in range(3)]
            return [c.toolTip() or c.text() for c in cells[1:]], cells[1].background().color() == CHANGED
    raise AssertionError(label)


@pytest.mark.parametrize("choice", ["reload", "keep", "copy"])
def test_a_clerk_saving_after_another_sees_who_and_chooses(qtbot, two_clerks, choice):
    lan, hoa = two_clerks
    open_article(lan, 2)
    open_article(hoa, 2)
    old = hoa.archive.article(2)
    edit(lan, "title", "Tiêu đề Lan sửa")
    save(qtbot, lan)
    edit(hoa, "author", "Hoa (Ban Tuyên giáo)")
    edit(hoa, "body", old.body + "\n\nĐoạn Hoa viết thêm.")
    hoa.save_current()

    dialog = refused(qtbot, hoa, 2)
    assert "<b>lan</b>" in dialog.findChild(QLabel, "conflictHeading").text()
    assert row(dialog, "Tiêu đề") == (["Tiêu đề Lan sửa", old.title], True)
    assert row(dialog, "Tác giả") == ([old.author or "", "Hoa (Ban Tuyên giáo)"], True)
    assert row(dialog, "Nguồn")[1] is False  # the same on both sides: not highlighted
    assert hoa.archive.article(2).title == "Tiêu đề Lan sửa"  # nothing of Hoa's was written
    assert hoa.pane.author.text() == "Hoa (Ban Tuyên giáo)" and hoa.isWindowModified()  # nor dropped
    dialog.reject()  # Esc: the dialog stays until the clerk chooses
    assert dialog.isVisible()

    with qtbot.waitSignal(hoa.writer.done, timeout=20000, raising=False):
        {"reload": dialog.reload_button, "keep": dialog.keep_button, "copy": dialog.copy_button}[choice].click()
    qtbot.waitUntil(lambda: not hoa.writer.busy())
    stored = lan.archive.article(2)
    if choice == "reload":
        assert (stored.title, stored.author) == ("Tiêu đề Lan sửa", old.author)
        assert hoa.pane.title.text() == "Tiêu đề Lan sửa" and hoa.pane.author.text() == (old.author or "")
        assert not hoa.isWindowModified()
    elif choice == "keep":
        assert (stored.title, stored.author) == (old.title, "Hoa (Ban Tuyên giáo)")
        assert stored.body.endswith("Đoạn Hoa viết thêm.")
        history = [(e.who, e.what) for e in lan.archive.history(2)]
        assert ("hoa", "giữ bản của mình") in history and ("lan", "title") in history
        qtbot.waitUntil(lambda: hoa.pane.version == stored.version)
    else:
        assert (stored.title, stored.author) == ("Tiêu đề Lan sửa", old.author)  # theirs untouched
        copy_id = hoa.pane.article_id
        assert copy_id not in (None, 2)
        copy = lan.archive.article(copy_id)
        assert (copy.title, copy.author) == (old.title, "Hoa (Ban Tuyên giáo)")
        assert copy.body.endswith("Đoạn Hoa viết thêm.")
    # Either way Lan's next save, from the version she has, goes through or tells her in turn.
    open_article(lan, 1)
    open_article(lan, 2)
    edit(lan, "source_name", "Báo Quảng Ninh")
    save(qtbot, lan)
    assert lan.archive.article(2).source_name == "Báo Quảng Ninh" and not lan.conflicts.open


def test_a_save_on_leaving_the_article_is_kept_when_refused(qtbot, two_clerks):
    """The refused save left with the clerk moving on: the dialog still holds what they typed."""
    lan, hoa = two_clerks
    open_article(lan, 3)
    open_article(hoa, 3)
    edit(lan, "lead", "Sapo Lan sửa.")
    save(qtbot, lan)
    edit(hoa, "lead", "Sapo Hoa sửa.")
    open_article(hoa, 4)  # leaving saves
    dialog = refused(qtbot, hoa, 3)
    assert row(dialog, "Sapo") == (["Sapo Lan sửa.", "Sapo Hoa sửa."], True)
    with qtbot.waitSignal(hoa.writer.done, timeout=20000):
        dialog.copy_button.click()
    qtbot.waitUntil(lambda: not hoa.writer.busy())
    copies = [a for a in hoa.archive.list_articles() if a.id > 5]
    assert len(copies) == 1 and hoa.archive.article(copies[0].id).lead == "Sapo Hoa sửa."
    assert hoa.archive.article(3).lead == "Sapo Lan sửa."


def test_units_chosen_from_an_older_version_are_refused(qtbot, two_clerks):
    lan, hoa = two_clerks
    town, board = (lan.archive.find_path("unit", path) for path in UNITS)
    open_article(hoa, 4)
    seen = hoa.archive.article(4).version  # Hoa's unit picker opens
    open_article(lan, 4)
    with qtbot.waitSignal(lan.writer.done, timeout=20000):
        lan.apply_tags([4], "unit", {town}, replace=True, base=lan.archive.article(4).version)
    hoa.apply_tags([4], "unit", {board}, replace=True, base=seen)
    dialog = refused(qtbot, hoa, 4)
    assert not dialog.copy_button.isVisible()
    assert row(dialog, "Đơn vị") == (["Tỉnh ủy Quảng Ninh › Thị ủy Quảng Yên", "Tỉnh ủy Quảng Ninh › Ban Tuyên giáo"], True)
    assert [u.id for u in hoa.archive.article(4).units] == [town]
    with qtbot.waitSignal(hoa.writer.done, timeout=20000):
        dialog.keep_button.click()
    assert [u.id for u in lan.archive.article(4).units] == [board]
    assert ("hoa", "giữ bản của mình") in [(e.who, e.what) for e in lan.archive.history(4)]


def test_a_window_is_no_conflict_with_its_own_saves(qtbot, two_clerks):
    """Saves sent one after another, each before the last came back, are one clerk's: no dialog."""
    lan, _hoa = two_clerks
    open_article(lan, 5)
    base = lan.pane.version
    for n in range(3):
        edit(lan, "title", f"Tiêu đề lần {n}")
        lan.save_current()
        assert lan.pane.version == base  # the pane has not heard back yet
    qtbot.waitUntil(lambda: not lan.writer.busy(), timeout=20000)
    QApplication.processEvents()
    assert not lan.conflicts.open and lan.archive.article(5).title == "Tiêu đề lần 2"


def test_a_caption_changed_by_another_clerk_is_shown_beside_mine(qtbot, two_clerks):
    lan, hoa = two_clerks
    open_article(lan, 1)
    open_article(hoa, 1)
    lan.pane.set_caption(0, "Chú thích Lan sửa")
    save(qtbot, lan)
    hoa.pane.set_caption(0, "Chú thích Hoa sửa", "Hoa")
    hoa.save_current()
    dialog = refused(qtbot, hoa, 1)
    assert row(dialog, "Ảnh 1: chú thích") == (["Chú thích Lan sửa", "Chú thích Hoa sửa"], True)
    assert row(dialog, "Ảnh 1: tác giả ảnh")[1] is True and row(dialog, "Tiêu đề")[1] is False
    assert hoa.archive.article(1).photos[0].caption == "Chú thích Lan sửa"
    with qtbot.waitSignal(hoa.writer.done, timeout=20000):
        dialog.keep_button.click()
    qtbot.waitUntil(lambda: not hoa.writer.busy())
    photo = lan.archive.article(1).photos[0]
    assert (photo.caption, photo.credit) == ("Chú thích Hoa sửa", "Hoa")


@sqlite_only
def test_the_dialog_names_each_kind_of_change_that_moves_a_version(qtbot, seeded):
    """A refusal caused by a photo, the Trash or an OCR reading says so, not "other things"."""
    import datetime as dt

    from desktop.core.errors import EditConflict
    from desktop.core.views import EditView
    from desktop.ui.conflict_dialog import article_rows

    theirs = seeded.article(1)
    at = dt.datetime(2026, 12, 1, 8, 0)
    changes = tuple(EditView(at, "lan", what, None, None, theirs.version)
                    for what in ("ảnh mới", "ảnh 2: ảnh", "trash", "restore", "nguồn chữ", "doc_number", "untag"))
    dialog = ConflictDialog(EditConflict(1, theirs.version - 1, theirs.version, changes, theirs),
                            article_rows(theirs, {}, []))
    qtbot.addWidget(dialog)
    assert [dialog.change_name(c.what) for c in changes] == [
        "thêm ảnh", "ảnh 2: tệp ảnh", "chuyển vào Thùng rác", "lấy lại từ Thùng rác", "chữ nhận dạng (OCR)",
        "số, ký hiệu văn bản", "bỏ gắn đơn vị/chủ đề"]
