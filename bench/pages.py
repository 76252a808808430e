"""Generated documents for the OCR bench and the import tests: Vietnamese pages as
images (any font, dpi, tilt, speckle, blur), scanned PDFs and born-digital PDFs.

Everything is drawn here, so the expected text is known exactly.
"""

from __future__ import annotations

import io
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from desktop.paths import resources

PARTY_HEADER = (
    ("ĐẢNG BỘ TỈNH QUẢNG NINH", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("THỊ ỦY QUẢNG YÊN", ""),
    ("*", "Quảng Yên, ngày 15 tháng 3 năm 2022"),
    ("Số 09-NQ/TU", ""),
)
PARTY_KIND = "NGHỊ QUYẾT"
PARTY_SUMMARY = "về tăng cường công tác xây dựng Đảng trong tình hình mới"
PARAGRAPHS = (
    "Sáng ngày 15 tháng 3, Ban Thường vụ Thị ủy Quảng Yên tổ chức hội nghị giao ban công tác xây dựng Đảng "
    "quý I năm 2022, đánh giá kết quả thực hiện Nghị quyết số 1202-KL/TU và triển khai nhiệm vụ trọng tâm.",
    "Các đồng chí dự hội nghị thống nhất tiếp tục đổi mới phương thức lãnh đạo, nâng cao chất lượng sinh hoạt "
    "chi bộ, thực hiện nghiêm Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách "
    "Hồ Chí Minh; quan tâm công tác phát triển đảng viên ở khu dân cư và doanh nghiệp ngoài nhà nước.",
    "Hội nghị giao nhiệm vụ cho Ban Tuyên giáo Thị ủy phối hợp với Ủy ban Kiểm tra theo dõi việc thực hiện "
    "Quyết định số 507-QĐ/TU, báo cáo kết quả trước ngày 30 tháng 6 năm 2022.",
)
DOC_NUMBERS = ("09-NQ/TU", "1202-KL/TU", "05-CT/TW", "507-QĐ/TU", "24-HD/ĐU", "112-KH/HU", "36-TB/TU", "18-QĐ/TW")


def fonts() -> list[Path]:
    """Serif and sans fonts with Vietnamese: LuuTru's own, and DejaVu/Liberation where installed."""
    found = [resources() / "fonts" / "LiberationSerif-Regular.ttf"]
    for folder in (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"),
                   Path("/usr/share/fonts/truetype/liberation2")):
        for name in ("DejaVuSans.ttf", "DejaVuSerif.ttf", "LiberationSans-Regular.ttf"):
            if (folder / name).is_file():
                found.append(folder / name)
    return found


@dataclass(frozen=True)
class Damage:
    """What a scanner or camera does to a page."""

    tilt: float = 0.0  # degrees
    speckle: float = 0.0  # share of pixels flipped to black or white
    blur: float = 0.0  # Gaussian radius in pixels at 300 dpi


def render_page(lines: list[str | tuple[str, str]], *, font: Path | None = None, dpi: int = 200,
                damage: Damage = Damage(), seed: int = 0, size_pt: float = 12) -> Image.Image:
    """An A4 page (greyscale) with the lines typeset at ``size_pt``: a tuple is a row
    with a left and a right half (a document header), a line starting with ``^``
    is centred."""
    scale = dpi / 72
    width, height = int(595 * scale), int(842 * scale)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(str(font or fonts()[0]), int(size_pt * scale))
    margin, y = int(60 * scale), int(60 * scale)
    step = int(size_pt * 1.5 * scale)
    for line in lines:
        if isinstance(line, tuple):
            left, right = line
            draw.text((margin, y), left, font=face, fill=0)
            if right:
                draw.text((width // 2 + margin // 4, y), right, font=face, fill=0)
        elif line.startswith("^"):
            text = line[1:]
            draw.text(((width - draw.textlength(text, font=face)) / 2, y), text, font=face, fill=0)
        elif line:
            draw.text((margin, y), line, font=face, fill=0)
        y += step
    return damaged(page, damage, seed, dpi)


def damaged(page: Image.Image, damage: Damage, seed: int, dpi: int) -> Image.Image:
    if damage.tilt:
        page = page.rotate(damage.tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if damage.blur:
        page = page.filter(ImageFilter.GaussianBlur(damage.blur * dpi / 300))
    if damage.speckle:
        rng = random.Random(seed)
        pixels = page.load()
        for _ in range(int(damage.speckle * page.width * page.height)):
            pixels[rng.randrange(page.width), rng.randrange(page.height)] = rng.choice((0, 255))
    return page


def wrapped(paragraphs: tuple[str, ...] | list[str], width: int = 78) -> list[str]:
    """Paragraphs wrapped to lines of about ``width`` characters, a blank line between."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, width)
        lines.append("")
    return lines[:-1]


def party_document_lines() -> list[str | tuple[str, str]]:
    return [*PARTY_HEADER, "", f"^{PARTY_KIND}", f"^{PARTY_SUMMARY}", "^-----", *wrapped(PARAGRAPHS)]


def image_bytes(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def scanned_pdf(pages: list[Image.Image], dpi: int = 200) -> bytes:
    """A PDF of page images only (no text layer), as a scanner makes it."""
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out.getvalue()


def born_digital_pdf(pages: list[list[str | tuple[str, str]]], *, columns: int = 1, header: str | None = None,
                     numbered: bool = False, photo: tuple[bytes, str] | None = None, size_pt: float = 11) -> bytes:
    """A PDF with a text layer typeset by ReportLab (Liberation Serif): each page's lines
    (tuples and ``^`` as in :func:`render_page`), in one or two columns, with a running
    header and page numbers if asked, and a photo with its caption under it on page 1."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    from reportlab.lib.utils import ImageReader

    pdfmetrics.registerFont(TTFont("LTSerif", str(resources() / "fonts" / "LiberationSerif-Regular.ttf")))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595, 842))
    for number, lines in enumerate(pages, start=1):
        pdf.setFont("LTSerif", size_pt)
        if header:
            pdf.drawCentredString(297, 815, header)
        if numbered:
            pdf.drawCentredString(297, 25, str(number))
        y = 770
        if photo is not None and number == 1:
            data, caption = photo
            pdf.drawImage(ImageReader(io.BytesIO(data)), 60, y - 200, width=300, height=200)
            pdf.drawString(60, y - 200 - size_pt * 1.4, caption)
            y -= 200 + size_pt * 4
        column_width = (475 - 20 * (columns - 1)) / columns
        per_column = -(-len(lines) // columns)
        for column in range(columns):
            x, row = 60 + column * (column_width + 20), y
            for line in lines[column * per_column:(column + 1) * per_column]:
                if isinstance(line, tuple):
                    pdf.drawString(x, row, line[0])
                    if line[1]:
                        pdf.drawString(320, row, line[1])
                elif line.startswith("^"):
                    pdf.drawCentredString(297, row, line[1:])
                elif line:
                    pdf.drawString(x, row, line)
                row -= size_pt * 1.4
        pdf.showPage()
    pdf.save()
    return out.getvalue()
