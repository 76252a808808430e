"""The unit and topic trees, and tagging articles with their nodes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import models as m
from db.trees import Tree
from desktop.core import views as v
from desktop.core.errors import ArchiveError, NotFound, ReadOnly
from desktop.core.store import lineage as unit_lineage
from desktop.core.store import refusals, versions
from desktop.core.store.context import READ_ONLY, Part, get_article, writes
from desktop.core.store.storing import queue
from desktop.text import nfc


class Trees(Part):
    @writes
    def add_unit(
        self,
        name: str,
        parent_id: int | None = None,
        *,
        kind: str | None = None,
        founded: dt.date | None = None,
        dissolved: dt.date | None = None,
    ) -> int:
        return self._add_node(m.Unit, name, parent_id, kind=kind, founded=founded, dissolved=dissolved)

    @writes
    def add_topic(self, name: str, parent_id: int | None = None) -> int:
        return self._add_node(m.Topic, name, parent_id)

    def _add_node(self, model, name: str, parent_id: int | None, **fields) -> int:
        name = nfc(name).strip()
        if not name:
            raise ArchiveError("tên không được để trống (name is required)")
        with self.ctx.session() as s:
            if parent_id is not None and s.get(model, parent_id) is None:
                raise NotFound(f"không có mục cha số {parent_id} (no parent {parent_id})")
            existing = s.scalar(select(model.id).where(model.name == name, model.parent_id.is_(parent_id) if parent_id is None else model.parent_id == parent_id))
            if existing is not None:
                raise ArchiveError(f"'{name}' đã có ở đây (already exists)")
            node = model(name=name, parent_id=parent_id, **fields)
            s.add(node)
            s.flush()
            node_id = node.id
        self.ctx.trees_changed()
        return node_id

    @writes
    def update_unit(self, unit_id: int, **changes) -> None:
        allowed = {"name", "kind", "founded", "dissolved", "parent_id"}
        self._update_node(m.Unit, unit_id, allowed, changes)

    @writes
    def update_topic(self, topic_id: int, **changes) -> None:
        self._update_node(m.Topic, topic_id, {"name", "parent_id"}, changes)

    def _update_node(self, model, node_id: int, allowed: set[str], changes: dict) -> None:
        unknown = set(changes) - allowed
        if unknown:
            raise ArchiveError(f"không sửa được trường {', '.join(sorted(unknown))}")
        with self.ctx.session() as s:
            node = s.get(model, node_id)
            if node is None:
                raise NotFound(f"không có mục số {node_id} (no such entry)")
            if "parent_id" in changes and changes["parent_id"] is not None:
                if changes["parent_id"] in Tree.load(s, model).descendants([node_id]):
                    raise ArchiveError("không thể chuyển một mục vào chính nó (cycle)")
            for key, value in changes.items():
                setattr(node, key, nfc(value) if isinstance(value, str) else value)
            tagged = self._tagged_articles(s, model, [node_id])
            queue(s, tagged)
        self.ctx.trees_changed()
        self.ctx.on_change()

    @writes
    def remove_topic(self, topic_id: int) -> None:
        self._remove_node(m.Topic, topic_id)

    @writes
    def remove_unit(self, unit_id: int) -> None:
        self._remove_node(m.Unit, unit_id)

    def _remove_node(self, model, node_id: int) -> None:
        with self.ctx.session() as s:
            node = s.get(model, node_id)
            if node is None:
                raise NotFound(f"không có mục số {node_id} (no such entry)")
            if s.scalar(select(func.count()).where(model.parent_id == node_id)):
                raise ArchiveError(f"'{node.name}' còn mục con, hãy chuyển hoặc xóa chúng trước (has children)")
            tagged = self._tagged_articles(s, model, [node_id])
            for article_id, version in versions.move_on(s, tagged, self.ctx.own_versions).items():
                self.ctx.record(s, article_id, "untag", old=node.name, version=version)
            s.delete(node)
            queue(s, tagged)
        self.ctx.trees_changed()
        self.ctx.on_change()

    def _tagged_articles(self, s: Session, model, node_ids: list[int]) -> list[int]:
        table, column = (m.article_units, "unit_id") if model is m.Unit else (m.article_topics, "topic_id")
        return list(s.scalars(select(table.c.article_id).where(table.c[column].in_(node_ids))))

    def find_path(self, kind: str, path: str, *, create: bool = False) -> int:
        """Id of the unit/topic named by a path such as "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên"."""
        model = m.Unit if kind == "unit" else m.Topic
        if create and self.readonly:
            raise ReadOnly(READ_ONLY)
        parent_id = None
        for part in [p.strip() for p in nfc(path).replace("›", "/").split("/") if p.strip()]:
            found = self._child(model, part, parent_id)
            if found is None:
                if not create:
                    raise NotFound(f"không có '{part}' trong cây {'đơn vị' if kind == 'unit' else 'chủ đề'}")
                try:
                    found = self._add_node(model, part, parent_id)
                except (IntegrityError, ArchiveError):
                    # Another clerk made it at the same moment (the server's unique index kept it one): use theirs.
                    found = self._child(model, part, parent_id)
                    if found is None:
                        raise
            parent_id = found
        if parent_id is None:
            raise ArchiveError("đường dẫn rỗng (empty path)")
        return parent_id

    def _child(self, model, name: str, parent_id: int | None) -> int | None:
        with self.ctx.session() as s:
            query = select(model.id).where(model.name == name)
            return s.scalar(query.where(model.parent_id.is_(None) if parent_id is None else model.parent_id == parent_id))

    def unit_tree(self, *, counted: bool = True) -> list[v.TreeNode]:
        """The unit tree; ``counted=False`` leaves the counts out (None), which on a large
        archive take seconds: the window shows the names at once and the counts later."""
        return self._tree(m.Unit, m.article_units, "unit_id", counted)

    def topic_tree(self, *, counted: bool = True) -> list[v.TreeNode]:
        return self._tree(m.Topic, m.article_topics, "topic_id", counted)

    def _tree(self, model, table, column: str, counted: bool) -> list[v.TreeNode]:
        with self.ctx.session() as s:
            nodes = s.scalars(select(model).order_by(model.name)).all()
            tagged: dict[int, set[int]] = {}
            if counted:
                for node_id, article_id in s.execute(
                    select(table.c[column], table.c.article_id)
                    .join(m.Article, m.Article.id == table.c.article_id)
                    .where(m.Article.trashed_at.is_(None))
                ):
                    tagged.setdefault(node_id, set()).add(article_id)
            successors: dict[int, list[int]] = {}
            lineage_counts: dict[int, int] = {}
            if model is m.Unit:
                graph = unit_lineage.load(s)
                for link in sorted(graph.links, key=lambda link: link.id):
                    successors.setdefault(link.predecessor, []).append(link.successor)
                if counted:
                    lineage_counts = graph.counts(tagged)
        children: dict[int | None, list] = {}
        for node in nodes:
            children.setdefault(node.parent_id, []).append(node)

        def build(node) -> tuple[v.TreeNode, set[int]]:
            """The node and the articles tagged with it or anything below it (what its filter shows)."""
            built = [build(c) for c in children.get(node.id, [])]
            articles = set(tagged.get(node.id, ()))
            for _, below in built:
                articles |= below
            return v.TreeNode(
                id=node.id,
                name=node.name,
                kind=getattr(node, "kind", None),
                founded=getattr(node, "founded", None),
                dissolved=getattr(node, "dissolved", None),
                successor_ids=tuple(successors.get(node.id, ())),
                count=len(articles) if counted else None,
                children=tuple(child for child, _ in built),
                with_predecessors=lineage_counts.get(node.id),
            ), articles

        return [build(n)[0] for n in children.get(None, [])]

    @writes
    def tag(self, article_ids: Iterable[int], *, unit_ids: Iterable[int] = (), topic_ids: Iterable[int] = (),
            base: int | None = None) -> None:
        """Add these tags; ``base``: refused (EditConflict) when the one article moved past that version."""
        self._retag(article_ids, unit_ids, topic_ids, add=True, base=base)

    @writes
    def untag(self, article_ids: Iterable[int], *, unit_ids: Iterable[int] = (), topic_ids: Iterable[int] = (),
              base: int | None = None) -> None:
        self._retag(article_ids, unit_ids, topic_ids, add=False, base=base)

    def _retag(self, article_ids, unit_ids, topic_ids, *, add: bool, base: int | None = None) -> None:
        article_ids, unit_ids, topic_ids = list(article_ids), list(unit_ids), list(topic_ids)
        if base is not None and len(article_ids) != 1:
            raise ArchiveError("chỉ kiểm tra phiên bản khi sửa một bài (a base version needs one article)")
        try:
            with self.ctx.session() as s:
                units = [node_or_refuse(s, m.Unit, i) for i in unit_ids]
                topics = [node_or_refuse(s, m.Topic, i) for i in topic_ids]
                for article_id in article_ids:
                    article = get_article(s, article_id)
                    steps = [(collection, item, add)
                             for collection, items in ((article.units, units), (article.topics, topics))
                             for item in items if (item in collection) != add]
                    retag(self.ctx, s, article, steps, base)
                queue(s, article_ids)
        except versions.Stale as stale:
            raise refusals.report(self.ctx, stale) from None
        self.ctx.on_change()


    # ----------------------------------------------------------------- listing


def node_or_refuse(s: Session, model, node_id: int):
    """The unit or topic with this id, or NotFound naming which."""
    node = s.get(model, node_id)
    if node is None:
        what = "đơn vị" if model is m.Unit else "chủ đề"
        raise NotFound(f"không có {what} số {node_id}")
    return node


def retag(ctx, s: Session, article: m.Article, steps, base: int | None) -> int | None:
    """Add (True) or remove (False) each (collection, node) of ``steps`` on ``article``,
    recorded and under a new version, which is returned; nothing (not even the
    version) moves when ``steps`` is empty."""
    if not steps:
        return None
    version = versions.claim(s, article, base, ctx.own_versions)
    for collection, node, add in steps:
        if add:
            collection.append(node)
            ctx.record(s, article.id, "tag", new=node.name, version=version)
        else:
            collection.remove(node)
            ctx.record(s, article.id, "untag", old=node.name, version=version)
    return version
