"""The Qt application around the window: translations, the icon, error dialogs, opening an archive.

:mod:`desktop.gui` is the entry point that puts these together.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.core.archive import Archive, ArchiveLocked
from desktop.paths import APP_NAME, resources
from desktop.ui.messages import LANGUAGE_PROPERTY, localized


def install_translator(app: QApplication, language: str) -> list[QTranslator]:
    """LuuTru's strings in English, or Qt's own (Cancel, Yes, Undo, the file dialog) in
    Vietnamese, which Qt does not ship: resources/translations/qtbase_vi.ts is ours."""
    app.setProperty(LANGUAGE_PROPERTY, language)
    installed = []
    for name in (["luutru_en"] if language == "en" else ["qtbase_vi"]):
        translator = QTranslator(app)
        if translator.load(str(resources() / "translations" / f"{name}.qm")):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def excepthook(exc_type, exc, tb):
    """An unexpected error becomes a dialog with one clear line (details for the curious)."""
    traceback.print_exception(exc_type, exc, tb)
    if QApplication.instance() is None:
        return
    error_box(exc, "".join(traceback.format_exception(exc_type, exc, tb))).exec()


def error_box(exc: BaseException, details: str) -> QMessageBox:
    text = QCoreApplication.translate("App", "Đã xảy ra lỗi: {0}\nDữ liệu đã lưu không bị ảnh hưởng.")
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text.format(localized(str(exc))))
    box.setObjectName("unexpectedError")
    box.setDetailedText(details)
    return box


def make_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    icon = resources() / "icons" / "luutru.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def open_archive(path: Path) -> Archive | None:
    """Open for writing; if another LuuTru has it, offer read-only instead of failing."""
    try:
        return Archive.open(path)
    except ArchiveLocked as exc:
        box = readonly_question(getattr(exc.__cause__, "holder", {}))
        if box.exec() != QMessageBox.StandardButton.Yes:
            return None
        return Archive.open(path, readonly=True)


def readonly_question(holder: dict) -> QMessageBox:
    who = f"{holder.get('user', '?')}@{holder.get('host', '?')}"
    text = QCoreApplication.translate("App", "Kho này đang được mở để sửa ở {0}.\n\nMở ở chế độ chỉ đọc?").format(who)
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setObjectName("readonlyQuestion")
    return box


def start_auto_backup(window) -> None:
    """Daily rotating backup in the user data folder, in the background."""
    from desktop.paths import backups_folder

    window.auto_backup(backups_folder())
