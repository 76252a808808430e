"""``luutru-cli search`` on a folder archive without SQLAlchemy (desktop/core/quick_search.py, issue 22).

Every kind of search prints exactly what the full open prints (the trash, a
restricted article, units through their lineage, topics, photos' captions,
phrases, sorts, JSON, suggestions, errors), and whenever anything is due (a
migration, queued index work, an index missing, damaged or out of step, a
restore to finish, a read that fails) the full open answers instead.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import sqlite3

import pytest
from alembic import command
from PIL import Image

from desktop import cli
from desktop.core import quick_search
from desktop.core.archive import Archive
from desktop.core.draft import ArticleDraft, PhotoDraft
from desktop.core.importing import import_file
from desktop.core.search.quick_index import QuickIndex
from desktop.core.store.interrupted_restore import staging_for
from db.migrate import _config, head_revision

TOWN = "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên"
OLD_DISTRICT = "Tỉnh ủy Quảng Ninh/Huyện ủy Yên Hưng"
TRASHED = "Thị ủy giao ban công tác tuyên giáo, bản đã bỏ vào thùng rác"
SECRET = "Thị ủy giao ban về vụ việc kho bạc xã Hòa Bình"
CAPTION = "Thường trực Thị ủy chủ trì hội nghị giao ban khối dân vận"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def kho(tmp_path, seeds):
    """The five samples, units with a predecessor, a topic, a trashed article, a restricted one
    ("Mật": a folder archive shows it to its one user), one with a captioned photo."""
    root = tmp_path / "kho"
    with Archive.open(root) as arch:
        ids = [import_file(arch, path).article_id for path in seeds]
        province = arch.add_unit("Tỉnh ủy Quảng Ninh")
        town = arch.add_unit("Thị ủy Quảng Yên", province, founded=dt.date(2011, 4, 25))
        district = arch.add_unit("Huyện ủy Yên Hưng", province, dissolved=dt.date(2011, 4, 25))
        arch.link_units(district, town, dt.date(2011, 4, 25))
        topic = arch.add_topic("Xây dựng Đảng")
        arch.tag(ids[:2], unit_ids=[town], topic_ids=[topic])
        arch.tag(ids[2:3], unit_ids=[district])
        trashed = arch.add_draft(ArticleDraft(title=TRASHED, body="Thị ủy giao ban công tác tuyên giáo đầu xuân Canh Dần.",
                                              published_date=dt.date(2010, 3, 1)), unit_ids=[district]).article_id
        arch.trash([trashed])
        arch.add_draft(ArticleDraft(title=SECRET, circulation="Mật", published_date=dt.date(2024, 5, 6),
                                    body="Đoàn kiểm tra xác minh sai phạm của ông Trương Văn Khoát."), unit_ids=[town])
        arch.add_draft(ArticleDraft(title="Hội nghị khối dân vận", body="Hội nghị bàn việc dân vận khéo.",
                                    photos=[PhotoDraft(caption=CAPTION, credit="Minh Anh", image=jpeg())]))
    return root


def run(capsys, root, *args):
    code = cli.main(["--archive", str(root), "search", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def quick_searches(monkeypatch):
    """How many searches the quick path answered."""
    answered = []
    real = quick_search.QuickArchive.search
    monkeypatch.setattr(quick_search.QuickArchive, "search",
                        lambda self, *a, **k: (answered.append(a[0]), real(self, *a, **k))[1])
    return answered


def full_open(monkeypatch):
    monkeypatch.setattr(quick_search.QuickArchive, "open", classmethod(lambda cls, root: None))


SEARCHES = [
    ("giao ban thi uy",),
    ("giao ban thị ủy", "--json"),
    ('"giao ban"',),
    ('"thị ủy giao ban công tác"', "--json"),
    ("giao ban", "--sort", "date_desc", "--limit", "3"),
    ("giao ban", "--sort", "date_asc", "--json"),
    ("giao ban", "--unit", TOWN),
    ("giao ban", "--unit", TOWN, "--no-lineage", "--json"),
    ("giao ban", "--unit", OLD_DISTRICT),
    ('unit:"quang yen" giao ban',),
    ('unit="Thị ủy Quảng Yên" giao ban', "--json"),
    ("giao ban", "--topic", "Xây dựng Đảng"),
    ("khoat",),  # only the restricted article holds it
    ("canh dan",),  # only the trashed article holds it
    ("dan van kheo", "--json"),  # a caption and a body
    ("giao bna",),  # nothing found: "did you mean"
    ("09-NQ/TU",),
    ("giao ban", "--unit", "Tỉnh ủy Quảng Ninh/Không có"),  # an error, worded by the full open
    ("giao ban", "--topic", "Không có"),
    ('"giao ban',),  # a query error
]


def test_every_search_prints_what_the_full_open_prints(kho, capsys, monkeypatch, quick_searches):
    quick = [run(capsys, kho, *args) for args in SEARCHES]
    assert len(quick_searches) >= len(SEARCHES) - 3  # all but the two unknown paths (and the bad query, perhaps)
    with monkeypatch.context() as patch:
        full_open(patch)
        full = [run(capsys, kho, *args) for args in SEARCHES]
    for args, got, expected in zip(SEARCHES, quick, full):
        assert got == expected, args
    first, as_json = quick[0][1], json.loads(quick[1][1])
    assert "[Thị] [ủy] [giao] [ban] công tác Đảng, đoàn thể 9 tháng năm 2023" in first
    assert TRASHED not in "".join(out for _, out, _ in quick)  # the trash stays out, as in the full open
    assert "0 kết quả" in quick[13][1]
    assert SECRET in quick[12][1]  # a folder archive has no clearance rules: its one user reads it
    assert as_json["facets"]["tagged"]  # unit paths printed from the quick path's own lineage
    assert "kèm 1 đơn vị tiền thân: Huyện ủy Yên Hưng" in quick[6][1]
    assert quick[17][0] == 1 and "không có 'Không có'" in quick[17][2]


def test_the_quick_path_leaves_the_folder_as_it_was(kho, capsys, quick_searches):
    before = sorted(p.relative_to(kho) for p in kho.rglob("*"))
    assert run(capsys, kho, "giao ban")[0] == 0
    assert quick_searches == ["giao ban"]
    assert sorted(p.relative_to(kho) for p in kho.rglob("*")) == before  # no -wal, -shm or lock left


def _not_quick(capsys, kho, quick_searches, expected: str) -> None:
    """QuickArchive declines the archive and the command still prints the full open's answer."""
    assert quick_search.QuickArchive.open(kho) is None
    code, out, err = run(capsys, kho, "giao ban thi uy")
    assert code == 0, err
    assert expected in out
    assert quick_searches == []


def test_queued_index_work_is_left_to_the_full_open(kho, capsys, quick_searches):
    with Archive.open(kho) as arch:
        arch.add_draft(ArticleDraft(title="Thị ủy giao ban tháng mười hai", body="Giao ban cuối năm."), index=False)
    _not_quick(capsys, kho, quick_searches, "[ban] tháng mười hai")
    assert quick_search.QuickArchive.open(kho) is not None  # the full open indexed it


def test_a_schema_behind_the_head_is_migrated_by_the_full_open(kho, capsys, quick_searches):
    with Archive.open(kho) as arch:
        command.downgrade(_config(arch.engine), "-1")
    _not_quick(capsys, kho, quick_searches, "công tác Đảng, đoàn thể 9 tháng")
    with sqlite3.connect(kho / "archive.sqlite") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]


def test_a_damaged_or_missing_index_is_rebuilt_by_the_full_open(kho, capsys, quick_searches):
    segment = max((kho / "index").glob("*.trm"), key=lambda p: p.stat().st_size)
    segment.write_bytes(segment.read_bytes()[:-7] + b"damaged")
    _not_quick(capsys, kho, quick_searches, "công tác Đảng, đoàn thể 9 tháng")
    shutil.rmtree(kho / "index")
    _not_quick(capsys, kho, quick_searches, "công tác Đảng, đoàn thể 9 tháng")
    assert quick_search.QuickArchive.open(kho) is not None


def test_an_index_out_of_step_with_the_database_is_left_to_the_full_open(kho, capsys, quick_searches):
    """An article gone from the database behind the index's back (a restored database file)."""
    with sqlite3.connect(kho / "archive.sqlite") as db:
        (gone,) = db.execute("SELECT id FROM articles WHERE title = ?", (SECRET,)).fetchone()
        db.execute("DELETE FROM article_units WHERE article_id = ?", (gone,))
        db.execute("DELETE FROM articles WHERE id = ?", (gone,))
    assert quick_search.QuickArchive.open(kho) is None
    code, out, _ = run(capsys, kho, "khoat")
    assert code == 0 and SECRET not in out and "0 kết quả" in out


def test_a_restore_to_finish_is_left_to_the_full_open(kho, capsys, quick_searches):
    staging_for(kho).mkdir()
    _not_quick(capsys, kho, quick_searches, "công tác Đảng, đoàn thể 9 tháng")
    assert not staging_for(kho).exists()  # the full open finished (here: removed) it


def test_a_read_that_fails_mid_search_is_redone_by_the_full_open(kho, capsys, monkeypatch):
    expected = run(capsys, kho, "giao ban thi uy", "--json")

    def failing(self, ids):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(QuickIndex, "hit_texts", failing)
    assert run(capsys, kho, "giao ban thi uy", "--json") == expected
