"""The words OCR read on an article's pages, and articles found by their original file."""

from __future__ import annotations

import json

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from db import models as m
from desktop.core.draft import ScannedPage
from desktop.core.views import ScanView


def count(s: Session, article_id: int) -> int:
    return s.scalar(select(func.count()).select_from(m.PageScan).where(m.PageScan.article_id == article_id)) or 0


def pages(s: Session, article_id: int) -> list[ScanView]:
    rows = s.scalars(select(m.PageScan).where(m.PageScan.article_id == article_id).order_by(m.PageScan.page))
    return [ScanView(r.page, r.width, r.height, r.confidence, tuple(tuple(w) for w in json.loads(r.words))) for r in rows]


def article_with_original(s: Session, sha256: str) -> int | None:
    """The live or trashed article imported from the file with this SHA-256, if any."""
    return s.scalar(select(m.Article.id).where(m.Article.original_sha256 == sha256).order_by(m.Article.id).limit(1))


def replace(s: Session, article: m.Article, text_origin: str | None, confidence: float | None,
            scanned: list[ScannedPage]) -> None:
    """Give the article a new reading: where its text came from, and OCR's words."""
    s.execute(delete(m.PageScan).where(m.PageScan.article_id == article.id))
    article.text_origin, article.ocr_confidence = text_origin, confidence
    if scanned:
        s.execute(insert(m.PageScan.__table__), [
            {"article_id": article.id, "page": p.page, "width": p.width, "height": p.height,
             "confidence": p.confidence, "words": json.dumps(p.words, ensure_ascii=False)} for p in scanned
        ])
