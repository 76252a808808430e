"""Vietnamese everywhere, English when asked (issue 17, item 8).

Every menu and dialog the window shows is walked in both languages; a string
of the other language fails the test.  Qt's own strings (buttons, context
menus, the non-native file dialog) come from resources/translations/qtbase_vi.
"""

import datetime as dt
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QTableView,
    QTreeView,
    QWidget,
)

from desktop.core.archive import Archive  # noqa: E402
from desktop.core.draft import ArticleDraft  # noqa: E402
from desktop.core.pdf.compilation import CompilationOptions  # noqa: E402
from desktop.core.maintenance.demo import build_demo  # noqa: E402
from desktop.core.errors import EditConflict  # noqa: E402
from desktop.core.views import EditView, ImportOutcome  # noqa: E402
from desktop.paths import resources  # noqa: E402
from desktop.ui.app import error_box, install_translator, readonly_question  # noqa: E402
from desktop.ui.conflict_dialog import ConflictDialog, article_rows  # noqa: E402
from desktop.ui.dialogs import ExportDialog, SettingsDialog, TagPickerDialog, import_summary  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.near_duplicates import NearDuplicatesDialog  # noqa: E402
from desktop.ui.settings import Settings  # noqa: E402

TRANSLATIONS = resources() / "translations"
BOTH = {"LuuTru", "Tiếng Việt", "English", "PDF", "A4", "A5", "Zip"}  # the same in either language


def test_compiled_translations_match_their_sources(tmp_path):
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    if not lrelease.exists():
        lrelease = shutil.which("pyside6-lrelease")
    assert lrelease, "pyside6-lrelease comes with PySide6-Essentials"
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        out = tmp_path / f"{ts.stem}.qm"
        subprocess.run([str(lrelease), str(ts), "-qm", str(out)], check=True, capture_output=True)
        assert out.read_bytes() == (TRANSLATIONS / f"{ts.stem}.qm").read_bytes(), f"{ts.name}: run pyside6-lrelease"
        root = ET.parse(ts).getroot()
        unfinished = [m.findtext("source") for m in root.iter("message")
                      if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")]
        assert unfinished == [], ts.name


# ------------------------------------------------------------------ language tests

def _vietnamese_letter(char: str) -> bool:
    if char in "đĐ":
        return True
    base = unicodedata.normalize("NFD", char)
    return len(base) > 1 and base[0].isascii() and base[0].isalpha()


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)}


def _vocabularies() -> tuple[set[str], set[str]]:
    """English words (from the English translation and Qt's sources) that are no Vietnamese
    word written without diacritics, e.g. "Cancel", "Details", "Undo", "File"."""
    english, vietnamese = set(), set()
    for ts, vi_is_source in ((TRANSLATIONS / "luutru_en.ts", True), (TRANSLATIONS / "qtbase_vi.ts", False)):
        for message in ET.parse(ts).getroot().iter("message"):
            source, translation = message.findtext("source") or "", message.findtext("translation") or ""
            vi, en = (source, translation) if vi_is_source else (translation, source)
            english |= _words(_clean(en))
            vietnamese |= _words(_clean(vi))
    return english - vietnamese, vietnamese


def _clean(text: str) -> str:
    """The words a user reads: no markup, accelerators, shortcuts, quoted examples or query fields."""
    text = re.sub(r"<[^>]+>", " ", text).replace("&", "")
    text = text.split("\t")[0]
    text = re.sub(r'"[^"]*"|«[^»]*»', " ", text)  # examples of what to type are data
    text = re.sub(r"\b[a-z]+:", " ", text)  # query fields: unit:, topic:
    text = re.sub(r"\(Ctrl[^)]*\)|Ctrl\+\S+", " ", text)
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # file paths are data
    return text


ENGLISH_WORDS, _ = _vocabularies()


def wrong_language(texts, language: str) -> list[str]:
    found = []
    for text in texts:
        clean = _clean(text).strip()
        if not clean or clean in BOTH:
            continue
        if language == "en" and any(_vietnamese_letter(c) for c in clean):
            found.append(text)
        if language == "vi" and _words(clean) & ENGLISH_WORDS:
            found.append(text)
    return found


def shown_texts(top: QWidget, skip: tuple = ()) -> list[str]:
    """Every string a widget tree shows as interface (not the articles' data in it)."""
    texts = [top.windowTitle()] if top.isWindow() and not isinstance(top, MainWindow) else []
    for widget in [top, *top.findChildren(QWidget)]:
        if any(widget is s or s.isAncestorOf(widget) for s in skip):
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QMessageBox):
            texts += [widget.text(), widget.informativeText()]
        if isinstance(widget, (QTableView, QTreeView)):
            header = widget.horizontalHeader() if isinstance(widget, QTableView) else widget.header()
            if not header.isHidden():
                texts += [str(widget.model().headerData(i, Qt.Orientation.Horizontal) or "") for i in range(header.count())]
        for action in widget.actions():
            texts.append(action.text())
            if action.menu() is not None:
                texts += [a.text() for a in action.menu().actions()]
    return [t for t in texts if t]


def conflict_dialog(archive, parent) -> ConflictDialog:
    """The dialog of a save refused because "lan" changed the title and a caption first."""
    theirs = archive.article(1)
    changes = (EditView(dt.datetime(2026, 12, 1, 7, 5), "lan", "title", "cũ", theirs.title, 2),
               EditView(dt.datetime(2026, 12, 1, 7, 5), "lan", "ảnh 1: chú thích", "cũ", "mới", 2))
    mine = {"title": "Tiêu đề khác", "lead": theirs.lead, "body": theirs.body}
    return ConflictDialog(EditConflict(1, 1, 2, changes, theirs),
                          article_rows(theirs, mine, [(p.id, p.caption, "") for p in theirs.photos]), parent)


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("lang") / "demo"
    archive = build_demo(root)
    old = archive.article(3)
    copy = archive.add_draft(ArticleDraft(title=old.title + " (đăng lại)", lead=old.lead,
                                          body=old.body + "\n\nBáo Đồng Tháp đưa tin.", published_date=old.published_date))
    assert copy.similar_to == 3
    archive.close()
    return root


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_dialog_and_menu_speaks_one_language(qtbot, tmp_path, demo_root, language):
    app = QApplication.instance()
    shutil.copytree(demo_root, tmp_path / "demo")
    translators = install_translator(app, language)
    archive = Archive.open(tmp_path / "demo")
    try:
        settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        win = MainWindow(archive, settings, demo=True)
        qtbot.addWidget(win)
        win.show()
        win.table.selectRow(win.model.row_of(1))
        pane = win.pane
        found = {"window": shown_texts(win, skip=(win.sidebar, pane.units, pane.topics, pane.refs, pane.circulation))}
        found["sidebar headings"] = [win.sidebar.topLevelItem(i).text(0).rsplit(" (", 1)[0]
                                     for i in range(win.sidebar.topLevelItemCount())]
        found["menus"] = [a.text() for m in win.menuBar().findChildren(QMenu) for a in m.actions()]
        found["line edit menu"] = [a.text() for a in win.search_box.createStandardContextMenu().actions()]
        found["text edit menu"] = [a.text() for a in pane.body.createStandardContextMenu().actions()]

        dialogs = {
            "tags": TagPickerDialog(win.tr("Gắn đơn vị"), archive.unit_tree(), set(), lambda *a: 0, win),
            "export": ExportDialog(CompilationOptions(title=win.tr("Tập bài viết")), 1, 5, win),
            "settings": SettingsDialog(settings, win),
            "near-duplicates": NearDuplicatesDialog(archive.near_duplicates(), archive.article, lambda *a: None, win),
            "import summary": import_summary(win, [
                ImportOutcome("a.txt", "failed", reason="tệp nhị phân, không phải văn bản (binary file)"),
                ImportOutcome("b.txt", "imported", article_id=6, similar_to=3)], True, lambda: None),
            "read-only": readonly_question({"user": "vanthu", "host": "may-2"}),
            "unexpected error": error_box(ValueError("kho đang mở chỉ để đọc (archive is open read-only)"), "Traceback"),
            "progress": QProgressDialog(win.tr("Đang xuất PDF…"), win.tr("Hủy"), 0, 0, win),
            "file dialog": QFileDialog(win, win.tr("Lưu PDF"), str(tmp_path), "PDF (*.pdf)"),
            "edit conflict": conflict_dialog(archive, win),
        }
        dialogs["file dialog"].setOption(QFileDialog.Option.DontUseNativeDialog)
        dialogs["file dialog"].setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        win.show_history()
        dialogs["history"] = win.findChild(QMessageBox, "historyBox")
        pane.date.setText("31/02/2023")
        win.save_action.trigger()  # a date that does not exist: an error box says so
        dialogs["error"] = win.findChild(QMessageBox, "errorBox")
        with qtbot.waitSignal(win.task_done, timeout=30000):
            win.check_archive()
        dialogs["integrity"] = win.findChild(QMessageBox, "integrityBox")
        progress = win.findChild(QProgressDialog, "progressDialog")
        if progress is not None:
            dialogs["task progress"] = progress
        for name, dialog in dialogs.items():
            dialog.show()
            found[name] = shown_texts(dialog, skip=tuple(dialog.findChildren(QAbstractItemView))
                                      if name in ("tags", "near-duplicates") else ())
            if name == "file dialog":
                found[name] += [a.text() for a in dialog.findChildren(type(win.save_action))]
            dialog.close()
        with qtbot.waitSignal(win.task_done, timeout=30000):
            win.auto_backup(tmp_path / "backups")
        found["auto-backup status"] = [win.statusBar().currentMessage()]
        assert any(found.values())
        problems = {name: wrong_language(texts, language) for name, texts in found.items()}
        assert {k: v for k, v in problems.items() if v} == {}
        assert len(found["file dialog"]) > 10 and found["auto-backup status"] != [""]
    finally:
        archive.close()
        for translator in translators:
            app.removeTranslator(translator)
        app.setProperty("luutruLanguage", None)
