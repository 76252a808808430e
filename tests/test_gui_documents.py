"""PDF-born and scanned articles in the window (issue 21): their first page beside the
title in the list, and the document's number, kind and issuer in the article pane
with where its text came from.  Driven offscreen with pytest-qt."""

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QIcon  # noqa: E402

from bench.pages import PARAGRAPHS, born_digital_pdf, party_document_lines, render_page, scanned_pdf, wrapped  # noqa: E402
from desktop.core.importing import import_paths  # noqa: E402
from desktop.core.ingest import page_thumbnails  # noqa: E402
from desktop.ui.article_model import ArticleTableModel  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.settings import Settings  # noqa: E402

NQ = "Nghị quyết số 09-NQ/TU về tăng cường công tác xây dựng Đảng trong tình hình mới"


@pytest.fixture
def articles(archive, tmp_path):
    """A Party document PDF, a scanned page read by OCR, and a typed text."""
    nq = tmp_path / "nq09.pdf"
    nq.write_bytes(born_digital_pdf([party_document_lines()]))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf([render_page(["Thị ủy Quảng Yên tổng kết công tác dân vận", "",
                                               *wrapped(PARAGRAPHS[:2])], dpi=200)]))
    text = tmp_path / "tin.txt"
    text.write_text("Tin ngắn về dân vận\n\nThị ủy Quảng Yên tổ chức hội nghị dân vận năm 2022.", "utf-8")
    outcomes = import_paths(archive, [nq, scan, text])
    assert [o.status for o in outcomes] == ["imported"] * 3
    return [o.article_id for o in outcomes]


@pytest.fixture
def window(qtbot, archive, articles, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(archive, settings)
    qtbot.addWidget(win)
    win.show()
    return win


def open_article(win, article_id):
    win.table.selectRow(win.model.row_of(article_id))
    assert win.pane.article_id == article_id


def title_index(win, article_id):
    return win.model.index(win.model.row_of(article_id), ArticleTableModel.COL_TITLE)


def test_list_draws_the_first_page_beside_pdf_and_scan_titles(window, articles, monkeypatch):
    def no_rendering(*_args, **_kwargs):
        raise AssertionError("the list rendered a page")

    monkeypatch.setattr(page_thumbnails, "of_pdf_page", no_rendering)
    monkeypatch.setattr(page_thumbnails, "of_image", no_rendering)
    nq, scan, text = articles
    for article_id in (nq, scan):
        icon = window.model.data(title_index(window, article_id), Qt.ItemDataRole.DecorationRole)
        assert isinstance(icon, QIcon) and not icon.isNull()
        drawn = icon.pixmap(window.table.iconSize()).toImage()
        assert drawn.height() == window.table.iconSize().height()  # fitted to the row, upright
        assert drawn.width() < drawn.height()
    assert window.model.data(title_index(window, text), Qt.ItemDataRole.DecorationRole) is None
    window.table.grab()  # painting every row takes the stored pictures, renders nothing
    window.table.scrollToBottom()
    window.table.grab()


def test_a_row_is_tall_enough_for_its_page(window, articles):
    nq = articles[0]
    assert window.table.visualRect(title_index(window, nq)).height() >= window.table.iconSize().height()


def test_pane_shows_and_saves_the_document_fields(qtbot, window, archive, articles):
    nq = articles[0]
    open_article(window, nq)
    pane = window.pane
    assert (pane.doc_number.text(), pane.doc_kind.text(), pane.doc_issuer.text()) == \
        ("09-NQ/TU", "Nghị quyết", "Thị ủy Quảng Yên")
    assert pane.origin.isVisibleTo(pane) and "PDF" in pane.origin.text()

    pane.doc_number.setText("10-nq/tu")  # typed carelessly: stored as it is printed
    pane.doc_issuer.setText("Ban Thường vụ Thị ủy Quảng Yên")
    with qtbot.waitSignal(window.writer.done, timeout=10000):
        window.save_action.trigger()
    article = archive.article(nq)
    assert (article.doc_number, article.doc_kind, article.doc_issuer) == \
        ("10-NQ/TU", "Nghị quyết", "Ban Thường vụ Thị ủy Quảng Yên")
    assert {e.what for e in archive.history(nq)} >= {"doc_number", "doc_issuer"}
    assert [h.id for h in archive.search("10-NQ/TU").hits] == [nq]  # found by its own number, not in its text
    assert archive.article(nq).doc_refs[0].number == "10-NQ/TU"

    pane.doc_kind.setFocus()
    pane.doc_kind.setText("Kết luận")
    pane.title.setFocus()  # leaving the field puts the edit on the article's undo stack
    assert pane.is_dirty()
    pane.undo()
    assert pane.doc_kind.text() == "Nghị quyết" and not pane.is_dirty()


def test_clearing_the_number_stores_none(qtbot, window, archive, articles):
    nq = articles[0]
    open_article(window, nq)
    window.pane.doc_number.setText("  ")
    with qtbot.waitSignal(window.writer.done, timeout=10000):
        window.save_action.trigger()
    assert archive.article(nq).doc_number is None


def test_ocr_origin_and_confidence_are_shown_read_only(window, archive, articles):
    _, scan, text = articles
    open_article(window, scan)
    confidence = archive.article(scan).ocr_confidence
    label = window.pane.origin
    assert label.isVisibleTo(window.pane) and "OCR" in label.text()
    assert f"độ tin cậy {round(confidence)} %" in label.text()
    assert not label.textInteractionFlags() & Qt.TextInteractionFlag.TextEditable
    open_article(window, text)
    assert not label.isVisibleTo(window.pane)  # typed text: no origin row
    assert window.pane.doc_number.text() == "" and window.pane.doc_number.isEnabled()


def test_readonly_archive_shows_the_fields_without_editing(qtbot, archive, articles, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "ro.ini"), QSettings.Format.IniFormat))
    window = MainWindow(archive, settings)
    qtbot.addWidget(window)
    window.pane.set_readonly(True)
    open_article(window, articles[0])
    assert window.pane.doc_number.text() == "09-NQ/TU" and window.pane.doc_number.isReadOnly()
    assert window.pane.doc_issuer.isReadOnly() and window.pane.doc_kind.isReadOnly()


def test_tools_menu_makes_thumbnails_for_older_articles(qtbot, window, archive, articles):
    nq, scan, text = articles
    with archive.session() as s:  # as imported before the list showed pages
        from db import models as m

        s.query(m.PageThumbnail).delete()
    window.model.refresh()
    assert window.model.data(title_index(window, nq), Qt.ItemDataRole.DecorationRole) is None
    action = window.findChild(type(window.save_action), "thumbnailsAction")
    with qtbot.waitSignal(window.task_done, timeout=30000):
        action.trigger()
    for article_id in (nq, scan):
        assert isinstance(window.model.data(title_index(window, article_id), Qt.ItemDataRole.DecorationRole), QIcon)
    assert window.model.data(title_index(window, text), Qt.ItemDataRole.DecorationRole) is None
    assert "2/2" in window.statusBar().currentMessage()
