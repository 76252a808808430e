"""Issue 23: what an attack on the archive found, one test per finding."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.core.archive import Archive, ArchiveLocked
from desktop.core.maintenance.backup import backup, restore
from desktop.core.maintenance.integrity import check

ROOT = Path(__file__).resolve().parent.parent


def _holder(archive_root: Path) -> subprocess.Popen:
    """Another process with the archive open for writing (as a window or an import would)."""
    code = textwrap.dedent(f"""
        import sys, time
        from desktop.core.archive import Archive
        archive = Archive.open({str(archive_root)!r})
        print("ready", flush=True)
        sys.stdin.read()
        archive.close()
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_restore_is_refused_while_another_process_writes_and_names_it(seeded, tmp_path):
    backup(seeded, tmp_path / "b.zip")
    root = seeded.root
    seeded.close()
    holder = _holder(root)
    try:
        with pytest.raises(ArchiveLocked, match=f"pid {holder.pid}"):
            restore(tmp_path / "b.zip", root)
        assert (root / "archive.sqlite").exists() and not list(tmp_path.glob("*.before-restore-*"))
        assert not root.with_name(root.name + ".restoring").exists()
    finally:
        holder.communicate("")
    kept = restore(tmp_path / "b.zip", root)
    assert kept is not None and kept.exists()
    with Archive.open(root) as restored:
        assert restored.count_articles() == 5 and check(restored).ok
