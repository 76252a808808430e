"""The audit log: sign-ins, exports and prints of restricted articles, role changes, purges.

Rows are only ever added (a trigger refuses to change or delete one, on both
engines).  On a server every account may add rows, only admins may read them
(``db/roles.py``), and the server writes a non-admin's own name and the time
into each row whatever the client sent (migration 0010).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from db import models as m
from desktop.core.store.context import Part


def append(s: Session | Connection, account: str, action: str, detail: str | None = None) -> None:
    """Add a row in the caller's transaction (without RETURNING: see the model)."""
    s.execute(insert(m.AuditEntry).values(at=m.utcnow(), account=account, action=action, detail=detail))


@dataclass(frozen=True)
class AuditView:
    at: dt.datetime
    account: str
    action: str
    detail: str | None


class Audit(Part):
    def record(self, action: str, detail: str | None = None) -> None:
        """Add a row, as the signed-in account (nothing on a read-only single-PC archive,
        whose writer holds the file)."""
        if self.readonly and self.ctx.sessions.kw["bind"].dialect.name != "postgresql":
            return
        with self.ctx.session() as s:
            append(s, self.ctx.user, action, detail)

    def entries(self, since: dt.datetime | None = None) -> list[AuditView]:
        """The log, oldest first (from ``since`` on)."""
        query = select(m.AuditEntry).order_by(m.AuditEntry.at, m.AuditEntry.id)
        if since is not None:
            query = query.where(m.AuditEntry.at >= since)
        with self.ctx.session() as s:
            return [AuditView(e.at, e.account, e.action, e.detail) for e in s.scalars(query)]
