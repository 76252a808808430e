"""Which articles the index must re-read: the archive's queue, or the server's change feed.

A folder archive has one index, so its ``index_queue`` rows are deleted once
indexed.  A server archive has an index on every PC: each remembers, in its
own state file, the number of the last change it applied (its mark) and
reads ``article_changes`` past it (see :mod:`db.changes`).  Both answer the
same four questions for :class:`~desktop.core.search.index.SearchIndex`, so
indexing, held writers and rebuilds work the same on either.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from sqlalchemy import bindparam, delete, func, literal_column, select
from sqlalchemy.orm import Session

from db import models as m
from db.clearance import readable_levels

MARK = "change_seq"  # the state-file key of a server index's mark
APPLIED = "applied_past_mark"  # changes past the mark already applied (small ones go first)
SMALL_TRANSACTION = 5  # articles: a clerk's save, not an import batch
CLEARANCE = "clearance"  # the state-file key of the marks the account could read when the index was built


class QueueFeed:
    """``index_queue``: rows are (article id, queued at), deleted once indexed."""

    per_account = False  # a folder archive's one user reads every article

    def rights_changed(self, _s: Session) -> bool:
        return False

    def pending(self, s: Session) -> list[tuple]:
        return [tuple(row) for row in s.execute(select(m.IndexQueue.article_id, m.IndexQueue.queued_at))]

    def parts(self, s: Session) -> tuple[list[tuple], list[tuple]]:
        """(urgent rows, the rest): nothing is urgent on one PC, which indexes its saves at once."""
        return [], self.pending(s)

    def outstanding(self, s: Session) -> int:
        """Rows waiting; asked on every open, so of the table, not the mapped class (see documents.py)."""
        return s.scalar(select(func.count(m.IndexQueue.__table__.c.article_id))) or 0

    def done(self, s: Session, rows) -> None:
        """Delete indexed queue rows, unless the article was queued again since."""
        table = m.IndexQueue.__table__
        s.execute(  # one executemany, not a statement a row
            delete(table).where(table.c.article_id == bindparam("article"), table.c.queued_at <= bindparam("queued")),
            [{"article": article_id, "queued": queued_at} for article_id, queued_at in rows],
        )

    def rebuilding(self, _s: Session) -> dict:
        """Nothing to record: the rows queued before a rebuild are let go once it is in place
        (and kept if it fails), those queued during it stay."""
        return {}


class ChangeFeed:
    """``article_changes`` past this PC's mark: rows are (article id, change number).

    A clerk's save is a transaction of one or a few articles; an import numbers
    hundreds.  So :meth:`pending` puts the changes of small transactions (told
    apart by the row's ``xmin``, the transaction that wrote it) before the rest:
    a save made during another PC's import is indexed in the next pass, not
    after the import's backlog.  Changes applied ahead of the mark are kept in
    the state file (``APPLIED``) until the mark passes them.
    """

    per_account = True  # the index holds what this PC's account may read (row-level security)

    def __init__(self, state: Callable[[], dict], save: Callable[[dict], None]):
        self._state = state
        self._save = save

    def rights_changed(self, s: Session) -> bool:
        """Whether the account's clearance changed since the index was built: articles it may
        now read, or no longer may, changed in no way the feed shows, so the index is rebuilt."""
        return self._state().get(CLEARANCE) != list(readable_levels(s))

    def mark(self) -> int:
        value = self._state().get(MARK)
        return value if isinstance(value, int) else 0

    def _applied(self) -> set[int]:
        value = self._state().get(APPLIED)
        return {seq for seq in value if isinstance(seq, int)} if isinstance(value, list) else set()

    def pending(self, s: Session) -> list[tuple]:
        """Unapplied changes: small transactions' first, then by number."""
        urgent, backlog = self.parts(s)
        return urgent + backlog

    def parts(self, s: Session) -> tuple[list[tuple], list[tuple]]:
        """Unapplied changes, by number: (those of small transactions, the rest)."""
        applied = self._applied()
        rows = [(article_id, seq, xid) for article_id, seq, xid in s.execute(
            select(m.ArticleChange.article_id, m.ArticleChange.seq, literal_column("xmin::text"))
            .where(m.ArticleChange.seq > self.mark()).order_by(m.ArticleChange.seq)) if seq not in applied]
        sizes = Counter(xid for _, _, xid in rows)
        urgent = [(article_id, seq) for article_id, seq, xid in rows if sizes[xid] <= SMALL_TRANSACTION]
        backlog = [(article_id, seq) for article_id, seq, xid in rows if sizes[xid] > SMALL_TRANSACTION]
        return urgent, backlog

    def outstanding(self, s: Session) -> int:
        return s.scalar(select(func.count(m.ArticleChange.article_id)).where(m.ArticleChange.seq > self.mark())) or 0

    def done(self, s: Session, rows) -> None:
        """Record ``rows`` applied: the mark moves up to the first change still unapplied."""
        state = self._state()
        mark, applied = self.mark(), self._applied() | {seq for _, seq in rows}
        for seq in s.scalars(select(m.ArticleChange.seq).where(m.ArticleChange.seq > mark)
                             .order_by(m.ArticleChange.seq)):
            if seq not in applied:
                break
            mark = seq
        self._save({**state, MARK: mark, APPLIED: sorted(seq for seq in applied if seq > mark)})

    def rebuilding(self, s: Session) -> dict:
        """The mark a fresh index starts from, read before the articles are: a change
        committed meanwhile is applied again afterwards, which is harmless."""
        return {MARK: s.scalar(select(func.max(m.ArticleChange.seq))) or 0, CLEARANCE: list(readable_levels(s))}
