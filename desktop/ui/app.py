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

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.core.archive import Archive, ArchiveError, ArchiveLocked
from desktop.core.errors import ArchiveDamaged
from desktop.core.maintenance.demo import build_demo
from desktop.paths import APP_NAME, default_archive, resources
from desktop.ui.settings import Settings


def install_translator(app: QApplication, language: str) -> QTranslator | None:
    if language == "vi":
        return None
    translator = QTranslator(app)
    if translator.load(str(resources() / "translations" / f"luutru_{language}.qm")):
        app.installTranslator(translator)
        return translator
    return None


def _excepthook(exc_type, exc, tb):
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

    try:
        if args.demo:
            archive = build_demo(Path(tempfile.mkdtemp(prefix="luutru-demo-")) / "archive")
        else:
            path = args.archive or (Path(settings.last_archive) if settings.last_archive else default_archive())
            archive = open_archive(path)
            if archive is None:
                return 1
    except ArchiveDamaged as exc:
        from desktop.core.maintenance.salvage import damaged_message
        from desktop.paths import backups_folder

        QMessageBox.critical(None, APP_NAME, damaged_message(exc, path, backups_folder()))
        return 1
    except ArchiveError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window = MainWindow(archive, settings, demo=args.demo)
    window.show()
    if not args.demo and not archive.readonly:
        start_auto_backup(window)
    code = app.exec()
    archive.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
