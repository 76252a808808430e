"""Units chosen for a search (``unit:"…"`` or a filter), widened through their lineage.

The index keeps, for each article, the ids of the units it is tagged with
(``unit_tag``) and of those and their parents (``unit_id``).  Merges and
splits are read from the database when a search names a unit, so a change
of lineage is seen at once, with no reindex: a unit's own articles and its
sub-units' come through ``unit_id``, its predecessors' through ``unit_tag``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from whoosh import query as Q


class UnitTerms:
    """Index terms for chosen units; remembers which predecessors it brought in.

    ``load`` returns the lineage graph (store/lineage.py ``Lineage``); it is
    called only if the search names a unit.
    """

    def __init__(self, load: Callable[[], object]):
        self._load = load
        self._graph = None
        self.predecessors: list[int] = []

    @property
    def graph(self):
        if self._graph is None:
            self._graph = self._load()
        return self._graph

    def named(self, value: str, lineage: bool) -> Q.Query | None:
        """The query for ``unit:value`` (None when no unit's name holds it)."""
        matched = self.graph.find(value)
        return self.chosen(matched, lineage) if matched else None

    def chosen(self, unit_ids: Sequence[int], lineage: bool) -> Q.Query:
        scope = self.graph.scope(unit_ids, lineage=lineage)
        self.predecessors += [p for p in scope.predecessors if p not in self.predecessors]
        terms = [Q.Term("unit_id", str(u)) for u in sorted(set(unit_ids))]
        terms += [Q.Term("unit_tag", str(u)) for u in sorted(scope.inherited)]
        return terms[0] if len(terms) == 1 else Q.Or(terms)
