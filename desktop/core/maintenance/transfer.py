"""Copy a whole archive into an empty one: a folder to the office server, or back.

``migrate-to-server`` copies a single-PC archive to the server; a server's
backup is a copy made into a temporary folder archive (then zipped as any
backup), and restoring one onto a server copies it back.  The copy keeps
every id, so history, near-duplicate decisions, trees with their successors
and the Trash come across as they were; it refuses a target that already
holds anything, and afterwards checks every table's row count and a digest
of its rows, and every file's SHA-256, on both sides.  Index bookkeeping
(``index_queue``, the change feed) is not copied: the target's index is
built from its database.  The audit log is appended to the target's own
(opening a server already logs a sign-in there, and nobody may delete it),
in its order, and checked as the target's last rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from db import changes
from db import models as m
from desktop.core.archive import Archive, ArchiveError
from desktop.core.store.media import sha256_bytes

Progress = Callable[[int, int, str], None]
NOT_COPIED = {"index_queue", "article_changes", "media_blobs"}
APPENDED = {"audit_log"}  # copied after what the target has, with its own numbering
ROWS = 1000  # rows per insert
FILES = 50  # files per media batch
TREES = ("units", "topics")


class TransferError(ArchiveError):
    pass


@dataclass(frozen=True)
class TransferReport:
    rows: dict[str, int]  # table → rows copied
    files: int


def tables() -> list[Table]:
    return [t for t in m.Base.metadata.sorted_tables if t.name not in NOT_COPIED]


def is_empty(archive: Archive) -> bool:
    with archive.session() as s:
        return all(s.scalar(select(func.count()).select_from(t)) == 0 for t in tables() if t.name not in APPENDED)


def copy_archive(source: Archive, target: Archive, progress: Progress | None = None) -> TransferReport:
    """Copy everything in ``source`` into the empty ``target`` and verify the copy."""
    if not is_empty(target):
        raise TransferError(f"kho đích {target.shown_location} đã có dữ liệu, không chép đè (target not empty)")
    files = _copy_files(source, target, progress)
    with source.session() as src, target.session() as dst:
        rows = {}
        for table in tables():
            if progress is not None:
                progress(0, 0, table.name)
            rows[table.name] = _copy_table(src, dst, table)
        if dst.get_bind().dialect.name == "postgresql":
            _advance_id_sequences(dst)
        changes.record(dst, dst.scalars(select(m.Article.id)))
    problems = verify_copy(source, target)
    if problems:
        raise TransferError("bản chép không khớp (copy differs): " + "; ".join(problems[:5]))
    return TransferReport(rows, files)


def _copy_files(source: Archive, target: Archive, progress: Progress | None) -> int:
    """Photos and originals first, as every write does: a row never names a missing file."""
    with source.session() as s:
        listed = s.execute(select(m.MediaFile.sha256, m.MediaFile.extension).order_by(m.MediaFile.sha256)).all()
    batch: list[tuple[str, bytes, str]] = []
    for number, (sha, extension) in enumerate(listed, start=1):
        data = source.media.read(sha)
        if data is None or sha256_bytes(data) != sha:
            raise TransferError(f"tệp {sha[:12]}… trong kho nguồn bị thiếu hoặc hỏng; chạy 'check' trước (source file missing)")
        batch.append((sha, data, extension))
        if len(batch) >= FILES or number == len(listed):
            target.media.put_many(batch)
            batch = []
        if progress is not None:
            progress(number, len(listed), "media")
    return len(listed)


def _copy_table(src: Session, dst: Session, table: Table) -> int:
    order = list(table.primary_key.columns)
    rows = [dict(r) for r in src.execute(select(table).order_by(*order)).mappings()]
    if table.name in TREES:
        return _copy_tree(dst, table, rows)
    if table.name in APPENDED:
        rows = [{k: v for k, v in r.items() if k != "id"} for r in rows]
    for start in range(0, len(rows), ROWS):
        dst.execute(insert(table), rows[start : start + ROWS])
    return len(rows)


def _copy_tree(dst: Session, table: Table, rows: list[dict]) -> int:
    """Parents before children (a unit may have been moved under a newer one); successors,
    which may point anywhere, are set once every unit exists."""
    placed: set[int | None] = {None}
    waiting = rows
    while waiting:
        ready = [r for r in waiting if r["parent_id"] in placed]
        if not ready:
            raise TransferError(f"cây {table.name} có vòng lặp cha-con (tree has a cycle)")
        dst.execute(insert(table), [{**r, "successor_id": None} if "successor_id" in r else r for r in ready])
        placed.update(r["id"] for r in ready)
        waiting = [r for r in waiting if r["id"] not in placed]
    for r in rows:
        if r.get("successor_id") is not None:
            dst.execute(update(table).where(table.c.id == r["id"]).values(successor_id=r["successor_id"]))
    return len(rows)


def _advance_id_sequences(dst: Session) -> None:
    """Ids were copied as they were: new rows must be numbered after them."""
    for table in tables():
        key = list(table.primary_key.columns)
        if len(key) == 1 and key[0].name == "id" and key[0].autoincrement and table.name not in APPENDED:
            dst.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                             f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table.name}"))


def _value(value) -> str:
    if value is None:
        return "∅"
    if isinstance(value, (bytes, memoryview)):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return repr(value)


def table_digest(s: Session, table: Table, last: int | None = None) -> tuple[int, str]:
    """How many rows, and a SHA-256 of their values in key order (the same on either engine).
    An appended table is compared without its ids, on its ``last`` rows."""
    digest, count = hashlib.sha256(), 0
    rows = list(s.execute(select(table).order_by(*table.primary_key.columns)))
    if table.name in APPENDED:
        rows = [row[1:] for row in rows[len(rows) - (len(rows) if last is None else last):]]
    for row in rows:
        digest.update("\x1f".join(map(_value, row)).encode("utf-8") + b"\x1e")
        count += 1
    return count, digest.hexdigest()


def verify_copy(source: Archive, target: Archive) -> list[str]:
    """What differs between the two archives: rows (count and digest) and files (hash)."""
    problems = []
    with source.session() as src, target.session() as dst:
        for table in tables():
            mine = table_digest(src, table)
            theirs = table_digest(dst, table, mine[0])
            if mine != theirs:
                problems.append(f"{table.name}: {mine[0]} → {theirs[0]} rows" if mine[0] != theirs[0]
                                else f"{table.name}: rows differ")
        listed = list(dst.scalars(select(m.MediaFile.sha256)))
    for sha in listed:
        data = target.media.read(sha)
        if data is None or sha256_bytes(data) != sha:
            problems.append(f"tệp {sha[:12]}… thiếu hoặc hỏng ở kho đích (file missing in the copy)")
    return problems
