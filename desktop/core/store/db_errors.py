"""Database failures a user can act on, as one clear line instead of a driver's message."""

from __future__ import annotations

from db.engine import is_damage, is_disk_full
from desktop.core.errors import ArchiveDamaged, ArchiveError, DiskFull


def translated(exc: BaseException) -> ArchiveError | None:
    """The user-facing error for a damaged database or a full disk; None for anything else."""
    if is_disk_full(exc):
        return DiskFull()
    if is_damage(exc):
        cause = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        return ArchiveDamaged(f"tệp cơ sở dữ liệu archive.sqlite bị hỏng ({cause})")
    return None
