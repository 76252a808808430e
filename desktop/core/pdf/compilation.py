"""Build an A4 compilation PDF of archived articles.

Cover (after Hướng dẫn 36-HD/VPTW: office name and "ĐẢNG CỘNG SẢN VIỆT NAM"
at the top, place and date in italics, the title in bold capitals), table
of contents with page numbers (two-pass build), then each article with its
photos and captions; running header, "Trang X/Y" footer, one bookmark per
article and document metadata.

Photos are downsampled and turned upright by Pillow into a temporary folder
and drawn from there, so memory stays bounded however many articles there
are.  The PDF is written to a temporary name and renamed into place, so a
cancelled or failed export never leaves a half-written file.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image as PdfImage,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from desktop.core.pdf.fonts import FAMILY, printable, register_fonts
from desktop.core.pdf.options import CompilationOptions
from desktop.core.views import ArticleDetail

rl_config.useA85 = 0  # embed JPEG bytes as they are; pure-Python ASCII85 cost ~40 ms a photo

RESTRICTED = ("Mật", "Tối mật", "Tuyệt mật", "Lưu hành nội bộ")
MAX_IMAGE_PX = 1400  # ~ 16 cm at 220 dpi: sharp in print, small in the file


class ExportCancelled(Exception):
    pass


@dataclass
class ExportReport:
    path: Path
    articles: int
    pages: int
    photos: int
    left_out_restricted: int
    missing_glyphs: set[str]


Progress = Callable[[int, int, str], None]


def _styles(base_size: float) -> dict[str, ParagraphStyle]:
    font = register_fonts()
    s = {
        "body": ParagraphStyle("body", fontName=font, fontSize=base_size, leading=base_size * 1.35,
                               alignment=TA_JUSTIFY, firstLineIndent=base_size * 1.2, spaceAfter=base_size * 0.45),
        "lead": ParagraphStyle("lead", fontName=f"{font}-Bold", fontSize=base_size, leading=base_size * 1.35,
                               alignment=TA_JUSTIFY, spaceAfter=base_size * 0.6),
        "title": ParagraphStyle("title", fontName=f"{font}-Bold", fontSize=base_size + 3, leading=(base_size + 3) * 1.3,
                                alignment=TA_CENTER, spaceAfter=4),
        "meta": ParagraphStyle("meta", fontName=f"{font}-Italic", fontSize=base_size - 2, leading=(base_size - 2) * 1.3,
                               alignment=TA_CENTER, textColor=colors.HexColor("#333333"), spaceAfter=base_size),
        "caption": ParagraphStyle("caption", fontName=f"{font}-Italic", fontSize=base_size - 2,
                                  leading=(base_size - 2) * 1.3, alignment=TA_CENTER, spaceBefore=3,
                                  spaceAfter=base_size * 0.8),
        "author": ParagraphStyle("author", fontName=f"{font}-Bold", fontSize=base_size, leading=base_size * 1.3,
                                 alignment=2, spaceBefore=4, spaceAfter=base_size),
        "cover_small": ParagraphStyle("cover_small", fontName=font, fontSize=13, leading=17, alignment=TA_CENTER),
        "cover_office": ParagraphStyle("cover_office", fontName=font, fontSize=12, leading=16, alignment=TA_CENTER),
        "cover_party": ParagraphStyle("cover_party", fontName=f"{font}-Bold", fontSize=14, leading=18, alignment=TA_CENTER),
        "cover_date": ParagraphStyle("cover_date", fontName=f"{font}-Italic", fontSize=13, leading=17, alignment=TA_CENTER),
        "cover_title": ParagraphStyle("cover_title", fontName=f"{font}-Bold", fontSize=20, leading=28, alignment=TA_CENTER),
        "cover_info": ParagraphStyle("cover_info", fontName=font, fontSize=14, leading=20, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", fontName=f"{font}-Bold", fontSize=15, leading=20, alignment=TA_CENTER,
                                  spaceAfter=14),
        "toc1": ParagraphStyle("toc1", fontName=font, fontSize=base_size - 1, leading=(base_size - 1) * 1.3,
                               leftIndent=18, firstLineIndent=-18, rightIndent=30, spaceAfter=4),
        "list": ParagraphStyle("list", fontName=font, fontSize=base_size - 2, leading=(base_size - 2) * 1.3,
                               alignment=TA_LEFT, spaceAfter=3),
    }
    return s


class _ArticleStart(Flowable):
    """Zero-size marker: where an article starts, for bookmarks and the TOC."""

    def __init__(self, key: str, title: str):
        super().__init__()
        self.key, self.title = key, title
        self.width = self.height = 0

    def wrap(self, *_):
        return 0, 0

    def draw(self):
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=0, closed=True)


class _CompilationDoc(BaseDocTemplate):
    def __init__(self, filename: str, options: CompilationOptions, header: str, mark: str | None,
                 cancelled: Callable[[], bool] | None, progress: Progress | None, total_articles: int, **kw):
        super().__init__(filename, **kw)
        self.options, self.header, self.mark = options, header, mark
        self.cancelled, self.progress_cb, self.total_articles = cancelled, progress, total_articles
        self.total_pages = 0  # from the previous pass; the final pass prints "Trang X/Y"
        self._pages_this_pass = 0
        self._articles_placed = 0
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="main")
        self.addPageTemplates([
            PageTemplate(id="cover", frames=[frame], onPage=self._cover_page),
            PageTemplate(id="content", frames=[frame], onPage=self._content_page),
        ])

    def beforeDocument(self):
        self.total_pages = self._pages_this_pass or self.total_pages
        self._pages_this_pass = 0
        self._articles_placed = 0

    def afterPage(self):
        self._pages_this_pass += 1
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled()

    def afterFlowable(self, flowable):
        if isinstance(flowable, _ArticleStart):
            self.notify("TOCEntry", (0, flowable.title, self.page, flowable.key))
            self._articles_placed += 1
            if self.progress_cb is not None:
                self.progress_cb(self._articles_placed, self.total_articles, flowable.title)

    def _mark(self, canvas):
        if self.mark:
            canvas.setFont(f"{FAMILY}-Bold", 11)
            canvas.setFillColor(colors.HexColor("#b00000"))
            canvas.drawRightString(self.pagesize[0] - self.rightMargin, self.pagesize[1] - 1.0 * cm, self.mark.upper())
            canvas.setFillColor(colors.black)

    def _cover_page(self, canvas, doc):
        canvas.saveState()
        self._mark(canvas)
        canvas.restoreState()

    def _content_page(self, canvas, doc):
        canvas.saveState()
        width, height = self.pagesize
        canvas.setFont(f"{FAMILY}-Italic", 9)
        canvas.setFillColor(colors.HexColor("#444444"))
        canvas.drawString(self.leftMargin, height - 1.0 * cm, self.header)
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.setLineWidth(0.4)
        canvas.line(self.leftMargin, height - 1.15 * cm, width - self.rightMargin, height - 1.15 * cm)
        total = self.total_pages or "?"
        canvas.setFont(FAMILY, 10)
        canvas.setFillColor(colors.black)
        canvas.drawCentredString(width / 2, 1.0 * cm, f"Trang {doc.page}/{total}")
        self._mark(canvas)
        canvas.restoreState()


def _esc(text: str, missing: set[str]) -> str:
    return html.escape(printable(text, missing), quote=False)


def _vn_date(day: dt.date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _prepare_image(source: Path, workdir: Path, cache: dict[str, Path]) -> tuple[Path, int, int] | None:
    """An upright, downsampled JPEG/PNG copy of a photo, or None if it cannot be read."""
    key = source.name
    if key in cache:
        target = cache[key]
        with Image.open(target) as image:
            return target, image.width, image.height
    try:
        with Image.open(source) as image:
            scale = MAX_IMAGE_PX / max(image.size)
            if scale < 1:  # let the JPEG decoder skip detail we would throw away
                image.draft("RGB", (int(image.width * scale), int(image.height * scale)))
            if image.getexif().get(0x0112, 1) != 1:
                image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_IMAGE_PX, MAX_IMAGE_PX), reducing_gap=2.0)
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            target = workdir / f"{source.stem}.jpg"
            image.save(target, "JPEG", quality=85)
            cache[key] = target
            return target, image.width, image.height
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def _article_story(article: ArticleDetail, index: int, styles, options: CompilationOptions, archive,
                   frame_w: float, frame_h: float, workdir: Path, cache: dict[str, Path], missing: set[str],
                   lineage) -> tuple[list, int]:
    story: list = []
    if options.one_per_page and index > 0:
        story.append(PageBreak())
    elif index > 0:
        story.append(CondPageBreak(frame_h * 0.25))
        story.append(Spacer(1, 10))
    title = printable(article.title, missing)
    story.append(_ArticleStart(f"a{article.id}", title))
    story.append(Paragraph(_esc(article.title, missing), styles["title"]))
    meta = []
    if article.published_date:
        meta.append(article.published_date.strftime("%d/%m/%Y"))
    if article.units:  # as the units were named on the article's date (store/lineage.py)
        meta.append("; ".join(lineage.label_at(u.id, article.published_date) for u in article.units))
    if article.circulation:
        meta.append(article.circulation)
    if meta:
        story.append(Paragraph(_esc(" · ".join(meta), missing), styles["meta"]))
    if article.lead:
        story.append(Paragraph(_esc(article.lead, missing), styles["lead"]))
    for paragraph in article.paragraphs:
        story.append(Paragraph(_esc(paragraph, missing), styles["body"]))
    photos = 0
    if options.with_photos:
        for photo in article.photos:
            path = archive.photo_path(photo.sha256) if photo.sha256 else None
            prepared = _prepare_image(path, workdir, cache) if path else None
            caption = photo.caption + (f" Ảnh: {photo.credit}" if photo.credit else "")
            if prepared is None:
                # The caption came with the text but the image file never did: keep the words.
                story.append(Paragraph(_esc(f"[Ảnh] {caption}", missing), styles["caption"]))
                continue
            file, w, h = prepared
            width = frame_w
            height = width * h / w
            if height > frame_h * 0.55:
                height = frame_h * 0.55
                width = height * w / h
            story.append(KeepTogether([
                PdfImage(str(file), width=width, height=height),
                Paragraph(_esc(caption, missing), styles["caption"]),
            ]))
            photos += 1
    if article.author:
        byline = Paragraph(_esc(article.author, missing), styles["author"])
        story.append(_WithByline([story.pop(), byline]) if isinstance(story[-1], (Paragraph, KeepTogether)) else byline)
    return story, photos


class _WithByline(KeepTogether):
    """An article's last paragraph or photo with its byline, so the byline never
    starts a page alone: a long last paragraph is split and its tail moves with it."""

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        last, byline = self._content
        if self._H > aH and isinstance(last, Paragraph):
            _, byline_h = byline.wrap(aW, aH)
            parts = last.split(aW, aH - byline_h - byline.getSpaceBefore() - last.getSpaceAfter())
            if len(parts) == 2:
                return [parts[0], KeepTogether([parts[1], byline])]
        return super().split(aW, aH)


def _cover(options: CompilationOptions, styles, articles: Sequence[ArticleDetail], frame_w: float, missing,
           lineage) -> list:
    office = Paragraph(
        (f"{_esc(options.superior_name.upper(), missing)}<br/>" if options.superior_name else "")
        + f"<b>{_esc(options.office_name.upper(), missing)}</b><br/>*",
        styles["cover_office"],
    )
    party = Paragraph(f"<u>{_esc('ĐẢNG CỘNG SẢN VIỆT NAM', missing)}</u>", styles["cover_party"])
    date_line = Paragraph(_esc(f"{options.place}, {_vn_date(options.issued)}", missing), styles["cover_date"])
    top = Table([[office, party], ["", date_line]], colWidths=[frame_w * 0.5, frame_w * 0.5])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 1), (-1, 1), 8)]))
    dates = [a.published_date for a in articles if a.published_date]
    info = [f"Gồm {len(articles)} bài viết"]
    if dates:
        info.insert(0, f"Từ ngày {min(dates):%d/%m/%Y} đến ngày {max(dates):%d/%m/%Y}")
    if options.lineage_unit is not None and options.lineage_unit in lineage.units:
        line = lineage.lineage_line(options.lineage_unit)
        if line:
            info.append(line)
    return [
        top,
        Spacer(1, 6 * cm),
        Paragraph(_esc(options.title.upper(), missing), styles["cover_title"]),
        Spacer(1, 1 * cm),
        *[Paragraph(_esc(line, missing), styles["cover_info"]) for line in info],
        NextPageTemplate("content"),
        PageBreak(),
    ]


def export_pdf(
    archive,
    article_ids: Sequence[int],
    out_path: str | Path,
    options: CompilationOptions | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    purpose: str = "export",
) -> ExportReport:
    """Write a compilation of ``article_ids`` to ``out_path`` and say what went in.
    Restricted articles that went in are written to the audit log (``purpose``: export or print)."""
    options = options or CompilationOptions()
    out_path = Path(out_path)
    articles = [archive.article(i) for i in article_ids]
    left_out = 0
    if not options.include_restricted:
        kept = [a for a in articles if a.circulation not in RESTRICTED]
        left_out = len(articles) - len(kept)
        articles = kept
    if options.order != "given":
        undated = dt.date.max if options.order == "date_asc" else dt.date.min
        articles.sort(key=lambda a: (a.published_date or undated, a.id), reverse=options.order == "date_desc")
    if not articles:
        raise ValueError("không có bài viết nào để xuất (no articles to export)")
    marks = sorted({a.circulation for a in articles if a.circulation in RESTRICTED}, key=RESTRICTED.index)
    pagesize = A5 if options.page_size == "A5" else A4
    base = 11 if options.page_size == "A5" else 13
    margins = dict(leftMargin=3 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm)
    if options.page_size == "A5":
        margins = dict(leftMargin=1.8 * cm, rightMargin=1.4 * cm, topMargin=1.7 * cm, bottomMargin=1.7 * cm)
    styles = _styles(base)
    missing: set[str] = set()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=out_path.parent, prefix=".luutru-", suffix=".pdf")
    os.close(fd)
    photos = 0
    try:
        with tempfile.TemporaryDirectory(prefix="luutru-pdf-") as workdir:
            doc = _CompilationDoc(
                tmp_name, options, header=printable(options.title, missing), mark=marks[0] if marks else None,
                cancelled=cancelled, progress=progress, total_articles=len(articles), pagesize=pagesize,
                title=printable(options.title, missing), author=printable(options.office_name, missing),
                subject=f"{len(articles)} bài viết", creator="LuuTru",
                keywords=", ".join(sorted({u.name for a in articles for u in a.units} | {t.name for a in articles for t in a.topics})),
                **margins,
            )
            frame_w, frame_h = doc.width, doc.height
            toc = TableOfContents(dotsMinLevel=0)
            toc.levelStyles = [styles["toc1"]]
            lineage = archive.lineage()
            story = _cover(options, styles, articles, frame_w, missing, lineage)
            story += [Paragraph("MỤC LỤC", styles["heading"]), toc, PageBreak()]
            cache: dict[str, Path] = {}
            for index, article in enumerate(articles):
                if cancelled is not None and cancelled():
                    raise ExportCancelled()
                part, count = _article_story(article, index, styles, options, archive, frame_w, frame_h,
                                             Path(workdir), cache, missing, lineage)
                story += part
                photos += count
            if options.captions_list:
                story += _captions_appendix(articles, styles, missing)
            doc.multiBuild(story)
            pages = doc._pages_this_pass
        os.replace(tmp_name, out_path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    if marks:
        restricted = [f"#{a.id} ({a.circulation})" for a in articles if a.circulation in RESTRICTED]
        archive.audit.record(purpose, f"{out_path.name}: {', '.join(restricted)}")
    return ExportReport(out_path, len(articles), pages, photos, left_out, missing)


def _captions_appendix(articles: Sequence[ArticleDetail], styles, missing) -> list:
    story: list = [PageBreak(), Paragraph("DANH MỤC ẢNH", styles["heading"])]
    number = 0
    for article in articles:
        for photo in article.photos:
            number += 1
            credit = f" (Ảnh: {photo.credit})" if photo.credit else ""
            story.append(Paragraph(_esc(f"{number}. {photo.caption}{credit} — {article.title}", missing), styles["list"]))
    return story
