"""Near-duplicates a clerk settles: keep both, or merge the newer copy into the older;
and other reports of the same event, only shown."""

from __future__ import annotations

from sqlalchemy import select

from db import models as m
from desktop.core import views as v
from desktop.core.errors import NotFound
from desktop.core.store import near_duplicates, versions
from desktop.core.store.context import Part, get_article, writes
from desktop.core.store.storing import queue
from desktop.core.store.trees import retag


class NearDuplicateDecisions(Part):
    def related(self, article_id: int) -> list[v.RelatedArticle]:
        """Other reports of the same event as this article (never asked about, unlike near-duplicates)."""
        with self.ctx.session() as s:
            return near_duplicates.related(s, article_id)

    def near_duplicates(self, *, open_only: bool = True) -> list[v.NearDuplicateView]:
        with self.ctx.session() as s:
            query = select(m.NearDuplicate).where(m.NearDuplicate.kind == "duplicate").order_by(m.NearDuplicate.found_at.desc())
            if open_only:
                query = query.where(m.NearDuplicate.decision.is_(None))
            return [v.NearDuplicateView(d.article_id, d.other_id, d.similarity, d.decision) for d in s.scalars(query)]

    @writes
    def decide_near_duplicate(self, article_id: int, other_id: int, *, merge: bool) -> None:
        """Keep both, or merge: the newer copy goes to the Trash and its tags join the older one."""
        with self.ctx.session() as s:
            pair = s.get(m.NearDuplicate, (article_id, other_id))
            if pair is None:
                raise NotFound(f"không có cặp bài gần trùng {article_id}/{other_id}")
            pair.decision = "merged" if merge else "kept"
            if merge:
                newer, older = get_article(s, article_id), get_article(s, other_id)
                retag(self.ctx, s, older, [(collection, node, True)
                                           for collection, nodes in ((older.units, newer.units), (older.topics, newer.topics))
                                           for node in nodes if node not in collection], None)
                newer.trashed_at = m.utcnow()
                version = versions.claim(s, newer, None, self.ctx.own_versions)
                self.ctx.record(s, article_id, "trash", new=f"gộp vào bài {other_id}", version=version)
                queue(s, [article_id, other_id])
        self.ctx.on_change()
