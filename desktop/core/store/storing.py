"""Store a batch of parsed articles in one transaction.

Importing a folder commits hundreds of articles at a time: one durable
commit instead of one per file, and set-based inserts instead of the ORM's
object-by-object flush.  A batch is all or nothing, so a crash mid-import
leaves whole batches behind, and a resumed import skips those by their
content hash.  Files (photos, originals) are written and flushed before the
rows that name them, so a crash can orphan a file but never a row.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db import changes
from db import models as m
from db.engine import in_chunks
from desktop.core.store import near_duplicates
from desktop.core.errors import ArchiveError
from desktop.core.draft import ArticleDraft, PhotoDraft, content_hash, folded_hash
from desktop.core.store.fingerprints import folded_fingerprints
from desktop.core.store.media import sha256_bytes
from desktop.core.photos import PhotoError, PhotoInfo, inspect_photo, pixel_count
from desktop.text import fold

ARTICLE_FIELDS = (
    "title", "lead", "body", "published_date", "published_time", "author",
    "source_name", "source_url", "circulation", "doc_number", "doc_kind", "doc_issuer", "text_origin",
    "ocr_confidence",
)


@dataclass
class Incoming:
    """One article to store, with the file it came from and the tags to give it."""

    draft: ArticleDraft
    original: bytes | None = None
    original_name: str | None = None
    unit_ids: Sequence[int] = ()
    topic_ids: Sequence[int] = ()


@dataclass(frozen=True)
class StagedFile:
    """File bytes with their hash, to be written to ``media/`` and catalogued."""

    data: bytes
    sha256: str
    extension: str
    name: str | None

    @classmethod
    def of(cls, data: bytes, name: str | None) -> StagedFile:
        extension = Path(name).suffix.lstrip(".") if name else ""
        return cls(data, sha256_bytes(data), extension, name)

    def row(self) -> dict:
        return {"sha256": self.sha256, "size": len(self.data), "extension": self.extension,
                "original_name": self.name, "added_at": m.utcnow()}


def stage_photo(image: Path | bytes, name: str | None = None) -> tuple[StagedFile, PhotoInfo]:
    """Read and check a photo (refused with :class:`PhotoError` if unusable)."""
    data = Path(image).read_bytes() if isinstance(image, (str, Path)) else image
    info = inspect_photo(data)
    name = Path(image).name if isinstance(image, (str, Path)) else (name and Path(name).name) or f"photo.{info.extension}"
    return StagedFile.of(data, name), info


MAX_DOCUMENT_PIXELS = 300_000_000  # decoded across one article's distinct pictures (~ 25 camera photos)


def stage_photos(photos: Sequence[PhotoDraft]) -> tuple[list[tuple[StagedFile, PhotoInfo] | None], list[str]]:
    """Each photo checked, or None; and a line for each picture left out (by name, with why).

    One bad picture costs only itself: the article keeps its text and its other
    pictures.  A picture used many times is decoded once, and an article's
    distinct pictures together may hold at most ``MAX_DOCUMENT_PIXELS``."""
    staged: list[tuple[StagedFile, PhotoInfo] | None] = []
    skipped: list[str] = []
    seen: dict[str, tuple[StagedFile, PhotoInfo] | PhotoError] = {}
    pixels = 0
    for number, photo in enumerate(photos, start=1):
        if photo.image is None:
            staged.append(None)
            continue
        try:
            data = Path(photo.image).read_bytes() if isinstance(photo.image, (str, Path)) else photo.image
        except OSError as exc:
            data = b""
            seen[key := f"unreadable {number}"] = PhotoError(f"không đọc được tệp ảnh ({exc.strerror or exc})")
        else:
            key = sha256_bytes(data)
        if key not in seen:
            size = pixel_count(data)
            if pixels + size > MAX_DOCUMENT_PIXELS:
                seen[key] = PhotoError(f"bài đã có quá nhiều điểm ảnh (tối đa {MAX_DOCUMENT_PIXELS:,} một bài)")
            else:
                try:
                    seen[key] = stage_photo(data, photo.name or _name_of(photo.image))
                    pixels += size
                except PhotoError as exc:
                    seen[key] = exc
        found = seen[key]
        if isinstance(found, PhotoError):
            staged.append(None)
            skipped.append(f"{photo.name or _name_of(photo.image) or f'ảnh thứ {number}'}: {found}")
        else:
            staged.append(found)
    return staged, skipped


def _name_of(image) -> str | None:
    return Path(image).name if isinstance(image, (str, Path)) else None


def photo_fields(staged: StagedFile, info: PhotoInfo) -> dict:
    return {"sha256": staged.sha256, "width": info.width, "height": info.height, "thumbnail": info.thumbnail}


@dataclass
class Prepared:
    """An incoming article checked and hashed, ready to insert."""

    incoming: Incoming
    digest: str
    photos: list[tuple[StagedFile, PhotoInfo] | None]
    original: StagedFile | None
    prints: set[int] = field(default_factory=set)
    skipped_photos: list[str] = field(default_factory=list)  # pictures left out, by name, with why

    @property
    def draft(self) -> ArticleDraft:
        return self.incoming.draft

    def files(self) -> list[StagedFile]:
        staged = [self.original, *[p[0] if p else None for p in self.photos]]
        return [f for f in staged if f is not None]


def prepare(incoming: Incoming | Prepared) -> Prepared:
    """Normalise and check one article before anything is written (raises on bad input).

    Pure work on the article alone, so an import can do it in a worker process."""
    if isinstance(incoming, Prepared):
        return incoming
    draft = incoming.draft.normalised()
    if not draft.title.strip():
        raise ArchiveError("bài viết không có tiêu đề (article has no title)")
    photos, skipped = stage_photos(draft.photos)
    if skipped and not (draft.lead or draft.body) and not any(photos):
        raise PhotoError(skipped[0])  # a picture on its own: nothing is left to store
    if draft.lead or draft.body:
        folded = fold(f"{draft.lead}\n{draft.body}")  # once, for both the identity and the fingerprints
        digest, prints = folded_hash(f"{fold(draft.title)}\n{folded}"), folded_fingerprints(folded)
    else:
        # A photo on its own: its identity is the picture, not a caption others may share.
        digest, prints = content_hash(draft.title, "", " ".join(p[0].sha256 for p in photos if p)), set()
    original = StagedFile.of(incoming.original, incoming.original_name) if incoming.original is not None else None
    return Prepared(incoming, digest, photos, original, prints, skipped)


def register_files(s: Session, files: Sequence[StagedFile]) -> None:
    """Catalogue written files in this transaction, before the rows that point at them."""
    unique = {f.sha256: f for f in files}
    known = set()
    for chunk in in_chunks(sorted(unique)):
        known.update(s.scalars(select(m.MediaFile.sha256).where(m.MediaFile.sha256.in_(chunk))))
    rows = [f.row() for sha, f in unique.items() if sha not in known]
    if rows:
        s.execute(insert(m.MediaFile.__table__), rows)


def insert_articles(s: Session, batch: Sequence[Prepared], user: str,
                    boilerplate: set[int] | None = None) -> tuple[list[int], dict[int, int]]:
    """Insert the batch's articles and everything that hangs off them
    (``boilerplate``: see :func:`near_duplicates.record`).

    Returns the new ids (in batch order) and the near-duplicates found
    (article id → the article it resembles).
    """
    register_files(s, [f for p in batch for f in p.files()])
    now = m.utcnow()
    ids = list(
        s.scalars(
            insert(m.Article.__table__).returning(m.Article.id, sort_by_parameter_order=True),
            [
                {**{name: getattr(p.draft, name) for name in ARTICLE_FIELDS}, "content_hash": p.digest,
                 "original_sha256": p.original.sha256 if p.original else None, "created_at": now, "updated_at": now}
                for p in batch
            ],
        )
    )
    people = people_ids(s, {x.name for p in batch for x in p.draft.mentions})
    photos, refs, mentions, units, topics, edits, scans, thumbnails = [], [], [], [], [], [], [], []
    for article_id, p in zip(ids, batch):
        draft = p.draft
        for position, (photo, staged) in enumerate(zip(draft.photos, p.photos)):
            photos.append({"article_id": article_id, "position": position, "caption": photo.caption,
                           "credit": photo.credit, "alt": photo.alt,
                           **(photo_fields(*staged) if staged else {"sha256": None, "width": None,
                                                                     "height": None, "thumbnail": None})})
        refs += [{"article_id": article_id, "number": r.number, "kind": r.kind, "level": r.level, "issued": r.issued}
                 for r in draft.doc_refs]
        mentions += [{"article_id": article_id, **row} for row in mention_rows(s, draft.mentions, people)]
        units += [{"article_id": article_id, "unit_id": i} for i in dict.fromkeys(p.incoming.unit_ids)]
        topics += [{"article_id": article_id, "topic_id": i} for i in dict.fromkeys(p.incoming.topic_ids)]
        scans += [{"article_id": article_id, "page": scan.page, "width": scan.width, "height": scan.height,
                   "confidence": scan.confidence, "words": json.dumps(scan.words, ensure_ascii=False)}
                  for scan in draft.scans]
        if draft.page_thumbnail:
            thumbnails.append({"article_id": article_id, "image": draft.page_thumbnail})
        edits.append({"article_id": article_id, "at": now, "who": user, "what": "created",
                      "old": None, "new": p.incoming.original_name or ""})
    # Core inserts (tables, not mapped classes): plain executemany, without the ORM's bulk bookkeeping.
    for table, rows in ((m.Photo.__table__, photos), (m.DocRef.__table__, refs), (m.Mention.__table__, mentions),
                        (m.article_units, units), (m.article_topics, topics), (m.Edit.__table__, edits),
                        (m.PageScan.__table__, scans), (m.PageThumbnail.__table__, thumbnails)):
        if rows:
            s.execute(insert(table), rows)
    similar = near_duplicates.record(s, [(article_id, p.prints) for article_id, p in zip(ids, batch)], boilerplate)
    queue(s, ids)
    return ids, similar


def queue(s: Session, article_ids: Sequence[int]) -> None:
    """Queue index updates (in the caller's transaction) for these articles."""
    changes.record(s, article_ids)


def people_ids(s: Session, names: set[str]) -> dict[str, int]:
    """Ids of the named people, adding those not yet known."""
    found: dict[str, int] = {}
    ordered = sorted(names)
    for chunk in in_chunks(ordered):
        found.update(s.execute(select(m.Person.name, m.Person.id).where(m.Person.name.in_(chunk))).all())
    missing = [name for name in ordered if name not in found]
    if missing:
        new_ids = s.scalars(
            insert(m.Person.__table__).returning(m.Person.id, sort_by_parameter_order=True), [{"name": n} for n in missing]
        )
        found.update(zip(missing, new_ids))
    return found


def mention_rows(s: Session, mentions, people: dict[str, int] | None = None) -> list[dict]:
    """One row per person named (the first title given to them wins), people added as needed."""
    named: dict[str, str | None] = {}
    for mention in mentions:
        named.setdefault(mention.name, mention.title)
    people = people if people is not None else people_ids(s, set(named))
    return [{"person_id": people[name], "title": title} for name, title in named.items()]
