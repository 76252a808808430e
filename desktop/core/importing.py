"""Import files and folders into an archive, one outcome per file.

One bad file never stops a batch, and nothing is written for a file that
fails: parsing happens before anything touches the archive.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.core.archive import AddResult, Archive, ArchiveError, Cancelled, Progress
from desktop.core.draft import ArticleDraft
from desktop.core.encoding import DecodeError, decode_text
from desktop.core.photos import PhotoError
from desktop.core.plaintext import ParseError, parse_plaintext
from desktop.core.storing import Incoming
from desktop.core.views import ImportOutcome

MAX_FILE_BYTES = {"text": 20 * 1024 * 1024, "docx": 100 * 1024 * 1024, "html": 20 * 1024 * 1024,
                  "image": 80 * 1024 * 1024, "office": 100 * 1024 * 1024}
KINDS = {
    ".txt": "text", ".text": "text",
    ".docx": "docx",
    ".html": "html", ".htm": "html", ".mht": "html", ".mhtml": "html",
    ".jpg": "image", ".jpeg": "image", ".png": "image", ".webp": "image", ".gif": "image", ".bmp": "image",
    ".tif": "image", ".tiff": "image", ".heic": "image",
    ".doc": "office", ".rtf": "office", ".odt": "office",
}
STORE_EVERY = 200  # files to a transaction: one durable commit for many files
INDEX_EVERY = 1000  # files between index commits: fewer, larger commits (and merges) are faster
IMPORT_ERRORS = (ParseError, DecodeError, PhotoError, ArchiveError, OSError, UnicodeError)


def supported(path: Path) -> bool:
    return path.suffix.lower() in KINDS


def parse_file(path: Path, data: bytes, encoding: str | None = None) -> ArticleDraft:
    """The draft for one file (its bytes already read), whatever its format."""
    kind = KINDS[path.suffix.lower()]
    if kind == "text":
        text, _ = decode_text(data, encoding)
        return parse_plaintext(text)
    if kind == "docx":
        from desktop.core.importers.docx import parse_docx

        return parse_docx(path)
    if kind == "html":
        from desktop.core.importers.html import parse_html, parse_mhtml

        return parse_mhtml(data) if path.suffix.lower() in (".mht", ".mhtml") else parse_html(path, data)
    if kind == "image":
        from desktop.core.importers.images import parse_image

        return parse_image(path, data)
    from desktop.core.importers.office import parse_office

    return parse_office(path)


def read_file(path: Path, encoding: str | None = None) -> Incoming:
    """Read and parse one file into what the archive stores (raises on a bad file)."""
    if not path.is_file():
        raise ArchiveError("không tìm thấy tệp (file not found)")
    size, limit = path.stat().st_size, MAX_FILE_BYTES[KINDS[path.suffix.lower()]]
    if size > limit:
        raise ParseError(
            f"tệp quá lớn ({size / 1024 / 1024:.0f} MB, tối đa {limit // 1024 // 1024} MB): không phải một bài viết"
        )
    data = path.read_bytes()
    return Incoming(parse_file(path, data, encoding), original=data, original_name=path.name)


def _failure(path: Path, exc: BaseException) -> ImportOutcome:
    if isinstance(exc, IMPORT_ERRORS):
        return ImportOutcome(str(path), "failed", reason=_one_line(exc))
    return ImportOutcome(str(path), "failed", reason=f"lỗi đọc tệp: {exc.__class__.__name__}: {_one_line(exc)}")


def _outcome(path: Path, item: Incoming, result: AddResult | Exception) -> ImportOutcome:
    if isinstance(result, Exception):
        return _failure(path, result)
    return ImportOutcome(str(path), "duplicate" if result.duplicate else "imported", article_id=result.article_id,
                         title=item.draft.title, similar_to=result.similar_to)


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


def import_paths(
    archive: Archive,
    paths: Iterable[Path],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    encoding: str | None = None,
    index: bool = True,
) -> list[ImportOutcome]:
    """Import files and folders, ``STORE_EVERY`` files to a transaction.

    A cancel stops reading files; what was read is still stored, so the
    report says exactly what is in the archive.
    """
    files = [Path(p) for p in expand(paths)]
    outcomes: list[ImportOutcome | None] = [None] * len(files)
    pending: list[tuple[int, Incoming]] = []

    def store() -> None:
        results = archive.add_drafts([item for _, item in pending], index=False)
        for (number, item), result in zip(pending, results):
            outcomes[number] = _outcome(files[number], item, result)
        pending.clear()

    for number, path in enumerate(files):
        if cancelled is not None and cancelled():
            break
        if not supported(path) and path.is_file():
            outcomes[number] = _skipped(path)
        else:
            try:
                pending.append((number, read_file(path, encoding)))
            except Exception as exc:  # noqa: BLE001 - a parser bug must not stop a batch; the reason is reported
                outcomes[number] = _failure(path, exc)
        if len(pending) >= STORE_EVERY:
            store()
        if progress is not None:
            progress(number + 1, len(files), str(path))
        if (number + 1) % INDEX_EVERY == 0 and index:
            archive.sync_index()
    if pending:
        store()
    if index:
        archive.sync_index()  # stored already: an index hiccup leaves it queued, never "failed"
    return [outcome for outcome in outcomes if outcome is not None]
