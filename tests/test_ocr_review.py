"""The OCR review window (issue 21, item 4), driven offscreen with pytest-qt."""

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402

from bench.pages import PARAGRAPHS, Damage, image_bytes, render_page, scanned_pdf, wrapped  # noqa: E402
from desktop.core.archive import Archive  # noqa: E402
from desktop.core.importing import import_paths  # noqa: E402

from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.ocr_review import OcrReviewDialog, article_text, split_text  # noqa: E402
from desktop.ui.settings import Settings  # noqa: E402


@pytest.fixture
def scanned(archive, tmp_path):
    lines = ["Thị ủy Quảng Yên tổng kết công tác dân vận", "", *wrapped(PARAGRAPHS[:2])]
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf([render_page(lines, dpi=200, damage=Damage(tilt=0.6))]))
    [outcome] = import_paths(archive, [path])
    return outcome.article_id


def test_text_round_trips_through_the_editor_layout(archive, scanned):
    article = archive.article(scanned)
    assert split_text(article_text(article)) == (article.title, article.lead, article.body)


def test_review_shows_the_page_finds_words_and_saves_a_correction(qtbot, archive, scanned):
    dialog = OcrReviewDialog(archive, scanned)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: 0 in dialog.images, timeout=20000)  # the page rendered in the background
    scan = archive.scans(scanned)[0]
    assert (dialog.images[0].width(), dialog.images[0].height()) == (scan.width, scan.height)
    assert len(dialog.page_view.boxes) == len(scan.words)

    text = dialog.text.toPlainText()
    cursor = dialog.text.textCursor()
    cursor.setPosition(text.index("Quảng Yên") + 2)
    dialog.text.setTextCursor(cursor)  # the cursor in "Quảng": its box on the page is chosen
    chosen = dialog.page_view.chosen.data(0)
    assert scan.words[chosen][0] == "Quảng"
    assert scan.words[chosen][1] < scan.width / 2  # the title's first "Quảng", at the left

    dialog._word_on_page_clicked(chosen)  # and back: the page's box selects the word in the text
    assert dialog.text.textCursor().selectedText() == "Quảng"

    title = text.split("\n", 1)[0]  # the clerk puts right whatever OCR got wrong in the title
    dialog.text.setPlainText(text.replace(title, "Thị ủy Quảng Yên tổng kết công tác dân vận khéo", 1))
    with qtbot.waitSignal(dialog.accepted, timeout=20000):  # saved off the window's thread
        dialog.save()
    assert archive.article(scanned).title == "Thị ủy Quảng Yên tổng kết công tác dân vận khéo"
    assert [h.id for h in archive.search("dan van kheo").hits] == [scanned]


def test_menu_opens_the_review_for_a_scanned_article(qtbot, archive, scanned, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(archive, settings)
    qtbot.addWidget(window)
    window.show()
    window.table.selectRow(window.model.row_of(scanned))
    window.review_ocr()
    assert window.ocr_review.isVisible() and window.ocr_review.article_id == scanned
    qtbot.waitUntil(lambda: 0 in window.ocr_review.images, timeout=20000)
    window.ocr_review.reject()


def test_tools_menu_switches_a_page_to_a_photo(qtbot, archive, scanned, tmp_path):
    page = tmp_path / "trang.png"
    page.write_bytes(image_bytes(
        render_page(["Tin ngắn về dân vận", "", *wrapped(PARAGRAPHS[:2])], dpi=200)))
    [outcome] = import_paths(archive, [page])
    assert archive.article(outcome.article_id).text_origin == "ocr"
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(archive, settings)
    qtbot.addWidget(window)
    window.show()
    window.table.selectRow(window.model.row_of(outcome.article_id))
    window.switch_reading()
    qtbot.waitUntil(lambda: archive.article(outcome.article_id).text_origin is None, timeout=20000)
    article = archive.article(outcome.article_id)
    assert article.body == "" and article.lead == "" and len(article.photos) == 1


@pytest.mark.parametrize("choice", ["keep", "reload", "copy"])
def test_a_correction_saved_after_another_clerks_change_opens_the_conflict_dialog(
        qtbot, archive, scanned, monkeypatch, choice):
    """The review saves from the version it loaded: Hoa's save in between is not overwritten
    silently; the conflict dialog shows hers beside the correction, and the choice is carried out."""
    dialog = OcrReviewDialog(archive, scanned)
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setenv("LOGNAME", "hoa")
    with Archive(archive.root, lock=False) as hoa:  # a second clerk (as in tests/test_conflicts.py)
        hoa.save_article(scanned, {"title": "Tiêu đề Hoa sửa"}, base=hoa.article(scanned).version)
    text = dialog.text.toPlainText()
    corrected = text + " Câu Lan thêm khi soát."
    dialog.text.setPlainText(corrected)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.conflict is not None and dialog.conflict.isVisible(), timeout=20000)
    assert "hoa" in dialog.conflict.findChild(QLabel, "conflictHeading").text()
    changed = [row.label for row in dialog.conflict.rows if row.changed]
    assert changed == ["Tiêu đề", "Nội dung"]  # her title, his corrected text; nothing else differs
    stored = archive.article(scanned)
    assert stored.title == "Tiêu đề Hoa sửa" and not stored.body.endswith("Câu Lan thêm khi soát.")  # nothing written

    if choice == "reload":
        dialog.conflict.choose("reload")
        assert dialog.text.toPlainText().startswith("Tiêu đề Hoa sửa") and dialog.isVisible()
        dialog.text.setPlainText(dialog.text.toPlainText() + " Sửa lại sau khi tải.")
        with qtbot.waitSignal(dialog.accepted, timeout=20000):
            dialog.save()  # from her version now: stored
        stored = archive.article(scanned)
        assert stored.title == "Tiêu đề Hoa sửa" and stored.body.endswith("Sửa lại sau khi tải.")
        return
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.conflict.choose(choice)
    stored = archive.article(scanned)
    if choice == "keep":
        assert dialog.saved_as == scanned
        assert stored.title == text.split("\n", 1)[0] and stored.body.endswith("Câu Lan thêm khi soát.")
        assert "giữ bản của mình" in [e.what for e in archive.history(scanned)]
    else:
        copy = archive.article(dialog.saved_as)
        assert dialog.saved_as != scanned and copy.body.endswith("Câu Lan thêm khi soát.")
        assert stored.title == "Tiêu đề Hoa sửa" and not stored.body.endswith("Câu Lan thêm khi soát.")
