import itertools
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.core.archive import Archive  # noqa: E402
from desktop.paths import resources  # noqa: E402

SAMPLES = resources() / "sample"


def seed_path(prefix: str) -> Path:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture
def seeds() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


ENGINES = ("sqlite", "postgresql")
TEMPLATE = "luutru_template"
_databases = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL for the session, with a migrated template database.

    Locally the tests needing it skip when PostgreSQL is not installed; on CI
    (``CI`` set) they fail, loudly, since they are the point there."""
    from helpers.pgcluster import Cluster, binaries

    folder = binaries()
    if folder is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed but CI must test it (apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    cluster = Cluster(folder).start()
    try:
        cluster.sql(f"CREATE DATABASE {TEMPLATE}")
        Archive.open(cluster.url(TEMPLATE), create=True).close()  # migrations run once, not per test
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pc_cache(tmp_path, monkeypatch):
    """This test's own per-PC cache folder (server archives keep their index there)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def server_url(pg_cluster, pc_cache):
    """A fresh server archive (a database copied from the migrated template)."""
    name = f"t{os.getpid()}_{next(_databases)}"
    pg_cluster.sql(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    return pg_cluster.url(name)


CLERKS = ("lan", "hoa")


@pytest.fixture(scope="session")
def clerk_roles(pg_cluster, tmp_path_factory):
    """Two clerks' accounts (login roles in the clerk group, made as ``users add`` makes
    them), once per cluster: roles are cluster-wide, the grants are in every archive."""
    name = f"clerks{os.getpid()}"
    pg_cluster.sql(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        with Archive.open(pg_cluster.url(name)) as archive:
            for clerk in CLERKS:
                archive.accounts.add(clerk, "clerk", f"mat-khau-{clerk}")
    return CLERKS


@pytest.fixture
def clerk_urls(server_url, pg_cluster, clerk_roles):
    """The server archive as each clerk signs in to it: name → URL."""
    database = server_url.rsplit("/", 1)[1]
    return {name: pg_cluster.url(database, name, f"mat-khau-{name}") for name in clerk_roles}


@pytest.fixture
def empty_server_url(pg_cluster, pc_cache):
    """An empty database on the server, as an office's ``createdb`` leaves it."""
    name = f"e{os.getpid()}_{next(_databases)}"
    pg_cluster.sql(f"CREATE DATABASE {name}")
    return pg_cluster.url(name)


def on_both_engines():
    """A module's ``engine = on_both_engines()`` runs its archive tests on SQLite and PostgreSQL."""

    @pytest.fixture(params=ENGINES)
    def engine(request):
        return request.param

    return engine


# For a test of what only a folder archive has (its SQLite file, its one-writer lock).
sqlite_only = pytest.mark.parametrize("engine", ["sqlite"])


@pytest.fixture
def engine():
    """The engine the ``archive`` fixture uses (SQLite unless the module runs on both)."""
    return "sqlite"


@pytest.fixture
def archive_location(engine, tmp_path, request):
    """Where a fresh archive is: a folder, or a server database."""
    if engine == "postgresql":
        return request.getfixturevalue("server_url")
    return tmp_path / "archive"


@pytest.fixture
def archive(archive_location):
    """A fresh, empty archive for each test."""
    with Archive.open(archive_location) as arch:
        yield arch


@pytest.fixture
def seeded(archive, seeds):
    """The archive with the five sample articles imported (ids 1–5 in file order)."""
    from desktop.core.importing import import_paths

    outcomes = import_paths(archive, seeds)
    assert [o.status for o in outcomes] == ["imported"] * 5
    return archive


@pytest.fixture
def demo_archive(tmp_path):
    """The demo archive: the samples with drawn photos, unit and topic trees, tags."""
    from desktop.core.maintenance.demo import build_demo

    archive = build_demo(tmp_path / "demo")
    yield archive
    archive.close()


# ------------------------------------------------------------------ the window


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo archive built once; each window test works on its own copy."""
    from desktop.core.maintenance.demo import build_demo

    root = tmp_path_factory.mktemp("template") / "demo"
    build_demo(root).close()
    return root


@pytest.fixture
def demo(tmp_path, demo_template):
    shutil.copytree(demo_template, tmp_path / "demo")
    archive = Archive.open(tmp_path / "demo")
    yield archive
    archive.close()


@pytest.fixture
def settings(tmp_path):
    """The window's settings in this test's own file, never the user's."""
    from PySide6.QtCore import QSettings

    from desktop.ui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, demo, settings):
    """The main window on a copy of the demo archive, its sidebar counted."""
    from helpers.windows import counted, open_window

    win = open_window(qtbot, demo, settings, demo=True)
    counted(qtbot, win)
    return win
