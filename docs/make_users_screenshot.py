"""The Users dialog (accounts and their clearance) on a throw-away PostgreSQL, at 1366x768:

    xvfb-run -a -s "-screen 0 1366x768x24" python docs/make_users_screenshot.py vi docs/screenshot-users-1366.png

Needs PostgreSQL's server programs (apt-get install postgresql), as the tests do.
"""
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers.pgcluster import Cluster, binaries  # noqa: E402

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from desktop.core.archive import Archive  # noqa: E402
from desktop.core.importing import import_paths  # noqa: E402
from desktop.ui.app import install_translator, make_app  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.settings import Settings  # noqa: E402

language = sys.argv[1] if len(sys.argv) > 1 else "vi"
out = Path(sys.argv[2])
cluster = Cluster(binaries()).start()
try:
    cluster.sql("CREATE DATABASE luutru")
    tmp = Path(tempfile.mkdtemp(prefix="shots-"))
    os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")
    url = cluster.url("luutru")
    archive = Archive.open(url, create=True)
    import_paths(archive, sorted((ROOT / "resources" / "sample").glob("*.txt"))[:5])
    for name, role in (("nguyenvana", "clerk"), ("tranthib", "reader"), ("phamvanc", "reader"),
                       ("lethid", "admin"), ("hoangvane", "clerk")):
        archive.accounts.add(name, role, "mat-khau-dai-1")
    archive.clearance.set_highest("nguyenvana", "secret")
    archive.clearance.set_highest("phamvanc", "topsecret")
    archive.accounts.set_enabled("hoangvane", False)
    app = make_app(sys.argv[:1])
    install_translator(app, language)
    settings = Settings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(archive, settings)
    window.show()
    holder = {}
    steps = [
        lambda: holder.setdefault("dialog", window.users_dialog()),
        lambda: None,
        lambda: holder["dialog"].table.selectRow(1),
        lambda: QGuiApplication.primaryScreen().grabWindow(0).save(str(out)),
        lambda: holder["dialog"].close(),
        app.quit,
    ]
    for number, step in enumerate(steps, start=1):
        QTimer.singleShot(1500 * number, step)
    app.exec()
    archive.close()
finally:
    cluster.stop()
