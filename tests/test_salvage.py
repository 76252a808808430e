"""A damaged archive.sqlite: one line naming the newest good backup, and a salvage that
restores it and re-imports the originals stored since (issue 23.5)."""

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.archive import Archive
from desktop.core.importing import import_paths
from desktop.core.maintenance.backup import auto_backup
from desktop.core.maintenance.integrity import check
from desktop.paths import backups_folder


@pytest.fixture
def damaged(seeded, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    good = auto_backup(seeded, backups_folder())
    (backups_folder() / "luutru-backup-99991231-000000.zip").write_bytes(b"PK a newer backup, damaged")
    _backup_of_a_damaged_database(good, backups_folder() / "luutru-backup-99991230-000000.zip")
    late = tmp_path / "late.txt"
    late.write_text("Hội nghị giao ban quý IV\n\nThị ủy tổ chức giao ban sau lần sao lưu.\n", "utf-8")
    assert import_paths(seeded, [late])[0].status == "imported"
    root = seeded.root
    seeded.close()
    db = root / "archive.sqlite"
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 3])
    return root, good


def _backup_of_a_damaged_database(good: Path, out: Path) -> None:
    """A backup that matches its manifest, taken of a database that was already damaged."""
    import hashlib
    import json
    import zipfile

    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w") as dst:
        manifest = json.loads(src.read("manifest.json"))
        for name in src.namelist():
            if name == "manifest.json":
                continue
            data = src.read(name)
            if name == "archive.sqlite":
                data = data[:100] + bytes(len(data) - 100)
                manifest["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            dst.writestr(name, data)
        dst.writestr("manifest.json", json.dumps(manifest))


@pytest.mark.parametrize("command", [["list"], ["check", "--repair"], ["search", "giao ban"], ["show", "1"]])
def test_every_command_says_what_happened_in_one_line(damaged, command, capsys):
    root, good = damaged
    assert main(["--archive", str(root), *command]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "bị hỏng" in err and good.name in err and "salvage" in err
    assert "sqlalche.me" not in err and "không mong đợi" not in err


def test_salvage_restores_the_newest_good_backup_and_reimports_newer_originals(damaged, capsys):
    root, good = damaged
    assert main(["--archive", str(root), "salvage"]) == 0
    out = capsys.readouterr().out
    assert good.name in out and "Đã nhập lại 1" in out
    with Archive.open(root) as archive:
        assert archive.count_articles() == 6
        assert [archive.article(h.id).title for h in archive.search("quy IV").hits] == ["Hội nghị giao ban quý IV"]
        assert check(archive).ok
    [kept] = root.parent.glob("archive.before-restore-*")
    assert (kept / "archive.sqlite").exists()
