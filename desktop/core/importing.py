"""Import files and folders into an archive, one outcome per file.

One bad file never stops a batch, and nothing is written for a file that
fails: parsing happens before anything touches the archive.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.core.archive import Archive, ArchiveError, Cancelled, Progress
from desktop.core.encoding import DecodeError, decode_text
from desktop.core.photos import PhotoError
from desktop.core.plaintext import ParseError, parse_plaintext
from desktop.core.views import ImportOutcome

TEXT_EXTENSIONS = {".txt", ".text"}
MAX_FILE_BYTES = 20 * 1024 * 1024  # no article is this long; a 50 MB "text" is a mistake

IMPORT_ERRORS = (ParseError, DecodeError, PhotoError, ArchiveError, OSError, UnicodeError)


def supported(path: Path) -> bool:
    return path.suffix.lower() in TEXT_EXTENSIONS


def import_file(archive: Archive, path: Path, *, index: bool = True) -> ImportOutcome:
    """Import one file; failures come back as an outcome, never as an exception."""
    path = Path(path)
    try:
        if not path.is_file():
            raise ArchiveError("không tìm thấy tệp (file not found)")
        if not supported(path):
            return ImportOutcome(str(path), "skipped", reason=f"chưa hỗ trợ loại tệp '{path.suffix or path.name}'")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ParseError(
                f"tệp quá lớn ({size / 1024 / 1024:.0f} MB, tối đa {MAX_FILE_BYTES // 1024 // 1024} MB): không phải một bài viết"
            )
        data = path.read_bytes()
        draft = parse_plaintext(decode_text(data))
        result = archive.add_draft(draft, original=data, original_name=path.name, index=index)
    except IMPORT_ERRORS as exc:
        return ImportOutcome(str(path), "failed", reason=_one_line(exc))
    status = "duplicate" if result.duplicate else "imported"
    return ImportOutcome(str(path), status, article_id=result.article_id, title=draft.title)


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
) -> list[ImportOutcome]:
    files = list(expand(paths))
    outcomes: list[ImportOutcome] = []
    for number, path in enumerate(files, start=1):
        if cancelled is not None and cancelled():
            break
        outcomes.append(import_file(archive, path, index=False))
        if progress is not None:
            progress(number, len(files), str(path))
        if number % 200 == 0:
            archive.sync_index()
    archive.sync_index()
    return outcomes
