"""The archive's Whoosh index, kept true to the database.

The database is the truth.  Article changes queue a row in ``index_queue``
(a server archive: number the change in ``article_changes``, see
:mod:`~desktop.core.search.feed`) in the same transaction;
:meth:`SearchIndex.apply_queue` re-reads those articles, writes the index
(one writer, under a lock), and only then lets the rows go (deletes them, or
raises this PC's mark), so a crash in between is repaired on the next open.  An
index that is missing, of an older version or fails to open is rebuilt from
the database, never trusted.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from whoosh import index as windex
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, KEYWORD, NUMERIC, Schema
from whoosh.filedb.filestore import FileStorage

from db import models as m
from db.engine import is_disk_full
from desktop.core.errors import ArchiveError, DiskFull
from desktop.core.search.engine import checksums, merging, wordlists
from desktop.core.search.documents import folded_texts, hit_texts, index_documents
from desktop.core.search.feed import ChangeFeed, QueueFeed
from desktop.core.search.index_state import INDEX_VERSION, VERSION_FILE, ArticleIds, read_state
from desktop.core.search.engine.postings import PostingCache
from desktop.core.search.engine.rarepairs import RarePairs
from desktop.core.search.engine.whoosh_compat import segments
from desktop.core.search.engine.writer import FastSegmentWriter, PhraseText, SyllableText

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

Progress = Callable[[int, int, str], None]
log = logging.getLogger(__name__)

BATCH = 500
SEGMENT_DOCS = 10_000  # articles a held writer gathers into one segment (~150 MB of postings)
COMPACT_DOCS = 3 * SEGMENT_DOCS  # the largest segment a compaction makes (its merge holds all its postings)


def make_schema() -> Schema:
    """Fields, and why each is there.

    ``all`` (folded syllables, no positions) is what words must match;
    ``pairs`` (adjacent syllables) is what phrases must match, cheaply (a
    phrase of three words or more is then confirmed on the article's text),
    its rare pairs kept in ``rarepairs`` buckets (see engine/rarepairs.py);
    ``title`` and ``exact`` (accented syllables of the title, lead and
    captions) only re-rank the best candidates.  Every posting costs
    indexing time in pure Python, so nothing is indexed twice without a use.
    """
    return Schema(
        id=ID(stored=True, unique=True),
        all=SyllableText("fold"),
        title=PhraseText(),
        exact=SyllableText("exact"),
        pairs=SyllableText("pair"),
        rarepairs=RarePairs(),  # pairs held by a few articles of a segment, hashed into buckets
        author=PhraseText(),
        unit=PhraseText(),
        topic=PhraseText(),
        person=PhraseText(),
        doc=KEYWORD(lowercase=False, commas=True),
        kyhieu=KEYWORD(lowercase=False, commas=True),
        unit_id=KEYWORD(commas=True),  # the units an article is tagged with and their parents
        unit_tag=KEYWORD(commas=True),  # the units it is tagged with: predecessors' own work (search/units.py)
        topic_id=KEYWORD(commas=True),
        date=NUMERIC(int, bits=32, sortable=True, signed=False),
        dated=NUMERIC(int, bits=8, sortable=True, signed=False),  # undated articles sort last
        trashed=ID(),
    )


BLOCK = 8192  # postings per block: queries read whole lists, so fewer, larger blocks read faster


def _writer(ix, *, merges: bool = True, apart: bool = False):
    """A writer whose every commit (however it is called) merges by the tiered policy, or
    with ``merges=False`` merges nothing; ``apart``: one that takes no lock (merging.build_apart)."""
    # Not one compound file a segment: Whoosh copies each file it opens out of a compound
    # file into memory (a BytesIO of the mapped bytes), so a searcher held the whole index
    # in RAM.  Plain files are read a block at a time, through the OS's cache.
    writer = FastSegmentWriter(ix, codec=W3Codec(blocklimit=BLOCK), compound=False, _lk=not apart)
    writer.mergetype = merging.policy(SEGMENT_DOCS) if merges else merging.nothing
    return writer


@contextmanager
def _writing(ix, *, merges: bool = True):
    """A writer that commits when the block ends and is cancelled (lock released) if it fails."""
    writer = _writer(ix, merges=merges)
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


class SearchIndex:
    """The index folder of one archive, read by searches and written from the archive's queue.

    It gets a session factory, never the archive: search sits below the facade.
    Writing (a commit may merge segments for seconds) and reading take separate
    locks, so a search never waits for a merge.
    """

    def __init__(self, folder: Path, sessions: sessionmaker[Session], *, readonly: bool,
                 progress: Progress | None = None):
        """``progress(done, total, "")`` follows a build, if opening finds none to use."""
        self.folder = Path(folder)
        self._sessions = sessions
        self.readonly = readonly
        self._lock = threading.RLock()  # writing: the queue, the held writer, rebuilds
        self._read_lock = threading.RLock()  # the shared searcher and what is cached with it
        self._searcher = None
        self._postings: PostingCache | None = None
        self._article_ids: ArticleIds | None = None
        self._held: _HeldWriter | None = None
        self._merger: threading.Thread | None = None  # a merge built apart (merge_apart)
        self._merge_cancel = threading.Event()
        self._no_save = threading.Event()  # clear while a pass of urgent changes runs: a merge apart waits
        self._no_save.set()
        self.damage: str | None = None  # why the index was last rebuilt after finding it damaged
        server = sessions.kw["bind"].dialect.name == "postgresql"
        self.feed = ChangeFeed(self._state, lambda state: _write_state(self.folder, state)) if server else QueueFeed()
        self.ix = self._open_or_rebuild(progress)

    # ------------------------------------------------------------ lifecycle

    @staticmethod
    def ready(folder: Path) -> bool:
        """Whether ``folder`` holds a finished index (a build swaps it in whole, state file last)."""
        return (Path(folder) / VERSION_FILE).exists()

    def _state(self) -> dict:
        """What the index folder's ``VERSION_FILE`` says (nothing if it cannot be read)."""
        return read_state(self.folder)

    def _version_ok(self) -> bool:
        return self._state().get("version") == INDEX_VERSION

    def _raise_written(self, highest: int) -> int | None:
        """Record that articles up to ``highest`` are being written, and return the
        previous record: no article above it had ever been written (None: unknown).

        Such an article is added without Whoosh's search for an older copy to
        delete, which looks its id up in every segment: 0.2 ms an article at
        300,000.  The record is raised before the writer commits, so a crash can
        only leave it too high, which costs a lookup, never a duplicate.  The file
        is read each time: another process may have written.
        """
        state = self._state()
        before = state.get("written_up_to")
        if not isinstance(before, int):
            return None
        if highest > before:
            _write_state(self.folder, {**state, "written_up_to": highest})
        return before

    def _open_or_rebuild(self, progress: Progress | None):
        readable = None  # an index that opens but lags the database
        if self.folder.is_dir() and self._version_ok():
            bad = checksums.changed(self.folder)
            if bad:
                self.damage = f"tệp chỉ mục bị hỏng: {', '.join(bad[:3])}"
            try:
                ix = windex.open_dir(str(self.folder))
                searcher = ix.searcher()  # one look at the segments serves every check, and the first search
                try:
                    count = searcher.doc_count()
                    if not bad and (self.readonly or self._in_step(count)):
                        if not self.readonly:
                            checksums.record(self.folder)  # files committed by a writer killed before recording them
                            wordlists.repair(list(searcher.reader().leaf_readers()))  # missing (an older index) or damaged
                        self._searcher, searcher = searcher, None
                        return ix
                finally:
                    if searcher is not None:
                        searcher.close()
                readable = None if bad else ix
            except Exception:  # noqa: BLE001 - Whoosh is not crash-safe: any failure means rebuild
                pass
        if self.readonly:
            raise ArchiveError("chỉ mục tìm kiếm chưa sẵn sàng; hãy mở kho để sửa một lần (index needs a rebuild)")
        try:
            return self.rebuild(progress)
        except DiskFull:
            if readable is None:
                raise
            return readable  # behind the database, but searchable; the queue catches it up when there is room

    def session(self):
        """A read of the database the index mirrors (the article text searches confirm on)."""
        return self._sessions.begin()

    def folded_texts(self, article_ids: list[int], *, body: bool) -> dict[int, str]:
        """What quoted phrases are confirmed on (:func:`documents.folded_texts`)."""
        with self.session() as s:
            return folded_texts(s, article_ids, body=body)

    def hit_texts(self, article_ids: list[int]) -> tuple[dict[int, list], dict[int, list[str]]]:
        """What snippets are cut from (:func:`documents.hit_texts`)."""
        with self.session() as s:
            return hit_texts(s, article_ids)

    def _in_step(self, count: int) -> bool:
        """Cheap sanity check: the index was built for what this account may read, and holds
        (``count``) as many documents as the DB has articles that are not waiting in the queue."""
        with self.session() as s:
            if self.feed.rights_changed(s):
                return False
            total = s.scalar(select(func.count(m.Article.__table__.c.id))) or 0  # no mapper configured (documents.py)
            queued = self.feed.outstanding(s)
        return total - queued <= count <= total + queued

    def rebuild(self, progress: Progress | None = None):
        """Build a fresh index from the database in a side folder, then swap it in."""
        with self._lock, self._read_lock:
            self._stop_merging(wait=False)  # it drops its merge, finding the index replaced
            self._close_searcher()
            fresh = self.folder.with_name(self.folder.name + ".new")
            shutil.rmtree(fresh, ignore_errors=True)
            fresh.mkdir(parents=True)
            with self.session() as s:
                feed_state = self.feed.rebuilding(s)
                ids = list(s.scalars(select(m.Article.id).order_by(m.Article.id)))
                queued = self.feed.pending(s)
            try:
                self._build(fresh, ids, progress, feed_state)
            except BaseException as exc:
                shutil.rmtree(fresh, ignore_errors=True)  # the old index (and the queue) stay as they were
                raise DiskFull("chỉ mục chưa lập lại được") if is_disk_full(exc) else exc
            old = self.folder.with_name(self.folder.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self.folder.exists():
                self.folder.rename(old)
            fresh.rename(self.folder)
            shutil.rmtree(old, ignore_errors=True)
            self.ix = windex.open_dir(str(self.folder))
            self._forget(queued)  # indexed now; rows queued since stay
            return self.ix

    def _build(self, fresh: Path, ids: list[int], progress: Progress | None, feed_state: dict) -> None:
        ix = FileStorage(str(fresh)).create_index(make_schema())
        if progress is not None:
            progress(0, len(ids), "")
        for first in range(0, len(ids), SEGMENT_DOCS):  # a segment at a time: memory stays bounded
            segment = ids[first : first + SEGMENT_DOCS]
            with _writing(ix) as writer:
                for start in range(0, len(segment), BATCH):
                    for doc in self._documents(segment[start : start + BATCH]):
                        writer.add_document(**doc)
                    if progress is not None:
                        progress(first + min(start + BATCH, len(segment)), len(ids), "")
        _write_state(fresh, {**feed_state, "version": INDEX_VERSION, "written_up_to": ids[-1] if ids else 0})
        ix.close()
        checksums.record(fresh)

    def recover(self) -> bool:
        """After a failed read: rebuild the index if one of its files is damaged (True), or
        say nothing was found damaged (False: the failure is not the index's)."""
        bad = checksums.damaged(self.folder)
        if not bad:
            return False
        self.damage = f"tệp chỉ mục bị hỏng: {', '.join(bad[:3])}"
        if self.readonly:
            raise ArchiveError(f"{self.damage}; hãy mở kho để sửa một lần để lập lại chỉ mục (index damaged)")
        self.rebuild()
        return True

    def damaged_files(self) -> list[str]:
        """Index files whose content no longer matches the checksum recorded at commit."""
        return checksums.damaged(self.folder)

    def close(self) -> None:
        self._stop_merging(wait=True)
        with self._lock, self._read_lock:
            self._close_searcher()
            self.ix.close()

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def searcher(self):
        """A long-lived searcher, refreshed only when the index has changed."""
        with self._read_lock:
            if self._searcher is None:
                self._searcher = self.ix.searcher()
            elif not self._searcher.up_to_date():
                # Searcher.refresh() fails on an index that had no segments; reopen instead.
                # The stale one is not closed: a query (this thread's or another's) may be
                # reading it still; its files close when the last reference goes.
                self._searcher = self.ix.searcher()
            return self._searcher

    # -------------------------------------------------------------- writing

    def apply_queue(self, progress: Progress | None = None, *, limit: int | None = None,
                    merges: bool = True) -> int:
        """Index the queued articles.  Given ``limit``, one short pass that commits soon, so
        what is queued after it waits less: every urgent change (a clerk's save, see
        :meth:`ChangeFeed.parts`) if there is one, else the first ``limit`` of the backlog.
        ``merges=False``: the commit merges no segment (see :meth:`merge_apart`).  On failure
        the queue is kept, so the work is retried later (and an unreadable index is rebuilt
        on the next open)."""
        with self._lock:
            try:
                return self._apply_queue(progress, limit, merges)
            finally:
                self._no_save.set()

    def _apply_queue(self, progress: Progress | None, limit: int | None, merges: bool) -> int:
        """:meth:`apply_queue`, under the write lock."""
        with self.session() as s:
            rebuild = self.feed.rights_changed(s)
            urgent, backlog = ([], []) if rebuild else self.feed.parts(s)
        if rebuild and self._held is None:  # clearance granted or revoked: articles came or went unchanged
            self.rebuild(progress)
            return self.doc_count()
        held = self._held
        if held is not None:
            urgent = [row for row in urgent if row not in held.queued]
            backlog = [row for row in backlog if row not in held.queued]
        queued = urgent if urgent and limit is not None else (urgent + backlog)[:limit]
        if not queued:
            return 0
        if urgent:
            self._no_save.clear()
        ids = sorted({article_id for article_id, _ in queued})
        if held is None:
            with _writing(self.ix, merges=merges) as writer:
                self._write(writer, ids, progress)
            checksums.record(self.folder)
            self._forget(queued)
            return len(ids)
        if held.added.intersection(ids):
            held.commit()  # Whoosh deletes only from committed segments: an article changed again
        try:
            self._write(held.writer(), ids, progress)
        except BaseException:
            held.cancel()
            raise
        held.added.update(ids)
        held.queued.update(queued)
        if len(held.added) >= SEGMENT_DOCS:
            held.commit()
        return len(ids)

    @contextmanager
    def held_writer(self):
        """One writer across many :meth:`apply_queue` calls (a long import), committed every
        ``SEGMENT_DOCS`` articles and at the end.  A commit per call would leave a small
        segment each time: writing them repeats every common term, and merging them
        rewrites it again (see :mod:`merging`).  The queue rows are deleted only once
        their segment is committed."""
        with self._lock:
            self._held = _HeldWriter(self)
        try:
            yield
        finally:
            with self._lock:
                held, self._held = self._held, None
                held.commit()

    def _write(self, writer, ids: list[int], progress: Progress | None) -> None:
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            docs = {int(d["id"]): d for d in self._documents(batch)}
            unseen_above = self._raise_written(batch[-1])
            for article_id in batch:
                if article_id in docs and unseen_above is not None and article_id > unseen_above:
                    writer.add_document(**docs[article_id])  # never indexed: nothing to replace
                elif article_id in docs:
                    writer.update_document(**docs[article_id])
                else:
                    writer.delete_by_term("id", str(article_id))
                    if self.feed.per_account:  # purged, or hidden from this account now: its words go too
                        writer.mergetype = merging.policy(SEGMENT_DOCS, expunge=True)
            if progress is not None:
                progress(min(start + BATCH, len(ids)), len(ids), "")

    def merge_apart(self) -> threading.Thread | None:
        """Start merging segments by the tiered policy in a thread, without the write lock, so
        the passes of :meth:`apply_queue` (``merges=False``) go on meanwhile; the merged segment
        is swapped in between two passes (see :mod:`merging`).  Returns the merge's thread
        (joined, the merge is in place), or None: a merge is under way, or none is due."""
        with self._lock:
            if self._merger is not None and self._merger.is_alive():
                return None
            if not merging.chosen(segments(self.ix), SEGMENT_DOCS):
                return None
            self._merge_cancel = cancel = threading.Event()
            self._merger = threading.Thread(target=self._merge, args=(self.ix, cancel), name="luutru-merge",
                                            daemon=True)
            self._merger.start()
            return self._merger

    def _merge(self, ix, cancel: threading.Event) -> None:
        try:
            def turn() -> None:  # a pass of saves goes first; then the merge goes on, unless dropped
                self._no_save.wait()
                if cancel.is_set():
                    raise merging.MergeCancelled

            built = merging.build_apart(_writer(ix, apart=True), lambda found: merging.chosen(found, SEGMENT_DOCS),
                                        self._documents, turn)
            if built is None:
                return
            with self._lock:
                if cancel.is_set() or self.ix is not ix:
                    built.abandon()
                    return
                writer = _writer(ix)
                try:
                    writer.commit(mergetype=built.swap)
                except BaseException:
                    built.abandon()
                    writer.cancel()
                    raise
                checksums.record(self.folder)
        except merging.MergeCancelled:
            pass
        except Exception:  # noqa: BLE001 - a merge is an optimisation: the index stays as it was
            log.warning("không gộp được các phân đoạn chỉ mục; chỉ mục vẫn như cũ", exc_info=True)

    def _stop_merging(self, *, wait: bool) -> None:
        """Drop a merge under way (``wait``: until its thread has stopped, so its files are closed)."""
        self._merge_cancel.set()
        merger = self._merger
        if wait and merger is not None and merger is not threading.current_thread():
            merger.join()

    def compact(self) -> int:
        """Merge segments, the smallest first, into segments of up to ``COMPACT_DOCS``
        articles (see :mod:`merging`); returns how many merges were made."""
        merges = 0
        self._stop_merging(wait=True)
        with self._lock:
            if self._held is not None:
                self._held.commit()
            while merging.compact_group(segments(self.ix), COMPACT_DOCS):
                writer = _writer(self.ix)
                try:
                    writer.commit(mergetype=merging.compacting(COMPACT_DOCS))
                except BaseException:
                    writer.cancel()
                    raise
                checksums.record(self.folder)
                merges += 1
        return merges

    def _forget(self, queued) -> None:
        """The feed's rows are indexed and committed: the feed may let them go."""
        if queued:
            with self.session() as s:
                self.feed.done(s, queued)

    def _documents(self, ids: Iterable[int]) -> list[dict]:
        with self.session() as s:
            return index_documents(s, list(ids))

    def postings(self, searcher) -> PostingCache:
        """Posting arrays for this searcher, kept until the index changes."""
        with self._read_lock:
            if self._postings is None or self._postings.searcher is not searcher:
                self._postings = PostingCache(searcher)
            return self._postings

    def article_ids(self, searcher) -> ArticleIds:
        with self._read_lock:
            if self._article_ids is None or self._article_ids.searcher is not searcher:
                self._article_ids = ArticleIds(searcher)
            return self._article_ids

    def doc_count(self) -> int:
        return self.searcher().doc_count()


def _write_state(folder: Path, state: dict) -> None:
    """Replace the folder's ``VERSION_FILE`` in one step (readers see the old or the new)."""
    part = folder / (VERSION_FILE + ".part")
    part.write_text(json.dumps(state), "utf-8")
    os.replace(part, folder / VERSION_FILE)


class _HeldWriter:
    """The open writer of :meth:`SearchIndex.held_writer` and what it holds uncommitted."""

    def __init__(self, index: SearchIndex):
        self.index = index
        self._writer = None
        self.added: set[int] = set()
        self.queued: set[tuple] = set()  # (article id, queued at) rows written, not yet committed

    def writer(self):
        if self._writer is None:
            self._writer = _writer(self.index.ix)
        return self._writer

    def commit(self) -> None:
        writer, queued = self._writer, self.queued
        self._writer, self.added, self.queued = None, set(), set()  # a failed commit is redone from the queue
        if writer is not None:
            writer.commit()
            checksums.record(self.index.folder)
        self.index._forget(queued)

    def cancel(self) -> None:
        """Drop what is uncommitted; its queue rows stay, so the work is redone."""
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        self.added, self.queued = set(), set()
