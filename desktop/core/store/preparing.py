"""Checking and hashing an article before it is stored: pure work on the article alone.

A folder import does this in reader processes, which import this module and
the parsers but never the database layer (SQLAlchemy and the models take a
second of CPU to import, in each reader of each import).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.draft import ArticleDraft, PhotoDraft, content_hash, folded_hash
from desktop.core.errors import ArchiveError
from desktop.core.photos import PhotoError, PhotoInfo, inspect_photo, pixel_count
from desktop.core.store.fingerprints import folded_fingerprints
from desktop.core.store.media import sha256_bytes
from desktop.text import fold


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
