"""How long the window's thread stalls while a clerk saves during an import whose index
commit sets off a tier merge (issue 18's target: ≤ 100 ms).

    python -m bench.stall_bench                 # 9 × 1,000 articles, then 1,000 more
    python -m bench.stall_bench --size 300      # a quicker run

An archive gets nine index segments of ``--size`` articles; the measured import adds a
tenth, whose commit merges all ten.  Meanwhile a clerk edits and saves an article every
``--every`` ms (with ``--search`` an official also searches once a second on a thread
of its own, timed apart: a search never waits for a merge), and a heartbeat timer on the GUI thread fires every 5 ms: the longest gap
between beats, until the import is stored and indexed, is the stall.  Two modes run in one process on
copies of the same archive:

* ``inline`` — as before issue 18: a save brings the index in step on the thread that
  saved (the window's), so it waits for the import's merge;
* ``background`` — the archive's index thread applies the queue and saves go through the
  task runner, as the window does now.

Prints one line per mode with the machine, for docs/architecture.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QThreadPool, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.corpus import Corpus  # noqa: E402
from desktop.core.archive import Archive  # noqa: E402
from desktop.core.store.storing import Incoming  # noqa: E402
from desktop.ui.tasks import Task, start  # noqa: E402

BEAT_MS = 5


def build_base(folder: Path, segments: int, size: int) -> None:
    corpus = Corpus(seed=7)
    with Archive.open(folder) as archive:
        for segment in range(segments):
            batch = [Incoming(corpus.article(segment * size + n)[0]) for n in range(size)]
            archive.add_drafts(batch)  # one index commit: one segment of ``size`` articles


def measure(folder: Path, mode: str, first: int, size: int, every_ms: int, with_search: bool) -> dict:
    app = QApplication.instance() or QApplication([])
    archive = Archive.open(folder)
    if mode == "background":
        archive.index_in_background()
    corpus = Corpus(seed=7)
    incoming = [Incoming(corpus.article(first + n)[0]) for n in range(size)]
    beats: list[float] = []
    saves: list[float] = []
    searches: list[float] = []
    done = threading.Event()

    def import_in_a_worker() -> None:
        archive.add_drafts(incoming)  # stores, then brings the index in step (inline) or wakes the thread
        archive.wait_for_index()  # the tenth segment's commit, and the merge, are done
        done.set()

    def official() -> None:
        while not done.wait(1.0):
            t = time.perf_counter()
            archive.search("xay dung dang", limit=50, facets=False)
            searches.append(time.perf_counter() - t)

    counter = iter(range(10**9))

    def save() -> None:
        n = next(counter)
        started = time.perf_counter()
        if mode == "background":
            start(Task(lambda _p, _c: archive.update_article(1, source_name=f"Báo Quảng Ninh {n}")))
        else:
            archive.update_article(1, source_name=f"Báo Quảng Ninh {n}")
        saves.append(time.perf_counter() - started)

    heartbeat, saver = QTimer(), QTimer()
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    saver.timeout.connect(save)
    heartbeat.start(BEAT_MS)
    saver.start(every_ms)
    started = time.perf_counter()
    workers = [threading.Thread(target=import_in_a_worker)] + ([threading.Thread(target=official)] if with_search else [])
    for worker in workers:
        worker.start()
    while not done.is_set() or time.perf_counter() - started < 2:
        app.processEvents()
        time.sleep(0.001)
    for timer in (heartbeat, saver):
        timer.stop()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    QThreadPool.globalInstance().waitForDone()
    archive.wait_for_index()
    from desktop.core.search.engine.whoosh_compat import segments

    remaining = len(segments(archive.search_index.ix))
    archive.close()
    gaps = [(b - a) * 1000 for a, b in zip(beats, beats[1:])]
    return {
        "mode": mode, "seconds": elapsed, "beats": len(beats), "stall_ms": max(gaps) - BEAT_MS,
        "p99_gap_ms": statistics.quantiles(gaps, n=100)[98], "saves": len(saves),
        "longest_save_ms": max(saves) * 1000, "longest_search_ms": max(searches) * 1000 if searches else 0.0,
        "segments_after": remaining,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=9)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--every", type=int, default=200, help="ms between a clerk's saves")
    parser.add_argument("--search", action="store_true", help="an official searches once a second meanwhile")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    with tempfile.TemporaryDirectory(prefix="luutru-stall-") as tmp:
        base = Path(tmp) / "base"
        t = time.perf_counter()
        build_base(base, args.segments, args.size)
        print(f"base: {args.segments} segments of {args.size} articles in {time.perf_counter() - t:.0f} s")
        for mode in ("inline", "background"):
            folder = Path(tmp) / mode
            shutil.copytree(base, folder)
            r = measure(folder, mode, args.segments * args.size, args.size, args.every, args.search)
            print(f"{r['mode']:>10}: longest GUI stall {r['stall_ms']:7.0f} ms, p99 gap {r['p99_gap_ms']:5.1f} ms, "
                  f"longest save on the GUI thread {r['longest_save_ms']:7.0f} ms, longest search (its own thread) {r['longest_search_ms']:5.0f} ms, "
                  f"{r['saves']} saves in {r['seconds']:.1f} s, segments after {r['segments_after']}", flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
