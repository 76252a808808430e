"""Which circulation marks an account on the office server may read.

A mark is read by the members of its PostgreSQL group role (migration 0011):
``luutru_mark_internal`` for "Lưu hành nội bộ", ``luutru_mark_secret`` for
"Mật", ``luutru_mark_topsecret`` for "Tối mật" and "Tuyệt mật" (and for any
mark the archive does not know, so a misspelt mark never publishes an
article).  Each higher role is a member of the lower one.  The server's
row-level security enforces it; this module only names the roles and asks
the server what the signed-in account may read, so that a PC's index knows
when it was built for other rights than its account has now.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# clearance level → (group role, the marks it opens), lowest first
LEVELS = {
    "internal": ("luutru_mark_internal", ("Lưu hành nội bộ",)),
    "secret": ("luutru_mark_secret", ("Mật",)),
    "topsecret": ("luutru_mark_topsecret", ("Tối mật", "Tuyệt mật")),
}


def readable_levels(s: Session) -> tuple[str, ...]:
    """The levels the signed-in account may read; all of them for a superuser or a
    BYPASSRLS role, whom the policies do not restrict."""
    row = s.execute(text(
        "SELECT rolsuper OR rolbypassrls, pg_has_role(:internal, 'MEMBER'), pg_has_role(:secret, 'MEMBER'), "
        "pg_has_role(:topsecret, 'MEMBER') FROM pg_roles WHERE rolname = current_user"
    ), {level: role for level, (role, _) in LEVELS.items()}).one()
    if row[0]:
        return tuple(LEVELS)
    return tuple(level for level, held in zip(LEVELS, row[1:]) if held)


def sees_everything(s: Session) -> bool:
    """Whether no row of the archive is hidden from the signed-in account (backups need that)."""
    return readable_levels(s) == tuple(LEVELS)
