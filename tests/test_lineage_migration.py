"""Migration 0004: one successor column becomes lineage links, and nothing tagged is lost."""

import datetime as dt

from alembic import command
from sqlalchemy import text

from db.engine import make_engine
from db.migrate import _config, current_revision, head_revision
from desktop.core.archive import Archive


def test_successor_column_becomes_links_and_tags_survive_the_table_rebuild(tmp_path):
    root = tmp_path / "old"
    root.mkdir()
    engine = make_engine(root / "archive.sqlite")
    command.upgrade(_config(engine), "0003")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO units (id, parent_id, name) VALUES (1, NULL, 'Tỉnh ủy Trà Vinh')"))
        conn.execute(text("INSERT INTO units (id, parent_id, name) VALUES (3, 1, 'Đảng ủy xã Cầu Ngang')"))
        conn.execute(text(
            "INSERT INTO units (id, parent_id, name, dissolved, successor_id) "
            "VALUES (2, 1, 'Huyện ủy Cầu Ngang', '2025-07-01', 3)"
        ))
        conn.execute(text(
            "INSERT INTO articles (id, title, lead, body, content_hash, created_at, updated_at, published_date) "
            "VALUES (1, 'Hội nghị', '', 'Nội dung', 'h1', '2020-01-01', '2020-01-01', '2019-05-02')"
        ))
        conn.execute(text("INSERT INTO article_units (article_id, unit_id) VALUES (1, 2)"))
    engine.dispose()

    with Archive.open(root, create=False) as arch:
        assert current_revision(arch.engine) == head_revision()
        with arch.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("SELECT article_id, unit_id FROM article_units").all() == [(1, 2)]
            columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(units)")]
            assert "successor_id" not in columns
        lineage = arch.lineage()
        assert lineage.successors(2) == [3]
        assert lineage.predecessors(3) == [2]
        [link] = lineage.links
        assert (link.date, link.kind) == (dt.date(2025, 7, 1), "merge")
        assert arch.article(1).units[0].name == "Huyện ủy Cầu Ngang"


def test_downgrade_keeps_one_successor(tmp_path):
    with Archive.open(tmp_path / "a") as arch:
        province = arch.add_unit("Tỉnh ủy Trà Vinh")
        old = arch.add_unit("Huyện ủy Cầu Ngang", province)
        new = arch.add_unit("Đảng ủy xã Cầu Ngang", province)
        arch.merge_units([old], new, dt.date(2025, 7, 1))
        engine = arch.engine
        command.downgrade(_config(engine), "0003")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT successor_id FROM units WHERE id = :i"), {"i": old}).scalar() == new
            assert conn.execute(text("SELECT count(*) FROM units")).scalar() == 3
