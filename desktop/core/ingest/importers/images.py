"""An image file: a photo on its own becomes a photo article (EXIF gives its date and
a caption candidate); a page of text is read by OCR and becomes an article."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from PIL import Image

from desktop.core.draft import ArticleDraft, PhotoDraft
from desktop.core.ingest import ocr, page_thumbnails
from desktop.core.ingest.plaintext import ParseError
from desktop.core.ingest.scans import Cancelled, PageProgress, ScanReader, frames, read_frames
from desktop.core.photos import inspect_photo
from desktop.text import nfc

_DATE_TAGS = (0x9003, 0x9004, 0x0132)  # DateTimeOriginal, DateTimeDigitized, DateTime
_XP_COMMENT, _XP_TITLE, _DESCRIPTION = 0x9C9C, 0x9C9B, 0x010E


def exif_details(data: bytes) -> tuple[dt.datetime | None, str | None]:
    """(when the photo was taken, its description) from EXIF, where present."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            tags = dict(exif)
            tags.update(exif.get_ifd(0x8769))  # the Exif sub-IFD holds DateTimeOriginal
    except (OSError, ValueError, SyntaxError):
        return None, None
    taken = None
    for tag in _DATE_TAGS:
        value = tags.get(tag)
        if isinstance(value, str):
            try:
                taken = dt.datetime.strptime(value.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
                break
            except ValueError:
                continue
    caption = None
    for tag in (_XP_COMMENT, _XP_TITLE):
        value = tags.get(tag)
        if isinstance(value, (bytes, tuple)):
            raw = bytes(value)
            caption = raw.decode("utf-16-le", errors="ignore").strip("\x00 ")
            if caption:
                break
    if not caption and isinstance(tags.get(_DESCRIPTION), str):
        caption = tags[_DESCRIPTION].strip("\x00 ")
    return taken, nfc(caption) if caption else None


def parse_image(path: Path, data: bytes, progress: PageProgress | None = None,
                cancelled: Cancelled | None = None, *, as_page: bool | None = None) -> ArticleDraft:
    """A photo article, or, for a page of text (a photographed clipping, a scan, any
    multi-page TIFF), the article OCR reads on it.  ``as_page`` overrides the guess."""
    inspect_photo(data)  # refuses broken or enormous images with a clear reason
    page = None
    if frames(data) > 1 and as_page is not False:
        page = read_frames(data, progress, cancelled)
    elif as_page is not False:
        page = _read_page(data, as_page)
    if page is None:
        return photo_article(path, data)
    page.page_thumbnail = page_thumbnails.of_image_file(data)
    return page


def _read_page(data: bytes, forced: bool | None) -> ArticleDraft | None:
    """The article on an image that holds a page of text, or None for a photo."""
    with Image.open(io.BytesIO(data)) as image:
        if not forced and not ocr.might_be_page(image):
            return None
        try:
            result = ocr.recognise(image)
        except ocr.OcrUnavailable:
            if forced:
                raise
            return None  # without OCR a page is still kept, as a photo
    if not forced and not ocr.looks_like_page(result):
        return None
    reader = ScanReader()
    try:
        return reader.draft([reader.add(0, result)])
    except ParseError:
        if forced:
            raise
        return None


def photo_article(path: Path, data: bytes) -> ArticleDraft:
    """The image as a photo article: EXIF gives the date and a caption."""
    taken, caption = exif_details(data)
    title = caption or Path(path).stem.replace("_", " ").replace("-", " ").strip() or "Ảnh"
    draft = ArticleDraft(title=title[:300], photos=[PhotoDraft(caption=caption or "", image=data)])
    if taken:
        draft.published_date, draft.published_time = taken.date(), taken.time().replace(second=0)
    return draft
