"""Listing articles: filters, sort orders, list rows, the calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, extract, func, select
from sqlalchemy.orm import Session

from db import models as m
from db.trees import Tree
from desktop.core import views as v
from desktop.core.store import lineage as unit_lineage
from desktop.core.store.context import Part
from desktop.text import nfc


@dataclass
class ArticleFilter:
    unit_ids: Sequence[int] = ()  # any of these units or their sub-units
    lineage: bool = True  # and the units they came from (store/lineage.py)
    topic_ids: Sequence[int] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    author: str | None = None
    trashed: bool = False
    ids: Sequence[int] | None = None  # restrict to these (e.g. search hits)


SORTS = {
    "date_desc": (m.Article.published_date.desc(), m.Article.id.desc()),
    "date_asc": (m.Article.published_date.asc(), m.Article.id.asc()),
    "title": (m.Article.title.asc(), m.Article.id.asc()),
    "author": (m.Article.author.asc(), m.Article.id.asc()),
    "added": (m.Article.id.desc(),),
}


class Listing(Part):
    def _filtered(self, s: Session, f: ArticleFilter, query: Select) -> Select:
        query = query.where(m.Article.trashed_at.is_not(None) if f.trashed else m.Article.trashed_at.is_(None))
        if f.unit_ids:
            units = unit_lineage.load(s).scope(f.unit_ids, lineage=f.lineage).units
            query = query.where(
                m.Article.id.in_(select(m.article_units.c.article_id).where(m.article_units.c.unit_id.in_(units)))
            )
        if f.topic_ids:
            topics = Tree.load(s, m.Topic).descendants(f.topic_ids)
            query = query.where(
                m.Article.id.in_(select(m.article_topics.c.article_id).where(m.article_topics.c.topic_id.in_(topics)))
            )
        if f.date_from is not None:
            query = query.where(m.Article.published_date >= f.date_from)
        if f.date_to is not None:
            query = query.where(m.Article.published_date <= f.date_to)
        if f.author:
            query = query.where(m.Article.author == nfc(f.author))
        if f.ids is not None:
            query = query.where(m.Article.id.in_(list(f.ids)))
        return query

    def article_ids(self, f: ArticleFilter | None = None, order: str = "date_desc", limit: int | None = None) -> list[int]:
        """Ids of the matching articles in list order (cheap: the list model pages rows by id),
        or the first ``limit`` of them."""
        f = f or ArticleFilter()
        with self.ctx.session() as s:
            query = self._filtered(s, f, select(m.Article.id)).order_by(*SORTS[order]).limit(limit)
            return list(s.scalars(query))

    def count_articles(self, f: ArticleFilter | None = None) -> int:
        f = f or ArticleFilter()
        with self.ctx.session() as s:
            return s.scalar(self._filtered(s, f, select(func.count(m.Article.id)))) or 0

    def rows(self, article_ids: Sequence[int]) -> list[v.ArticleRow]:
        """List rows for these ids, in the order given."""
        ids = list(article_ids)
        if not ids:
            return []
        with self.ctx.session() as s:
            photo_counts = dict(
                s.execute(
                    select(m.Photo.article_id, func.count()).where(m.Photo.article_id.in_(ids)).group_by(m.Photo.article_id)
                ).all()
            )
            units: dict[int, list[str]] = {}
            for article_id, name in s.execute(
                select(m.article_units.c.article_id, m.Unit.name)
                .join(m.Unit, m.Unit.id == m.article_units.c.unit_id)
                .where(m.article_units.c.article_id.in_(ids))
                .order_by(m.Unit.name)
            ):
                units.setdefault(article_id, []).append(name)
            thumbnails = dict(s.execute(
                select(m.PageThumbnail.article_id, m.PageThumbnail.image).where(m.PageThumbnail.article_id.in_(ids))
            ).all())
            found = {
                a.id: v.ArticleRow(
                    id=a.id,
                    title=a.title,
                    published_date=a.published_date,
                    author=a.author,
                    units=", ".join(units.get(a.id, [])),
                    photo_count=photo_counts.get(a.id, 0),
                    trashed=a.trashed_at is not None,
                    thumbnail=thumbnails.get(a.id),
                )
                for a in s.execute(
                    select(m.Article.id, m.Article.title, m.Article.published_date, m.Article.author, m.Article.trashed_at)
                    .where(m.Article.id.in_(ids))
                )
            }
        return [found[i] for i in ids if i in found]

    def list_articles(
        self, f: ArticleFilter | None = None, order: str = "date_desc", offset: int = 0, limit: int | None = None
    ) -> list[v.ArticleRow]:
        ids = self.article_ids(f, order)
        end = None if limit is None else offset + limit
        return self.rows(ids[offset:end])

    def months(self) -> list[tuple[int, int, int]]:
        """(year, month, live article count), newest first, for the calendar tree."""
        year = extract("year", m.Article.published_date)
        month = extract("month", m.Article.published_date)
        with self.ctx.session() as s:
            rows = s.execute(
                select(year, month, func.count())
                .where(m.Article.trashed_at.is_(None), m.Article.published_date.is_not(None))
                .group_by(year, month)
                .order_by(year.desc(), month.desc())
            ).all()
        return [(int(y), int(mo), c) for y, mo, c in rows]
