"""Scanned pages into an article: OCR page by page, then the same parsing as text.

Shared by scanned PDFs, multi-page TIFFs and photographed pages.  Pages are
read one at a time and only their words are kept, so a 300-page scan needs
the memory of one page image.  Progress is reported per page and a cancel
stops between pages, before anything is stored.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image

from desktop.core.draft import ArticleDraft, ScannedPage
from desktop.core.ingest import layout, ocr
from desktop.core.ingest.layout import Line, Page
from desktop.core.ingest.ocr_correction import correct_line
from desktop.core.ingest.party_document import read_header
from desktop.core.ingest.plaintext import ParseError, parse_plaintext
from desktop.core.docrefs import DocRefDraft
from desktop.core.photos import MAX_PIXELS

PageProgress = Callable[[int, int], None]  # (pages done, pages in all)
Cancelled = Callable[[], bool]
MAX_FRAMES = 500  # pages of a TIFF; more is not one article


class ScanCancelled(Exception):
    """The user cancelled while pages were being read."""

    def __init__(self):
        super().__init__("đã hủy khi đang đọc trang (cancelled)")


class ScanReader:
    """Reads the scanned pages of one file and builds its draft."""

    def __init__(self, progress: PageProgress | None = None, cancelled: Cancelled | None = None):
        self.progress, self.cancelled = progress, cancelled
        self.scans: list[ScannedPage] = []

    def check(self, done: int, total: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ScanCancelled()
        if self.progress is not None:
            self.progress(done, total)

    def read(self, number: int, image: Image.Image) -> Page:
        """OCR one page; its words are kept for review, its lines corrected for the text."""
        return self.add(number, ocr.recognise(image))

    def add(self, number: int, result: ocr.PageResult) -> Page:
        """A page already recognised, as :meth:`read` takes it in."""
        self.scans.append(ScannedPage(
            number, result.width, result.height,
            [(w.text, w.left, w.top, w.right, w.bottom, round(w.confidence, 1)) for w in result.words],
            round(result.confidence, 1),
        ))
        lines = tuple(Line(correct_line(line.text), line.left, line.top, line.right, line.bottom) for line in result.lines)
        return Page(result.width, result.height, lines)

    def draft(self, pages: list[Page]) -> ArticleDraft:
        """The article these pages hold: a Party document by its header, anything else
        through the pasted-text parser (not guessing captions from short lines: on a
        page those are ends of columns; a PDF's pictures find their captions by place)."""
        header = read_header(pages[0]) if pages else None
        if header is not None:
            pages = [header.rest, *pages[1:]]
        text = layout.page_text(pages)
        if header is not None:
            draft = parse_plaintext(f"{header.title}\n\n{text}", find_captions=False)
            draft.published_date, draft.published_time = header.issued or draft.published_date, None
            draft.doc_number, draft.doc_kind, draft.doc_issuer = header.number, header.kind, header.issuer
        elif text.strip():
            draft = parse_plaintext(text, find_captions=False)
        else:
            raise ParseError("không có chữ đọc được (trang trắng hoặc ảnh không rõ chữ)")
        draft.extract_references()
        if header is not None and header.number:
            draft.doc_refs = [DocRefDraft(header.number, header.kind, header.number.rsplit("/", 1)[-1], header.issued),
                              *[r for r in draft.doc_refs if r.number != header.number]]
        if self.scans:
            draft.text_origin, draft.scans = "ocr", self.scans
            words = sum(len(scan.words) for scan in self.scans) or 1
            draft.ocr_confidence = round(sum(s.confidence * len(s.words) for s in self.scans) / words, 1)
        else:
            draft.text_origin = "pdf"
        return draft


def frames(data: bytes) -> int:
    """How many pages an image file holds (refusing bombs and too many pages)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ParseError(f"ảnh quá lớn ({image.width}×{image.height} điểm ảnh)")
            count = getattr(image, "n_frames", 1)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ParseError(f"không đọc được ảnh: {exc}") from exc
    if count > MAX_FRAMES:
        raise ParseError(f"tệp ảnh có {count} trang, tối đa {MAX_FRAMES} trang một bài")
    return count


def read_frames(data: bytes, progress: PageProgress | None = None, cancelled: Cancelled | None = None) -> ArticleDraft:
    """Every page of a (multi-page) image file read as one article."""
    count = frames(data)
    reader = ScanReader(progress, cancelled)
    pages = []
    with Image.open(io.BytesIO(data)) as image:
        for number in range(count):
            reader.check(number, count)
            image.seek(number)
            if image.width * image.height > MAX_PIXELS:
                raise ParseError(f"trang {number + 1} quá lớn ({image.width}×{image.height} điểm ảnh)")
            pages.append(reader.read(number, image.copy()))
    return reader.draft(pages)
