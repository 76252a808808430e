"""One-file backups of an archive, automatic rotation, and safe restore.

A backup is a zip holding a consistent snapshot of ``archive.sqlite`` (taken
with SQLite's online backup API, so it can run while LuuTru is open), every
file in ``media/`` and ``manifest.json`` (schema version, counts and the
SHA-256 of every member).  The search index is not backed up: it is rebuilt
from the database.  Restore checks the whole manifest before touching
anything and never overwrites an archive in place: the current folder is
kept beside the restored one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import secrets
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from desktop import __version__
from desktop.core.archive import DB_NAME, MEDIA_DIR, Archive, ArchiveError, Cancelled, Progress
from desktop.core.errors import ArchiveLocked
from desktop.core.store import interrupted_restore
from desktop.core.store.lock import ArchiveLock, LockHeld
from desktop.core.maintenance.transfer import copy_archive
from desktop.core.store.media import sha256_file
from desktop.core.store.server import claim_task
from desktop.paths import archive_location, is_server

MANIFEST = "manifest.json"
FORMAT = 1
BACKUP_PREFIX = "luutru-backup-"


class BackupError(ArchiveError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: str
    schema: str | None
    articles: int
    files: int
    missing: list[str] = field(default_factory=list)  # catalogued media not on disk: the archive is damaged


def _snapshot(archive: Archive, target: Path) -> None:
    """A consistent copy of the live database (WAL included) via the online backup API."""
    source = sqlite3.connect(f"file:{archive.root / DB_NAME}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        finally:
            dest.close()
    finally:
        source.close()


STAGING = ".luutru-"  # a backup's staging files in the target folder: <stem>.lock, .sqlite, .zip.part


@contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    """A name stem in ``folder`` for this backup's staging files (the database snapshot, the
    zip being written), beside the target rather than in a shared temp folder: the snapshot
    may hold restricted articles.  A held lock file marks them in use; all go at the end."""
    stem = folder / f"{STAGING}{secrets.token_hex(6)}"
    lock = ArchiveLock(folder, name=stem.name + ".lock")
    lock.acquire()
    try:
        yield stem
    finally:
        lock.release()
        for path in folder.glob(stem.name + ".*"):
            path.unlink(missing_ok=True)


def remove_stale_staging(folder: Path) -> list[Path]:
    """Staging files of backups that were killed (their lock file is no longer held)."""
    in_use = set()
    for lock_file in Path(folder).glob(f"{STAGING}*.lock"):
        lock = ArchiveLock(folder, name=lock_file.name)
        try:
            lock.acquire()
        except LockHeld:
            in_use.add(_stem(lock_file))
            continue
        lock.release()
    removed = [p for p in Path(folder).glob(f"{STAGING}*") if p.is_file() and _stem(p) not in in_use]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _stem(path: Path) -> str:
    return path.name.split(".")[1]  # ".luutru-<id>.zip.part" → "luutru-<id>"


def backup(archive: Archive, out: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None) -> BackupInfo:
    """Write a backup of ``archive`` to ``out`` (a .zip); the file appears only when complete.

    A server archive is first copied whole into a temporary folder archive (rows and
    files, verified), so its backup is the same self-contained zip a folder's is."""
    if archive.server:
        with tempfile.TemporaryDirectory(prefix="luutru-server-backup-") as tmp:
            with Archive.open(Path(tmp) / "archive") as copy:
                copy_archive(archive, copy)
            copy = Archive(Path(tmp) / "archive", readonly=True)
            try:
                return backup(copy, out, progress=progress, cancelled=cancelled)
            finally:
                copy.close()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(out.parent)
    media = sorted(p for p in (archive.root / MEDIA_DIR).rglob("*") if p.is_file() and not p.name.startswith(".tmp-"))
    with _staging(out.parent) as stem:
        db_copy = stem.with_name(stem.name + ".sqlite")
        partial = stem.with_name(stem.name + ".zip.part")
        _snapshot(archive, db_copy)
        with sqlite3.connect(db_copy) as conn:
            schema = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            catalogue = conn.execute("SELECT sha256, original_name FROM media_files").fetchall()
        on_disk = {p.name.split(".")[0] for p in media}
        missing = [name or sha[:12] for sha, name in catalogue if sha not in on_disk]
        members = {DB_NAME: db_copy, **{p.relative_to(archive.root).as_posix(): p for p in media}}
        manifest = {
            "format": FORMAT,
            "app_version": __version__,
            "created": dt.datetime.now().isoformat(timespec="seconds"),
            "schema": schema[0] if schema else None,
            "articles": articles,
            "files": {},
        }
        with zipfile.ZipFile(partial, "w", allowZip64=True) as zf:
            for number, (name, path) in enumerate(members.items(), start=1):
                if cancelled is not None and cancelled():
                    raise BackupError("đã hủy sao lưu (backup cancelled)")
                manifest["files"][name] = {"sha256": sha256_file(path), "size": path.stat().st_size}
                compress = zipfile.ZIP_DEFLATED if name == DB_NAME else zipfile.ZIP_STORED  # photos are compressed already
                zf.write(path, name, compress_type=compress)
                if progress is not None:
                    progress(number, len(members), name)
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, out)
    return BackupInfo(out, manifest["created"], manifest["schema"], articles, len(members), missing)


def read_manifest(path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as zf:
            return json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise BackupError(f"'{Path(path).name}' không phải bản sao lưu LuuTru hợp lệ ({exc})") from exc


def verify(path: Path) -> dict:
    """Check every member against the manifest; returns the manifest or raises BackupError."""
    manifest = read_manifest(path)
    if manifest.get("format") != FORMAT or DB_NAME not in manifest.get("files", {}):
        raise BackupError("bản sao lưu thiếu cơ sở dữ liệu hoặc sai định dạng (bad manifest)")
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist()) - {MANIFEST}
        listed = set(manifest["files"])
        if names != listed:
            raise BackupError(f"bản sao lưu không khớp danh mục: thiếu {sorted(listed - names)[:3]}, thừa {sorted(names - listed)[:3]}")
        for name, info in manifest["files"].items():
            if name.startswith("/") or ".." in Path(name).parts:
                raise BackupError(f"đường dẫn không hợp lệ trong bản sao lưu: {name}")
            digest = hashlib.sha256()
            with zf.open(name) as member:
                for chunk in iter(lambda: member.read(1 << 20), b""):
                    digest.update(chunk)
            if digest.hexdigest() != info["sha256"]:
                raise BackupError(f"tệp '{name}' trong bản sao lưu bị hỏng (hash mismatch)")
    return manifest


def restore(path: Path, target: Path | str) -> Path | None:
    """Restore a verified backup into ``target``.

    If ``target`` already holds an archive it is moved aside (never
    overwritten); the returned path is where the old archive now lives.
    The archive's writer lock is held throughout, so a window or an import
    working on it is never moved from under its feet: restore is refused,
    naming who holds the archive.  The restored folder's lock is taken
    before it is swapped in, so no writer gets in between either.  A
    server is never overwritten either: the backup goes into an empty database
    (the office makes a new one and points the PCs at it).
    """
    if isinstance(target, str) and is_server(archive_location(target)):
        return _restore_to_server(path, target)
    manifest = verify(path)
    target = Path(target)
    staging = interrupted_restore.staging_for(target)
    with _writer_lock(target):
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        staged = ArchiveLock(staging)
        staged.acquire()
        try:
            with zipfile.ZipFile(path) as zf:
                for name in manifest["files"]:
                    zf.extract(name, staging)
            # Opening migrates an older schema and builds the index from the database.
            with Archive(staging, lock=False) as opened:
                opened.sync_index()
            (staging / interrupted_restore.READY_MARK).touch()  # from here a killed swap is finished on next open
            kept = None
            if target.exists():
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                kept = target.with_name(f"{target.name}.before-restore-{stamp}")
                target.rename(kept)
            staging.rename(target)
            (target / interrupted_restore.READY_MARK).unlink()
        except BaseException:
            staged.release()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        staged.release()
    return kept


@contextmanager
def _writer_lock(folder: Path) -> Iterator[None]:
    """Hold the writer lock of the archive in ``folder`` (if there is one)."""
    if not folder.is_dir():
        yield
        return
    lock = ArchiveLock(folder)
    try:
        lock.acquire()
    except LockHeld as exc:
        raise ArchiveLocked(f"không khôi phục được: {exc}; hãy đóng LuuTru hoặc chờ lệnh đang chạy xong rồi thử lại") from exc
    try:
        yield
    finally:
        lock.release()


def _restore_to_server(path: Path, url: str) -> None:
    with tempfile.TemporaryDirectory(prefix="luutru-restore-") as tmp:
        folder = Path(tmp) / "archive"
        restore(path, folder)
        with Archive.open(folder, create=False, readonly=True) as source, Archive.open(url) as server:
            copy_archive(source, server)
            server.rebuild_index()
    return None


def auto_backup(archive: Archive, folder: Path, *, keep: int = 7, every: dt.timedelta = dt.timedelta(days=1),
                now: dt.datetime | None = None) -> Path | None:
    """Back up if the newest backup in ``folder`` is older than ``every``; keep the newest ``keep``.
    A server archive is backed up by the first PC to ask each ``every`` (see :func:`claim_task`)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    now = now or dt.datetime.now()
    existing = sorted(folder.glob(f"{BACKUP_PREFIX}*.zip"))
    made = None
    if archive.server:
        with claim_task(archive.engine, "backup", every, now) as mine:  # one PC backs the server up, not all
            if mine:
                made = folder / f"{BACKUP_PREFIX}{now:%Y%m%d-%H%M%S}.zip"
                backup(archive, made)
    elif not existing or now - dt.datetime.fromtimestamp(existing[-1].stat().st_mtime) >= every:
        made = folder / f"{BACKUP_PREFIX}{now:%Y%m%d-%H%M%S}.zip"
        backup(archive, made)
    existing = sorted(folder.glob(f"{BACKUP_PREFIX}*.zip"))
    for old in existing[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return made
