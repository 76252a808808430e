"""Units, topics and unit links read with Python's ``sqlite3``: :mod:`trees` and :mod:`lineage` without SQLAlchemy.

A command line search on a folder archive (desktop/core/quick_search.py) finds
``--unit``/``--topic`` paths, follows ``unit:"…"`` through the lineage and
prints unit paths, and must not load SQLAlchemy to do it (docs/startup.md).
These are the same selects; the graph is the same
:class:`~desktop.core.store.lineage.Lineage`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.core.store.lineage import Lineage, Link, UnitInfo, split_path

TABLES = {"unit": "units", "topic": "topics"}


def _date(value: str | None) -> dt.date | None:
    """A ``Date`` column as SQLAlchemy stores it in SQLite ("2025-07-01")."""
    return dt.date.fromisoformat(value) if value is not None else None


def load_lineage(db: sqlite3.Connection) -> Lineage:
    """As :func:`lineage.load`."""
    units = [UnitInfo(unit_id, name, parent_id, kind, _date(founded), _date(dissolved))
             for unit_id, name, parent_id, kind, founded, dissolved in db.execute(
                 "SELECT units.id, units.name, units.parent_id, units.kind, units.founded, units.dissolved FROM units")]
    links = [Link(link_id, predecessor, successor, _date(date), kind)
             for link_id, predecessor, successor, date, kind in db.execute(
                 "SELECT unit_links.id, unit_links.predecessor_id, unit_links.successor_id, unit_links.date, "
                 "unit_links.kind FROM unit_links")]
    return Lineage(units, links)


def find_path(db: sqlite3.Connection, kind: str, path: str) -> int | None:
    """As :meth:`Trees.find_path` without ``create``: the unit's or topic's id, or None when a
    part names nothing (or the path is empty), whose message the full archive words."""
    table = TABLES[kind]
    node: int | None = None
    parts = split_path(path)
    for part in parts:
        where = f"{table}.parent_id IS NULL" if node is None else f"{table}.parent_id = ?"
        row = db.execute(f"SELECT {table}.id FROM {table} WHERE {table}.name = ? AND {where}",
                         (part,) if node is None else (part, node)).fetchone()
        if row is None:
            return None
        node = row[0]
    return node
