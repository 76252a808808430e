"""Bring an archive database to the current schema with Alembic.

Every archive, new or old, goes through :func:`upgrade`, so a database made
by an older LuuTru is migrated on open and a new one is created by the same
migrations (there is no separate ``create_all`` path to drift from them).

Loading Alembic and its environment costs more than the rest of opening an
archive, so :func:`upgrade` first compares the database's version with the
head named in the version files and loads Alembic only when they differ.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
_DECLARATION = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+)$", re.MULTILINE)


def _config(engine: Engine | None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config(None)).get_current_head()  # type: ignore[return-value]


class NewerArchive(RuntimeError):
    """The database is at a revision this LuuTru does not have: a newer LuuTru migrated it."""


@cache
def _declared() -> tuple[frozenset[str], frozenset[str]] | None:
    """(revisions, their parents) read from the version files' ``revision`` and
    ``down_revision`` lines without importing Alembic; None when a file does not
    plainly say them (Alembic then decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_DECLARATION.findall(path.read_text(encoding="utf-8")))
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (KeyError, ValueError, SyntaxError):
            return None
        revisions.add(revision)
        parents.update(down if isinstance(down, (tuple, list)) else [down] if down else [])
    return frozenset(revisions), frozenset(parents)


def declared_head() -> str | None:
    """The one head revision of the version files; None when they do not plainly name one."""
    declared = _declared()
    if declared is None:
        return None
    revisions, parents = declared
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_current(engine: Engine) -> bool:
    """Whether the database is already at the head, asked with one plain query."""
    head = declared_head()
    if head is None:
        return False
    try:
        with engine.connect() as conn:
            versions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    except SQLAlchemyError:  # no version table yet: a new database
        return False
    return versions == [head]


def refuse_newer(engine: Engine) -> None:
    """Raise :class:`NewerArchive` when the database names a revision the version files do
    not: migrating "up" from it is impossible, and an older program must not write there."""
    declared = _declared()
    if declared is None:
        return
    try:
        with engine.connect() as conn:
            versions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    except SQLAlchemyError:  # a new database
        return
    unknown = sorted(set(versions) - declared[0])
    if unknown:
        raise NewerArchive(", ".join(unknown))


def upgrade(engine: Engine) -> None:
    if is_current(engine):
        return
    refuse_newer(engine)
    from alembic import command

    command.upgrade(_config(engine), "head")
