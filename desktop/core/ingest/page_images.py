"""The page images OCR read, made again from an article's original file.

Only the words are stored; the review window shows them on the page they came
from, which is rendered and straightened here exactly as it was for OCR, so the
stored word boxes fall on the right pixels.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from desktop.core.ingest import ocr
from desktop.core.ingest.importers.pdf import PDFIUM, open_pdf, render_scan


def page_image(original: Path, page: int) -> Image.Image:
    """Page ``page`` (0-based) of a scanned PDF, TIFF or image, as OCR saw it (greyscale)."""
    data = original.read_bytes()
    if data.lstrip()[:5] == b"%PDF-":
        with PDFIUM:
            document = open_pdf(data)
            try:
                pdf_page = document[page]
                try:
                    image = render_scan(pdf_page)
                finally:
                    pdf_page.close()
            finally:
                document.close()
    else:
        with Image.open(io.BytesIO(data)) as opened:
            opened.seek(page)
            image = opened.copy()
    return ocr.prepare_page(image)[0]
