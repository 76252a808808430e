"""Regenerate the screenshots in docs/ from the demo archive.

    xvfb-run -s "-screen 0 1600x1000x24" python docs/make_screenshots.py

Runs the real window on a virtual X display, performs the README's flow
(search without diacritics, open the October 2022 meeting) and saves PNGs.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication

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
    settings = Settings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(archive, settings, demo=True)
    window.resize(1500, 900)
    window.show()
    suffix = "" if language == "vi" else f"-{language}"
    steps = [
        lambda: window.search_box.setText("giao ban thi uy"),
        lambda: window.reload_list(),
        lambda: window.table.selectRow(window.model.row_of(1)),
        lambda: QGuiApplication.primaryScreen().grabWindow(window.winId()).save(str(OUT / f"screenshot-search{suffix}.png")),
        lambda: window.search_box.setText(""),
        lambda: window.reload_list(),
        lambda: window.table.selectRow(window.model.row_of(2)),
        lambda: QGuiApplication.primaryScreen().grabWindow(window.winId()).save(str(OUT / f"screenshot-article{suffix}.png")),
        app.quit,
    ]
    for number, step in enumerate(steps, start=1):
        QTimer.singleShot(600 * number, step)
    app.exec()
    archive.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
