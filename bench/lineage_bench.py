"""Time what a search naming a unit adds: reading the unit tree and its links, finding the
unit by its folded name, and widening it through lineage; and planning and applying a
province's reorganisation table the size of Nghệ An's (20 districts, 412 communes).

    python -m bench.lineage_bench                  # 34 provinces, 10 districts, 12 communes each
    python -m bench.lineage_bench --districts 3    # smaller

The tree is shaped like the 2025 reorganisation: every district dissolved into
four new communes, every old commune merged into one of them.  Articles are
not needed: the index does the rest with the ids this produces.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from db import models as m
from desktop.core.archive import Archive
from desktop.core.views import ReorganisationStep

JULY = dt.date(2025, 7, 1)


def build(archive: Archive, provinces: int, districts: int, communes: int) -> None:
    units, links = [], []
    next_id = 1

    def unit(name, parent, dissolved=None, founded=None):
        nonlocal next_id
        units.append(dict(id=next_id, name=name, parent_id=parent, dissolved=dissolved, founded=founded))
        next_id += 1
        return next_id - 1

    for p in range(provinces):
        province = unit(f"Tỉnh ủy Số {p}", None)
        for d in range(districts):
            district = unit(f"Huyện ủy Cầu Ngang {p}-{d}", province, JULY)
            new = [unit(f"Đảng ủy xã Mới {p}-{d}-{k}", province, founded=JULY) for k in range(4)]
            links += [dict(predecessor_id=district, successor_id=n, date=JULY, kind="split") for n in new]
            for c in range(communes):
                old = unit(f"Đảng ủy xã Cũ {p}-{d}-{c}", district, JULY)
                links.append(dict(predecessor_id=old, successor_id=new[c % 4], date=JULY, kind="merge"))
    with archive.session() as s:
        s.execute(insert(m.Unit), units)
        s.execute(insert(m.UnitLink), links)
    print(f"{len(units)} units, {len(links)} links")


def nghe_an(archive: Archive, districts: int = 20, communes: int = 21) -> list[ReorganisationStep]:
    """A province with its districts and communes, and the table that merges them into
    about a third as many new communes (Nghệ An: 20 districts, 412 communes → 130)."""
    province = archive.add_unit("Tỉnh ủy Nghệ An")
    steps = []
    for d in range(districts):
        district = archive.add_unit(f"Huyện ủy {d}", province)
        for c in range(communes):
            archive.add_unit(f"Đảng ủy xã {d}-{c}", district)
            steps.append(ReorganisationStep(f"Tỉnh ủy Nghệ An/Huyện ủy {d}/Đảng ủy xã {d}-{c}",
                                            f"Tỉnh ủy Nghệ An/Đảng ủy xã mới {d}-{c // 3}", JULY, "merge"))
        steps.append(ReorganisationStep(f"Tỉnh ủy Nghệ An/Huyện ủy {d}", f"Tỉnh ủy Nghệ An/Đảng ủy xã mới {d}-0",
                                        JULY, "merge"))
    return steps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--communes", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Archive.open(Path(folder) / "kho") as archive:
        build(archive, args.provinces, args.districts, args.communes)
        timings = {"load": 0.0, "find": 0.0, "scope": 0.0}
        for _ in range(args.repeat):
            start = time.perf_counter()
            graph = archive.lineage()
            loaded = time.perf_counter()
            found = graph.find("dang uy xa moi 5-3-2")
            named = time.perf_counter()
            scope = graph.scope(found)
            done = time.perf_counter()
            timings["load"] += loaded - start
            timings["find"] += named - loaded
            timings["scope"] += done - named
        print(f"unit found: {len(found)}, its scope: {len(scope.units)} units, {len(scope.predecessors)} predecessors")
        for key, total in timings.items():
            print(f"{key:>6}: {total / args.repeat * 1000:.1f} ms")
        steps = nghe_an(archive)
        start = time.perf_counter()
        plan = archive.plan_reorganisation(steps)
        planned = time.perf_counter()
        archive.apply_reorganisation(plan, "nghe-an.csv")
        applied = time.perf_counter()
        print(f"table of {len(steps)} rows: {len(plan.create)} units to create, {len(plan.links)} links; "
              f"plan {(planned - start) * 1000:.0f} ms, apply {(applied - planned) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
