"""Subprocess for the screen-size test: open the window on a screen of a given size
(the offscreen platform's screen is set by the caller) and report what does not fit.

    python -m tests.helpers.screen_fit ARCHIVE SETTINGS_FILE LANGUAGE
"""

import json
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.core.archive import Archive
from desktop.ui.app import install_translator
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.helpers.clipping import clipped


def main() -> None:
    root, settings_file, language = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = QApplication([])
    install_translator(app, language)
    with Archive.open(root) as archive:
        window = MainWindow(archive, Settings(QSettings(settings_file, QSettings.Format.IniFormat)), demo=True)
        window.show()
        window.table.selectRow(window.model.row_of(1))  # an article with photos, units and topics
        for _ in range(5):
            app.processEvents()
        available = window.screen().availableGeometry()
        frame = window.frameGeometry()
        report = {
            "available": list(available.getRect()),
            "frame": list(frame.getRect()),
            "fits": available.contains(frame),
            "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
            "clipped": clipped(window),
        }
        window.close()
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
