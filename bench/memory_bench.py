"""Memory benchmark: a searching process's RSS, LuuTru next to SQLite FTS5.

    python -m bench.search_bench --sizes 30000 --workdir build-bench   # builds (once) what this reads
    python -m bench.memory_bench --workdir build-bench --size 30000
    python -m bench.memory_bench --workdir build-bench --size 30000 --searches 200 --limit 50
    python -m bench.memory_bench --workdir build-bench --size 30000 --window   # the window's process (offscreen)

Each engine runs in a fresh process (``spawn``) that opens the stores
``search_bench --workdir`` left, then makes the same mixed searches the
search bench times (one word, folded title words, phrases, document numbers,
a word and a year within a unit), in turn, as the window makes them (a page
of ``SEARCH_LIMIT`` hits with snippets, no facets).  Printed for each: the
resident set (``VmRSS``) after opening, after the first search and after the
last, the peak (``VmHWM``), and how much of the resident set is anonymous
memory (what the process itself holds) rather than mapped index files the OS
can drop.  The FTS5 process runs the search bench's ``MATCH`` query with the
same limit and reads the hits' text, as a window showing snippets would.
Also timed, wall and CPU (user + system of the process): opening the stores
(for ``--window``: the window shown, its list filled) and the first search,
the issue's "open + first query" and "window shown".
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sqlite3
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.fts import fts_query

SEARCH_LIMIT = 1000  # the window's page (desktop/ui/main_window.py)


def memory() -> dict[str, float]:
    """This process's resident set, its peak and its anonymous part, in MB (Linux)."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            found[key] = int(value.split()[0]) / 1024
    return found


class Laps:
    """Wall and CPU milliseconds of each step, from the end of the one before."""

    def __init__(self):
        self.times: dict[str, tuple[float, float]] = {}
        self._last = (time.perf_counter(), time.process_time())

    def lap(self, step: str) -> None:
        now = (time.perf_counter(), time.process_time())
        self.times[step] = ((now[0] - self._last[0]) * 1000, (now[1] - self._last[1]) * 1000)
        self._last = (time.perf_counter(), time.process_time())


def mixed(queries: dict[str, list], count: int) -> list[tuple[str, dict]]:
    """``count`` queries, the kinds taken in turn."""
    kinds = list(queries)
    return [queries[kinds[i % len(kinds)]][i // len(kinds) % len(queries[kinds[0]])] for i in range(count)]


def luutru_process(root: Path, queries: list[tuple[str, dict]], unit_ids: dict, limit: int, trace: int) -> dict:
    from desktop.core.archive import Archive

    if trace:
        tracemalloc.start(8)
    marks = {"imported": memory()}
    laps = Laps()
    archive = Archive.open(root, readonly=True)
    laps.lap("open")
    marks["opened"] = memory()
    for n, (text, extra) in enumerate(queries):
        units = [unit_ids[extra["unit"]]] if "unit" in extra else ()
        archive.search(text, unit_ids=units, limit=limit, facets=False)
        if n == 0:
            laps.lap("first search")
            marks["after 1 search"] = memory()
    marks[f"after {len(queries)} searches"] = memory()
    if trace:
        top = tracemalloc.take_snapshot().statistics("traceback")[:trace]
        marks["held"] = [(stat.size / 1e6, stat.traceback.format()[-6:]) for stat in top]
    archive.close()
    marks["laps"] = laps.times
    return marks


def window_process(root: Path, queries: list[tuple[str, dict]], unit_ids: dict, limit: int, trace: int) -> dict:
    """The window's process: the main window shown (offscreen), the queries typed into its
    search box (unit filters left out: the sidebar is not clicked)."""
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.core.archive import Archive
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    marks = {"imported": memory()}
    laps = Laps()
    app = QApplication([])
    archive = Archive.open(root, readonly=True)
    laps.lap("open")
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(archive, Settings(QSettings(f"{folder}/s.ini", QSettings.Format.IniFormat)))
        window.show()
        app.processEvents()
        laps.lap("window shown")
        marks["opened"] = memory()
        shown = []
        window.list_shown.connect(lambda: shown.append(True))
        for n, (text, _extra) in enumerate(queries):
            shown.clear()
            window.search_box.setText(text)
            window.reload_list()  # the search runs off the GUI thread; the list changes when it answers
            while not shown:
                app.processEvents()
                time.sleep(0.002)
            if n == 0:
                laps.lap("first search")
                marks["after 1 search"] = memory()
        marks[f"after {len(queries)} searches"] = memory()
        window.close()
    archive.close()
    marks["laps"] = laps.times
    return marks


def fts_process(path: Path, queries: list[tuple[str, dict]], limit: int) -> dict:
    marks = {"imported": memory()}
    laps = Laps()
    db = sqlite3.connect(path)
    laps.lap("open")
    marks["opened"] = memory()
    for n, (text, extra) in enumerate(queries):
        words = [w for w in text.split() if not w.isdigit()]
        match = fts_query(" ".join(words)) if words else '""'
        sql, args = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 10.0, 1.0) LIMIT ?", (match, limit)
        if "unit" in extra:
            year = next((int(w) for w in text.split() if w.isdigit()), None)
            sql = ("SELECT fts.rowid FROM fts JOIN article a ON a.id = fts.rowid WHERE fts MATCH ? "
                   "AND a.unit = ? AND a.year = ? ORDER BY bm25(fts, 10.0, 1.0) LIMIT ?")
            args = (match, extra["unit"], year, limit)
        try:
            ids = [r[0] for r in db.execute(sql, args)]
        except sqlite3.OperationalError:
            ids = []
        for start in range(0, len(ids), 500):  # the hits' text, for their snippets
            chunk = ids[start : start + 500]
            db.execute(f"SELECT title, body FROM article WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        if n == 0:
            laps.lap("first search")
            marks["after 1 search"] = memory()
    marks[f"after {len(queries)} searches"] = memory()
    db.close()
    marks["laps"] = laps.times
    return marks


def in_fresh_process(fn, *args) -> dict:
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, required=True, help="what `search_bench --workdir` built")
    parser.add_argument("--size", type=int, default=30000)
    parser.add_argument("--corpus", default="RealisticCorpus")
    parser.add_argument("--searches", type=int, default=50)
    parser.add_argument("--limit", type=int, default=SEARCH_LIMIT, help="hits a search returns (the window's page)")
    parser.add_argument("--window", action="store_true", help="measure the main window's process (offscreen)")
    parser.add_argument("--trace", type=int, default=0, help="print the N largest allocations LuuTru's process holds")
    opts = parser.parse_args()
    meta = json.loads((opts.workdir / f"meta-{opts.size}-{opts.corpus}.json").read_text("utf-8"))
    meta["titles"] = {int(k): v for k, v in meta["titles"].items()}
    meta["units"] = {int(k): tuple(v) for k, v in meta["units"].items()}
    from bench.search_bench import make_queries  # loads LuuTru: not in the FTS5 process, which imports this module

    queries = mixed(make_queries(meta, random.Random(opts.size)), opts.searches)
    ours = in_fresh_process(window_process if opts.window else luutru_process, opts.workdir / f"luutru-{opts.size}", queries, meta["unit_ids"], opts.limit, opts.trace)
    held = ours.pop("held", [])
    our_laps = ours.pop("laps")
    theirs = in_fresh_process(fts_process, opts.workdir / f"fts-{opts.size}.sqlite", queries, opts.limit)
    their_laps = theirs.pop("laps")
    print(f"## {opts.size:,} articles, {opts.searches} mixed searches of {opts.limit} hits"
          f"{' in the main window' if opts.window else ''}; "
          f"load average {os.getloadavg()[0]:.1f}")
    print("| point | LuuTru RSS MB (anonymous) | FTS5 RSS MB (anonymous) |")
    print("|---|---:|---:|")
    for point in ours:
        a, b = ours[point], theirs[point]
        print(f"| {point} | {a['VmRSS']:.0f} ({a['RssAnon']:.0f}) | {b['VmRSS']:.0f} ({b['RssAnon']:.0f}) |")
    last = list(ours)[-1]
    print(f"| peak (VmHWM) | {ours[last]['VmHWM']:.0f} | {theirs[last]['VmHWM']:.0f} |")
    print("\n| step | LuuTru wall ms (CPU ms) | FTS5 wall ms (CPU ms) |")
    print("|---|---:|---:|")
    for step, (wall, cpu) in our_laps.items():
        fts = f"{their_laps[step][0]:.0f} ({their_laps[step][1]:.0f})" if step in their_laps else "—"
        print(f"| {step} | {wall:.0f} ({cpu:.0f}) | {fts} |")
    if "window shown" not in our_laps:  # the command line's figure: open the archive, answer one query
        ours_sum, theirs_sum = ([laps["open"][i] + laps["first search"][i] for i in (0, 1)] for laps in (our_laps, their_laps))
        print(f"| open + first search | {ours_sum[0]:.0f} ({ours_sum[1]:.0f}) | {theirs_sum[0]:.0f} ({theirs_sum[1]:.0f}) |")
    for size, lines in held:
        print(f"\n{size:.1f} MB held, allocated at:\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
