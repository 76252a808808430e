"""A clerk's day in the window (issue 17): no edit lost, no false alarm, fits the screen."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QEvent, QStandardPaths, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication, QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from conftest import seed_path  # noqa: E402
from desktop.core.archive import Archive  # noqa: E402
from desktop.ui.article_model import ArticleTableModel  # noqa: E402
from desktop.ui.dialogs import ExportDialog, SettingsDialog  # noqa: E402
from desktop.ui.near_duplicates import NearDuplicatesDialog  # noqa: E402
from helpers.clipping import clipped  # noqa: E402
from helpers.windows import open_window  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def wait_write(qtbot, win, action):
    with qtbot.waitSignal(win.writer.done, timeout=10000):
        action()


# --------------------------------------------------------------- item 1: no edit lost

def type_text(widget, text):
    """Key presses carrying the text, as a Vietnamese keyboard (Unikey) sends them;
    QTest's keyClicks only knows ASCII."""
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def type_into(qtbot, widget, text):
    """Replace a field's text by typing, then Tab away, as a clerk does."""
    widget.setFocus()
    widget.selectAll()
    type_text(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def edit_every_field(qtbot, win, tag: str, day: int) -> dict:
    """Type into every editable field of the pane; returns what the archive should then hold."""
    pane = win.pane
    expected = {
        "title": f"Tiêu đề {tag} — Thị ủy giao ban", "author": f"Tác giả {tag}", "source_name": f"Báo {tag}",
        "lead": f"Sapo {tag}: hội nghị giao ban", "body": f"Nội dung {tag}.\n\nĐoạn hai {tag}.",
    }
    for field, value in expected.items():
        type_into(qtbot, getattr(pane, field), value)
    type_into(qtbot, pane.date, f"{day:02d}/09/2023")
    type_into(qtbot, pane.time, f"08:{day:02d}")
    pane.circulation.setFocus()
    pane.circulation.setCurrentIndex(1 if pane.circulation.currentIndex() != 1 else 2)
    expected["circulation"] = pane.circulation.currentText()
    expected["published_date"] = dt.date(2023, 9, day)
    expected["published_time"] = dt.time(8, day)
    if pane.photos.count():
        pane.photos.setCurrentRow(0)
        type_into(qtbot, pane.caption, f"Chú thích {tag}")
        type_into(qtbot, pane.credit, f"Nhiếp ảnh {tag}")
        expected["caption"], expected["credit"] = f"Chú thích {tag}", f"Nhiếp ảnh {tag}"
    return expected


def assert_stored(archive, article_id, expected):
    article = archive.article(article_id)
    for key, value in expected.items():
        if key == "caption":
            assert article.photos[0].caption == value
        elif key == "credit":
            assert article.photos[0].credit == value
        else:
            assert getattr(article, key) == value, key


def enter_by_select(qtbot, win, archive):
    win.table.selectRow(win.model.row_of(1))
    return 1


def enter_by_paste(qtbot, win, archive):
    QGuiApplication.clipboard().setText(seed_path("000").read_text("utf-8"))
    win.findChild(type(win.save_action), "pasteAction").trigger()
    assert win.pane.draft is not None and win.pane.photos.count() == 2
    wait_write(qtbot, win, win.save_action.trigger)
    (article_id,) = archive.article_ids()
    return article_id


def enter_by_import(qtbot, win, archive):
    with qtbot.waitSignal(win.task_done, timeout=20000):
        win.import_paths([seed_path("000")])
    (article_id,) = archive.article_ids()
    assert win.pane.article_id == article_id  # the imported article is shown
    return article_id


def enter_by_new(qtbot, win, archive):
    win.findChild(type(win.save_action), "newAction").trigger()
    type_into(qtbot, win.pane.title, "Bài mới gõ tay")
    wait_write(qtbot, win, win.save_action.trigger)
    (article_id,) = archive.article_ids()
    return article_id


@pytest.mark.parametrize("enter", [enter_by_select, enter_by_paste, enter_by_import, enter_by_new],
                         ids=["select", "paste", "import", "new"])
def test_every_field_edited_after_every_way_in_is_stored(qtbot, tmp_path, demo, settings, enter):
    archive = demo if enter is enter_by_select else Archive.open(tmp_path / "kho")
    try:
        win = open_window(qtbot, archive, settings)
        article_id = enter(qtbot, win, archive)
        assert win.pane.article_id == article_id and win.pane.draft is None  # the pane *is* the stored article
        assert win.pane.units_button.isEnabled() and not win.isWindowModified()

        expected = edit_every_field(qtbot, win, "một", 21)
        assert win.isWindowModified()  # the clerk sees there is something to save
        wait_write(qtbot, win, win.save_action.trigger)
        assert_stored(archive, article_id, expected)
        assert not win.isWindowModified()

        expected = edit_every_field(qtbot, win, "hai", 22)
        wait_write(qtbot, win, win.findChild(type(win.save_action), "newAction").trigger)  # move away
        assert_stored(archive, article_id, expected)
    finally:
        if archive is not demo:
            archive.close()


def test_edits_typed_while_a_new_article_is_being_stored_are_kept(qtbot, tmp_path, settings):
    with Archive.open(tmp_path / "kho") as archive:
        win = open_window(qtbot, archive, settings)
        QGuiApplication.clipboard().setText(seed_path("004").read_text("utf-8"))
        win.paste_article()
        with qtbot.waitSignal(win.writer.done, timeout=10000):
            win.save_action.trigger()
            type_into(qtbot, win.pane.source_name, "Báo Quảng Ninh")  # typed before the save lands
        (article_id,) = archive.article_ids()
        assert win.pane.article_id == article_id and win.isWindowModified()
        wait_write(qtbot, win, win.save_action.trigger)
        assert archive.article(article_id).source_name == "Báo Quảng Ninh"
        assert archive.count_articles() == 1


# ------------------------------------------------------- item 3: read-only instance

def test_readonly_window_takes_no_typing_and_quits_cleanly(qtbot, demo, settings):
    reader = Archive.open(demo.root, readonly=True)
    try:
        win = open_window(qtbot, reader, settings)
        win.table.selectRow(win.model.row_of(1))
        author = win.pane.author.text()
        win.pane.author.setFocus()
        type_text(win.pane.author, "Ai đó")
        qtbot.keyClick(win.pane.author, Qt.Key.Key_Tab)
        type_text(win.pane.body, "thêm chữ")
        assert win.pane.author.text() == author
        assert not win.isWindowModified() and not win.pane.units_button.isEnabled()
        win.close()  # pytest-qt fails the test on any exception raised in here
        assert win.findChild(QMessageBox, "errorBox") is None
    finally:
        reader.close()


# ------------------------------------------------------- item 4: pane after tagging

def test_pane_shows_new_tags_at_once(qtbot, window, demo):
    window.table.selectRow(window.model.row_of(4))
    topic = demo.find_path("topic", "Dân vận")
    unit = demo.find_path("unit", "Tỉnh ủy Trà Vinh/Huyện ủy Cầu Ngang")
    wait_write(qtbot, window, lambda: window.apply_tags([4], "topic", {topic}, replace=True))
    wait_write(qtbot, window, lambda: window.apply_tags([4], "unit", {unit}, replace=True))
    assert window.pane.article_id == 4
    assert window.pane.topics.names() == ["Dân vận"]
    assert window.pane.units.names() == ["Huyện ủy Cầu Ngang"]
    assert [u.id for u in demo.article(4).units] == [unit]  # replaced, not added to


def test_replacing_tags_is_one_change_in_the_history(demo):
    before = len(demo.history(1))
    dan_van = demo.find_path("topic", "Dân vận")
    demo.set_tags([1], topic_ids=[dan_van])
    assert [t.path for t in demo.article(1).topics] == ["Dân vận"]
    kinds = [e.what for e in demo.history(1)[before:]]
    assert kinds == ["untag"]  # Tuyên giáo removed, Dân vận kept: nothing else touched


def test_fields_and_captions_are_saved_in_one_transaction(demo):
    from desktop.core.errors import ArchiveError
    from desktop.core.store.edits import CaptionChange

    photo = demo.article(1).photos[0]
    with pytest.raises(ArchiveError):  # an empty title refuses the whole save, caption included
        demo.save_article(1, {"title": " ", "author": "X"}, [CaptionChange(photo.id, "Chú thích mới", None)])
    assert demo.article(1).photos[0].caption == photo.caption and demo.article(1).author != "X"
    changed = demo.save_article(1, {"author": "Thu Trang (Ban Tuyên giáo)"},
                                [CaptionChange(photo.id, "Chú thích mới", photo.credit)])
    assert changed == {"author", "ảnh 1: chú thích"}
    assert demo.save_article(1, {"author": "Thu Trang (Ban Tuyên giáo)"}, []) == frozenset()  # nothing new, nothing recorded


# ---------------------------------------------------- item 2: near-duplicates in the window

def republished(archive):
    """Store article 3 again, lightly edited, as another paper republished it."""
    from desktop.core.draft import ArticleDraft

    old = archive.article(3)
    body = old.body.replace("Hội nghị", "Hội nghị thường kỳ", 1) + "\n\nBáo Đồng Tháp đưa tin."
    result = archive.add_draft(ArticleDraft(title=old.title + " (đăng lại)", lead=old.lead, body=body,
                                            published_date=old.published_date))
    assert result.similar_to == 3, "the core no longer flags a republished copy"
    return result.article_id


@pytest.mark.parametrize("merge", [False, True], ids=["keep", "merge"])
def test_clerk_settles_a_near_duplicate_side_by_side(qtbot, window, demo, merge):
    newer = republished(demo)
    window.refresh_sidebar()
    window.findChild(type(window.save_action), "nearDuplicatesAction").trigger()
    dialog = window.findChild(NearDuplicatesDialog, "nearDuplicates")
    assert dialog.isVisible()
    assert dialog.current_pair() == (newer, 3)
    assert "(đăng lại)" in dialog.newer.toPlainText() and demo.article(3).title in dialog.older.toPlainText()
    assert "Báo Đồng Tháp đưa tin." in dialog.newer.toHtml() and "#fff3a0" in dialog.newer.toHtml()  # the difference shows
    wait_write(qtbot, window, (dialog.merge if merge else dialog.keep).click)
    assert demo.near_duplicates() == [] and dialog.pairs.count() == 0
    assert demo.article(newer).trashed == merge
    assert (newer in window.model.ids()) == (not merge)


def test_import_summary_offers_the_near_duplicates(qtbot, window, demo, tmp_path):
    old = demo.article(3)
    copy = tmp_path / "dang-lai.txt"
    copy.write_text(f"{old.title} (đăng lại)\n\n{old.lead}\n\n{old.body}\n\nTheo Báo Đồng Tháp.", "utf-8")
    with qtbot.waitSignal(window.task_done, timeout=20000):
        window.import_paths([copy])
    summary = window.findChild(QMessageBox, "importSummary")
    button = summary.findChild(type(summary.buttons()[0]), "showNearDuplicates")
    assert button is not None and "gần trùng" in summary.text()
    button.click()
    assert window.findChild(NearDuplicatesDialog, "nearDuplicates").pairs.count() == 1


# ----------------------------------------------------------- item 7: screen sizes

def run_on_screen(demo_template, tmp_path, width, height, settings_file, language="vi"):
    config = tmp_path / f"screen-{width}.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "tests.helpers.screen_fit", str(demo_template), str(settings_file), language],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("width,height", [(1366, 768), (1280, 720)])
def test_window_fits_small_office_screens(demo_template, tmp_path, width, height):
    for language in ("vi", "en"):
        report = run_on_screen(demo_template, tmp_path, width, height, tmp_path / f"first-{language}.ini", language)
        assert report["fits"], report
        assert report["clipped"] == [], report
    # A window last used on a large screen is brought back inside a small one.
    big = tmp_path / "big.ini"
    run_on_screen(demo_template, tmp_path, 1920, 1080, big)
    report = run_on_screen(demo_template, tmp_path, width, height, big)
    assert report["fits"] and report["clipped"] == [], report


# ------------------------------------------------------------------ item 9: keyboard

def test_tab_goes_from_search_to_the_list_to_the_article(qtbot, window):
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.table
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.pane.title
    qtbot.keyClick(window.pane.title, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert window.pane.isAncestorOf(QApplication.focusWidget())


def test_ctrl_z_after_leaving_the_field_undoes_the_articles_last_edit(qtbot, window):
    window.table.selectRow(window.model.row_of(1))
    original = window.pane.title.text()
    type_into(qtbot, window.pane.title, "Tiêu đề gõ nhầm")
    assert QApplication.focusWidget() is not window.pane.title
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.pane.title.text() == original
    assert not window.isWindowModified()


def test_focus_returns_after_a_dialog(qtbot, window):
    window.table.selectRow(window.model.row_of(1))
    window.pane.author.setFocus()
    QTimer.singleShot(200, lambda: QApplication.activeModalWidget().reject())
    window.edit_tags("unit")  # a modal tag picker, cancelled
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.pane.author, timeout=2000)
    window.pane.date.setText("31/02/2023")  # no such day: saving it explains why
    window.table.setFocus()
    window.save_action.trigger()
    box = window.findChild(QMessageBox, "errorBox")
    assert "dd/mm/yyyy" in box.text()
    qtbot.waitUntil(box.isVisible)
    box.accept()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)


# ---------------------------------------------------------------- item 10: PDF export

def test_export_defaults_name_folder_title_and_selection(qtbot, window, monkeypatch, tmp_path):
    asked = {}

    def save_name(parent, caption, directory, filter_):
        asked["path"] = Path(directory)
        return str(tmp_path / "out.pdf"), filter_

    def accept(dialog):
        asked["title"], asked["which"] = dialog.title.text(), dialog.which.currentText()
        dialog.title.setText("Tập bài viết giao ban Thị ủy")  # the clerk types the cover title
        return 1

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    monkeypatch.setattr(ExportDialog, "exec", accept)
    with qtbot.waitSignal(window.list_shown):
        window.search_box.setText("giao ban thi uy")
    window.table.clearSelection()
    window.table.selectRow(window.model.row_of(1))  # one article chosen
    assert window.selected_ids() == [1] and len(window.model.ids()) > 1
    with qtbot.waitSignal(window.task_done, timeout=30000) as done:
        window.export_selection()
    assert done.args[0].articles == 1
    assert ":" not in asked["path"].name and asked["path"].suffix == ".pdf"
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert asked["path"].parent == Path(documents)
    assert "giao ban thi uy" not in asked["title"].lower() and asked["title"].startswith("Tập bài viết")
    assert asked["which"].startswith("Các bài đang chọn (1")
    cover = PdfReader(tmp_path / "out.pdf").pages[0].extract_text()
    assert "TẬP BÀI VIẾT GIAO BAN THỊ ỦY" in cover


# ----------------------------------------------------------- item 12: small things

def test_small_things(qtbot, window, demo, qtlog):
    # Two long units fit in the pane.
    units = [demo.find_path("unit", "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên/Đảng ủy phường Nam Hòa"),
             demo.find_path("unit", "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên")]
    demo.tag([1], unit_ids=units)
    window.table.selectRow(window.model.row_of(2))
    window.table.selectRow(window.model.row_of(1))
    window.splitter.setSizes([200, 500, 360])
    qtbot.wait(50)
    label = window.pane.units
    assert sorted(label.names()) == ["Thị ủy Quảng Yên", "Đảng ủy phường Nam Hòa"]
    assert "Tỉnh ủy Quảng Ninh › Thị ủy Quảng Yên › Đảng ủy phường Nam Hòa" in label.toolTip()
    shown = label.text().splitlines()
    assert len(shown) == 2 and label.height() >= label.sizeHint().height()
    assert all(label.fontMetrics().horizontalAdvance(line) <= label.width() for line in shown)
    # Newest first shows the arrow pointing down.
    assert window.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert arrow_points_down(window.table.horizontalHeader(), ArticleTableModel.COL_DATE)
    # Editing prints no Qt warning about the title's [*].
    window.pane.author.setText("Ai đó")
    window.pane.commit_pending()
    assert window.isWindowModified()
    assert not [r for r in qtlog.records if "setWindowModified" in r.message]
    # The office name is readable in Settings.
    settings_dialog = SettingsDialog(window.settings, window)
    settings_dialog.show()
    qtbot.waitExposed(settings_dialog)
    assert clipped(settings_dialog, line_edits=True) == []
    settings_dialog.reject()


def arrow_points_down(header, section) -> bool:
    """The sort arrow, drawn at the right end of the header section, is wider at its top."""
    image = header.grab().toImage()
    right = header.sectionViewportPosition(section) + header.sectionSize(section)
    rows = [sum(1 for x in range(right - 18, right - 1) if image.pixelColor(x, y).lightness() < 120)
            for y in range(2, image.height() - 2)]
    drawn = [n for n in rows if n]
    assert len(drawn) >= 2, "no sort arrow drawn"
    return drawn[0] > drawn[-1]


def test_photos_header_readable_in_english(qtbot, demo, settings):
    from desktop.ui.app import install_translator

    translators = install_translator(QApplication.instance(), "en")
    try:
        win = open_window(qtbot, demo, settings, demo=True)
        header = win.table.horizontalHeader()
        assert win.model.headerData(ArticleTableModel.COL_PHOTOS, Qt.Orientation.Horizontal) == "Photos"
        assert header.sectionSize(ArticleTableModel.COL_PHOTOS) >= header.sectionSizeHint(ArticleTableModel.COL_PHOTOS)
    finally:
        for translator in translators:
            QApplication.instance().removeTranslator(translator)
        QApplication.instance().setProperty("luutruLanguage", None)


def test_demo_archive_is_removed_after_quitting(tmp_path):
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from desktop.gui import main\n"
        "from desktop.ui.app import make_app\n"
        "app = make_app([])\n"
        "QTimer.singleShot(3000, lambda: [w.close() for w in app.topLevelWidgets()])\n"
        "sys.exit(main(['--demo']))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, timeout=120, check=True, capture_output=True)
    assert (tmp_path / "config").exists()  # it ran, with its settings here
    assert not list(tmp_path.glob("luutru-demo-*"))


def test_byline_never_starts_a_page_alone(tmp_path):
    """Articles whose last paragraph ends at the foot of a page: the author goes with it."""
    from desktop.core.draft import ArticleDraft
    from desktop.core.pdf.compilation import CompilationOptions, export_pdf

    paragraph = "Cán bộ, đảng viên học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."
    with Archive.open(tmp_path / "kho") as archive:
        ids = []
        for k in range(12):  # openings of different lengths move the end of the article line by line
            body = "\n\n".join([" ".join(["Mở đầu"] + ["chữ"] * (k * 4))] + [f"Đoạn {i}: {paragraph}" for i in range(16)])
            ids.append(archive.add_draft(ArticleDraft(title=f"Bài {k}", body=body, author=f"TÁC GIẢ {k}")).article_id)
        out = tmp_path / "tap.pdf"
        export_pdf(archive, ids, out, CompilationOptions(one_per_page=True, order="given"))
    bylines = 0
    for page in PdfReader(out).pages:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        if any(line.startswith("TÁC GIẢ") for line in lines):
            bylines += 1
            text = [line for line in lines if not line.startswith(("TÁC GIẢ", "Trang ", "Tập bài viết"))]
            assert text, f"a byline alone at the top of a page: {lines}"
    assert bylines == 12
