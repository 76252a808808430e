"""An archive a newer LuuTru has migrated is refused with a clear line, and left as it is.

An office upgrades one PC first: the others, still on the older LuuTru, must not
crash on Alembic's "No such revision" nor write into a schema they do not know."""

import pytest
from sqlalchemy import create_engine, text

from desktop.core.archive import Archive, ArchiveError
from desktop.core.draft import ArticleDraft

NEWER = "9001"  # a revision no version file of this LuuTru names


def set_version(url: str, version: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": version})
    engine.dispose()


def version_of(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    return found


def refused_and_kept(location, url: str) -> None:
    with Archive.open(location) as archive:
        archive.add_draft(ArticleDraft(title="Hội nghị giao ban", body="Nội dung."))
    set_version(url, NEWER)
    with pytest.raises(ArchiveError, match="phiên bản LuuTru mới hơn nâng cấp .*9001"):
        Archive.open(location)
    assert version_of(url) == NEWER  # nothing migrated "down" or over it
    set_version(url, "0015")
    with Archive.open(location) as archive:
        assert [row.title for row in archive.list_articles()] == ["Hội nghị giao ban"]


def test_a_folder_archive_of_a_newer_luutru_is_refused(tmp_path):
    refused_and_kept(tmp_path / "kho", f"sqlite:///{tmp_path / 'kho' / 'archive.sqlite'}")


def test_a_server_archive_of_a_newer_luutru_is_refused(server_url):
    refused_and_kept(server_url, server_url)
