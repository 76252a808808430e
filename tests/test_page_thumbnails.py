"""First-page thumbnails of PDFs and scans in the article list (issue 21, item 1)."""

import io

import pytest
from PIL import Image, ImageDraw, ImageStat

from bench.pages import PARAGRAPHS, born_digital_pdf, image_bytes, render_page, wrapped
from desktop import cli
from desktop.core.importing import import_paths
from desktop.core.ingest import page_thumbnails
from desktop.core.ingest.page_thumbnails import LONGER_SIDE
from desktop.core.maintenance.page_thumbnails import make_missing


def picture(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def brightness(image: Image.Image, box) -> float:
    """Mean grey level (0 black, 255 white) in ``box`` (fractions of the width and height)."""
    grey = image.convert("L")
    w, h = grey.size
    return ImageStat.Stat(grey.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))).mean[0]


@pytest.fixture
def files(tmp_path):
    pdf = tmp_path / "nghi-quyet.pdf"
    pdf.write_bytes(born_digital_pdf([["Thị ủy Quảng Yên giao ban công tác xây dựng Đảng", "", *wrapped(PARAGRAPHS)]]))
    text = tmp_path / "tin.txt"
    text.write_text("Tin ngắn về dân vận\n\nThị ủy Quảng Yên tổ chức hội nghị dân vận năm 2022.", "utf-8")
    page = tmp_path / "trang.png"
    page.write_bytes(image_bytes(render_page(["Thị xã Quảng Yên tổng kết công tác dân vận", "",
                                              *wrapped(PARAGRAPHS[:2])], dpi=150)))
    return pdf, text, page


def test_pdf_and_scanned_page_get_their_first_page_in_the_list_row(archive, files):
    pdf, text, page = files
    outcomes = import_paths(archive, [pdf, text, page])
    assert [o.status for o in outcomes] == ["imported"] * 3
    rows = {r.id: r for r in archive.rows([o.article_id for o in outcomes])}
    from_pdf, from_text, from_page = (rows[o.article_id] for o in outcomes)
    assert from_text.thumbnail is None  # typed text has no page to show
    for row in (from_pdf, from_page):
        thumb = picture(row.thumbnail)
        assert thumb.format == "JPEG" and max(thumb.size) == LONGER_SIDE
        assert 1.3 < thumb.height / thumb.width < 1.5  # an A4 page, upright
        # the title and text sit in the top half of the page; the bottom stays white
        assert brightness(thumb, (0.05, 0.0, 0.95, 0.45)) < 240
        assert brightness(thumb, (0.05, 0.8, 0.95, 1.0)) > 250


def test_a_photo_has_no_page_thumbnail(archive, tmp_path):
    photo = Image.new("RGB", (800, 600), (40, 120, 200))
    ImageDraw.Draw(photo).ellipse((100, 100, 500, 400), fill=(200, 60, 60))
    path = tmp_path / "anh.jpg"
    path.write_bytes(image_bytes(photo, "JPEG"))
    [outcome] = import_paths(archive, [path])
    assert archive.article(outcome.article_id).photos and archive.rows([outcome.article_id])[0].thumbnail is None


def test_old_articles_get_theirs_from_the_maintenance_step(archive, files, monkeypatch):
    pdf, text, page = files
    outcomes = import_paths(archive, [pdf, text, page])
    made_on_import = {r.id: r.thumbnail for r in archive.rows([o.article_id for o in outcomes])}
    with archive.session() as s:  # as an archive from before thumbnails has them
        from db import models as m

        s.query(m.PageThumbnail).delete()
    assert [article_id for article_id, _ in archive.missing_thumbnails()] == [outcomes[0].article_id, outcomes[2].article_id]

    progress = []
    report = make_missing(archive, lambda done, total, what: progress.append((done, total)))
    assert (report.made, report.missing, report.failed) == (2, 2, [])
    assert progress == [(0, 2), (1, 2)]
    assert {r.id: r.thumbnail for r in archive.rows(list(made_on_import))} == made_on_import
    assert archive.missing_thumbnails() == []
    assert make_missing(archive).missing == 0  # run again: nothing left to do


def test_a_lost_original_costs_only_its_own_thumbnail(archive, files):
    pdf, _, page = files
    first, second = import_paths(archive, [pdf, page])
    with archive.session() as s:
        from db import models as m

        s.query(m.PageThumbnail).delete()
    archive.photo_path(archive.article(first.article_id).original_sha256).unlink()
    report = make_missing(archive)
    assert report.made == 1 and len(report.failed) == 1 and report.failed[0].startswith(f"bài số {first.article_id}:")
    assert archive.rows([second.article_id])[0].thumbnail is not None


def test_cli_thumbnails_step(tmp_path, files, capsys):
    pdf, _, _ = files
    kho = tmp_path / "kho"
    assert cli.main(["--archive", str(kho), "import", str(pdf)]) == 0
    assert cli.main(["--archive", str(kho), "thumbnails"]) == 0
    assert "Đã làm ảnh trang đầu cho 0/0 bài" in capsys.readouterr().out  # made on import already


def test_reading_a_page_again_gives_it_a_thumbnail(archive, files):
    from desktop.core.rereading import keep_as_photo, read_as_page

    _, _, page = files
    [outcome] = import_paths(archive, [page])
    keep_as_photo(archive, outcome.article_id)
    with archive.session() as s:
        from db import models as m

        s.query(m.PageThumbnail).delete()
    read_as_page(archive, outcome.article_id)
    assert picture(archive.rows([outcome.article_id])[0].thumbnail).format == "JPEG"


def test_thumbnail_of_a_colour_scan_keeps_its_colour():
    page = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(page).rectangle((100, 100, 1140, 700), fill=(200, 30, 30))
    thumb = picture(page_thumbnails.of_image(page))
    r, g, b = thumb.convert("RGB").getpixel((thumb.width // 2, thumb.height // 5))
    assert r > 150 and g < 90 and b < 90


def test_migration_0014_down_and_up(tmp_path, files):
    from alembic import command

    from db.migrate import _config
    from desktop.core.archive import Archive

    pdf, text, _ = files
    root = tmp_path / "kho"
    with Archive.open(root) as arch:
        ids = [o.article_id for o in import_paths(arch, [pdf, text], index=False)]
        command.downgrade(_config(arch.engine), "0004")
        command.upgrade(_config(arch.engine), "head")
    with Archive.open(root) as arch:  # the table is back, empty; the articles are all there
        assert [r.id for r in arch.rows(ids)] == ids and all(r.thumbnail is None for r in arch.rows(ids))
        assert make_missing(arch).made == 1
