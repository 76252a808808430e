"""Opening the real main window in a test, shown and exposed like a clerk's."""

from desktop.ui.main_window import MainWindow


def open_window(qtbot, archive, settings, **kwargs) -> MainWindow:
    win = MainWindow(archive, settings, **kwargs)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    return win
