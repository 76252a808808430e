"""Parse an article as clerks paste it from a web page into plain text.

The reference is ``shared/seeds``: a title line, a dateline in one of several
formats, paragraphs one per line, photo captions standing alone where a photo
was (an alt-text line may precede a caption that ends "Ảnh: Name"), an author
line, and page furniture ("Lượt xem: 2131", "Tin liên quan", "Thống kê truy
cập"…) that must not reach the archive.
"""

from __future__ import annotations

import re
from itertools import accumulate
from dataclasses import dataclass

from desktop.core.dates import parse_date_line
from desktop.core.draft import ArticleDraft, PhotoDraft
from desktop.text import clean_line, nfc


class ParseError(ValueError):
    """The text is not an article (empty, binary, no title)."""


# Lines that are page furniture wherever they stand.
_JUNK_LINES = re.compile(
    r"^(?:null|xuất bản thông tin|chi tiết bài viết(?: tin tức)?|in bài viết|gửi bài viết|"
    r"chia sẻ|bản in|quay lại|về đầu trang|"
    r"(?:số\s+)?lượt xem\s*:?\s*[\d.,]*|hôm nay\s*:\s*[\d.,]+|hôm qua\s*:\s*[\d.,]+|"
    r"đã truy cập\s*:\s*[\d.,]+|tổng (?:số )?lượt truy cập\s*:\s*[\d.,]+|đang (?:truy cập|online)\s*:\s*[\d.,]+|"
    r"[.\s…·•|*_\-–—]*)$",
    re.IGNORECASE,
)
# A line like these starts the page's footer: it and everything after it go.
_FOOTER_START = re.compile(
    r"^(?:tin liên quan|tin khác|các tin khác|tin cùng chuyên mục|bài viết liên quan|"
    r"xem thêm|tin nóng|tin tiêu điểm|tin mới nhất|tin đọc nhiều|thống kê truy cập|website liên kết|"
    r"liên kết website|lịch công tác|tìm kiếm theo chuyên mục.*|bình luận|ý kiến bạn đọc|gửi bình luận)$",
    re.IGNORECASE,
)
_NULL_PREFIX = re.compile(r"^null\s+", re.IGNORECASE)
_CREDIT = re.compile(
    r"[\s.,;–-]*[(\[]?\s*(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Ảnh tư liệu|Nguồn ảnh|Ảnh và tin|Ảnh - Tin)\s*:\s*"
    r"(?P<credit>[^()\[\]]{2,80}?)\s*[)\]]?\s*\.?$"
)
# Every credit names a photo ("Ảnh…") or its source ("Nguồn ảnh"): a line without either
# is not tried, since the pattern above can begin anywhere and costs a try at every place.
_CREDIT_WORDS = ("Ảnh", "Nguồn ảnh")


def _credit(line: str) -> re.Match | None:
    return _CREDIT.search(line) if any(word in line for word in _CREDIT_WORDS) else None


_TERMINAL_PUNCT = re.compile(r"[.!?…:;\"”’»)]$")
_HEADING = re.compile(r"^(?:[IVXLC]+|\d+|[a-zđ])[.)]\s", re.IGNORECASE)
_AUTHOR_PREFIX = re.compile(
    r"^(?:bài(?:\s+và\s+|\s*,\s*)ảnh|tin(?:\s+và\s+|\s*,\s*)ảnh|bài|tin|tác giả|pv|phóng viên|nhóm pv)\s*:\s*",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"^(?:theo|nguồn)\s*:?\s+(?P<source>.{2,120}?)\.?$", re.IGNORECASE)
_CIRCULATION = re.compile(r"^(?:mật|tối mật|tuyệt mật|lưu hành nội bộ)$", re.IGNORECASE)

CAPTION_MAX_WORDS = 40
AUTHOR_MAX_WORDS = 6
MAX_TEXT_CHARS = 2_000_000  # ~ a 400-page book; larger is not an article


@dataclass
class _Line:
    text: str
    block: int  # lines in the same block were not separated by a blank line


FOOTER_MAX_CHARS = 20_000  # a page footer's link list is shorter; more text after "Xem thêm" is the article's


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    footers: list[int] = []  # where a line that starts a page footer stands
    block = 0
    for raw in text.splitlines():
        line = clean_line(raw)
        if not line or _JUNK_LINES.match(line):
            block += 1
            continue
        line = _NULL_PREFIX.sub("", line)
        if _FOOTER_START.match(line) and lines:
            footers.append(len(lines))
        lines.append(_Line(line, block))
    return lines[: _footer_start(lines, footers)]


def _footer_start(lines: list[_Line], footers: list[int]) -> int:
    """The first footer line after which only a footer's worth of text follows: it and the
    rest go.  Text is never dropped silently, so a "Xem thêm" followed by more than a
    footer (or by more than came before it) starts no footer."""
    before = [0, *accumulate(len(line.text) for line in lines)]  # characters before each line
    for start in footers:
        if before[-1] - before[start] <= min(FOOTER_MAX_CHARS, before[start]):
            return start
    return len(lines)


def _is_author(line: str) -> bool:
    name = _AUTHOR_PREFIX.sub("", line)
    words = name.split()
    if not words or len(words) > AUTHOR_MAX_WORDS or _TERMINAL_PUNCT.search(name):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    return all(w[0].isupper() or w in {"-", "và", "(tổng", "hợp)"} for w in words)


def caption_parts(line: str) -> tuple[str, str | None] | None:
    """(caption, credit) if the line reads as a photo caption, else None."""
    credit = _credit(line)
    if credit and credit.start() > 0:
        caption = line[: credit.start()].rstrip(" ,;–-")
        if credit.group(0).lstrip().startswith("."):
            caption += "."  # the sentence's own full stop, eaten by the credit pattern
        return caption, credit["credit"].strip()
    words = line.split()
    if len(words) > CAPTION_MAX_WORDS or _TERMINAL_PUNCT.search(line) or _HEADING.match(line):
        return None
    return line, None


_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # C0 codes but tab, line breaks and form feed


def _check_text(text: str) -> str:
    if not text.strip():
        raise ParseError("tệp rỗng, không có nội dung bài viết (empty file)")
    if len(text) > MAX_TEXT_CHARS:
        raise ParseError(
            f"văn bản quá dài ({len(text):,} ký tự, tối đa {MAX_TEXT_CHARS:,}): không phải một bài viết"
        )
    controls = len(_CONTROLS.findall(text, 0, 20000))
    if "\x00" in text or controls > 0.01 * min(len(text), 20000):
        raise ParseError("tệp nhị phân, không phải văn bản (binary data)")
    return text


def parse_plaintext(text: str, *, find_captions: bool = True) -> ArticleDraft:
    """Turn pasted article text into a draft (raises :class:`ParseError`).

    ``find_captions`` guesses photo captions from short lines; formats that
    know where their pictures are (Word, web pages) turn it off.
    """
    text = nfc(_check_text(text))
    lines = _lines(text)
    if not lines:
        raise ParseError("không tìm thấy tiêu đề bài viết (no title)")
    title = lines.pop(0).text
    draft = ArticleDraft(title=title)

    # Furniture between the title and the body: repeated title, dateline, circulation mark.
    while lines and len(lines[0].text.split()) <= 25:
        head = lines[0].text
        date, time = parse_date_line(head)
        if date is not None and draft.published_date is None:
            draft.published_date, draft.published_time = date, time
        elif head == title:
            pass
        elif _CIRCULATION.match(head):
            draft.circulation = head[0].upper() + head[1:].lower()
        else:
            break
        lines.pop(0)

    # Author (and source) at the foot.
    while lines:
        tail = lines[-1].text
        source = _SOURCE.match(tail)
        if source and draft.source_name is None and len(tail.split()) <= 12:
            draft.source_name = source["source"]
        elif _is_author(tail) and draft.author is None:
            draft.author = _AUTHOR_PREFIX.sub("", tail)
        else:
            break
        lines.pop()

    paragraphs: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        parts = caption_parts(line.text) if paragraphs and find_captions else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        next_parts = _credit(nxt.text) if nxt and nxt.block == line.block else None
        if next_parts and next_parts.start() > 0 and paragraphs and find_captions:
            # Alt text directly above a credited caption: one photo.
            caption, credit = caption_parts(nxt.text) or (nxt.text, None)
            draft.photos.append(PhotoDraft(caption=caption, credit=credit, alt=line.text))
            i += 2
            continue
        if parts is not None:
            draft.photos.append(PhotoDraft(caption=parts[0], credit=parts[1]))
        else:
            paragraphs.append(line.text)
        i += 1

    if paragraphs:
        draft.lead = paragraphs[0]
        draft.body = "\n\n".join(paragraphs[1:])
    draft.extract_references()
    return draft
