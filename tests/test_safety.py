"""Nothing is ever lost: backups, integrity check, crash safety, concurrent use, history."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from desktop.core.archive import Archive, ArchiveLocked, ReadOnly
from desktop.core.maintenance.backup import BackupError, auto_backup, backup, restore, verify
from desktop.core.maintenance.integrity import check

ROOT = Path(__file__).resolve().parent.parent


def test_backup_while_open_and_restore_keeps_the_old_archive(seeded, tmp_path):
    info = backup(seeded, tmp_path / "b.zip")
    assert info.articles == 5
    manifest = verify(tmp_path / "b.zip")
    assert manifest["schema"] and "archive.sqlite" in manifest["files"]
    assert any(name.startswith("media/") for name in manifest["files"])
    seeded.trash([1])
    seeded.purge([1])
    target = tmp_path / "restored"
    target.mkdir()
    (target / "archive.sqlite").write_bytes(b"an archive that must not be overwritten")
    kept = restore(tmp_path / "b.zip", target)
    assert (kept / "archive.sqlite").read_bytes() == b"an archive that must not be overwritten"
    with Archive.open(target) as restored:
        assert restored.count_articles() == 5
        assert restored.article(1).photos[0].caption == "Quang cảnh hội nghị"
        assert [h.id for h in restored.search("09-NQ/TU").hits] == [1]
        assert check(restored).ok


def test_a_damaged_backup_is_refused_before_anything_is_touched(seeded, tmp_path):
    backup(seeded, tmp_path / "b.zip")
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(tmp_path / "b.zip") as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("media/"):
                data = data[:-10] + b"0123456789"
            dst.writestr(item, data)
    target = tmp_path / "current"
    target.mkdir()
    (target / "keep.txt").write_text("x")
    with pytest.raises(BackupError, match="hỏng"):
        restore(damaged, target)
    assert (target / "keep.txt").exists() and not (tmp_path / "current.restoring").exists()
    (tmp_path / "junk.zip").write_bytes(b"PK not really")
    with pytest.raises(BackupError, match="không phải bản sao lưu"):
        verify(tmp_path / "junk.zip")


def test_automatic_backups_rotate(seeded, tmp_path):
    import datetime as dt

    folder = tmp_path / "backups"
    start = dt.datetime(2026, 1, 1, 8)
    for day in range(5):
        made = auto_backup(seeded, folder, keep=3, now=start + dt.timedelta(days=day))
        assert made is not None
        os.utime(made, (made.stat().st_atime, (start + dt.timedelta(days=day)).timestamp()))
    assert auto_backup(seeded, folder, keep=3, now=start + dt.timedelta(days=4, hours=2)) is None
    assert len(list(folder.glob("*.zip"))) == 3


def test_check_finds_and_repairs(demo_archive):
    seeded = demo_archive
    assert check(seeded).ok
    photo = seeded.article(1).photos[0]
    path = seeded.photo_path(photo.sha256)
    original = path.read_bytes()
    path.write_bytes(original[:-5] + b"xxxxx")
    report = check(seeded)
    assert any("bị hỏng" in p for p in report.problems)
    path.write_bytes(original)
    moved = path.with_name(photo.sha256)  # right content, wrong name
    path.rename(moved)
    assert not check(seeded).ok
    report = check(seeded, repair=True)
    assert report.repaired and path.exists()
    with seeded.session() as s:
        s.execute(__import__("sqlalchemy").text("DELETE FROM index_queue"))
    seeded.search_index.rebuild()
    writer = seeded.search_index.ix.writer()
    writer.delete_by_term("id", "2")
    writer.commit()
    report = check(seeded)
    assert any("chỉ mục lệch" in p for p in report.problems)
    assert check(seeded, repair=True).repaired
    assert check(seeded).ok


def test_missing_media_file_is_reported_not_a_crash(demo_archive, tmp_path):
    seeded = demo_archive
    from desktop.core.pdf.compilation import export_pdf

    photo = seeded.article(2).photos[0]
    seeded.photo_path(photo.sha256).unlink()
    assert any("thiếu tệp media" in p for p in check(seeded).problems)
    report = export_pdf(seeded, [2], tmp_path / "x.pdf")
    assert report.photos == 1  # the other photo; the lost one keeps its caption


def test_second_writer_is_refused_readonly_is_allowed(seeded):
    with pytest.raises(ArchiveLocked, match="đang được mở"):
        Archive.open(seeded.root)
    with Archive.open(seeded.root, readonly=True) as reader:
        assert reader.count_articles() == 5
        assert [h.id for h in reader.search("09-NQ/TU").hits] == [1]
        with pytest.raises(ReadOnly):
            reader.trash([1])
        with pytest.raises(ReadOnly):
            reader.find_path("unit", "Mới", create=True)
    seeded.trash([2])  # the writer is unaffected


def test_a_crashed_writer_leaves_no_stale_lock(tmp_path):
    root = tmp_path / "a"
    Archive.open(root).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys,time; from desktop.core.archive import Archive; "
         "a=Archive.open(sys.argv[1]); print('ready', flush=True); time.sleep(60)", str(root)],
        stdout=subprocess.PIPE, cwd=ROOT,
    )
    assert holder.stdout.readline().strip() == b"ready"
    with pytest.raises(ArchiveLocked):
        Archive.open(root)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with Archive.open(root) as archive:  # the OS dropped the lock with the process
        assert archive.count_articles() == 0


def test_history_answers_who_changed_the_caption(seeded):
    photo = seeded.article(1).photos[0]
    seeded.update_photo(photo.id, caption="Quang cảnh hội nghị giao ban")
    seeded.update_article(1, author="Thu Trang (BTG)")
    seeded.trash([1])
    seeded.restore([1])
    edits = seeded.history(1)
    assert [e.what for e in edits] == ["created", "ảnh 1: chú thích", "author", "trash", "restore"]
    caption = edits[1]
    assert (caption.old, caption.new, caption.who) == ("Quang cảnh hội nghị", "Quang cảnh hội nghị giao ban", seeded.user)


def test_hand_edited_bad_row_gives_a_clear_error(seeded, capsys):
    from desktop import cli

    seeded.close()
    conn = sqlite3.connect(seeded.root / "archive.sqlite")
    conn.execute("UPDATE articles SET published_date = 'hôm qua' WHERE id = 3")
    conn.commit()
    conn.close()
    code = cli.main(["--archive", str(seeded.root), "show", "3"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err


def test_bad_settings_values_fall_back_to_defaults(tmp_path):
    pytest.importorskip("PySide6.QtCore")
    from PySide6.QtCore import QSettings

    from desktop.ui.settings import Settings

    path = tmp_path / "s.ini"
    path.write_text("[ui]\nlanguage=klingon\n[search]\nsaved=@Invalid(\n[window]\ngeometry=garbage\n")
    settings = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    assert settings.language == "vi"
    assert settings.state("geometry") is None
    assert isinstance(settings.saved_searches, list)


CORPUS_FILES = 120


def _write_corpus(folder: Path) -> list[Path]:
    from bench.corpus import Corpus

    folder.mkdir()
    files = []
    for number, (draft, _units, _topics) in enumerate(Corpus(seed=7).articles(CORPUS_FILES)):
        path = folder / f"{number:03d}.txt"
        path.write_text(f"{draft.title}\n\n{draft.published_date:%d/%m/%Y}\n\n{draft.lead}\n\n{draft.body}\n\n{draft.author}\n",
                        "utf-8")
        files.append(path)
    return files


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_sigkill_at_random_moments_loses_nothing_reported(tmp_path):
    files = _write_corpus(tmp_path / "in")
    root = tmp_path / "archive"
    rng = random.Random(int(os.environ.get("LUUTRU_CRASH_SEED", "42")))
    kills = int(os.environ.get("LUUTRU_CRASH_KILLS", "12"))
    reported: dict[int, str] = {}
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, "-m", "tests.helpers.import_worker", str(root), *map(str, files)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, text=True)
        time.sleep(rng.uniform(0.3, 3.0))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        for line in out.splitlines():
            status, article_id, name = line.split("\t")
            if status in ("imported", "duplicate"):
                reported[int(article_id)] = name
        with Archive.open(root) as archive:  # the index catches up on open
            report = check(archive)
            assert report.ok, report.problems
            for article_id in reported:
                assert archive.article(article_id).title
            assert archive.search_index.doc_count() == archive.count_articles()
    with Archive.open(root) as archive:
        assert archive.count_articles() >= len(reported)
        titles = [archive.article(i).title for i in archive.article_ids()]
        assert len(titles) == len(set(titles))  # resumed imports made no duplicates
        print(f"\ncrash test: {kills} SIGKILLs, {len(reported)} articles reported stored, "
              f"{archive.count_articles()} in the archive, none lost")
