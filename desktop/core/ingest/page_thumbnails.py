"""A small picture of a document's first page, for the article list.

Made where the file is read (on import, off the GUI thread) and stored, so the
list only decodes a few kilobytes of JPEG per row and never renders a PDF while
it scrolls.  Articles imported before thumbnails existed get theirs from the
original file kept in the archive (:mod:`desktop.core.maintenance.page_thumbnails`).
"""

from __future__ import annotations

import io

from PIL import Image, ImageFilter, ImageOps

LONGER_SIDE = 96  # pixels: the list draws ~32, so this stays sharp on a 2× screen and in a tooltip
JPEG_QUALITY = 80


def of_image(image: Image.Image) -> bytes:
    """The thumbnail of a page image (a scan, a photographed page).  Its lines of text are
    thickened first (a minimum filter at three times the size), or a page of body text
    shrinks to a blank grey."""
    small = ImageOps.exif_transpose(image).convert("RGB")
    small.thumbnail((LONGER_SIDE * 3, LONGER_SIDE * 3))
    small = small.filter(ImageFilter.MinFilter(3))
    small.thumbnail((LONGER_SIDE, LONGER_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


def of_image_file(data: bytes) -> bytes:
    """The thumbnail of an image file's first page (frame)."""
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (LONGER_SIDE * 2, LONGER_SIDE * 2))  # a JPEG decodes at a fraction of its size
        return of_image(image)


def of_pdf_page(page) -> bytes:
    """The thumbnail of an open pypdfium2 page (the caller holds ``PDFIUM``)."""
    width, height = page.get_size()
    scale = 3 * LONGER_SIDE / max(width, height, 1)
    return of_image(page.render(scale=scale, may_draw_forms=False).to_pil())

