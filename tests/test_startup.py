"""Start-up stays lean (issue 22 item 3): what the command line loads, and no
migration work when the schema is already current.  Each check runs in a
fresh interpreter, since this test process has long since imported everything."""

import json
import subprocess
import sys

from alembic import command

from conftest import SAMPLES
from db.migrate import _config, current_revision, declared_head, head_revision, is_current
from desktop.core.archive import Archive
from desktop.core.importing import import_file

HEAVY = ("sqlalchemy", "alembic", "numpy", "whoosh", "reportlab", "PIL", "PySide6")
POSTGRES = "sqlalchemy.dialects.postgresql"  # and asyncpg, psycopg: a server's, never a folder's


def loaded_after(argv: list[str]) -> tuple[str, list[str]]:
    """Run ``luutru-cli argv`` in a fresh interpreter: its output and which HEAVY packages it loaded."""
    script = (
        "import contextlib, io, json, sys\n"
        "from desktop import cli\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n"
        f"        cli.main({argv!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        f"heavy += [m for m in ({POSTGRES!r}, 'desktop.core.store.server') if m in sys.modules]\n"
        "print(json.dumps([out.getvalue(), heavy]))\n"
    )
    output, heavy = printed_by(script)
    return output, heavy


def printed_by(script: str):
    """Run ``script`` in a fresh interpreter (from the checkout) and return the JSON of its last line."""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=SAMPLES.parent.parent, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


def test_help_and_version_load_no_database_index_or_pdf_library():
    output, heavy = loaded_after(["--help"])
    assert "search" in output and "export-pdf" in output
    assert heavy == []
    output, heavy = loaded_after(["search", "--help"])
    assert "--limit" in output and heavy == []
    output, heavy = loaded_after(["--version"])
    assert output.startswith("LuuTru ") and heavy == []


def test_search_on_a_current_folder_archive_loads_no_sqlalchemy_alembic_pdf_images_or_server(tmp_path, seeds):
    """desktop/core/quick_search.py: the index and the hits are read through sqlite3."""
    root = tmp_path / "kho"
    with Archive.open(root) as arch:
        for path in seeds:
            import_file(arch, path)
        town = arch.add_unit("Thị ủy Quảng Yên")
        arch.tag([1, 2], unit_ids=[town])
    output, heavy = loaded_after(["--archive", str(root), "search", "giao ban thị ủy", "--json"])
    assert json.loads(output)["hits"][0]["title"] == "Thị ủy giao ban công tác Đảng, đoàn thể 9 tháng năm 2023"
    assert sorted(heavy) == ["numpy", "whoosh"]
    output, heavy = loaded_after(["--archive", str(root), "search", "giao ban thi uy", "--unit", "Thị ủy Quảng Yên"])
    assert "kết quả" in output and sorted(heavy) == ["numpy", "whoosh"]
    with Archive.open(root):  # the window holds the archive: a search still needs no SQLAlchemy (and no lock)
        output, heavy = loaded_after(["--archive", str(root), "search", "giao ban thi uy"])
    assert "[giao] [ban] công tác Đảng, đoàn thể" in output and sorted(heavy) == ["numpy", "whoosh"]
    output, heavy = loaded_after(["--archive", str(root), "list"])
    assert "Thị ủy giao ban công tác Đảng" in output
    assert heavy == ["sqlalchemy"]  # nothing queued: the index and the search engine stay unopened


def test_the_command_line_loads_whoosh_without_its_unused_modules_and_they_stay_importable(tmp_path, seeds):
    """engine/lean_whoosh.py: the search works (a replaced article's old copy, deleted in its segment,
    stays out), none of urllib.request, asyncio, Whoosh's English, Porter or Metaphone is loaded, and
    each is the real module when imported afterwards (also through the names Whoosh holds)."""
    root = tmp_path / "kho"
    with Archive.open(root) as arch:
        for path in seeds:
            import_file(arch, path)
        arch.update_article(5, title="Thị ủy giao ban quý ba năm 2023")
    script = (
        "import contextlib, io, json, sys\n"
        "from desktop import cli\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    cli.main(['--archive', {str(root)!r}, 'search', 'giao ban', '--json'])\n"
        "unused = ('urllib.request', 'asyncio', 'ssl', 'whoosh.lang.morph_en', 'whoosh.lang.porter',\n"
        "          'whoosh.lang.dmetaphone', 'cached_property')\n"
        "loaded = [m for m in unused if m in sys.modules]\n"
        "import urllib.request, whoosh.compat, whoosh.query.terms, whoosh.analysis.morph\n"
        "real = [hasattr(urllib.request, 'Request'), 'walk' in whoosh.query.terms.variations('walking'),\n"
        "        whoosh.analysis.morph.stem('walking') == 'walk', callable(whoosh.compat.urlretrieve)]\n"
        "print(json.dumps([json.loads(out.getvalue()), loaded, real]))\n"
    )
    result, loaded, real = printed_by(script)
    ids = [hit["id"] for hit in result["hits"]]
    assert ids.count(5) == 1 and len(ids) == len(set(ids)) == result["total"]
    assert result["hits"][0]["title"] == "Thị ủy giao ban quý ba năm 2023"
    assert loaded == []
    assert real == [True, True, True, True]


def test_opening_an_archive_and_searching_it_configures_no_mapper(tmp_path, seeds):
    """A search's reads name table columns (search/documents.py, feed.py): configuring the 20
    mapped classes, some 60 ms, is left to the first use of the ORM, which a search never is."""
    root = tmp_path / "kho"
    with Archive.open(root) as arch:
        for path in seeds:
            import_file(arch, path)
    script = (
        "import json\n"
        "from db import models as m\n"
        "from desktop.core.archive import Archive\n"
        f"with Archive.open({str(root)!r}) as arch:\n"
        "    hits = [h.id for h in arch.search('giao ban thi uy').hits]\n"
        "    configured = m.Article.__mapper__.configured\n"
        "print(json.dumps([hits, configured]))\n"
    )
    hits, configured = printed_by(script)
    assert 5 in hits and configured is False


def test_the_program_exits_with_the_commands_code_and_its_output_whole(tmp_path, seeds):
    """cli.run (the luutru-cli program): gc.freeze before exit loses no output and no exit code."""
    root = tmp_path / "kho"
    with Archive.open(root) as arch:
        for path in seeds:
            import_file(arch, path)

    def program(*args):
        return subprocess.run([sys.executable, "-m", "desktop.cli", "--archive", str(root), *args],
                              capture_output=True, text=True, encoding="utf-8", cwd=SAMPLES.parent.parent, timeout=300)

    found = program("search", "giao ban thi uy", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["hits"][0]["id"] == 5
    missing = program("show", "99")
    assert missing.returncode == 1 and "99" in missing.stderr


def test_the_window_shows_without_the_search_engine_pdf_or_importers():
    """What the main window's module and the entry point load before the first paint: the
    list needs the database only; the index opens after the paint (gui.show_window),
    ReportLab and the importers (Pillow, PDF readers) when a PDF or an import is made."""
    script = (
        "import json, os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import desktop.gui, desktop.ui.main_window\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))\n"
    )
    assert printed_by(script) == ["PySide6", "sqlalchemy"]


def test_the_cheap_head_is_alembics_head():
    assert declared_head() == head_revision()


def test_a_database_one_migration_behind_is_still_migrated(tmp_path):
    root = tmp_path / "kho"
    with Archive.open(root) as arch:
        assert is_current(arch.engine)
        command.downgrade(_config(arch.engine), "-1")
        assert current_revision(arch.engine) != head_revision()
        assert not is_current(arch.engine)
    with Archive.open(root, create=False) as arch:
        assert current_revision(arch.engine) == head_revision()
        assert is_current(arch.engine)


def test_the_window_paints_before_its_indexer_starts_and_then_starts_it(qtbot, demo, settings, monkeypatch):
    """gui.show_window: the list is painted first, the index (and the search engine) after."""
    from PySide6.QtWidgets import QApplication

    from desktop import gui

    painted_first = []
    real = demo.index_in_background
    monkeypatch.setattr(demo, "index_in_background", lambda: (painted_first.append(window.isVisible()), real()))
    window = gui.show_window(QApplication.instance(), demo, settings)
    qtbot.addWidget(window)
    assert painted_first == []  # not before the event loop has painted the window
    qtbot.waitUntil(lambda: painted_first == [True], timeout=10000)
    assert window.model.rowCount() == 5
    from helpers.windows import search_in

    search_in(qtbot, window, "giao ban thi uy")
    assert window.model.index(0, 0).data() == "Thị ủy giao ban công tác Đảng, đoàn thể 9 tháng năm 2023"
