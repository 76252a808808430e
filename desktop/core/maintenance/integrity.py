"""Integrity check (and repair) of an archive: database, media files, search index."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from db import models as m
from desktop.core.archive import Archive, ArchiveError
from desktop.core.store import leftovers
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
    if archive.server:  # PostgreSQL checks its own pages and keys; the files are rows to check here
        _check_server_media(archive, report)
        _check_index(archive, report, repair)
        return report
    with archive.engine.connect() as conn:
        result = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
        if result != ["ok"]:
            report.problems += [f"SQLite: {line}" for line in result[:20]]
        for table, rowid, parent, _ in conn.execute(text("PRAGMA foreign_key_check")):
            report.problems.append(f"SQLite: dòng {rowid} của bảng {table} trỏ tới {parent} không tồn tại")
    _check_media(archive, report, repair)
    _check_index(archive, report, repair)
    _check_leftovers(archive, report, repair)
    return report


def _check_leftovers(archive: Archive, report: CheckReport, repair: bool) -> None:
    """Staging files of a killed writer: removed when the archive was opened for writing,
    listed when it is open read-only (the writer elsewhere may still be using them)."""
    if archive.cleaned:
        report.repaired.append(f"đã dọn {len(archive.cleaned)} tệp tạm còn lại sau lần dừng đột ngột")
        archive.cleaned = []
    found = leftovers.find(archive.root, archive.media.root)
    if found and repair and not archive.readonly:
        removed = leftovers.remove(found)
        report.repaired.append(f"đã dọn {len(removed)} tệp tạm còn lại sau lần dừng đột ngột")
    elif found:
        report.notes.append(f"{len(found)} tệp tạm của một lần ghi dở: {', '.join(p.name for p in found[:3])}")


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
            report.problems.append(f"thiếu tệp media {sha[:12]}…: {_whose(archive, sha, row.original_name)}"
                                   " (nhập lại tệp gốc để đặt lại)")
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


def _whose(archive: Archive, sha: str, name: str | None) -> str:
    """Which articles lose what when the file ``sha`` is gone, named as the clerk knows them."""
    originals = m.MediaFile.__table__.alias("originals")
    with archive.session() as s:
        photos = s.execute(
            select(m.Article.id, m.Article.title, m.Photo.position, originals.c.original_name)
            .join(m.Photo, m.Photo.article_id == m.Article.id)
            .outerjoin(originals, originals.c.sha256 == m.Article.original_sha256)
            .where(m.Photo.sha256 == sha).order_by(m.Article.id)).all()
        sources = s.execute(select(m.Article.id, m.Article.title).where(m.Article.original_sha256 == sha)).all()
    parts = [f"ảnh {position + 1} của bài #{aid} «{title}»" + (f" (từ tệp {source})" if source else "")
             for aid, title, position, source in photos[:3]]
    parts += [f"tệp gốc {name or ''} của bài #{aid} «{title}»".replace("  ", " ") for aid, title in sources[:3]]
    return "; ".join(parts) or (name or "không bài nào dùng")


def _check_server_media(archive: Archive, report: CheckReport) -> None:
    """Every file named is held, and every held file still has its hash (computed on the server)."""
    with archive.session() as s:
        files = {f.sha256: f for f in s.scalars(select(m.MediaFile))}
        used = set(s.scalars(select(m.Photo.sha256).where(m.Photo.sha256.is_not(None))))
        used |= set(s.scalars(select(m.Article.original_sha256).where(m.Article.original_sha256.is_not(None))))
        held = dict(s.execute(text("SELECT sha256, encode(sha256(data), 'hex') = sha256 FROM media_blobs")).all())
    for sha in sorted(used - set(files)):
        report.problems.append(f"tệp {sha[:12]}… được dùng nhưng không có trong danh mục media")
    for sha, row in sorted(files.items()):
        if sha not in held:
            report.problems.append(f"thiếu tệp media {sha[:12]}… ({row.original_name or 'không tên'}) trên máy chủ")
        elif not held[sha]:
            report.problems.append(f"tệp media {sha[:12]}… trên máy chủ bị hỏng (nội dung không khớp mã băm)")
    orphans = set(held) - set(files)
    if orphans:
        report.notes.append(f"{len(orphans)} tệp trên máy chủ không còn bài nào dùng (giữ lại, không xóa)")


def _check_index(archive: Archive, report: CheckReport, repair: bool) -> None:
    try:
        index = archive.search_index
    except ArchiveError as exc:  # read-only, and the index needs a rebuild only a writer may do
        report.problems.append(str(exc))
        return
    with archive.session() as s:
        total = s.scalar(select(func.count(m.Article.id))) or 0
        queued = index.feed.outstanding(s)
        ids = set(s.scalars(select(m.Article.id)))
    if index.damage:
        report.repaired.append(f"đã lập lại chỉ mục khi mở kho ({index.damage})")
        index.damage = None
    damaged = index.damaged_files()
    if damaged:
        what = f"tệp chỉ mục bị hỏng (sai mã kiểm tra): {', '.join(damaged[:5])}"
        if repair:
            index.rebuild()
            report.repaired.append(f"đã lập lại chỉ mục ({total} bài): {what}")
        else:
            report.problems.append(what)
        return
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
