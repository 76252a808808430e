"""First-page thumbnails for articles imported before the list showed them.

New imports make their thumbnail while the file is read.  An archive from
before has its PDFs and scans in ``media/``; this step renders each one's first
page once, off the GUI thread, so the list itself never renders a PDF.  It is
run by ``luutru-cli thumbnails`` or Tools › Ảnh trang đầu cho bài cũ, can be
cancelled and run again (it only does what is missing), and a file it cannot
read costs only its own thumbnail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.archive import Archive, Cancelled, Progress
from desktop.core.ingest.importers.pdf import PDFIUM, open_pdf
from desktop.core.ingest.page_thumbnails import of_image_file, of_pdf_page

BATCH = 100  # thumbnails to a transaction


@dataclass
class ThumbnailReport:
    made: int = 0
    missing: int = 0  # articles that had none when the step began
    failed: list[str] = field(default_factory=list)  # "bài số 12: why", one a file it could not read


def of_file(path: Path) -> bytes:
    """The thumbnail of a stored original: a PDF's first page or an image's first frame."""
    data = Path(path).read_bytes()
    if data.lstrip()[:5] != b"%PDF-":
        return of_image_file(data)
    with PDFIUM:
        document = open_pdf(data)
        try:
            page = document[0]
            try:
                return of_pdf_page(page)
            finally:
                page.close()
        finally:
            document.close()


def make_missing(archive: Archive, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> ThumbnailReport:
    """Give every PDF-born or scanned article without a thumbnail one from its original file."""
    missing = archive.missing_thumbnails()
    report = ThumbnailReport(missing=len(missing))
    made: dict[int, bytes] = {}
    for done, (article_id, sha256) in enumerate(missing):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(done, len(missing), f"bài số {article_id}")
        original = archive.photo_path(sha256)
        if original is None:
            report.failed.append(f"bài số {article_id}: không còn tệp gốc")
            continue
        try:
            made[article_id] = of_file(original)
        except Exception as exc:  # noqa: BLE001 - a damaged original costs only its thumbnail
            report.failed.append(f"bài số {article_id}: {str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__}")
        if len(made) >= BATCH:
            archive.set_thumbnails(made)
            report.made += len(made)
            made = {}
    archive.set_thumbnails(made)
    report.made += len(made)
    return report
