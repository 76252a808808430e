"""What every part of an open archive shares: the database, the media store, who is writing.

The facade (:class:`desktop.core.archive.Archive`) builds one context and
hands it to its parts (articles, photos, trees, listing, near-duplicate
decisions), as Anki's ``Collection`` hands itself to its managers; a part
never reaches another part through the facade.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db import models as m
from desktop.core.errors import ArchiveError, NotFound, ReadOnly
from desktop.core.store.db_errors import translated
from desktop.core.store.media import MediaStore

READ_ONLY = "kho đang mở chỉ để đọc (archive is open read-only)"
CONNECTION_LOST = "mất kết nối với máy chủ, chưa lưu gì; hãy thử lại (server connection lost, nothing saved)"


def writes(method):
    """Mark a method that changes the archive: refused when the archive is open read-only."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if self.readonly:
            raise ReadOnly(READ_ONLY)
        return method(self, *args, **kwargs)

    return wrapper


class OwnVersions:
    """The versions this open archive moved articles to itself.

    A window sends a save and lets the clerk go on typing; a second save of the
    same article may leave before the first one's new version reached the pane.
    Its base is then a version this same archive moved on from, and it continues
    from the version that move made, never from someone else's: the UPDATE
    of store/versions.py still refuses it if another clerk saved in between.
    """

    def __init__(self):
        self._moves: dict[int, dict[int, int]] = {}
        self._lock = threading.Lock()

    def resolve(self, article_id: int, base: int) -> int:
        with self._lock:
            moves = self._moves.get(article_id, {})
            while base in moves:
                base = moves[base]
        return base

    def moved(self, article_id: int, old: int, new: int) -> None:
        with self._lock:
            self._moves.setdefault(article_id, {})[old] = new


class StoreContext:
    def __init__(self, root: Path, sessions: sessionmaker[Session], media: MediaStore, *,
                 user: str, readonly: bool, on_change: Callable[[], None]):
        self.root = root
        self.sessions = sessions
        self.media = media
        self.user = user
        self.readonly = readonly
        self.on_change = on_change  # articles changed and queued for the index: bring it in step
        self.boilerplate: set[int] = set()  # fingerprints held by COMMON articles (near_duplicates)
        self.tree_version = 0  # bumped after each committed change to units, topics or unit links
        self.own_versions = OwnVersions()  # article versions this archive made itself (store/versions.py)

    def trees_changed(self) -> None:
        """Units, topics or links changed: a cached unit lineage is read again (unit_lineages)."""
        self.tree_version += 1

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short unit of work: committed on success, rolled back on any error.

        On a server a lost connection rolls the work back whole and says so in one
        line (the window keeps the edit for the clerk to save again); a damaged
        database or a full disk is one clear line too."""
        try:
            with self.sessions.begin() as session:
                yield session
        except OperationalError as exc:
            if self.sessions.kw["bind"].dialect.name == "postgresql":
                raise ArchiveError(f"{CONNECTION_LOST}: {str(exc.orig or exc).strip().splitlines()[0]}") from exc
            raise translated(exc) or exc
        except (DatabaseError, OSError) as exc:
            raise translated(exc) or exc

    def record(self, s: Session, article_id: int, what: str, old=None, new=None, version: int | None = None) -> None:
        """Append to the article's edit history (who, when, what changed, the version it made)."""
        s.add(m.Edit(article_id=article_id, who=self.user, what=what, version=version,
                     old=None if old is None else str(old), new=None if new is None else str(new)))


class Part:
    """A piece of the archive's API, working through the shared context."""

    def __init__(self, ctx: StoreContext):
        self.ctx = ctx

    @property
    def readonly(self) -> bool:
        return self.ctx.readonly


def get_article(s: Session, article_id: int) -> m.Article:
    article = s.get(m.Article, article_id)
    if article is None:
        raise NotFound(f"không có bài viết số {article_id} (no article {article_id})")
    return article
