"""Drive the real main window offscreen with pytest-qt."""

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from conftest import seed_path  # noqa: E402
from desktop.core.archive import Archive, ArticleFilter  # noqa: E402
from desktop.core.pdf.compilation import CompilationOptions  # noqa: E402
from desktop.ui.article_model import ArticleTableModel  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.sidebar import Scope  # noqa: E402
from helpers.windows import counted, open_window, search_in  # noqa: E402


def shown_ids(win):
    return win.model.ids()


def type_search(qtbot, win, text):
    """Type a query as a user would; the list is searched once, after the last key."""
    win.search_box.clear()
    shown = []
    record = lambda: shown.append(win.search_box.text())  # noqa: E731
    win.list_shown.connect(record)
    try:
        qtbot.keyClicks(win.search_box, text)
        qtbot.waitUntil(lambda: bool(shown), timeout=3000)
        qtbot.wait(50)
    finally:
        win.list_shown.disconnect(record)
    assert shown == [text]  # typing is debounced, not searched per key


def wait_write(qtbot, win, action):
    """Run a window action that writes, and wait until the write has landed."""
    with qtbot.waitSignal(win.writer.done, timeout=10000):
        action()


def test_search_without_diacritics_finds_the_meetings(qtbot, window):
    type_search(qtbot, window, "giao ban thi uy")
    ids = shown_ids(window)
    assert ids[0] == 5 and 1 in ids
    title = window.model.index(0, 0).data()
    assert title == "Thị ủy giao ban công tác Đảng, đoàn thể 9 tháng năm 2023"
    assert "<b>" in window.model.index(0, 0).data(window.model.SnippetRole)
    type_search(qtbot, window, "09-NQ/TU")
    assert shown_ids(window) == [1]
    assert window.pane.title.text().startswith("Đẩy mạnh tuyên truyền")


def test_result_count_is_of_strong_matches_and_scattered_ones_are_marked(qtbot, window):
    """"giao ban thi uy" is held side by side by few articles; the others hold the syllables apart."""
    type_search(qtbot, window, "giao ban thi uy")
    result = window.archive.search("giao ban thi uy", facets=False)
    scattered = result.total - result.strong
    assert 0 < scattered and window.result_label.text().startswith(f"{result.strong} kết quả, sau đó {scattered} bài")
    marks = [window.model.index(row, 0).data(window.model.ScatteredRole) for row in range(window.model.rowCount())]
    assert marks == [False] * result.strong + [True] * scattered
    assert window.model.index(result.strong, 0).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_selecting_a_unit_filters_the_list(qtbot, window, demo):
    town = demo.find_path("unit", "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên")
    assert window.sidebar.select_scope(Scope("unit", town))
    assert set(shown_ids(window)) == {1, 2, 5}
    assert window.sidebar.select_scope(Scope("year", 2022))
    assert shown_ids(window) == [1]
    assert window.sidebar.select_scope(Scope("all"))
    assert len(shown_ids(window)) == 5


def test_paste_a_seed_review_and_save(qtbot, tmp_path, settings):
    with Archive.open(tmp_path / "empty") as archive:
        win = MainWindow(archive, settings)
        qtbot.addWidget(win)
        win.show()
        QGuiApplication.clipboard().setText(seed_path("004").read_text("utf-8"))
        win.findChild(type(win.save_action), "pasteAction").trigger()
        assert win.pane.draft is not None
        assert win.pane.title.text() == "Thị ủy giao ban công tác Đảng, đoàn thể 9 tháng năm 2023"
        assert win.pane.date.text() == "20/09/2023" and win.pane.author.text() == "Hữu Ánh"
        assert archive.count_articles() == 0  # nothing stored before review
        win.pane.author.setText("Hữu Ánh (Văn phòng Thị ủy)")
        wait_write(qtbot, win, win.save_action.trigger)
        assert archive.count_articles() == 1
        (article_id,) = archive.article_ids()
        saved = archive.article(article_id)
        assert saved.author == "Hữu Ánh (Văn phòng Thị ủy)"
        assert saved.published_date.isoformat() == "2023-09-20"
        assert shown_ids(win) == [article_id]


def test_edit_a_caption_undo_and_save(qtbot, window, demo):
    type_search(qtbot, window, "09-NQ/TU")
    pane = window.pane
    original = demo.article(1).photos[0].caption
    assert pane.caption.text() == original
    pane.set_caption(0, "Quang cảnh hội nghị giao ban tháng 10/2022")
    assert pane.caption.text() == "Quang cảnh hội nghị giao ban tháng 10/2022"
    window.findChild(type(window.save_action), "undoAction").trigger()
    assert pane.caption.text() == original
    assert not pane.is_dirty()
    pane.set_caption(0, "Quang cảnh hội nghị giao ban tháng 10/2022")
    wait_write(qtbot, window, window.save_action.trigger)
    assert demo.article(1).photos[0].caption == "Quang cảnh hội nghị giao ban tháng 10/2022"


def test_leaving_an_edited_article_saves_it(qtbot, window, demo):
    type_search(qtbot, window, "09-NQ/TU")
    window.pane.author.setText("Thu Trang (Ban Tuyên giáo)")
    wait_write(qtbot, window, lambda: type_search(qtbot, window, "Cao Lanh"))
    assert demo.article(1).author == "Thu Trang (Ban Tuyên giáo)"


def test_import_a_folder_with_a_bad_file_shows_a_summary(qtbot, tmp_path, settings):
    folder = tmp_path / "incoming"
    folder.mkdir()
    for prefix in ("000", "003"):
        (folder / seed_path(prefix).name).write_bytes(seed_path(prefix).read_bytes())
    (folder / "hong.txt").write_bytes(b"\x00\x01\x02" * 500)
    (folder / "trung.txt").write_bytes(seed_path("000").read_bytes() + b"\n")
    with Archive.open(tmp_path / "kho") as archive:
        win = MainWindow(archive, settings)
        qtbot.addWidget(win)
        win.show()
        win.import_paths([folder])
        qtbot.waitUntil(lambda: win.findChild(QMessageBox, "importSummary") is not None, timeout=15000)
        summary = win.findChild(QMessageBox, "importSummary")
        assert "Đã nhập 2 bài, trùng 1, lỗi 1" in summary.text()
        assert "hong.txt" in summary.detailedText()
        assert "nhị phân" in summary.detailedText()
        assert archive.count_articles() == 2
        assert len(shown_ids(win)) == 2


def test_tag_trash_and_restore_from_the_window(qtbot, window, demo):
    topic = demo.find_path("topic", "Dân vận")
    window.sidebar.select_scope(Scope("all"))
    window.table.selectRow(window.model.row_of(4))
    wait_write(qtbot, window, lambda: window.apply_tags([4], "topic", {topic}, replace=False))
    assert 4 in demo.article_ids(ArticleFilter(topic_ids=[topic]))
    window.table.selectRow(window.model.row_of(4))
    wait_write(qtbot, window, window.findChild(type(window.save_action), "trashAction").trigger)
    assert 4 not in shown_ids(window)
    assert demo.count_articles(ArticleFilter(trashed=True)) == 1
    window.sidebar.select_scope(Scope("trash"))
    assert shown_ids(window) == [4]
    window.table.selectRow(0)
    wait_write(qtbot, window, window.restore_selection)
    assert demo.count_articles(ArticleFilter(trashed=True)) == 0


def test_export_search_result_to_pdf_in_background(qtbot, window, tmp_path):
    type_search(qtbot, window, "giao ban thi uy")
    out = tmp_path / "tap.pdf"
    window.table.clearSelection()
    with qtbot.waitSignal(window.task_done, timeout=20000) as done:
        window.export_selection(path=out, options=CompilationOptions(title="Giao ban Thị ủy"))
    assert done.args[0].articles == len(shown_ids(window))
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Thị ủy giao ban công tác Đảng, đoàn thể 9 tháng năm 2023" in text


def test_window_layout_is_remembered(qtbot, demo, settings):
    first = MainWindow(demo, settings, demo=True)
    qtbot.addWidget(first)
    first.resize(701, 503)
    first.show()
    first.close()
    second = MainWindow(demo, settings, demo=True)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (701, 503)
    assert second.splitter.sizes() == first.splitter.sizes()


def test_bad_query_shows_a_message_not_a_traceback(qtbot, window):
    type_search(qtbot, window, "foo:bar")
    assert "không hiểu trường" in window.result_label.text()
    assert shown_ids(window) == []


def test_keyboard_shortcuts_are_set(window):
    expected = {"findAction": "Ctrl+F", "newAction": "Ctrl+N", "pasteAction": "Ctrl+Shift+V",
                "trashAction": "Del", "printAction": "Ctrl+P", "exportAction": "Ctrl+E", "saveAction": "Ctrl+S"}
    for name, keys in expected.items():
        action = window.findChild(type(window.save_action), name)
        assert action.shortcut().toString() == keys, name


def test_english_interface(qtbot, demo, settings):
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import install_translator

    (translator,) = install_translator(QApplication.instance(), "en")
    try:
        win = open_window(qtbot, demo, settings, demo=True)
        menus = [a.text() for a in win.menuBar().actions()]
        assert menus == ["&File", "&Edit", "&Tools", "&Help"]
        counted(qtbot, win)
        labels = [win.sidebar.topLevelItem(i).text(0) for i in range(win.sidebar.topLevelItemCount())]
        assert labels[0] == "All articles (5)" and labels[-1] == "Trash (0)"
        search_in(qtbot, win, "giao ban thi uy")
        assert "results, then" in win.result_label.text() and "with the words scattered" in win.result_label.text()
    finally:
        QApplication.instance().removeTranslator(translator)


def test_history_backup_and_check_from_the_window(qtbot, window, demo, tmp_path):
    type_search(qtbot, window, "09-NQ/TU")
    window.pane.set_caption(0, "Quang cảnh hội nghị giao ban")
    wait_write(qtbot, window, window.save_action.trigger)
    window.show_history()
    assert "ảnh 1: chú thích" in window.findChild(QMessageBox, "historyBox").detailedText()
    with qtbot.waitSignal(window.task_done, timeout=20000) as done:
        window.backup_dialog(path=tmp_path / "b.zip")
    assert done.args[0].path == tmp_path / "b.zip" and (tmp_path / "b.zip").exists()
    with qtbot.waitSignal(window.task_done, timeout=20000) as done:
        window.check_archive()
    assert done.args[0].ok
    assert window.findChild(QMessageBox, "integrityBox").text() == "Kho lưu trữ toàn vẹn."


def test_a_backup_of_an_archive_missing_a_photo_says_so(qtbot, window, demo, tmp_path):
    lost = demo.article(2).photos[0]
    demo.photo_path(lost.sha256).unlink()
    with qtbot.waitSignal(window.task_done, timeout=20000) as done:
        window.backup_dialog(path=tmp_path / "b.zip")
    assert len(done.args[0].missing) == 1
    box = window.findChild(QMessageBox, "backupMissingBox")
    assert "thiếu 1 tệp" in box.text() and "Kiểm tra toàn vẹn" in box.text()
    assert box.detailedText() == done.args[0].missing[0]


def test_readonly_window_refuses_edits_with_a_message(qtbot, demo, settings):
    reader = Archive.open(demo.root, readonly=True)
    try:
        win = MainWindow(reader, settings)
        qtbot.addWidget(win)
        assert "(chỉ đọc)" in win.windowTitle()
        win.table.selectRow(0)
        win.save_action.trigger()
        assert "chỉ để đọc" in win.findChild(QMessageBox, "errorBox").text()
    finally:
        reader.close()


def test_a_destroyed_pane_with_unsaved_edits_raises_nothing(qtbot):
    """The pane's undo stack outlives it briefly; its signal must not reach the dead pane
    (a lambda connected to it raised in whatever event loop ran next)."""
    import gc

    from desktop.core.draft import ArticleDraft
    from desktop.ui.article_pane import ArticlePane

    pane = ArticlePane()
    pane.load_draft(ArticleDraft(title="Tiêu đề"))
    pane.title.setText("Tiêu đề mới")
    pane._commit_field("title")
    assert pane.is_dirty()
    pane.deleteLater()
    del pane
    gc.collect()
    qtbot.wait(50)


def test_the_pane_shows_every_mark_and_a_save_keeps_it(qtbot):
    """A "Tối mật" article showed as public in the pane's mark list (its three entries had no
    such mark); on a server the mark decides who reads the article."""
    from desktop.core.draft import ArticleDraft
    from desktop.ui.article_pane import ArticlePane

    pane = ArticlePane()
    qtbot.addWidget(pane)
    for mark in ("Tối mật", "Tuyệt mật", "Mật", "Lưu hành nội bộ"):
        pane.load_draft(ArticleDraft(title="Phương án nhân sự", circulation=mark))
        assert pane.circulation.currentText() == mark
        assert pane.field_values()["circulation"] == mark


def test_a_selected_search_hit_is_drawn_in_the_highlights_own_text_colour(qtbot, window):
    """Black or grey text on the selection's blue was unreadable (scattered hits were grey on blue)."""
    from PySide6.QtGui import QColor, QPalette

    type_search(qtbot, window, "giao ban thi uy")
    model = window.model
    for row in range(model.rowCount()):
        window.table.selectRow(row)
        qtbot.wait(20)
        rect = window.table.visualRect(model.index(row, ArticleTableModel.COL_TITLE))
        image = window.table.viewport().grab(rect.adjusted(2, 2, -2, -2)).toImage()
        highlight = window.table.palette().color(QPalette.ColorRole.Highlight).lightnessF()
        darkest = min(QColor(image.pixel(x, y)).lightnessF()
                      for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))
        assert darkest >= highlight - 0.05, (row, model.data(model.index(row, 0)))
