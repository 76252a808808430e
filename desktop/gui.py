"""``luutru``: start the desktop application.

    luutru                    the last archive used, or the default one
    luutru --archive PATH     a given archive folder
    luutru --demo             a throw-away archive filled with the sample articles
    luutru --lang en          English interface (Vietnamese is the default)
    luutru --self-test        prove a (frozen) build works, offline, and exit

The entry point sits above both the window and the self-test, so neither
imports the other's caller.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox

from desktop.core.archive import ArchiveError
from desktop.core.errors import ArchiveDamaged
from desktop.paths import APP_NAME, BadLocation, archive_location, default_archive
from desktop.ui.first_paint import AfterFirstPaint
from desktop.ui.app import excepthook, install_translator, make_app, open_archive, start_auto_backup
from desktop.ui.messages import localized
from desktop.ui.settings import Settings


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="luutru")
    parser.add_argument("--archive", help="an archive folder or postgresql://user:password@host:port/dbname")
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
    sys.excepthook = excepthook
    demo_folder = tempfile.TemporaryDirectory(prefix="luutru-demo-", ignore_cleanup_errors=True) if args.demo else None
    try:
        if demo_folder is not None:
            from desktop.core.maintenance.demo import build_demo  # Pillow draws its photos: only for a demo

            archive = build_demo(Path(demo_folder.name) / "archive")
        else:
            chosen = args.archive or settings.last_archive
            try:
                path = archive_location(chosen) if chosen else default_archive()
            except BadLocation as exc:
                raise ArchiveError(str(exc)) from exc
            archive = open_archive(path)
            if archive is None:
                return 1
    except ArchiveDamaged as exc:
        from desktop.core.maintenance.salvage import damaged_message
        from desktop.paths import backups_folder

        QMessageBox.critical(None, APP_NAME, damaged_message(exc, path, backups_folder()))
        return 1
    except ArchiveError as exc:
        QMessageBox.critical(None, APP_NAME, localized(str(exc)))
        return 1
    window = show_window(app, archive, settings, demo=args.demo)
    if not args.demo and not archive.readonly:
        start_auto_backup(window)
    code = app.exec()
    archive.close()
    if demo_folder is not None:
        demo_folder.cleanup()  # a demo is thrown away, not left in the temporary folder
    return code


def show_window(app, archive, settings: Settings, *, demo: bool = False):
    """The main window on ``archive``; once it has painted, the window's indexer process
    starts (a save returns at its commit; the indexer catches up).  Opening the index
    loads the search engine, which the list of articles does not need to show."""
    from desktop.ui.main_window import MainWindow

    window = MainWindow(archive, settings, demo=demo)
    AfterFirstPaint(window, archive.index_in_background)
    window.show()
    return window


if __name__ == "__main__":
    sys.exit(main())
