"""A power cut while a brand-new archive's schema is being made leaves no half schema."""

import subprocess
import sys
import textwrap

from desktop.core.archive import Archive

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
