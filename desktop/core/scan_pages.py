"""An OCR'd article's scanned pages: each page as OCR saw it (for the review
window), and the scan exported as a searchable PDF, the words OCR read laid
invisibly over each page image where they stand.

A PDF viewer then finds and copies the words of a scan; the page the reader
sees is the scan itself (straightened, as OCR read it).
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from desktop.core.archive import Archive, Cancelled, Progress
from desktop.core.errors import ArchiveError
from desktop.core.ingest.page_images import page_image
from desktop.core.pdf.fonts import printable, register_fonts

PAGE_WIDTH = 595.0  # points: pages come out A4-wide whatever the scan's resolution
JPEG_QUALITY = 75


def page_of(archive: Archive, article_id: int, page: int) -> Image.Image:
    """Page ``page`` (0-based, of the original file) of the article as OCR read it."""
    article = archive.article(article_id)
    original = archive.photo_path(article.original_sha256) if article.original_sha256 else None
    if original is None:
        raise ArchiveError("không còn tệp gốc để hiện trang (the original file is gone)")
    return page_image(original, page)


def _lines(words):
    """The words in reading order, cut into lines where the next word is not to the
    right of the last on about the same height (one text object a line reads as a line)."""
    line: list = []
    for word in words:
        if line and (word[1] < line[-1][1] or abs(word[2] - line[-1][2]) > line[-1][4] - line[-1][2]):
            yield line
            line = []
        line.append(word)
    if line:
        yield line


def export_searchable(archive: Archive, article_id: int, out: Path, progress: Progress | None = None,
                      cancelled: Cancelled | None = None) -> int:
    """Write the searchable PDF; return its page count (raises :class:`ArchiveError`)."""
    article = archive.article(article_id)
    scans = archive.scans(article_id)
    original = archive.photo_path(article.original_sha256) if article.original_sha256 else None
    if not scans or original is None:
        raise ArchiveError(f"bài số {article_id} không có trang quét (no scanned pages)")
    font = register_fonts()
    pdf = canvas.Canvas(str(out), pageCompression=1)
    pdf.setTitle(article.title)
    for done, scan in enumerate(scans):
        if cancelled is not None and cancelled():
            raise ArchiveError("đã hủy (cancelled)")
        if progress is not None:
            progress(done, len(scans), article.title)
        scale = PAGE_WIDTH / scan.width
        height = scan.height * scale
        pdf.setPageSize((PAGE_WIDTH, height))
        image = io.BytesIO()
        page_image(original, scan.page).save(image, "JPEG", quality=JPEG_QUALITY)
        pdf.drawImage(ImageReader(io.BytesIO(image.getvalue())), 0, 0, PAGE_WIDTH, height)
        for line in _lines(scan.words):
            baseline = height - max(word[4] for word in line) * scale
            size = max(1.0, max(word[4] - word[2] for word in line) * scale * 0.8)
            words = pdf.beginText()
            words.setTextRenderMode(3)  # invisible: searchable and selectable, never drawn
            words.setFont(font, size)
            for text, left, _top, right, _bottom, _confidence in line:
                text = printable(text) + " "
                width = stringWidth(text, font, size)
                words.setHorizScale(100 * (right - left) * scale / width if width else 100)
                words.setTextOrigin(left * scale, baseline)
                words.textOut(text)
            pdf.drawText(words)
        pdf.showPage()
    pdf.save()
    return len(scans)
