"""A folder archive's database read with Python's own ``sqlite3``, for readers that must not load SQLAlchemy.

Importing SQLAlchemy, its ORM and the models costs more CPU than a command line
search does (docs/startup.md), so :mod:`desktop.core.quick_search` reads a
current folder archive through this connection instead.  It is opened for
reading and writing like the engine's (so the last one to close removes the
``-wal`` and ``-shm`` files, as SQLAlchemy's do) but refuses every write.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.migrate import declared_head

BUSY_SECONDS = 10.0  # as db/engine.py's busy_timeout: a writer's commit is waited for


def connect(path: Path) -> sqlite3.Connection:
    """The existing database at ``path``, for reading (``sqlite3.Error`` if it cannot be opened)."""
    connection = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=rw", uri=True, timeout=BUSY_SECONDS)
    connection.execute("PRAGMA query_only=ON")
    return connection


def is_current(connection: sqlite3.Connection) -> bool:
    """Whether the schema is at the head the version files name (as :func:`db.migrate.is_current`)."""
    head = declared_head()
    if head is None:
        return False
    try:
        versions = [version for (version,) in connection.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.Error:  # no version table: not a database LuuTru made or finished
        return False
    return versions == [head]
