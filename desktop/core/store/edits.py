"""A clerk's edits to one stored article, each saved in one transaction.

The window sends everything the clerk changed in the pane (fields and
captions) as one call, and the new set of units or topics as one call, so a
save is all or nothing and the window holds no rule about what changed: the
stored values are compared here, and only real changes reach the history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.orm import Session

from db import models as m
from desktop.core.docrefs import DocRefDraft, written_number
from desktop.core.draft import ArticleDraft, PhotoDraft, content_hash
from desktop.core.errors import ArchiveError, NotFound
from desktop.core.store import near_duplicates
from desktop.core.store.context import Part, get_article, writes
from desktop.core.store.fingerprints import fingerprints
from desktop.core.store.storing import ARTICLE_FIELDS, mention_rows, queue
from desktop.core.store.trees import node_or_refuse
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
    command line's field edits, and tag replacement."""

    @writes
    def save_article(self, article_id: int, fields: Mapping[str, object],
                     captions: Sequence[CaptionChange] = ()) -> frozenset[str]:
        """Store the article's fields and its photos' captions together; returns
        what changed ("title", "ảnh 1: chú thích", ...), empty when nothing did."""
        unknown = set(fields) - EDITABLE
        if unknown:
            raise ArchiveError(f"không sửa được trường {', '.join(sorted(unknown))}")
        with self.ctx.session() as s:
            article = get_article(s, article_id)
            changed = self._apply_fields(s, article, fields) | self._apply_captions(s, article, captions)
            if not article.title.strip():
                raise ArchiveError("tiêu đề không được để trống (title is required)")
            if changed:
                article.content_hash = content_hash(article.title, article.lead, article.body)
                if changed & (TEXT_FIELDS | DOCUMENT_FIELDS) or any(c.startswith("ảnh") for c in changed):
                    reread_references(s, article)  # captions name people too
                if changed & TEXT_FIELDS:
                    s.execute(delete(m.Fingerprint).where(m.Fingerprint.article_id == article_id))
                    self.ctx.boilerplate.clear()  # a fingerprint's holders may have dropped below COMMON
                    near_duplicates.record(s, [(article_id, fingerprints(f"{article.lead}\n{article.body}"))])
                queue(s, [article_id])
        if changed:
            self.ctx.on_change()
        return frozenset(changed)

    def _apply_fields(self, s: Session, article: m.Article, fields: Mapping[str, object]) -> set[str]:
        changed = set()
        for key, value in fields.items():
            value = nfc(value) if isinstance(value, str) else value
            if key == "doc_number":
                value = written_number(value)
            if getattr(article, key) != value:
                self.ctx.record(s, article.id, key, getattr(article, key), value)
                setattr(article, key, value)
                changed.add(key)
        return changed

    def _apply_captions(self, s: Session, article: m.Article, captions: Sequence[CaptionChange]) -> set[str]:
        photos = {p.id: p for p in article.photos}
        changed = set()
        for change in captions:
            photo = photos.get(change.photo_id)
            if photo is None:
                raise NotFound(f"không có ảnh số {change.photo_id} trong bài {article.id}")
            caption = nfc(change.caption)
            credit = nfc(change.credit) if change.credit else None
            if caption != photo.caption:
                what = f"ảnh {photo.position + 1}: chú thích"
                self.ctx.record(s, article.id, what, photo.caption, caption)
                photo.caption = caption
                changed.add(what)
            if credit != photo.credit:
                what = f"ảnh {photo.position + 1}: tác giả ảnh"
                self.ctx.record(s, article.id, what, photo.credit, credit)
                photo.credit = credit
                changed.add(what)
        return changed

    @writes
    def set_tags(self, article_ids: Iterable[int], *, unit_ids: Iterable[int] | None = None,
                 topic_ids: Iterable[int] | None = None) -> None:
        """Give the articles exactly these units (and/or topics): what is ticked stays
        or is added, what is not is removed, all in one transaction."""
        article_ids = list(article_ids)
        with self.ctx.session() as s:
            wanted = [
                (kind, [node_or_refuse(s, model, i) for i in ids])
                for kind, model, ids in (("units", m.Unit, unit_ids), ("topics", m.Topic, topic_ids))
                if ids is not None
            ]
            for article_id in article_ids:
                article = get_article(s, article_id)
                for kind, nodes in wanted:
                    collection = getattr(article, kind)
                    for node in [n for n in collection if n not in nodes]:
                        collection.remove(node)
                        self.ctx.record(s, article_id, "untag", old=node.name)
                    for node in [n for n in nodes if n not in collection]:
                        collection.append(node)
                        self.ctx.record(s, article_id, "tag", new=node.name)
            queue(s, article_ids)
        self.ctx.on_change()
