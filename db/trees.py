"""Walk a parent-linked tree (units, topics) read with one select.

Paths for display, ancestors for the index (a Tỉnh ủy finds its Thị ủy's
work) and descendants for filters are the same walk over the same rows;
this is the one place it is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Tree:
    def __init__(self, rows: Iterable[tuple[int, int | None, str]]):
        self.parent: dict[int, int | None] = {}
        self.name: dict[int, str] = {}
        self.children: dict[int, list[int]] = {}
        for node_id, parent_id, name in rows:
            self.parent[node_id] = parent_id
            self.name[node_id] = name
            if parent_id is not None:
                self.children.setdefault(parent_id, []).append(node_id)

    @classmethod
    def load(cls, s: Session, model) -> Tree:
        from sqlalchemy import select  # here: the walk itself serves sqlite3 rows too (store/sqlite_trees.py)

        return cls(s.execute(select(model.id, model.parent_id, model.name)).all())

    def ancestors(self, node_id: int) -> list[int]:
        """The node and every node above it, nearest first (a damaged, cyclic tree ends the walk)."""
        chain: list[int] = []
        current: int | None = node_id
        while current is not None and current not in chain and current in self.parent:
            chain.append(current)
            current = self.parent[current]
        return chain

    def descendants(self, ids: Iterable[int]) -> set[int]:
        """The given nodes and every node below them."""
        found: set[int] = set()
        stack = list(ids)
        while stack:
            node = stack.pop()
            if node not in found:
                found.add(node)
                stack.extend(self.children.get(node, ()))
        return found

    def path(self, node_id: int, separator: str = " › ") -> str:
        return separator.join(self.name[i] for i in reversed(self.ancestors(node_id)))

    def paths(self) -> dict[int, str]:
        return {node_id: self.path(node_id) for node_id in self.name}
