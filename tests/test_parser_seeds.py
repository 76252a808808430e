"""The five reference articles parse into exactly the right fields."""

import datetime as dt
import unicodedata

import pytest

from conftest import seed_path
from desktop.core.ingest.plaintext import ParseError, parse_plaintext

LEFTOVERS = ["Lượt xem", "Tin liên quan", "Tin khác", "Thống kê truy cập", "Hôm nay", "Đã truy cập",
             "Xuất bản thông tin", "Chi tiết bài viết", "null", "Tin Nóng", "Website liên kết",
             "Tìm kiếm theo chuyên mục", "GMT+7"]


def parse(prefix):
    return parse_plaintext(seed_path(prefix).read_text("utf-8"))


def all_text(draft):
    parts = [draft.title, draft.lead, draft.body, draft.author or ""]
    for photo in draft.photos:
        parts += [photo.caption, photo.credit or "", photo.alt or ""]
    return "\n".join(parts)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_page_leftovers_and_nfc(prefix):
    draft = parse(prefix)
    text = all_text(draft)
    for leftover in LEFTOVERS:
        assert leftover not in text, leftover
    assert unicodedata.is_normalized("NFC", text)
    assert "\n\n\n" not in draft.body
    assert not any(p.strip(". ") == "" for p in draft.paragraphs)


def test_seed_000_thi_uy_briefing():
    d = parse("000")
    assert d.title == ("Đẩy mạnh tuyên truyền, nhân rộng điển hình tiên tiến với tinh thần lấy tích cực "
                       "đẩy lùi tiêu cực, lấy cái đẹp dẹp cái xấu")
    assert (d.published_date, d.published_time) == (dt.date(2022, 10, 26), dt.time(20, 25))
    assert d.author == "Thu Trang"
    assert d.lead.startswith('"Đẩy mạnh công tác tuyên truyền, nhân rộng các phong trào thi đua')
    assert d.lead.endswith("Phó Bí thư Thường trực Thị ủy, Chủ tịch HĐND thị xã.")
    assert len(d.paragraphs) == 8
    assert d.paragraphs[0].startswith("Trong tháng 10, các cơ quan, đơn vị, địa phương")
    assert d.paragraphs[-1].startswith("Về lãnh đạo, chỉ đạo phát triển kinh tế - xã hội")
    assert d.paragraphs[-1].endswith("an ninh tôn giáo…")
    assert [(p.caption, p.credit, p.alt) for p in d.photos] == [
        ("Quang cảnh hội nghị", None, None),
        ("Đồng chí Nguyễn Văn Công, Tỉnh ủy viên, Bí thư Thị uỷ kết luận hội nghị", None, None),
    ]
    assert [(r.number, r.kind, r.level, r.issued) for r in d.doc_refs] == [
        ("09-NQ/TU", "Nghị quyết", "TU", dt.date(2021, 12, 17)),
        ("1202-KL/TU", "Kết luận", "TU", dt.date(2022, 7, 20)),
        ("1252-KL/TU", "Kết luận", "TU", dt.date(2022, 10, 3)),
        ("27-CT/TU", "Chỉ thị", "TU", dt.date(2022, 7, 22)),
    ]
    people = {m.name: m.title for m in d.mentions}
    assert people == {
        "Nguyễn Văn Công": "Tỉnh ủy viên, Bí thư Thị ủy",
        "Nguyễn Ngọc Bằng": "Phó Bí thư Thường trực Thị ủy, Chủ tịch HĐND thị xã",
    }


def test_seed_001_quang_yen_with_credited_photos():
    d = parse("001")
    assert d.title == "TX Quảng Yên: Nhiều giải pháp xây dựng Đảng bộ trong sạch, vững mạnh"
    assert (d.published_date, d.published_time) == (dt.date(2019, 2, 22), dt.time(8, 4))
    assert d.author == "Nguyễn Dung"
    assert d.lead.startswith("Thời gian qua, các cấp uỷ của TX Quảng Yên")
    assert len(d.paragraphs) == 8
    assert d.paragraphs[0].startswith("Đồng chí Vũ Đức Hưởng, Phó Bí thư Thường trực Thị ủy Quảng Yên")
    assert d.paragraphs[-1].startswith("Tin tưởng với các giải pháp đồng bộ")
    assert len(d.photos) == 2
    first, second = d.photos
    assert first.caption == ("Đồng chí Trần Đức Thắng, Phó Bí thư Thị ủy, Chủ tịch UBND TX Quảng Yên, kiểm tra "
                             "đột xuất giờ làm việc của cán bộ, công chức xã Hiệp Hòa sau kỳ nghỉ Tết Nguyên đán.")
    assert first.credit == "Nguyễn Chiến"
    assert first.alt == ("Đồng chí Trần Đức Thắng, Phó Bí thư Thị ủy, Chủ tịch UBND TX Quảng Yên kiểm tra việc "
                         "chấp hành nhiệm vụ tại xã Hiệp Hòa.")
    assert second.caption == ("Cán bộ phường Nam Hòa trao đổi, định hướng cho các bí thư chi bộ, trưởng ban công tác "
                              "mặt trận Chi bộ khu phố 5 một số nội dung sinh hoạt chi bộ.")
    assert second.credit == "Nguyễn Dung"
    assert second.alt.startswith("Cán bộ phường Nam Hòa trao đổi với Bí thư chi bộ")
    assert [(r.number, r.kind, r.level, r.issued) for r in d.doc_refs] == [
        ("18-NQ/TW", "Nghị quyết", "TW", None),
        ("19-NQ/TW", "Nghị quyết", "TW", None),
        ("19-NQ/TU", "Nghị quyết", "TU", None),
        ("507-QĐ/TU", "Quyết định", "TU", dt.date(2018, 3, 28)),
        ("25", "Đề án", None, None),
    ]
    people = {m.name: m.title for m in d.mentions}
    assert people["Trần Đức Thắng"] == "Phó Bí thư Thị ủy, Chủ tịch UBND TX Quảng Yên"
    assert people["Vũ Đức Hưởng"] == "Phó Bí thư Thường trực Thị ủy Quảng Yên"
    assert people["Nguyễn Hữu Dần"] == "Bí thư chi bộ, Trưởng khu 5"


def test_seed_002_no_dateline_view_counter_removed():
    d = parse("002")
    assert d.title == ("Thường trực Tỉnh ủy kiểm tra công tác xây dựng Đảng, xây dựng hệ thống chính trị "
                       "tại Huyện Ủy Cầu Ngang")
    assert d.published_date is None and d.published_time is None
    assert d.author == "Ngọc Hồng"
    assert d.lead.startswith("Tiếp tục chương trình làm việc của Thường tực Tỉnh ủy, chiều ngày 25/5")
    assert len(d.paragraphs) == 4
    assert d.paragraphs[0].startswith("Tham gia cùng đoàn, có ông Nguyễn Văn Hiếu")
    assert d.paragraphs[-1].startswith("Phát biểu tại buổi làm việc, Phó Bí thư Tỉnh ủy Lâm Minh Đằng")
    assert [(p.caption, p.credit) for p in d.photos] == [
        ("Phó Bí thư Tỉnh ủy Lâm Minh Đằng phát biểu tại buổi làm việc", None),
        ("Quang cảnh buổi làm việc", None),
    ]
    assert [(r.number, r.kind) for r in d.doc_refs] == [("05", "Chỉ thị"), ("55", "Kế hoạch")]
    people = {m.name: m.title for m in d.mentions}
    assert people == {
        "Lâm Minh Đằng": "Phó Bí thư Tỉnh ủy",
        "Nguyễn Văn Hiếu": "Ủy viên Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy",
        "Lê Thanh Bình": "Ủy viên Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh",
        "Trần Thị Kim Chung": "Bí thư Huyện ủy Cầu Ngang",
        "Nguyễn Văn Ngà": "Chủ tịch UBND huyện Cầu Ngang",
    }


def test_seed_003_portal_furniture_and_repeated_title():
    d = parse("003")
    assert d.title == "Hội nghị tổng kết công tác Tuyên giáo, Tổ chức, Ủy ban Kiểm tra năm 2020"
    assert d.published_date is None
    assert d.author == "Thành Nguyên"
    assert d.lead.startswith("Ban Tuyên giáo, Ban Tổ chức, Ủy ban Kiểm tra Thành ủy Cao Lãnh vừa phối hợp")
    assert len(d.paragraphs) == 4
    assert d.title not in d.body
    assert d.photos == []
    assert d.doc_refs == []
    people = {m.name: m.title for m in d.mentions}
    assert people == {
        "Phan Văn Thương": "Tỉnh ủy viên, Bí thư Thành ủy, Chủ tịch Hội đồng nhân dân thành phố Cao Lãnh"
    }


def test_seed_004_dateline_with_view_count():
    d = parse("004")
    assert d.title == "Thị ủy giao ban công tác Đảng, đoàn thể 9 tháng năm 2023"
    assert (d.published_date, d.published_time) == (dt.date(2023, 9, 20), dt.time(14, 51))
    assert d.author == "Hữu Ánh"
    assert d.lead.startswith("Chiều ngày 19/9/2023, Thị ủy tổ chức hội nghị giao ban công tác Đảng")
    assert len(d.paragraphs) == 2
    assert d.paragraphs[-1].endswith("tham gia xây dựng Đảng, xây dựng chính quyền .")
    assert d.photos == []
    assert {m.name: m.title for m in d.mentions} == {"Văn Quốc Cường": "Phó Bí thư thường trực thị ủy"}


def test_decomposed_input_parses_like_composed():
    text = seed_path("000").read_text("utf-8")
    assert parse_plaintext(unicodedata.normalize("NFD", text)).title == parse_plaintext(text).title


def test_spelled_dateline_and_circulation_mark():
    d = parse_plaintext(
        "Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 5\nThứ Tư, ngày 26 tháng 10 năm 2022\nLưu hành nội bộ\n\n"
        "Sáng 26/10, Đảng ủy xã tổ chức hội nghị.\n\nĐồng chí Bí thư phát biểu. (Ảnh: Minh Anh)\n\nPV"
    )
    assert d.published_date == dt.date(2022, 10, 26)
    assert d.circulation == "Lưu hành nội bộ"
    assert d.photos[0].caption == "Đồng chí Bí thư phát biểu." and d.photos[0].credit == "Minh Anh"
    assert d.author == "PV"


@pytest.mark.parametrize(
    "text, message",
    [("", "rỗng"), ("   \n\n  ", "rỗng"), ("abc\x00\x01\x02def", "nhị phân"), ("...\n.\n", "tiêu đề")],
)
def test_not_an_article(text, message):
    with pytest.raises(ParseError, match=message):
        parse_plaintext(text)


def test_names_and_numbers_only_where_a_word_begins():
    """A family name or a document number glued to the word before it is not one."""
    from desktop.core.docrefs import find_doc_refs
    from desktop.core.people import find_mentions

    refs = find_doc_refs("09-NQ/TU mở đầu; (27-CT/TU); X12-KL/TU; a/13-KL/TU; số 507-QĐ/TU.")
    assert [r.number for r in refs] == ["09-NQ/TU", "27-CT/TU", "507-QĐ/TU"]
    mentions = find_mentions("Đồng chí Lê Văn Tám phát biểu. ThanhLê Minh Hai, Bí thư Xã đoàn. Nguyễn Thị Ba, Bí thư Chi bộ.")
    assert [(m.name, m.title) for m in mentions] == [("Lê Văn Tám", None), ("Nguyễn Thị Ba", "Bí thư Chi bộ")]


@pytest.mark.parametrize("width", [64, 72, 80])
def test_hard_wrapped_text_is_read_as_paragraphs(width):
    """An old .txt file broken at ~80 characters reads as the same article: no wrapped
    line becomes a photo caption, the seed's captions are still found."""
    from bench.caption_bench import _wrap

    text = seed_path("000").read_text("utf-8")
    wrapped = parse_plaintext(_wrap(text, width))
    assert max(len(line) for line in _wrap(text, width).splitlines()) <= width
    plain = parse(prefix="000")
    assert wrapped.paragraphs == plain.paragraphs and wrapped.lead == plain.lead
    assert [p.caption for p in wrapped.photos] == [p.caption for p in plain.photos]


def test_tables_lists_and_headings_are_text_not_photos():
    fees = "\n\n".join(["Cấp học", "Mức thu (đồng/tháng)", "Mẫu giáo", "Từ 15.000 đến 80.000", "Tiểu học",
                        "Miễn học phí", "Trung học cơ sở", "Từ 15.000 đến 60.000"])
    prose = ("Hội đồng nhân dân tỉnh vừa thông qua nghị quyết quy định mức thu học phí đối với các cơ sở giáo dục "
             "công lập năm học mới, áp dụng từ ngày 01/9 trên địa bàn toàn tỉnh.")
    more = ("Theo nghị quyết, học sinh tiểu học được miễn học phí; các cấp học khác có mức thu khác nhau theo "
            "khu vực thành thị, nông thôn và miền núi, thấp hơn mức trần Chính phủ quy định.")
    text = (f"Quy định mức học phí năm học mới\n\n{prose}\n\n{fees}\n\nNhững điểm mới\n\n{more}\n\n"
            "- Miễn học phí cho học sinh tiểu học\n- Giảm 50% cho hộ cận nghèo\n- Hỗ trợ chi phí học tập\n\n"
            f"{more}\n\nQuang cảnh kỳ họp\n\n\n{prose}\n\nMinh Anh")
    d = parse_plaintext(text)
    assert [p.caption for p in d.photos] == ["Quang cảnh kỳ họp"]
    for cell in ("Mẫu giáo", "Từ 15.000 đến 80.000", "Những điểm mới", "- Giảm 50% cho hộ cận nghèo"):
        assert cell in d.body


def test_caption_precision_and_recall_on_the_benchmark_set():
    """bench/caption_bench.py, small: seeds as pasted and hard-wrapped, generated pages with
    photos, tables, lists, headings, half of them hard-wrapped."""
    from bench.caption_bench import Corpus, generated_page, score, seed_pages

    corpus = Corpus()
    results = score(seed_pages() + [generated_page(corpus, n) for n in range(40)])
    found, right, real, recalled = (sum(c[i] for c in results.values()) for i in range(4))
    assert right / found >= 0.95 and recalled / real >= 0.9
    assert results["seed hard-wrapped"][1:] == (18, 18, 18)
