"""Party and State document numbers cited in article text.

Numbers follow the pattern ``<số>-<loại>/<cơ quan>``: ``09-NQ/TU`` is
resolution 09 of a provincial committee (Tỉnh ủy), ``507-QĐ/TU`` a decision.
Text also cites documents by kind and bare number ("Chỉ thị số 05").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from desktop.core.dates import find_date

KINDS = {
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "CT": "Chỉ thị",
    "QĐ": "Quyết định",
    "QĐI": "Quy định",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "CTR": "Chương trình",
    "ĐA": "Đề án",
    "TTR": "Tờ trình",
    "QC": "Quy chế",
    "CV": "Công văn",
}
LEVELS = {
    "TW": "Trung ương",
    "TU": "Tỉnh ủy / Thị ủy / Thành ủy",
    "TĐU": "Thành ủy",
    "HU": "Huyện ủy",
    "QU": "Quận ủy",
    "ĐU": "Đảng ủy",
    "ĐUK": "Đảng ủy khối",
    "VPTW": "Văn phòng Trung ương",
    "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTCTW": "Ban Tổ chức Trung ương",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "BTGTU": "Ban Tuyên giáo Tỉnh ủy",
    "BTCTU": "Ban Tổ chức Tỉnh ủy",
    "UBKTTU": "Ủy ban Kiểm tra Tỉnh ủy",
    "CB": "Chi bộ",
}
_WORD_KINDS = {
    "nghị quyết": "Nghị quyết",
    "kết luận": "Kết luận",
    "chỉ thị": "Chỉ thị",
    "quyết định": "Quyết định",
    "quy định": "Quy định",
    "hướng dẫn": "Hướng dẫn",
    "kế hoạch": "Kế hoạch",
    "thông báo": "Thông báo",
    "chương trình": "Chương trình",
    "đề án": "Đề án",
    "báo cáo": "Báo cáo",
}

_CODE = re.compile(
    # "(?<![\w/]\d)" after the first digit says what "(?<![\w/])" before it would, but a
    # pattern that starts with a digit is scanned for digits in C: twice as fast.
    r"(?P<num>\d(?<![\w/]\d)\d{0,4}[a-z]?)\s*-\s*(?P<kind>[A-ZĐ][A-Za-zĐđ]{0,5})\s*/\s*(?P<level>[A-ZĐ][A-Za-zĐđ]{0,9})(?![\w/])"
)
_WORDED = re.compile(
    # The lookahead lets the regex engine skip most positions without trying every word.
    "(?=[" + "".join(sorted({word[0] for word in _WORD_KINDS})) + "])"
    r"(?P<word>" + "|".join(_WORD_KINDS) + r")\s+(?:số\s+)?(?P<num>\d{1,5})(?![\d\-/])",
    re.IGNORECASE,
)
_ISSUED = re.compile(r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})")


@dataclass(frozen=True)
class DocRefDraft:
    number: str
    kind: str | None
    level: str | None
    issued: dt.date | None = None


def _issued_after(text: str, end: int) -> dt.date | None:
    match = _ISSUED.match(text[end : end + 40])
    if not match:
        return None
    date, _ = find_date(match.group(1))
    return date


def find_doc_refs(text: str) -> list[DocRefDraft]:
    """Every document cited in ``text``, once each, in order of first citation."""
    found: dict[str, DocRefDraft] = {}
    covered: list[tuple[int, int]] = []
    for match in _CODE.finditer(text):
        kind_code = match["kind"].upper()
        level = match["level"].upper()
        number = f"{match['num']}-{kind_code}/{level}"
        if kind_code not in KINDS and level not in LEVELS:
            continue  # e.g. "30-10/1963": not a document number
        covered.append((match.start(), match.end()))
        if number not in found:
            found[number] = DocRefDraft(
                number=number,
                kind=KINDS.get(kind_code),
                level=level,
                issued=_issued_after(text, match.end()),
            )
    for match in _WORDED.finditer(text):
        # "Nghị quyết số 09-NQ/TU" was already taken in full above.
        if any(start <= match.end("num") <= end + 1 for start, end in covered):
            continue
        if any(start <= match.start("num") < end for start, end in covered):
            continue
        kind = _WORD_KINDS[match["word"].lower()]
        number = match["num"]
        key = f"{kind} {number}"
        if key not in found:
            found[key] = DocRefDraft(
                number=number, kind=kind, level=None, issued=_issued_after(text, match.end())
            )
    return list(found.values())


def written_number(number: str | None) -> str | None:
    """A document's own number as a clerk typed it (``10-nq/tu``), written as it is
    printed (``10-NQ/TU``); anything else with its spacing tidied, or None if empty."""
    number = " ".join((number or "").split())
    if not number:
        return None
    head, dash, tail = number.partition("-")
    typed = (head + dash + tail.upper()).replace(" ", "")
    found = [r.number for r in find_doc_refs(typed)]
    return typed if found == [typed] else number
