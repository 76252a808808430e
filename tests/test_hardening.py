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


# ---------------------------------------------------------------- 6. leftovers after kills


def test_a_killed_writers_staging_files_go_on_the_next_open_and_check_says_so(seeded, tmp_path):
    root = seeded.root
    seeded.close()
    holder = _holder(root)
    staged = root / "media" / "ab" / ".tmp-k1ll3d"
    staged.parent.mkdir(parents=True, exist_ok=True)
    staged.write_bytes(b"half a photo")
    (root / "index.new").mkdir()
    (root / "index.new" / "MAIN_x.seg").write_bytes(b"half a segment")
    try:
        with Archive.open(root, readonly=True) as reader:  # the writer elsewhere may be staging: only listed
            report = check(reader)
            assert staged.exists() and any(".tmp-k1ll3d" in note for note in report.notes)
    finally:
        holder.communicate("")
    with Archive.open(root) as archive:
        assert not staged.exists() and not (root / "index.new").exists()
        report = check(archive)
        assert report.ok and any("tệp tạm" in line for line in report.repaired)


def test_backup_stages_beside_its_target_and_clears_a_killed_backups_files(seeded, tmp_path):
    import tempfile

    from desktop.core.store.lock import ArchiveLock

    target = tmp_path / "backups"
    target.mkdir()
    for name in (".luutru-dead01.lock", ".luutru-dead01.sqlite", ".luutru-dead01.zip.part", ".luutru-0ld.zip.part"):
        (target / name).write_bytes(b"left by a kill")
    running = ArchiveLock(target, name=".luutru-live02.lock")  # a backup still running elsewhere
    running.acquire()
    (target / ".luutru-live02.zip.part").write_bytes(b"being written")
    shared_temp = set(Path(tempfile.gettempdir()).glob("luutru-backup-*"))
    try:
        backup(seeded, target / "b.zip")
    finally:
        running.release()
    assert sorted(p.name for p in target.iterdir()) == [".luutru-live02.lock", ".luutru-live02.zip.part", "b.zip"]
    assert set(Path(tempfile.gettempdir()).glob("luutru-backup-*")) == shared_temp


# ---------------------------------------------------------------- 8. links out of the folder


def test_a_folder_import_never_follows_a_link_out_of_the_folder(archive, tmp_path):
    from desktop.core.importing import import_paths

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Mật khẩu root\n\nroot:*:20228:0:99999:7:::\n", "utf-8")
    folder = tmp_path / "chosen"
    (folder / "trang_files").mkdir(parents=True)
    (folder / "bai.txt").write_text("Hội nghị giao ban\n\nThị ủy họp giao ban tháng 10.\n", "utf-8")
    (folder / "trang_files" / "ghi-chu.txt").symlink_to(outside / "secret.txt")
    (folder / "ngoai").symlink_to(outside, target_is_directory=True)
    outcomes = import_paths(archive, [folder])
    assert [o.status for o in outcomes if o.status == "imported"] == ["imported"]
    refused = [o for o in outcomes if o.status == "skipped"]
    assert refused and all("ngoài thư mục" in o.reason for o in refused)
    assert any(o.path.endswith("ghi-chu.txt") for o in refused)
    assert all("root" not in archive.article(i).body for i in archive.article_ids())


# ---------------------------------------------------------------- 12. terminal control characters

HOSTILE_TITLE = "Tin \x1b[2J\x1b[31mđỏ\x1b[0m \u202egnaĐ\u202c\nhai dòng"


def test_controls_are_stripped_from_titles_and_escaped_on_output(tmp_path, capsys):
    from desktop.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    long = "Thị ủy tổ chức hội nghị giao ban công tác tuyên truyền. " * 20  # controls are rare, as in real text
    (folder / "tên\x1b[2Jtệp\u202e.txt").write_text(f"{HOSTILE_TITLE}\n\nNội dung\x07 bài viết có \x1b[1mđậm\x1b[0m. {long}\n", "utf-8")
    (folder / "xuống\ndòng.txt").write_bytes(b"\x00\x01 not text")  # its name is printed with the failure
    root = str(tmp_path / "archive")
    main(["--archive", root, "import", str(folder)])
    main(["--archive", root, "list"])
    main(["--archive", root, "history", "1"])
    main(["--archive", root, "show", "1"])
    out, err = capsys.readouterr()
    for stream in (out, err):
        assert "\x1b" not in stream and "\u202e" not in stream and "\x07" not in stream
    assert "xuống\\u000adòng.txt: tệp nhị phân" in err  # a file name's newline shown, not obeyed
    with Archive.open(tmp_path / "archive") as archive:
        articles = [archive.article(i) for i in archive.article_ids()]
        assert "Tin [2J[31mđỏ[0m gnaĐ" in [a.title for a in articles]
        assert not any(ch in a.title + a.body for a in articles for ch in "\x1b\x07\u202e\u202c")


# ---------------------------------------------------------------- 11. long text never cut silently


def test_a_long_text_is_imported_whole_whatever_lines_it_holds(archive, tmp_path):
    from desktop.core.importing import import_paths

    paragraph = "Thị ủy tổ chức hội nghị giao ban công tác tuyên truyền quý {} năm 2022."
    parts = ["Tổng hợp tin bài cả năm", "", "Xem thêm", "Tin liên quan", ""]  # page-menu lines near the top
    parts += [paragraph.format(i) + ("\n\nXem thêm\nTin liên quan\n" if i % 1000 == 999 and i < 19_000 else "")
              for i in range(20_000)]  # menu blocks inside the text, as in a saved page of pages
    path = tmp_path / "dai.txt"
    path.write_text("\n".join(parts), "utf-8")
    assert len(path.read_text("utf-8")) > 1_400_000
    [outcome] = import_paths(archive, [path])
    assert outcome.status == "imported"
    body = archive.article(outcome.article_id).body
    assert "quý 19999 năm 2022" in body and body.count("giao ban") >= 19_999


def test_a_real_footer_is_still_dropped(archive, tmp_path):
    from desktop.core.ingest.plaintext import parse_plaintext

    text = "Hội nghị giao ban\n\n" + "Nội dung bài viết về giao ban. " * 30 + "\n\nTin liên quan\n\nBài khác 1\n\nBài khác 2\n"
    draft = parse_plaintext(text)
    assert "Bài khác" not in draft.body and "Tin liên quan" not in draft.body


# ---------------------------------------------------------------- 9-10. bad and huge pictures


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims to be ``width`` × ``height`` (header and one empty block only)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


def test_one_bad_picture_costs_only_itself_and_is_named(archive, tmp_path):
    from test_importers import PAGE, TITLE, jpeg_bytes

    from desktop.core.importing import import_paths

    files = tmp_path / "bai_files"
    files.mkdir()
    (files / "anh1.jpg").write_bytes(jpeg_bytes())
    (files / "anh2.jpg").write_bytes(b"<html><body>404 Not Found</body></html>")  # a 404 page saved as a picture
    page = PAGE.format(title=TITLE).replace("<p>Hội nghị thống nhất", '<img src="bai_files/khong-lo.png"><p>Hội nghị thống nhất')
    (files / "khong-lo.png").write_bytes(_png_header(100_000, 100_000))
    (tmp_path / "bai.html").write_text(page, "utf-8")
    [outcome] = import_paths(archive, [tmp_path / "bai.html"])
    assert outcome.status == "imported", outcome.reason
    article = archive.article(outcome.article_id)
    assert "09-NQ/TU" in article.lead + article.body
    assert sum(1 for p in article.photos if p.sha256) == 1  # the good one
    assert "Các đại biểu biểu quyết thông qua nghị quyết" in [p.caption for p in article.photos]  # a bad one's caption kept
    named = " | ".join(outcome.skipped_photos)
    assert "anh2.jpg" in named and "khong-lo.png" in named and "0x" not in named


def test_a_broken_picture_in_a_docx_keeps_the_text(archive, tmp_path):
    import zipfile

    from test_importers import make_docx

    from desktop.core.importing import import_paths

    make_docx(tmp_path / "good.docx")
    with zipfile.ZipFile(tmp_path / "good.docx") as src, zipfile.ZipFile(tmp_path / "bad.docx", "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("word/media/"):
                data = data[: len(data) // 3]  # a truncated JPEG
            dst.writestr(item, data)
    [outcome] = import_paths(archive, [tmp_path / "bad.docx"])
    assert outcome.status == "imported", outcome.reason
    assert "09-NQ/TU" in archive.article(outcome.article_id).lead + archive.article(outcome.article_id).body
    assert outcome.skipped_photos and all("word/media" not in s and "image" in s for s in outcome.skipped_photos)


def test_a_picture_used_many_times_is_decoded_once_and_a_document_has_a_pixel_budget(archive, monkeypatch):
    from test_importers import jpeg_bytes

    from desktop.core.draft import ArticleDraft, PhotoDraft
    from desktop.core.store import preparing as storing  # where articles are checked before storing

    decoded = []
    real = storing.inspect_photo
    monkeypatch.setattr(storing, "inspect_photo", lambda data: decoded.append(len(data)) or real(data))
    same = jpeg_bytes(size=(400, 300))
    draft = ArticleDraft(title="Một ảnh dùng bốn mươi lần", body="Nội dung bài.",
                         photos=[PhotoDraft(caption=f"Lần {i}", image=same) for i in range(40)])
    result = archive.add_draft(draft)
    assert len(decoded) == 1
    assert len({p.sha256 for p in archive.article(result.article_id).photos}) == 1

    monkeypatch.setattr(storing, "MAX_DOCUMENT_PIXELS", 2 * 400 * 300)
    prepared = storing.prepare(storing.Incoming(ArticleDraft(
        title="Ba ảnh khác nhau", body="Nội dung.",
        photos=[PhotoDraft(image=jpeg_bytes(color=(i * 40, 0, 0), size=(400, 300)), name=f"anh{i}.jpg") for i in range(3)])))
    assert [p is not None for p in prepared.photos] == [True, True, False]
    assert prepared.skipped_photos[0].startswith("anh2.jpg: ") and "điểm ảnh" in prepared.skipped_photos[0]


# ---------------------------------------------------------------- 13. a deleted media file


def test_a_deleted_media_file_is_named_warned_about_and_healed_by_reimport(archive, tmp_path, capsys):
    from test_importers import PAGE, TITLE, jpeg_bytes

    from desktop.cli import main
    from desktop.core.importing import import_paths

    (tmp_path / "bai_files").mkdir()
    (tmp_path / "bai_files" / "anh1.jpg").write_bytes(jpeg_bytes())
    (tmp_path / "bai_files" / "anh2.jpg").write_bytes(jpeg_bytes(color=(0, 90, 0)))
    (tmp_path / "bai.html").write_text(PAGE.format(title=TITLE), "utf-8")
    [outcome] = import_paths(archive, [tmp_path / "bai.html"])
    photo = archive.article(outcome.article_id).photos[0]
    archive.photo_path(photo.sha256).unlink()
    [problem] = check(archive).problems
    assert f"#{outcome.article_id}" in problem and "bai.html" in problem and "ảnh 1" in problem
    root = str(archive.root)
    archive.close()
    assert main(["--archive", root, "backup", "-o", str(tmp_path / "b.zip")]) == 0
    assert "thiếu 1 tệp media" in capsys.readouterr().err
    with Archive.open(root) as again:
        assert import_paths(again, [tmp_path / "bai.html"])[0].status == "duplicate"
        assert again.photo_path(photo.sha256).exists() and check(again).ok


def test_the_windows_import_summary_names_each_picture_left_out(qtbot):
    from PySide6.QtWidgets import QWidget

    from desktop.core.views import ImportOutcome
    from desktop.ui.dialogs import import_summary

    parent = QWidget()
    qtbot.addWidget(parent)
    outcome = ImportOutcome("bai.html", "imported", article_id=1, title="Bài",
                            skipped_photos=("anh2.jpg: không nhận ra định dạng ảnh",))
    box = import_summary(parent, [outcome], cancelled=False)
    assert "bai.html: bỏ qua ảnh anh2.jpg: không nhận ra định dạng ảnh" in box.detailedText()
