"""The Qt application around the window: translations, the icon, error dialogs, opening an archive.

:mod:`desktop.gui` is the entry point that puts these together.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from urllib.parse import quote, urlsplit

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.core.archive import Archive, ArchiveError, ArchiveLocked
from desktop.paths import APP_NAME, local_archive, resources
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


def open_archive(path: Path | str) -> Archive | None:
    """Open for writing; if another LuuTru has it, offer read-only instead of failing.
    If the office server cannot be reached, offer this PC's own archive folder instead.
    A remembered server address has no password: the OS keyring's is used if the person
    asked for it to be kept, else (or if it no longer works) they are asked to sign in."""
    if isinstance(path, str) and urlsplit(path).password is None:
        return _sign_in(path)
    try:
        return Archive.open(path)
    except ArchiveLocked as exc:
        box = readonly_question(getattr(exc.__cause__, "holder", {}))
        if box.exec() != QMessageBox.StandardButton.Yes:
            return None
        return Archive.open(path, readonly=True)
    except ArchiveError as exc:
        if not isinstance(path, str):
            raise
        return _offer_local(str(exc))


def _sign_in(address: str) -> Archive | None:
    from desktop.ui import passwords
    from desktop.ui.server_dialog import ServerDialog

    password = passwords.recall(address)
    try:  # without one the server may still let them in (a .pgpass file, Windows' own sign-in)
        return Archive.open(address if password is None else address.replace("@", f":{quote(password, safe='')}@", 1))
    except ArchiveError as exc:
        message = "" if password is None and "password" in str(exc) else str(exc)
    dialog = ServerDialog.signing_in(address, message=message)
    if dialog.exec() and dialog.archive is not None:
        return dialog.archive
    return _offer_local(QCoreApplication.translate("App", "Chưa đăng nhập vào máy chủ {0}.").format(address))


def _offer_local(reason: str) -> Archive | None:
    answer = QMessageBox.question(
        None, APP_NAME, f"{reason}\n\nMở kho lưu trữ trên máy này? (Open this PC's own archive instead?)",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    return open_archive(local_archive())


def readonly_question(holder: dict) -> QMessageBox:
    who = f"{holder.get('user', '?')}@{holder.get('host', '?')}"
    text = QCoreApplication.translate("App", "Kho này đang được mở để sửa ở {0}.\n\nMở ở chế độ chỉ đọc?").format(who)
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setObjectName("readonlyQuestion")
    return box


def start_auto_backup(window) -> None:
    """Daily rotating backup in the user data folder, in the background (by an account that
    may back up: on a server, an admin's PC)."""
    from desktop.paths import backups_folder

    if not window.archive.access.may("backup"):
        return
    window.auto_backup(backups_folder())
