"""Content-addressed file store: the archive's ``media/`` folder.

A file is named by the SHA-256 of its bytes and is never overwritten.  It is
written to a temporary name, flushed to disk and renamed into place before
the database row that points at it commits, so a crash can leave an orphan
file but never a row pointing at nothing.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import count
from pathlib import Path

OPEN_AT_ONCE = 64  # files open together in a batch (Windows allows a few hundred)
FLUSHERS = 8


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


_CREATE_NEW = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)


def _fsync_files(handles: list[tuple[object, str, Path]]) -> None:
    for handle, _, _ in handles:
        os.fsync(handle.fileno())


def _fsync_dirs(paths: list[Path]) -> None:
    for path in paths:
        _fsync_dir(path)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory fsync; NTFS journals the rename
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class MediaStore:
    def __init__(self, root: Path):
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)

    def path_for(self, sha256: str, extension: str = "") -> Path:
        ext = extension.lower().lstrip(".")
        name = f"{sha256}.{ext}" if ext else sha256
        return self.root / sha256[:2] / name

    def put(self, data: bytes, extension: str = "") -> tuple[str, Path]:
        """Store ``data`` durably; return its hash and path (existing files are kept)."""
        sha = sha256_bytes(data)
        target = self.path_for(sha, extension)
        if target.exists() and target.stat().st_size == len(data):
            return sha, target
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return sha, target

    def put_many(self, files: Iterable[tuple[str, bytes, str]]) -> None:
        """Store several (sha256, data, extension) durably at once, as :meth:`put` does one.

        The files are written first and flushed to disk together from a few
        threads (a flush waits on the disk, not on Python), then renamed into
        place, so a batch costs about one flush instead of one per file.
        """
        todo: dict[Path, bytes] = {}
        for sha, data, extension in files:
            target = self.path_for(sha, extension)
            if not (target.exists() and target.stat().st_size == len(data)):
                todo[target] = data
        items = list(todo.items())
        if not items:
            return
        # Temporary names: this call's random tag and a count (mkstemp drew eight random
        # letters and tried the name for every file).
        names = (f".tmp-{tag}-{n}" for tag in [secrets.token_hex(6)] for n in count())
        with ThreadPoolExecutor(FLUSHERS) as pool:
            for start in range(0, len(items), OPEN_AT_ONCE):
                self._put_group(items[start : start + OPEN_AT_ONCE], names, pool)

    def _put_group(self, items: list[tuple[Path, bytes]], names: Iterator[str], pool: ThreadPoolExecutor) -> None:
        written: list[tuple[object, str, Path]] = []
        try:
            for target, data in items:
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = str(target.parent / next(names))
                handle = os.fdopen(os.open(tmp, _CREATE_NEW, 0o600), "wb")
                written.append((handle, tmp, target))
                handle.write(data)
                handle.flush()
            # Each flusher takes a share of the files (a task a file cost more than its flush's CPU).
            shares = [written[i::FLUSHERS] for i in range(min(FLUSHERS, len(written)))]
            list(pool.map(_fsync_files, shares))
            for handle, tmp, target in written:
                handle.close()
                os.replace(tmp, target)
            folders = sorted({target.parent for _, _, target in written})
            list(pool.map(_fsync_dirs, [folders[i::FLUSHERS] for i in range(min(FLUSHERS, len(folders)))]))
        except BaseException:
            for handle, tmp, _ in written:
                handle.close()
                Path(tmp).unlink(missing_ok=True)
            raise

    def read(self, sha256: str) -> bytes | None:
        found = self.find(sha256)
        return None if found is None else found.read_bytes()

    def find(self, sha256: str) -> Path | None:
        folder = self.root / sha256[:2]
        if not folder.is_dir():
            return None
        for candidate in folder.glob(f"{sha256}*"):
            return candidate
        return None
