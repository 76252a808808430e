"""Opening an archive on the office's PostgreSQL server.

The server's database is made by the office once (``createdb``, see
docs/office-server.md); ``init`` creates LuuTru's tables in it through the
same Alembic migrations as a folder archive, and every later open brings
them up to date (several PCs opening at once migrate one at a time: see
``db/migrations/env.py``); after a migration the grants of the three roles
are brought in step (``db/roles.py``).  Only an admin may migrate: anyone
else opening a server that needs it is told to let an admin open it first.
An unreachable server, a refused sign-in or a database without an archive
is one clear line, never a traceback.  Every sign-in is written to the
audit log.
"""

from __future__ import annotations

import datetime as dt
import platform
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError, OperationalError

from db import models as m

from db.migrate import is_current, refuse_newer, upgrade
from db.roles import ADMIN, apply_grants, role_of
from desktop.core.errors import ArchiveError, ServerUnreachable
from desktop.core.store.audit import append
from desktop.core.store.db_errors import refused

MIGRATION_LOCK = 190_002  # the key db/migrations/env.py holds while migrating
NEEDS_ADMIN_UPGRADE = ("kho trên máy chủ {0} cần được nâng cấp lên phiên bản LuuTru này; hãy để một quản trị viên "
                       "mở nó trước (the server needs an upgrade by an admin)")


def unreachable(shown: str, exc: OperationalError) -> ServerUnreachable:
    reason = str(exc.orig or exc).strip().splitlines()[0] if (exc.orig or exc) else ""
    return ServerUnreachable(f"không kết nối được máy chủ {shown} (server unreachable): {reason}")


def prepare_server(engine: Engine, shown: str, *, create: bool, migrate: bool) -> str:
    """Check the server answers and holds an archive (made here when ``create``), migrated,
    with its grants in step; record the sign-in.  Returns the signed-in account's name."""
    try:
        with engine.connect() as conn:
            has_archive = inspect(conn).has_table("alembic_version")
            account = conn.execute(text("SELECT session_user")).scalar()
            role = role_of(conn)
        if not has_archive and not create:
            raise ArchiveError(f"chưa có kho lưu trữ trên máy chủ {shown} (no archive there; run init)")
        if migrate and not is_current(engine):
            refuse_newer(engine)  # a newer LuuTru's archive: no one here can upgrade it
            if has_archive and role != ADMIN:
                raise ArchiveError(NEEDS_ADMIN_UPGRADE.format(shown))
            upgrade(engine)
            with engine.begin() as conn:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
                apply_grants(conn)
        with engine.begin() as conn:
            if inspect(conn).has_table("audit_log"):
                append(conn, account, "sign-in", platform.node() or None)
        return account
    except OperationalError as exc:
        raise unreachable(shown, exc) from exc
    except DBAPIError as exc:
        known = refused(exc)
        if known is None:
            reason = str(exc.orig or exc).strip().splitlines()[0]
            known = ArchiveError(f"máy chủ {shown} từ chối: {reason} (the server refused)")
        raise known from exc


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
