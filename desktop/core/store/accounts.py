"""The people who may sign in to a server archive, managed by its admins.

Each person is a PostgreSQL login role in one of LuuTru's three groups
(``db/roles.py``).  Admins change accounts only through the server's
SECURITY DEFINER functions (migration 0010), which run as the account that
ran ``init`` and can touch nothing but LuuTru's own accounts and groups, so
no admin needs CREATEROLE (which on PostgreSQL 13-15 would let them grant
themselves far more than LuuTru's roles).  A password leaves this PC only
as a SCRAM-SHA-256 verifier made by libpq, the way ``psql``'s ``\\password``
does it: never in clear text on the wire or in the server's logs.

A single-PC archive has no accounts: its one user is the admin.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.roles import ADMIN, GROUP, ROLES
from desktop.core.errors import ArchiveError
from desktop.core.store.context import Part

NO_ACCOUNTS = ("kho trên máy này không có tài khoản riêng: người dùng máy này có toàn quyền "
               "(a single-PC archive has no accounts)")


@dataclass(frozen=True)
class Account:
    name: str
    role: str | None  # None: a login that belongs to no LuuTru group
    enabled: bool


class Accounts(Part):
    @property
    def on_server(self) -> bool:
        return self.ctx.sessions.kw["bind"].dialect.name == "postgresql"

    def list(self) -> list[Account]:
        """Every LuuTru account on the server, by name (on a single-PC archive: its one user)."""
        if not self.on_server:
            return [Account(self.ctx.user, ADMIN, True)]
        with self.ctx.session() as s:
            rows = s.execute(text(
                "SELECT u.rolname, g.rolname, u.rolcanlogin FROM pg_roles u "
                "JOIN pg_auth_members am ON am.member = u.oid JOIN pg_roles g ON g.oid = am.roleid "
                "WHERE g.rolname = ANY(:groups) AND NOT (u.rolname = ANY(:groups)) ORDER BY u.rolname"),
                {"groups": list(GROUP.values())}).all()
        best: dict[str, tuple[str, bool]] = {}
        for name, group, enabled in rows:
            role = group.removeprefix("luutru_")
            if name not in best or ROLES.index(role) > ROLES.index(best[name][0]):
                best[name] = (role, enabled)
        return [Account(name, role, enabled) for name, (role, enabled) in best.items()]

    def add(self, name: str, role: str, password: str) -> None:
        self._call("luutru_add_account(:name, :role, :verifier)", name=_name(name), role=_role(role),
                   password=_password(password))

    def set_role(self, name: str, role: str) -> None:
        self._call("luutru_set_role(:name, :role)", name=_name(name), role=_role(role))

    def set_password(self, name: str, password: str) -> None:
        self._call("luutru_set_password(:name, :verifier)", name=_name(name), password=_password(password))

    def set_enabled(self, name: str, enabled: bool) -> None:
        self._call("luutru_set_login(:name, :enabled)", name=_name(name), enabled=enabled)

    def _call(self, function: str, *, name: str, password: str | None = None, **params) -> None:
        if not self.on_server:
            raise ArchiveError(NO_ACCOUNTS)
        with self.ctx.session() as s:
            if password is not None:
                params["verifier"] = _verifier(s, name, password)
            s.execute(text(f"SELECT {function}"), {"name": name, **params})


def _name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ArchiveError("cần tên tài khoản (account name missing)")
    return name


def _role(role: str) -> str:
    if role not in ROLES:
        raise ArchiveError("vai trò phải là reader, clerk hoặc admin (role must be reader, clerk or admin)")
    return role


def _password(password: str) -> str:
    if len(password) < 8:
        raise ArchiveError("mật khẩu cần ít nhất 8 ký tự (password: at least 8 characters)")
    return password


def _verifier(s: Session, name: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier libpq makes for this name and password."""
    pgconn = s.connection().connection.driver_connection.pgconn
    return pgconn.encrypt_password(password.encode("utf-8"), name.encode("utf-8"), b"scram-sha-256").decode("ascii")
