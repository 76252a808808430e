"""What a save refused by :mod:`~desktop.core.store.versions` is told: who changed the
article since its base, when, and what it holds now.  Apart from versions.py so
that every part may move a version without importing the article reader."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from desktop.core import views as v
from desktop.core.errors import EditConflict, NotFound
from desktop.core.store.articles import read_detail
from desktop.core.store.versions import Stale


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
