"""The Qt application around the window: translations, the icon, error dialogs, opening an archive.

:mod:`desktop.gui` is the entry point that puts these together.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.core.archive import Archive, ArchiveLocked
from desktop.paths import APP_NAME, resources


def install_translator(app: QApplication, language: str) -> QTranslator | None:
    if language == "vi":
        return None
    translator = QTranslator(app)
    if translator.load(str(resources() / "translations" / f"luutru_{language}.qm")):
        app.installTranslator(translator)
        return translator
    return None


def excepthook(exc_type, exc, tb):
    """An unexpected error becomes a dialog with one clear line (details for the curious)."""
    traceback.print_exception(exc_type, exc, tb)
    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, f"Đã xảy ra lỗi: {exc}\nDữ liệu đã lưu không bị ảnh hưởng.")
    box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
    box.exec()


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
        answer = QMessageBox.question(
            None, APP_NAME, f"{exc}\n\nMở ở chế độ chỉ đọc? (Open read-only?)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return Archive.open(path, readonly=True)


def start_auto_backup(window) -> None:
    """Daily rotating backup in the user data folder, in the background."""
    from desktop.core.maintenance.backup import auto_backup
    from desktop.paths import backups_folder

    window.run_task(
        window.tr("Đang sao lưu tự động…"),
        lambda progress, cancelled: auto_backup(window.archive, backups_folder(), keep=window.settings.backups_kept),
        lambda made, _c: window.statusBar().showMessage(window.tr("Đã sao lưu tự động: {0}").format(made)) if made else None,
        modal=False,
    )
