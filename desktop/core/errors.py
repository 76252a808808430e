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


class QueryError(ValueError):
    """The query cannot be understood; the message says why.

    Defined here, not beside the parser, so the command line can catch it
    without loading the search engine."""
