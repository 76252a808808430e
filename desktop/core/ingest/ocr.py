"""Read pages of text from images with Tesseract 5 and its Vietnamese model.

A page is deskewed and cleaned first (Tesseract reads a straight, clean
page best; see :func:`prepare_page` for why it binarises, not us), then recognised word by word: each word keeps its
box and confidence so the review window can show where it stands on the
page.  :func:`looks_like_page` decides whether an image is a page of text or
a photo; a cheap look at the pixels spares colour photos the OCR entirely.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from desktop.core.ingest.layout import Line, Page
from desktop.paths import resources

LANGUAGE = "vie"
MAX_SKEW = 5.0  # degrees tried either way; a scan tilted more is re-scanned, not guessed at
WORK_WIDTH = 900  # pixels wide the skew is measured at: fast, and enough for a tenth of a degree
PHOTO_COLOUR = 0.18  # mean saturation above which an image is a colour photo, not printed text
PAPER_BAND = 40  # grey levels either side of the paper's tone …
PAPER_SHARE = 0.45  # … that hold this share of a page's pixels (a grey photo spreads wider)
PAGE_WORDS = 25  # confident words an image needs to count as a page of text …
PAGE_COVER = 0.03  # … and the share of its area their boxes cover (a half-empty page has 0.07)
CONFIDENT = 60  # Tesseract's word confidence (0–100) from which a word counts as read


class OcrUnavailable(RuntimeError):
    """Tesseract or its Vietnamese model is missing from this installation."""


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float  # 0–100


@dataclass(frozen=True)
class PageResult:
    """One recognised page: its size (pixels of the image OCR saw), words and lines."""

    width: int
    height: int
    words: tuple[Word, ...]
    lines: tuple[Line, ...]
    angle: float  # degrees the page was tilted (counter-clockwise) and turned back

    @property
    def confidence(self) -> float:
        """Mean word confidence, weighted by word length (0–100; 0 for an empty page)."""
        total = sum(len(w.text) for w in self.words)
        return sum(w.confidence * len(w.text) for w in self.words) / total if total else 0.0

    def layout(self) -> Page:
        return Page(self.width, self.height, self.lines)


def tessdata() -> str:
    folder = resources() / "tessdata"
    if not (folder / f"{LANGUAGE}.traineddata").is_file():
        raise OcrUnavailable(f"thiếu mô hình nhận dạng tiếng Việt ({folder / (LANGUAGE + '.traineddata')})")
    return str(folder) + "/"


_local = threading.local()


@contextmanager
def engine() -> Iterator[object]:
    """A Tesseract instance for this thread, made once (loading the model takes a moment)."""
    api = getattr(_local, "api", None)
    if api is None:
        try:
            import tesserocr
        except ImportError as exc:
            raise OcrUnavailable("thiếu thư viện nhận dạng chữ (tesserocr)") from exc
        api = tesserocr.PyTessBaseAPI(path=tessdata(), lang=LANGUAGE, psm=tesserocr.PSM.AUTO)
        _local.api = api
    yield api


def _otsu(gray: np.ndarray) -> int:
    histogram = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * np.arange(256))
    total, grand = weight[-1], mean[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (grand * weight - total * mean) ** 2 / (weight * (total - weight))
    return int(np.nanargmax(between))


def skew_angle(gray: Image.Image) -> float:
    """How far (degrees, counter-clockwise) the text lines are tilted: the angle at
    which the ink, projected onto the page's side in two-pixel bins, piles up most
    sharply into rows (turned by arithmetic on the ink pixels, not by rotating the image)."""
    scale = min(1.0, WORK_WIDTH / gray.width)
    small = gray.resize((max(1, int(gray.width * scale)), max(1, int(gray.height * scale))), Image.Resampling.BILINEAR)
    pixels = np.asarray(small)
    ys, xs = np.nonzero(pixels < _otsu(pixels))
    if len(xs) < 100:
        return 0.0
    xs = xs - small.width / 2
    ys = ys - small.height / 2

    def sharpness(angle: float) -> float:
        radians = np.deg2rad(angle)
        rows = np.floor((ys * np.cos(radians) + xs * np.sin(radians)) / 2).astype(np.int64)
        return float(np.square(np.bincount(rows - rows.min()).astype(np.float64)).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=sharpness)
    return float(max(np.arange(best - 0.5, best + 0.51, 0.1), key=sharpness))


def prepare_page(image: Image.Image) -> tuple[Image.Image, float]:
    """The page upright, straightened, despeckled and stretched to full contrast, and
    the angle it was turned.  The ink is found by a global (Otsu) threshold to measure
    the tilt; Tesseract gets the cleaned grey page and binarises it itself, line by
    line, which on the bench read 0.3–0.6 % more characters right than our global
    black-and-white page did."""
    gray = ImageOps.exif_transpose(image).convert("L")
    angle = skew_angle(gray)
    if abs(angle) >= 0.1:
        gray = gray.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return ImageOps.autocontrast(gray.filter(ImageFilter.MedianFilter(3)), cutoff=0.5), angle


def recognise(image: Image.Image) -> PageResult:
    """Recognise one page image (any mode); raises :class:`OcrUnavailable` without Tesseract."""
    from tesserocr import RIL, iterate_level

    prepared, angle = prepare_page(image)
    words: list[Word] = []
    lines: list[Line] = []
    with engine() as api:
        api.SetImage(prepared)
        api.Recognize()
        iterator = api.GetIterator()
        current: list[Word] = []
        for item in iterate_level(iterator, RIL.WORD):
            text = item.GetUTF8Text(RIL.WORD)
            box = item.BoundingBox(RIL.WORD)
            if not text or box is None:
                continue
            if item.IsAtBeginningOf(RIL.TEXTLINE) and current:
                lines.append(_line(current))
                current = []
            word = Word(text.strip(), *box, confidence=float(item.Confidence(RIL.WORD)))
            words.append(word)
            current.append(word)
        if current:
            lines.append(_line(current))
        api.Clear()
    return PageResult(prepared.width, prepared.height, tuple(words), tuple(lines), angle)


def _line(words: list[Word]) -> Line:
    return Line(" ".join(w.text for w in words), min(w.left for w in words), min(w.top for w in words),
                max(w.right for w in words), max(w.bottom for w in words))


def might_be_page(image: Image.Image) -> bool:
    """Cheap first look: printed text is near-grey ink on a plain light ground (most
    pixels within a narrow band of the paper's tone); a colourful or evenly shaded
    picture is a photo, and no OCR is spent on it."""
    small = ImageOps.exif_transpose(image).convert("RGB")
    small.thumbnail((400, 400))
    saturation = np.asarray(small.convert("HSV"))[:, :, 1].astype(np.float64) / 255
    if float(saturation.mean()) >= PHOTO_COLOUR:
        return False
    histogram = np.bincount(np.asarray(small.convert("L")).ravel(), minlength=256)
    paper = 96 + int(np.argmax(histogram[96:]))  # the commonest light tone
    return histogram[max(0, paper - PAPER_BAND): paper + PAPER_BAND + 1].sum() >= PAPER_SHARE * histogram.sum()


def looks_like_page(result: PageResult) -> bool:
    """Mostly text: enough confidently read words, covering enough of the image."""
    good = [w for w in result.words if w.confidence >= CONFIDENT and sum(ch.isalnum() for ch in w.text) >= 2]
    area = sum((w.right - w.left) * (w.bottom - w.top) for w in good)
    return len(good) >= PAGE_WORDS and area >= PAGE_COVER * result.width * result.height
