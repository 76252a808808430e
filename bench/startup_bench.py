"""Start-up benchmark: whole ``luutru-cli`` commands, as a clerk's shell runs them.

    python -m bench.startup_bench                     # --help, and search on a small archive
    python -m bench.startup_bench --runs 20 --source /path/to/checkout

Each command runs ``--runs`` times in a fresh interpreter; reported are the
median wall time and the median CPU time (user + system of the child).  On a
machine shared with other work the wall time swings with the load, while
the CPU time is what the command itself costs, so both are given.
``--source`` runs another checkout's code (e.g. the commit before a change)
with the same interpreter, for a before/after in one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "sample"


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``argv`` (from the code in ``PYTHONPATH``)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=env["PYTHONPATH"], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(label: str, argv: list[str], env: dict[str, str], runs: int) -> None:
    timed(argv, env)  # a warm-up run: the file cache, .pyc files
    walls, cpus = zip(*(timed(argv, env) for _ in range(runs)))
    print(f"{label:<40} wall {statistics.median(walls) * 1000:7.0f} ms   "
          f"cpu {statistics.median(cpus) * 1000:7.0f} ms   (median of {runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--source", type=Path, help="a checkout whose code to run instead of this one")
    opts = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str((opts.source or Path(__file__).parent.parent).resolve()))
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "kho"
        subprocess.run([sys.executable, "-m", "desktop.cli", "--archive", str(archive), "import",
                        *map(str, sorted(SAMPLES.glob("*.txt")))], env=env, cwd=env["PYTHONPATH"], check=True,
                       stdout=subprocess.DEVNULL)
        cli = [sys.executable, "-m", "desktop.cli"]
        measure("python -c pass (the interpreter alone)", [sys.executable, "-c", "pass"], env, opts.runs)
        measure("luutru-cli --help", [*cli, "--help"], env, opts.runs)
        measure("luutru-cli search 'giao ban thi uy'", [*cli, "--archive", str(archive), "search", "giao ban thi uy"],
                env, opts.runs)
        measure("luutru-cli list", [*cli, "--archive", str(archive), "list"], env, opts.runs)


if __name__ == "__main__":
    main()
