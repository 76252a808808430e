"""The words OCR read on an article's pages, where its text came from, the
thumbnail of its first page, and articles found by the original file they
were imported from."""

from __future__ import annotations

import json

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from db import models as m
from desktop.core.draft import ScannedPage
from desktop.core.store import versions
from desktop.core.store.context import Part, get_article, writes
from desktop.core.views import ScanView


def count(s: Session, article_id: int) -> int:
    return s.scalar(select(func.count()).select_from(m.PageScan).where(m.PageScan.article_id == article_id)) or 0


class Scans(Part):
    def pages(self, article_id: int) -> list[ScanView]:
        """The words OCR read on each page of the article's original file."""
        with self.ctx.session() as s:
            rows = s.scalars(select(m.PageScan).where(m.PageScan.article_id == article_id).order_by(m.PageScan.page))
            return [ScanView(r.page, r.width, r.height, r.confidence, tuple(tuple(w) for w in json.loads(r.words)))
                    for r in rows]

    def article_with_original(self, sha256: str) -> int | None:
        """The live or trashed article imported from the file with this SHA-256, if any."""
        with self.ctx.session() as s:
            return s.scalar(select(m.Article.id).where(m.Article.original_sha256 == sha256)
                            .order_by(m.Article.id).limit(1))

    @writes
    def set_reading(self, article_id: int, text_origin: str | None, confidence: float | None,
                    scanned: list[ScannedPage]) -> None:
        """Record where the article's text now comes from (``"ocr"``, or None when it
        is kept as a photo) and the words OCR read."""
        with self.ctx.session() as s:
            article = get_article(s, article_id)
            if article.text_origin != text_origin or scanned or count(s, article_id):
                # the OCR review shows the words read: an open one learns of a new reading at its save
                version = versions.claim(s, article, None, self.ctx.own_versions)
                self.ctx.record(s, article_id, "nguồn chữ", article.text_origin, text_origin, version=version)
            s.execute(delete(m.PageScan).where(m.PageScan.article_id == article_id))
            article.text_origin, article.ocr_confidence = text_origin, confidence
            if scanned:
                s.execute(insert(m.PageScan.__table__), [
                    {"article_id": article_id, "page": p.page, "width": p.width, "height": p.height,
                     "confidence": p.confidence, "words": json.dumps(p.words, ensure_ascii=False)} for p in scanned
                ])

    def missing_thumbnails(self) -> list[tuple[int, str]]:
        """(article, original file's SHA-256) of articles read from a PDF or a scan that
        have no first-page thumbnail yet (imported before thumbnails were made)."""
        with self.ctx.session() as s:
            return [(article_id, sha256) for article_id, sha256 in s.execute(
                select(m.Article.id, m.Article.original_sha256)
                .where(m.Article.text_origin.in_(("pdf", "ocr")), m.Article.original_sha256.is_not(None),
                       ~m.Article.id.in_(select(m.PageThumbnail.article_id)))
                .order_by(m.Article.id)
            )]

    @writes
    def set_thumbnails(self, thumbnails: dict[int, bytes]) -> None:
        """Store first-page thumbnails (replacing any the articles had)."""
        if not thumbnails:
            return
        with self.ctx.session() as s:
            s.execute(delete(m.PageThumbnail).where(m.PageThumbnail.article_id.in_(list(thumbnails))))
            s.execute(insert(m.PageThumbnail.__table__),
                      [{"article_id": article_id, "image": image} for article_id, image in thumbnails.items()])
