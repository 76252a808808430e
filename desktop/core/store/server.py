"""Opening an archive on the office's PostgreSQL server.

The server's database is made by the office once (``createdb``, see
docs/office-server.md); ``init`` creates LuuTru's tables in it through the
same Alembic migrations as a folder archive, and every later open brings
them up to date (several PCs opening at once migrate one at a time: see
``db/migrations/env.py``).  An unreachable server or a database without an
archive is one clear line, never a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import OperationalError, ProgrammingError

from db import models as m

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
    except ProgrammingError as exc:  # a migration's own words (RAISE), e.g. the clearance roles need CREATEROLE
        if getattr(exc.orig, "sqlstate", None) != "P0001":
            raise
        raise ArchiveError(str(exc.orig).strip().splitlines()[0]) from exc


TASK_LOCK = 190_003  # pg_try_advisory_lock key: one PC at a time runs a shared task


@contextmanager
def claim_task(engine: Engine, name: str, every: dt.timedelta, now: dt.datetime) -> Iterator[bool]:
    """Whether this PC should do the office-wide task ``name`` now: no other PC is doing it
    and it was last done ``every`` ago or more.  Done (the body ran without error) is recorded."""
    with engine.connect() as conn:
        if not conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": TASK_LOCK}).scalar():
            conn.commit()
            yield False  # another PC is at it
            return
        try:
            last = conn.execute(select(m.ServerTask.done_at).where(m.ServerTask.name == name)).scalar()
            conn.commit()
            if last is not None and now - last < every:
                yield False
                return
            yield True
            conn.execute(insert(m.ServerTask).values(name=name, done_at=now)
                         .on_conflict_do_update(index_elements=["name"], set_={"done_at": now}))
            conn.commit()
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": TASK_LOCK})
            conn.commit()
