"""Every format an office has, with samples the tests make themselves."""

import datetime as dt
import email.message
import io
import shutil
import subprocess
import unicodedata
import zipfile
from collections import Counter

import pytest
from hypothesis import given, strategies as st
from PIL import Image
from sqlalchemy import select

from db import models as m
from desktop.core import importing
from desktop.core.ingest import legacy
from desktop.core.maintenance import mojibake
from desktop.core.ingest.encoding import decode_text
from desktop.core.importing import import_file, import_paths
from desktop.core.ingest.legacy_tables import TCVN3, VISCII

ARTICLE = (
    "Hội nghị Ban Chấp hành Đảng bộ thị xã lần thứ mười\n\n"
    "26/10/2022 20:25\n\n"
    "Sáng 26/10, Ban Chấp hành Đảng bộ thị xã tổ chức hội nghị lần thứ mười, đánh giá kết quả "
    "thực hiện Nghị quyết số 09-NQ/TU và Kết luận số 1202-KL/TU về xây dựng Đảng.\n\n"
    "Đồng chí Nguyễn Văn Công, Tỉnh ủy viên, Bí thư Thị ủy chủ trì hội nghị. Các đại biểu "
    "thảo luận sôi nổi về công tác kiểm tra, giám sát và dân vận ở cơ sở.\n\n"
    "Thu Trang\n"
)
TITLE = "Hội nghị Ban Chấp hành Đảng bộ thị xã lần thứ mười"


def iconv(data: bytes, src: str, dst: str) -> bytes | None:
    if shutil.which("iconv") is None:
        pytest.skip("glibc iconv not installed")
    result = subprocess.run(["iconv", "-f", src, "-t", dst], input=data, capture_output=True)
    return result.stdout if result.returncode == 0 else None


# ------------------------------------------------------------------ encodings

@pytest.mark.parametrize("table, name", [(TCVN3, "TCVN5712-1"), (VISCII, "VISCII")])
def test_tables_agree_with_iconv_on_every_byte(table, name):
    for byte in range(256):
        assert iconv(bytes([byte]), name, "UTF-8").decode("utf-8") == table[byte], hex(byte)


def test_cp1258_agrees_with_iconv_on_every_byte():
    for byte in range(256):
        ours = None
        try:
            ours = bytes([byte]).decode("cp1258")
        except UnicodeDecodeError:
            pass
        theirs = iconv(bytes([byte]), "CP1258", "UTF-8")
        assert (theirs.decode("utf-8") if theirs is not None else None) == ours, hex(byte)


@pytest.mark.parametrize("encoding, iconv_name", [("tcvn3", "TCVN5712-1"), ("viscii", "VISCII")])
def test_our_encoders_match_iconv(encoding, iconv_name):
    encode = {"tcvn3": legacy.encode_tcvn3, "viscii": legacy.encode_viscii}[encoding]
    ours = encode(ARTICLE)
    theirs = iconv(ARTICLE.encode("utf-8"), "UTF-8", iconv_name)
    decode = {"tcvn3": legacy.decode_tcvn3, "viscii": legacy.decode_viscii}[encoding]
    assert decode(ours) == decode(theirs) == unicodedata.normalize("NFC", ARTICLE)


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Word writes it: base letters with combining tone marks (via iconv)."""
    return iconv(text.encode("utf-8"), "UTF-8", "CP1258")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1258", "tcvn3", "vni", "viscii"])
def test_detection_and_import_of_each_encoding(archive, tmp_path, encoding):
    data = {
        "utf-8": lambda t: t.encode("utf-8"),
        "utf-16": lambda t: t.encode("utf-16"),
        "cp1258": cp1258_bytes,
        "tcvn3": legacy.encode_tcvn3,
        "vni": legacy.encode_vni,
        "viscii": legacy.encode_viscii,
    }[encoding](ARTICLE)
    text, found = decode_text(data)
    assert found == encoding
    assert unicodedata.normalize("NFC", text) == unicodedata.normalize("NFC", ARTICLE)
    path = tmp_path / f"bai-{encoding}.txt"
    path.write_bytes(data)
    outcome = import_file(archive, path)
    assert outcome.status == "imported", outcome.reason
    article = archive.article(outcome.article_id)
    assert article.title == TITLE and article.author == "Thu Trang"
    assert [r.number for r in article.doc_refs] == ["09-NQ/TU", "1202-KL/TU"]
    assert archive.media.find(article.original_sha256).read_bytes() == data  # original bytes kept


def test_user_can_force_an_encoding(archive, tmp_path):
    path = tmp_path / "bai.txt"
    path.write_bytes(legacy.encode_vni(ARTICLE))
    assert import_file(archive, path, encoding="vni").status == "imported"
    assert decode_text(legacy.encode_vni("Đảng"), "vni") == ("Đảng", "vni")


def test_vni_round_trip_every_vietnamese_letter():
    letters = "".join(ch for ch in map(chr, range(0xC0, 0x1EFA)) if legacy.is_syllable(ch) or ch in "đĐ")
    word = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    for text in (word, word.upper(), letters):
        assert legacy.vni_to_unicode(legacy.unicode_to_vni(text)) == unicodedata.normalize("NFC", text)


def test_mojibake_is_found_and_repaired(archive):
    from desktop.core.draft import ArticleDraft

    garbled = legacy.encode_tcvn3("Ủy ban nhân dân thị xã họp phiên thường kỳ").decode("cp1252")
    result = archive.add_draft(ArticleDraft(title=garbled, body="Nội dung bình thường."))
    repairs = mojibake.find(archive)
    assert [(r.field, r.after, r.encoding) for r in repairs] == [
        ("title", "Ủy ban nhân dân thị xã họp phiên thường kỳ", "tcvn3")]
    assert mojibake.apply(archive, repairs) == 1
    assert archive.article(result.article_id).title == "Ủy ban nhân dân thị xã họp phiên thường kỳ"
    assert mojibake.find(archive) == []
    assert legacy.repair_mojibake("Uû ban nh©n d©n") == ("Uỷ ban nhân dân", "tcvn3")


# ---------------------------------------------------------------------- .docx

def jpeg_bytes(color=(180, 20, 20), size=(320, 200), exif=None) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", exif=exif.tobytes() if exif else b"")
    return out.getvalue()


def make_docx(path, *, legacy_runs=True):
    from docx import Document

    doc = Document()
    doc.core_properties.author = "Văn phòng Thị ủy"
    doc.add_heading(TITLE, level=1)
    doc.add_paragraph("26/10/2022 20:25")
    doc.add_paragraph("Sáng 26/10, Ban Chấp hành Đảng bộ thị xã tổ chức hội nghị, triển khai Nghị quyết số 09-NQ/TU.")
    picture = tmp = path.with_suffix(".jpg")
    tmp.write_bytes(jpeg_bytes())
    doc.add_picture(str(picture))
    doc.add_paragraph("Quang cảnh hội nghị. Ảnh: Nguyễn Chiến")
    if legacy_runs:
        p = doc.add_paragraph()
        run = p.add_run(legacy.encode_tcvn3("Ủy ban nhân dân thị xã báo cáo tình hình kinh tế.").decode("cp1252"))
        run.font.name = ".VnTime"
        p = doc.add_paragraph()
        run = p.add_run(legacy.encode_tcvn3("quyết nghị").decode("cp1252"))
        run.font.name = ".VnTimeH"
        p = doc.add_paragraph()
        run = p.add_run(legacy.unicode_to_vni("Đồng chí Bí thư phát biểu kết luận hội nghị."))
        run.font.name = "VNI-Times"
    doc.add_paragraph("Thu Trang")
    doc.save(str(path))


def test_docx_with_image_caption_and_legacy_font_runs(archive, tmp_path):
    path = tmp_path / "bai.docx"
    make_docx(path)
    outcome = import_file(archive, path)
    assert outcome.status == "imported", outcome.reason
    article = archive.article(outcome.article_id)
    assert article.title == TITLE
    assert article.published_date == dt.date(2022, 10, 26)
    assert article.author == "Thu Trang"
    assert [(p.caption, p.credit) for p in article.photos] == [("Quang cảnh hội nghị.", "Nguyễn Chiến")]
    assert archive.photo_path(article.photos[0].sha256).is_file()
    text = article.lead + "\n" + article.body
    assert "Ủy ban nhân dân thị xã báo cáo tình hình kinh tế." in text
    assert "QUYẾT NGHỊ" in text
    assert "Đồng chí Bí thư phát biểu kết luận hội nghị." in text
    assert "09-NQ/TU" in [r.number for r in article.doc_refs]


def test_docx_zip_bomb_and_truncated_file_are_refused(archive, tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (400 * 1024 * 1024))
    good = tmp_path / "good.docx"
    make_docx(good, legacy_runs=False)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    before = archive.count_articles()
    outcomes = import_paths(archive, [bomb, cut])
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert "zip bomb" in outcomes[0].reason and "hỏng" in outcomes[1].reason
    assert archive.count_articles() == before


def test_old_word_needs_libreoffice_or_says_so(archive, tmp_path):
    from desktop.core.ingest.importers.office import libreoffice

    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    outcome = import_file(archive, path)
    assert outcome.status == "failed"
    if libreoffice() is None:
        assert "LibreOffice" in outcome.reason


# ------------------------------------------------------------- saved web pages

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} - Cổng TTĐT Thị ủy</title>
<meta property="article:published_time" content="2022-10-26T20:25:00+07:00"><meta name="author" content="Thu Trang">
</head><body><nav class="menu"><a href="/">Trang chủ</a> <a href="/tin">Tin tức</a></nav>
<div id="main"><article><h1>{title}</h1>
<p>Sáng 26/10, Ban Chấp hành Đảng bộ thị xã tổ chức hội nghị lần thứ mười, triển khai Nghị quyết số 09-NQ/TU.</p>
<figure><img src="bai_files/anh1.jpg"><figcaption>Quang cảnh hội nghị. Ảnh: Nguyễn Chiến</figcaption></figure>
<p>Đồng chí Nguyễn Văn Công, Tỉnh ủy viên, Bí thư Thị ủy chủ trì hội nghị và phát biểu kết luận.</p>
<table class="image"><tr><td><img src="bai_files/anh2.jpg"></td></tr><tr><td>Các đại biểu biểu quyết thông qua nghị quyết</td></tr></table>
<p>Hội nghị thống nhất các nhiệm vụ trọng tâm của những tháng cuối năm.</p>
<p><img src="http://example.invalid/track.gif"><img src="../../secret.jpg"></p>
</article><div class="tin-lien-quan"><h3>Tin liên quan</h3><ul><li>Bài khác 1</li><li>Bài khác 2</li></ul></div></div>
<footer>Thống kê truy cập: Hôm nay: 2</footer></body></html>"""


def test_saved_web_page_with_files_folder(archive, tmp_path):
    page = tmp_path / "site" / "bai.html"
    (page.parent / "bai_files").mkdir(parents=True)
    (page.parent / "bai_files" / "anh1.jpg").write_bytes(jpeg_bytes((200, 0, 0)))
    (page.parent / "bai_files" / "anh2.jpg").write_bytes(jpeg_bytes((0, 0, 200)))
    (tmp_path / "secret.jpg").write_bytes(jpeg_bytes((0, 200, 0)))  # outside the page's folder
    page.write_text(PAGE.format(title=TITLE), "utf-8")
    outcome = import_file(archive, page)
    assert outcome.status == "imported", outcome.reason
    article = archive.article(outcome.article_id)
    assert article.title == TITLE
    assert (article.published_date, article.published_time) == (dt.date(2022, 10, 26), dt.time(20, 25))
    assert article.author == "Thu Trang"
    assert [(p.caption, p.credit) for p in article.photos] == [
        ("Quang cảnh hội nghị.", "Nguyễn Chiến"), ("Các đại biểu biểu quyết thông qua nghị quyết", None)]
    text = article.lead + article.body
    for junk in ("Trang chủ", "Tin liên quan", "Bài khác", "Thống kê", "Hôm nay"):
        assert junk not in text
    assert "Hội nghị thống nhất các nhiệm vụ trọng tâm" in text


def test_mhtml_page(archive, tmp_path):
    message = email.message.EmailMessage()
    message["Subject"] = TITLE
    message.make_related()
    message.add_related(PAGE.format(title=TITLE).replace("bai_files/", "http://cong.invalid/img/"), subtype="html",
                        headers=["Content-Location: http://cong.invalid/bai.html"])
    message.add_related(jpeg_bytes(), maintype="image", subtype="jpeg",
                        headers=["Content-Location: http://cong.invalid/img/anh1.jpg"])
    path = tmp_path / "bai.mhtml"
    path.write_bytes(message.as_bytes())
    outcome = import_file(archive, path)
    assert outcome.status == "imported", outcome.reason
    article = archive.article(outcome.article_id)
    assert article.title == TITLE
    assert [p.caption for p in article.photos] == ["Quang cảnh hội nghị."]  # anh2 was not saved in the page


# ---------------------------------------------------------------------- images

def test_photo_with_exif_date_and_caption(archive, tmp_path):
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = "2023:09:19 14:30:05"
    exif[0x9C9C] = "Quang cảnh hội nghị giao ban".encode("utf-16-le") + b"\0\0"
    path = tmp_path / "IMG_0001.jpg"
    path.write_bytes(jpeg_bytes(exif=exif))
    outcome = import_file(archive, path)
    assert outcome.status == "imported", outcome.reason
    article = archive.article(outcome.article_id)
    assert article.title == "Quang cảnh hội nghị giao ban"
    assert (article.published_date, article.published_time) == (dt.date(2023, 9, 19), dt.time(14, 30))
    assert article.photos[0].caption == "Quang cảnh hội nghị giao ban"
    other = tmp_path / "IMG_0002.jpg"
    other.write_bytes(jpeg_bytes((1, 2, 3), exif=exif))  # same caption, different picture
    assert import_file(archive, other).status == "imported"
    assert import_file(archive, path).status == "duplicate"


# ---------------------------------------------------------------------- folders

@pytest.mark.parametrize("in_workers", [False, True], ids=["one process", "reader and indexer processes"])
def test_folder_with_good_duplicate_and_broken_files(archive, tmp_path, seeds, monkeypatch, in_workers):
    """The same report whether the files are read here or, as for a long import, by worker
    processes while another process indexes."""
    if in_workers:
        monkeypatch.setattr(importing, "BACKGROUND_FROM", 1)
    folder = tmp_path / "kho-cu"
    (folder / "2022").mkdir(parents=True)
    shutil.copy(seeds[0], folder / "2022" / "a.txt")
    shutil.copy(seeds[0], folder / "2022" / "a-copy.txt")
    (folder / "bai-vni.txt").write_bytes(legacy.encode_vni(ARTICLE))
    (folder / "hong.docx").write_bytes(b"PK\x03\x04 broken")
    (folder / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    (folder / "ghi-chu.xlsx").write_bytes(b"x")
    seen = []
    outcomes = import_paths(archive, [folder], progress=lambda done, total, name: seen.append((done, total)))
    report = {o.path.split("/")[-1]: o.status for o in outcomes}
    assert report == {"a-copy.txt": "imported", "a.txt": "duplicate", "bai-vni.txt": "imported",
                      "hong.docx": "failed", "anh.png": "failed", "ghi-chu.xlsx": "skipped"}
    assert seen[-1] == (6, 6)
    again = import_paths(archive, [folder])  # resuming after a crash: nothing twice
    assert [o.status for o in again if o.status == "imported"] == []
    cancelled = import_paths(archive, [folder], cancelled=lambda: True)
    assert cancelled == []
    assert archive.search_index.doc_count() == 2 and archive.index_error is None
    assert archive.search("tuyen truyen").total == 1 and archive.search("nguyen van cong").total == 2


# -------------------------------------------------------------- near-duplicates


@given(st.lists(st.sampled_from(["dang", "bo", "xa", "nam", "hoa", "ủy", "09-nq/tu", "ö", "x"]), max_size=40))
def test_fingerprints_keep_the_values_archives_have_stored(chosen):
    """Archives hold fingerprints made as CRC-32 of each run of five words joined by a
    space; a faster way of making them must give the same values, or old and new
    articles would never match."""
    import re
    import zlib

    from desktop.core.store.fingerprints import RUN, SAMPLE, folded_fingerprints

    text = " ,  ".join(chosen)
    runs = re.findall(r"\w+", text)
    plain = {zlib.crc32(" ".join(runs[i : i + RUN]).encode("utf-8")) & 0x7FFFFFFF for i in range(len(runs) - RUN + 1)}
    assert folded_fingerprints(text) == {v for v in plain if v % SAMPLE == 0}


def test_a_standing_sentence_many_articles_share_is_boilerplate_not_a_near_duplicate(archive, monkeypatch):
    """Fingerprints held by COMMON articles are neither stored again nor counted, also when
    remembered between batches; deleting articles brings the count below COMMON again."""
    from desktop.core.store import near_duplicates
    from desktop.core.draft import ArticleDraft
    from desktop.core.store.fingerprints import fingerprints

    monkeypatch.setattr(near_duplicates, "COMMON", 3)
    standing = ("Ban Chấp hành Đảng bộ tỉnh khóa mười lăm nhiệm kỳ hai nghìn không trăm hai mươi đến "
                "hai nghìn không trăm hai lăm đã họp phiên thường kỳ tại hội trường Tỉnh ủy với đầy đủ các đồng chí. "
                "Hội nghị đã thảo luận, cho ý kiến vào các báo cáo, tờ trình và thống nhất ban hành nghị quyết "
                "về nhiệm vụ trọng tâm của những tháng cuối năm theo đúng quy chế làm việc của Ban Chấp hành.")
    stories = ["Phường Nam Hòa ra quân làm sạch môi trường biển và trồng cây xanh dọc tuyến đê.",
               "Xã Sông Khoai tổng kết mô hình dân vận khéo trong xây dựng nông thôn mới kiểu mẫu.",
               "Ủy ban Kiểm tra Thị ủy giám sát chuyên đề việc kê khai tài sản thu nhập của cán bộ.",
               "Hội Nông dân thị xã tập huấn kỹ thuật nuôi trồng thủy sản cho hội viên các phường.",
               "Đoàn Thanh niên tổ chức hiến máu tình nguyện mùa xuân với hàng trăm đoàn viên tham gia."]
    shared = fingerprints(standing)
    assert len(shared) >= 4

    def add(story: str):
        return archive.add_draft(ArticleDraft(title=story[:30], lead="", body=f"{standing}\n{story}"), index=False)

    added = [add(story) for story in stories[:4]]  # one batch each: the memory carries over
    with archive.session() as s:
        held = s.execute(select(m.Fingerprint.value).where(m.Fingerprint.value.in_(shared))).scalars().all()
    assert Counter(held) == {value: 3 for value in shared}  # the fourth article's copies were not stored
    assert added[3].similar_to is None  # nor counted
    archive.trash([added[0].article_id])
    archive.purge([added[0].article_id])
    add(stories[4])
    with archive.session() as s:
        held = s.execute(select(m.Fingerprint.value).where(m.Fingerprint.value.in_(shared))).scalars().all()
    assert Counter(held) == {value: 3 for value in shared}

def test_a_shorter_write_up_reusing_part_of_an_article_is_related_not_a_duplicate(archive, seeds, tmp_path):
    """Another paper's report of the same meeting reuses the opening and the figures; its own
    sentences make it a different article: shown as related, never asked to merge."""
    from desktop import cli

    original = import_file(archive, seeds[0])
    text = seeds[0].read_text("utf-8")
    paragraphs = [p for p in text.split("\n\n") if len(p) > 200]
    own = ("Báo Quảng Ninh đưa tin: hội nghị đã dành nhiều thời gian bàn về công tác phát triển đảng viên "
           "ở các chi bộ khu dân cư, nơi nhiều đảng viên trẻ đi làm ăn xa. Đại diện Đảng ủy phường Nam Hòa và "
           "Đảng ủy xã Hiệp Hòa nêu cách làm riêng: giao chỉ tiêu cho từng chi bộ, gặp gỡ đoàn viên ưu tú "
           "ngay từ đầu năm. Nhiều ý kiến đề nghị sớm sơ kết việc thí điểm mô hình chi bộ thông minh, "
           "đưa sinh hoạt chuyên đề về an toàn giao thông và bảo vệ môi trường biển vào nền nếp.")
    brief = tmp_path / "bao-quang-ninh.txt"
    brief.write_text("Thị ủy Quảng Yên giao ban tháng 10\n\n" + "\n\n".join(paragraphs[:3] + [own]), "utf-8")
    other = import_file(archive, brief)
    assert other.status == "imported" and other.similar_to is None
    assert archive.near_duplicates() == []
    assert [r.id for r in archive.related(other.article_id)] == [original.article_id]
    assert [r.id for r in archive.related(original.article_id)] == [other.article_id]
    assert cli.main(["--archive", str(archive.root), "show", str(original.article_id)]) == 0


def test_distinct_articles_sharing_office_boilerplate_are_not_duplicates(archive):
    """The attendance sentence, the photo credit and the standard closing are the office's,
    not the story's."""
    from desktop.core.draft import ArticleDraft

    boilerplate_top = ("Dự hội nghị có các đồng chí: Nguyễn Văn Công, Tỉnh ủy viên, Bí thư Thị ủy; Nguyễn Ngọc Bằng, "
                       "Phó Bí thư Thường trực Thị ủy, Chủ tịch HĐND thị xã; Phạm Thị Thanh Hoa, Phó Bí thư Thị ủy, "
                       "Chủ tịch UBND thị xã; lãnh đạo các ban xây dựng Đảng, Ủy ban MTTQ và các đoàn thể chính trị - "
                       "xã hội thị xã.\n\nQuang cảnh hội nghị. Ảnh: Thu Trang")
    closing = ("Kết luận hội nghị, đồng chí Nguyễn Văn Công đề nghị các cấp ủy, tổ chức đảng tiếp tục quán triệt, "
               "triển khai thực hiện nghiêm túc các nghị quyết, chỉ thị của cấp trên, bám sát nhiệm vụ trọng tâm, "
               "phấn đấu hoàn thành thắng lợi các chỉ tiêu năm đề ra.\n\nThu Trang - Trung tâm Truyền thông")
    stories = [
        ("Chi bộ thôn Đông sơ kết mô hình dân vận khéo",
         "Chiều 12/3, Chi bộ thôn Đông tổ chức sơ kết mô hình dân vận khéo trong làm đường giao thông nông thôn. "
         "Sau hai năm, nhân dân hiến hơn 4.000 mét vuông đất, góp 1,2 tỷ đồng và hàng nghìn ngày công để bê tông "
         "hóa 3,5 km đường ngõ xóm. Nhiều hộ tự nguyện dỡ tường rào, chặt cây ăn quả để mở rộng mặt đường."),
        ("Phường Nam Hòa kết nạp đảng viên trong học sinh",
         "Sáng 20/4, Đảng ủy phường Nam Hòa tổ chức lễ kết nạp đảng viên cho ba học sinh lớp 12 Trường THPT Nguyễn "
         "Bỉnh Khiêm. Các em đều đạt danh hiệu học sinh giỏi nhiều năm liền, tích cực trong hoạt động Đoàn. "
         "Phường đặt mục tiêu mỗi năm kết nạp ít nhất năm đoàn viên ưu tú là học sinh, sinh viên."),
    ]
    added = [archive.add_draft(ArticleDraft(title=title, lead="", body=f"{story}\n\n{boilerplate_top}\n\n{closing}"),
                               index=False) for title, story in stories]
    assert [a.similar_to for a in added] == [None, None]
    assert archive.near_duplicates() == []


def test_pairs_found_before_the_kind_column_stay_near_duplicates(tmp_path, seeds):
    """Migration 0008 down and up again: a stored pair comes back as a near-duplicate to settle."""
    from alembic import command

    from db.migrate import _config
    from desktop.core.archive import Archive

    root = tmp_path / "kho"
    with Archive.open(root) as arch:
        original = import_file(arch, seeds[0], index=False)
        copy = tmp_path / "lai.txt"
        copy.write_text(seeds[0].read_text("utf-8").replace("Số vụ tai nạn giao thông tăng so với cùng kỳ.", ""), "utf-8")
        again = import_file(arch, copy, index=False)
        assert again.similar_to == original.article_id
        command.downgrade(_config(arch.engine), "0003")
    with Archive.open(root) as arch:
        assert [(p.article_id, p.other_id) for p in arch.near_duplicates()] == [(again.article_id, original.article_id)]


def test_near_duplicate_benchmark_set_small(tmp_path):
    """A small run of bench/near_dup_bench.py: every republished copy (5–20 % edited) caught,
    no other pair called a duplicate (other reports of one event included)."""
    from bench.near_dup_bench import run

    figures = run(distinct=80, copies=20, events=12, seed=17)
    assert figures["copies"] == 20 and figures["caught"] == 1.0
    assert figures["false_duplicates"] == 0


def test_republished_article_is_flagged_and_can_be_merged(archive, tmp_path, seeds):
    original = import_file(archive, seeds[0])
    town = archive.add_unit("Thị ủy Quảng Yên")
    text = seeds[0].read_text("utf-8")
    edited = text.replace("Đẩy mạnh tuyên truyền, nhân rộng điển hình tiên tiến",
                          "Thị ủy giao ban tháng 10: nhân rộng điển hình", 1)
    edited = edited.replace("Số vụ tai nạn giao thông tăng so với cùng kỳ.", "")
    path = tmp_path / "dang-lai.txt"
    path.write_text(edited, "utf-8")
    again = import_file(archive, path)
    assert again.status == "imported" and again.similar_to == original.article_id
    unrelated = import_file(archive, seeds[2])
    assert unrelated.similar_to is None
    pairs = archive.near_duplicates()
    assert [(p.article_id, p.other_id) for p in pairs] == [(again.article_id, original.article_id)]
    assert pairs[0].similarity > 0.8
    archive.tag([again.article_id], unit_ids=[town])
    archive.decide_near_duplicate(again.article_id, original.article_id, merge=True)
    assert archive.article(again.article_id).trashed
    assert [u.id for u in archive.article(original.article_id).units] == [town]
    assert archive.near_duplicates() == []
