"""SIGKILL of an importer: its worker processes die with it, and the archive it leaves
opens, checks and searches without a traceback (issue 23.3)."""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.maintenance.integrity import check

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")]


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stored_count(archive_root: Path) -> int:
    try:
        with sqlite3.connect(f"file:{archive_root / 'archive.sqlite'}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_workers_die_with_a_killed_importer_and_nothing_surfaces_as_a_traceback(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(1500):  # above the count from which readers and an indexer run in other processes
        (folder / f"{i:04}.txt").write_text(f"Bài số {i} về giao ban\n\nNội dung hội nghị số {i} của Thị ủy.\n", "utf-8")
    archive_root = tmp_path / "archive"
    importer = subprocess.Popen([sys.executable, "-m", "desktop.cli", "--archive", str(archive_root), "import", str(folder)],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while (len(workers) < 3 or not stored_count(archive_root)) and importer.poll() is None and time.monotonic() < deadline:
        workers |= children(importer.pid)
        time.sleep(0.05)
    assert len(workers) >= 3 and importer.poll() is None, "the import ended before its workers were seen"
    importer.send_signal(signal.SIGKILL)
    importer.wait()
    deadline = time.monotonic() + 20
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in workers if alive(p)], "worker processes outlived the killed importer"

    checked = cli("--archive", str(archive_root), "check")
    assert "Traceback" not in checked.stderr and "LockError" not in checked.stderr + checked.stdout
    repaired = cli("--archive", str(archive_root), "check", "--repair")
    assert "Traceback" not in repaired.stderr, repaired.stderr
    with Archive.open(archive_root) as archive:
        assert check(archive).ok
        stored = archive.count_articles()
        assert archive.search("giao ban", facets=False).total == stored > 0


def _kill_after(command: list[str], delay: float) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "desktop.cli", *command], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def test_reindex_backup_and_restore_killed_leave_a_sound_archive_and_no_leftovers(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(300):
        (folder / f"{i:04}.txt").write_text(f"Bài số {i} về giao ban\n\nNội dung hội nghị số {i} của Thị ủy. " * 3, "utf-8")
    root = tmp_path / "archive"
    assert cli("--archive", str(root), "import", str(folder)).returncode == 0
    backups = tmp_path / "backups"
    assert cli("--archive", str(root), "backup", "-o", str(backups / "good.zip")).returncode == 0
    for delay in (0.6, 1.2):  # Python starts, opens the archive, then works: kills land at different steps
        _kill_after(["--archive", str(root), "reindex"], delay)
        _kill_after(["--archive", str(root), "backup", "-o", str(backups / "killed.zip")], delay)
        _kill_after(["--archive", str(root), "restore-backup", str(backups / "good.zip")], delay)
        with Archive.open(root) as archive:  # whatever was killed, the archive opens whole
            assert check(archive).ok
            assert archive.count_articles() == 300
            assert archive.search("giao ban", facets=False).total == 300
        assert not (tmp_path / "archive" / "index.new").exists()
    assert cli("--archive", str(root), "backup", "-o", str(backups / "after.zip")).returncode == 0
    assert sorted(p.name for p in backups.iterdir() if p.name.startswith(".")) == []  # a killed backup's files went
    assert not (backups / "killed.zip").exists() or cli("--archive", str(tmp_path / "x"), "restore-backup",
                                                          str(backups / "killed.zip")).returncode == 0
