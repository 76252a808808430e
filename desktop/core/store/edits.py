"""A clerk's edits to one stored article, each saved in one transaction.

The window sends everything the clerk changed in the pane (fields and
captions) as one call, and the new set of units or topics as one call, so a
save is all or nothing and the window holds no rule about what changed: the
stored values are compared here, and only real changes reach the history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db import models as m
from desktop.core.docrefs import DocRefDraft, written_number
from desktop.core.draft import ArticleDraft, PhotoDraft, content_hash
from desktop.core.errors import ArchiveError, NotFound
from desktop.core.store import near_duplicates, refusals, versions
from desktop.core.store.context import Part, get_article, writes
from desktop.core.store.fingerprints import fingerprints
from desktop.core.store.storing import ARTICLE_FIELDS, mention_rows, queue
from desktop.core.store.trees import node_or_refuse, retag
from desktop.text import nfc

EDITABLE = frozenset(ARTICLE_FIELDS)
TEXT_FIELDS = frozenset({"title", "lead", "body"})
DOCUMENT_FIELDS = frozenset({"doc_number", "doc_kind"})  # the article's own number is one of its references


@dataclass(frozen=True)
class CaptionChange:
    """The caption and credit a photo should have (unchanged values are skipped)."""

    photo_id: int
    caption: str
    credit: str | None


def reread_references(s: Session, article: m.Article) -> None:
    """Re-read cited documents and people from the edited text, captions included
    (as on import), so an edit never drops a person named only in a caption.  A
    Party document's own number comes first, as on import, so search finds it
    even when the text never repeats it."""
    draft = ArticleDraft(
        title=article.title, lead=article.lead, body=article.body,
        photos=[PhotoDraft(caption=p.caption, credit=p.credit) for p in article.photos],
    )
    draft.extract_references()
    if article.doc_number:
        level = article.doc_number.rsplit("/", 1)[-1] if "/" in article.doc_number else None
        issued = next((r.issued for r in [*article.doc_refs, *draft.doc_refs] if r.number == article.doc_number and r.issued), None)
        draft.doc_refs = [DocRefDraft(article.doc_number, article.doc_kind, level, issued),
                          *[r for r in draft.doc_refs if r.number != article.doc_number]]
    article.doc_refs.clear()
    article.mentions.clear()
    s.flush()
    for ref in draft.doc_refs:
        article.doc_refs.append(m.DocRef(number=ref.number, kind=ref.kind, level=ref.level, issued=ref.issued))
    article.mentions += [m.Mention(**row) for row in mention_rows(s, draft.mentions)]


class Edits(Part):
    """Saves of stored articles: the window's (fields and captions together) and the
    command line's field edits, tag replacement, and a refused save kept as a copy.

    A save that names its ``base`` version is refused with EditConflict, nothing
    written, when the article moved past it (:mod:`~desktop.core.store.versions`)."""

    @writes
    def save_article(self, article_id: int, fields: Mapping[str, object],
                     captions: Sequence[CaptionChange] = (), *, base: int | None = None,
                     overwriting: bool = False) -> frozenset[str]:
        """Store the article's fields and its photos' captions together; returns
        what changed ("title", "ảnh 1: chú thích", ...), empty when nothing did.
        ``overwriting``: the clerk saw a newer version (``base``) and keeps theirs
        over it, which the history says."""
        unknown = set(fields) - EDITABLE
        if unknown:
            raise ArchiveError(f"không sửa được trường {', '.join(sorted(unknown))}")
        try:
            with self.ctx.session() as s:
                article = get_article(s, article_id)
                field_changes = _field_changes(article, fields)
                caption_changes = _caption_changes(article, captions)
                if not field_changes.get("title", (None, article.title))[1].strip():
                    raise ArchiveError("tiêu đề không được để trống (title is required)")
                if not (field_changes or caption_changes):
                    return frozenset()
                version = versions.claim(s, article, base, self.ctx.own_versions)
                if overwriting:
                    self.ctx.record(s, article_id, KEPT_MINE, old=base, new=version, version=version)
                for key, (old, new) in field_changes.items():
                    self.ctx.record(s, article_id, key, old, new, version=version)
                    setattr(article, key, new)
                for photo, what, key, old, new in caption_changes:
                    self.ctx.record(s, article_id, what, old, new, version=version)
                    setattr(photo, key, new)
                changed = set(field_changes) | {what for _p, what, *_ in caption_changes}
                self._after_text_change(s, article, changed)
        except versions.Stale as stale:
            raise refusals.report(self.ctx, stale) from None
        self.ctx.on_change()
        return frozenset(changed)

    def _after_text_change(self, s: Session, article: m.Article, changed: set[str]) -> None:
        article.content_hash = content_hash(article.title, article.lead, article.body)
        if changed & (TEXT_FIELDS | DOCUMENT_FIELDS) or any(c.startswith("ảnh") for c in changed):
            reread_references(s, article)  # captions name people too
        if changed & TEXT_FIELDS:
            s.execute(delete(m.Fingerprint).where(m.Fingerprint.article_id == article.id))
            self.ctx.boilerplate.clear()  # a fingerprint's holders may have dropped below COMMON
            near_duplicates.record(s, [(article.id, fingerprints(f"{article.lead}\n{article.body}"))])
        queue(s, [article.id])

    @writes
    def save_copy(self, article_id: int, fields: Mapping[str, object], captions: Sequence[CaptionChange] = ()) -> int:
        """Store the clerk's version of an article as a new article (for a refused save
        whose author keeps both): these fields over the stored ones, its photos with
        these captions, its units and topics.  Both histories name the other article;
        the copy is flagged as a near-duplicate of it, to merge later if wanted."""
        unknown = set(fields) - EDITABLE
        if unknown:
            raise ArchiveError(f"không sửa được trường {', '.join(sorted(unknown))}")
        with self.ctx.session() as s:
            source = get_article(s, article_id)
            values = {key: getattr(source, key) for key in EDITABLE}
            values.update({key: new for key, (_old, new) in _field_changes(source, fields).items()})
            if not values["title"].strip():
                raise ArchiveError("tiêu đề không được để trống (title is required)")
            if s.scalar(select(m.Article.id).where(
                    m.Article.content_hash == content_hash(values["title"], values["lead"], values["body"]))):
                values["title"] = f"{values['title']} {COPY_MARK}"  # the same text: the title tells them apart
            copy = m.Article(**values, content_hash=content_hash(values["title"], values["lead"], values["body"]),
                             units=list(source.units), topics=list(source.topics))
            wanted = {c.photo_id: c for c in captions}
            for photo in source.photos:
                change = wanted.get(photo.id)
                copy.photos.append(m.Photo(
                    position=photo.position, sha256=photo.sha256, width=photo.width, height=photo.height,
                    alt=photo.alt, thumbnail=photo.thumbnail,
                    caption=nfc(change.caption) if change else photo.caption,
                    credit=(nfc(change.credit) if change.credit else None) if change else photo.credit))
            s.add(copy)
            s.flush()
            self.ctx.record(s, copy.id, "bản sao", old=f"bài số {article_id}", version=copy.version)
            self.ctx.record(s, article_id, "lưu bản sao", new=f"bài số {copy.id}")
            self._after_text_change(s, copy, set(TEXT_FIELDS))
            copy_id = copy.id
        self.ctx.on_change()
        return copy_id

    @writes
    def set_tags(self, article_ids: Iterable[int], *, unit_ids: Iterable[int] | None = None,
                 topic_ids: Iterable[int] | None = None, base: int | None = None, overwriting: bool = False) -> None:
        """Give the articles exactly these units (and/or topics): what is ticked stays
        or is added, what is not is removed, all in one transaction.  ``base``: the
        version the (one) article's tags were read at, refused when it moved on;
        ``overwriting`` as for :meth:`save_article`."""
        article_ids = list(article_ids)
        if base is not None and len(article_ids) != 1:
            raise ArchiveError("chỉ kiểm tra phiên bản khi sửa một bài (a base version needs one article)")
        try:
            with self.ctx.session() as s:
                wanted = [
                    (kind, [node_or_refuse(s, model, i) for i in ids])
                    for kind, model, ids in (("units", m.Unit, unit_ids), ("topics", m.Topic, topic_ids))
                    if ids is not None
                ]
                for article_id in article_ids:
                    article = get_article(s, article_id)
                    steps = []
                    for kind, nodes in wanted:
                        collection = getattr(article, kind)
                        steps += [(collection, node, False) for node in collection if node not in nodes]
                        steps += [(collection, node, True) for node in nodes if node not in collection]
                    version = retag(self.ctx, s, article, steps, base)
                    if overwriting and version is not None:
                        self.ctx.record(s, article_id, KEPT_MINE, old=base, new=version, version=version)
                queue(s, article_ids)
        except versions.Stale as stale:
            raise refusals.report(self.ctx, stale) from None
        self.ctx.on_change()


KEPT_MINE = "giữ bản của mình"  # the history's name for a save that overwrote a newer version on purpose
COPY_MARK = "(bản sao)"


def _field_changes(article: m.Article, fields: Mapping[str, object]) -> dict[str, tuple[object, object]]:
    """Each field whose (NFC) value differs from the stored one: (stored, new)."""
    changes = {}
    for key, value in fields.items():
        value = nfc(value) if isinstance(value, str) else value
        if key == "doc_number":
            value = written_number(value)
        if getattr(article, key) != value:
            changes[key] = (getattr(article, key), value)
    return changes


def _caption_changes(article: m.Article, captions: Sequence[CaptionChange]) -> list[tuple]:
    """(photo, history name, attribute, stored, new) for each caption or credit that differs."""
    photos = {p.id: p for p in article.photos}
    changes = []
    for change in captions:
        photo = photos.get(change.photo_id)
        if photo is None:
            raise NotFound(f"không có ảnh số {change.photo_id} trong bài {article.id}")
        caption = nfc(change.caption)
        credit = nfc(change.credit) if change.credit else None
        if caption != photo.caption:
            changes.append((photo, f"ảnh {photo.position + 1}: chú thích", "caption", photo.caption, caption))
        if credit != photo.credit:
            changes.append((photo, f"ảnh {photo.position + 1}: tác giả ảnh", "credit", photo.credit, credit))
    return changes
