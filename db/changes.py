"""Tell the search indexes which articles changed, in the changing transaction.

A folder archive has one index, fed by ``index_queue`` (a row per article,
deleted once indexed).  A server archive has one index per PC, so a queue
one PC empties would starve the others: there every change gives the
article the next number of ``article_change_seq`` in ``article_changes``,
and each PC applies what is past its own mark.

For a mark to be safe, numbers must become visible in the order they were
given: a PC that has seen change 11 must never later find a 10 committed
after it.  So the numbering takes a transaction-level advisory lock, held
to commit: writers queue behind each other only between numbering their
changes and committing, which is the end of their transaction.  The commit
also sends ``NOTIFY luutru_changes`` so listening PCs look at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, text
from sqlalchemy.orm import Session

from db import models as m
from db.engine import in_chunks

CHANNEL = "luutru_changes"
NUMBERING_LOCK = 19_0001  # pg_advisory_xact_lock key: change numbers in commit order


def is_server(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def record(s: Session, article_ids: Iterable[int]) -> None:
    """Mark these articles changed, in the caller's transaction."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    if is_server(s):
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": NUMBERING_LOCK})
        for chunk in in_chunks(ids):
            s.execute(
                text("INSERT INTO article_changes (article_id, seq) "
                     "SELECT id, nextval('article_change_seq') FROM unnest(CAST(:ids AS integer[])) AS id "
                     "ORDER BY id "
                     "ON CONFLICT (article_id) DO UPDATE SET seq = EXCLUDED.seq"),
                {"ids": chunk},
            )
        s.execute(text(f"NOTIFY {CHANNEL}"))
        return
    for chunk in in_chunks(ids):
        s.execute(delete(m.IndexQueue).where(m.IndexQueue.article_id.in_(chunk)))
    now = m.utcnow()
    s.execute(insert(m.IndexQueue.__table__), [{"article_id": i, "queued_at": now} for i in ids])
