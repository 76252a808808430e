"""The archive facade: one folder holding the database, media and index.

``archive.sqlite``  articles, photos, tags (migrated by Alembic on open)
``media/``          photos and original imported files, named by SHA-256
``index/``          the Whoosh search index, always rebuildable from the DB

Or an office server (``postgresql://``): the database holds articles and
files (:mod:`~desktop.core.store.server_media`); each PC keeps its own index
and fetched photos in a cache folder, the archive's ``root``, and brings the
index in step through the server's change feed (:mod:`db.changes`).

The facade opens the folder (lock, migrations) and is made of parts that
share one :class:`StoreContext`, as Anki's ``Collection`` is made of
managers: ``articles``, ``photos``, ``trees``, ``listing``,
``duplicates`` and ``lineages`` (units through reorganisations).  Its public methods are one-line delegations, so callers
need not know which part answers.  It also owns the search index, as
calibre's ``Cache`` owns search: :meth:`search`, :meth:`matching_ids` and
:meth:`rebuild_index` are what the window and the command line call.

Every operation opens a short session, commits and returns plain views, so
nobody holds an ORM object across threads.  Article changes queue an index
update in the same transaction; the index is brought in step after the
commit, by the caller's thread or, once :meth:`index_in_background` is on,
by an indexer process (and on the next open if the process died between).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from db.engine import make_engine, session_factory
from db.migrate import upgrade
from desktop.core import views as v
from desktop.core.errors import ArchiveError, ArchiveLocked, EditConflict, IndexBuilding, NotFound, ReadOnly
from desktop.core.search.feed import QueueFeed
from desktop.core.store import interrupted_restore, leftovers
from desktop.core.store.articles import AddResult
from desktop.core.store.context import StoreContext
from desktop.core.store.db_errors import translated
from desktop.core.store.edits import CaptionChange
from desktop.core.store.listing import ArticleFilter
from desktop.core.store.lock import ArchiveLock, LockHeld, current_user
from desktop.core.store.media import MediaStore
from desktop.core.store.permissions import Access
from desktop.paths import BadLocation, archive_location, is_server, server_cache, shown_location

# Loaded when first needed (docs/startup.md): the index and its engine by the first search
# or write, a part by its first call, the server's modules only for a server.
if TYPE_CHECKING:
    from desktop.core.search import service
    from desktop.core.search.background import BackgroundIndexer
    from desktop.core.search.index import SearchIndex
    from desktop.core.store.accounts import Accounts
    from desktop.core.store.article_photos import ArticlePhotos
    from desktop.core.store.articles import Articles
    from desktop.core.store.audit import Audit
    from desktop.core.store.clearance import Clearance
    from desktop.core.store.decisions import NearDuplicateDecisions
    from desktop.core.store.edits import Edits
    from desktop.core.store.listing import Listing
    from desktop.core.store.scans import Scans
    from desktop.core.store.trees import Trees
    from desktop.core.store.unit_lineages import UnitLineages

__all__ = ["AddResult", "Archive", "ArchiveError", "ArchiveLocked", "ArticleFilter", "CaptionChange", "EditConflict",
           "NotFound", "ReadOnly"]

DB_NAME = "archive.sqlite"
MEDIA_DIR = "media"
INDEX_DIR = "index"

INDEX_BUILDING = ("chỉ mục tìm kiếm của máy này đang được lập: {0} / {1} bài, hãy thử lại sau ít phút "
                  "(search index is being built: {0} of {1} articles)")
POLL_SECONDS = 5.0  # a server PC listens for other PCs' changes (db/listen.py) and also looks this often

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class Archive:
    """An open archive folder.  Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, root: Path | str, *, readonly: bool = False, lock: bool = True, create: bool = True):
        self.location = archive_location(root)
        self.server = is_server(self.location)
        # A folder archive holds everything; a server archive's folder is this PC's cache (index, photos).
        self.root = server_cache(self.location) if self.server else Path(root)
        self.readonly = readonly
        self.user = current_user()
        self._lock = ArchiveLock(self.root)  # the folder's one writer (on a server: of this PC's index)
        self.index_writable = not readonly
        if self.server:
            self.root.mkdir(parents=True, exist_ok=True)
            try:
                self._lock.acquire()
            except LockHeld:  # another LuuTru on this PC keeps the index in step; this one reads it
                self.index_writable = False
        elif not readonly and lock:
            try:
                self._lock.acquire()
            except LockHeld as exc:
                raise ArchiveLocked(str(exc)) from exc
        try:
            self.engine = make_engine(self.location if self.server else self.root / DB_NAME)
            self._sessions = session_factory(self.engine)
            if self.server:
                from desktop.core.store.server import prepare_server
                from desktop.core.store.server_media import DatabaseMedia

                self.media = DatabaseMedia(self._sessions, self.root / MEDIA_DIR)
                # The signed-in person, as the server knows them: the history and the audit log name them.
                self.user = prepare_server(self.engine, shown_location(self.location), create=create,
                                           migrate=not readonly)
            else:
                self.media = MediaStore(self.root / MEDIA_DIR)
                if not readonly:
                    upgrade(self.engine)
        except BaseException as exc:
            self._lock.release()
            raise translated(exc) or exc  # a damaged database: one line (maintenance/salvage.py)
        self.ctx = StoreContext(self.root, self._sessions, self.media, user=self.user, readonly=readonly,
                                on_change=self.sync_index)
        self.access = Access(self.ctx)  # what the signed-in account may do (all of it on a single PC)
        self._index_lock = threading.Lock()
        self._opening_index = threading.Lock()
        self._search: SearchIndex | None = None
        self._background: BackgroundIndexer | None = None  # an import's, or the window's for its lifetime
        self._on_indexed: Callable[[int], None] | None = None
        self.index_error: str | None = None  # the last failed index update, if any
        self.cleaned: list[Path] = []  # staging files of a killed writer, removed on opening

    @classmethod
    def open(cls, root: str | Path, *, create: bool = True, readonly: bool = False) -> Archive:
        """Open (or create) the archive at ``root``: a folder, or a ``postgresql://`` URL.

        Only one LuuTru may write to an archive folder; a second one gets
        :class:`ArchiveLocked` and may open it ``readonly`` instead.  A server
        takes any number of writers.
        """
        try:
            location = archive_location(root)
        except BadLocation as exc:
            raise ArchiveError(str(exc)) from exc
        if is_server(location):
            # No index work here: a PC new to the server builds its index on first search, or
            # in the window's indexer process while the clerk already lists and opens articles.
            return cls(location, readonly=readonly, create=create)
        root = location
        interrupted_restore.finish(root)
        if root.exists() and not root.is_dir():
            raise ArchiveError(f"'{root}' không phải là thư mục kho lưu trữ (not an archive folder)")
        if not (root / DB_NAME).exists():
            if not create:
                raise ArchiveError(f"chưa có kho lưu trữ ở '{root}' (no archive there; run init)")
            if root.exists() and any(p.name not in (MEDIA_DIR, INDEX_DIR) for p in root.iterdir()):
                raise ArchiveError(f"thư mục '{root}' đã có dữ liệu khác, không tạo kho ở đây (folder not empty)")
        root.mkdir(parents=True, exist_ok=True)
        archive = cls(root, readonly=readonly)
        if not readonly:
            archive.cleaned = leftovers.remove(leftovers.find(root, archive.media.root))  # a killed writer's staging
            if archive._index_has_work():
                archive.sync_index()
        return archive

    def _index_has_work(self) -> bool:
        """Whether opening must bring the index in step: it is missing, or changes wait for it
        (one count).  Else the first search opens it (checked, rebuilt if need be): a command
        that only lists or shows articles never loads the search engine."""
        if not (self.root / INDEX_DIR).is_dir():
            return True
        with self.session() as s:
            return QueueFeed().outstanding(s) > 0

    # Parts (see docs/architecture.md), each built on its first use: a command loads only the ones it calls.

    @cached_property
    def articles(self) -> Articles:
        from desktop.core.store.articles import Articles

        return Articles(self.ctx)

    @cached_property
    def photos(self) -> ArticlePhotos:
        from desktop.core.store.article_photos import ArticlePhotos

        return ArticlePhotos(self.ctx)

    @cached_property
    def trees(self) -> Trees:
        from desktop.core.store.trees import Trees

        return Trees(self.ctx)

    @cached_property
    def listing(self) -> Listing:
        from desktop.core.store.listing import Listing

        return Listing(self.ctx)

    @cached_property
    def duplicates(self) -> NearDuplicateDecisions:
        from desktop.core.store.decisions import NearDuplicateDecisions

        return NearDuplicateDecisions(self.ctx)

    @cached_property
    def scan_pages(self) -> Scans:
        from desktop.core.store.scans import Scans

        return Scans(self.ctx)

    @cached_property
    def lineages(self) -> UnitLineages:
        from desktop.core.store.unit_lineages import UnitLineages

        return UnitLineages(self.ctx)

    @cached_property
    def edits(self) -> Edits:
        from desktop.core.store.edits import Edits

        return Edits(self.ctx)

    @cached_property
    def accounts(self) -> Accounts:
        from desktop.core.store.accounts import Accounts

        return Accounts(self.ctx)

    @cached_property
    def audit(self) -> Audit:
        from desktop.core.store.audit import Audit

        return Audit(self.ctx)

    @cached_property
    def clearance(self) -> Clearance:
        """Who may read restricted articles (a server's roles)."""
        from desktop.core.store.clearance import Clearance

        return Clearance(self.ctx)

    @property
    def shown_location(self) -> str:
        """The folder, or the server's URL without its password (for titles and messages)."""
        return shown_location(self.location)

    def close(self) -> None:
        if self._background is not None:
            self._background.finish()  # what is queued is indexed first (or by the next open)
            self._background = None
        if self._search is not None:
            self._search.close()
            self._search = None
        self.engine.dispose()
        self._lock.release()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def session(self):
        """A short unit of work: committed on success, rolled back on any error."""
        with self.ctx.session() as session:
            yield session

    # ------------------------------------------------------------------ search

    @property
    def search_index(self) -> SearchIndex:
        """The search index, opened (or rebuilt) on first use."""
        if self._search is None:
            building = self.index_building()
            if building is not None:
                raise IndexBuilding(INDEX_BUILDING.format(*building))
            from desktop.core.search.index import SearchIndex

            with self._opening_index:  # the window's first search (a worker thread) may meet its indexer's start
                if self._search is None:
                    # Read-only beside a running indexer process: it alone writes (and, on a server, builds) the index.
                    writable = self.index_writable and self._background is None
                    self._search = SearchIndex(self.root / INDEX_DIR, self._sessions, readonly=not writable)
        return self._search

    def index_building(self) -> tuple[int, int] | None:
        """(articles done, of how many) while this PC's indexer process first builds the
        index of a server archive (listing and opening articles work meanwhile), else None."""
        if not self.server or self._background is None:
            return None
        from desktop.core.search.index import SearchIndex

        if SearchIndex.ready(self.root / INDEX_DIR):
            return None
        return self._background.building or (0, self.count_articles() + self.count_articles(ArticleFilter(trashed=True)))

    def index_stopped(self) -> str | None:
        """Why this PC's indexer process is gone before its first build finished (None: it
        runs, or the index is ready); :meth:`restart_indexer` tries again."""
        if self.index_building() is None:
            return None
        return self._background.stopped

    def restart_indexer(self) -> None:
        """Start this PC's indexer process again after it died (its build starts over)."""
        with self._index_lock:
            if self._background is not None and self._background.stopped:
                self._background = self._start_indexer(hold=False)

    def search(self, text: str, **options) -> service.SearchResult:
        """A page of hits for ``text`` (see :func:`service.search` for the options)."""
        from desktop.core.search import service

        return service.search(self._current_index(), text, lineage_of=self.lineage, **options)

    def matching_ids(self, text: str, **options) -> list[int]:
        from desktop.core.search import service

        return service.matching_ids(self._current_index(), text, lineage_of=self.lineage, **options)

    def _current_index(self) -> SearchIndex:
        """The index, with other PCs' changes applied first on a server archive that has
        no indexer of its own (the command line): one query when there are none."""
        if self.server and self._background is None:
            self.sync_index()
        return self.search_index

    def rebuild_index(self, progress: Progress | None = None) -> int:
        """Build the index afresh from the database; returns how many articles it holds."""
        with self._index_lock:
            worker, self._background = self._background, None
            if worker is not None:  # it must not write into the folder being replaced
                worker.finish()
            try:
                self.search_index.rebuild(progress)
            finally:
                if worker is not None:
                    self._background = self._start_indexer(hold=False)
        return self.search_index.doc_count()

    def compact_index(self) -> int:
        """Merge the index's segments into fewer, larger ones (a smaller index); returns the merges made."""
        self.sync_index()
        with self._index_lock:
            worker, self._background = self._background, None
            if worker is not None:  # one writer at a time
                worker.finish()
            try:
                return self.search_index.compact()
            finally:
                if worker is not None:
                    self._background = self._start_indexer(hold=False)

    def sync_index(self, progress: Progress | None = None) -> int:
        """Apply queued index changes; returns how many articles were updated (none
        here while a background indexer or thread runs: it is woken instead)."""
        if not self.index_writable:
            return 0
        if self._background is not None:
            self._background.wake()
            return 0
        return self._apply_queue(progress)

    def _apply_queue(self, progress: Progress | None = None) -> int:
        from desktop.core.search.sync import apply_reporting

        with self._index_lock:
            if self._background is not None:  # an import's worker process has the index now
                self._background.wake()
                return 0
            indexed, error = apply_reporting(self.search_index, progress)
        if error:
            self.index_error = error
        return indexed

    def _start_indexer(self, *, hold: bool) -> BackgroundIndexer:
        from desktop.core.search.background import BackgroundIndexer

        # A server also changes under this PC's feet: its indexer looks for other PCs' changes.
        return BackgroundIndexer(self.location if self.server else str(self.root / DB_NAME), self.root / INDEX_DIR,
                                 hold=hold, on_indexed=self._on_indexed, every=POLL_SECONDS if self.server else None)

    def index_in_background(self, on_indexed: Callable[[int], None] | None = None) -> None:
        """From now on an indexer process applies the queue after each change, so a save
        returns at its commit and the window never feels the index or a segment merge.
        ``on_indexed(count)`` is called (from a listener thread) when articles became
        searchable."""
        if not self.index_writable or self._background is not None:
            return
        self._on_indexed = on_indexed
        with self._index_lock:
            if not self.server:  # a server PC's indexer opens (or first builds) the index itself
                self.search_index  # opened (or rebuilt) here, before the worker opens it
            self._background = self._start_indexer(hold=False)

    def wait_for_index(self, timeout: float | None = None) -> bool:
        """Wait until every change made so far is searchable (False on timeout)."""
        if self._background is None:
            self.sync_index()
            return True
        return self._background.flush(timeout)

    @contextmanager
    def background_indexing(self) -> Iterator[None]:
        """Index in a second process while this one stores (for long imports).

        On leaving, the worker finishes what is queued and stops; anything it
        could not do is done here, so the index is in step afterwards.  When the
        window's indexer already runs, the import uses it.
        """
        if not self.index_writable:
            yield
            return
        if self._background is not None:
            try:
                yield
            finally:
                self._background.flush()
            return
        with self._index_lock:
            self.search_index  # opened, or rebuilt, here before the worker opens it
            self._background = self._start_indexer(hold=True)
        try:
            yield
        finally:
            indexer, self._background = self._background, None
            indexer.finish()
            if indexer.error:
                self.index_error = indexer.error
            self.sync_index()

    # ------------------------------------------------------- parts, delegated

    def history(self, article_id: int) -> list[v.EditView]:
        return self.articles.history(article_id)

    def add_draft(self, draft, **options) -> AddResult:
        return self.articles.add_draft(draft, **options)

    def add_drafts(self, items, *, index: bool = True) -> list:
        return self.articles.add_drafts(items, index=index)

    def article(self, article_id: int) -> v.ArticleDetail:
        return self.articles.article(article_id)

    def update_article(self, article_id: int, **changes) -> None:
        self.edits.save_article(article_id, changes)

    def save_article(self, article_id: int, fields: dict, captions=(), **options) -> frozenset[str]:
        """A clerk's save: changed fields and captions in one transaction (store/edits.py);
        ``base=`` the version it started from (EditConflict when the article moved on)."""
        return self.edits.save_article(article_id, fields, captions, **options)

    def save_copy(self, article_id: int, fields: dict, captions=()) -> int:
        """A refused save kept as a new article (store/edits.py)."""
        return self.edits.save_copy(article_id, fields, captions)

    def trash(self, article_ids) -> int:
        return self.articles.trash(article_ids)

    def restore(self, article_ids) -> int:
        return self.articles.restore(article_ids)

    def purge(self, article_ids=None) -> int:
        return self.articles.purge(article_ids)

    def near_duplicates(self, *, open_only: bool = True) -> list[v.NearDuplicateView]:
        return self.duplicates.near_duplicates(open_only=open_only)

    def decide_near_duplicate(self, article_id: int, other_id: int, *, merge: bool) -> None:
        self.duplicates.decide_near_duplicate(article_id, other_id, merge=merge)

    def related(self, article_id: int) -> list[v.RelatedArticle]:
        return self.duplicates.related(article_id)

    def attach_photo(self, article_id: int, image, caption: str = "", credit: str | None = None) -> int:
        return self.photos.attach_photo(article_id, image, caption, credit)

    def update_photo(self, photo_id: int, *, caption: str | None = None, credit: str | None = None) -> None:
        self.photos.update_photo(photo_id, caption=caption, credit=credit)

    def set_photo_image(self, photo_id: int, image) -> None:
        self.photos.set_photo_image(photo_id, image)

    def photo_path(self, sha256: str) -> Path | None:
        return self.photos.photo_path(sha256)

    def scans(self, article_id: int) -> list[v.ScanView]:
        return self.scan_pages.pages(article_id)

    def set_reading(self, article_id: int, text_origin: str | None, confidence: float | None, scanned) -> None:
        self.scan_pages.set_reading(article_id, text_origin, confidence, scanned)

    def article_with_original(self, sha256: str) -> int | None:
        return self.scan_pages.article_with_original(sha256)

    def missing_thumbnails(self) -> list[tuple[int, str]]:
        return self.scan_pages.missing_thumbnails()

    def set_thumbnails(self, thumbnails: dict[int, bytes]) -> None:
        self.scan_pages.set_thumbnails(thumbnails)

    def add_unit(self, name: str, parent_id: int | None = None, **fields) -> int:
        return self.trees.add_unit(name, parent_id, **fields)

    def add_topic(self, name: str, parent_id: int | None = None) -> int:
        return self.trees.add_topic(name, parent_id)

    def update_unit(self, unit_id: int, **changes) -> None:
        self.trees.update_unit(unit_id, **changes)

    def update_topic(self, topic_id: int, **changes) -> None:
        self.trees.update_topic(topic_id, **changes)

    def remove_unit(self, unit_id: int) -> None:
        self.trees.remove_unit(unit_id)

    def remove_topic(self, topic_id: int) -> None:
        self.trees.remove_topic(topic_id)

    def find_path(self, kind: str, path: str, *, create: bool = False) -> int:
        return self.trees.find_path(kind, path, create=create)

    def unit_tree(self, *, counted: bool = True) -> list[v.TreeNode]:
        return self.trees.unit_tree(counted=counted)

    def topic_tree(self, *, counted: bool = True) -> list[v.TreeNode]:
        return self.trees.topic_tree(counted=counted)

    def lineage(self):
        return self.lineages.lineage()

    def link_units(self, predecessor_id: int, successor_id: int, date=None, kind: str = "merge") -> None:
        self.lineages.link_units(predecessor_id, successor_id, date, kind)

    def plan_reorganisation(self, steps):
        return self.lineages.plan_reorganisation(steps)

    def apply_reorganisation(self, plan, source: str) -> int:
        return self.lineages.apply_reorganisation(plan, source)

    def undo_reorganisation(self, record_id: int | None = None):
        return self.lineages.undo_reorganisation(record_id)

    def reorganisations(self) -> list:
        return self.lineages.reorganisations()

    def merge_units(self, sources, target, date, kind: str = "merge") -> int:
        return self.lineages.merge_units(sources, target, date, kind)

    def split_unit(self, source: int, targets, date) -> int:
        return self.lineages.split_unit(source, targets, date)

    def unit_scope(self, unit_ids, *, lineage: bool = True):
        return self.lineages.unit_scope(unit_ids, lineage=lineage)

    def dissolved_tags(self, unit_ids, day) -> dict[int, list[int]]:
        return self.lineages.dissolved_tags(unit_ids, day)

    def tag(self, article_ids, *, unit_ids=(), topic_ids=(), base=None) -> None:
        self.trees.tag(article_ids, unit_ids=unit_ids, topic_ids=topic_ids, base=base)

    def untag(self, article_ids, *, unit_ids=(), topic_ids=(), base=None) -> None:
        self.trees.untag(article_ids, unit_ids=unit_ids, topic_ids=topic_ids, base=base)

    def set_tags(self, article_ids, *, unit_ids=None, topic_ids=None, **options) -> None:
        """Replace the articles' units and/or topics in one transaction (``base=``, ``overwriting=``: store/edits.py)."""
        self.edits.set_tags(article_ids, unit_ids=unit_ids, topic_ids=topic_ids, **options)

    def article_ids(self, f: ArticleFilter | None = None, order: str = "date_desc", limit: int | None = None) -> list[int]:
        return self.listing.article_ids(f, order, limit)

    def count_articles(self, f: ArticleFilter | None = None) -> int:
        return self.listing.count_articles(f)

    def rows(self, article_ids) -> list[v.ArticleRow]:
        return self.listing.rows(article_ids)

    def list_articles(self, f: ArticleFilter | None = None, order: str = "date_desc",
                      offset: int = 0, limit: int | None = None) -> list[v.ArticleRow]:
        return self.listing.list_articles(f, order, offset, limit)

    def months(self) -> list[tuple[int, int, int]]:
        return self.listing.months()
