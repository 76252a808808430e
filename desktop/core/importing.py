"""Import files and folders into an archive, one outcome per file.

One bad file never stops a batch, and nothing is written for a file that
fails: parsing happens before anything touches the archive.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

from desktop.core.archive import AddResult, Archive, ArchiveError, Cancelled, Progress
from desktop.core.draft import ArticleDraft
from desktop.core.errors import DiskFull
from desktop.core.ingest.encoding import DecodeError, decode_text
from desktop.core.photos import PhotoError
from desktop.core.ingest.ocr import OcrUnavailable
from desktop.core.ingest.plaintext import ParseError, parse_plaintext
from desktop.core.ingest.scans import PageProgress, ScanCancelled
from desktop.core.store.media import sha256_bytes
from desktop.core.lifeline import lifeline, watch
from desktop.core.store.storing import Incoming, Prepared, prepare
from desktop.core.views import ImportOutcome

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
STORE_EVERY = 200  # files to a transaction: one durable commit for many files
INDEX_EVERY = 1000  # files between index commits: fewer, larger commits (and merges) are faster
BACKGROUND_FROM = 400  # files from which reading and indexing run in other processes (they take a second to start)
READERS = 2  # processes reading files: with the indexer and this one, enough to keep two cores busy
READ_WINDOW = 400  # files handed to the readers at a time
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


def _failure(path: Path, exc: BaseException) -> ImportOutcome:
    if isinstance(exc, IMPORT_ERRORS):
        return ImportOutcome(str(path), "failed", reason=_one_line(exc))
    return ImportOutcome(str(path), "failed", reason=f"lỗi đọc tệp: {exc.__class__.__name__}: {_one_line(exc)}")


def _outcome(path: Path, item: Prepared, result: AddResult | Exception) -> ImportOutcome:
    if isinstance(result, Exception):
        return _failure(path, result)
    return ImportOutcome(str(path), "duplicate" if result.duplicate else "imported", article_id=result.article_id,
                         title=item.draft.title, similar_to=result.similar_to, skipped_photos=tuple(item.skipped_photos))


def _skipped(path: Path) -> ImportOutcome:
    return ImportOutcome(str(path), "skipped", reason=f"chưa hỗ trợ loại tệp '{path.suffix or path.name}'")


def import_file(archive: Archive, path: Path, *, index: bool = True, encoding: str | None = None) -> ImportOutcome:
    """Import one file; failures come back as an outcome, never as an exception."""
    return import_paths(archive, [Path(path)], encoding=encoding, index=index)[0]


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    return text.splitlines()[0]


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and every file below named folders (sorted, recursive)."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def links_out(paths: Iterable[Path]) -> set[Path]:
    """Files below the named folders that are links to somewhere outside them (a saved page's
    ``ghi-chu.txt → /etc/shadow``): never read, so an import takes only what was chosen."""
    found = set()
    for path in map(Path, paths):
        if path.is_dir():
            base = path.resolve()
            found |= {p for p in path.rglob("*") if p.is_file() and not p.resolve().is_relative_to(base)}
    return found


def _link_out(path: Path) -> ImportOutcome:
    return ImportOutcome(str(path), "skipped", reason="liên kết tới tệp ngoài thư mục đã chọn, không đọc (link outside the folder)")


def import_paths(
    archive: Archive,
    paths: Iterable[Path],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    encoding: str | None = None,
    index: bool = True,
) -> list[ImportOutcome]:
    """Import files and folders, ``STORE_EVERY`` files to a transaction, indexing as it
    goes (in a second process for a long import) unless ``index`` is False.

    A cancel stops reading files; what was read is still stored, so the
    report says exactly what is in the archive.
    """
    paths = [Path(p) for p in paths]
    outside = links_out(paths)
    files = [p for p in expand(paths) if p not in outside]
    refused = [_link_out(p) for p in sorted(outside)]
    if index and len(files) >= BACKGROUND_FROM:
        with archive.background_indexing():  # on leaving, the index is in step
            return refused + _import(archive, files, progress, cancelled, encoding, index_every=INDEX_EVERY)
    outcomes = refused + _import(archive, files, progress, cancelled, encoding, index_every=INDEX_EVERY if index else None)
    if index:
        archive.sync_index()  # stored already: an index hiccup leaves it queued, never "failed"
    return outcomes


def _read_prepared(path: Path, encoding: str | None, pages: PageProgress | None = None,
                   cancelled: Cancelled | None = None, stored: Stored | None = None) -> Prepared | ImportOutcome:
    """Parse and prepare one file (in a worker process for a long import); a file that
    cannot be read comes back as its outcome."""
    if not supported(path) and path.is_file():
        return _skipped(path)
    try:
        return prepare(read_file(path, encoding, pages, cancelled, stored))
    except AlreadyStored as known:
        return ImportOutcome(str(path), "duplicate", article_id=known.article_id)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop a batch; the reason is reported
        return _failure(path, exc)


def _read_all(files: list[Path], encoding: str | None, cancelled: Cancelled | None,
              progress: Progress | None = None, stored: Stored | None = None) -> Iterator[Prepared | ImportOutcome]:
    """Each file read and prepared, in order: by worker processes when there are many,
    a window of files at a time so memory stays bounded and a cancel is prompt.
    Read here, a file read page by page reports each page and is not read again
    when already stored."""
    if len(files) < BACKGROUND_FROM:
        for number, path in enumerate(files):
            if cancelled is not None and cancelled():
                return
            pages = None if progress is None else _page_progress(progress, number, len(files), path)
            yield _read_prepared(path, encoding, pages, cancelled, stored)
        return
    context = multiprocessing.get_context("spawn")
    windows = [files[start : start + READ_WINDOW] for start in range(0, len(files), READ_WINDOW)]
    with ProcessPoolExecutor(max_workers=READERS, mp_context=context, initializer=watch, initargs=(lifeline(),)) as pool:

        def submit(window: list[Path]):
            return pool.map(_read_prepared, window, repeat(encoding), chunksize=8)

        reading = submit(windows[0])
        try:
            for following in [*windows[1:], None]:
                # The next window is handed out before this one is taken in, so the readers
                # never wait for this process to finish storing (two windows in memory at most).
                ahead = submit(following) if following is not None else None
                for result in reading:
                    if cancelled is not None and cancelled():
                        return
                    yield result
                reading = ahead
        finally:  # cancelled, or the caller stopped (a full disk): files not yet read are dropped
            pool.shutdown(cancel_futures=True)


def _page_progress(progress: Progress, number: int, count: int, path: Path) -> PageProgress:
    """Progress for one file read page by page: the file's place, then its page."""
    def pages(done: int, total: int) -> None:
        progress(number, count, f"{path} — trang {done + 1}/{total}")
    return pages


def _import(archive: Archive, files: list[Path], progress: Progress | None, cancelled: Cancelled | None,
            encoding: str | None, *, index_every: int | None) -> list[ImportOutcome]:
    outcomes: list[ImportOutcome | None] = []  # in file order; a slot waits while its file is pending
    pending: list[tuple[int, Prepared]] = []

    def store() -> bool:
        """Store the pending files; True when the disk is full (the import then stops).
        A batch the archive refuses whole (the server went away) is reported, and a re-run stores it."""
        try:
            results = archive.add_drafts([item for _, item in pending], index=False)
        except ArchiveError as exc:
            results = [exc] * len(pending)
        for (slot, item), result in zip(pending, results):
            outcomes[slot] = _outcome(files[slot], item, result)
        pending.clear()
        return any(isinstance(result, DiskFull) for result in results)

    reading = _read_all(files, encoding, cancelled, progress, archive.article_with_original)
    for number, (path, read) in enumerate(zip(files, reading), start=1):
        if isinstance(read, ImportOutcome):
            outcomes.append(read)
        else:
            pending.append((len(outcomes), read))
            outcomes.append(None)
        if len(pending) >= STORE_EVERY and store():
            break
        if progress is not None:
            progress(number, len(files), str(path))
        if index_every and number % index_every == 0:
            archive.sync_index()  # with a background indexer, this only wakes it
    if pending:
        store()
    return [outcome for outcome in outcomes if outcome is not None]
