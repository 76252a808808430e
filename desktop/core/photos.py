"""Validate photos and make thumbnails with Pillow.

Photos arrive from cameras (EXIF orientation), phones (HEIC, huge) and web
pages (anything).  A file Pillow cannot decode, or one whose pixel count
would exhaust memory, is refused with a clear reason before anything is
stored.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass


MAX_PIXELS = 120_000_000  # a 12,000 × 10,000 scan; above is a decompression bomb
THUMBNAIL_SIZE = (240, 240)
FORMAT_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "BMP": "bmp", "TIFF": "tif", "HEIF": "heic", "MPO": "jpg"}


class PhotoError(ValueError):
    """The file is not a usable photo."""


@dataclass(frozen=True)
class PhotoInfo:
    width: int
    height: int
    extension: str
    thumbnail: bytes  # JPEG, small enough to live in the database


def inspect_photo(data: bytes) -> PhotoInfo:
    """Check that ``data`` is a decodable image and make its thumbnail."""
    from PIL import Image, ImageOps, UnidentifiedImageError  # only when a photo comes in, not on every start-up

    if not data:
        raise PhotoError("tệp ảnh rỗng (empty image file)")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoError(
                    f"ảnh quá lớn ({probe.width}×{probe.height} điểm ảnh, tối đa {MAX_PIXELS:,})"
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format or ""
            width, height = _upright_size(image.size, image.getexif().get(0x0112, 1))
            image.draft("RGB", (THUMBNAIL_SIZE[0] * 2, THUMBNAIL_SIZE[1] * 2))  # fast JPEG decode
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail(THUMBNAIL_SIZE)
            thumb = io.BytesIO()
            upright.convert("RGB").save(thumb, "JPEG", quality=80)
    except PhotoError:
        raise
    except UnidentifiedImageError as exc:
        raise PhotoError("không nhận ra định dạng ảnh (not an image Pillow can read)") from exc
    except Image.DecompressionBombError as exc:
        raise PhotoError(f"ảnh quá lớn, có thể là tệp độc hại ({_first_line(exc)})") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoError(f"tệp ảnh hỏng hoặc định dạng không hỗ trợ ({_first_line(exc)})") from exc
    return PhotoInfo(width, height, FORMAT_EXTENSIONS.get(fmt, fmt.lower() or "img"), thumb.getvalue())


def pixel_count(data: bytes) -> int:
    """Width × height from the image's header (nothing decoded); 0 if there is no header."""
    from PIL import Image  # loaded when a photo comes in, not for every command

    try:
        with Image.open(io.BytesIO(data)) as probe:
            return probe.width * probe.height
    except Exception:  # noqa: BLE001 - any unreadable header: inspect_photo says why
        return 0


def _first_line(exc: BaseException) -> str:
    """An error's text without object addresses ("<_io.BytesIO object at 0x…>")."""
    text = re.sub(r"\s*<[^<>]* at 0x[0-9a-f]+>", "", str(exc)).strip() or exc.__class__.__name__
    return text.splitlines()[0]


def _upright_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    """Full-size dimensions as the photo is meant to be seen (EXIF rotation applied)."""
    width, height = size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)
