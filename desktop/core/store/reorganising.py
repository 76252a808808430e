"""A reorganisation as a plan: what will be created, linked and dissolved, shown before it is done.

Provincial guidance arrives as a table of rows "old unit, new unit, date,
kind".  :func:`plan` reads the rows against the unit tree and says what
applying them would do, with any problem by row; :func:`apply` does it in
the caller's transaction and records what it did, so :func:`undo` can take
it back (the latest one, while nothing has been tagged with what it made).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db import models as m
from desktop.core.errors import ArchiveError, NotFound
from desktop.core.store import lineage as lin
from desktop.core.views import ReorganisationStep as Step


@dataclass
class Plan:
    steps: list[Step]
    create: list[str] = field(default_factory=list)  # paths, parents before children
    links: list[tuple[str, str, dt.date, str]] = field(default_factory=list)  # old path, new path, date, kind
    dissolve: list[tuple[str, dt.date]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.links)

    def describe(self) -> list[str]:
        """The plan in lines a clerk can check before applying it."""
        lines = [f"Tạo đơn vị: {path}" for path in self.create]
        lines += [f"Liên kết ({lin.KIND_NAMES[kind]}, {date:%d/%m/%Y}): {old} → {new}"
                  for old, new, date, kind in self.links]
        lines += [f"Giải thể từ {date:%d/%m/%Y}: {path}" for path, date in self.dissolve]
        return lines


def _display(path: str) -> str:
    return " › ".join(lin.split_path(path))


def plan(graph: lin.Lineage, steps: list[Step]) -> Plan:
    """What applying ``steps`` would do to the tree in ``graph``, and what stops it."""
    result = Plan(steps)
    continuing = {_display(s.new) for s in steps}  # an old unit also named as new carries on
    current = lin.Lineage(graph.units.values(), graph.links)  # grows with the rows tried so far
    planned: dict[str, int] = {}  # paths to create → stand-in ids (negative)

    def unit_id(path: str) -> int:
        names = lin.split_path(path)
        parent: int | None = None
        for depth in range(1, len(names) + 1):
            prefix = " › ".join(names[:depth])
            found = current.by_path(prefix)
            if found is None:
                found = planned[prefix] = -(len(planned) + 1)
                result.create.append(prefix)
                current.extend(units=[lin.UnitInfo(found, names[depth - 1], parent, None, None, None)])
            parent = found
        return parent

    dissolved: set[str] = set()
    for step in steps:
        where = f"dòng {step.row}: " if step.row else ""
        old, new = _display(step.old), _display(step.new)
        if not old or not new:
            result.problems.append(f"{where}thiếu đơn vị cũ hoặc mới (old and new unit are required)")
            continue
        if old == new:
            continue  # the unit carries on as it was
        if step.kind not in lin.KINDS:
            result.problems.append(f"{where}không hiểu hình thức '{step.kind}'")
            continue
        old_id = current.by_path(old)  # a unit an earlier row creates may go on too
        if old_id is None:
            result.problems.append(f"{where}không có đơn vị '{old}' trong cây (no such unit)")
            continue
        new_id = unit_id(new)
        if current.would_cycle(old_id, new_id):
            result.problems.append(f"{where}'{old}' → '{new}' tạo thành vòng lặp (cycle)")
            continue
        if any(link.successor == new_id for link in current.links_out_of(old_id)):
            result.problems.append(f"{where}'{old}' → '{new}' đã có (link exists)")
            continue
        current.extend(links=[lin.Link(-len(result.links) - 1, old_id, new_id, step.date, step.kind)])
        result.links.append((old, new, step.date, step.kind))
        if old not in continuing and old not in dissolved:
            dissolved.add(old)
            result.dissolve.append((old, step.date))
    if not result.links and not result.problems:
        result.problems.append("bảng không có thay đổi nào (nothing to do)")
    return result


def apply(s: Session, planned: Plan, *, who: str, source: str) -> int:
    """Do the plan in the session's transaction; returns the record that :func:`undo` takes."""
    if not planned.ok:
        raise ArchiveError("; ".join(planned.problems) or "không có gì để làm (nothing to do)")
    record = m.Reorganisation(who=who, source=source[:500], undo="{}")
    s.add(record)
    s.flush()
    graph = lin.load(s)
    founded = {_display(step.new): step for step in planned.steps}
    made: dict[str, int] = {}
    for path in planned.create:  # parents come before their children
        names = lin.split_path(path)
        parent_path = " › ".join(names[:-1])
        parent = (made.get(parent_path) or graph.by_path(parent_path)) if len(names) > 1 else None
        step = founded.get(path)
        unit = m.Unit(name=names[-1], parent_id=parent, founded=step.date if step else None,
                      kind=step.unit_kind if step else None)
        s.add(unit)
        s.flush()
        made[path] = unit.id

    def unit_of(path: str) -> int:
        return made.get(path) or graph.by_path(path)

    previous: dict[str, str | None] = {}
    for path, date in planned.dissolve:
        unit = s.get(m.Unit, unit_of(path))
        previous[str(unit.id)] = unit.dissolved.isoformat() if unit.dissolved else None
        unit.dissolved = date
    pairs_by_event: dict[tuple, list[tuple[int, int]]] = {}
    for old, new, date, kind in planned.links:
        pairs_by_event.setdefault((date, kind), []).append((unit_of(old), unit_of(new)))
    link_ids: list[int] = []
    for (date, kind), pairs in pairs_by_event.items():
        link_ids += lin.add_links(s, pairs, date, kind, reorganisation_id=record.id)
    record.undo = json.dumps({"created": list(made.values()), "dissolved": previous, "links": link_ids})
    return record.id


@dataclass(frozen=True)
class ReorganisationView:
    id: int
    at: dt.datetime
    who: str
    source: str
    undone: bool
    links: int


def history(s: Session) -> list[ReorganisationView]:
    """Applied reorganisations, newest first."""
    out = []
    for r in s.scalars(select(m.Reorganisation).order_by(m.Reorganisation.id.desc())):
        out.append(ReorganisationView(r.id, r.at, r.who, r.source, r.undone_at is not None,
                                      len(json.loads(r.undo).get("links", []))))
    return out


def undo(s: Session, record_id: int | None = None) -> ReorganisationView:
    """Take back the latest reorganisation still in force (only it: a later one may build on it)."""
    latest = s.scalar(select(m.Reorganisation).where(m.Reorganisation.undone_at.is_(None))
                      .order_by(m.Reorganisation.id.desc()).limit(1))
    if latest is None:
        raise NotFound("không có lần sắp xếp nào để hoàn tác (nothing to undo)")
    if record_id is not None and record_id != latest.id:
        raise ArchiveError(f"chỉ hoàn tác được lần mới nhất (#{latest.id}) (only the latest can be undone)")
    done = json.loads(latest.undo)
    created = done.get("created", [])
    if created:
        tagged = s.scalar(select(func.count()).select_from(m.article_units)
                          .where(m.article_units.c.unit_id.in_(created)))
        if tagged:
            raise ArchiveError(f"đã có {tagged} bài gắn với đơn vị mới tạo; hãy bỏ gắn trước (tagged since)")
        foreign_children = s.scalar(select(func.count()).select_from(m.Unit)
                                    .where(m.Unit.parent_id.in_(created), m.Unit.id.not_in(created)))
        if foreign_children:
            raise ArchiveError("đơn vị mới tạo đã có đơn vị con khác (units added under them since)")
    s.execute(delete(m.UnitLink).where(m.UnitLink.id.in_(done.get("links", []))))
    for unit_id, before in done.get("dissolved", {}).items():
        unit = s.get(m.Unit, int(unit_id))
        if unit is not None:
            unit.dissolved = dt.date.fromisoformat(before) if before else None
    for unit_id in reversed(created):  # children were created after their parents
        s.execute(delete(m.UnitLink).where((m.UnitLink.predecessor_id == unit_id) | (m.UnitLink.successor_id == unit_id)))
        s.execute(delete(m.Unit).where(m.Unit.id == unit_id))
    latest.undone_at = m.utcnow()
    return ReorganisationView(latest.id, latest.at, latest.who, latest.source, True, len(done.get("links", [])))
