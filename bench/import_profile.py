"""Where a folder import's time goes: each stage on its own under cProfile, then the whole command.

    python -m bench.import_bench --count 2000 --only text --corpus realistic --write /tmp/txt
    python -m bench.import_profile /tmp/txt                # stages, then `luutru-cli import` twice
    python -m bench.import_profile /tmp/txt --runs 0       # stages only

The stages run one after another in this process, on every file of the folder,
as a folder import runs them (in its reader processes, its storing loop and its
indexer): read the bytes, detect the encoding and decode, parse the plain text,
prepare (normalise, content hash, near-duplicate fingerprints), store (batches of
200 in one transaction each) and index.  For each stage it prints the CPU time and
the functions with the most cumulative time inside it.  The whole command is then
timed as an official runs it, ``luutru-cli import DIR`` into a new archive, wall
clock with the load average, because a folder import spreads over processes.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop.core.archive import Archive
from desktop.core.importing import STORE_EVERY, expand
from desktop.core.ingest.encoding import decode_text
from desktop.core.ingest.plaintext import parse_plaintext
from desktop.core.store.storing import Incoming, prepare

ROOT = Path(__file__).resolve().parent.parent


def timed(name: str, work, count: int):
    """``work()``'s result, printing its CPU time."""
    started = time.process_time()
    result = work()
    spent = time.process_time() - started
    print(f"\n### {name}: {spent:.2f} s CPU, {1000 * spent / count:.2f} ms a file")
    return result


def profiled(name: str, work, top: int) -> None:
    """``work()`` under cProfile: the ``top`` functions with the most cumulative time
    (the profiler's own cost inflates them; the CPU times above are without it)."""
    if not top:
        return
    profile = cProfile.Profile(time.process_time)
    profile.runcall(work)
    print(f"\n{name}, profiled ({pstats.Stats(profile).total_tt:.1f} s with the profiler):\n")
    print("| function | calls | own s | cumulative s |")
    print("|---|---:|---:|---:|")
    stats = pstats.Stats(profile)
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][3])  # by cumulative time
    # Wrappers that hold (nearly) the whole stage say nothing: shown from the first that does not.
    rows = [row for row in rows if row[1][3] < 0.9 * stats.total_tt]
    for (filename, line, function), (_cc, calls, own, cumulative, _callers) in rows[:top]:
        where = Path(filename).relative_to(ROOT) if filename.startswith(str(ROOT)) else Path(filename).name
        print(f"| {where}:{line} {function} | {calls} | {own:.2f} | {cumulative:.2f} |")


def stages(folder: Path, workdir: Path, top: int) -> None:
    files = [p for p in expand([folder]) if p.suffix == ".txt"]
    n = len(files)
    steps = [("read", lambda _: [p.read_bytes() for p in files]),
             ("detect + decode", lambda data: [decode_text(d)[0] for d in data]),
             ("parse", lambda texts: [parse_plaintext(t) for t in texts]),
             ("prepare (normalise, hash, fingerprints)",
              lambda drafts: [prepare(Incoming(d, original=p.read_bytes(), original_name=p.name))
                              for d, p in zip(drafts, files)])]
    value = None
    for name, step in steps:
        given = value
        value = timed(name, lambda: step(given), n)  # noqa: B023 - called at once
        profiled(name, lambda: step(given), top)  # noqa: B023
    prepared = value

    def store(archive):
        for i in range(0, n, STORE_EVERY):
            archive.add_drafts(prepared[i : i + STORE_EVERY], index=False)

    with Archive.open(workdir / "timed") as archive:
        timed("store", lambda: store(archive), n)
        timed("index", archive.sync_index, n)
    if top:  # a second archive: storing the same files again would find only duplicates
        with Archive.open(workdir / "profiled") as archive:
            profiled("store", lambda: store(archive), top)
            profiled("index", archive.sync_index, top)
    print(f"\n{n} files")


def whole_command(folder: Path, workdir: Path, run: int) -> None:
    target = workdir / f"command-{run}"
    load = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--archive", str(target), "import", str(folder)],
                          capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    count = sum(1 for _ in expand([folder]))
    print(f"luutru-cli import: {count} files in {elapsed:.1f} s = {count / elapsed:.0f} files/s "
          f"(load average {load:.1f} before; {done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--top", type=int, default=12, help="functions shown per stage")
    parser.add_argument("--runs", type=int, default=2, help="whole-command runs after the stages")
    parser.add_argument("--no-stages", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="luutru-import-profile-") as work:
        if not args.no_stages:
            stages(args.folder, Path(work), args.top)
        for run in range(args.runs):
            whole_command(args.folder, Path(work), run)


if __name__ == "__main__":
    main()
