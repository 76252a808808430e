"""Compilation PDFs, checked by reading them back with pypdf."""

import re
import unicodedata

import pytest
from pypdf import PdfReader

from desktop.core.maintenance.demo import build_demo
from desktop.core.draft import ArticleDraft
from desktop.core.pdf.compilation import CompilationOptions, ExportCancelled, export_pdf
from desktop.core.pdf.fonts import missing_glyphs, printable


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    archive = build_demo(tmp_path_factory.mktemp("pdf") / "demo")
    yield archive
    archive.close()


@pytest.fixture(scope="module")
def compiled(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "tap.pdf"
    report = export_pdf(demo, demo.article_ids(), out, CompilationOptions(title="Tập bài viết 2019–2023"))
    return report, PdfReader(out)


def page_texts(reader):
    return [unicodedata.normalize("NFC", p.extract_text()) for p in reader.pages]


def flat(text):
    return " ".join(text.split())


def running_text(reader, title="Tập bài viết 2019–2023"):
    """The pages' text without their running head (title, "Trang n/m"), so a sentence
    that goes on over a page break reads whole."""
    lines = (line for page in page_texts(reader) for line in page.splitlines())
    return flat(" ".join(line for line in lines if line.strip() not in (title, "") and not re.fullmatch(r"\s*Trang \d+/\d+\s*", line)))


def test_every_title_sentence_and_caption_survives_with_diacritics(demo, compiled):
    _, reader = compiled
    text = running_text(reader)
    for article_id in demo.article_ids():
        article = demo.article(article_id)
        assert flat(article.title) in text
        first_sentence = article.paragraphs[0].split(". ")[0]
        assert flat(first_sentence) in text
        for photo in article.photos:
            assert flat(photo.caption) in text
            if photo.credit:
                assert f"Ảnh: {photo.credit}" in text
    assert "Đồng chí Trần Đức Thắng, Phó Bí thư Thị ủy, Chủ tịch UBND TX Quảng Yên" in text


def test_cover_follows_the_party_format(compiled):
    _, reader = compiled
    cover = page_texts(reader)[0]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in cover
    assert "THỊ ỦY QUẢNG YÊN" in cover
    assert re.search(r"Quảng Yên, ngày \d\d tháng \d\d năm \d{4}", cover)
    assert "TẬP BÀI VIẾT 2019–2023" in cover
    assert "Từ ngày 22/02/2019 đến ngày 20/09/2023" in cover and "Gồm 5 bài viết" in cover


def test_table_of_contents_page_numbers_are_right(demo, compiled):
    _, reader = compiled
    pages = page_texts(reader)
    toc = pages[1]
    assert "MỤC LỤC" in toc
    # pypdf reads each right-aligned page number just before its (wrapped) title line.
    numbers = [(m.start(), int(m.group(1))) for m in re.finditer(r"\.\s+(\d+)\s*\n", toc)]
    assert len(numbers) == 5
    for article_id in demo.article_ids():
        title = demo.article(article_id).title
        where = toc.index(title[:30])
        page_number = [n for start, n in numbers if start < where][-1]
        assert flat(title)[:40] in flat(pages[page_number - 1]), (title, page_number)


def test_one_bookmark_per_article_pointing_at_its_page(demo, compiled):
    _, reader = compiled
    outline = reader.outline
    assert len(outline) == 5
    titles = {flat(demo.article(i).title) for i in demo.article_ids()}
    assert {flat(entry.title) for entry in outline} == titles
    pages = page_texts(reader)
    for entry in outline:
        number = reader.get_destination_page_number(entry)
        assert flat(entry.title)[:40] in flat(pages[number])


def test_photos_footer_and_metadata(compiled):
    report, reader = compiled
    assert report.photos == 6
    assert sum(len(page.images) for page in reader.pages) == 6
    total = len(reader.pages)
    assert report.pages == total
    texts = page_texts(reader)
    for number, text in enumerate(texts[1:], start=2):
        assert f"Trang {number}/{total}" in text
    meta = reader.metadata
    assert meta.title == "Tập bài viết 2019–2023"
    assert meta.creator == "LuuTru"
    assert "5 bài viết" in meta.subject
    assert "Thị ủy Quảng Yên" in meta["/Keywords"]


def test_restricted_articles_are_left_out_unless_asked(demo, tmp_path):
    result = demo.add_draft(ArticleDraft(title="Báo cáo tình hình tư tưởng quý III", body="Nội dung nội bộ.",
                                         circulation="Mật"))
    ids = [result.article_id, *demo.article_ids()[:1]]
    report = export_pdf(demo, ids, tmp_path / "a.pdf")
    assert report.left_out_restricted == 1 and report.articles == 1
    assert "Báo cáo tình hình" not in " ".join(page_texts(PdfReader(tmp_path / "a.pdf")))
    report = export_pdf(demo, ids, tmp_path / "b.pdf", CompilationOptions(include_restricted=True))
    pages = page_texts(PdfReader(tmp_path / "b.pdf"))
    assert report.articles == 2
    assert all("MẬT" in text for text in pages)
    demo.trash([result.article_id])
    demo.purge([result.article_id])


def test_options_a5_no_photos_one_per_page_caption_list(demo, tmp_path):
    ids = demo.article_ids()
    report = export_pdf(demo, ids, tmp_path / "a5.pdf", CompilationOptions(
        page_size="A5", with_photos=False, one_per_page=True, captions_list=True))
    reader = PdfReader(tmp_path / "a5.pdf")
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (420, 595)
    assert report.photos == 0 and sum(len(p.images) for p in reader.pages) == 0
    assert "DANH MỤC ẢNH" in page_texts(reader)[-1] or "DANH MỤC ẢNH" in " ".join(page_texts(reader)[-2:])


def test_cancel_leaves_no_file(demo, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(ExportCancelled):
        export_pdf(demo, demo.article_ids(), out, cancelled=lambda: True)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_nothing_to_export_is_a_clear_error(demo, tmp_path):
    with pytest.raises(ValueError, match="không có bài"):
        export_pdf(demo, [], tmp_path / "x.pdf")


def test_glyph_coverage_and_clean_fallback():
    vietnamese = "ĐẢNG CỘNG SẢN VIỆT NAM đẩy lùi ướt ỷ ỹ ỵ Ừ Ữ Ự ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự “”–…"
    assert missing_glyphs(vietnamese) == set()
    decomposed = unicodedata.normalize("NFD", "Thị ủy")
    assert printable(decomposed) == "Thị ủy"
    lost: set[str] = set()
    assert printable("Hội nghị ✅ 𝔸", lost) == "Hội nghị ? ?"
    assert lost == {"✅", "𝔸"}


def test_cli_export_pdf(demo, tmp_path, capsys):
    from desktop import cli

    out = tmp_path / "cli.pdf"
    code = cli.main(["--archive", str(demo.root), "export-pdf", "--query", "giao ban thi uy", "--year", "2022",
                     "-o", str(out), "--title", "Giao ban Thị ủy 2022"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Đã xuất 1 bài" in captured.out
    text = " ".join(page_texts(PdfReader(out)))
    assert "Đẩy mạnh tuyên truyền" in text
