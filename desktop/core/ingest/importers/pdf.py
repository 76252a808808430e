"""PDF files (pypdfium2, Apache/BSD): born-digital text, and scans read by OCR.

A page with a text layer gives its lines with positions; a page without one
is rendered and read by Tesseract.  Either way the lines are rebuilt into
paragraphs (:mod:`layout`) and the result goes through the pasted-text
parser, or, for a Party document, through its header reader.  Pictures on a
text page become the article's photos, the lines just under each its caption.

A bad file is refused before any page is read: a password, a cut-off file,
a page larger than the PDF standard allows, a compressed stream that
inflates to gigabytes, too many pages.
"""

from __future__ import annotations

import io
import re
import threading
import zlib
from dataclasses import dataclass

from PIL import Image

from desktop.core.draft import ArticleDraft, PhotoDraft
from desktop.core.ingest import layout, page_thumbnails
from desktop.core.ingest.layout import Line, Page
from desktop.core.ingest.plaintext import ParseError, caption_parts
from desktop.core.ingest.scans import Cancelled, PageProgress, ScanReader

MAX_PAGES = 500
MAX_PAGE_POINTS = 14_400  # 200 inches: the largest page the PDF standard allows
MAX_INFLATED = 4 * 1024 ** 3  # bytes all compressed streams may unpack to (300 lossless A4 scans: 2.5 GB)
BOMB_STREAM = 32 * 1024 * 1024  # a stream unpacking past this …
BOMB_RATIO = 200  # … at this many times its packed size is a bomb (pictures and text pack 2–20×)
OCR_DPI = 300  # the finest a scan is rendered at for OCR
MIN_OCR_DPI = 150
MIN_TEXT_CHARS = 20  # a page with fewer characters in its text layer is a scan
MAX_RENDER_PIXELS = 60_000_000  # a scanned page rendered for OCR: A3 at 300 dpi is 17 million
MIN_PHOTO_POINTS = 72  # pictures smaller than an inch either way are ornaments, not photos
_STREAM = re.compile(rb"/FlateDecode.{0,400}?\bstream\r?\n", re.DOTALL)
# pdfium may not be called from two threads at once (an import and the review window can be).
PDFIUM = threading.RLock()


def check_pdf(data: bytes) -> None:
    """Refuse what is not a whole PDF, or a compression bomb, before pdfium parses it."""
    if not data.lstrip()[:5] == b"%PDF-":
        raise ParseError("không phải tệp PDF (thiếu phần đầu %PDF)")
    if b"%%EOF" not in data[-2048:]:
        raise ParseError("tệp PDF bị cắt cụt hoặc hỏng (thiếu phần cuối %%EOF)")
    inflated = 0
    for match in _STREAM.finditer(data):
        unpacker = zlib.decompressobj()
        packed = data[match.end(): match.end() + 64 * 1024 * 1024]
        chunk, size = packed, 0
        try:
            while chunk and not unpacker.eof:
                size += len(unpacker.decompress(chunk, 16 * 1024 * 1024))
                read = len(packed) - len(unpacker.unconsumed_tail)
                if (size > BOMB_STREAM and size > BOMB_RATIO * max(read, 1)) or inflated + size > MAX_INFLATED:
                    raise ParseError("tệp PDF giải nén ra quá lớn, có thể là tệp độc hại (PDF bomb)")
                chunk = unpacker.unconsumed_tail
        except zlib.error:
            pass  # pdfium reports a broken stream itself, or repairs it
        inflated += size


def open_pdf(data: bytes):
    import pypdfium2 as pdfium

    check_pdf(data)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ParseError("tệp PDF có mật khẩu, hãy gỡ mật khẩu rồi nhập lại") from exc
        raise ParseError(f"tệp PDF hỏng, không đọc được ({exc})") from exc
    if len(document) == 0:
        document.close()
        raise ParseError("tệp PDF không có trang nào")
    if len(document) > MAX_PAGES:
        count = len(document)
        document.close()
        raise ParseError(f"tệp PDF có {count} trang, tối đa {MAX_PAGES} trang một bài")
    for number in range(len(document)):
        width, height = document.get_page_size(number)
        if max(width, height) > MAX_PAGE_POINTS:
            document.close()
            raise ParseError(
                f"trang {number + 1} của tệp PDF quá lớn ({width:.0f}×{height:.0f} điểm, chuẩn PDF cho tối đa {MAX_PAGE_POINTS})"
            )
    return document


@dataclass
class _Picture:
    data: bytes
    left: float
    top: float
    right: float
    bottom: float


def _text_lines(page, height: float) -> list[Line]:
    """The text layer's runs as lines, in points from the top-left corner."""
    textpage = page.get_textpage()
    try:
        segments = []
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", " ").replace("\n", " ").strip()
            if text:
                segments.append(Line(text, left, height - top, right, height - bottom))
        return layout.merge_segments(segments)
    finally:
        textpage.close()


def render_scan(page) -> Image.Image:
    """A scanned page as the image OCR reads (the review window shows the same one)."""
    width, height = page.get_size()
    scale = min(_scan_scale(page, width), MAX_RENDER_PIXELS ** 0.5 / max(width, height, 1))
    return page.render(scale=scale, grayscale=True).to_pil()


def _scan_scale(page, width: float) -> float:
    """Pixels a point to render a scanned page at: its scan's own resolution (finer is
    slower and reads no better), or ``OCR_DPI`` for a page with no picture on it."""
    import pypdfium2.raw as raw

    widest = max((obj.get_px_size()[0] for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=3)),
                 default=0)
    dpi = widest / max(width, 1) * 72 if widest else OCR_DPI
    return min(max(dpi, MIN_OCR_DPI), OCR_DPI) / 72


def _pictures(page, width: float, height: float) -> list[_Picture]:
    import pypdfium2.raw as raw

    found = []
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        if right - left < MIN_PHOTO_POINTS or top - bottom < MIN_PHOTO_POINTS:
            continue
        if (right - left) * (top - bottom) > 0.8 * width * height:
            continue  # a whole-page picture is a scan behind the text, not a photo
        buffer = io.BytesIO()
        try:
            obj.extract(buffer, fb_format="jpg")
        except Exception:  # noqa: BLE001 - an undecodable picture is left out, the text still counts
            continue
        found.append(_Picture(buffer.getvalue(), left, height - top, right, height - bottom))
    return found


def _take_captions(pictures: list[_Picture], lines: list[Line]) -> tuple[list[PhotoDraft], list[Line]]:
    """Each picture with the lines set just under it as its caption; those lines leave the text."""
    taken: set[int] = set()
    photos = []
    for picture in sorted(pictures, key=lambda p: (p.top, p.left)):
        caption_lines = []
        bottom = picture.bottom
        for index, line in sorted(enumerate(lines), key=lambda item: item[1].top):
            if index in taken or line.top < bottom - 2 or line.right < picture.left or line.left > picture.right:
                continue
            if line.top - bottom > 1.2 * max(line.height, 1) or len(caption_lines) >= 3:
                break
            caption_lines.append(line.text)
            taken.add(index)
            bottom = line.bottom
        parts = caption_parts(" ".join(caption_lines)) if caption_lines else None
        caption, credit = parts if parts else (" ".join(caption_lines), None)
        photos.append(PhotoDraft(caption=caption, credit=credit, image=picture.data))
    return photos, [line for index, line in enumerate(lines) if index not in taken]


def parse_pdf(data: bytes, progress: PageProgress | None = None, cancelled: Cancelled | None = None) -> ArticleDraft:
    """The article in a PDF (raises :class:`ParseError` for a bad file, :class:`ScanCancelled` on cancel)."""
    with PDFIUM:
        document = open_pdf(data)
        count = len(document)
    reader = ScanReader(progress, cancelled)
    pages: list[Page] = []
    photos: list[PhotoDraft] = []
    thumbnail = None
    try:
        for number in range(count):
            reader.check(number, count)
            with PDFIUM:
                page = document[number]
                try:
                    if number == 0:
                        thumbnail = page_thumbnails.of_pdf_page(page)
                    width, height = page.get_size()
                    lines = _text_lines(page, height)
                    scanned = sum(len(line.text) for line in lines) < MIN_TEXT_CHARS
                    if scanned:
                        image = render_scan(page)
                    else:
                        found, lines = _take_captions(_pictures(page, width, height), lines)
                finally:
                    page.close()
            if scanned:
                pages.append(reader.read(number, image))  # OCR, with pdfium free for other threads
                del image
            else:
                photos += found
                pages.append(Page(width, height, tuple(lines)))
    finally:
        with PDFIUM:
            document.close()
    draft = reader.draft(pages)
    draft.photos = photos + draft.photos
    draft.page_thumbnail = thumbnail
    return draft
