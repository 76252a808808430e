"""Opening an archive on the office's PostgreSQL server.

The server's database is made by the office once (``createdb``, see
docs/office-server.md); ``init`` creates LuuTru's tables in it through the
same Alembic migrations as a folder archive, and every later open brings
them up to date (several PCs opening at once migrate one at a time: see
``db/migrations/env.py``).  An unreachable server or a database without an
archive is one clear line, never a traceback.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import OperationalError

from db.migrate import upgrade
from desktop.core.errors import ArchiveError


def unreachable(shown: str, exc: OperationalError) -> ArchiveError:
    reason = str(exc.orig or exc).strip().splitlines()[0] if (exc.orig or exc) else ""
    return ArchiveError(f"không kết nối được máy chủ {shown} (server unreachable): {reason}")


def prepare_server(engine: Engine, shown: str, *, create: bool, migrate: bool) -> None:
    """Check the server answers and holds an archive (made here when ``create``), migrated."""
    try:
        with engine.connect() as conn:
            has_archive = inspect(conn).has_table("alembic_version")
        if not has_archive and not create:
            raise ArchiveError(f"chưa có kho lưu trữ trên máy chủ {shown} (no archive there; run init)")
        if migrate:
            upgrade(engine)
    except OperationalError as exc:
        raise unreachable(shown, exc) from exc
