"""``luutru``: start the desktop application.

    luutru                    the last archive used, or the default one
    luutru --archive PATH     a given archive folder
    luutru --demo             a throw-away archive filled with the sample articles
    luutru --lang en          English interface (Vietnamese is the default)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.core.archive import Archive, ArchiveError, ArchiveLocked
from desktop.core.maintenance.demo import build_demo
from desktop.paths import APP_NAME, default_archive, resources
from desktop.ui.messages import LANGUAGE_PROPERTY, localized
from desktop.ui.settings import Settings


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


def _excepthook(exc_type, exc, tb):
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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="luutru")
    parser.add_argument("--archive", type=Path)
    parser.add_argument("--demo", action="store_true", help="open a throw-away archive of sample articles")
    parser.add_argument("--lang", choices=["vi", "en"])
    parser.add_argument("--self-test", action="store_true", help="run the offline self-test and exit")
    args, qt_args = parser.parse_known_args(argv)
    if args.self_test:
        from desktop.selftest import run_self_test

        return run_self_test()
    app = make_app([sys.argv[0], *qt_args])
    settings = Settings()
    install_translator(app, args.lang or settings.language)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if (args.lang or settings.language) == "vi" else QLocale.Language.English))
    sys.excepthook = _excepthook
    from desktop.ui.main_window import MainWindow

    demo_folder = tempfile.TemporaryDirectory(prefix="luutru-demo-", ignore_cleanup_errors=True) if args.demo else None
    try:
        if demo_folder is not None:
            archive = build_demo(Path(demo_folder.name) / "archive")
        else:
            path = args.archive or (Path(settings.last_archive) if settings.last_archive else default_archive())
            archive = open_archive(path)
            if archive is None:
                return 1
    except ArchiveError as exc:
        QMessageBox.critical(None, APP_NAME, localized(str(exc)))
        return 1
    window = MainWindow(archive, settings, demo=args.demo)
    window.show()
    if not args.demo and not archive.readonly:
        start_auto_backup(window)
    code = app.exec()
    archive.close()
    if demo_folder is not None:
        demo_folder.cleanup()  # a demo is thrown away, not left in the temporary folder
    return code


if __name__ == "__main__":
    sys.exit(main())
