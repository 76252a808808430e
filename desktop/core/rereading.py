"""Switch an imported image between photo and page of text, as the clerk decides.

The import guesses (:func:`desktop.core.ingest.ocr.looks_like_page`); a
photographed clipping taken for a photo is read by OCR on request, and a
photo taken for a page goes back to being a photo with its text cleared.
Both go through the archive's edit path, so the history shows the switch.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.archive import Archive, Cancelled, Progress
from desktop.core.errors import ArchiveError

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".heic"}


def _image_file(archive: Archive, article_id: int) -> Path:
    article = archive.article(article_id)
    original = archive.photo_path(article.original_sha256) if article.original_sha256 else None
    if original is None or original.suffix.lower() not in IMAGE_EXTENSIONS:
        raise ArchiveError(f"bài số {article_id} không được nhập từ một tệp ảnh (not imported from an image)")
    return original


def read_as_page(archive: Archive, article_id: int, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> None:
    """Read the article's image by OCR and make its text the article's."""
    from desktop.core.ingest.importers.images import parse_image

    original = _image_file(archive, article_id)
    pages = (lambda done, total: progress(done, total, original.name)) if progress else None
    draft = parse_image(original, original.read_bytes(), pages, cancelled, as_page=True).normalised()
    archive.update_article(article_id, title=draft.title, lead=draft.lead, body=draft.body,
                           published_date=draft.published_date or archive.article(article_id).published_date,
                           doc_number=draft.doc_number, doc_kind=draft.doc_kind, doc_issuer=draft.doc_issuer)
    archive.set_reading(article_id, "ocr", draft.ocr_confidence, draft.scans)
    if draft.page_thumbnail:
        archive.set_thumbnails({article_id: draft.page_thumbnail})


def keep_as_photo(archive: Archive, article_id: int) -> None:
    """Make the article a photo again: its image attached, the OCR text cleared."""
    original = _image_file(archive, article_id)
    article = archive.article(article_id)
    if not article.photos:
        archive.attach_photo(article_id, original)
    archive.update_article(article_id, title=article.title, lead="", body="", doc_number=None, doc_kind=None,
                           doc_issuer=None)
    archive.set_reading(article_id, None, None, [])
