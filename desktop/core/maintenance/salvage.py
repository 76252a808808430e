"""Saving what can be saved when ``archive.sqlite`` itself is damaged.

The media folder keeps every original file ever imported (named by its
SHA-256), exactly for this: restore the newest automatic backup that passes
verification, then re-import the originals that arrived after it.  The
damaged archive is kept whole beside the restored one (``restore`` never
overwrites), so nothing is lost by trying.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import zipfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.archive import DB_NAME, MEDIA_DIR, Archive
from desktop.core.errors import ArchiveDamaged
from desktop.core.importing import import_paths
from desktop.core.reading import KINDS
from desktop.core.store.db_errors import translated  # noqa: F401 - for the CLI and the window: one line per known failure
from desktop.core.maintenance.backup import BACKUP_PREFIX, BackupError, read_manifest, restore, verify
from desktop.core.views import ImportOutcome


@dataclass
class SalvageReport:
    backup: Path
    kept: Path | None  # where the damaged archive now lives
    outcomes: list[ImportOutcome] = field(default_factory=list)  # originals re-imported
    pictures_left: list[Path] = field(default_factory=list)  # newer pictures: maybe an article's, not re-imported


def newest_verified_backup(folder: Path) -> Path | None:
    """The newest automatic backup in ``folder`` whose every member matches its manifest and
    whose database passes SQLite's own check (a backup taken of an already damaged database
    matches its manifest too)."""
    for candidate in sorted(Path(folder).glob(f"{BACKUP_PREFIX}*.zip"), reverse=True):
        try:
            verify(candidate)
        except BackupError:
            continue
        if _database_sound(candidate):
            return candidate
    return None


def _database_sound(backup: Path) -> bool:
    """SQLite's quick_check on the backup's database, unpacked beside it (never in a shared
    temp folder: it may hold restricted articles) and removed afterwards."""
    unpacked = backup.with_name(f".{backup.stem}.check.sqlite")
    try:
        with zipfile.ZipFile(backup) as zf, zf.open(DB_NAME) as member, open(unpacked, "wb") as out:
            shutil.copyfileobj(member, out, 1 << 20)
        with closing(sqlite3.connect(f"file:{unpacked}?mode=ro", uri=True)) as conn:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except (OSError, sqlite3.Error, zipfile.BadZipFile, KeyError):
        return False
    finally:
        unpacked.unlink(missing_ok=True)


def damaged_message(exc: ArchiveDamaged, archive_root: Path, backups: Path) -> str:
    """One line: what happened, the newest good backup, the command that salvages."""
    found = newest_verified_backup(backups)
    if found is None:
        return f"{exc}; không có bản sao lưu tự động nào còn tốt trong {backups}"
    return (f"{exc}; bản sao lưu tự động mới nhất còn tốt: {found.name}; cứu dữ liệu bằng: "
            f"luutru-cli --archive \"{archive_root}\" salvage \"{found}\"")


def salvage(archive_root: Path, backup: Path) -> SalvageReport:
    """Restore ``backup`` into ``archive_root`` (the damaged archive is kept beside it) and
    re-import the original files in the damaged archive's ``media/`` that are newer than it."""
    manifest = verify(backup)
    created = dt.datetime.fromisoformat(read_manifest(backup)["created"]).timestamp()
    kept = restore(backup, archive_root)
    report = SalvageReport(Path(backup), kept)
    if kept is None:
        return report
    known = {Path(name).name for name in manifest["files"]}
    newer = sorted(p for p in (kept / MEDIA_DIR).rglob("*")
                   if p.is_file() and not p.name.startswith(".") and p.name not in known and p.stat().st_mtime >= created)
    originals = [p for p in newer if KINDS.get(p.suffix.lower()) not in (None, "image")]
    report.pictures_left = [p for p in newer if KINDS.get(p.suffix.lower()) == "image"]
    with Archive.open(archive_root, create=False) as archive:
        report.outcomes = import_paths(archive, originals)
    return report
