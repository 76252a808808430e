"""Import files and folders into an archive, one outcome per file.

One bad file never stops a batch, and nothing is written for a file that
fails: parsing happens before anything touches the archive.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

from desktop.core.archive import AddResult, Archive, Cancelled, Progress
from desktop.core.errors import ArchiveError, DiskFull
from desktop.core.ingest.scans import PageProgress
from desktop.core.lifeline import lifeline, watch
# What the reader processes run is in reading.py, which imports no archive, database or index.
from desktop.core.reading import Stored, failed, read_prepared
from desktop.core.store.preparing import Prepared
from desktop.core.views import ImportOutcome

STORE_EVERY = 200  # files to a transaction: one durable commit for many files
INDEX_EVERY = 1000  # files between index commits: fewer, larger commits (and merges) are faster
BACKGROUND_FROM = 400  # files from which reading and indexing run in other processes (they take a second to start)
READERS = 2  # processes reading files: with the indexer and this one, enough to keep two cores busy
READ_WINDOW = 400  # files handed to the readers at a time


def _outcome(path: Path, item: Prepared, result: AddResult | Exception) -> ImportOutcome:
    if isinstance(result, Exception):
        return failed(path, result)
    return ImportOutcome(str(path), "duplicate" if result.duplicate else "imported", article_id=result.article_id,
                         title=item.draft.title, similar_to=result.similar_to, skipped_photos=tuple(item.skipped_photos))


def import_file(archive: Archive, path: Path, *, index: bool = True, encoding: str | None = None) -> ImportOutcome:
    """Import one file; failures come back as an outcome, never as an exception."""
    return import_paths(archive, [Path(path)], encoding=encoding, index=index)[0]


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
            folders: dict[Path, bool] = {}  # folder → whether it really is inside (resolved once, not per file)

            def outside(file: Path) -> bool:
                if file.is_symlink():
                    return not file.resolve().is_relative_to(base)
                inside = folders.get(file.parent)
                if inside is None:
                    inside = folders[file.parent] = file.parent.resolve().is_relative_to(base)
                return not inside

            found |= {p for p in path.rglob("*") if p.is_file() and outside(p)}
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
            yield read_prepared(path, encoding, pages, cancelled, stored)
        return
    context = multiprocessing.get_context("spawn")
    windows = [files[start : start + READ_WINDOW] for start in range(0, len(files), READ_WINDOW)]
    with ProcessPoolExecutor(max_workers=READERS, mp_context=context, initializer=watch, initargs=(lifeline(),)) as pool:

        def submit(window: list[Path]):
            return pool.map(read_prepared, window, repeat(encoding), chunksize=8)

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
