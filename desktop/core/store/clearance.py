"""Who may read restricted articles on the office server: clearance grants.

Clearance is membership of the group roles named in :mod:`db.clearance`;
row-level security on the server does the hiding (migration 0011).  This
part only grants, revokes and lists memberships (each change in the audit
log), so an administrator need not type SQL: ``luutru-cli clearance`` and the
window's Công cụ › Người dùng.  A grant may name a person's login or a group (``luutru_reader``
gives every reader the mark).  Revoking a level also revokes the levels
above it that were granted directly, so after ``revoke NAME secret`` the
person reads no "Mật" article, unless a group they belong to still does:
that is reported, not hidden.  A single-PC folder archive has one user, who
reads everything; there is nothing to grant.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session

from db.clearance import LEVELS, sees_everything
from desktop.core.errors import ArchiveError
from desktop.core.store import audit
from desktop.core.store.context import Part, writes
from desktop.text import fold

SERVER_ONLY = "kho trên máy này chỉ có một người dùng, đọc được mọi bài; quyền đọc bài mật chỉ có trên máy chủ (server only)"

# What a person may type for a level: its key, or the mark itself with or without diacritics.
_NAMES = {fold(name): level for level, (_, marks) in LEVELS.items() for name in (level, *marks)}
_NAMES.update({"noi bo": "internal", "noibo": "internal"})


@dataclass(frozen=True)
class AccountClearance:
    name: str
    login: bool  # a person's account (False: a group such as luutru_reader)
    levels: tuple[str, ...]  # levels the account may read, lowest first
    through: dict[str, tuple[str, ...]]  # level → the groups it comes from, when not granted directly


def level_named(name: str) -> str:
    """The clearance level a typed name means: "secret", "Mật", "mat", "Tối mật", "noi bo"…"""
    level = _NAMES.get(fold(" ".join(name.split())))
    if level is None:
        known = ", ".join(f"{key} ({' / '.join(marks)})" for key, (_, marks) in LEVELS.items())
        raise ArchiveError(f"không có mức mật '{name}'; dùng một trong: {known} (unknown mark)")
    return level


class Clearance(Part):
    """Grant, revoke and list clearance on a server archive."""

    @property
    def _on_server(self) -> bool:
        return self.ctx.sessions.kw["bind"].dialect.name == "postgresql"

    def _server(self) -> None:
        if not self._on_server:
            raise ArchiveError(SERVER_ONLY)

    def sees_everything(self) -> bool:
        """Whether no article is hidden from this account (a folder archive's one user: always)."""
        if not self._on_server:
            return True
        with self.ctx.session() as s:
            return sees_everything(s)

    @writes
    def grant(self, name: str, level: str) -> None:
        self._server()
        role = LEVELS[level_named(level)][0]
        with self._admin() as s:
            _account(s, name)
            s.execute(text(f"GRANT {_quote(s, role)} TO {_quote(s, name)}"))
            audit.append(s, self.ctx.user, "clearance", f"{name}: + {level_named(level)}")

    @writes
    def set_highest(self, name: str, level: str | None) -> AccountClearance:
        """Let ``name`` read the marks up to ``level`` and none above it (None: public articles
        only), as the window's list sets it: ``level`` granted directly, the levels above it
        revoked where they were granted directly.  Returns what ``name`` reads now, which a
        group they belong to may still make more (the caller says so)."""
        self._server()
        keys = list(LEVELS)
        kept = keys.index(level_named(level)) + 1 if level else 0
        with self._admin() as s:
            _account(s, name)
            if kept and not _direct(s, name, LEVELS[keys[kept - 1]][0]):
                s.execute(text(f"GRANT {_quote(s, LEVELS[keys[kept - 1]][0])} TO {_quote(s, name)}"))
            for key in keys[kept:]:
                if _direct(s, name, LEVELS[key][0]):
                    s.execute(text(f"REVOKE {_quote(s, LEVELS[key][0])} FROM {_quote(s, name)}"))
            audit.append(s, self.ctx.user, "clearance", f"{name}: {keys[kept - 1] if kept else 'public'}")
        return self.accounts(name)[0]

    @writes
    def revoke(self, name: str, level: str) -> tuple[str, ...]:
        """Revoke ``level`` and the levels above it granted to ``name``; returns the groups
        through which ``name`` can still read ``level`` (empty when it no longer can)."""
        self._server()
        wanted = level_named(level)
        above = list(LEVELS)[list(LEVELS).index(wanted):]
        with self._admin() as s:
            _account(s, name)
            for key in above:
                if _direct(s, name, LEVELS[key][0]):
                    s.execute(text(f"REVOKE {_quote(s, LEVELS[key][0])} FROM {_quote(s, name)}"))
            audit.append(s, self.ctx.user, "clearance", f"{name}: - {wanted}")
        return self.accounts(name)[0].through.get(wanted, ())

    def accounts(self, name: str | None = None) -> list[AccountClearance]:
        """Every login account and LuuTru group (or only ``name``) with what it may read."""
        self._server()
        with self.ctx.session() as s:
            if name is not None:
                _account(s, name)
            rows = s.execute(text(
                "SELECT rolname, rolcanlogin, rolsuper OR rolbypassrls FROM pg_roles "
                "WHERE (CAST(:name AS text) IS NULL AND (rolcanlogin OR rolname LIKE 'luutru\\_%') "
                "AND rolname NOT LIKE 'luutru\\_mark\\_%') OR rolname = :name ORDER BY rolname"
            ), {"name": name}).all()
            return [_clearance(s, role, login, unrestricted) for role, login, unrestricted in rows]

    @contextmanager
    def _admin(self) -> Iterator[Session]:
        """A session whose refusal by the server (no ADMIN OPTION or CREATEROLE) is one line."""
        try:
            with self.ctx.session() as s:
                yield s
        except ProgrammingError as error:
            reason = str(error.orig or error).strip().splitlines()[0]
            raise ArchiveError(f"máy chủ không cho đổi quyền đọc bài mật (not allowed): {reason}") from error


def _quote(s: Session, name: str) -> str:
    return s.get_bind().dialect.identifier_preparer.quote_identifier(name)


def _account(s: Session, name: str) -> None:
    if not s.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}):
        raise ArchiveError(f"không có tài khoản '{name}' trên máy chủ (no such account)")


def _direct(s: Session, member: str, role: str) -> bool:
    return bool(s.scalar(text(
        "SELECT 1 FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid "
        "JOIN pg_roles m ON m.oid = am.member WHERE r.rolname = :role AND m.rolname = :member"
    ), {"role": role, "member": member}))


def _clearance(s: Session, name: str, login: bool, unrestricted: bool) -> AccountClearance:
    levels, through = [], {}
    for level, (role, _) in LEVELS.items():
        if not (unrestricted or s.scalar(text("SELECT pg_has_role(:name, :role, 'MEMBER')"),
                                         {"name": name, "role": role})):
            continue
        levels.append(level)
        if not unrestricted and not _direct(s, name, role):
            groups = s.scalars(text(
                "SELECT g.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid "
                "JOIN pg_roles m ON m.oid = am.member WHERE m.rolname = :name "
                "AND g.rolname NOT LIKE 'luutru\\_mark\\_%' AND pg_has_role(g.rolname, :role, 'MEMBER') ORDER BY g.rolname"
            ), {"name": name, "role": role})
            through[level] = tuple(groups)
    return AccountClearance(name, login, tuple(levels), through)
