"""Content-addressed file store: the archive's ``media/`` folder.

A file is named by the SHA-256 of its bytes and is never overwritten.  It is
written to a temporary name, flushed to disk and renamed into place before
the database row that points at it commits, so a crash can leave an orphan
file but never a row pointing at nothing.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


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

    def find(self, sha256: str) -> Path | None:
        folder = self.root / sha256[:2]
        if not folder.is_dir():
            return None
        for candidate in folder.glob(f"{sha256}*"):
            return candidate
        return None
