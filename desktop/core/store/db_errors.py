"""Database failures a user can act on, as one clear line instead of a driver's message."""

from __future__ import annotations

import re

from db.engine import is_damage, is_disk_full
from db.migrate import NewerArchive
from db.roles import ADMIN, needed_role
from desktop.core.errors import ArchiveDamaged, ArchiveError, DiskFull, Forbidden

INSUFFICIENT_PRIVILEGE = "42501"
RAISED = "P0001"  # RAISE EXCEPTION in LuuTru's own server functions: their message is for the user
_DENIED = re.compile(r"permission denied for (table|sequence|relation) \"?([\w.]+)\"?")
_VERBS = ("INSERT", "UPDATE", "DELETE", "SELECT")


NOT_CLEARED = ("tài khoản này không được đọc bài có mức mật đó, nên cũng không gán hay lưu được mức mật ấy; "
               "chưa lưu gì (not cleared for that mark)")

NEWER = ("kho này đã được một phiên bản LuuTru mới hơn nâng cấp (phiên bản dữ liệu {0}); hãy cài bản LuuTru mới "
         "nhất rồi mở lại — chưa thay đổi gì trong kho (archive upgraded by a newer LuuTru)")

HIDDEN_COPY = ("kho đã có một bài cùng nội dung mà tài khoản này không được đọc (bài có mức mật); không lưu thêm "
               "(a restricted copy exists)")


def same_text_hidden(exc: BaseException) -> bool:
    """Whether storing failed on the unique text of an article this account cannot see
    (row-level security hides it from the duplicate check, the unique key does not)."""
    return "uq_articles_content_hash" in str(getattr(exc, "orig", None) or exc)


def translated(exc: BaseException) -> ArchiveError | None:
    """The user-facing error for a damaged database, a full disk, a mark the account is not
    cleared for (row-level security refused the row) or another refusal by the server;
    None for anything else."""
    if isinstance(exc, NewerArchive):
        return ArchiveError(NEWER.format(exc))
    if "violates row-level security policy" in str(getattr(exc, "orig", None) or exc):
        return ArchiveError(NOT_CLEARED)
    if is_disk_full(exc):
        return DiskFull()
    if is_damage(exc):
        cause = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        return ArchiveDamaged(f"tệp cơ sở dữ liệu archive.sqlite bị hỏng ({cause})")
    return refused(exc)


def refused(exc: BaseException) -> ArchiveError | None:
    """A server's permission error as the line LuuTru's own check gives (naming the role that
    may do it), so a client that skipped the check learns the same thing."""
    orig = getattr(exc, "orig", None)
    state = getattr(orig, "sqlstate", None)
    if state not in (INSUFFICIENT_PRIVILEGE, RAISED):
        return None
    message = (getattr(getattr(orig, "diag", None), "message_primary", None) or str(orig)).strip()
    if state == RAISED:
        return ArchiveError(message)
    denied = _DENIED.search(message)
    if denied is None:
        return Forbidden(ADMIN) if message.startswith("permission denied") else ArchiveError(f"không được phép: {message}")
    kind, name = denied.groups()
    if kind == "sequence":
        return Forbidden(needed_role(name.removesuffix("_id_seq"), "INSERT"))
    statement = (getattr(exc, "statement", None) or "").lstrip().upper()
    verb = next((v for v in _VERBS if statement.startswith(v)), "DELETE")
    return Forbidden(needed_role(name, verb))
