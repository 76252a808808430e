"""``luutru-cli``: the archive from the command line.

Every command goes through the same services as the GUI.  Errors end with
one line on stderr and a non-zero exit code, never a traceback; output is
readable on any terminal encoding (letters the terminal cannot show lose
their diacritics instead of crashing the command).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import desktop
from desktop.core.dates import local_time, parse_period, stored_time
from desktop.core.errors import DISK_FULL, ArchiveDamaged, ArchiveError, ArchiveLocked, QueryError
from desktop.paths import BadLocation, archive_location, is_server, shown_location
from desktop.text import escape_controls

if TYPE_CHECKING:
    from desktop.core.archive import Archive, ArticleFilter
    from desktop.core.views import ArticleDetail, TreeNode

EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A one-line message for the user."""


def _out(text: str = "", stream=None) -> None:
    """Print, degrading Vietnamese letters to plain ASCII where the terminal can't show them."""
    stream = stream or sys.stdout
    text = escape_controls(text)  # a title or file name must not steer the terminal
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = "".join(ch if _encodable(ch, encoding) else _ascii(ch) for ch in text)
    stream.write(text + "\n")


def _one(text: str) -> str:
    """A title, name or path on one line of output: its own newlines and tabs shown escaped."""
    return escape_controls(text, one_line=True)


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
        return True
    except (UnicodeEncodeError, LookupError):
        return False


def _ascii(ch: str) -> str:
    from desktop.text import fold

    folded = fold(ch)
    if ch.isupper():
        folded = folded.upper()
    return folded if folded.isascii() else "?"


def _date(value: str) -> dt.date:
    period = parse_period(value)
    if period is None:
        raise argparse.ArgumentTypeError(f"không hiểu ngày '{value}' (use 2022, 2022-10, 26/10/2022)")
    return period[0]


def _location(value: str) -> Path | str:
    try:
        return archive_location(value)
    except BadLocation as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _ids(values: Sequence[str]) -> list[int]:
    try:
        return [int(v) for v in values]
    except ValueError as exc:
        raise CliError(f"mã bài viết phải là số (article ids are numbers): {exc}") from exc


# ---------------------------------------------------------------- commands


_needed: str | None = None  # what the running command does, for the role check (see _action)
# Commands not checked: they make an archive (whoever does becomes its first admin) or work on a folder.
UNCHECKED = {"init", "restore-backup", "salvage", "migrate-to-server"}


def _archive(archive_path: Path, **options) -> Archive:
    """``Archive.open``, imported here so that ``--help`` never loads the database and index;
    a command the signed-in account's role may not run stops here, in one line."""
    from desktop.core.archive import Archive

    archive = Archive.open(archive_path, **options)
    if _needed is not None and not archive.access.may(_needed):
        archive.close()
        archive.access.require(_needed)
    return archive


def _action(args) -> str | None:
    """What the command does, as desktop/core/store/permissions.py names it (None: UNCHECKED)."""
    command = args.command
    if command in ("units", "topics"):
        return "trees" if args.action not in (None, "list") else "read"
    if command == "check":
        return "repair" if args.repair else "check"
    if command == "reorganise":
        return "reorganise" if args.apply or args.undo else "read"
    if command in ("repair-encoding",):
        return command if args.apply else "read"
    if command == "near-duplicates":
        return command if args.keep or args.merge else "read"
    return {"import": "import", "list": "read", "show": "read", "search": "read", "history": "read",
            "tag": "tag", "trash": "trash", "restore": "restore", "purge": "purge", "export-pdf": "export",
            "export-scan": "export", "reread": "reread", "reindex": "reindex", "compact-index": "reindex",
            "backup": "backup", "users": "users", "clearance": "users", "audit": "audit",
            "thumbnails": "thumbnails"}.get(command)


def cmd_init(archive_path: Path | str, args) -> int:
    if is_server(archive_path):
        with _archive(archive_path, create=True) as archive:
            _out(f"Kho lưu trữ trên máy chủ {archive.shown_location} đã sẵn sàng; "
                 f"tài khoản {archive.user} có quyền {archive.access.role}")
        return 0
    if (archive_path / "archive.sqlite").exists():
        _out(f"Kho lưu trữ đã có ở {archive_path}")
        return 0
    with _archive(archive_path, create=True):
        pass
    _out(f"Đã tạo kho lưu trữ ở {archive_path}")
    return 0


def _open(archive_path: Path, *, write: bool = True) -> Archive:
    """Open for writing; a reading command falls back to read-only while the GUI holds the archive."""
    try:
        return _archive(archive_path, create=False)
    except ArchiveLocked:
        if write:
            raise
        return _archive(archive_path, create=False, readonly=True)


def cmd_import(archive_path: Path, args) -> int:
    from desktop.core.importing import import_paths

    with _archive(archive_path, create=True) as archive:
        outcomes = import_paths(archive, [Path(p) for p in args.paths], encoding=args.encoding)
    counts = {"imported": 0, "duplicate": 0, "failed": 0, "skipped": 0}
    full = [o for o in outcomes if o.status == "failed" and o.reason.startswith(DISK_FULL)]
    for outcome in outcomes:
        counts[outcome.status] += 1
        if outcome in full:
            continue  # one line for all of them, below
        if outcome.status == "imported":
            _out(f"imported  #{outcome.article_id}  {_one(outcome.title)}")
            for skipped in outcome.skipped_photos:
                _out(f"          bỏ qua ảnh {_one(skipped)}")
            if outcome.similar_to:
                _out(f"          gần trùng với bài #{outcome.similar_to} (xem: luutru-cli near-duplicates)")
        elif outcome.status == "duplicate":
            _out(f"duplicate #{outcome.article_id}  {_one(outcome.path)}")
        else:
            _out(f"{outcome.status}: {_one(outcome.path)}: {_one(outcome.reason)}", sys.stderr)
    _out(
        f"Đã nhập {counts['imported']}, trùng {counts['duplicate']}, lỗi {counts['failed']}, bỏ qua {counts['skipped']}"
    )
    if full:
        raise CliError(f"{full[0].reason}; các tệp từ {Path(full[0].path).name} trở đi chưa nhập: "
                       "nhập lại khi có chỗ, tệp đã nhập sẽ được bỏ qua")
    if not outcomes:
        raise CliError("không có tệp nào để nhập (no files found)")
    return EXIT_ERROR if counts["failed"] else 0


def _filter(archive: Archive, args) -> ArticleFilter:
    from desktop.core.archive import ArticleFilter

    f = ArticleFilter(trashed=getattr(args, "trash", False), author=getattr(args, "author", None),
                      lineage=not getattr(args, "no_lineage", False))
    if getattr(args, "unit", None):
        f.unit_ids = [archive.find_path("unit", args.unit)]
    if getattr(args, "topic", None):
        f.topic_ids = [archive.find_path("topic", args.topic)]
    if getattr(args, "year", None):
        period = parse_period(args.year)
        if period is None:
            raise CliError(f"không hiểu năm/khoảng '{args.year}'")
        f.date_from, f.date_to = period
    if getattr(args, "date_from", None):
        f.date_from = args.date_from
    if getattr(args, "date_to", None):
        f.date_to = args.date_to
    return f


def _fmt_date(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date else "--/--/----"


def cmd_list(archive_path: Path, args) -> int:
    with _open(archive_path, write=False) as archive:
        f = _filter(archive, args)
        rows = archive.list_articles(f, order=args.sort, limit=args.limit)
        total = archive.count_articles(f)
        note = _lineage_note(archive, f.unit_ids, f.lineage)
    if args.json:
        _out(json.dumps([_row_json(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        extra = f"  [{row.units}]" if row.units else ""
        photos = f"  ({row.photo_count} ảnh)" if row.photo_count else ""
        _out(f"#{row.id:<5} {_fmt_date(row.published_date)}  {_one(row.title)}  — {_one(row.author or '?')}{extra}{photos}")
    _out(f"{len(rows)}/{total} bài")
    if note:
        _out(note)
    return 0


def _lineage_note(archive: Archive, unit_ids, lineage: bool, predecessors=None) -> str | None:
    """ "kèm 2 đơn vị tiền thân: …" when chosen units brought in their predecessors."""
    if not unit_ids and predecessors is None:
        return None
    graph = archive.lineage()
    if predecessors is None:
        predecessors = graph.scope(unit_ids, lineage=lineage).predecessors
    if not predecessors:
        return None
    names = "; ".join(graph.units[p].name for p in predecessors)
    return f"kèm {len(predecessors)} đơn vị tiền thân: {names} (bỏ: --no-lineage, hoặc unit=\"…\" trong câu tìm)"


def _row_json(row) -> dict:
    return {
        "id": row.id,
        "title": row.title,
        "date": row.published_date.isoformat() if row.published_date else None,
        "author": row.author,
        "units": row.units,
        "photos": row.photo_count,
    }


def _detail_json(a: ArticleDetail) -> dict:
    return {
        "id": a.id,
        "title": a.title,
        "date": a.published_date.isoformat() if a.published_date else None,
        "time": a.published_time.strftime("%H:%M") if a.published_time else None,
        "author": a.author,
        "source": a.source_name,
        "circulation": a.circulation,
        "lead": a.lead,
        "body": a.body,
        "photos": [{"id": p.id, "caption": p.caption, "credit": p.credit, "alt": p.alt} for p in a.photos],
        "units": [u.path for u in a.units],
        "topics": [t.path for t in a.topics],
        "documents": [
            {"number": d.number, "kind": d.kind, "level": d.level, "issued": d.issued.isoformat() if d.issued else None}
            for d in a.doc_refs
        ],
        "people": [{"name": x.name, "title": x.title} for x in a.mentions],
        "trashed": a.trashed,
        "document": {"number": a.doc_number, "kind": a.doc_kind, "issuer": a.doc_issuer} if a.doc_number or a.doc_kind else None,
        "text_origin": a.text_origin,
        "ocr_confidence": a.ocr_confidence,
        "version": a.version,
    }


def cmd_show(archive_path: Path, args) -> int:
    with _open(archive_path, write=False) as archive:
        article = archive.article(args.id)
        related = archive.related(args.id)
    if args.json:
        detail = _detail_json(article)
        detail["related"] = [{"id": r.id, "title": r.title, "similarity": r.similarity} for r in related]
        _out(json.dumps(detail, ensure_ascii=False, indent=2))
        return 0
    when = _fmt_date(article.published_date)
    if article.published_time:
        when += " " + article.published_time.strftime("%H:%M")
    _out(article.title)
    _out("=" * min(len(article.title), 78))
    _out(f"Ngày:      {when}")
    _out(f"Tác giả:   {article.author or ''}")
    if article.source_name:
        _out(f"Nguồn:     {article.source_name}")
    if article.circulation:
        _out(f"Phạm vi:   {article.circulation}")
    if article.doc_number or article.doc_kind:
        _out(f"Văn bản:   {article.doc_kind or ''} {article.doc_number or ''} — {article.doc_issuer or ''}")
    if article.text_origin == "ocr":
        _out(f"Nguồn chữ: nhận dạng từ ảnh quét (OCR), độ tin cậy {article.ocr_confidence or 0:.0f}%")
    _out(f"Đơn vị:    {'; '.join(u.path for u in article.units)}")
    _out(f"Chủ đề:    {'; '.join(t.path for t in article.topics)}")
    _out(f"Phiên bản: {article.version}")
    if article.trashed:
        _out("(trong Thùng rác)")
    _out()
    if article.lead:
        _out(article.lead)
        _out()
    for paragraph in article.paragraphs:
        _out(paragraph)
        _out()
    for number, photo in enumerate(article.photos, start=1):
        credit = f" Ảnh: {photo.credit}" if photo.credit else ""
        _out(f"[Ảnh {number}] {photo.caption}{credit}")
    if article.doc_refs:
        _out()
        _out("Văn bản được nhắc đến:")
        for ref in article.doc_refs:
            issued = f", ngày {_fmt_date(ref.issued)}" if ref.issued else ""
            _out(f"  - {ref.kind or 'Văn bản'} số {ref.number}{issued}")
    if article.mentions:
        _out()
        _out("Nhân vật:")
        for person in article.mentions:
            _out(f"  - {person.name}" + (f", {person.title}" if person.title else ""))
    if related:
        _out()
        _out("Bài liên quan (cùng sự kiện):")
        for r in related:
            _out(f"  - #{r.id} {_fmt_date(r.published_date)} {r.title}")
    return 0


def cmd_tag(archive_path: Path, args) -> int:
    if not (args.unit or args.topic):
        raise CliError("cần --unit hoặc --topic (give --unit or --topic)")
    ids = _ids(args.ids)
    if args.if_version is not None and len(ids) != 1:
        raise CliError("--if-version chỉ dùng với một bài (--if-version takes one article)")
    with _open(archive_path) as archive:
        unit_ids = [archive.find_path("unit", u, create=args.create) for u in args.unit or []]
        topic_ids = [archive.find_path("topic", t, create=args.create) for t in args.topic or []]
        if not args.remove and not args.keep_dissolved:
            unit_ids = _instead_of_dissolved(archive, ids, unit_ids)
        if args.remove:
            archive.untag(ids, unit_ids=unit_ids, topic_ids=topic_ids, base=args.if_version)
        else:
            archive.tag(ids, unit_ids=unit_ids, topic_ids=topic_ids, base=args.if_version)
    _out(f"{'Đã bỏ gắn' if args.remove else 'Đã gắn'} {len(ids)} bài")
    return 0


def _instead_of_dissolved(archive: Archive, article_ids: list[int], unit_ids: list[int]) -> list[int]:
    """Units to tag with, after asking about any that had ended before an article's date
    (at a terminal; elsewhere the command stops and names the successor)."""
    graph = archive.lineage()
    chosen = list(unit_ids)
    for article_id in article_ids:
        article = archive.article(article_id)
        day = article.published_date
        had = {u.id for u in article.units}  # tags it already has are not asked about again
        for unit, successors in archive.dissolved_tags([u for u in chosen if u not in had], day).items():
            unit_info = graph.units[unit]
            names = ", ".join(graph.path(s) for s in successors) or "(không có)"
            message = (f"'{unit_info.name}' đã giải thể từ {_fmt_date(unit_info.dissolved)}, trước bài #{article_id} "
                       f"({_fmt_date(day)}); đơn vị kế tục: {names}")
            if not sys.stdin.isatty():
                raise CliError(f"{message}. Gắn đơn vị kế tục, hoặc thêm --keep-dissolved để vẫn gắn đơn vị cũ")
            _out(message)
            answer = input("Gắn đơn vị kế tục thay thế? [C]ó / [g]iữ đơn vị cũ / [h]ủy: ").strip().lower()
            if answer.startswith("h"):
                raise CliError("đã hủy, không gắn gì (cancelled)")
            if not answer.startswith("g"):
                chosen = [u for u in chosen if u != unit] + [s for s in successors if s not in chosen]
    return chosen


def _print_tree(nodes: Sequence[TreeNode], depth: int = 0) -> None:
    for node in nodes:
        extra = []
        if node.kind:
            extra.append(node.kind)
        if node.dissolved:
            extra.append(f"giải thể {_fmt_date(node.dissolved)}")
        if node.successor_ids:
            extra.append("→ " + ", ".join(f"#{i}" for i in node.successor_ids))
        suffix = f"  ({', '.join(extra)})" if extra else ""
        _out(f"{'  ' * depth}#{node.id} {node.name} [{node.count}]{suffix}")
        _print_tree(node.children, depth + 1)


def cmd_tree(archive_path: Path, args) -> int:
    kind = args.command[:-1]  # "units" → "unit"
    with _open(archive_path) as archive:
        action = args.action or "list"
        if action == "list":
            _print_tree(archive.unit_tree() if kind == "unit" else archive.topic_tree())
            return 0
        if not args.path:
            raise CliError(f"cần đường dẫn, ví dụ: {args.command} {action} \"Tỉnh ủy/Thị ủy\"")
        if action == "add":
            parent_path, _, name = args.path.replace("›", "/").rpartition("/")
            parent = archive.find_path(kind, parent_path, create=True) if parent_path.strip() else None
            if kind == "unit":
                node = archive.add_unit(
                    name, parent, kind=args.kind, founded=args.founded, dissolved=args.dissolved
                )
                if args.successor:
                    archive.link_units(node, archive.find_path("unit", args.successor), args.dissolved)
            else:
                node = archive.add_topic(name, parent)
            _out(f"#{node} {args.path}")
        elif action == "remove":
            node = archive.find_path(kind, args.path)
            (archive.remove_unit if kind == "unit" else archive.remove_topic)(node)
            _out(f"Đã xóa {args.path}")
        elif action == "set":
            node = archive.find_path(kind, args.path)
            changes = {}
            if kind == "unit":
                for key in ("kind", "founded", "dissolved"):
                    if getattr(args, key) is not None:
                        changes[key] = getattr(args, key)
            if args.rename:
                changes["name"] = args.rename
            successor = getattr(args, "successor", None)
            if not changes and not successor:
                raise CliError("không có gì để sửa (nothing to change)")
            if changes:
                (archive.update_unit if kind == "unit" else archive.update_topic)(node, **changes)
            if successor:
                archive.link_units(node, archive.find_path("unit", successor), args.dissolved)
            _out(f"Đã sửa {args.path}")
    return 0


def cmd_trash(archive_path: Path, args) -> int:
    with _open(archive_path) as archive:
        ids = _ids(args.ids)
        if args.command == "trash":
            n = archive.trash(ids)
            _out(f"Đã chuyển {n} bài vào Thùng rác")
        elif args.command == "restore":
            n = archive.restore(ids)
            _out(f"Đã khôi phục {n} bài")
        else:
            n = archive.purge(ids or None)
            _out(f"Đã xóa vĩnh viễn {n} bài")
    return 0


def _searched(archive, args):
    """The search's result, the lineage note and (when needed) the unit graph, from an
    :class:`Archive` or a :class:`~desktop.core.quick_search.QuickArchive`."""
    unit_ids = [archive.find_path("unit", args.unit)] if args.unit else []
    topic_ids = [archive.find_path("topic", args.topic)] if args.topic else []
    result = archive.search(
        args.query,
        unit_ids=unit_ids,
        topic_ids=topic_ids,
        lineage=not args.no_lineage,
        sort=args.sort,
        limit=args.limit,
        markup=("[", "]") if not args.json else ("<b>", "</b>"),
        escape_html=args.json,
    )
    note = _lineage_note(archive, unit_ids, True, result.predecessors)
    graph = archive.lineage() if result.tagged and (note or args.json) else None
    return result, note, graph


def _quick_searched(archive_path: Path | str, args):
    """``_searched`` on a folder archive without SQLAlchemy (desktop/core/quick_search.py); None when
    the archive must be opened in full (a server, a migration or index work due, any doubt)."""
    if is_server(archive_path):
        return None
    from desktop.core.quick_search import NeedsFullOpen, QuickArchive

    archive = QuickArchive.open(archive_path)
    if archive is None:
        return None
    try:
        with archive:
            return _searched(archive, args)
    except NeedsFullOpen:
        return None


def cmd_search(archive_path: Path, args) -> int:
    searched = _quick_searched(archive_path, args)
    if searched is None:
        with _open(archive_path, write=False) as archive:
            searched = _searched(archive, args)
    result, note, graph = searched
    if args.json:
        payload = {
            "query": result.query,
            "total": result.total,
            "strong": result.strong,
            "scattered": result.total - result.strong,
            "suggestion": result.suggestion,
            "hits": [
                {
                    "id": h.id,
                    "score": round(h.score, 4),
                    "date": h.published_date.isoformat() if h.published_date else None,
                    "match": "strong" if h.strong else "scattered",
                    "title": h.plain_title,
                    "title_html": h.title,
                    "snippet": h.snippet,
                }
                for h in result.hits
            ],
            "facets": {"years": result.years, "units": result.units, "topics": result.topics,
                       "tagged": {graph.path(u) if graph else u: n for u, n in result.tagged.items()}},
            "predecessors": result.predecessors,
        }
        _out(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for i, hit in enumerate(result.hits):
        if not hit.strong and (i == 0 or result.hits[i - 1].strong):
            _out("--- các từ nằm rải rác, không liền nhau:")
        _out(f"#{hit.id:<5} {_fmt_date(hit.published_date)}  {hit.title}")
        _out(f"       {hit.snippet}")
    scattered = result.total - result.strong
    _out(f"{result.strong} kết quả" + (f" (thêm {scattered} bài có các từ nằm rải rác)" if scattered else ""))
    if note:
        _out(note)
        for unit, count in sorted(result.tagged.items(), key=lambda item: -item[1]):
            _out(f"  {count:>4} bài gắn với {graph.path(unit)}")
    if result.suggestion:
        _out(f"Có phải bạn muốn tìm: {result.suggestion}")
    return 0


def cmd_export_pdf(archive_path: Path, args) -> int:
    from desktop.core.pdf.compilation import CompilationOptions, export_pdf

    with _open(archive_path, write=False) as archive:
        f = _filter(archive, args)
        if args.ids:
            ids = _ids(args.ids)
        elif args.query:
            ids = archive.matching_ids(args.query, unit_ids=f.unit_ids, topic_ids=f.topic_ids,
                                       date_from=f.date_from, date_to=f.date_to, lineage=f.lineage)
        else:
            ids = archive.article_ids(f, order="date_asc")
        if not ids:
            raise CliError("không có bài viết nào khớp điều kiện (no matching articles)")
        options = CompilationOptions(
            title=args.title or "Tập bài viết",
            office_name=args.office,
            place=args.place,
            with_photos=not args.no_photos,
            one_per_page=args.one_per_page,
            include_restricted=args.with_restricted,
            captions_list=args.captions_list,
            page_size="A5" if args.a5 else "A4",
            lineage_unit=f.unit_ids[0] if args.unit and f.lineage and not args.ids else None,
        )
        try:
            report = export_pdf(archive, ids, Path(args.output), options)
        except ValueError as exc:
            raise CliError(str(exc)) from exc
    _out(f"Đã xuất {report.articles} bài, {report.pages} trang, {report.photos} ảnh: {report.path}")
    if report.left_out_restricted:
        _out(f"{report.left_out_restricted} bài Mật/Lưu hành nội bộ không được đưa vào (dùng --with-restricted)")
    if report.missing_glyphs:
        _out(f"Ký tự phông không có, đã thay thế: {''.join(sorted(report.missing_glyphs))}", sys.stderr)
    return 0


def cmd_reorganise(archive_path: Path, args) -> int:
    from desktop.core.maintenance.reorganisation import apply_table, plan_table

    with _open(archive_path, write=bool(args.apply or args.undo)) as archive:
        if args.undo:
            done = archive.undo_reorganisation()
            _out(f"Đã hoàn tác lần sắp xếp #{done.id} ({done.source}, {done.links} liên kết)")
            return 0
        if not args.table:
            for r in archive.reorganisations():
                state = " (đã hoàn tác)" if r.undone else ""
                _out(f"#{r.id} {local_time(r.at):%d/%m/%Y %H:%M} {r.who}: {r.source}, {r.links} liên kết{state}")
            return 0
        planned = plan_table(archive, Path(args.table))
        for line in planned.plan.describe():
            _out(line)
        for line in planned.problems:
            _out(f"lỗi: {line}", sys.stderr)
        if not planned.ok:
            raise CliError("bảng có lỗi, chưa thay đổi gì (fix the rows above)")
        if not args.apply:
            _out("Chưa thay đổi gì; chạy lại với --apply để thực hiện")
            return 0
        record = apply_table(archive, planned)
    _out(f"Đã thực hiện lần sắp xếp #{record} (hoàn tác: luutru-cli reorganise --undo)")
    return 0


def cmd_backup(archive_path: Path, args) -> int:
    from desktop.core.maintenance.backup import auto_backup, backup

    with _open(archive_path, write=False) as archive:
        if args.auto:
            made = auto_backup(archive, Path(args.output), keep=args.keep)
            _out(f"Đã sao lưu: {made}" if made else "Bản sao lưu gần nhất còn mới, không cần sao lưu")
            return 0
        info = backup(archive, Path(args.output))
    _out(f"Đã sao lưu {info.articles} bài, {info.files} tệp vào {info.path}")
    if info.missing:
        _out(f"cảnh báo: kho đang thiếu {len(info.missing)} tệp media, bản sao lưu cũng thiếu chúng "
             f"({_one(', '.join(info.missing[:3]))}); chạy: luutru-cli check", sys.stderr)
    return 0


def cmd_restore(archive_path: Path, args) -> int:
    from desktop.core.maintenance.backup import restore

    kept = restore(Path(args.backup), archive_path)
    _out(f"Đã khôi phục vào {shown_location(archive_path)}")
    if kept:
        _out(f"Kho cũ được giữ nguyên ở {kept}")
    return 0


def cmd_salvage(archive_path: Path, args) -> int:
    from desktop.core.maintenance.salvage import newest_verified_backup, salvage
    from desktop.paths import backups_folder

    source = Path(args.backup) if args.backup else newest_verified_backup(backups_folder())
    if source is None:
        raise CliError(f"không có bản sao lưu nào còn tốt trong {backups_folder()}; hãy chỉ ra tệp .zip")
    report = salvage(archive_path, source)
    _out(f"Đã khôi phục từ {report.backup}")
    if report.kept:
        _out(f"Kho hỏng được giữ nguyên ở {report.kept}")
    imported = [o for o in report.outcomes if o.status == "imported"]
    _out(f"Đã nhập lại {len(imported)} tệp gốc mới hơn bản sao lưu")
    for outcome in report.outcomes:
        if outcome.status == "failed":
            _out(f"failed: {outcome.path}: {outcome.reason}", sys.stderr)
    if report.pictures_left:
        _out(f"{len(report.pictures_left)} ảnh mới hơn bản sao lưu không tự nhập lại (có thể là ảnh trong bài), "
             f"xem trong {report.kept / 'media'}")
    return 0


def cmd_migrate_to_server(archive_path, args) -> int:
    from desktop.core.maintenance.transfer import copy_archive

    try:
        url = archive_location(args.url)
    except BadLocation as exc:
        raise CliError(str(exc)) from exc
    if not is_server(url):
        raise CliError(f"'{args.url}' không phải địa chỉ máy chủ postgresql:// (not a server URL)")
    with _open(Path(args.folder), write=False) as source, _archive(url) as server:
        report = copy_archive(source, server, progress=None)
        server.rebuild_index()
    _out(f"Đã chuyển {report.rows['articles']} bài, {report.files} tệp lên {server.shown_location}; "
         "đã kiểm tra số lượng và mã băm (counts and hashes verified)")
    return 0


def cmd_check(archive_path: Path, args) -> int:
    from desktop.core.maintenance.integrity import check

    with _open(archive_path, write=args.repair) as archive:
        report = check(archive, repair=args.repair)
    for line in report.repaired:
        _out(f"đã sửa: {line}")
    for line in report.notes:
        _out(f"ghi chú: {line}")
    for line in report.problems:
        _out(f"lỗi: {line}", sys.stderr)
    _out("Kho lưu trữ toàn vẹn" if report.ok else f"{len(report.problems)} vấn đề chưa sửa được")
    return 0 if report.ok else EXIT_ERROR


def cmd_export_scan(archive_path: Path, args) -> int:
    from desktop.core.scan_pages import export_searchable

    with _open(archive_path, write=False) as archive:
        pages = export_searchable(archive, args.id, Path(args.output))
    _out(f"Đã xuất {pages} trang quét có lớp chữ: {args.output}")
    return 0


def cmd_reread(archive_path: Path, args) -> int:
    from desktop.core.rereading import keep_as_photo, read_as_page

    from desktop.core.ingest.plaintext import ParseError

    with _open(archive_path) as archive:
        try:
            (read_as_page if args.as_ == "page" else keep_as_photo)(archive, args.id)
        except ParseError as exc:
            raise CliError(str(exc)) from exc
        article = archive.article(args.id)
    _out(f"Bài {args.id}: {'đọc chữ (OCR)' if args.as_ == 'page' else 'giữ làm ảnh'} — {article.title}")
    return 0


def cmd_history(archive_path: Path, args) -> int:
    with _open(archive_path, write=False) as archive:
        edits = archive.history(args.id)
    for edit in edits:
        change = ""
        if edit.old is not None or edit.new is not None:
            change = f": «{_one((edit.old or '')[:60])}» → «{_one((edit.new or '')[:60])}»"
        _out(f"{local_time(edit.at):%d/%m/%Y %H:%M}  {_one(edit.who)}  {edit.what}{change}")
    if not edits:
        _out("chưa có thay đổi nào")
    return 0


def cmd_repair_encoding(archive_path: Path, args) -> int:
    from desktop.core.maintenance import mojibake

    with _open(archive_path, write=args.apply) as archive:
        repairs = mojibake.find(archive)
        for r in repairs:
            _out(f"#{r.article_id} {r.field} ({r.encoding}): «{r.before[:50]}» → «{r.after[:50]}»")
        if args.apply and repairs:
            mojibake.apply(archive, repairs)
            _out(f"Đã sửa {len(repairs)} trường")
        elif repairs:
            _out(f"{len(repairs)} trường có thể sửa; chạy lại với --apply để sửa")
        else:
            _out("Không thấy chữ lỗi bảng mã")
    return 0


def cmd_near_duplicates(archive_path: Path, args) -> int:
    with _open(archive_path, write=bool(args.keep or args.merge)) as archive:
        if args.keep or args.merge:
            newer, older = _ids(args.keep or args.merge)
            archive.decide_near_duplicate(newer, older, merge=bool(args.merge))
            _out("Đã gộp (bài mới vào Thùng rác)" if args.merge else "Đã giữ cả hai bài")
            return 0
        pairs = archive.near_duplicates()
        for pair in pairs:
            a, b = archive.article(pair.article_id), archive.article(pair.other_id)
            _out(f"#{a.id} ≈ #{b.id} ({pair.similarity:.0%}): {a.title[:50]} | {b.title[:50]}")
        _out(f"{len(pairs)} cặp bài gần trùng chờ quyết định" if pairs else "Không có bài gần trùng")
    return 0


def cmd_clearance(archive_path: Path, args) -> int:
    from db.clearance import LEVELS

    with _open(archive_path, write=False) as archive:
        if args.action == "list":
            accounts = archive.clearance.accounts(args.name)
            for account in accounts:
                marks = [f"{' / '.join(LEVELS[level][1])}" + (f" (qua {', '.join(account.through[level])})"
                                                               if account.through.get(level) else "")
                         for level in account.levels]
                kind = "" if account.login else " [nhóm]"
                _out(f"{account.name}{kind}: {'; '.join(marks) if marks else 'chỉ bài công khai'}")
            return 0
        if not (args.name and args.mark):
            raise CliError(f"cần tên tài khoản và mức mật: luutru-cli clearance {args.action} TÊN MỨC")
        if args.action == "grant":
            archive.clearance.grant(args.name, args.mark)
            _out(f"Đã cho {args.name} đọc bài '{args.mark}'")
            return 0
        still = archive.clearance.revoke(args.name, args.mark)
    if still:
        _out(f"Đã thu hồi; {args.name} vẫn đọc được bài '{args.mark}' qua nhóm {', '.join(still)}", sys.stderr)
        return EXIT_ERROR
    _out(f"Đã thu hồi quyền đọc bài '{args.mark}' của {args.name}")
    return 0


def cmd_users(archive_path: Path, args) -> int:
    """Accounts on a server archive (desktop/core/store/accounts.py)."""
    from getpass import getpass

    def password() -> str:
        if args.password is not None:
            return args.password
        first = getpass(f"Mật khẩu cho {args.name}: ")
        if getpass("Nhập lại mật khẩu: ") != first:
            raise CliError("hai lần nhập mật khẩu không giống nhau (passwords differ)")
        return first

    with _open(archive_path) as archive:
        accounts = archive.accounts
        if args.action == "list":
            from desktop.core.errors import ROLE_NAMES

            for account in accounts.list():
                state = "" if account.enabled else "  (đã khóa)"
                _out(f"{account.name:<24} {ROLE_NAMES.get(account.role, '?')} ({account.role}){state}")
            return 0
        if not args.name:
            raise CliError(f"cần tên tài khoản: users {args.action} TÊN")
        if args.action == "add":
            if not args.role:
                raise CliError("cần --role reader|clerk|admin")
            accounts.add(args.name, args.role, password())
            _out(f"Đã tạo tài khoản {args.name} ({args.role})")
        elif args.action == "role":
            if not args.role:
                raise CliError("cần --role reader|clerk|admin")
            accounts.set_role(args.name, args.role)
            _out(f"Tài khoản {args.name} nay có quyền {args.role}")
        elif args.action == "passwd":
            accounts.set_password(args.name, password())
            _out(f"Đã đặt mật khẩu mới cho {args.name}")
        else:
            accounts.set_enabled(args.name, args.action == "enable")
            _out(f"Đã {'mở khóa' if args.action == 'enable' else 'khóa'} tài khoản {args.name}")
    return 0


def cmd_audit(archive_path: Path, args) -> int:
    with _open(archive_path, write=False) as archive:
        since = stored_time(dt.datetime.combine(args.since, dt.time())) if args.since else None
        entries = archive.audit.entries(since)
    for entry in entries:
        _out(f"{local_time(entry.at):%d/%m/%Y %H:%M:%S}  {_one(entry.account):<20} {entry.action:<10} {_one(entry.detail or '')}")
    if not entries:
        _out("nhật ký trống")
    return 0


def cmd_reindex(archive_path: Path, args) -> int:
    with _open(archive_path) as archive:
        count = archive.rebuild_index()
    _out(f"Đã lập lại chỉ mục: {count} bài")
    return 0


def cmd_compact_index(archive_path: Path, args) -> int:
    with _open(archive_path) as archive:
        merges = archive.compact_index()
    _out(f"Đã thu gọn chỉ mục: {merges} lần gộp")
    return 0


def cmd_thumbnails(archive_path: Path, args) -> int:
    from desktop.core.maintenance.page_thumbnails import make_missing

    with _open(archive_path) as archive:
        report = make_missing(archive)
    for line in report.failed:
        _out(f"  không làm được: {line}")
    _out(f"Đã làm ảnh trang đầu cho {report.made}/{report.missing} bài")
    return 0


# ------------------------------------------------------------------ parser


class _Version(argparse.Action):
    """``--version``, reading the package metadata only when asked."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        _out(f"LuuTru {desktop.__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="luutru-cli", description="LuuTru — kho lưu trữ bài viết, ảnh, văn bản")
    parser.add_argument("--archive", type=_location,
                        help="thư mục kho lưu trữ, hoặc máy chủ postgresql://user:pw@host:port/db "
                             "(default: $LUUTRU_ARCHIVE, else the user data folder)")
    parser.add_argument("--version", action=_Version, help="show program's version number and exit")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("init", help="tạo kho lưu trữ mới").set_defaults(func=cmd_init)

    p = sub.add_parser("import", help="nhập tệp hoặc thư mục (.txt .docx .html .mhtml ảnh; .doc .rtf qua LibreOffice)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--encoding", choices=["utf-8", "utf-16", "cp1258", "tcvn3", "vni", "viscii"],
                   help="bảng mã của tệp văn bản (mặc định: tự nhận)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("list", help="liệt kê bài viết")
    p.add_argument("--unit")
    p.add_argument("--topic")
    p.add_argument("--year", help="2022, 2022-10, 01/2019..06/2019")
    p.add_argument("--from", dest="date_from", type=_date)
    p.add_argument("--to", dest="date_to", type=_date)
    p.add_argument("--author")
    p.add_argument("--no-lineage", action="store_true", help="chỉ đơn vị đã chọn, không kèm đơn vị tiền thân")
    p.add_argument("--trash", action="store_true", help="bài trong Thùng rác")
    p.add_argument("--sort", choices=["date_desc", "date_asc", "title", "author", "added"], default="date_desc")
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="xem một bài viết")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("tag", help="gắn đơn vị / chủ đề")
    p.add_argument("ids", nargs="+")
    p.add_argument("--unit", action="append", help='đường dẫn, ví dụ "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên"')
    p.add_argument("--topic", action="append")
    p.add_argument("--create", action="store_true", help="tạo đơn vị/chủ đề nếu chưa có")
    p.add_argument("--remove", action="store_true", help="bỏ gắn")
    p.add_argument("--keep-dissolved", action="store_true",
                   help="vẫn gắn đơn vị đã giải thể trước ngày của bài, không hỏi")
    p.add_argument("--if-version", type=int, metavar="N",
                   help="chỉ ghi nếu bài vẫn ở phiên bản N (xem bằng show); ai sửa trước thì báo lỗi, không ghi")
    p.set_defaults(func=cmd_tag)

    for name in ("units", "topics"):
        p = sub.add_parser(name, help=f"quản lý cây {'đơn vị' if name == 'units' else 'chủ đề'}")
        p.add_argument("action", nargs="?", choices=["list", "add", "remove", "set"])
        p.add_argument("path", nargs="?")
        p.add_argument("--rename")
        if name == "units":
            p.add_argument("--kind", help="loại: Tỉnh ủy, Thị ủy, Ban, Đảng ủy xã…")
            p.add_argument("--founded", type=_date)
            p.add_argument("--dissolved", type=_date)
            p.add_argument("--successor", help="đơn vị tiếp nhận (đường dẫn)")
        p.set_defaults(func=cmd_tree)

    for name, helptext in (("trash", "chuyển vào Thùng rác"), ("restore", "khôi phục"), ("purge", "xóa vĩnh viễn")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("ids", nargs="+" if name != "purge" else "*")
        p.set_defaults(func=cmd_trash)

    p = sub.add_parser("search", help='tìm kiếm (unit:"…" kèm đơn vị tiền thân; unit="…" chỉ đơn vị đó)')
    p.add_argument("query")
    p.add_argument("--unit")
    p.add_argument("--topic")
    p.add_argument("--no-lineage", action="store_true", help="--unit không kèm đơn vị tiền thân")
    p.add_argument("--sort", choices=["relevance", "date_desc", "date_asc"], default="relevance")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("export-pdf", help="xuất tập bài viết ra PDF")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--query", help="câu tìm kiếm")
    p.add_argument("--ids", nargs="+", help="mã bài viết")
    p.add_argument("--unit")
    p.add_argument("--topic")
    p.add_argument("--year", help="2022, 2022-10, 01/2019..06/2019")
    p.add_argument("--no-lineage", action="store_true", help="--unit không kèm đơn vị tiền thân")
    p.add_argument("--title")
    p.add_argument("--office", default="THỊ ỦY QUẢNG YÊN")
    p.add_argument("--place", default="Quảng Yên")
    p.add_argument("--no-photos", action="store_true")
    p.add_argument("--one-per-page", action="store_true")
    p.add_argument("--with-restricted", action="store_true", help="gồm cả bài Mật / Lưu hành nội bộ")
    p.add_argument("--captions-list", action="store_true")
    p.add_argument("--a5", action="store_true")
    p.set_defaults(func=cmd_export_pdf)

    sub.add_parser("reindex", help="lập lại chỉ mục tìm kiếm").set_defaults(func=cmd_reindex)
    sub.add_parser("compact-index", help="thu gọn chỉ mục tìm kiếm (gộp các phân đoạn, sau khi nhập nhiều)").set_defaults(
        func=cmd_compact_index)
    sub.add_parser("thumbnails", help="làm ảnh trang đầu cho bài PDF/bản quét nhập trước đây").set_defaults(func=cmd_thumbnails)

    p = sub.add_parser("reorganise", help="sắp xếp đơn vị theo bảng CSV/XLSX (đơn vị cũ, đơn vị mới, ngày, hình thức)")
    p.add_argument("table", nargs="?", help="bảng .csv hoặc .xlsx; không có: liệt kê các lần đã làm")
    p.add_argument("--apply", action="store_true", help="thực hiện (mặc định chỉ xem trước)")
    p.add_argument("--undo", action="store_true", help="hoàn tác lần sắp xếp gần nhất")
    p.set_defaults(func=cmd_reorganise)

    p = sub.add_parser("backup", help="sao lưu kho ra một tệp .zip")
    p.add_argument("-o", "--output", required=True, help="tệp .zip, hoặc thư mục với --auto")
    p.add_argument("--auto", action="store_true", help="sao lưu xoay vòng hằng ngày vào thư mục --output")
    p.add_argument("--keep", type=int, default=7, help="số bản giữ lại với --auto")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore-backup", help="khôi phục kho từ bản sao lưu (kho cũ được giữ lại)")
    p.add_argument("backup")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("salvage", help="cứu kho có cơ sở dữ liệu hỏng: khôi phục bản sao lưu, nhập lại tệp gốc mới hơn")
    p.add_argument("backup", nargs="?", help="tệp .zip (mặc định: bản sao lưu tự động mới nhất còn tốt)")
    p.set_defaults(func=cmd_salvage)

    p = sub.add_parser("check", help="kiểm tra toàn vẹn kho lưu trữ")
    p.add_argument("--repair", action="store_true")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("repair-encoding", help="tìm và sửa chữ lỗi bảng mã cũ (TCVN3/VNI) đã lưu")
    p.add_argument("--apply", action="store_true")
    p.set_defaults(func=cmd_repair_encoding)

    p = sub.add_parser("near-duplicates", help="bài gần trùng (đăng lại có sửa): xem, giữ cả hai, hoặc gộp")
    p.add_argument("--keep", nargs=2, metavar=("NEW", "OLD"))
    p.add_argument("--merge", nargs=2, metavar=("NEW", "OLD"))
    p.set_defaults(func=cmd_near_duplicates)

    p = sub.add_parser("export-scan", help="xuất trang quét của một bài ra PDF tìm được chữ")
    p.add_argument("id", type=int)
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_export_scan)
    p = sub.add_parser("reread", help="đọc chữ trên ảnh của một bài (page) hoặc giữ làm ảnh (photo)")
    p.add_argument("id", type=int)
    p.add_argument("--as", dest="as_", choices=("page", "photo"), required=True)
    p.set_defaults(func=cmd_reread)
    p = sub.add_parser("migrate-to-server", help="chuyển một kho trên máy này lên máy chủ PostgreSQL (còn trống)")
    p.add_argument("folder")
    p.add_argument("url")
    p.set_defaults(func=cmd_migrate_to_server)

    p = sub.add_parser("clearance", help="quyền đọc bài mật trên máy chủ: cấp, thu hồi, xem (grant|revoke|list)")
    p.add_argument("action", choices=("grant", "revoke", "list"))
    p.add_argument("name", nargs="?", help="tài khoản hoặc nhóm (list: bỏ trống để xem mọi tài khoản)")
    p.add_argument("mark", nargs="?", help="internal|secret|topsecret, hoặc 'Lưu hành nội bộ', 'Mật', 'Tối mật'…")
    p.set_defaults(func=cmd_clearance)

    p = sub.add_parser("users", help="tài khoản trên máy chủ: list, add, role, passwd, disable, enable (quản trị)")
    p.add_argument("action", choices=["list", "add", "role", "passwd", "disable", "enable"])
    p.add_argument("name", nargs="?")
    p.add_argument("--role", choices=["reader", "clerk", "admin"])
    p.add_argument("--password", help="mật khẩu (mặc định: hỏi, không hiện lên màn hình)")
    p.set_defaults(func=cmd_users)

    p = sub.add_parser("audit", help="nhật ký đăng nhập, xuất/in bài mật, đổi quyền, xóa vĩnh viễn (quản trị)")
    p.add_argument("--since", type=_date, help="từ ngày, ví dụ 01/12/2026")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("history", help="lịch sử sửa đổi một bài")
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_history)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from desktop.paths import default_archive  # after parsing: --help never loads platformdirs

    global _needed
    _needed = _action(args)

    archive_path = args.archive
    try:
        archive_path = args.archive or default_archive()  # a bad $LUUTRU_ARCHIVE is one line too
        return args.func(archive_path, args)
    except ArchiveDamaged as exc:
        from desktop.core.maintenance.salvage import damaged_message
        from desktop.paths import backups_folder

        _out(f"luutru-cli: lỗi: {damaged_message(exc, archive_path, backups_folder())}", sys.stderr)
        return EXIT_ERROR
    except (CliError, ArchiveError, QueryError, BadLocation) as exc:
        _out(f"luutru-cli: lỗi: {exc}", sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into "head" and closed early
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        _out("luutru-cli: đã dừng", sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the user gets one line, not a traceback
        from desktop.core.maintenance.salvage import translated

        known = translated(exc)
        if known is not None:
            _out(f"luutru-cli: lỗi: {known}", sys.stderr)
            return EXIT_ERROR
        _out(f"luutru-cli: lỗi không mong đợi: {exc.__class__.__name__}: {(str(exc).splitlines() or [''])[0]}", sys.stderr)
        return EXIT_ERROR


def run() -> None:
    """``luutru-cli`` as a program: :func:`main`, then exit with its code.  What is left is frozen
    first (``gc.freeze``), so the interpreter's last garbage collections at exit skip the search
    engine's, numpy's and Whoosh's objects: some 0.1 s of CPU of a 0.5 s search (docs/startup.md).
    Not in :func:`main`, which tests call again and again in one process.

    LuuTru does no linear algebra, so numpy's OpenBLAS gets one thread: starting the second
    (and its spinning) only cost start-up CPU."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    code = main()
    import gc

    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
