"""Database failures a user can act on, as one clear line instead of a driver's message."""

from __future__ import annotations

from db.engine import is_damage, is_disk_full
from desktop.core.errors import ArchiveDamaged, ArchiveError, DiskFull


NOT_CLEARED = ("tài khoản này không được đọc bài có mức mật đó, nên cũng không gán hay lưu được mức mật ấy; "
               "chưa lưu gì (not cleared for that mark)")

HIDDEN_COPY = ("kho đã có một bài cùng nội dung mà tài khoản này không được đọc (bài có mức mật); không lưu thêm "
               "(a restricted copy exists)")


def same_text_hidden(exc: BaseException) -> bool:
    """Whether storing failed on the unique text of an article this account cannot see
    (row-level security hides it from the duplicate check, the unique key does not)."""
    return "uq_articles_content_hash" in str(getattr(exc, "orig", None) or exc)


def translated(exc: BaseException) -> ArchiveError | None:
    """The user-facing error for a damaged database, a full disk or a mark the account is not
    cleared for (the server's row-level security refused the row); None for anything else."""
    if "violates row-level security policy" in str(getattr(exc, "orig", None) or exc):
        return ArchiveError(NOT_CLEARED)
    if is_disk_full(exc):
        return DiskFull()
    if is_damage(exc):
        cause = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        return ArchiveDamaged(f"tệp cơ sở dữ liệu archive.sqlite bị hỏng ({cause})")
    return None
