"""The archive facade: one folder holding the database, media and index.

``archive.sqlite``  articles, photos, tags (migrated by Alembic on open)
``media/``          photos and original imported files, named by SHA-256
``index/``          the Whoosh search index, always rebuildable from the DB

Every operation opens a short session, commits and returns plain views, so
the GUI, the CLI and the tests use the archive the same way and nobody holds
an ORM object across threads.  Article changes queue an index update in the
same transaction; the index is brought in step after the commit (and on the
next open if the process died in between).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Select, delete, extract, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import models as m
from db.engine import in_chunks, make_engine, session_factory
from db.migrate import upgrade
from desktop.core.store import lineage as unit_lineage, near_duplicates, reorganising
from desktop.core import views as v
from desktop.core.draft import ArticleDraft, PhotoDraft, content_hash
from desktop.core.errors import ArchiveError, ArchiveLocked, NotFound, ReadOnly
from desktop.core.store.fingerprints import fingerprints
from desktop.core.store.lock import ArchiveLock, LockHeld, _user
from desktop.core.store.media import MediaStore
from desktop.core.photos import PhotoError
from desktop.core.store.storing import (
    Incoming, Prepared, StagedFile, insert_articles, people_ids, photo_fields, prepare, queue, register_files,
    stage_photo,
)
from desktop.text import nfc

if TYPE_CHECKING:
    from desktop.core.search.background import BackgroundIndexer

DB_NAME = "archive.sqlite"
MEDIA_DIR = "media"
INDEX_DIR = "index"

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


def writes(method):
    """Mark a method that changes the archive: refused when the archive is open read-only."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if self.readonly:
            raise ReadOnly("kho đang mở chỉ để đọc (archive is open read-only)")
        return method(self, *args, **kwargs)

    return wrapper


@dataclass
class ArticleFilter:
    unit_ids: Sequence[int] = ()  # any of these units or their sub-units
    lineage: bool = True  # and the units they came from (store/lineage.py)
    topic_ids: Sequence[int] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    author: str | None = None
    trashed: bool = False
    ids: Sequence[int] | None = None  # restrict to these (e.g. search hits)


SORTS = {
    "date_desc": (m.Article.published_date.desc(), m.Article.id.desc()),
    "date_asc": (m.Article.published_date.asc(), m.Article.id.asc()),
    "title": (m.Article.title.asc(), m.Article.id.asc()),
    "author": (m.Article.author.asc(), m.Article.id.asc()),
    "added": (m.Article.id.desc(),),
}


@dataclass(frozen=True)
class AddResult:
    article_id: int
    duplicate: bool
    similar_to: int | None = None  # a near-duplicate found among the stored articles


class Archive:
    """An open archive folder.  Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, root: Path, *, readonly: bool = False, lock: bool = True):
        self.root = Path(root)
        self.readonly = readonly
        self.user = _user()
        self._lock = ArchiveLock(self.root)
        if not readonly and lock:
            try:
                self._lock.acquire()
            except LockHeld as exc:
                raise ArchiveLocked(str(exc)) from exc
        try:
            self.media = MediaStore(self.root / MEDIA_DIR)
            self.engine = make_engine(self.root / DB_NAME)
            if not readonly:
                upgrade(self.engine)
            self._sessions = session_factory(self.engine)
        except BaseException:
            self._lock.release()
            raise
        self._index_lock = threading.Lock()
        self._search = None
        self._background: BackgroundIndexer | None = None
        self.index_error: str | None = None  # the last failed index update, if any
        self._boilerplate: set[int] = set()  # fingerprints held by COMMON articles (near_duplicates)

    @classmethod
    def open(cls, root: str | Path, *, create: bool = True, readonly: bool = False) -> Archive:
        """Open (or create) the archive at ``root``.

        Only one LuuTru may write to an archive; a second one gets
        :class:`ArchiveLocked` and may open it ``readonly`` instead.
        """
        root = Path(root)
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
            archive.sync_index()
        return archive

    def close(self) -> None:
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
    def session(self) -> Iterator[Session]:
        """A short unit of work: committed on success, rolled back on any error."""
        with self._sessions.begin() as session:
            yield session

    # ------------------------------------------------------------------ search

    @property
    def search_index(self):
        """The search index, opened (or rebuilt) on first use."""
        if self._search is None:
            from desktop.core.search.index import SearchIndex

            self._search = SearchIndex(self.root / INDEX_DIR, self)
        return self._search

    def sync_index(self, progress: Progress | None = None) -> int:
        """Apply queued index changes; returns how many articles were updated
        (none here while a background indexer is running: it is woken instead)."""
        if self.readonly:
            return 0
        if self._background is not None:
            self._background.wake()
            return 0
        with self._index_lock:
            try:
                return self.search_index.apply_queue(progress)
            except Exception as exc:  # noqa: BLE001 - the DB is the truth; the queue keeps the work
                self.index_error = f"{exc.__class__.__name__}: {exc}"
                logging.getLogger(__name__).exception("search index update failed; kept in the queue")
                return 0

    @contextmanager
    def background_indexing(self) -> Iterator[None]:
        """Index in a second process while this one stores (for long imports).

        On leaving, the worker finishes what is queued and stops; anything it
        could not do is done here, so the index is in step afterwards.
        """
        from desktop.core.search.background import BackgroundIndexer

        if self.readonly or self._background is not None:
            yield
            return
        self.search_index  # opened, or rebuilt, here before the worker opens it
        self._background = BackgroundIndexer(self.root)
        try:
            yield
        finally:
            indexer, self._background = self._background, None
            indexer.finish()
            if indexer.error:
                self.index_error = indexer.error
            self.sync_index()

    def _record(self, s: Session, article_id: int, what: str, old=None, new=None) -> None:
        """Append to the article's edit history (who, when, what changed)."""
        s.add(m.Edit(article_id=article_id, who=self.user, what=what,
                     old=None if old is None else str(old), new=None if new is None else str(new)))

    def history(self, article_id: int) -> list[v.EditView]:
        with self.session() as s:
            return [
                v.EditView(e.at, e.who, e.what, e.old, e.new)
                for e in s.scalars(select(m.Edit).where(m.Edit.article_id == article_id).order_by(m.Edit.id))
            ]

    # ---------------------------------------------------------------- articles

    @writes
    def add_draft(
        self,
        draft: ArticleDraft,
        *,
        original: bytes | None = None,
        original_name: str | None = None,
        unit_ids: Sequence[int] = (),
        topic_ids: Sequence[int] = (),
        index: bool = True,
    ) -> AddResult:
        """Store a parsed article (tagged with the given units and topics, in the same
        transaction); an article with the same text is not stored twice."""
        [result] = self.add_drafts([Incoming(draft, original, original_name, unit_ids, topic_ids)], index=index)
        if isinstance(result, Exception):
            raise result
        return result

    @writes
    def add_drafts(self, items: Sequence[Incoming | Prepared], *, index: bool = True) -> list[AddResult | Exception]:
        """Store many articles in one transaction; one result per item, in order.

        An item that cannot be stored (no title, a broken photo, an unknown
        tag) gets its exception in the list and the others are still stored;
        a copy of a stored article, or of an earlier item, comes back as a
        duplicate.
        """
        results: list[AddResult | Exception | None] = [None] * len(items)
        prepared: dict[int, Prepared] = {}
        for i, item in enumerate(items):
            try:
                prepared[i] = prepare(item)
            except (ArchiveError, PhotoError, OSError) as exc:
                results[i] = exc
        self._refuse_unknown_tags(prepared, results)
        fresh = self._skip_duplicates(prepared, results)
        self._write_files(fresh, results)
        if fresh:
            try:
                with self.session() as s:
                    ids, similar = insert_articles(s, list(fresh.values()), self.user, self._boilerplate)
            except IntegrityError:
                # Another writer stored some of the same text meanwhile: settle each on its own.
                if len(fresh) == 1:
                    [(i, p)] = fresh.items()
                    copy = self._stored_copy(p)
                    if copy is None:
                        raise  # not a copy: a real failure
                    results[i] = copy
                else:
                    for i, p in fresh.items():
                        results[i] = self._stored_copy(p) or self.add_drafts([p], index=False)[0]
            else:
                for (i, p), article_id in zip(fresh.items(), ids):
                    results[i] = AddResult(article_id, False, similar.get(article_id))
        for i, p in prepared.items():
            if results[i] is None:  # a copy of an earlier item in this batch
                first = next(j for j in fresh if fresh[j].digest == p.digest)
                results[i] = AddResult(results[first].article_id, True)
        if index:
            self.sync_index()
        return results

    def _stored_copy(self, item: Prepared) -> AddResult | None:
        with self.session() as s:
            existing = s.scalar(select(m.Article.id).where(m.Article.content_hash == item.digest))
        return None if existing is None else AddResult(existing, True)

    def _write_files(self, fresh: dict[int, Prepared], results: list) -> None:
        """Write the items' files (photos, originals) durably before any row names them;
        an item whose files cannot be written fails alone."""
        try:
            self.media.put_many((f.sha256, f.data, f.extension) for p in fresh.values() for f in p.files())
            return
        except OSError:
            pass  # find which items fail, one at a time
        for i in list(fresh):
            try:
                for staged in fresh[i].files():
                    self.media.put(staged.data, staged.extension)
            except OSError as exc:
                results[i] = ArchiveError(f"không ghi được tệp vào kho: {exc.strerror or exc}")
                del fresh[i]

    def _refuse_unknown_tags(self, prepared: dict[int, Prepared], results: list) -> None:
        wanted_units = {u for p in prepared.values() for u in p.incoming.unit_ids}
        wanted_topics = {t for p in prepared.values() for t in p.incoming.topic_ids}
        if not (wanted_units or wanted_topics):
            return
        with self.session() as s:
            units = set(s.scalars(select(m.Unit.id).where(m.Unit.id.in_(wanted_units))))
            topics = set(s.scalars(select(m.Topic.id).where(m.Topic.id.in_(wanted_topics))))
        for i, p in list(prepared.items()):
            missing = [f"đơn vị {u}" for u in p.incoming.unit_ids if u not in units]
            missing += [f"chủ đề {t}" for t in p.incoming.topic_ids if t not in topics]
            if missing:
                results[i] = NotFound(f"không có {', '.join(missing)} (no such tag)")
                del prepared[i]

    def _skip_duplicates(self, prepared: dict[int, Prepared], results: list) -> dict[int, Prepared]:
        """The items whose text is new; copies of stored articles get their result now."""
        with self.session() as s:
            stored = {}
            for chunk in in_chunks(sorted({p.digest for p in prepared.values()})):
                stored.update(s.execute(select(m.Article.content_hash, m.Article.id)
                                        .where(m.Article.content_hash.in_(chunk))).all())
        fresh: dict[int, Prepared] = {}
        seen: set[str] = set()
        for i, p in prepared.items():
            if p.digest in stored:
                results[i] = AddResult(stored[p.digest], True)
            elif p.digest not in seen:
                seen.add(p.digest)
                fresh[i] = p
        return fresh

    def near_duplicates(self, *, open_only: bool = True) -> list[v.NearDuplicateView]:
        with self.session() as s:
            query = select(m.NearDuplicate).order_by(m.NearDuplicate.found_at.desc())
            if open_only:
                query = query.where(m.NearDuplicate.decision.is_(None))
            return [v.NearDuplicateView(d.article_id, d.other_id, d.similarity, d.decision) for d in s.scalars(query)]

    @writes
    def decide_near_duplicate(self, article_id: int, other_id: int, *, merge: bool) -> None:
        """Keep both, or merge: the newer copy goes to the Trash and its tags join the older one."""
        with self.session() as s:
            pair = s.get(m.NearDuplicate, (article_id, other_id))
            if pair is None:
                raise NotFound(f"không có cặp bài gần trùng {article_id}/{other_id}")
            pair.decision = "merged" if merge else "kept"
            if merge:
                newer, older = self._get(s, article_id), self._get(s, other_id)
                for unit in newer.units:
                    if unit not in older.units:
                        older.units.append(unit)
                for topic in newer.topics:
                    if topic not in older.topics:
                        older.topics.append(topic)
                newer.trashed_at = m.utcnow()
                self._record(s, article_id, "trash", new=f"gộp vào bài {other_id}")
                queue(s, [article_id, other_id])
        self.sync_index()

    def _store_photo(self, image: Path | bytes) -> tuple[dict, StagedFile]:
        """Check and write a photo now; the caller catalogues it in its transaction."""
        staged, info = stage_photo(image)
        self.media.put(staged.data, staged.extension)
        return photo_fields(staged, info), staged

    def article(self, article_id: int) -> v.ArticleDetail:
        with self.session() as s:
            article = s.scalar(
                select(m.Article)
                .where(m.Article.id == article_id)
                .options(*m.whole_article())
            )
            if article is None:
                raise NotFound(f"không có bài viết số {article_id} (no article {article_id})")
            unit_paths = self._paths(s, m.Unit)
            topic_paths = self._paths(s, m.Topic)
            return v.ArticleDetail(
                id=article.id,
                title=article.title,
                lead=article.lead,
                body=article.body,
                published_date=article.published_date,
                published_time=article.published_time,
                author=article.author,
                source_name=article.source_name,
                source_url=article.source_url,
                circulation=article.circulation,
                content_hash=article.content_hash,
                original_sha256=article.original_sha256,
                trashed=article.trashed,
                created_at=article.created_at,
                updated_at=article.updated_at,
                photos=tuple(
                    v.PhotoView(p.id, p.position, p.caption, p.credit, p.alt, p.sha256, p.width, p.height, p.thumbnail)
                    for p in article.photos
                ),
                units=tuple(v.TagView(u.id, u.name, unit_paths[u.id]) for u in article.units),
                topics=tuple(v.TagView(t.id, t.name, topic_paths[t.id]) for t in article.topics),
                doc_refs=tuple(v.DocRefView(d.number, d.kind, d.level, d.issued) for d in article.doc_refs),
                mentions=tuple(v.MentionView(x.person_id, x.person.name, x.title) for x in article.mentions),
            )

    EDITABLE = frozenset(
        {"title", "lead", "body", "published_date", "published_time", "author", "source_name", "source_url", "circulation"}
    )

    @writes
    def update_article(self, article_id: int, **changes) -> None:
        """Change article fields; text is normalised and references re-read from it."""
        unknown = set(changes) - self.EDITABLE
        if unknown:
            raise ArchiveError(f"không sửa được trường {', '.join(sorted(unknown))}")
        with self.session() as s:
            article = self._get(s, article_id)
            for key, value in changes.items():
                value = nfc(value) if isinstance(value, str) else value
                if getattr(article, key) != value:
                    self._record(s, article_id, key, getattr(article, key), value)
                setattr(article, key, value)
            if not article.title.strip():
                raise ArchiveError("tiêu đề không được để trống (title is required)")
            article.content_hash = content_hash(article.title, article.lead, article.body)
            if {"title", "lead", "body"} & set(changes):
                self._reextract(s, article)
                s.execute(delete(m.Fingerprint).where(m.Fingerprint.article_id == article_id))
                self._boilerplate.clear()  # a fingerprint's holders may have dropped below COMMON
                near_duplicates.record(s, [(article_id, fingerprints(f"{article.lead}\n{article.body}"))])
            queue(s, [article_id])
        self.sync_index()

    def _reextract(self, s: Session, article: m.Article) -> None:
        """Re-read cited documents and people from the edited text, captions included
        (as on import), so an edit never drops a person named only in a caption."""
        draft = ArticleDraft(
            title=article.title, lead=article.lead, body=article.body,
            photos=[PhotoDraft(caption=p.caption, credit=p.credit) for p in article.photos],
        )
        draft.extract_references()
        article.doc_refs.clear()
        article.mentions.clear()
        s.flush()
        self._attach_references(s, article, draft)

    def _attach_references(self, s: Session, article: m.Article, draft: ArticleDraft) -> None:
        for ref in draft.doc_refs:
            article.doc_refs.append(m.DocRef(number=ref.number, kind=ref.kind, level=ref.level, issued=ref.issued))
        people = people_ids(s, {x.name for x in draft.mentions})
        named: dict[str, str | None] = {}
        for mention in draft.mentions:
            named.setdefault(mention.name, mention.title)
        article.mentions += [m.Mention(person_id=people[name], title=title) for name, title in named.items()]

    def _get(self, s: Session, article_id: int) -> m.Article:
        article = s.get(m.Article, article_id)
        if article is None:
            raise NotFound(f"không có bài viết số {article_id} (no article {article_id})")
        return article

    @writes
    def attach_photo(
        self, article_id: int, image: Path | bytes, caption: str = "", credit: str | None = None
    ) -> int:
        stored, staged = self._store_photo(image)
        with self.session() as s:
            register_files(s, [staged])
            article = self._get(s, article_id)
            position = max((p.position for p in article.photos), default=-1) + 1
            self._record(s, article_id, "ảnh mới", new=caption)
            photo = m.Photo(position=position, caption=nfc(caption), credit=nfc(credit) if credit else None, **stored)
            article.photos.append(photo)
            s.flush()
            queue(s, [article_id])
            photo_id = photo.id
        self.sync_index()
        return photo_id

    @writes
    def update_photo(self, photo_id: int, *, caption: str | None = None, credit: str | None = None) -> None:
        with self.session() as s:
            photo = s.get(m.Photo, photo_id)
            if photo is None:
                raise NotFound(f"không có ảnh số {photo_id} (no photo {photo_id})")
            if caption is not None and nfc(caption) != photo.caption:
                self._record(s, photo.article_id, f"ảnh {photo.position + 1}: chú thích", photo.caption, nfc(caption))
                photo.caption = nfc(caption)
            if credit is not None and (nfc(credit) or None) != photo.credit:
                self._record(s, photo.article_id, f"ảnh {photo.position + 1}: tác giả ảnh", photo.credit, nfc(credit) or None)
                photo.credit = nfc(credit) or None
            queue(s, [photo.article_id])
        self.sync_index()

    @writes
    def set_photo_image(self, photo_id: int, image: Path | bytes) -> None:
        """Give a caption that arrived with pasted text the image it belongs to."""
        stored, staged = self._store_photo(image)
        with self.session() as s:
            register_files(s, [staged])
            photo = s.get(m.Photo, photo_id)
            if photo is None:
                raise NotFound(f"không có ảnh số {photo_id} (no photo {photo_id})")
            for key, value in stored.items():
                setattr(photo, key, value)

    def photo_path(self, sha256: str) -> Path | None:
        return self.media.find(sha256)

    @writes
    def trash(self, article_ids: Iterable[int]) -> int:
        return self._set_trashed(article_ids, m.utcnow())

    @writes
    def restore(self, article_ids: Iterable[int]) -> int:
        return self._set_trashed(article_ids, None)

    def _set_trashed(self, article_ids: Iterable[int], when: dt.datetime | None) -> int:
        ids = list(article_ids)
        with self.session() as s:
            articles = s.scalars(select(m.Article).where(m.Article.id.in_(ids))).all()
            for article in articles:
                if (article.trashed_at is None) != (when is None):
                    self._record(s, article.id, "trash" if when else "restore")
                article.trashed_at = when
            queue(s, [a.id for a in articles])
        self.sync_index()
        return len(articles)

    @writes
    def purge(self, article_ids: Iterable[int] | None = None) -> int:
        """Delete trashed articles for good (all of the Trash when no ids are given).

        Media files stay in ``media/``: they may be shared, and the integrity
        check reports orphans rather than this deleting anything irrecoverable.
        """
        with self.session() as s:
            query = select(m.Article.id).where(m.Article.trashed_at.is_not(None))
            if article_ids is not None:
                query = query.where(m.Article.id.in_(list(article_ids)))
            ids = list(s.scalars(query))
            for article_id in ids:
                self._record(s, article_id, "purge")
            if ids:
                s.execute(delete(m.Article).where(m.Article.id.in_(ids)))
                self._boilerplate.clear()  # their fingerprints went with them
                queue(s, ids)
        self.sync_index()
        return len(ids)

    # -------------------------------------------------------------- unit/topic

    @writes
    def add_unit(
        self,
        name: str,
        parent_id: int | None = None,
        *,
        kind: str | None = None,
        founded: dt.date | None = None,
        dissolved: dt.date | None = None,
    ) -> int:
        return self._add_node(m.Unit, name, parent_id, kind=kind, founded=founded, dissolved=dissolved)

    @writes
    def add_topic(self, name: str, parent_id: int | None = None) -> int:
        return self._add_node(m.Topic, name, parent_id)

    def _add_node(self, model, name: str, parent_id: int | None, **fields) -> int:
        name = nfc(name).strip()
        if not name:
            raise ArchiveError("tên không được để trống (name is required)")
        with self.session() as s:
            if parent_id is not None and s.get(model, parent_id) is None:
                raise NotFound(f"không có mục cha số {parent_id} (no parent {parent_id})")
            existing = s.scalar(select(model.id).where(model.name == name, model.parent_id.is_(parent_id) if parent_id is None else model.parent_id == parent_id))
            if existing is not None:
                raise ArchiveError(f"'{name}' đã có ở đây (already exists)")
            node = model(name=name, parent_id=parent_id, **fields)
            s.add(node)
            s.flush()
            return node.id

    @writes
    def update_unit(self, unit_id: int, **changes) -> None:
        allowed = {"name", "kind", "founded", "dissolved", "parent_id"}
        self._update_node(m.Unit, unit_id, allowed, changes)

    @writes
    def update_topic(self, topic_id: int, **changes) -> None:
        self._update_node(m.Topic, topic_id, {"name", "parent_id"}, changes)

    def _update_node(self, model, node_id: int, allowed: set[str], changes: dict) -> None:
        unknown = set(changes) - allowed
        if unknown:
            raise ArchiveError(f"không sửa được trường {', '.join(sorted(unknown))}")
        with self.session() as s:
            node = s.get(model, node_id)
            if node is None:
                raise NotFound(f"không có mục số {node_id} (no such entry)")
            if "parent_id" in changes and changes["parent_id"] is not None:
                if changes["parent_id"] in self._descendants(s, model, [node_id]):
                    raise ArchiveError("không thể chuyển một mục vào chính nó (cycle)")
            for key, value in changes.items():
                setattr(node, key, nfc(value) if isinstance(value, str) else value)
            tagged = self._tagged_articles(s, model, [node_id])
            queue(s, tagged)
        self.sync_index()

    @writes
    def remove_topic(self, topic_id: int) -> None:
        self._remove_node(m.Topic, topic_id)

    @writes
    def remove_unit(self, unit_id: int) -> None:
        self._remove_node(m.Unit, unit_id)

    def _remove_node(self, model, node_id: int) -> None:
        with self.session() as s:
            node = s.get(model, node_id)
            if node is None:
                raise NotFound(f"không có mục số {node_id} (no such entry)")
            if s.scalar(select(func.count()).where(model.parent_id == node_id)):
                raise ArchiveError(f"'{node.name}' còn mục con, hãy chuyển hoặc xóa chúng trước (has children)")
            tagged = self._tagged_articles(s, model, [node_id])
            s.delete(node)
            queue(s, tagged)
        self.sync_index()

    def _tagged_articles(self, s: Session, model, node_ids: list[int]) -> list[int]:
        table, column = (m.article_units, "unit_id") if model is m.Unit else (m.article_topics, "topic_id")
        return list(s.scalars(select(table.c.article_id).where(table.c[column].in_(node_ids))))

    def find_path(self, kind: str, path: str, *, create: bool = False) -> int:
        """Id of the unit/topic named by a path such as "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên"."""
        model = m.Unit if kind == "unit" else m.Topic
        if create and self.readonly:
            raise ReadOnly("kho đang mở chỉ để đọc (archive is open read-only)")
        parent_id = None
        for part in [p.strip() for p in nfc(path).replace("›", "/").split("/") if p.strip()]:
            with self.session() as s:
                query = select(model.id).where(model.name == part)
                query = query.where(model.parent_id.is_(None) if parent_id is None else model.parent_id == parent_id)
                found = s.scalar(query)
            if found is None:
                if not create:
                    raise NotFound(f"không có '{part}' trong cây {'đơn vị' if kind == 'unit' else 'chủ đề'}")
                found = self._add_node(model, part, parent_id)
            parent_id = found
        if parent_id is None:
            raise ArchiveError("đường dẫn rỗng (empty path)")
        return parent_id

    def unit_tree(self) -> list[v.TreeNode]:
        return self._tree(m.Unit, m.article_units, "unit_id")

    # ----------------------------------------------------------- unit lineage

    def lineage(self) -> unit_lineage.Lineage:
        """Units with their merges and splits (see store/lineage.py)."""
        with self.session() as s:
            return unit_lineage.load(s)

    @writes
    def link_units(self, predecessor_id: int, successor_id: int, date: dt.date | None = None,
                   kind: str = "merge") -> None:
        with self.session() as s:
            unit_lineage.add_links(s, [(predecessor_id, successor_id)], date, kind)

    @writes
    def unlink_units(self, predecessor_id: int, successor_id: int) -> None:
        with self.session() as s:
            s.execute(delete(m.UnitLink).where(m.UnitLink.predecessor_id == predecessor_id,
                                               m.UnitLink.successor_id == successor_id))

    def plan_reorganisation(self, steps: Sequence[v.ReorganisationStep]) -> reorganising.Plan:
        return reorganising.plan(self.lineage(), list(steps))

    @writes
    def apply_reorganisation(self, plan: reorganising.Plan, source: str) -> int:
        with self.session() as s:
            return reorganising.apply(s, plan, who=self.user, source=source)

    @writes
    def undo_reorganisation(self, record_id: int | None = None) -> reorganising.ReorganisationView:
        with self.session() as s:
            return reorganising.undo(s, record_id)

    def reorganisations(self) -> list[reorganising.ReorganisationView]:
        with self.session() as s:
            return reorganising.history(s)

    @writes
    def merge_units(self, sources: Sequence[int], target: int | str, date: dt.date, kind: str = "merge") -> int:
        """Several units' work passes to ``target`` (an id, or a new unit's path) on ``date``; undoable."""
        graph = self.lineage()
        new = graph.path(target) if isinstance(target, int) else target
        steps = [v.ReorganisationStep(graph.path(u), new, date, kind) for u in sources]
        return self._reorganise(steps, "merge")

    @writes
    def split_unit(self, source: int, targets: Sequence[int | str], date: dt.date) -> int:
        """One unit's work passes to several (ids, or new units' paths) on ``date``; undoable."""
        graph = self.lineage()
        steps = [v.ReorganisationStep(graph.path(source), graph.path(t) if isinstance(t, int) else t, date, "split")
                 for t in targets]
        return self._reorganise(steps, "split")

    def _reorganise(self, steps: list[v.ReorganisationStep], source: str) -> int:
        plan = self.plan_reorganisation(steps)
        if not plan.ok:
            raise ArchiveError("; ".join(plan.problems))
        return self.apply_reorganisation(plan, source)

    def unit_scope(self, unit_ids: Sequence[int], *, lineage: bool = True) -> unit_lineage.Scope:
        return self.lineage().scope(unit_ids, lineage=lineage)

    def dissolved_tags(self, unit_ids: Iterable[int], day: dt.date | None) -> dict[int, list[int]]:
        """Units among ``unit_ids`` that had ended by ``day`` (an article's date), each with
        the successors to suggest: the caller asks before tagging with them."""
        graph = self.lineage()
        found = {u: graph.dissolved_before(u, day) for u in unit_ids}
        return {u: successors for u, successors in found.items() if successors is not None}

    def topic_tree(self) -> list[v.TreeNode]:
        return self._tree(m.Topic, m.article_topics, "topic_id")

    def _tree(self, model, table, column: str) -> list[v.TreeNode]:
        with self.session() as s:
            nodes = s.scalars(select(model).order_by(model.name)).all()
            tagged: dict[int, set[int]] = {}
            for node_id, article_id in s.execute(
                select(table.c[column], table.c.article_id)
                .join(m.Article, m.Article.id == table.c.article_id)
                .where(m.Article.trashed_at.is_(None))
            ):
                tagged.setdefault(node_id, set()).add(article_id)
            successors: dict[int, list[int]] = {}
            lineage_counts: dict[int, int] = {}
            if model is m.Unit:
                graph = unit_lineage.load(s)
                for link in sorted(graph.links, key=lambda link: link.id):
                    successors.setdefault(link.predecessor, []).append(link.successor)
                lineage_counts = graph.counts(tagged)
        children: dict[int | None, list] = {}
        for node in nodes:
            children.setdefault(node.parent_id, []).append(node)

        def build(node) -> tuple[v.TreeNode, set[int]]:
            """The node and the articles tagged with it or anything below it (what its filter shows)."""
            built = [build(c) for c in children.get(node.id, [])]
            articles = set(tagged.get(node.id, ()))
            for _, below in built:
                articles |= below
            return v.TreeNode(
                id=node.id,
                name=node.name,
                kind=getattr(node, "kind", None),
                founded=getattr(node, "founded", None),
                dissolved=getattr(node, "dissolved", None),
                successor_ids=tuple(successors.get(node.id, ())),
                count=len(articles),
                children=tuple(child for child, _ in built),
                with_predecessors=lineage_counts.get(node.id),
            ), articles

        return [build(n)[0] for n in children.get(None, [])]

    def _paths(self, s: Session, model) -> dict[int, str]:
        rows = {i: (name, parent) for i, name, parent in s.execute(select(model.id, model.name, model.parent_id))}
        paths: dict[int, str] = {}

        def path(i: int) -> str:
            if i not in paths:
                name, parent = rows[i]
                paths[i] = f"{path(parent)} › {name}" if parent is not None else name
            return paths[i]

        for i in rows:
            path(i)
        return paths

    def _descendants(self, s: Session, model, ids: Iterable[int]) -> set[int]:
        """The given ids and all ids below them in the tree."""
        pairs = s.execute(select(model.id, model.parent_id)).all()
        children: dict[int, list[int]] = {}
        for child, parent in pairs:
            if parent is not None:
                children.setdefault(parent, []).append(child)
        result: set[int] = set()
        stack = list(ids)
        while stack:
            node = stack.pop()
            if node not in result:
                result.add(node)
                stack.extend(children.get(node, []))
        return result

    @writes
    def tag(self, article_ids: Iterable[int], *, unit_ids: Iterable[int] = (), topic_ids: Iterable[int] = ()) -> None:
        self._retag(article_ids, unit_ids, topic_ids, add=True)

    @writes
    def untag(self, article_ids: Iterable[int], *, unit_ids: Iterable[int] = (), topic_ids: Iterable[int] = ()) -> None:
        self._retag(article_ids, unit_ids, topic_ids, add=False)

    def _retag(self, article_ids, unit_ids, topic_ids, *, add: bool) -> None:
        article_ids, unit_ids, topic_ids = list(article_ids), list(unit_ids), list(topic_ids)
        with self.session() as s:
            units = [self._must(s, m.Unit, i) for i in unit_ids]
            topics = [self._must(s, m.Topic, i) for i in topic_ids]
            for article_id in article_ids:
                article = self._get(s, article_id)
                for collection, items in ((article.units, units), (article.topics, topics)):
                    for item in items:
                        if add and item not in collection:
                            collection.append(item)
                            self._record(s, article_id, "tag", new=item.name)
                        elif not add and item in collection:
                            collection.remove(item)
                            self._record(s, article_id, "untag", old=item.name)
            queue(s, article_ids)
        self.sync_index()

    def _must(self, s: Session, model, node_id: int):
        node = s.get(model, node_id)
        if node is None:
            what = "đơn vị" if model is m.Unit else "chủ đề"
            raise NotFound(f"không có {what} số {node_id}")
        return node

    # ----------------------------------------------------------------- listing

    def _filtered(self, s: Session, f: ArticleFilter, query: Select) -> Select:
        query = query.where(m.Article.trashed_at.is_not(None) if f.trashed else m.Article.trashed_at.is_(None))
        if f.unit_ids:
            units = unit_lineage.load(s).scope(f.unit_ids, lineage=f.lineage).units
            query = query.where(
                m.Article.id.in_(select(m.article_units.c.article_id).where(m.article_units.c.unit_id.in_(units)))
            )
        if f.topic_ids:
            topics = self._descendants(s, m.Topic, f.topic_ids)
            query = query.where(
                m.Article.id.in_(select(m.article_topics.c.article_id).where(m.article_topics.c.topic_id.in_(topics)))
            )
        if f.date_from is not None:
            query = query.where(m.Article.published_date >= f.date_from)
        if f.date_to is not None:
            query = query.where(m.Article.published_date <= f.date_to)
        if f.author:
            query = query.where(m.Article.author == nfc(f.author))
        if f.ids is not None:
            query = query.where(m.Article.id.in_(list(f.ids)))
        return query

    def article_ids(self, f: ArticleFilter | None = None, order: str = "date_desc") -> list[int]:
        """Ids of the matching articles in list order (cheap: the list model pages rows by id)."""
        f = f or ArticleFilter()
        with self.session() as s:
            query = self._filtered(s, f, select(m.Article.id)).order_by(*SORTS[order])
            return list(s.scalars(query))

    def count_articles(self, f: ArticleFilter | None = None) -> int:
        f = f or ArticleFilter()
        with self.session() as s:
            return s.scalar(self._filtered(s, f, select(func.count(m.Article.id)))) or 0

    def rows(self, article_ids: Sequence[int]) -> list[v.ArticleRow]:
        """List rows for these ids, in the order given."""
        ids = list(article_ids)
        if not ids:
            return []
        with self.session() as s:
            photo_counts = dict(
                s.execute(
                    select(m.Photo.article_id, func.count()).where(m.Photo.article_id.in_(ids)).group_by(m.Photo.article_id)
                ).all()
            )
            units: dict[int, list[str]] = {}
            for article_id, name in s.execute(
                select(m.article_units.c.article_id, m.Unit.name)
                .join(m.Unit, m.Unit.id == m.article_units.c.unit_id)
                .where(m.article_units.c.article_id.in_(ids))
                .order_by(m.Unit.name)
            ):
                units.setdefault(article_id, []).append(name)
            found = {
                a.id: v.ArticleRow(
                    id=a.id,
                    title=a.title,
                    published_date=a.published_date,
                    author=a.author,
                    units=", ".join(units.get(a.id, [])),
                    photo_count=photo_counts.get(a.id, 0),
                    trashed=a.trashed_at is not None,
                )
                for a in s.execute(
                    select(m.Article.id, m.Article.title, m.Article.published_date, m.Article.author, m.Article.trashed_at)
                    .where(m.Article.id.in_(ids))
                )
            }
        return [found[i] for i in ids if i in found]

    def list_articles(
        self, f: ArticleFilter | None = None, order: str = "date_desc", offset: int = 0, limit: int | None = None
    ) -> list[v.ArticleRow]:
        ids = self.article_ids(f, order)
        end = None if limit is None else offset + limit
        return self.rows(ids[offset:end])

    def months(self) -> list[tuple[int, int, int]]:
        """(year, month, live article count), newest first, for the calendar tree."""
        year = extract("year", m.Article.published_date)
        month = extract("month", m.Article.published_date)
        with self.session() as s:
            rows = s.execute(
                select(year, month, func.count())
                .where(m.Article.trashed_at.is_(None), m.Article.published_date.is_not(None))
                .group_by(year, month)
                .order_by(year.desc(), month.desc())
            ).all()
        return [(int(y), int(mo), c) for y, mo, c in rows]

    def authors(self) -> list[tuple[str, int]]:
        with self.session() as s:
            return list(
                s.execute(
                    select(m.Article.author, func.count())
                    .where(m.Article.author.is_not(None), m.Article.trashed_at.is_(None))
                    .group_by(m.Article.author)
                    .order_by(m.Article.author)
                ).all()
            )
