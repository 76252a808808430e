import datetime as dt
import io
import sqlite3

import pytest
from PIL import Image

from conftest import seed_path
from db.migrate import current_revision, head_revision
from desktop.core.archive import Archive, ArchiveError, ArticleFilter, NotFound
from desktop.core.draft import ArticleDraft, PhotoDraft
from desktop.core.importing import import_file
from desktop.core.store.media import sha256_file
from desktop.core.photos import PhotoError

from conftest import on_both_engines, sqlite_only  # noqa: E402

engine = on_both_engines()  # the archive tests run on SQLite and on PostgreSQL


def jpeg(width=64, height=32, orientation=None) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@sqlite_only
def test_archive_folder_layout_and_sqlite_settings(archive):
    assert (archive.root / "archive.sqlite").is_file()
    assert (archive.root / "media").is_dir()
    assert (archive.root / "index").is_dir()
    with archive.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert current_revision(archive.engine) == head_revision()


def test_reopening_keeps_everything(tmp_path, seeds):
    with Archive.open(tmp_path / "a") as arch:
        for path in seeds:
            import_file(arch, path)
    with Archive.open(tmp_path / "a", create=False) as arch:
        assert arch.count_articles() == 5


def test_an_old_unversioned_database_is_migrated_on_open(tmp_path):
    root = tmp_path / "old"
    root.mkdir()
    sqlite3.connect(root / "archive.sqlite").close()  # an empty DB, as a pre-release build left it
    with Archive.open(root, create=False) as arch:
        assert current_revision(arch.engine) == head_revision()
        assert arch.count_articles() == 0


def test_open_refuses_missing_archive_and_foreign_folder(tmp_path):
    with pytest.raises(ArchiveError, match="init"):
        Archive.open(tmp_path / "nothing", create=False)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "letter.docx").write_bytes(b"x")
    with pytest.raises(ArchiveError, match="not empty"):
        Archive.open(tmp_path / "docs")


def test_import_keeps_original_file_by_hash(archive):
    path = seed_path("001")
    outcome = import_file(archive, path)
    detail = archive.article(outcome.article_id)
    stored = archive.media.find(detail.original_sha256)
    assert stored is not None and stored.read_bytes() == path.read_bytes()
    assert sha256_file(stored) == detail.original_sha256


def test_same_text_is_a_duplicate(archive):
    first = import_file(archive, seed_path("000"))
    again = import_file(archive, seed_path("000"))
    assert (first.status, again.status) == ("imported", "duplicate")
    assert again.article_id == first.article_id
    assert archive.count_articles() == 1


def test_detail_has_photos_refs_people(seeded):
    article = seeded.article(2)
    assert [p.credit for p in article.photos] == ["Nguyễn Chiến", "Nguyễn Dung"]
    assert [p.position for p in article.photos] == [0, 1]
    assert "507-QĐ/TU" in [r.number for r in article.doc_refs]
    assert "Vũ Đức Hưởng" in [m.name for m in article.mentions]


def test_editing_the_body_keeps_people_named_in_captions(seeded):
    assert "Trần Đức Thắng" in [m.name for m in seeded.article(2).mentions]  # named only in a caption
    seeded.update_article(2, body="Nội dung rút gọn.")
    assert "Trần Đức Thắng" in [m.name for m in seeded.article(2).mentions]


def test_edit_renormalises_and_reextracts(seeded):
    seeded.update_article(5, body="Thực hiện Kết luận số 1202-KL/TU ngày 20/7/2022 của Thị ủy.", author="Hữu Ánh")
    article = seeded.article(5)
    assert [r.number for r in article.doc_refs] == ["1202-KL/TU"]
    with pytest.raises(ArchiveError):
        seeded.update_article(5, title="   ")
    with pytest.raises(ArchiveError):
        seeded.update_article(5, content_hash="x")
    assert seeded.article(5).title.startswith("Thị ủy giao ban")


def test_trash_restore_purge(seeded):
    assert seeded.trash([1, 2]) == 2
    assert seeded.count_articles() == 3
    assert seeded.count_articles(ArticleFilter(trashed=True)) == 2
    assert seeded.restore([2]) == 1
    assert seeded.purge() == 1  # only article 1 is in the Trash
    assert seeded.count_articles() == 4
    with pytest.raises(NotFound):
        seeded.article(1)
    assert seeded.purge([3]) == 0  # not in the Trash: purge refuses live articles


def test_unit_tree_tagging_and_descendant_filter(seeded):
    province = seeded.add_unit("Tỉnh ủy Quảng Ninh", kind="Tỉnh ủy")
    town = seeded.add_unit("Thị ủy Quảng Yên", province, kind="Thị ủy")
    board = seeded.add_unit("Ban Tuyên giáo", town, kind="Ban")
    seeded.tag([1, 5], unit_ids=[town])
    seeded.tag([2], unit_ids=[board])
    assert set(seeded.article_ids(ArticleFilter(unit_ids=[province]))) == {1, 2, 5}
    assert set(seeded.article_ids(ArticleFilter(unit_ids=[board]))) == {2}
    tree = seeded.unit_tree()
    assert tree[0].name == "Tỉnh ủy Quảng Ninh" and tree[0].count == 3  # counts include sub-units
    assert tree[0].children[0].count == 3 and tree[0].children[0].children[0].count == 1
    assert seeded.article(2).units[0].path == "Tỉnh ủy Quảng Ninh › Thị ủy Quảng Yên › Ban Tuyên giáo"
    seeded.untag([1], unit_ids=[town])
    assert set(seeded.article_ids(ArticleFilter(unit_ids=[town]))) == {2, 5}
    with pytest.raises(ArchiveError, match="already"):
        seeded.add_unit("Thị ủy Quảng Yên", province)
    with pytest.raises(ArchiveError, match="children"):
        seeded.remove_unit(town)
    with pytest.raises(ArchiveError, match="cycle"):
        seeded.update_unit(province, parent_id=board)


def test_dissolved_unit_keeps_its_articles_and_names_its_successor(seeded):
    old = seeded.add_unit("Huyện ủy Cầu Ngang", kind="Huyện ủy", dissolved=dt.date(2025, 6, 30))
    new = seeded.add_unit("Đảng ủy xã Cầu Ngang", kind="Đảng ủy xã", founded=dt.date(2025, 7, 1))
    seeded.link_units(old, new, dt.date(2025, 7, 1))
    seeded.tag([3], unit_ids=[old])
    node = next(n for n in seeded.unit_tree() if n.id == old)
    assert (node.dissolved, node.successor_ids, node.count) == (dt.date(2025, 6, 30), (new,), 1)


def test_find_path_creates_topics_on_request(seeded):
    with pytest.raises(NotFound):
        seeded.find_path("topic", "Xây dựng Đảng/Dân vận")
    leaf = seeded.find_path("topic", "Xây dựng Đảng/Dân vận", create=True)
    assert seeded.find_path("topic", "Xây dựng Đảng › Dân vận") == leaf


def test_list_filters_by_date_author_and_sorts(seeded):
    f = ArticleFilter(date_from=dt.date(2022, 1, 1), date_to=dt.date(2022, 12, 31))
    assert seeded.article_ids(f) == [1]
    assert seeded.article_ids(ArticleFilter(author="Nguyễn Dung")) == [2]
    assert [i for i in seeded.article_ids(order="date_asc") if i in (1, 2, 5)] == [2, 1, 5]
    dated = [r.published_date for r in seeded.list_articles(order="date_desc") if r.published_date]
    assert dated == sorted(dated, reverse=True)
    assert seeded.months()[0] == (2023, 9, 1)


def test_attach_photo_with_exif_rotation_and_thumbnail(seeded):
    photo_id = seeded.attach_photo(4, jpeg(64, 32, orientation=6), "Quang cảnh hội nghị", "Thành Nguyên")
    photo = next(p for p in seeded.article(4).photos if p.id == photo_id)
    assert (photo.width, photo.height) == (32, 64)  # rotated 90° as the camera meant
    thumb = Image.open(io.BytesIO(photo.thumbnail))
    assert thumb.size[0] < thumb.size[1]
    assert seeded.photo_path(photo.sha256).read_bytes()[:2] == b"\xff\xd8"


def test_broken_photo_is_refused_and_nothing_changes(seeded):
    before = seeded.article(4)
    with pytest.raises(PhotoError):
        seeded.attach_photo(4, b"not an image at all")
    with pytest.raises(PhotoError):
        seeded.attach_photo(4, jpeg()[:200])
    assert seeded.article(4).photos == before.photos


def test_draft_with_photo_files(archive, tmp_path):
    image = tmp_path / "hoi-nghi.jpg"
    image.write_bytes(jpeg())
    draft = ArticleDraft(title="Hội nghị", body="Nội dung.", photos=[PhotoDraft("Quang cảnh", "Minh", image=image)])
    result = archive.add_draft(draft)
    photo = archive.article(result.article_id).photos[0]
    assert (photo.caption, photo.credit, photo.width) == ("Quang cảnh", "Minh", 64)


def test_caption_edit(seeded):
    photo = seeded.article(1).photos[0]
    seeded.update_photo(photo.id, caption="Quang cảnh hội nghị giao ban", credit="Thu Trang")
    changed = seeded.article(1).photos[0]
    assert (changed.caption, changed.credit) == ("Quang cảnh hội nghị giao ban", "Thu Trang")


def test_media_batch_is_stored_by_hash_with_nothing_left_half_written(tmp_path):
    from desktop.core.store.media import MediaStore, sha256_bytes

    store = MediaStore(tmp_path / "media")
    blobs = [f"ảnh số {n}".encode() * (n + 1) for n in range(100)]
    store.put(blobs[0], "jpg")  # already there: kept as it is
    store.put_many((sha256_bytes(b), b, "jpg") for b in blobs + blobs[:3])  # copies in the batch are harmless
    for blob in blobs:
        path = store.find(sha256_bytes(blob))
        assert path is not None and path.read_bytes() == blob and sha256_file(path) == sha256_bytes(blob)
    assert not list((tmp_path / "media").rglob(".tmp-*"))
