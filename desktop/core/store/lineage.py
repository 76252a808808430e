"""Units through reorganisations: where a unit's work came from, where it went, and when.

From 1 July 2025 district committees ended and communes merged; an archive
keeps years of articles tagged with units that no longer exist.  A
``unit_links`` row says one unit's work passed to another on a date: a merge
is several links into one unit, a split several out of one.  Articles keep
the unit they were tagged with; choosing a unit reaches its predecessors'
articles through :meth:`Lineage.scope`, worked out when asked, so a change of
lineage never needs the search index rebuilt.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.trees import Tree
from desktop.core.errors import ArchiveError, NotFound
from desktop.text import fold, nfc

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

KINDS = ("merge", "split", "rename")
_WORDS = re.compile(r"\w+")
KIND_NAMES = {"merge": "sáp nhập", "split": "chia tách", "rename": "đổi tên"}


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    parent_id: int | None
    kind: str | None
    founded: dt.date | None
    dissolved: dt.date | None


@dataclass(frozen=True)
class Link:
    id: int
    predecessor: int
    successor: int
    date: dt.date | None
    kind: str


@dataclass(frozen=True)
class Scope:
    """The units whose articles a choice of units stands for.

    ``chosen`` is the chosen units and everything below them; ``inherited``
    the predecessors' units outside it; ``predecessors`` the linked units
    among those, nearest first (what "kèm 3 đơn vị tiền thân" counts).
    """

    chosen: frozenset[int]
    inherited: frozenset[int]
    predecessors: tuple[int, ...]

    @property
    def units(self) -> frozenset[int]:
        return self.chosen | self.inherited


class Lineage:
    """The unit tree and its links, read once, answering lineage questions without the database."""

    def __init__(self, units: Iterable[UnitInfo], links: Iterable[Link]):
        self.units = {u.id: u for u in units}
        self.links = sorted(links, key=lambda link: (link.date or dt.date.min, link.id))
        self.tree = Tree((u.id, u.parent_id, u.name) for u in self.units.values())
        self._children = self.tree.children
        self._named = {(u.parent_id, u.name): u.id for u in self.units.values()}
        self._folded: dict[int, list[str]] | None = None  # each unit's name as folded words, for find()
        self._before: dict[int, list[Link]] = {}
        self._after: dict[int, list[Link]] = {}
        for link in self.links:
            self._before.setdefault(link.successor, []).append(link)
            self._after.setdefault(link.predecessor, []).append(link)

    def extend(self, units: Iterable[UnitInfo] = (), links: Iterable[Link] = ()) -> None:
        """Add units and links in place: a plan tries a table's rows one after another."""
        for unit in units:
            self.units[unit.id] = unit
            self._named[(unit.parent_id, unit.name)] = unit.id
            self.tree.parent[unit.id] = unit.parent_id
            self.tree.name[unit.id] = unit.name
            if unit.parent_id is not None:
                self._children.setdefault(unit.parent_id, []).append(unit.id)
        for link in links:
            self.links.append(link)
            self._before.setdefault(link.successor, []).append(link)
            self._after.setdefault(link.predecessor, []).append(link)
        self._folded = None

    # -------------------------------------------------------------- walking

    def links_out_of(self, unit_id: int) -> list[Link]:
        return list(self._after.get(unit_id, ()))

    def predecessors(self, unit_id: int) -> list[int]:
        """Every unit whose work reached this one, nearest first."""
        return self._walk(unit_id, self._before, lambda link: link.predecessor)

    def successors(self, unit_id: int) -> list[int]:
        """Every unit this one's work went to, nearest first."""
        return self._walk(unit_id, self._after, lambda link: link.successor)

    @staticmethod
    def _walk(start: int, edges: dict[int, list[Link]], other) -> list[int]:
        seen, order, frontier = {start}, [], [start]
        while frontier:
            following = []
            for node in frontier:
                for link in edges.get(node, ()):
                    nxt = other(link)
                    if nxt not in seen:
                        seen.add(nxt)
                        order.append(nxt)
                        following.append(nxt)
            frontier = following
        return order

    def current_successors(self, unit_id: int) -> list[int]:
        """The units still existing that this one's work ended up in (the ends of its chains)."""
        return [u for u in self.successors(unit_id) if self.units[u].dissolved is None and not self._after.get(u)]

    def descendants(self, unit_ids: Iterable[int]) -> set[int]:
        """The given units and all units below them in the tree."""
        return self.tree.descendants(unit_ids)

    def scope(self, unit_ids: Iterable[int], *, lineage: bool = True) -> Scope:
        """What choosing these units covers: them, their sub-units and (with ``lineage``)
        their predecessors, each with the sub-units that went with it (those with no
        successor of their own; one that has is followed through its own links)."""
        chosen = frozenset(self.descendants(unit_ids))
        if not lineage:
            return Scope(chosen, frozenset(), ())
        inherited: set[int] = set()
        named: list[int] = []
        frontier = sorted(chosen)
        while frontier:
            following: list[int] = []
            for unit in frontier:
                for link in self._before.get(unit, ()):
                    pred = link.predecessor
                    if pred in chosen or pred in inherited:
                        continue
                    named.append(pred)
                    for went in self._went_with(pred, chosen):
                        if went not in inherited:
                            inherited.add(went)
                            following.append(went)
            frontier = following
        return Scope(chosen, frozenset(inherited), tuple(named))

    def _went_with(self, unit_id: int, chosen: frozenset[int]) -> list[int]:
        out, stack = [], [unit_id]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(c for c in self._children.get(node, ()) if c not in chosen and not self._after.get(c))
        return out

    def counts(self, tagged: dict[int, set[int]]) -> dict[int, int]:
        """For each unit with predecessors, how many articles choosing it shows with
        them (``tagged``: unit id → ids of the live articles tagged with it)."""
        out = {}
        for unit in {link.successor for link in self.links}:
            articles: set[int] = set()
            for member in self.scope([unit]).units:
                articles |= tagged.get(member, set())
            out[unit] = len(articles)
        return out

    # ---------------------------------------------------------------- names

    def path(self, unit_id: int) -> str:
        return self.tree.path(unit_id)

    def by_path(self, path: str) -> int | None:
        """The unit at "Tỉnh ủy Trà Vinh/Huyện ủy Cầu Ngang" (or "… › …"), if there is one."""
        node: int | None = None
        parts = split_path(path)
        for part in parts:
            node = self._named.get((node, part))
            if node is None:
                return None
        return node if parts else None

    def find(self, text: str) -> list[int]:
        """Units whose name holds the words of ``text`` in order, folded as search folds
        them: "cau ngang" finds "Huyện ủy Cầu Ngang" and "Đảng ủy xã Cầu Ngang"."""
        wanted = _WORDS.findall(fold(text))
        if not wanted:
            return []
        if self._folded is None:  # every name folded in one call: thousands of short calls cost more
            ids = list(self.units)
            names = fold("\n".join(self.units[i].name.replace("\n", " ") for i in ids)).split("\n")
            self._folded = {i: _WORDS.findall(name) for i, name in zip(ids, names)}
        found = []
        for unit_id, have in self._folded.items():
            if any(have[i : i + len(wanted)] == wanted for i in range(len(have) - len(wanted) + 1)):
                found.append(unit_id)
        return sorted(found)

    def names_at(self, unit_id: int, day: dt.date | None) -> list[int]:
        """The units that held this unit's work on ``day``: itself, or, before it was
        founded, the predecessors that held it then (a unit that absorbed others and
        carried on has no founding date from the merge, so it keeps its own name)."""
        if day is None:
            return [unit_id]
        held, stack, seen = [], [unit_id], set()
        while stack:
            node = stack.pop(0)
            if node in seen:
                continue
            seen.add(node)
            founded = self.units[node].founded
            before = self._before.get(node, ())
            if before and founded is not None and day < founded:
                stack.extend(link.predecessor for link in before)
            else:
                held.append(node)
        return held

    def label_at(self, unit_id: int, day: dt.date | None) -> str:
        """The unit's name as it was on ``day``: "Huyện ủy Cầu Ngang (nay: Đảng ủy xã Cầu Ngang)"."""
        held = self.names_at(unit_id, day)
        name = self.units[unit_id].name
        if held == [unit_id]:
            return name
        return f"{', '.join(self.units[u].name for u in held)} (nay: {name})"

    def lineage_line(self, unit_id: int) -> str | None:
        """One line naming the unit's predecessors and when each ended, for a compilation's cover."""
        preds = self.scope([unit_id]).predecessors
        if not preds:
            return None
        parts = []
        for pred in preds:
            unit = self.units[pred]
            parts.append(f"{unit.name} (đến {unit.dissolved:%d/%m/%Y})" if unit.dissolved else unit.name)
        return f"{self.units[unit_id].name}, gồm cả đơn vị tiền thân: {'; '.join(parts)}"

    def dissolved_before(self, unit_id: int, day: dt.date | None) -> list[int] | None:
        """When an article of ``day`` is tagged with a unit that had ended by then: the
        units to suggest instead (its current successors); else None (so for an undated article)."""
        unit = self.units.get(unit_id)
        if unit is None or unit.dissolved is None or day is None:
            return None
        if day < unit.dissolved:
            return None
        return self.current_successors(unit_id)

    def would_cycle(self, predecessor: int, successor: int) -> bool:
        return predecessor == successor or predecessor in self.successors(successor)


def split_path(path: str) -> list[str]:
    """The names along a unit path, NFC, with "/" or "›" between them."""
    return [p.strip() for p in nfc(path).replace("›", "/").split("/") if p.strip()]


# ----------------------------------------------------------------- database
# SQLAlchemy is imported by the functions that use it: the graph above is also built from
# plain sqlite3 rows by a command line search (store/sqlite_trees.py), which must not load it.


def load(s: Session) -> Lineage:
    from sqlalchemy import select

    from db import models as m

    units = [UnitInfo(*row) for row in s.execute(
        select(m.Unit.id, m.Unit.name, m.Unit.parent_id, m.Unit.kind, m.Unit.founded, m.Unit.dissolved)
    )]
    links = [Link(*row) for row in s.execute(
        select(m.UnitLink.id, m.UnitLink.predecessor_id, m.UnitLink.successor_id, m.UnitLink.date, m.UnitLink.kind)
    )]
    return Lineage(units, links)


def add_links(
    s: Session,
    pairs: Sequence[tuple[int, int]],
    date: dt.date | None,
    kind: str,
    *,
    reorganisation_id: int | None = None,
) -> list[int]:
    """Link each (predecessor, successor) pair; refuses a link that would close a cycle
    (A → B → A) or repeat one that exists.  Returns the new links' ids."""
    from db import models as m

    if kind not in KINDS:
        raise ArchiveError(f"không hiểu hình thức '{kind}' (use {', '.join(KINDS)})")
    graph = load(s)
    made: list[m.UnitLink] = []
    for pred, succ in pairs:
        for unit in (pred, succ):
            if unit not in graph.units:
                raise NotFound(f"không có đơn vị số {unit}")
        names = f"'{graph.units[pred].name}' → '{graph.units[succ].name}'"
        if graph.would_cycle(pred, succ):
            raise ArchiveError(f"{names} tạo thành vòng lặp (cycle: a unit cannot succeed itself)")
        if any(link.successor == succ for link in graph.links_out_of(pred)):
            raise ArchiveError(f"{names} đã có (link exists)")
        link = m.UnitLink(predecessor_id=pred, successor_id=succ, date=date, kind=kind,
                          reorganisation_id=reorganisation_id)
        s.add(link)
        s.flush()
        made.append(link)
        graph.extend(links=[Link(link.id, pred, succ, date, kind)])
    return [link.id for link in made]
