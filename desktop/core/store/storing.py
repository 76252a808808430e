"""Store a batch of parsed articles in one transaction.

Importing a folder commits hundreds of articles at a time: one durable
commit instead of one per file, and set-based inserts instead of the ORM's
object-by-object flush.  A batch is all or nothing, so a crash mid-import
leaves whole batches behind, and a resumed import skips those by their
content hash.  Files (photos, originals) are written and flushed before the
rows that name them, so a crash can orphan a file but never a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from db import models as m
from db.engine import in_chunks
from desktop.core.store import near_duplicates
from desktop.core.errors import ArchiveError
from desktop.core.draft import ArticleDraft, content_hash, folded_hash
from desktop.core.store.fingerprints import folded_fingerprints
from desktop.core.store.media import sha256_bytes
from desktop.core.photos import PhotoInfo, inspect_photo
from desktop.text import fold

ARTICLE_FIELDS = (
    "title", "lead", "body", "published_date", "published_time", "author",
    "source_name", "source_url", "circulation",
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


def stage_photo(image: Path | bytes) -> tuple[StagedFile, PhotoInfo]:
    """Read and check a photo (refused with :class:`PhotoError` if unusable)."""
    data = Path(image).read_bytes() if isinstance(image, (str, Path)) else image
    info = inspect_photo(data)
    name = Path(image).name if isinstance(image, (str, Path)) else f"photo.{info.extension}"
    return StagedFile.of(data, name), info


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
    photos = [stage_photo(p.image) if p.image is not None else None for p in draft.photos]
    if draft.lead or draft.body:
        folded = fold(f"{draft.lead}\n{draft.body}")  # once, for both the identity and the fingerprints
        digest, prints = folded_hash(f"{fold(draft.title)}\n{folded}"), folded_fingerprints(folded)
    else:
        # A photo on its own: its identity is the picture, not a caption others may share.
        digest, prints = content_hash(draft.title, "", " ".join(p[0].sha256 for p in photos if p)), set()
    original = StagedFile.of(incoming.original, incoming.original_name) if incoming.original is not None else None
    return Prepared(incoming, digest, photos, original, prints)


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
    photos, refs, mentions, units, topics, edits = [], [], [], [], [], []
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
        edits.append({"article_id": article_id, "at": now, "who": user, "what": "created",
                      "old": None, "new": p.incoming.original_name or ""})
    # Core inserts (tables, not mapped classes): plain executemany, without the ORM's bulk bookkeeping.
    for table, rows in ((m.Photo.__table__, photos), (m.DocRef.__table__, refs), (m.Mention.__table__, mentions),
                        (m.article_units, units), (m.article_topics, topics), (m.Edit.__table__, edits)):
        if rows:
            s.execute(insert(table), rows)
    similar = near_duplicates.record(s, [(article_id, p.prints) for article_id, p in zip(ids, batch)], boilerplate)
    queue(s, ids)
    return ids, similar


def queue(s: Session, article_ids: Sequence[int]) -> None:
    """Queue index updates (in the caller's transaction) for these articles."""
    ids = sorted(set(article_ids))
    for chunk in in_chunks(ids):
        s.execute(delete(m.IndexQueue).where(m.IndexQueue.article_id.in_(chunk)))
    if ids:
        now = m.utcnow()
        s.execute(insert(m.IndexQueue.__table__), [{"article_id": i, "queued_at": now} for i in ids])


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
