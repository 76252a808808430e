"""Word ``.docx`` files (python-docx), legacy-font text included.

Text typed with the ".VnTime"/".VnTimeH" (TCVN3) or "VNI-Times" fonts sits
in ordinary runs as the Western characters of its byte codes
("Uû ban nh©n d©n"); each run is converted by its font.  Images come in
document order, each with the caption paragraph that follows it.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from desktop.core.ingest import legacy
from desktop.core.draft import ArticleDraft, PhotoDraft
from desktop.core.ingest.plaintext import ParseError, caption_parts, parse_plaintext

MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 120  # real .docx parts compress ~10×; a bomb does thousands
MAX_MEMBERS = 5000
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def check_zip(path: Path) -> None:
    """Refuse zip bombs and malformed archives before python-docx unpacks anything."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError(f"tệp Word hỏng hoặc không phải .docx ({exc})") from exc
    if len(infos) > MAX_MEMBERS:
        raise ParseError(f"tệp Word có quá nhiều thành phần ({len(infos)})")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ParseError("tệp Word giải nén ra quá lớn, có thể là tệp độc hại (zip bomb)")


class _Styles:
    """Each paragraph style's name and font, looked up once per document
    (python-docx searches the style list on every ``paragraph.style``)."""

    def __init__(self):
        self._known: dict[str | None, tuple[str, str]] = {}

    def of(self, paragraph) -> tuple[str, str]:
        """(lower-case style name, font name inherited through base styles)."""
        key = paragraph._p.style
        found = self._known.get(key)
        if found is None:
            style = paragraph.style
            name = (style.name or "").lower() if style is not None else ""
            font = ""
            while style is not None:
                if style.font is not None and style.font.name:
                    font = style.font.name
                    break
                style = style.base_style
            found = self._known[key] = (name, font)
        return found


def convert_run(text: str, font: str) -> str:
    """Unicode text of a run, converting legacy-font runs by their font name."""
    name = font.strip().lower()
    if name.startswith(".vn"):
        try:
            raw = text.encode("cp1252")
        except UnicodeEncodeError:
            return text  # already real Unicode in a legacy-named font
        return legacy.decode_tcvn3(raw, uppercase=name.endswith("h"))
    if name.startswith("vni"):
        return legacy.vni_to_unicode(text)
    return text


def _paragraph_text(paragraph, style_font: str) -> str:
    return "".join(convert_run(run.text, run.font.name or style_font) for run in paragraph.runs)


def _images(paragraph, document) -> list[tuple[bytes, str]]:
    """The paragraph's pictures: (bytes, name inside the .docx) each."""
    found = []
    for blip in paragraph._p.iter(_BLIP):
        rel = blip.get(_EMBED)
        part = document.part.related_parts.get(rel) if rel else None
        if part is not None and hasattr(part, "blob"):
            found.append((part.blob, str(getattr(part, "partname", "")).rsplit("/", 1)[-1] or None))
    return found


def parse_docx(path: Path) -> ArticleDraft:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(path)
    try:
        document = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ParseError(f"không đọc được tệp Word ({exc})") from exc
    except Exception as exc:  # noqa: BLE001 - lxml/python-docx raise many kinds on broken XML
        raise ParseError(f"tệp Word hỏng ({exc.__class__.__name__})") from exc
    lines: list[str] = []
    photos: list[PhotoDraft] = []
    waiting: list[tuple[bytes, str]] = []  # images still looking for their caption
    title = None
    styles = _Styles()
    for paragraph in document.paragraphs:
        style, style_font = styles.of(paragraph)
        text = " ".join(_paragraph_text(paragraph, style_font).split())
        images = _images(paragraph, document)
        if waiting and text:
            parts = caption_parts(text)  # a short line after a picture is its caption
            caption, credit = parts if parts else ("", None)
            photos += [PhotoDraft(caption=caption, credit=credit, image=img, name=name) for img, name in waiting]
            waiting = []
            if parts:
                continue
        waiting += images
        if not text:
            continue
        if title is None and (style.startswith("title") or style.startswith("heading")):
            title = text
            lines.insert(0, text)
            continue
        lines.append(text)
    photos += [PhotoDraft(image=img, name=name) for img, name in waiting]
    draft = parse_plaintext("\n\n".join(lines), find_captions=False)
    draft.photos = photos or draft.photos
    props = document.core_properties
    if draft.author is None and props.author:
        draft.author = props.author
    if draft.published_date is None and isinstance(props.created, dt.datetime) and props.created.year > 1990:
        draft.published_date = props.created.date()
    draft.extract_references()
    return draft
