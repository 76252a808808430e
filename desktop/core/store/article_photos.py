"""An article's photos: attach one, edit its caption and credit, give a pasted caption its image."""

from __future__ import annotations

from pathlib import Path

from db import models as m
from desktop.core.errors import NotFound
from desktop.core.store import versions
from desktop.core.store.context import Part, get_article, writes
from desktop.core.store.storing import StagedFile, photo_fields, queue, register_files, stage_photo
from desktop.text import nfc


class ArticlePhotos(Part):
    def _store_photo(self, image: Path | bytes) -> tuple[dict, StagedFile]:
        """Check and write a photo now; the caller catalogues it in its transaction."""
        staged, info = stage_photo(image)
        self.ctx.media.put(staged.data, staged.extension)
        return photo_fields(staged, info), staged

    @writes
    def attach_photo(
        self, article_id: int, image: Path | bytes, caption: str = "", credit: str | None = None
    ) -> int:
        stored, staged = self._store_photo(image)
        with self.ctx.session() as s:
            register_files(s, [staged])
            article = get_article(s, article_id)
            position = max((p.position for p in article.photos), default=-1) + 1
            version = versions.claim(s, article, None, self.ctx.own_versions)  # the pane shows the photo
            self.ctx.record(s, article_id, "ảnh mới", new=caption, version=version)
            photo = m.Photo(position=position, caption=nfc(caption), credit=nfc(credit) if credit else None, **stored)
            article.photos.append(photo)
            s.flush()
            queue(s, [article_id])
            photo_id = photo.id
        self.ctx.on_change()
        return photo_id

    @writes
    def update_photo(self, photo_id: int, *, caption: str | None = None, credit: str | None = None) -> None:
        """Change one caption or credit (under the article's next version: store/versions.py)."""
        with self.ctx.session() as s:
            photo = s.get(m.Photo, photo_id)
            if photo is None:
                raise NotFound(f"không có ảnh số {photo_id} (no photo {photo_id})")
            changes = []
            if caption is not None and nfc(caption) != photo.caption:
                changes.append((f"ảnh {photo.position + 1}: chú thích", "caption", photo.caption, nfc(caption)))
            if credit is not None and (nfc(credit) or None) != photo.credit:
                changes.append((f"ảnh {photo.position + 1}: tác giả ảnh", "credit", photo.credit, nfc(credit) or None))
            if changes:
                version = versions.claim(s, photo.article, None, self.ctx.own_versions)
                for what, key, old, new in changes:
                    self.ctx.record(s, photo.article_id, what, old, new, version=version)
                    setattr(photo, key, new)
            queue(s, [photo.article_id])
        self.ctx.on_change()

    @writes
    def set_photo_image(self, photo_id: int, image: Path | bytes) -> None:
        """Give a caption that arrived with pasted text the image it belongs to."""
        stored, staged = self._store_photo(image)
        with self.ctx.session() as s:
            register_files(s, [staged])
            photo = s.get(m.Photo, photo_id)
            if photo is None:
                raise NotFound(f"không có ảnh số {photo_id} (no photo {photo_id})")
            version = versions.claim(s, photo.article, None, self.ctx.own_versions)
            self.ctx.record(s, photo.article_id, f"ảnh {photo.position + 1}: ảnh", old=photo.sha256,
                            new=stored["sha256"], version=version)
            for key, value in stored.items():
                setattr(photo, key, value)

    def photo_path(self, sha256: str) -> Path | None:
        return self.ctx.media.find(sha256)