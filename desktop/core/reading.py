"""Reading one file into a prepared article: what a folder import's reader processes do.

Nothing here touches an archive.  A reader process imports this module (and
through it the parsers and :mod:`~desktop.core.store.preparing`), never the
facade, the database layer or the search engine: those took a second of CPU
to import in each reader of each import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.core.draft import ArticleDraft
from desktop.core.errors import ArchiveError
from desktop.core.ingest.encoding import DecodeError, decode_text
from desktop.core.ingest.ocr import OcrUnavailable
from desktop.core.ingest.plaintext import ParseError, parse_plaintext
from desktop.core.ingest.scans import PageProgress, ScanCancelled
from desktop.core.photos import PhotoError
from desktop.core.store.media import sha256_bytes
from desktop.core.store.preparing import Incoming, Prepared, prepare
from desktop.core.views import ImportOutcome

Cancelled = Callable[[], bool]
Stored = Callable[[str], "int | None"]  # the article already holding a file with this SHA-256

MAX_FILE_BYTES = {"text": 20 * 1024 * 1024, "docx": 100 * 1024 * 1024, "html": 20 * 1024 * 1024,
                  "image": 80 * 1024 * 1024, "office": 100 * 1024 * 1024, "pdf": 100 * 1024 * 1024}
KINDS = {
    ".txt": "text", ".text": "text",
    ".docx": "docx",
    ".html": "html", ".htm": "html", ".mht": "html", ".mhtml": "html",
    ".jpg": "image", ".jpeg": "image", ".png": "image", ".webp": "image", ".gif": "image", ".bmp": "image",
    ".tif": "image", ".tiff": "image", ".heic": "image",
    ".doc": "office", ".rtf": "office", ".odt": "office",
    ".pdf": "pdf",
}
PAGED = {"pdf", "image"}  # kinds whose reading can take seconds a page (OCR)
IMPORT_ERRORS = (ParseError, DecodeError, PhotoError, ArchiveError, OSError, UnicodeError, OcrUnavailable, ScanCancelled)


def supported(path: Path) -> bool:
    return path.suffix.lower() in KINDS


def parse_file(path: Path, data: bytes, encoding: str | None = None, pages: PageProgress | None = None,
               cancelled: Cancelled | None = None) -> ArticleDraft:
    """The draft for one file (its bytes already read), whatever its format; ``pages``
    hears how far a file read page by page (PDF, scans) has got."""
    kind = KINDS[path.suffix.lower()]
    if kind == "text":
        text, _ = decode_text(data, encoding)
        return parse_plaintext(text)
    if kind == "docx":
        from desktop.core.ingest.importers.docx import parse_docx

        return parse_docx(path)
    if kind == "html":
        from desktop.core.ingest.importers.html import parse_html, parse_mhtml

        return parse_mhtml(data) if path.suffix.lower() in (".mht", ".mhtml") else parse_html(path, data)
    if kind == "image":
        from desktop.core.ingest.importers.images import parse_image

        return parse_image(path, data, pages, cancelled)
    if kind == "pdf":
        from desktop.core.ingest.importers.pdf import parse_pdf

        return parse_pdf(data, pages, cancelled)
    from desktop.core.ingest.importers.office import parse_office

    return parse_office(path)


def read_file(path: Path, encoding: str | None = None, pages: PageProgress | None = None,
              cancelled: Cancelled | None = None, stored: Stored | None = None) -> Incoming:
    """Read and parse one file into what the archive stores (raises on a bad file).

    ``stored`` says which article already holds a file with these bytes: a file read
    page by page (OCR) is not read again when a folder import is resumed."""
    if not path.is_file():
        raise ArchiveError("không tìm thấy tệp (file not found)")
    kind = KINDS[path.suffix.lower()]
    size, limit = path.stat().st_size, MAX_FILE_BYTES[kind]
    if size > limit:
        raise ParseError(
            f"tệp quá lớn ({size / 1024 / 1024:.0f} MB, tối đa {limit // 1024 // 1024} MB): không phải một bài viết"
        )
    data = path.read_bytes()
    if stored is not None and kind in PAGED:
        article_id = stored(sha256_bytes(data))
        if article_id is not None:
            raise AlreadyStored(article_id)
    return Incoming(parse_file(path, data, encoding, pages, cancelled), original=data, original_name=path.name)


class AlreadyStored(Exception):
    """The file was imported before (a resumed import): it is not read again."""

    def __init__(self, article_id: int):
        super().__init__(article_id)
        self.article_id = article_id


def failed(path: Path, exc: BaseException) -> ImportOutcome:
    if isinstance(exc, IMPORT_ERRORS):
        return ImportOutcome(str(path), "failed", reason=_one_line(exc))
    return ImportOutcome(str(path), "failed", reason=f"lỗi đọc tệp: {exc.__class__.__name__}: {_one_line(exc)}")


def skipped(path: Path) -> ImportOutcome:
    return ImportOutcome(str(path), "skipped", reason=f"chưa hỗ trợ loại tệp '{path.suffix or path.name}'")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    return text.splitlines()[0]


def read_prepared(path: Path, encoding: str | None, pages: PageProgress | None = None,
                   cancelled: Cancelled | None = None, stored: Stored | None = None) -> Prepared | ImportOutcome:
    """Parse and prepare one file (in a worker process for a long import); a file that
    cannot be read comes back as its outcome."""
    if not supported(path) and path.is_file():
        return skipped(path)
    try:
        return prepare(read_file(path, encoding, pages, cancelled, stored))
    except AlreadyStored as known:
        return ImportOutcome(str(path), "duplicate", article_id=known.article_id)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop a batch; the reason is reported
        return failed(path, exc)
