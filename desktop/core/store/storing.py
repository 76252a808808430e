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

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db import changes
from db import models as m
from db.engine import in_chunks
from desktop.core.store import near_duplicates
# What a reader process needs lives apart, without the database (see preparing.py);
# the store's callers find it here too.
from desktop.core.store.preparing import (  # noqa: F401
    Incoming, Prepared, StagedFile, photo_fields, prepare, stage_photo,
)

ARTICLE_FIELDS = (
    "title", "lead", "body", "published_date", "published_time", "author",
    "source_name", "source_url", "circulation", "doc_number", "doc_kind", "doc_issuer", "text_origin",
    "ocr_confidence",
)


def _file_row(staged: StagedFile) -> dict:
    return {"sha256": staged.sha256, "size": len(staged.data), "extension": staged.extension,
            "original_name": staged.name, "added_at": m.utcnow()}


def register_files(s: Session, files: Sequence[StagedFile]) -> None:
    """Catalogue written files in this transaction, before the rows that point at them."""
    unique = {f.sha256: f for f in files}
    known = set()
    for chunk in in_chunks(sorted(unique)):
        known.update(s.scalars(select(m.MediaFile.sha256).where(m.MediaFile.sha256.in_(chunk))))
    rows = [_file_row(f) for sha, f in unique.items() if sha not in known]
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
