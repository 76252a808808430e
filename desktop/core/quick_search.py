"""Search a folder archive without opening it in full: the command line's ``search`` (issue 22).

Opening an archive (:meth:`Archive.open`) imports SQLAlchemy, its ORM and the
models, some 0.8 s of CPU on an office PC and more than the search itself
(docs/startup.md), then checks the schema, the lock and the index queue, and
brings the index in step if need be.  When a folder archive needs none of
that, a search reads only the index and a few columns of its hits:
:meth:`QuickArchive.open` then reads them through ``sqlite3`` (db/plain.py)
and :class:`~desktop.core.search.quick_index.QuickIndex`, and runs the same
:func:`~desktop.core.search.service.search` as the full archive, so the trash
and every filter apply alike (a folder archive has no per-account rules: those
are a server's row-level security, and a server archive is always opened in
full).  It takes no lock: it writes nothing, like a read-only open.

Whenever it cannot answer for certain (schema not at the head, a restore to
finish, changes waiting for the index, an index that is missing, old, damaged
or out of step, a read that fails, a unit or topic path that names
nothing), :meth:`open` returns None or a call raises :class:`NeedsFullOpen`, and
the caller opens the archive in full, which does what is due as it always did.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from db import plain
from desktop.core.errors import NeedsFullOpen
from desktop.core.search.engine.lean_whoosh import import_whoosh
from desktop.core.store import sqlite_trees
from desktop.core.store.interrupted_restore import staging_for
from desktop.paths import DB_NAME, INDEX_DIR

if TYPE_CHECKING:  # the search engine is imported by open(), once the archive is found current
    from desktop.core.search.quick_index import QuickIndex
    from desktop.core.search.service import SearchResult
    from desktop.core.store.lineage import Lineage

__all__ = ["NeedsFullOpen", "QuickArchive"]


class QuickArchive:
    """What ``luutru-cli search`` asks of an archive (:meth:`search`, :meth:`find_path`,
    :meth:`lineage`), answered for a current folder archive; close with ``with``."""

    def __init__(self, db: sqlite3.Connection, index: QuickIndex):
        self._db = db
        self._index = index
        self._lineage: Lineage | None = None

    @classmethod
    def open(cls, root: Path) -> QuickArchive | None:
        """The archive folder ``root`` for searching, or None: it must be opened in full."""
        root = Path(root)
        database = root / DB_NAME
        if staging_for(root).exists() or not database.is_file() or not (root / INDEX_DIR).is_dir():
            return None
        try:
            db = plain.connect(database)
        except sqlite3.Error:
            return None
        try:
            if not plain.is_current(db):
                raise NeedsFullOpen("the schema is not at the head")
            import_whoosh()  # without urllib and asyncio: the command line has started no thread
            from desktop.core.search.quick_index import QuickIndex

            return cls(db, QuickIndex(root / INDEX_DIR, db))
        except NeedsFullOpen:
            db.close()
            return None
        except BaseException:
            db.close()
            raise

    def search(self, text: str, **options) -> SearchResult:
        """As :meth:`Archive.search`."""
        from desktop.core.search import service

        return service.search(self._index, text, lineage_of=self.lineage, **options)

    def lineage(self) -> Lineage:
        """The units and their links (as :meth:`Archive.lineage`), read once."""
        if self._lineage is None:
            try:
                self._lineage = sqlite_trees.load_lineage(self._db)
            except (sqlite3.Error, ValueError) as exc:
                raise NeedsFullOpen(str(exc)) from exc
        return self._lineage

    def find_path(self, kind: str, path: str) -> int:
        """A unit's or topic's id by its path (as :meth:`Archive.find_path`); a path that names
        nothing raises :class:`NeedsFullOpen` (the full archive words the message)."""
        try:
            found = sqlite_trees.find_path(self._db, kind, path)
        except sqlite3.Error as exc:
            raise NeedsFullOpen(str(exc)) from exc
        if found is None:
            raise NeedsFullOpen(f"no {kind} at '{path}'")
        return found

    def close(self) -> None:
        self._index.close()
        self._db.close()

    def __enter__(self) -> QuickArchive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
