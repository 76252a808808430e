"""One archive on the office's PostgreSQL server, used from several PCs at once.

A "PC" here is an :class:`Archive` opened with its own cache folder
(``XDG_CACHE_HOME``), as each office PC has its own user cache.
"""

import datetime as dt
import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from db import models as m
from desktop import cli
from desktop.core.archive import Archive
from desktop.core.draft import ArticleDraft, PhotoDraft
from desktop.core.importing import import_paths
from desktop.core.maintenance.backup import backup, restore
from desktop.core.maintenance.transfer import TransferError, copy_archive, verify_copy
from test_cli import run as run_cli
from helpers.windows import search_in  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def on_pc(monkeypatch, tmp_path, name: str, url: str) -> Archive:
    """Open the server archive as the PC ``name`` would (its own cache folder)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{name}"))
    return Archive.open(url)


def jpeg(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 60), colour).save(out, "JPEG")
    return out.getvalue()


def hits(archive: Archive, text: str) -> list[int]:
    return [h.id for h in archive.search(text).hits]


# ------------------------------------------------------------------ connect


def test_a_string_neither_folder_nor_url_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for bad in ("postgresql:kho", "postgresql://clerk@127.0.0.1:5432", "http://example/kho", "postgresql://h:port/x"):
        with pytest.raises(SystemExit):
            cli.main(["--archive", bad, "list"])
        assert "postgresql://" in capsys.readouterr().err
    monkeypatch.setenv("LUUTRU_ARCHIVE", "postgres:/kho")
    code, _, err = run_cli(capsys, "list")
    assert code != 0 and "không phải thư mục" in err
    assert list(tmp_path.iterdir()) == []  # no folder named "postgresql:" or "postgres:"


def test_unreachable_server_is_one_clear_line(capsys, pc_cache):
    code, out, err = run_cli(capsys, "--archive", "postgresql://clerk:pw@127.0.0.1:9/luutru", "list")
    assert code != 0 and "không kết nối được máy chủ" in err
    assert "pw" not in err and len(err.strip().splitlines()) == 1


def test_init_makes_the_schema_and_every_command_works(empty_server_url, capsys, seeds):
    code, _, err = run_cli(capsys, "--archive", empty_server_url, "list")
    assert code != 0 and "run init" in err  # an empty database is not silently made an archive
    assert run_cli(capsys, "--archive", empty_server_url, "init")[0] == 0
    code, out, _ = run_cli(capsys, "--archive", empty_server_url, "import", *seeds)
    assert code == 0 and "Đã nhập 5" in out
    code, out, _ = run_cli(capsys, "--archive", empty_server_url, "search", "09-NQ/TU", "--json")
    [hit] = json.loads(out)["hits"]
    code, out, _ = run_cli(capsys, "--archive", empty_server_url, "show", hit["id"])
    assert code == 0 and "Quang cảnh hội nghị" in out
    code, out, _ = run_cli(capsys, "--archive", empty_server_url, "list", "--json")
    assert len(json.loads(out)) == 5


# ------------------------------------------------------- several PCs at once


def test_a_save_on_one_pc_is_found_on_another_within_five_seconds(server_url, monkeypatch, tmp_path):
    first = on_pc(monkeypatch, tmp_path, "a", server_url)
    second = on_pc(monkeypatch, tmp_path, "b", server_url)
    try:
        assert first.root != second.root  # each PC its own index
        found = threading.Event()
        second.index_in_background(lambda _count: found.set())
        assert second.wait_for_index(120)  # its indexer process has started and built this PC's index
        found.clear()
        saved = time.monotonic()
        new = first.add_draft(ArticleDraft(title="Hội nghị dân vận ở Nam Hòa", body="Nội dung hội nghị.")).article_id
        assert found.wait(5), "the other PC's index did not take the change within 5 s"
        assert time.monotonic() - saved < 5
        assert hits(second, "hoi nghi dan van nam hoa") == [new]
        first.update_article(new, title="Tổng kết dân vận ở Nam Hòa")
        first.trash([new])
        assert second.wait_for_index(5)
        deadline = time.monotonic() + 5
        while hits(second, "tong ket dan van") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert hits(second, "tong ket dan van") == []  # in the Trash, not in plain searches
    finally:
        first.close()
        second.close()


def test_a_pc_without_an_index_builds_it_from_the_server(server_url, monkeypatch, tmp_path, seeds):
    with on_pc(monkeypatch, tmp_path, "a", server_url) as first:
        import_paths(first, seeds)
    with on_pc(monkeypatch, tmp_path, "new", server_url) as fresh:
        assert fresh.count_articles() == 5
        assert len(hits(fresh, "xay dung dang")) >= 2
        assert (fresh.root / "index").is_dir()


def test_two_pcs_importing_the_same_file_store_one_copy(server_url, monkeypatch, tmp_path):
    photo = jpeg((10, 120, 30))
    draft = ArticleDraft(title="Ảnh hội nghị", body="", photos=[PhotoDraft(caption="Quang cảnh", image=photo)])
    pcs = [on_pc(monkeypatch, tmp_path, name, server_url) for name in "ab"]
    results, barrier = [], threading.Barrier(2)

    def store(pc):
        barrier.wait()
        results.append(pc.add_draft(draft, original=b"original bytes", original_name="hoi-nghi.txt"))

    threads = [threading.Thread(target=store, args=(pc,)) for pc in pcs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert sorted(r.duplicate for r in results) == [False, True]
        assert len({r.article_id for r in results}) == 1
        with pcs[0].session() as s:
            assert s.scalar(select(func.count()).select_from(m.Article)) == 1
            assert s.scalar(select(func.count()).select_from(m.MediaBlob)) == 2  # the photo and the original
        path = pcs[1].photo_path(pcs[1].article(results[0].article_id).photos[0].sha256)
        assert path is not None and path.read_bytes() == photo and pcs[1].root in path.parents  # cached on the PC
    finally:
        for pc in pcs:
            pc.close()


def test_concurrent_tree_edits_make_no_duplicates(server_url, monkeypatch, tmp_path):
    pcs = [on_pc(monkeypatch, tmp_path, str(n), server_url) for n in range(3)]
    barrier, found, errors = threading.Barrier(3), [], []

    def create(pc):
        barrier.wait()
        try:
            found.append(pc.find_path("unit", "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên", create=True))
            found.append(pc.find_path("topic", "Xây dựng Đảng", create=True))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=create, args=(pc,)) for pc in pcs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        with pcs[0].session() as s:
            assert s.scalar(select(func.count()).select_from(m.Unit)) == 2
            assert s.scalar(select(func.count()).select_from(m.Topic)) == 1
        assert len(set(found)) == 2
    finally:
        for pc in pcs:
            pc.close()


def test_an_index_being_written_never_blocks_another_pcs_save(server_url, monkeypatch, tmp_path, seeds):
    with on_pc(monkeypatch, tmp_path, "a", server_url) as indexing, on_pc(monkeypatch, tmp_path, "b", server_url) as saving:
        import_paths(saving, seeds)
        with indexing.search_index.held_writer():  # a long import's writer holds the index open on PC a
            indexing.sync_index()
            started = time.monotonic()
            saving.update_article(1, title="Sửa trong khi máy khác lập chỉ mục")
            assert time.monotonic() - started < 10  # generous: it takes no lock the indexer holds
        assert hits(saving, "may khac lap chi muc") == [1]


# --------------------------------------------------- migration and backups


def _everything(tmp_path) -> Archive:
    """A folder archive using every table: demo trees with successors, photos, history,
    Trash, a near-duplicate decision."""
    from desktop.core.maintenance.demo import build_demo

    archive = build_demo(tmp_path / "kho")
    draft = archive.article(1)
    twin = archive.add_draft(ArticleDraft(title=draft.title + " (đăng lại)", lead=draft.lead,
                                          body=draft.body + " Thêm một câu."))
    if twin.similar_to is not None:
        archive.decide_near_duplicate(twin.article_id, twin.similar_to, merge=False)
    archive.update_photo(archive.article(2).photos[0].id, caption="Chú thích đã sửa")
    archive.trash([3])
    return archive


def test_migrate_to_server_copies_everything_and_refuses_a_non_empty_server(
        tmp_path, empty_server_url, capsys, monkeypatch):
    source = _everything(tmp_path)
    source.close()
    code, out, err = run_cli(capsys, "migrate-to-server", tmp_path / "kho", empty_server_url)
    assert code == 0, err
    assert "đã kiểm tra" in out
    with Archive.open(tmp_path / "kho", readonly=True, create=False) as folder, Archive.open(empty_server_url) as server:
        assert verify_copy(folder, server) == []
        assert server.count_articles() == folder.count_articles()
        assert server.article(2).photos[0].caption == "Chú thích đã sửa"
        assert [e.what for e in server.history(2)] == [e.what for e in folder.history(2)]
        assert server.near_duplicates(open_only=False) == folder.near_duplicates(open_only=False)
        assert server.unit_tree() == folder.unit_tree()
        assert hits(server, "09-NQ/TU") == hits(folder, "09-NQ/TU")
        new = server.add_draft(ArticleDraft(title="Bài mới sau khi chuyển", body="Nội dung.")).article_id
        assert new > max(folder.article_ids())  # ids continue after the copied ones
        photo = server.article(2).photos[0]
        assert server.photo_path(photo.sha256).read_bytes() == folder.photo_path(photo.sha256).read_bytes()
    code, _, err = run_cli(capsys, "migrate-to-server", tmp_path / "kho", empty_server_url)
    assert code != 0 and "đã có dữ liệu" in err


def test_server_backup_and_restore_round_trip(tmp_path, empty_server_url, pg_cluster, monkeypatch):
    source = _everything(tmp_path)
    with Archive.open(empty_server_url) as server:
        copy_archive(source, server)
        info = backup(server, tmp_path / "server.zip")
    with source.session() as s:
        assert info.articles == s.scalar(select(func.count()).select_from(m.Article))  # the Trash too
    restored_url = pg_cluster.url("restored_" + empty_server_url.rsplit("/", 1)[1])
    pg_cluster.sql(f"CREATE DATABASE {restored_url.rsplit('/', 1)[1]}")
    restore(tmp_path / "server.zip", restored_url)
    with Archive.open(restored_url) as restored:
        assert verify_copy(source, restored) == []
        assert hits(restored, "09-NQ/TU") == hits(source, "09-NQ/TU")
    with pytest.raises(TransferError, match="đã có dữ liệu"):
        restore(tmp_path / "server.zip", restored_url)  # never over a server's data
    source.close()


# ------------------------------------------------ several processes at once


def test_cli_from_several_processes_with_their_own_homes(empty_server_url, tmp_path, seeds):
    """Two processes import (half the samples each, and one file both), a third searches;
    then every process finds every article."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cli_cmd = [sys.executable, "-m", "desktop.cli", "--archive", empty_server_url]
    home = lambda name: {**env, "HOME": str(tmp_path / name), "XDG_CACHE_HOME": str(tmp_path / name / ".cache")}  # noqa: E731
    assert subprocess.run([*cli_cmd, "init"], env=home("a"), capture_output=True).returncode == 0
    halves = [seeds[:3], seeds[2:]]
    importers = [subprocess.Popen([*cli_cmd, "import", *map(str, half)], env=home(name),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for name, half in zip("ab", halves)]
    searcher = subprocess.Popen([*cli_cmd, "search", "dang", "--json"], env=home("c"),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for process in [*importers, searcher]:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    for name in "abc":
        listed = subprocess.run([*cli_cmd, "list", "--json"], env=home(name), capture_output=True, text=True)
        ids = sorted(row["id"] for row in json.loads(listed.stdout))
        assert len(ids) == 5
        # Every sample names the Party ("Đảng"): one search from this process's own index finds all.
        found = subprocess.run([*cli_cmd, "search", "dang", "--json"], env=home(name), capture_output=True, text=True)
        assert sorted(h["id"] for h in json.loads(found.stdout)["hits"]) == ids, (name, found.stderr)


# -------------------------------------------------------------- the window


def index_ready(archive: Archive) -> bool:
    from desktop.core.errors import IndexBuilding

    try:
        archive.search("thử")
    except IndexBuilding:
        return False
    return True


def test_connect_dialog_says_what_is_wrong_then_opens_the_server_in_the_window(
        qtbot, tmp_path, server_url, pg_cluster, seeds, monkeypatch):
    pytest.importorskip("PySide6.QtWidgets")
    from PySide6.QtCore import QSettings

    from desktop.ui.main_window import MainWindow
    from desktop.ui.server_dialog import ServerDialog, server_address
    from desktop.ui.settings import Settings

    with Archive.open(server_url) as other_pc:
        import_paths(other_pc, seeds)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    local = Archive.open(tmp_path / "local")
    win = MainWindow(local, settings)
    qtbot.addWidget(win)
    dialog = ServerDialog(win, host="127.0.0.1", database="khong_co", user="luutru")
    qtbot.addWidget(dialog)
    dialog.port.setValue(pg_cluster.port)
    dialog.try_connect()
    qtbot.waitUntil(lambda: not dialog.connecting(), timeout=30000)  # off the window's thread
    assert dialog.archive is None and "khong_co" in dialog.message.text()  # said in the dialog, to correct there
    dialog.database.setText(server_url.rsplit("/", 1)[1])
    dialog.try_connect()
    qtbot.waitUntil(lambda: not dialog.connecting(), timeout=30000)
    assert dialog.archive is not None and dialog.result() == ServerDialog.DialogCode.Accepted
    win._switch_to(dialog.archive)
    assert "127.0.0.1" in win.windowTitle() and win.archive.server
    assert settings.last_archive == server_address("127.0.0.1", pg_cluster.port, server_url.rsplit("/", 1)[1], "luutru", "")
    assert len(win.model.ids()) == 5  # listing works at once, whatever the index is doing
    qtbot.waitUntil(lambda: index_ready(win.archive), timeout=30000)  # built on the window's index thread
    search_in(qtbot, win, "09-NQ/TU")
    assert len(win.model.ids()) == 1
    win.close()
    win.archive.close()


def test_the_daily_backup_of_a_server_is_made_by_one_pc(server_url, monkeypatch, tmp_path, seeds):
    from desktop.core.maintenance.backup import auto_backup

    pcs = [on_pc(monkeypatch, tmp_path, name, server_url) for name in "abc"]
    try:
        import_paths(pcs[0], seeds[:2])
        morning = dt.datetime(2026, 12, 1, 8)
        made = [auto_backup(pc, tmp_path / f"backups-{n}", now=morning + dt.timedelta(minutes=n))
                for n, pc in enumerate(pcs)]
        assert [b is not None for b in made] == [True, False, False]
        tomorrow = auto_backup(pcs[2], tmp_path / "backups-2", now=morning + dt.timedelta(days=1))
        assert tomorrow is not None and restore(tomorrow, tmp_path / "check") is None
        with Archive.open(tmp_path / "check") as copy:
            assert copy.count_articles() == 2
    finally:
        for pc in pcs:
            pc.close()


def test_check_on_a_server_finds_a_damaged_or_missing_file(server_url, monkeypatch, tmp_path, seeds):
    from sqlalchemy import text

    from desktop.core.maintenance.integrity import check

    with on_pc(monkeypatch, tmp_path, "a", server_url) as archive:
        import_paths(archive, seeds)
        assert check(archive).ok
        with archive.session() as s:
            first, second = s.scalars(select(m.MediaBlob.sha256).order_by(m.MediaBlob.sha256).limit(2)).all()
            s.execute(text("UPDATE media_blobs SET data = 'x' WHERE sha256 = :sha"), {"sha": first})
            s.execute(text("DELETE FROM media_blobs WHERE sha256 = :sha"), {"sha": second})
        problems = check(archive).problems
        assert any("bị hỏng" in p and first[:12] in p for p in problems)
        assert any("thiếu tệp" in p and second[:12] in p for p in problems)


@pytest.mark.parametrize("cut", ["terminate", "restart"])
def test_an_import_through_a_server_restart_reports_what_was_stored_and_resumes(
        server_url, monkeypatch, tmp_path, seeds, pg_cluster, cut):
    """Connections cut mid-import (the backend terminated, or the whole server restarted): batches
    before are kept, the batch that met the cut is reported failed, and importing again stores the
    rest, nothing twice."""
    from sqlalchemy import text

    from desktop.core import importing
    from desktop.core.store import articles

    monkeypatch.setattr(importing, "STORE_EVERY", 2)
    real_insert = articles.insert_articles
    calls = []

    def insert_then_cut(s, batch, *args):
        calls.append(len(batch))
        ids = real_insert(s, batch, *args)
        if len(calls) == 2:  # the server goes away in the middle of the second batch's transaction
            if cut == "restart":
                pg_cluster.restart()
                s.execute(text("SELECT 1"))
            else:
                s.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
        return ids

    with on_pc(monkeypatch, tmp_path, "a", server_url) as archive:
        with monkeypatch.context() as patch:
            patch.setattr(articles, "insert_articles", insert_then_cut)
            first = import_paths(archive, seeds)
        statuses = [o.status for o in first]
        assert statuses.count("imported") >= 2 and "failed" in statuses
        assert any("máy chủ" in (o.reason or "") for o in first if o.status == "failed")
        assert archive.count_articles() == statuses.count("imported")
        again = import_paths(archive, seeds)
        assert sorted(o.status for o in again) == sorted(
            "duplicate" if s == "imported" else "imported" for s in statuses)
        assert archive.count_articles() == 5


def test_a_search_without_an_index_thread_sees_other_pcs_changes(server_url, monkeypatch, tmp_path):
    """The command line has no index thread: its search applies the server's newer changes first."""
    with on_pc(monkeypatch, tmp_path, "a", server_url) as first, on_pc(monkeypatch, tmp_path, "b", server_url) as second:
        assert hits(second, "dan van") == []  # b's index is built now, before a's save
        new = first.add_draft(ArticleDraft(title="Hội nghị dân vận", body="Nội dung.")).article_id
        assert hits(second, "dan van") == [new]


def test_an_unreachable_server_at_start_offers_this_pcs_own_archive(qtbot, tmp_path, monkeypatch, pc_cache):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui import app

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(app, "local_archive", lambda: tmp_path / "local")
    archive = app.open_archive("postgresql://clerk:pw@127.0.0.1:9/luutru")
    try:
        assert len(asked) == 1 and "không kết nối được máy chủ" in asked[0] and ":pw@" not in asked[0]
        assert not archive.server and archive.root == tmp_path / "local"
    finally:
        archive.close()
