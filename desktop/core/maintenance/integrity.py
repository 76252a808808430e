"""Integrity check (and repair) of an archive: database, media files, search index."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from db import models as m
from desktop.core.archive import Archive
from desktop.core.store.media import sha256_file


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)  # what is wrong now
    repaired: list[str] = field(default_factory=list)  # what --repair fixed
    notes: list[str] = field(default_factory=list)  # harmless findings (e.g. orphan files)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(archive: Archive, *, repair: bool = False) -> CheckReport:
    report = CheckReport()
    with archive.engine.connect() as conn:
        result = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
        if result != ["ok"]:
            report.problems += [f"SQLite: {line}" for line in result[:20]]
        for table, rowid, parent, _ in conn.execute(text("PRAGMA foreign_key_check")):
            report.problems.append(f"SQLite: dòng {rowid} của bảng {table} trỏ tới {parent} không tồn tại")
    _check_media(archive, report, repair)
    _check_index(archive, report, repair)
    return report


def _check_media(archive: Archive, report: CheckReport, repair: bool) -> None:
    with archive.session() as s:
        files = {f.sha256: f for f in s.scalars(select(m.MediaFile))}
        used = set(s.scalars(select(m.Photo.sha256).where(m.Photo.sha256.is_not(None))))
        used |= set(s.scalars(select(m.Article.original_sha256).where(m.Article.original_sha256.is_not(None))))
    on_disk = {p.name.split(".")[0]: p for p in archive.media.root.rglob("*") if p.is_file() and not p.name.startswith(".tmp-")}
    for sha in sorted(used - set(files)):
        if sha in on_disk and repair:
            with archive.session() as s:
                path = on_disk[sha]
                s.add(m.MediaFile(sha256=sha, size=path.stat().st_size, extension=path.suffix.lstrip("."), original_name=None))
            report.repaired.append(f"đã ghi lại tệp {sha[:12]}… vào danh mục media")
        else:
            report.problems.append(f"tệp {sha[:12]}… được dùng nhưng không có trong danh mục media")
    for sha, row in sorted(files.items()):
        path = on_disk.get(sha)
        if path is None:
            report.problems.append(f"thiếu tệp media {sha[:12]}… ({row.original_name or 'không tên'})")
            continue
        if path.stat().st_size != row.size or sha256_file(path) != sha:
            report.problems.append(f"tệp media {path.name} bị hỏng (nội dung không khớp mã băm)")
            continue
        expected = archive.media.path_for(sha, row.extension)
        if path != expected:
            if repair:
                expected.parent.mkdir(parents=True, exist_ok=True)
                path.rename(expected)
                report.repaired.append(f"đã đặt lại đúng chỗ tệp {path.name}")
            else:
                report.problems.append(f"tệp {path.name} nằm sai chỗ (nên là {expected.relative_to(archive.root)})")
    orphans = set(on_disk) - set(files)
    if orphans:
        report.notes.append(f"{len(orphans)} tệp trong media/ không còn bài nào dùng (giữ lại, không xóa)")


def _check_index(archive: Archive, report: CheckReport, repair: bool) -> None:
    with archive.session() as s:
        total = s.scalar(select(func.count(m.Article.id))) or 0
        queued = s.scalar(select(func.count(m.IndexQueue.article_id))) or 0
        ids = set(s.scalars(select(m.Article.id)))
    try:
        searcher = archive.search_index.searcher()
        indexed = {int(f["id"]) for f in searcher.all_stored_fields()}
    except Exception as exc:  # noqa: BLE001 - any index failure is reported (and repaired by a rebuild)
        indexed, total_error = None, exc
    else:
        total_error = None
    if indexed is None or indexed != ids or queued:
        what = (
            f"chỉ mục tìm kiếm không đọc được ({total_error})" if indexed is None
            else f"chỉ mục lệch với cơ sở dữ liệu: {len(ids - indexed)} bài thiếu, {len(indexed - ids)} bài thừa, {queued} chờ"
        )
        if repair:
            archive.rebuild_index()
            report.repaired.append(f"đã lập lại chỉ mục ({total} bài): {what}")
        else:
            report.problems.append(what)
