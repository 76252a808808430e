"""Failures the archive reports to users: one clear line each, nothing changed."""

from __future__ import annotations


class ArchiveError(Exception):
    """A user-facing failure: the message is one clear line, nothing was changed."""


class NotFound(ArchiveError):
    pass


class ArchiveLocked(ArchiveError):
    """Another LuuTru has the archive open for writing; it can still be opened read-only."""


class ReadOnly(ArchiveError):
    pass


class ArchiveDamaged(ArchiveError):
    """The archive's database file is damaged (truncated, overwritten): see maintenance/salvage.py."""


DISK_FULL = "ổ đĩa đầy"  # how every disk-full message starts


class DiskFull(ArchiveError):
    """The disk holding the archive is full: what was reported stored is stored; reading still works."""

    def __init__(self, detail: str = ""):
        super().__init__(f"{DISK_FULL}: không ghi thêm được; những gì đã báo là lưu vẫn còn, hãy giải phóng chỗ "
                         f"rồi làm lại{f' ({detail})' if detail else ''} (disk full)")


class IndexBuilding(ArchiveError):
    """This PC's search index is still being built (listing and opening articles work meanwhile)."""


class QueryError(ValueError):
    """The query cannot be understood; the message says why.

    Defined here, not beside the parser, so the command line can catch it
    without loading the search engine."""


ROLE_NAMES = {"reader": "người đọc", "clerk": "văn thư", "admin": "quản trị"}


class Forbidden(ArchiveError):
    """The signed-in account's role may not do this (asked by LuuTru, or refused by the server):
    the same line either way, naming the role needed."""

    def __init__(self, role: str):
        self.role = role
        super().__init__(f"không được phép: việc này cần quyền {ROLE_NAMES.get(role, role)} ({role}) "
                         f"(permission denied: needs the {role} role)")
