"""People named in an article and the titles the text gives them.

Vietnamese news names officials as "đồng chí Nguyễn Văn Công, Tỉnh ủy viên,
Bí thư Thị ủy", "Phó Bí thư Tỉnh ủy Lâm Minh Đằng" or "Văn Quốc Cường - Phó
Bí thư thường trực thị ủy".  A name is a known family name followed by one
to three capitalised syllables; titles are read on either side of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lâm Văn Đinh "
    "Trịnh Mai Trương Đoàn Lương Tô Hà Cao Tạ Châu Thái Lưu Quách Triệu Kiều Tăng Chu Đào La "
    "Đàm Phùng Khổng Nông Lò Vi Lại Mạc Thân Tôn Từ Hứa Âu Giáp Khúc Đồng Lục Ninh Kim "
    "Thạch Sơn Danh Diệp Doãn Hầu Hoa Khương Khuất Lã Lạc Mã Mẫn Nghiêm Quan Tạ Tiêu Trình Vương Yên"
).split()
# No "(?<!\w)" in front: a pattern that starts with its words is scanned for their first
# letters in C, four times faster; a match inside a word is dropped in Python instead.
_SURNAME = re.compile(r"(?:" + "|".join(sorted(set(SURNAMES), key=len, reverse=True)) + r")(?!\w)")
_WORD_CHAR = re.compile(r"\w")
_NEXT_WORD = re.compile(r"\s+(\w+)")
# A capitalised word after these is a place ("thành phố Cao Lãnh"), not a person.
_PLACE_BEFORE = re.compile(r"(?:phố|huyện|tỉnh|xã|phường|trấn|quận|TX|TP|thôn|khu|bản|ấp)\s*$")
_TITLE_START = re.compile(
    r"^(?:Phó\s+)?(?:Bí thư|Chủ tịch|Trưởng|Ủy viên|Uỷ viên|Tỉnh ủy viên|Tỉnh uỷ viên|Thành ủy viên|"
    r"Thành uỷ viên|Huyện ủy viên|Huyện uỷ viên|Thị ủy viên|Thị uỷ viên|Giám đốc|Chánh|Tổng Bí thư|"
    r"Thủ tướng|Bộ trưởng|Đại biểu|Thường trực|Chính ủy|Chỉ huy trưởng|Hiệu trưởng|Thứ trưởng|"
    r"Cục trưởng|Viện trưởng|Chủ nhiệm|Phó)\b",
    re.IGNORECASE,
)
# Words that end a title: the verb of the sentence, or a preposition.
_TITLE_STOP = re.compile(
    r"\s(?:kết luận|phát biểu|cho biết|kiểm tra|chủ trì|tham dự|dự|đánh giá|yêu cầu|ghi nhận|đề nghị|"
    r"làm|tại|trao|nhấn mạnh|khẳng định|chỉ đạo|báo cáo|trao đổi|thăm|tặng|đã|được|cùng|và|với|"
    r"khi|nêu|đến|về|để|có|là)\b"
)
_HONORIFIC_BEFORE = re.compile(r"(?:đồng chí|ông|bà|anh|chị)\s*$", re.IGNORECASE)
_MAX_TITLE_WORDS = 14


@dataclass(frozen=True)
class MentionDraft:
    name: str
    title: str | None


def _trim_title(segment: str) -> str | None:
    segment = segment.strip(" ,;-–")
    if not segment or not _TITLE_START.match(segment):
        return None
    stop = _TITLE_STOP.search(" " + segment)
    if stop:
        segment = segment[: max(stop.start() - 1, 0)]
    words = segment.split()
    if not words or len(words) > _MAX_TITLE_WORDS:
        return None
    return " ".join(words)


def _title_after(text: str, end: int) -> str | None:
    rest = text[end : end + 300]
    sep = re.match(r"\s*(?:,|-|–)\s*", rest)
    if not sep:
        return None
    rest = re.split(r"[;.:()\n“”\"]", rest[sep.end() :], maxsplit=1)[0]
    titles = []
    for segment in rest.split(","):
        title = _trim_title(segment)
        if title is None:
            break
        titles.append(title)
        if len(title.split()) < len(segment.split()):
            break  # the sentence went on past the title
    return ", ".join(titles) or None


def _title_before(text: str, start: int) -> str | None:
    head = text[max(0, start - 120) : start]
    head = re.split(r"[;.:()\n,“”\"]", head)[-1]
    head = _HONORIFIC_BEFORE.sub("", head.rstrip()).strip()
    words = head.split()
    # The title is the longest tail of the clause that starts with a title word.
    for i in range(len(words)):
        candidate = " ".join(words[i:])
        if _TITLE_START.match(candidate) and len(words) - i <= _MAX_TITLE_WORDS:
            honorific = _HONORIFIC_BEFORE.search(" ".join(words[:i]))
            if honorific or i == 0 or words[i - 1][:1].islower():
                return candidate
    return None


def _names(text: str):
    """(start, end) of each family name followed by one to three capitalised syllables."""
    taken = 0
    for match in _SURNAME.finditer(text):
        if match.start() < taken:
            continue  # a middle name that is also a family name ("Nguyễn Văn Công")
        if match.start() and _WORD_CHAR.match(text, match.start() - 1):
            continue  # the end of a longer word
        end, given = match.end(), 0
        while given < 3:
            word = _NEXT_WORD.match(text, end)
            if not word or not word.group(1)[0].isupper():
                break
            end, given = word.end(), given + 1
        if given and not _PLACE_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            taken = end
            yield match.start(), end


def find_mentions(text: str) -> list[MentionDraft]:
    """People named with an honorific or a title, once each, with their fullest title."""
    found: dict[str, str | None] = {}
    order: list[str] = []
    for start, end in _names(text):
        name = text[start:end]
        honorific = _HONORIFIC_BEFORE.search(text[max(0, start - 12) : start])
        title = _title_after(text, end) or _title_before(text, start)
        if title is None and honorific is None:
            continue
        if name not in found:
            order.append(name)
            found[name] = title
        elif title and (found[name] is None or len(title) > len(found[name] or "")):
            found[name] = title
    return [MentionDraft(name, found[name]) for name in order]
