"""The archive's part for units through reorganisations: links, merges, splits, their undo.

The graph and its questions are in :mod:`lineage`; plans and their undo in
:mod:`reorganising`.  This part opens the sessions and records who did it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from desktop.core import views as v
from desktop.core.errors import ArchiveError
from desktop.core.store import lineage as unit_lineage
from desktop.core.store import reorganising
from desktop.core.store.context import Part, writes


class UnitLineages(Part):
    """Kept: the lineage last read, with the tree version it was read at.  A search naming a
    unit, the list, the sidebar and the lineage bar all ask for it; a province's few
    thousand units took a tenth of a second to read each time (bench/lineage_bench.py)."""

    def __init__(self, ctx):
        super().__init__(ctx)
        self._cached: tuple[int, unit_lineage.Lineage] | None = None

    def lineage(self) -> unit_lineage.Lineage:
        """Units with their merges and splits (not to be changed by the caller).  Only the
        writing process knows when they change, so a read-only archive reads them each time."""
        version = self.ctx.tree_version
        if self._cached is not None and self._cached[0] == version and not self.readonly:
            return self._cached[1]
        with self.ctx.session() as s:
            graph = unit_lineage.load(s)
        self._cached = (version, graph)
        return graph

    @writes
    def link_units(self, predecessor_id: int, successor_id: int, date: dt.date | None = None,
                   kind: str = "merge") -> None:
        with self.ctx.session() as s:
            unit_lineage.add_links(s, [(predecessor_id, successor_id)], date, kind)
        self.ctx.trees_changed()

    def plan_reorganisation(self, steps: Sequence[v.ReorganisationStep]) -> reorganising.Plan:
        return reorganising.plan(self.lineage(), list(steps))

    @writes
    def apply_reorganisation(self, plan: reorganising.Plan, source: str) -> int:
        """Apply a previewed plan in one transaction; returns the record :meth:`undo_reorganisation` takes."""
        with self.ctx.session() as s:
            record = reorganising.apply(s, plan, who=self.ctx.user, source=source)
        self.ctx.trees_changed()
        return record

    @writes
    def undo_reorganisation(self, record_id: int | None = None) -> reorganising.ReorganisationView:
        with self.ctx.session() as s:
            done = reorganising.undo(s, record_id)
        self.ctx.trees_changed()
        return done

    def reorganisations(self) -> list[reorganising.ReorganisationView]:
        with self.ctx.session() as s:
            return reorganising.history(s)

    @writes
    def merge_units(self, sources: Sequence[int], target: int | str, date: dt.date, kind: str = "merge") -> int:
        """Several units' work passes to ``target`` (an id, or a new unit's path) on ``date``; undoable."""
        graph = self.lineage()
        new = graph.path(target) if isinstance(target, int) else target
        return self._reorganise([v.ReorganisationStep(graph.path(u), new, date, kind) for u in sources], "merge")

    @writes
    def split_unit(self, source: int, targets: Sequence[int | str], date: dt.date) -> int:
        """One unit's work passes to several (ids, or new units' paths) on ``date``; undoable."""
        graph = self.lineage()
        steps = [v.ReorganisationStep(graph.path(source), graph.path(t) if isinstance(t, int) else t, date, "split")
                 for t in targets]
        return self._reorganise(steps, "split")

    def _reorganise(self, steps: list[v.ReorganisationStep], source: str) -> int:
        plan = self.plan_reorganisation(steps)
        if not plan.ok:
            raise ArchiveError("; ".join(plan.problems))
        return self.apply_reorganisation(plan, source)

    def unit_scope(self, unit_ids: Sequence[int], *, lineage: bool = True) -> unit_lineage.Scope:
        return self.lineage().scope(unit_ids, lineage=lineage)

    def dissolved_tags(self, unit_ids: Iterable[int], day: dt.date | None) -> dict[int, list[int]]:
        """Units among ``unit_ids`` that had ended by ``day`` (an article's date), each with
        the successors to suggest: the caller asks before tagging with them."""
        graph = self.lineage()
        found = {u: graph.dissolved_before(u, day) for u in unit_ids}
        return {u: successors for u, successors in found.items() if successors is not None}
