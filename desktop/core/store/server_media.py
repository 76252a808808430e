"""Photos and originals kept in the server's database, with a copy cached on each PC.

On an office server there is no shared folder: each file is one row of
``media_blobs`` keyed by its SHA-256, so two PCs importing the same photo
store one copy (``ON CONFLICT DO NOTHING``) and one database backup holds
everything.  As with :class:`~desktop.core.store.media.MediaStore`, files
are committed before the rows that name them (in a transaction of their
own), so a failure can leave an unreferenced blob but never a photo row
pointing at nothing.  A file read once is kept in this PC's cache folder,
named as the media folder names it, so the window and the PDF export get a
path and a photo crosses the network once per PC.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db import models as m
from db.engine import in_chunks
from desktop.core.store.media import MediaStore, sha256_bytes


class DatabaseMedia:
    """The media interface of :class:`MediaStore` (put, put_many, find, read) over ``media_blobs``."""

    def __init__(self, sessions: sessionmaker[Session], cache: Path):
        self._sessions = sessions
        self.cache = MediaStore(cache)  # this PC's copies; losing it costs only a download

    def put(self, data: bytes, extension: str = "") -> tuple[str, Path]:
        sha = sha256_bytes(data)
        self.put_many([(sha, data, extension)])
        return sha, self.cache.put(data, extension)[1]

    def put_many(self, files: Iterable[tuple[str, bytes, str]]) -> None:
        rows = {sha: data for sha, data, _ in files}
        if not rows:
            return
        try:
            with self._sessions.begin() as s:
                for chunk in in_chunks(sorted(rows), 50):  # a chunk's photos travel in one statement
                    s.execute(insert(m.MediaBlob).on_conflict_do_nothing(),
                              [{"sha256": sha, "data": rows[sha]} for sha in chunk])
        except OperationalError as exc:  # reported as a file that could not be written, item by item
            raise OSError(f"máy chủ không nhận tệp (server did not take the file): {exc.orig or exc}") from exc

    def read(self, sha256: str) -> bytes | None:
        cached = self.cache.find(sha256)
        if cached is not None:
            return cached.read_bytes()
        with self._sessions.begin() as s:
            return s.scalar(select(m.MediaBlob.data).where(m.MediaBlob.sha256 == sha256))

    def find(self, sha256: str) -> Path | None:
        """A local path to the file: this PC's cached copy, fetched from the server once."""
        cached = self.cache.find(sha256)
        if cached is not None:
            return cached
        with self._sessions.begin() as s:
            row = s.execute(select(m.MediaBlob.data, m.MediaFile.extension)
                            .join(m.MediaFile, m.MediaFile.sha256 == m.MediaBlob.sha256, isouter=True)
                            .where(m.MediaBlob.sha256 == sha256)).first()
        if row is None:
            return None
        return self.cache.put(row.data, row.extension or "")[1]

    def stored(self) -> set[str]:
        """The hashes of every file held on the server."""
        with self._sessions.begin() as s:
            return set(s.scalars(select(m.MediaBlob.sha256)))
