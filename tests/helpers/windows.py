"""Opening the real main window in a test, shown and exposed like a clerk's."""

from desktop.ui.first_paint import AfterFirstPaint
from desktop.ui.main_window import MainWindow


def open_window(qtbot, archive, settings, **kwargs) -> MainWindow:
    """The window shown, after its first paint and what it starts then (counts, a long list's rest)."""
    win = MainWindow(archive, settings, **kwargs)
    qtbot.addWidget(win)
    painted = []
    AfterFirstPaint(win, lambda: painted.append(True))  # after the window's own: its timer fires first
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: bool(painted))
    return win


def listed(qtbot, win, action=None, timeout=30000) -> None:
    """Run ``action`` (default: reload the list) and wait until the list shows its outcome:
    a search answers off the GUI thread."""
    with qtbot.waitSignal(win.list_shown, timeout=timeout):
        (action or win.reload_list)()


def search_in(qtbot, win, text: str) -> None:
    """Search ``text`` at once (no typing delay) and wait for the list."""
    win.search_box.setText(text)
    listed(qtbot, win)


def counted(qtbot, win, timeout=30000) -> None:
    """Wait until the sidebar shows its counts: the window counts off the GUI thread."""
    from desktop.ui.sidebar import Scope

    qtbot.waitUntil(lambda: (win.sidebar.find_label(Scope("all")) or "").endswith(")"), timeout=timeout)
