"""The longest GUI-thread stall while a folder import runs and a clerk saves edits.

    QT_QPA_PLATFORM=offscreen python -m bench.gui_stall               # 1,000 files, 30 saves
    QT_QPA_PLATFORM=offscreen python -m bench.gui_stall --count 200 --saves 10

A timer ticks every 5 ms on the GUI thread; a stall is the time between two
ticks beyond that.  Two runs on the same archive and files:

* ``gui-thread writes``: each save is written where the window used to write
  it, on the GUI thread (the archive call, index syncing included);
* ``writer``: the window's own path, File › Save through its Writer.

Target (issue 18): the longest stall ≤ 100 ms with the writer.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from bench.import_bench import write_folder
from desktop.core.archive import Archive
from desktop.core.maintenance.demo import build_demo
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings

TICK_MS = 5


def run(app: QApplication, root: Path, files: Path, saves: int, *, through_writer: bool) -> dict:
    archive = Archive.open(root)
    window = MainWindow(archive, Settings(QSettings(str(root.parent / f"{root.name}.ini"), QSettings.Format.IniFormat)))
    window.show()
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0] - TICK_MS)
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(tick)
    done = {"import": False, "saves": 0}
    window.task_done.connect(lambda _r: done.__setitem__("import", True))
    window.import_paths([files])
    window.table.selectRow(0)

    def save() -> None:
        if done["saves"] >= saves:
            return
        done["saves"] += 1
        article_id = window.pane.article_id
        author = f"Tác giả lần {done['saves']}"
        if through_writer:
            window.pane.author.setText(author)
            window.save_action.trigger()
        else:
            archive.update_article(article_id, author=author)  # what the window did before: a write here
        QTimer.singleShot(150, save)

    ticker.start()
    QTimer.singleShot(300, save)
    started = time.perf_counter()
    while not (done["import"] and done["saves"] >= saves and not window.writer.busy()):
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - started > 900:
            raise TimeoutError("import did not finish")
    ticker.stop()
    window.close()
    archive.close()
    stalls = sorted(max(g, 0) for g in gaps)
    return {"max_ms": stalls[-1], "p99_ms": stalls[int(len(stalls) * 0.99)], "median_ms": statistics.median(stalls),
            "seconds": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=30)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp(prefix="luutru-stall-"))
    try:
        files = tmp / "files"
        files.mkdir()
        write_folder(files, args.count, text_only=True)
        build_demo(tmp / "template").close()
        for through_writer in (False, True):
            root = tmp / ("writer" if through_writer else "gui-thread")
            shutil.copytree(tmp / "template", root)
            result = run(app, root, files, args.saves, through_writer=through_writer)
            name = "writer" if through_writer else "gui-thread writes"
            print(f"{name:18} {args.count} files, {args.saves} saves: longest stall {result['max_ms']:.0f} ms, "
                  f"p99 {result['p99_ms']:.0f} ms, median {result['median_ms']:.1f} ms ({result['seconds']:.0f} s)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
