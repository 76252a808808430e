"""Rebuild paragraphs from positioned lines of a page (a PDF's text layer or OCR).

Both sources give lines with boxes, not paragraphs: wrapped lines must be
joined (and a hyphen at a line end dropped), running headers, footers and
page numbers removed, and a two-column page read column by column.  The
result is the plain text the pasted-text parser already understands: one
paragraph a line, blank lines between blocks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from desktop.text import clean_line

FURNITURE_BAND = 0.06  # share of the page height at the top and bottom where headers and footers live
_PAGE_NUMBER = re.compile(r"^(?:trang\s+)?[-–—(]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–—)]?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_END_OF_SENTENCE = re.compile(r"[.!?…:;\"”»)]$")


@dataclass(frozen=True)
class Line:
    """A line of text on a page, in points or pixels from the page's top-left corner."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    lines: tuple[Line, ...]


def merge_segments(segments: list[Line]) -> list[Line]:
    """Pieces of text on one baseline and close together become one line (PDF text
    often comes in runs); pieces far apart (two columns) stay separate."""
    merged: list[Line] = []
    for seg in sorted(segments, key=lambda s: (round(s.top), s.left)):
        if merged:
            last = merged[-1]
            same_row = abs(seg.top - last.top) < 0.5 * max(last.height, 1) and abs(seg.bottom - last.bottom) < 0.6 * max(last.height, 1)
            gap = seg.left - last.right
            if same_row and -0.5 * last.height < gap < 1.5 * last.height:
                space = "" if gap < 0.15 * last.height else " "
                merged[-1] = Line(f"{last.text}{space}{seg.text}", min(last.left, seg.left), min(last.top, seg.top),
                                  max(last.right, seg.right), max(last.bottom, seg.bottom))
                continue
        merged.append(seg)
    return merged


def _gutter(page: Page) -> float | None:
    """The x of an empty vertical strip in the middle of the page that lines keep to
    either side of (two columns), if there is one."""
    lines = [line for line in page.lines if line.text.strip()]
    if len(lines) < 6:
        return None
    lo, hi = 0.3 * page.width, 0.7 * page.width
    covered = [False] * 101
    for line in lines:
        if line.right - line.left > 0.6 * page.width:
            continue  # a full-width heading spans the gutter on purpose
        a, b = (line.left - lo) / (hi - lo), (line.right - lo) / (hi - lo)
        for step in range(max(0, int(a * 100)), min(100, int(b * 100)) + 1):
            covered[step] = True
    free = [i for i, c in enumerate(covered) if not c]
    if not free:
        return None
    x = lo + (hi - lo) * free[len(free) // 2] / 100
    left = sum(1 for line in lines if line.right <= x)
    right = sum(1 for line in lines if line.left >= x)
    return x if left >= 3 and right >= 3 else None


def reading_order(page: Page) -> list[list[Line]]:
    """The page's lines as columns to read in turn: full-width lines cut the page into
    bands, and within a band the left column is read before the right one."""
    lines = sorted(page.lines, key=lambda line: (line.top, line.left))
    gutter = _gutter(page)
    if gutter is None:
        return [lines]
    blocks: list[list[Line]] = []
    left: list[Line] = []
    right: list[Line] = []

    def close_band() -> None:
        blocks.extend(column for column in (left[:], right[:]) if column)
        left.clear()
        right.clear()

    for line in lines:
        if line.right <= gutter:
            left.append(line)
        elif line.left >= gutter:
            right.append(line)
        else:
            close_band()
            blocks.append([line])
    close_band()
    return blocks


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", text.lower())


def drop_furniture(pages: list[Page]) -> list[Page]:
    """Pages without their page numbers and the running headers and footers that
    repeat (numbers aside) in the top or bottom band of most pages."""
    def in_band(line: Line, page: Page) -> bool:
        return line.bottom <= FURNITURE_BAND * page.height or line.top >= (1 - FURNITURE_BAND) * page.height

    repeated: set[str] = set()
    if len(pages) >= 3:
        counts = Counter(
            key for page in pages for key in {_furniture_key(line.text) for line in page.lines if in_band(line, page)}
        )
        repeated = {key for key, count in counts.items() if count >= max(2, len(pages) // 2)}
    kept = []
    for page in pages:
        lines = tuple(
            line for line in page.lines
            if not (in_band(line, page) and (_PAGE_NUMBER.match(line.text.strip()) or _furniture_key(line.text) in repeated))
        )
        kept.append(Page(page.width, page.height, lines))
    return kept


def join_lines(first: str, second: str) -> str:
    """Two wrapped lines as one: a hyphen splitting a word is dropped."""
    if len(first) >= 2 and first.endswith("-") and first[-2].isalpha() and second[:1].islower():
        return first[:-1] + second
    return f"{first} {second}"


def paragraphs(column: list[Line]) -> list[str]:
    """Join a column's lines into paragraphs.  A new paragraph starts after a gap
    taller than the usual line spacing, at an indented first line, or after a line
    that ends a sentence well short of the column's right edge."""
    if not column:
        return []
    heights = [line.height for line in column if line.height > 0]
    height = median(heights) if heights else 1.0
    steps = [b.top - a.top for a, b in zip(column, column[1:]) if 0 < b.top - a.top < 3 * height]
    spacing = median(steps) if steps else 1.2 * height
    left_edge = median(line.left for line in column)
    right_edge = max(line.right for line in column)
    found: list[str] = []
    current = ""
    previous: Line | None = None
    for line in column:
        text = clean_line(line.text)
        if not text:
            continue
        if previous is not None and current:
            gap = line.top - previous.top
            indented = line.left - left_edge > 1.2 * height
            short_end = right_edge - previous.right > 4 * height and _END_OF_SENTENCE.search(current)
            if gap > 1.45 * spacing or gap < 0 or indented or short_end:
                found.append(current)
                current = ""
        current = join_lines(current, text) if current else text
        previous = line
    if current:
        found.append(current)
    return found


def page_text(pages: list[Page]) -> str:
    """The document as plain text, a paragraph a line.  A paragraph cut by the end of
    a column or a page (no full stop before the cut, a small letter after it) is
    joined up again."""
    found: list[str] = []
    for page in drop_furniture(pages):
        for column in reading_order(page):
            for number, paragraph in enumerate(paragraphs(column)):
                if number == 0 and found and not _END_OF_SENTENCE.search(found[-1]) and paragraph[:1].islower():
                    found[-1] = join_lines(found[-1], paragraph)
                else:
                    found.append(paragraph)
    return "\n".join(found)
