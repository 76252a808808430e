"""What the signed-in account may do, asked the same way on both engines.

On a server the answer is the account's group role (``db/roles.py``); on a
single-PC SQLite archive there are no accounts and the one person using it
is the admin, so every check passes and the same code runs.  These checks
only spare people a refusal: the server enforces the same rules with its
grants whatever the client does, and its refusal reads the same
(:func:`desktop.core.store.db_errors.refused`).
"""

from __future__ import annotations

from functools import cached_property

from db.roles import ADMIN, CLERK, READER, ROLES, role_of
from desktop.core.errors import Forbidden
from desktop.core.store.context import Part

# What a person does -> the least role that may do it.
ACTIONS = {
    "read": READER, "search": READER, "export": READER, "print": READER, "reindex": READER, "check": READER,
    "add": CLERK, "import": CLERK, "edit": CLERK, "tag": CLERK, "trash": CLERK, "restore": CLERK,
    "near-duplicates": CLERK, "reread": CLERK, "repair-encoding": CLERK,
    "trees": ADMIN, "reorganise": ADMIN, "purge": ADMIN, "users": ADMIN, "audit": ADMIN,
    "backup": ADMIN, "restore-backup": ADMIN, "repair": ADMIN, "settings": ADMIN,
}


def role_allows(role: str | None, action: str) -> bool:
    return role is not None and ROLES.index(role) >= ROLES.index(ACTIONS[action])


class Access(Part):
    """The open archive's account and role (asked of the server once per open)."""

    @cached_property
    def role(self) -> str | None:
        """"reader", "clerk" or "admin"; None for a server account in no LuuTru group."""
        if self.ctx.sessions.kw["bind"].dialect.name != "postgresql":
            return ADMIN
        with self.ctx.session() as s:
            return role_of(s.connection())

    def needed(self, action: str) -> str:
        """The least role that may do ``action``."""
        return ACTIONS[action]

    def may(self, action: str) -> bool:
        return role_allows(self.role, action)

    def require(self, action: str) -> None:
        """Refuse, in one line naming the role needed, what this account may not do."""
        if not self.may(action):
            raise Forbidden(ACTIONS[action])
