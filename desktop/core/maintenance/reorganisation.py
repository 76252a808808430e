"""A reorganisation table (CSV/XLSX) read and planned against the archive, ready to preview.

The table reader (ingest/reorganisation_table.py) knows files; the plan
(store/reorganising.py) knows the unit tree; this joins them for the CLI and
the window, which show the plan and apply it only when asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.archive import Archive
from desktop.core.ingest.reorganisation_table import read_table
from desktop.core.store.reorganising import Plan


@dataclass
class TablePlan:
    name: str  # the table's file name, recorded with the reorganisation
    plan: Plan
    problems: list[str]  # rows that could not be read, and rows the plan refuses

    @property
    def ok(self) -> bool:
        return not self.problems and self.plan.ok


def plan_table(archive: Archive, path: Path) -> TablePlan:
    steps, unreadable = read_table(Path(path))
    plan = archive.plan_reorganisation(steps)
    return TablePlan(Path(path).name, plan, unreadable + plan.problems)


def apply_table(archive: Archive, planned: TablePlan) -> int:
    return archive.apply_reorganisation(planned.plan, planned.name)
