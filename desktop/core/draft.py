"""The article draft every importer produces and the archive stores.

Parsers (plain text, Word, web pages, images) only fill a draft; saving,
de-duplication and indexing happen once, in the archive services.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.docrefs import DocRefDraft, find_doc_refs, written_number
from desktop.core.people import MentionDraft, find_mentions
from desktop.text import fold, nfc, strip_controls, words


@dataclass
class PhotoDraft:
    caption: str = ""
    credit: str | None = None
    alt: str | None = None
    image: Path | bytes | None = None  # a file to attach, or its bytes
    name: str | None = None  # where the picture came from (a docx part, a page's src), for reports


@dataclass
class ScannedPage:
    """What OCR read on one page of the original file: each word with its box
    (pixels of the page as rendered for OCR) and confidence, for the review window."""

    page: int  # 0-based page (or frame) of the original file
    width: int
    height: int
    words: list[tuple[str, int, int, int, int, float]]  # text, left, top, right, bottom, confidence
    confidence: float


@dataclass
class ArticleDraft:
    title: str
    lead: str = ""
    body: str = ""
    published_date: dt.date | None = None
    published_time: dt.time | None = None
    author: str | None = None
    source_name: str | None = None
    source_url: str | None = None
    circulation: str | None = None
    photos: list[PhotoDraft] = field(default_factory=list)
    doc_refs: list[DocRefDraft] = field(default_factory=list)
    mentions: list[MentionDraft] = field(default_factory=list)
    doc_number: str | None = None  # a Party document's own number, kind and issuer (from its header)
    doc_kind: str | None = None
    doc_issuer: str | None = None
    text_origin: str | None = None  # "pdf" (a text layer) or "ocr"; None for typed text
    ocr_confidence: float | None = None  # 0–100, for OCR text
    scans: list[ScannedPage] = field(default_factory=list)
    page_thumbnail: bytes | None = field(default=None, repr=False)  # JPEG of a PDF's or scan's first page

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p]

    def full_text(self) -> str:
        captions = "\n".join(p.caption for p in self.photos)
        return "\n\n".join(x for x in (self.title, self.lead, self.body, captions) if x)

    def extract_references(self) -> None:
        """Fill document references and people from the text."""
        text = self.full_text()
        self.doc_refs = find_doc_refs(text)
        self.mentions = find_mentions(text)

    def normalised(self) -> ArticleDraft:
        """The same draft with every text field in NFC and no control characters (an ANSI
        escape or a right-to-left override in a title would reach every terminal that lists it)."""
        def n(value, one_line: bool = True):
            return strip_controls(nfc(value), one_line=one_line) if isinstance(value, str) else value

        for photo in self.photos:
            photo.caption, photo.credit, photo.alt = n(photo.caption, False), n(photo.credit), n(photo.alt)
        self.title, self.lead, self.body = n(self.title), n(self.lead, False), n(self.body, False)
        self.author, self.source_name, self.source_url = n(self.author), n(self.source_name), n(self.source_url)
        self.circulation = n(self.circulation)
        self.doc_number, self.doc_kind, self.doc_issuer = written_number(n(self.doc_number)), n(self.doc_kind), n(self.doc_issuer)
        return self


def content_hash(title: str, lead: str, body: str) -> str:
    """Identity of an article's text: equal for copies that differ only in case,
    spacing, tone-mark encoding or punctuation, so re-imports are caught."""
    return folded_hash(fold(nfc(f"{title}\n{lead}\n{body}")))


def folded_hash(folded: str) -> str:
    """:func:`content_hash` of a text already normalised and folded (import folds it once):
    its words (``_`` is not part of one), one space between."""
    return hashlib.sha256(" ".join(words(folded.replace("_", " "))).encode("utf-8")).hexdigest()
