"""Regenerate the screenshots in docs/ from the demo archive, on an office laptop's screen.

    xvfb-run -a -s "-screen 0 1366x768x24" python docs/make_screenshots.py vi
    xvfb-run -a -s "-screen 0 1366x768x24" python docs/make_screenshots.py en

Runs the real window (first start: sized from the screen) on a virtual X
display, performs the README's flow (search without diacritics, open the
October 2022 meeting, settle a near-duplicate) and saves what the screen shows
as docs/screenshot-*-1366.png (English ones with -en).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.core.draft import ArticleDraft
from desktop.core.maintenance.demo import build_demo
from desktop.ui.app import install_translator, make_app
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings

OUT = Path(__file__).resolve().parent


def main() -> int:
    app = make_app(sys.argv)
    language = sys.argv[1] if len(sys.argv) > 1 else "vi"
    install_translator(app, language)
    tmp = Path(tempfile.mkdtemp(prefix="luutru-shots-"))
    archive = build_demo(tmp / "archive")
    old = archive.article(3)  # a copy republished with an edit, for the near-duplicate dialog
    archive.add_draft(ArticleDraft(title=old.title, lead=old.lead, published_date=old.published_date,
                                   body=old.body.replace("Hội nghị", "Hội nghị thường kỳ", 1) + "\n\nTheo Báo Đồng Tháp."))
    settings = Settings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(archive, settings, demo=True)
    window.show()
    suffix = ("" if language == "vi" else f"-{language}") + "-1366"
    screen = QGuiApplication.primaryScreen()

    def shoot(name: str) -> None:
        screen.grabWindow(0).save(str(OUT / f"screenshot-{name}{suffix}.png"))

    steps = [
        lambda: window.search_box.setText("giao ban thi uy"),
        lambda: window.reload_list(),
        lambda: window.table.selectRow(window.model.row_of(1)),
        lambda: shoot("search"),
        lambda: window.search_box.setText(""),
        lambda: window.reload_list(),
        lambda: window.table.selectRow(window.model.row_of(2)),
        lambda: shoot("article"),
        window.show_near_duplicates,
        lambda: shoot("near-duplicates"),
        lambda: QApplication.activeModalWidget() and QApplication.activeModalWidget().close(),
        app.quit,
    ]
    for number, step in enumerate(steps, start=1):
        QTimer.singleShot(700 * number, step)
    app.exec()
    archive.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
