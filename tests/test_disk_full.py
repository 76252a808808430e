"""A full disk: one clear line, what was reported stored is stored, reading keeps working,
and the index catches up when there is room again (issue 23.7)."""

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.archive import Archive
from desktop.core.maintenance.integrity import check
from desktop.core.store.media import MediaStore

ROOT = Path(__file__).resolve().parent.parent


def corpus(folder: Path, count: int, words: int = 400) -> list[Path]:
    folder.mkdir()
    for i in range(count):
        body = " ".join(f"{i} giao{k % 97}" for k in range(words))  # the files are unlike, the index small
        (folder / f"{i:04}.txt").write_text(f"Bài số {i} về giao ban\n\n{body}\n", "utf-8")
    return sorted(folder.iterdir())


def imported_ids(out: str) -> list[int]:
    return [int(line.split()[1].lstrip("#")) for line in out.splitlines() if line.startswith("imported")]


def test_media_writes_failing_for_space_stop_the_import_with_one_line(tmp_path, monkeypatch, capsys):
    files = corpus(tmp_path / "in", 30, words=20)
    archive_root = tmp_path / "archive"
    main(["--archive", str(archive_root), "init"])
    room = {"files": 12}
    real_put_many, real_put = MediaStore.put_many, MediaStore.put

    def full(*_):
        raise OSError(errno.ENOSPC, "No space left on device")

    def put_many(self, items):
        items = list(items)
        if len(items) > room["files"]:
            full()
        room["files"] -= len(items)
        return real_put_many(self, items)

    def put(self, data, extension=""):
        if room["files"] <= 0:
            full()
        room["files"] -= 1
        return real_put(self, data, extension)

    monkeypatch.setattr("desktop.core.importing.STORE_EVERY", 5)
    monkeypatch.setattr(MediaStore, "put_many", put_many)
    monkeypatch.setattr(MediaStore, "put", put)
    assert main(["--archive", str(archive_root), "import", str(tmp_path / "in")]) != 0
    out, err = capsys.readouterr()
    assert err.count("ổ đĩa đầy") == 1 and len(err.strip().splitlines()) == 1, err
    reported = imported_ids(out)
    assert 0 < len(reported) < len(files)
    monkeypatch.setattr(MediaStore, "put_many", real_put_many)
    monkeypatch.setattr(MediaStore, "put", real_put)
    with Archive.open(archive_root) as archive:
        assert sorted(archive.article_ids()) == sorted(reported)
        assert check(archive).ok
    assert main(["--archive", str(archive_root), "import", str(tmp_path / "in")]) == 0  # room again: the rest
    with Archive.open(archive_root) as archive:
        assert archive.count_articles() == len(files)
        assert archive.search("giao ban").total == len(files)


def _can_mount_tmpfs(where: Path) -> bool:
    if os.geteuid() != 0:
        return False
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)], capture_output=True)
    if done.returncode == 0:
        subprocess.run(["umount", str(where)])
    return done.returncode == 0


@pytest.mark.slow
def test_a_really_full_disk(tmp_path):
    """On a small tmpfs (where root may mount one): SQLite, media and index all hit ENOSPC."""
    disk = tmp_path / "disk"
    if not _can_mount_tmpfs(disk):
        pytest.skip("needs root allowed to mount a tmpfs; the test above simulates the full disk")
    files = corpus(tmp_path / "in", 500)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], check=True)
    try:
        archive_root = disk / "archive"
        cli = [sys.executable, "-m", "desktop.cli", "--archive", str(archive_root)]
        done = subprocess.run([*cli, "import", str(tmp_path / "in")], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
        assert "ổ đĩa đầy" in done.stderr.splitlines()[-1]
        reported = imported_ids(done.stdout)
        assert 0 < len(reported) < len(files)
        for command in (["list", "--limit", "1"], ["show", str(reported[0])], ["search", "giao ban"], ["check"]):
            later = subprocess.run([*cli, *command], cwd=ROOT, capture_output=True, text=True)
            assert "Traceback" not in later.stderr, (command, later.stderr)
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)  # room again
        with Archive.open(archive_root) as archive:
            assert sorted(archive.article_ids()) == sorted(reported)
            assert archive.search("giao ban").total == len(reported)  # the index caught up
            assert check(archive).ok
    finally:
        subprocess.run(["umount", "-l", str(disk)])
