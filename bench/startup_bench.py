"""Start-up benchmark: whole ``luutru-cli`` commands, as a clerk's shell runs them.

    python -m bench.startup_bench                     # --help, and search on a small archive
    python -m bench.startup_bench --runs 20 --source /path/to/checkout
    python -m bench.startup_bench --archive build-bench/luutru-30000   # also: open + first query, window shown

Each command runs ``--runs`` times in a fresh interpreter; reported are the
median wall time and the median CPU time (user + system of the child).  On a
machine shared with other work the wall time swings with the load, while
the CPU time is what the command itself costs, so both are given.
``--source`` runs another checkout's code (e.g. the commit before a change)
with the same interpreter, for a before/after in one run.

``--archive`` (an archive folder, e.g. one ``search_bench --workdir`` left)
adds two figures taken inside a fresh process, after its imports, as the
issue measures them: opening the archive and its first query
(``Archive.open`` + ``search``), and the main window shown on it (offscreen:
from ``Archive.open`` to the main window's first paint event, in the order
``desktop/gui.py`` takes), each also given from the process's start.

The children run without ``PYTHONDONTWRITEBYTECODE`` even when the calling
shell sets it: an office install has its ``.pyc`` files (pip and PyInstaller
write them), so a run that recompiles every module it imports would measure
the compiler, not the start-up.  The warm-up run writes the ``.pyc`` files
the checkout still lacks.
"""

from __future__ import annotations

import argparse
import json
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


# Run in the child, with the checkout's code: after the imports, open the archive and
# search it, or show the main window on it; print the CPU and wall seconds taken.
IN_PROCESS = """
import json, os, sys, tempfile, time
mode, root, query = sys.argv[1:]
if mode == "window":
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication, QMainWindow
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings
    from desktop import gui

    class FirstPaint(QObject):
        at = None

        def eventFilter(self, obj, event):
            if self.at is None and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                self.at = (time.process_time(), time.perf_counter())
            return False
else:
    import desktop.core.search.index, desktop.core.search.service  # the archive imports them lazily since 22 item 3
from desktop.core.archive import Archive
cpu, wall = time.process_time(), time.perf_counter()
if mode == "window":
    app = QApplication([])
    first_paint = FirstPaint()
    app.installEventFilter(first_paint)
    archive = Archive.open(root)
    folder = tempfile.TemporaryDirectory()
    settings = Settings(QSettings(folder.name + "/s.ini", QSettings.Format.IniFormat))
    if hasattr(gui, "show_window"):  # as desktop/gui.py does it: the window painted, then the indexer
        window = gui.show_window(app, archive, settings)
        app.processEvents()
    else:  # the code before issue 22 item 3: the indexer started (the index opened), then the window
        archive.index_in_background()
        window = MainWindow(archive, settings)
        window.show()
        app.processEvents()
    end = first_paint.at
else:
    archive = Archive.open(root)
    archive.search(query)
    end = (time.process_time(), time.perf_counter())
done = {"cpu": end[0] - cpu, "wall": end[1] - wall, "cpu_total": end[0], "wall_total": end[1] - START}
archive.close()
print(json.dumps(done))
"""


def in_process(label: str, mode: str, root: Path, query: str, env: dict[str, str], runs: int) -> None:
    """Median figures of ``runs`` fresh processes (after a warm-up one) running IN_PROCESS."""
    script = "import time\nSTART = time.perf_counter()\n" + IN_PROCESS
    argv = [sys.executable, "-c", script, mode, str(root), query]

    def once() -> dict:
        out = subprocess.run(argv, env=env, cwd=env["PYTHONPATH"], check=True, capture_output=True, text=True).stdout
        return json.loads(out.splitlines()[-1])

    once()
    figures = [once() for _ in range(runs)]
    median = {key: statistics.median(f[key] for f in figures) * 1000 for key in figures[0]}
    print(f"{label:<40} wall {median['wall']:7.0f} ms   cpu {median['cpu']:7.0f} ms   (median of {runs}; "
          f"from the process's start: wall {median['wall_total']:.0f} ms, cpu {median['cpu_total']:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--source", type=Path, help="a checkout whose code to run instead of this one")
    parser.add_argument("--archive", type=Path, help="an archive to open, search and show the window on")
    parser.add_argument("--query", default="công tác", help="the first query on --archive")
    opts = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str((opts.source or Path(__file__).parent.parent).resolve()))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once, not on every run
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
    if opts.archive:
        root = opts.archive.resolve()
        in_process(f"open + first query ({opts.query})", "search", root, opts.query, env, opts.runs)
        in_process("window shown (offscreen)", "window", root, opts.query, env, opts.runs)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
