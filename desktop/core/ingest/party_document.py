"""The header of a Party document's first page (the layout of Quy định 66-QĐ/TW).

    ĐẢNG BỘ TỈNH QUẢNG NINH                ĐẢNG CỘNG SẢN VIỆT NAM
    THỊ ỦY QUẢNG YÊN
            *                        Quảng Yên, ngày 15 tháng 3 năm 2022
       Số 09-NQ/TU
                            NGHỊ QUYẾT
          về tăng cường công tác xây dựng Đảng trong tình hình mới

gives the issuer, the document number, the place and date, the kind and the
summary line; the article's title is "Nghị quyết số 09-NQ/TU về …" and the
header lines leave the body.  The lines may come from a text layer or OCR, so
the reader goes by what lines say and where they stand, not by their order.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from desktop.core.docrefs import KINDS
from desktop.core.ingest.layout import Line, Page
from desktop.text import clean_line, fold

_MARK = "dang cong san viet nam"
_NUMBER = re.compile(r"(?:^|\s)số\s*[:.]?\s*(?P<number>\d{1,5}[a-z]?\s*-\s*[A-ZĐ]{1,6}\s*/\s*[A-ZĐ]{1,10}(?:\s*-\s*[A-ZĐ]{1,8})?)",
                     re.IGNORECASE)
_DATE = re.compile(r",\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.IGNORECASE)
_DOC_KINDS = {fold(name): name for name in KINDS.values()} | {"quy dinh": "Quy định", "to trinh": "Tờ trình"}
_SUPERIOR = re.compile(r"^(?:đảng bộ|ban chấp hành|bch)\b", re.IGNORECASE)
_ORGAN_WORDS = {"ủy", "uỷ", "bộ", "ban", "thường", "vụ", "chấp", "hành", "kiểm", "tra", "tuyên", "giáo", "tổ", "chức",
                "dân", "vận", "văn", "phòng", "chi", "khối", "cơ", "quan", "doanh", "nghiệp", "trung", "ương"}
MAX_SUMMARY_LINES = 4


@dataclass(frozen=True)
class Header:
    kind: str  # "Nghị quyết"
    number: str | None  # "09-NQ/TU"
    issuer: str | None  # "Thị ủy Quảng Yên"
    place: str | None
    issued: dt.date | None
    summary: str  # "về tăng cường …"
    rest: Page  # the first page without the header lines

    @property
    def title(self) -> str:
        number = f" số {self.number}" if self.number else ""
        return " ".join(f"{self.kind}{number} {self.summary}".split())


def organ_name(upper: str) -> str:
    """``THỊ ỦY QUẢNG YÊN`` → ``Thị ủy Quảng Yên``: words of the organ lower-case after
    the first, the place name capitalised (as the Party's style guide writes them)."""
    words = clean_line(upper).lower().split()
    out = []
    for index, word in enumerate(words):
        organ = word in _ORGAN_WORDS and all(w in _ORGAN_WORDS or w in {"tỉnh", "thị", "huyện", "thành", "quận", "xã",
                                                                       "phường", "đảng"} for w in words[: index + 1])
        out.append(word if organ and index else word[:1].upper() + word[1:])
    return " ".join(out)


def _place(text: str) -> str | None:
    """The place before ", ngày …": the capitalised words that end ``text``."""
    words = []
    for word in reversed(text.split()):
        if not (word[:1].isupper() and (len(word) == 1 or word[1:].islower())) or len(words) == 5:
            break
        words.insert(0, word)
    return " ".join(words) or None


def _centred(line: Line, width: float) -> bool:
    middle = (line.left + line.right) / 2
    return abs(middle - width / 2) < 0.12 * width and line.right - line.left < 0.9 * width


def read_header(page: Page) -> Header | None:
    """The Party document header on this (first) page, or None if the page has none."""
    lines = sorted(page.lines, key=lambda line: (line.top, line.left))
    top = lines[: 40]
    if not any(_MARK in fold(clean_line(line.text)) for line in top[:12]):
        return None
    used: set[int] = set()
    number = issuer = place = None
    issued = None
    kind_at = None
    for index, line in enumerate(top):
        text = clean_line(line.text)
        folded = fold(text)
        if (mark := folded.find(_MARK)) >= 0:
            used.add(index)
            text, folded = text[:mark].strip(), folded[:mark].strip()  # a row may hold the issuer too
        if (date := _DATE.search(text)) and issued is None:
            try:
                issued = dt.date(int(date["y"]), int(date["m"]), int(date["d"]))
            except ValueError:
                issued = None
            place = _place(text[: date.start()])
            used.add(index)
            text = text[: date.start()]
        if (found := _NUMBER.search(text)) and number is None:
            number = re.sub(r"\s+", "", found["number"]).upper()  # "09 - nq/tu" → "09-NQ/TU"
            used.add(index)
            text = text[: found.start()]
        text = text.strip("*-–—_ ")
        folded = fold(text)
        if not text:
            if kind_at is None and line.text.strip("*-–—_ ") == "":
                used.add(index)  # the star or rule under the issuer
            continue
        if folded in _DOC_KINDS and text.isupper():
            kind_at = index
            used.add(index)
            break
        if text.isupper() and line.left < 0.5 * page.width:
            used.add(index)
            if not _SUPERIOR.match(text) or issuer is None:
                issuer = organ_name(text)  # the last upper-case line on the left is the issuer itself
    if kind_at is None:
        return None
    summary = []
    for index in range(kind_at + 1, min(len(lines), kind_at + 1 + MAX_SUMMARY_LINES)):
        line = lines[index]
        text = clean_line(line.text)
        if text.strip("-–—_ ") == "":
            used.add(index)
            break
        if not _centred(line, page.width) or (summary and text[:1].isupper() and not text.isupper()):
            break
        summary.append(text)
        used.add(index)
    kind = _DOC_KINDS[fold(clean_line(lines[kind_at].text))]
    rest = Page(page.width, page.height, tuple(line for index, line in enumerate(lines) if index not in used))
    return Header(kind, number, issuer, place, issued, " ".join(summary), rest)
