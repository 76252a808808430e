"""Plain, detached views of archive rows for the GUI, the CLI and the PDF.

Callers never hold ORM objects: these dataclasses are safe to keep after the
session that read them has closed and to pass between threads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PhotoView:
    id: int
    position: int
    caption: str
    credit: str | None
    alt: str | None
    sha256: str | None
    width: int | None
    height: int | None
    thumbnail: bytes | None = field(repr=False, default=None)


@dataclass(frozen=True)
class DocRefView:
    number: str
    kind: str | None
    level: str | None
    issued: dt.date | None


@dataclass(frozen=True)
class ScanView:
    """The words OCR read on one page of an article's original file, with their boxes."""

    page: int
    width: int
    height: int
    confidence: float
    words: tuple[tuple[str, int, int, int, int, float], ...]


@dataclass(frozen=True)
class MentionView:
    person_id: int
    name: str
    title: str | None


@dataclass(frozen=True)
class TagView:
    id: int
    name: str
    path: str  # "Tỉnh ủy › Thị ủy › Ban Tuyên giáo"


@dataclass(frozen=True)
class ArticleRow:
    """One line of the article list."""

    id: int
    title: str
    published_date: dt.date | None
    author: str | None
    units: str
    photo_count: int
    trashed: bool
    thumbnail: bytes | None = field(repr=False, default=None)  # JPEG of a PDF's or scan's first page


@dataclass(frozen=True)
class ArticleDetail:
    id: int
    title: str
    lead: str
    body: str
    published_date: dt.date | None
    published_time: dt.time | None
    author: str | None
    source_name: str | None
    source_url: str | None
    circulation: str | None
    content_hash: str
    original_sha256: str | None
    trashed: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    photos: tuple[PhotoView, ...]
    units: tuple[TagView, ...]
    topics: tuple[TagView, ...]
    doc_refs: tuple[DocRefView, ...]
    mentions: tuple[MentionView, ...]
    doc_number: str | None = None  # a Party document's own number, kind and issuer
    doc_kind: str | None = None
    doc_issuer: str | None = None
    text_origin: str | None = None  # "pdf", "ocr" or None (typed or pasted)
    ocr_confidence: float | None = None
    scanned_pages: int = 0  # pages with OCR words to review
    version: int = 1  # what a save names as its base (store/versions.py)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p]


@dataclass(frozen=True)
class TreeNode:
    """A unit or topic with its children and the number of live articles tagged with it."""

    id: int
    name: str
    kind: str | None
    founded: dt.date | None
    dissolved: dt.date | None
    successor_ids: tuple[int, ...]  # where a unit's work went (lineage links)
    count: int | None  # None: not counted (the window's first paint)
    children: tuple[TreeNode, ...] = ()
    with_predecessors: int | None = None  # articles shown with its predecessors', if it has any


@dataclass
class ImportOutcome:
    """What happened to one imported file."""

    path: str
    status: str  # "imported" | "duplicate" | "failed" | "skipped"
    article_id: int | None = None
    title: str | None = None
    reason: str | None = None
    similar_to: int | None = None  # imported, but looks like this stored article
    skipped_photos: tuple[str, ...] = ()  # imported without these pictures: "name: why" each


@dataclass(frozen=True)
class EditView:
    at: dt.datetime
    who: str
    what: str
    old: str | None
    new: str | None
    version: int | None = None  # the article's version this change made (None in older history)


@dataclass(frozen=True)
class NearDuplicateView:
    article_id: int  # the newer article
    other_id: int
    similarity: float
    decision: str | None


@dataclass(frozen=True)
class ReorganisationStep:
    """One row of a reorganisation table: ``old``'s work passes to ``new`` on ``date``."""

    old: str  # unit path
    new: str  # unit path; created if it does not exist
    date: dt.date
    kind: str  # "merge" | "split" | "rename"
    row: int = 0  # the table's row number, for messages
    unit_kind: str | None = None  # for a created unit: "Đảng ủy xã"…


@dataclass(frozen=True)
class RelatedArticle:
    """Another report of the same event (or the same story written again): shown, never asked about."""

    id: int
    title: str
    published_date: dt.date | None
    similarity: float
