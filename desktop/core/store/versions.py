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
(:mod:`~desktop.core.store.refusals`) says who, when (from the history rows, which record the version each change
made) and what the article holds now.

One version per article, captions and tags included, rather than one per
photo or per tag set: the window loads and saves an article as one thing
(fields and captions in one call), and one number is what a clerk can be
told and a script can pass (``luutru-cli tag --if-version``).  A change to
tags therefore also refuses a text save started before it; the dialog then
shows no differing field, and "keep mine" is one click.

A save without a base (imports, OCR, encoding repair, adding tags to many
articles) moves the version on unconditionally, so the windows that had the
article open learn of it at their next save.  So does every other change to
what the article pane shows: a photo attached or given its image, the Trash
and back (a merge of near-duplicates too), where its text comes from (OCR or
kept as a photo), a unit or topic removed from under it.  Each writes a
history row naming the version it made, which is what the refused clerk is
told.  Not moved: renaming or moving a unit or topic (the article keeps the
same tag, which a tag save names by id, and every article shows the new name
alike) and a first-page thumbnail (the list's picture, made from the file).
tests/test_version_moves.py holds each write of the facade to this.
"""

from __future__ import annotations

from sqlalchemy import event, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from db import models as m


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
    _own_once_committed(s, own, {article.id: new})
    return new


def move_on(s: Session, article_ids: list[int], own) -> dict[int, int]:
    """Move these articles to their next versions, whatever they are at (a change made
    without a base, to many articles at once); returns article → new version."""
    if not article_ids:
        return {}
    query = (update(m.Article).where(m.Article.id.in_(article_ids))
             .values(version=m.Article.version + 1).returning(m.Article.id, m.Article.version))
    moved = dict(s.execute(query, execution_options={"synchronize_session": False}).all())
    _own_once_committed(s, own, moved)
    return moved


def _own_once_committed(s: Session, own, moved: dict[int, int]) -> None:
    """Record ``moved`` (article → new version) as this archive's own when ``s`` commits:
    a save rolled back (a lost connection) made no version, and its retry starts from
    the same base."""

    def committed(_s) -> None:
        for article_id, new in moved.items():
            own.moved(article_id, new - 1, new)

    event.listen(s, "after_commit", committed, once=True)
