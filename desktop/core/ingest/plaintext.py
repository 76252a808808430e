"""Parse an article as clerks paste it from a web page into plain text.

The reference is ``shared/seeds``: a title line, a dateline in one of several
formats, paragraphs one per line (or hard-wrapped, as old .txt files are),
photo captions standing alone where a photo was (an alt-text line may precede
a caption that ends "Ảnh: Name"), an author line, and page furniture
("Lượt xem: 2131", "Tin liên quan", "Thống kê truy cập"…) that must not
reach the archive.
"""

from __future__ import annotations

import re
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
NEIGHBOUR_MIN_WORDS = 12  # a caption stands between paragraphs; shorter neighbours make a table or a list
AUTHOR_MAX_WORDS = 6
MAX_TEXT_CHARS = 2_000_000  # ~ a 400-page book; larger is not an article


@dataclass
class _Line:
    text: str
    block: int  # lines in the same block were not separated by a blank line
    indented: bool = False  # the raw line began with a space (a web page's figure leaves one)
    gap_after: int = 0  # blank (or furniture) lines after it


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    for raw in reflow(text.splitlines()):
        line = clean_line(raw)
        if not line or _JUNK_LINES.match(line):
            block += 1
            if lines:
                lines[-1].gap_after += 1
            continue
        line = _NULL_PREFIX.sub("", line)
        if _FOOTER_START.match(line) and lines:
            break
        lines.append(_Line(line, block, indented=raw[:1].isspace()))
    return lines


WRAP_MAX = 100  # old .txt files are wrapped at 60–80 characters; a web page's paragraph is one long line
WRAP_FULL_SHARE = 0.5  # of the text's lines that end close to the width and go on in the next line
WRAP_MIN_LINES = 6


def reflow(raw_lines: list[str]) -> list[str]:
    """Join hard-wrapped lines back into paragraphs.

    A text is wrapped when most of its lines end close to one width; a line
    is then continued on the next (with no blank line between) when the next
    line's first word would not have fitted on it.  Short lines — the last of
    a paragraph, a heading, a table's cells — stay as they are."""
    stripped = [line.strip() for line in raw_lines]  # spaces inside a line barely change its length
    lengths = sorted(len(line) for line in stripped if line)
    if len(lengths) < WRAP_MIN_LINES:
        return raw_lines
    width = lengths[int(0.95 * (len(lengths) - 1))]
    continued = [len(a) for a, b in zip(stripped, stripped[1:]) if a and b]
    full = sum(n >= width - 20 for n in continued)
    if width > WRAP_MAX or full < WRAP_MIN_LINES or full < WRAP_FULL_SHARE * len(lengths):
        return raw_lines
    out: list[str] = []
    previous = ""  # the last line read, stripped ("" after a blank line)
    for raw, line in zip(raw_lines, stripped):
        if previous and line and len(previous) + 1 + len(line.split(" ", 1)[0]) > width:
            out[-1] = f"{out[-1].rstrip()} {line}"
        else:
            out.append(raw)
        previous = line
    return out


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


# "Ảnh 1: …", "Hình 2. …", "[Ảnh] …", "(Ảnh minh họa) …": a figure the text numbers or marks.
_FIGURE = re.compile(
    r"^(?:[\[(]\s*(?:ảnh|hình)(?:\s+minh ho[aạ]|\s+minh họa)?(?:\s*\d+)?\s*[\])]|(?:ảnh|hình)\s*\d+\s*[:.\-–])\s*",
    re.IGNORECASE,
)
# A caption's usual opening: what or who the photo shows.
_SCENE = re.compile(r"^(?:quang cảnh|toàn cảnh|(?:các )?đại biểu|(?:các )?đồng chí|ông|bà|đoàn công tác)\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:[-–—•*+·○▪►]|\d+[.)/]|[a-zđ]\))\s*", re.IGNORECASE)


@dataclass(frozen=True)
class _Layout:
    """How the text usually separates paragraphs, to see where it departs from that around a photo."""

    gap: int  # blank lines after a paragraph, usually
    indented: bool  # paragraphs usually begin with a space

    @classmethod
    def of(cls, lines: list[_Line]) -> _Layout:
        gaps = sorted(line.gap_after for line in lines) or [0]
        return cls(gaps[len(gaps) // 2], sum(line.indented for line in lines) > 0.3 * max(1, len(lines)))


def _photo_caption(lines: list[_Line], i: int, layout: _Layout) -> tuple[str, str | None] | None:
    """(caption, credit) if line ``i`` is where the text shows a photo, else None.

    The text shows a photo by a credit ("… Ảnh: Thu Trang"), a figure marker
    ("Ảnh 1: …"), or, as pages copied from the web do, a short line standing
    alone between paragraphs followed by a blank line more than usual or by an
    indented paragraph (the figure's leftovers), or opening as captions do
    ("Quang cảnh hội nghị", "Đồng chí … phát biểu").  Short lines next to other
    short lines are a table or a list, and stay text."""
    line = lines[i]
    credit = _credit(line.text)
    if credit and credit.start() > 0:
        # A paragraph may end on "Ảnh: …" too; a caption is short.
        return caption_parts(line.text) if len(line.text[: credit.start()].split()) <= CAPTION_MAX_WORDS else None
    marker = _FIGURE.match(line.text)
    if marker and line.text[marker.end():].strip():
        rest = line.text[marker.end():].strip()
        return caption_parts(rest) or (rest, None)
    parts = caption_parts(line.text)
    if parts is None or _LIST_ITEM.match(line.text) or line.text.isupper():
        return None
    before = lines[i - 1] if i else None
    after = lines[i + 1] if i + 1 < len(lines) else None
    if any(n is not None and (n.block == line.block or len(n.text.split()) <= NEIGHBOUR_MIN_WORDS) for n in (before, after)):
        return None
    shown = line.gap_after > layout.gap or (after is not None and after.indented and not layout.indented)
    return parts if shown or _SCENE.match(line.text) else None


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

    Hard-wrapped text is joined back into paragraphs first (:func:`reflow`).
    ``find_captions`` looks for photo captions where the text shows a photo
    (:func:`_photo_caption`); formats that know where their pictures are
    (Word, web pages) turn it off.
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
    layout = _Layout.of(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        parts = _photo_caption(lines, i, layout) if paragraphs and find_captions else None
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
