"""The archive's data model (SQLAlchemy 2 typed mappings).

Only portable column types are used so the same models run on SQLite (the
embedded default) and PostgreSQL.  Schema changes go through Alembic
migrations in ``db/migrations``; never edit a released migration.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload

# Deterministic constraint names keep migrations portable (and batch-alterable on SQLite).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


article_units = Table(
    "article_units",
    Base.metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("units.id", ondelete="CASCADE"), primary_key=True, index=True),
)

article_topics = Table(
    "article_topics",
    Base.metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class MediaFile(Base):
    """A file in ``media/``, named by its SHA-256; rows are written after the file is flushed."""

    __tablename__ = "media_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    extension: Mapped[str] = mapped_column(String(16), default="")
    original_name: Mapped[str | None] = mapped_column(String(512))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(1000))
    lead: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    published_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    published_time: Mapped[dt.time | None] = mapped_column(Time)
    author: Mapped[str | None] = mapped_column(String(200), index=True)
    source_name: Mapped[str | None] = mapped_column(String(300))
    source_url: Mapped[str | None] = mapped_column(String(2000))
    circulation: Mapped[str | None] = mapped_column(String(50))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    original_sha256: Mapped[str | None] = mapped_column(ForeignKey("media_files.sha256"), index=True)
    doc_number: Mapped[str | None] = mapped_column(String(100))  # a Party document's own number, kind, issuer
    doc_kind: Mapped[str | None] = mapped_column(String(100))
    doc_issuer: Mapped[str | None] = mapped_column(String(300))
    text_origin: Mapped[str | None] = mapped_column(String(20))  # "pdf", "ocr"; None for typed text
    ocr_confidence: Mapped[float | None] = mapped_column()
    trashed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Moved on by every change to the fields, captions or tags; a save from an older one is refused
    # (desktop/core/store/versions.py).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    photos: Mapped[list[Photo]] = relationship(
        back_populates="article",
        order_by="Photo.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    units: Mapped[list[Unit]] = relationship(secondary=article_units, order_by="Unit.name")
    topics: Mapped[list[Topic]] = relationship(secondary=article_topics, order_by="Topic.name")
    doc_refs: Mapped[list[DocRef]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )
    mentions: Mapped[list[Mention]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )
    scans: Mapped[list[PageScan]] = relationship(
        order_by="PageScan.page", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def trashed(self) -> bool:
        return self.trashed_at is not None


class Photo(Base):
    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str | None] = mapped_column(ForeignKey("media_files.sha256"), index=True)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    caption: Mapped[str] = mapped_column(Text, default="")
    credit: Mapped[str | None] = mapped_column(String(300))
    alt: Mapped[str | None] = mapped_column(Text)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary)

    article: Mapped[Article] = relationship(back_populates="photos")


class PageScan(Base):
    """What OCR read on one page of an article's original file: the words with their
    boxes (JSON) in the pixels of the page as rendered for OCR, for the review window."""

    __tablename__ = "page_scans"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    page: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0-based page or frame of the original
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column()
    words: Mapped[str] = mapped_column(Text)  # [[text, left, top, right, bottom, confidence], …]


class PageThumbnail(Base):
    """A small JPEG of the first page of an article's PDF or scan, drawn in the article list
    (made on import, never while the list scrolls)."""

    __tablename__ = "page_thumbnails"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    image: Mapped[bytes] = mapped_column(LargeBinary)


class Unit(Base):
    """An organisation in the Party/State tree.

    Units are never deleted when they cease to exist (the 2025 reorganisation
    ended district committees and merged communes): ``dissolved`` says when,
    and :class:`UnitLink` rows say where their work went.
    """

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("parent_id", "name", name="uq_units_parent_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str | None] = mapped_column(String(100))
    founded: Mapped[dt.date | None] = mapped_column(Date)
    dissolved: Mapped[dt.date | None] = mapped_column(Date)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], foreign_keys=[parent_id])


class Reorganisation(Base):
    """One applied reorganisation table (or merge/split made in the window), kept so it can be undone.

    ``undo`` is JSON naming what it created and what it changed, with the values before.
    """

    __tablename__ = "reorganisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    who: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(500))  # the table's file name, or "merge"/"split"
    undo: Mapped[str] = mapped_column(Text)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class UnitLink(Base):
    """The work of ``predecessor`` passed to ``successor`` on ``date``.

    A merge is several links into one unit, a split several links out of one;
    ``kind`` ("merge", "split", "rename") is what the guidance called it.
    """

    __tablename__ = "unit_links"
    __table_args__ = (UniqueConstraint("predecessor_id", "successor_id", name="uq_unit_links_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    predecessor_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    successor_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20), default="merge")
    reorganisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("reorganisations.id", ondelete="SET NULL"), index=True
    )


class Topic(Base):
    __tablename__ = "topics"
    __table_args__ = (UniqueConstraint("parent_id", "name", name="uq_topics_parent_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(300))

    parent: Mapped[Topic | None] = relationship(remote_side=[id])


class DocRef(Base):
    """A Party/State document cited in an article, e.g. ``09-NQ/TU``."""

    __tablename__ = "doc_refs"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str | None] = mapped_column(String(100))
    level: Mapped[str | None] = mapped_column(String(20))
    issued: Mapped[dt.date | None] = mapped_column(Date)

    article: Mapped[Article] = relationship(back_populates="doc_refs")


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Mention(Base):
    """A person named in an article, with the title the text gives them there."""

    __tablename__ = "mentions"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    title: Mapped[str | None] = mapped_column(String(500))

    article: Mapped[Article] = relationship(back_populates="mentions")
    person: Mapped[Person] = relationship(lazy="joined")


class IndexQueue(Base):
    """Articles whose search-index entry is not yet in step with the DB.

    A row is written in the same transaction as the article change and
    deleted once the index has committed, so a crash in between is repaired
    on the next open instead of guessed at.
    """

    __tablename__ = "index_queue"

    article_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ArticleChange(Base):
    """The number of an article's last committed change, on a server archive.

    Each PC's index applies the changes past its own mark (see
    :mod:`db.changes`); one row per article keeps the table as small as the
    archive.  No foreign key: a purged article's row tells the PCs to drop it.
    """

    __tablename__ = "article_changes"

    article_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True, index=True)


class MediaBlob(Base):
    """A photo or original file held in the database (server archives), by SHA-256."""

    __tablename__ = "media_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ServerTask(Base):
    """When a job that one PC does for all (the daily backup) was last done, on a server archive."""

    __tablename__ = "server_tasks"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    done_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Fingerprint(Base):
    """A sampled hash of a run of words in an article's text, for finding near-duplicates."""

    __tablename__ = "fingerprints"

    value: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class NearDuplicate(Base):
    """An article that looks like another one republished with edits, for the user to decide
    (kind "duplicate"), or that reports the same event in other words (kind "related": shown, never asked)."""

    __tablename__ = "near_duplicates"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    similarity: Mapped[float] = mapped_column()
    decision: Mapped[str | None] = mapped_column(String(20))  # None (open), "kept", "merged"
    kind: Mapped[str] = mapped_column(String(20), default="duplicate", server_default="duplicate")
    found_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Edit(Base):
    """One change to an article, kept so an office can answer "who changed this caption"."""

    __tablename__ = "edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(Integer, index=True)  # kept after a purge, on purpose
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    who: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(String(100))  # field name, "photo 3 caption", "trash", "tag"…
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int | None] = mapped_column(Integer)  # the article's version this change made


class AuditEntry(Base):
    """One thing an office wants to be able to answer for later: a sign-in, an export or print
    of a restricted article, a role change, a purge.  Append-only: nobody may change or delete
    a past row (a trigger refuses it; on a server, grants let only admins read the log)."""

    __tablename__ = "audit_log"
    # Non-admins may add rows but not read them, so an INSERT must not ask for the new id back.
    __table_args__ = {"implicit_returning": False}

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    account: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(50))  # "sign-in", "export", "print", "role", "purge"…
    detail: Mapped[str | None] = mapped_column(Text)


Index("ix_articles_title", Article.title)
Index("ix_articles_live_date", Article.trashed_at, Article.published_date, Article.id)  # the list's order, the calendar


def whole_article():
    """Loader options that fetch an article with everything shown or indexed, in a few queries."""
    return (
        selectinload(Article.photos),
        selectinload(Article.units),
        selectinload(Article.topics),
        selectinload(Article.doc_refs),
        selectinload(Article.mentions),
    )
