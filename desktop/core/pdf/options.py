"""What a clerk chooses for a compilation, and the file name it is saved under.

Apart from :mod:`~desktop.core.pdf.compilation` so that the window, whose export
dialog shows these choices, loads ReportLab and Pillow only when it exports.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from desktop.text import nfc


@dataclass
class CompilationOptions:
    title: str = "Tập bài viết"
    office_name: str = "THỊ ỦY QUẢNG YÊN"
    superior_name: str = ""  # e.g. "ĐẢNG BỘ TỈNH QUẢNG NINH"
    place: str = "Quảng Yên"
    issued: dt.date = field(default_factory=dt.date.today)
    with_photos: bool = True
    one_per_page: bool = False
    include_restricted: bool = False
    captions_list: bool = False
    page_size: str = "A4"  # or "A5" (booklet)
    order: str = "date_asc"  # "date_asc" | "date_desc" | "given"
    lineage_unit: int | None = None  # a compilation for this unit and its predecessors: named on the cover


_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def pdf_file_name(title: str) -> str:
    """A file name for a compilation that Windows accepts: no ':' or other reserved
    characters, no trailing dot or space, diacritics kept (NFC)."""
    name = _NOT_IN_FILE_NAMES.sub(" ", nfc(title))
    name = re.sub(r"\s+", " ", name).strip(" .")[:120].strip(" .")
    if name.split(".")[0].upper() in _RESERVED_NAMES or not name:
        name = f"Tập bài viết {name}".strip()
    return f"{name}.pdf"
