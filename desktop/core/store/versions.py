"""Article versions: a save that started from an older version is refused by the database.

Every article carries ``version`` (1 when stored), moved on by every change to
what a clerk edits: its fields, its photos' captions and credits, its units and
topics.  A save names the version it started from (its ``base``), and the
first statement that writes anything is

    UPDATE articles SET version = version + 1 WHERE id = :id AND version = :base

so the check and the claim are one statement on the server: on PostgreSQL the
row stays locked by it until the commit, and a writer that committed first
makes it match no row (READ COMMITTED re-reads the row it waited for); on
SQLite writers take turns.  No row matched means someone else saved since:
the transaction is rolled back and :class:`~desktop.core.errors.EditConflict`
says who, when (from the history rows, which record the version each change
made) and what the article holds now.

One version per article, captions and tags included, rather than one per
photo or per tag set: the window loads and saves an article as one thing
(fields and captions in one call), and one number is what a clerk can be
told and a script can pass (``luutru-cli tag --if-version``).  A change to
tags therefore also refuses a text save started before it; the dialog then
shows no differing field, and "keep mine" is one click.

A save without a base (imports, OCR, encoding repair, adding tags to many
articles) moves the version on unconditionally, so the windows that had the
article open learn of it at their next save.
"""

from __future__ import annotations

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from db import models as m
from desktop.core import views as v
from desktop.core.errors import EditConflict, NotFound
from desktop.core.store.articles import read_detail


class Stale(Exception):
    """Inside a transaction: the article moved past ``base`` (rolled back, then reported as EditConflict)."""

    def __init__(self, article_id: int, base: int):
        super().__init__(article_id, base)
        self.article_id, self.base = article_id, base


def claim(s: Session, article: m.Article, base: int | None, own) -> int:
    """Move ``article`` to its next version, from ``base`` only (any version when None);
    raises :class:`Stale` when it is no longer at ``base``.  Returns the new version.
    ``own`` is the context's :class:`~desktop.core.store.context.OwnVersions`."""
    query = update(m.Article).where(m.Article.id == article.id)
    if base is not None:
        base = own.resolve(article.id, base)
        query = query.where(m.Article.version == base)
    query = query.values(version=m.Article.version + 1).returning(m.Article.version)
    new = s.execute(query, execution_options={"synchronize_session": False}).scalar_one_or_none()
    if new is None:
        raise Stale(article.id, base)
    set_committed_value(article, "version", new)
    # only a committed move is this archive's own: a save rolled back (a lost
    # connection) made no version, and its retry starts from the same base
    article_id = article.id
    event.listen(s, "after_commit", lambda _s: own.moved(article_id, new - 1, new), once=True)
    return new


def report(ctx, stale: Stale) -> EditConflict:
    """What a refused save is told, read after its rollback: the changes made since
    its base and the article as stored now (``ctx`` is the store's context)."""
    with ctx.session() as s:
        return conflict(s, stale.article_id, stale.base, read_detail(s, stale.article_id))


def conflict(s: Session, article_id: int, base: int, theirs: v.ArticleDetail) -> EditConflict:
    version = s.scalar(select(m.Article.version).where(m.Article.id == article_id))
    if version is None:
        raise NotFound(f"không có bài viết số {article_id} (no article {article_id})")
    rows = s.scalars(select(m.Edit).where(m.Edit.article_id == article_id, m.Edit.version > base)
                     .order_by(m.Edit.id)).all()
    if not rows:  # history from before versions: the last change is the best answer there is
        rows = s.scalars(select(m.Edit).where(m.Edit.article_id == article_id).order_by(m.Edit.id.desc()).limit(1)).all()
    changes = tuple(v.EditView(e.at, e.who, e.what, e.old, e.new, e.version) for e in rows)
    return EditConflict(article_id, base, version, changes, theirs)
