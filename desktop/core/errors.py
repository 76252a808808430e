"""Failures the archive reports to users: one clear line each, nothing changed."""

from __future__ import annotations

import datetime as dt

from desktop.core.dates import local_time


class ArchiveError(Exception):
    """A user-facing failure: the message is one clear line, nothing was changed."""


class NotFound(ArchiveError):
    pass


class ArchiveLocked(ArchiveError):
    """Another LuuTru has the archive open for writing; it can still be opened read-only."""


class ReadOnly(ArchiveError):
    pass


class ServerUnreachable(ArchiveError):
    """The office server did not answer: this PC's own archive can be opened instead."""


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


class NeedsFullOpen(Exception):
    """The quick read-only search of a folder archive (desktop/core/quick_search.py) cannot answer
    for certain (a migration or index work is due, a file looks damaged, a read failed): the
    caller opens the archive in full, which does what is needed.  Never shown to anyone."""


class QueryError(ValueError):
    """The query cannot be understood; the message says why.

    Defined here, not beside the parser, so the command line can catch it
    without loading the search engine."""


class EditConflict(ArchiveError):
    """A save started from an older version of the article than the stored one: refused, nothing written.

    ``version`` is the stored version (save again from it to keep yours deliberately),
    ``changes`` the history rows (views.EditView) made since ``base``, the version the
    save started from, and ``theirs`` the article as stored now (views.ArticleDetail).
    """

    def __init__(self, article_id: int, base: int, version: int, changes: tuple, theirs):
        self.article_id, self.base, self.version, self.changes, self.theirs = article_id, base, version, changes, theirs
        last = changes[-1] if changes else None
        by = f"{last.who} sửa lúc {local_time(last.at):%H:%M %d/%m/%Y}" if last else "người khác sửa"
        super().__init__(f"bài số {article_id} đã được {by} (phiên bản {version}, bản đang sửa từ phiên bản {base}); "
                         f"chưa ghi gì, hãy xem bản mới rồi sửa lại (edit conflict: article {article_id} changed since "
                         f"version {base})")

    @property
    def who(self) -> str | None:
        """Who made the latest change since the save's base (None when the history does not say)."""
        return self.changes[-1].who if self.changes else None

    @property
    def at(self) -> dt.datetime | None:
        """When, in this PC's local time (the history stores UTC)."""
        return local_time(self.changes[-1].at) if self.changes else None


ROLE_NAMES = {"reader": "người đọc", "clerk": "văn thư", "admin": "quản trị"}


class Forbidden(ArchiveError):
    """The signed-in account's role may not do this (asked by LuuTru, or refused by the server):
    the same line either way, naming the role needed."""

    def __init__(self, role: str):
        self.role = role
        super().__init__(f"không được phép: việc này cần quyền {ROLE_NAMES.get(role, role)} ({role}) "
                         f"(permission denied: needs the {role} role)")
