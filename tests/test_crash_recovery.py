"""Kills at the moments that could leave no usable archive behind: while a new
archive's schema is made, and between the two renames of a restore."""

import shutil
import subprocess
import sys
import textwrap

from desktop.core.archive import Archive
from desktop.core.importing import import_paths
from desktop.core.maintenance.backup import backup

# Dies like a pulled plug (no clean-up, no rollback) after the n-th CREATE TABLE.
_CRASH_AFTER_TABLES = textwrap.dedent(
    """
    import os, sys
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    made = 0

    @event.listens_for(Engine, "after_cursor_execute")
    def _die(conn, cursor, statement, *args):
        global made
        if statement.lstrip().upper().startswith("CREATE TABLE"):
            made += 1
            if made == int(sys.argv[2]):
                os._exit(9)

    from desktop.core.archive import Archive
    Archive.open(sys.argv[1])
    """
)


def test_an_archive_killed_while_its_schema_is_made_opens_afterwards(tmp_path):
    for tables in (1, 3, 6):
        folder = tmp_path / f"after-{tables}"
        died = subprocess.run([sys.executable, "-c", _CRASH_AFTER_TABLES, str(folder), str(tables)])
        assert died.returncode == 9
        with Archive.open(folder) as archive:
            assert archive.list_articles() == []


# Restores a backup and dies like a pulled plug when the restore makes a given rename.
_CRASH_AT_RENAME = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path

    real_rename = Path.rename

    def rename(self, target):
        done = real_rename(self, target)
        if sys.argv[3] in Path(target).name:
            os._exit(9)
        return done

    Path.rename = rename
    from desktop.core.maintenance.backup import restore
    restore(Path(sys.argv[1]), Path(sys.argv[2]))
    """
)


def _two_archives(tmp_path, seeds):
    """A backup of all five seeds, and a live archive holding only the first."""
    with Archive.open(tmp_path / "whole") as whole:
        import_paths(whole, seeds)
        zipped = backup(whole, tmp_path / "whole.zip").path
    with Archive.open(tmp_path / "live") as live:
        import_paths(live, seeds[:1])
    return zipped, tmp_path / "live"


def test_a_restore_killed_between_its_renames_is_finished_on_the_next_open(tmp_path, seeds):
    zipped, live = _two_archives(tmp_path, seeds)
    died = subprocess.run([sys.executable, "-c", _CRASH_AT_RENAME, str(zipped), str(live), "before-restore"])
    assert died.returncode == 9 and not live.exists()  # the old archive is aside, the new one not yet in place
    with Archive.open(live) as archive:
        assert len(archive.list_articles()) == len(seeds)
    assert not (tmp_path / "live.restoring").exists()
    assert not list(live.glob(".restore-*"))


def test_a_restore_killed_before_its_swap_leaves_the_old_archive_and_no_staging(tmp_path, seeds):
    zipped, live = _two_archives(tmp_path, seeds)
    shutil.copytree(live, tmp_path / "live.restoring")  # what a kill during extraction leaves: never marked ready
    with Archive.open(live) as archive:
        assert len(archive.list_articles()) == 1
    assert not (tmp_path / "live.restoring").exists()
