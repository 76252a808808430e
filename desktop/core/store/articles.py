"""Articles: storing new ones, reading one whole, the Trash and history (edits: :mod:`edits`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import models as m
from db.engine import in_chunks
from db.trees import Tree
from desktop.core import views as v
from desktop.core.draft import ArticleDraft
from desktop.core.errors import ArchiveError, NotFound
from desktop.core.photos import PhotoError
from desktop.core.store import audit, scans, versions
from desktop.core.store.context import Part, writes
from desktop.core.store.db_errors import HIDDEN_COPY, same_text_hidden, translated
from desktop.core.store.storing import Incoming, Prepared, insert_articles, prepare, queue


@dataclass(frozen=True)
class AddResult:
    article_id: int
    duplicate: bool
    similar_to: int | None = None  # a near-duplicate found among the stored articles


class Articles(Part):
    def history(self, article_id: int) -> list[v.EditView]:
        with self.ctx.session() as s:
            return [
                v.EditView(e.at, e.who, e.what, e.old, e.new, e.version)
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
        self._heal_missing([p for i, p in prepared.items() if i not in fresh])
        self._write_files(fresh, results)
        if fresh:
            try:
                with self.ctx.session() as s:
                    ids, similar = insert_articles(s, list(fresh.values()), self.ctx.user, self.ctx.boilerplate)
            except IntegrityError as exc:
                # Another writer stored some of the same text meanwhile: settle each on its own.
                if len(fresh) == 1:
                    [(i, p)] = fresh.items()
                    copy = self._stored_copy(p)
                    if copy is None and not same_text_hidden(exc):
                        raise  # not a copy: a real failure
                    results[i] = copy or ArchiveError(HIDDEN_COPY)
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
            self.ctx.on_change()
        return results

    def _stored_copy(self, item: Prepared) -> AddResult | None:
        with self.ctx.session() as s:
            existing = s.scalar(select(m.Article.id).where(m.Article.content_hash == item.digest))
        return None if existing is None else AddResult(existing, True)

    def _write_files(self, fresh: dict[int, Prepared], results: list) -> None:
        """Write the items' files (photos, originals) durably before any row names them;
        an item whose files cannot be written fails alone."""
        try:
            self.ctx.media.put_many((f.sha256, f.data, f.extension) for p in fresh.values() for f in p.files())
            return
        except OSError:
            pass  # find which items fail, one at a time
        for i in list(fresh):
            try:
                for staged in fresh[i].files():
                    self.ctx.media.put(staged.data, staged.extension)
            except OSError as exc:
                results[i] = translated(exc) or ArchiveError(f"không ghi được tệp vào kho: {exc.strerror or exc}")
                del fresh[i]

    def _refuse_unknown_tags(self, prepared: dict[int, Prepared], results: list) -> None:
        wanted_units = {u for p in prepared.values() for u in p.incoming.unit_ids}
        wanted_topics = {t for p in prepared.values() for t in p.incoming.topic_ids}
        if not (wanted_units or wanted_topics):
            return
        with self.ctx.session() as s:
            units = set(s.scalars(select(m.Unit.id).where(m.Unit.id.in_(wanted_units))))
            topics = set(s.scalars(select(m.Topic.id).where(m.Topic.id.in_(wanted_topics))))
        for i, p in list(prepared.items()):
            missing = [f"đơn vị {u}" for u in p.incoming.unit_ids if u not in units]
            missing += [f"chủ đề {t}" for t in p.incoming.topic_ids if t not in topics]
            if missing:
                results[i] = NotFound(f"không có {', '.join(missing)} (no such tag)")
                del prepared[i]

    def _heal_missing(self, copies: list[Prepared]) -> None:
        """Re-importing a stored article puts back its files that went missing from ``media/``."""
        staged = {f.sha256: f for p in copies for f in p.files()}
        if not staged:
            return
        with self.ctx.session() as s:
            known = dict(s.execute(select(m.MediaFile.sha256, m.MediaFile.extension)
                                   .where(m.MediaFile.sha256.in_(list(staged)))).all())
        for sha, extension in known.items():
            if self.ctx.media.find(sha) is None:
                try:
                    self.ctx.media.put(staged[sha].data, extension)
                except OSError:
                    pass  # the copy is still reported a duplicate; check goes on naming the missing file

    def _skip_duplicates(self, prepared: dict[int, Prepared], results: list) -> dict[int, Prepared]:
        """The items whose text is new; copies of stored articles get their result now."""
        with self.ctx.session() as s:
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

    def article(self, article_id: int) -> v.ArticleDetail:
        with self.ctx.session() as s:
            return read_detail(s, article_id)

    @writes
    def trash(self, article_ids: Iterable[int]) -> int:
        return self._set_trashed(article_ids, m.utcnow())

    @writes
    def restore(self, article_ids: Iterable[int]) -> int:
        return self._set_trashed(article_ids, None)

    def _set_trashed(self, article_ids: Iterable[int], when: dt.datetime | None) -> int:
        ids = list(article_ids)
        with self.ctx.session() as s:
            articles = s.scalars(select(m.Article).where(m.Article.id.in_(ids))).all()
            for article in articles:
                if (article.trashed_at is None) != (when is None):
                    version = versions.claim(s, article, None, self.ctx.own_versions)  # an open pane learns of it
                    self.ctx.record(s, article.id, "trash" if when else "restore", version=version)
                article.trashed_at = when
            queue(s, [a.id for a in articles])
        self.ctx.on_change()
        return len(articles)

    @writes
    def purge(self, article_ids: Iterable[int] | None = None) -> int:
        """Delete trashed articles for good (all of the Trash when no ids are given).

        Media files stay in ``media/``: they may be shared, and the integrity
        check reports orphans rather than this deleting anything irrecoverable.
        """
        with self.ctx.session() as s:
            query = select(m.Article.id).where(m.Article.trashed_at.is_not(None))
            if article_ids is not None:
                query = query.where(m.Article.id.in_(list(article_ids)))
            ids = list(s.scalars(query))
            for article_id in ids:
                self.ctx.record(s, article_id, "purge")
            if ids:
                s.execute(delete(m.Article).where(m.Article.id.in_(ids)))
                audit.append(s, self.ctx.user, "purge", ", ".join(f"#{i}" for i in ids))
                self.ctx.boilerplate.clear()  # their fingerprints went with them
                queue(s, ids)
        self.ctx.on_change()
        return len(ids)


def read_detail(s: Session, article_id: int) -> v.ArticleDetail:
    """The whole article as stored now, detached from ``s``."""
    article = s.scalar(
        select(m.Article)
        .where(m.Article.id == article_id)
        .options(*m.whole_article())
    )
    if article is None:
        raise NotFound(f"không có bài viết số {article_id} (no article {article_id})")
    unit_paths = Tree.load(s, m.Unit).paths()
    topic_paths = Tree.load(s, m.Topic).paths()
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
        doc_number=article.doc_number,
        doc_kind=article.doc_kind,
        doc_issuer=article.doc_issuer,
        text_origin=article.text_origin,
        ocr_confidence=article.ocr_confidence,
        scanned_pages=scans.count(s, article.id),
        version=article.version,
    )
