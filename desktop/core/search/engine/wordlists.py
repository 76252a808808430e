"""Each segment's correctable words, written beside it, so "did you mean" never reads a lexicon.

The vocabulary "did you mean" corrects into is the ``all`` field's words with
the number of articles holding each.  Reading it from the term dictionaries
costs ~0.25 s a 10,000-article segment (a Python step per term), so the first
suggestion on a 300,000-article archive of thirty segments took seconds.
Segments never change once written, so each gets its word list when it is
written or merged (:class:`~writer.FastSegmentWriter`): a small file
``<segment>.words`` that Whoosh deletes with its segment.  A searcher's
vocabulary is then the word lists of its segments combined with numpy (no
Python step per word).

A word list carries a CRC-32 of its content.  One that is missing (a segment
written by Whoosh's own writer, an index of an older version) or damaged is
read from its segment's lexicon for the query at hand, and rewritten the next
time the index is opened for writing (:func:`repair`), never trusted and never
an error.

File: ``MAGIC``, the CRC-32 of the rest, then ``sizes`` (uint32, how many words
have 1 … ``LONGEST_BYTES`` bytes), ``counts`` (uint32 a word, in word order)
and the words' UTF-8 bytes, grouped by byte length (so a group is a 2-D array
of fixed-width rows), each group in byte order.
"""

from __future__ import annotations

import os
import zlib
from array import array
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from desktop.core.search.engine.lexicon import document_counts

FIELD = "all"
LONGEST_WORD = 24  # longer "words" (hashes, pasted junk) are never corrected into
LONGEST_BYTES = 4 * LONGEST_WORD
EXTENSION = ".words"
MAGIC = b"LuuTruWords1"
_HEADER = len(MAGIC) + 4
_CHUNK = 4096  # words gathered before they are packed into bytes


def correctable(word: str) -> bool:
    """Whether ``word`` may be offered as a correction: letters only (numbers and document
    numbers are not corrected into), at most ``LONGEST_WORD`` of them."""
    return len(word) <= LONGEST_WORD and word.isalpha()


class WordList:
    """One segment's correctable words and how many of its articles hold each."""

    def __init__(self, sizes: np.ndarray, counts: np.ndarray, text: np.ndarray):
        self.sizes = sizes  # sizes[n]: words of n bytes (sizes[0] is 0)
        self.counts = counts
        self.text = text  # uint8

    @classmethod
    def of(cls, terms: Iterable[tuple[str, int]]) -> WordList:
        """From (word, article count) pairs; words that are not :func:`correctable` are left out."""
        packed = [bytearray() for _ in range(LONGEST_BYTES + 1)]
        pending: list[list[bytes]] = [[] for _ in range(LONGEST_BYTES + 1)]
        counts = [array("I") for _ in range(LONGEST_BYTES + 1)]
        for word, count in terms:
            if correctable(word):
                raw = word.encode("utf-8")
                n = len(raw)
                pending[n].append(raw)
                counts[n].append(min(count, 0xFFFFFFFF))
                if len(pending[n]) == _CHUNK:
                    packed[n] += b"".join(pending[n])
                    pending[n].clear()
        for n in range(LONGEST_BYTES + 1):
            packed[n] += b"".join(pending[n])
        sizes = np.array([len(c) for c in counts], dtype=np.uint32)
        return cls(sizes, np.frombuffer(b"".join(c.tobytes() for c in counts), dtype=np.uint32),
                   np.frombuffer(b"".join(packed), dtype=np.uint8))

    def to_bytes(self) -> bytes:
        body = self.sizes.astype("<u4").tobytes() + self.counts.astype("<u4").tobytes() + self.text.tobytes()
        return MAGIC + zlib.crc32(body).to_bytes(4, "little") + body

    @classmethod
    def from_bytes(cls, raw: bytes) -> WordList | None:
        """The word list ``raw`` holds, or None when it is not one or is damaged."""
        if raw[: len(MAGIC)] != MAGIC or len(raw) < _HEADER + 4 * (LONGEST_BYTES + 1):
            return None
        body = memoryview(raw)[_HEADER:]
        if zlib.crc32(body) != int.from_bytes(raw[len(MAGIC) : _HEADER], "little"):
            return None
        sizes = np.frombuffer(body, dtype="<u4", count=LONGEST_BYTES + 1)
        words = int(sizes.sum())
        if sizes[0] or len(body) != 4 * (LONGEST_BYTES + 1 + words) + int(sizes @ np.arange(LONGEST_BYTES + 1)):
            return None
        counts = np.frombuffer(body, dtype="<u4", count=words, offset=4 * (LONGEST_BYTES + 1))
        text = np.frombuffer(body, dtype=np.uint8, offset=4 * (LONGEST_BYTES + 1 + words))
        return cls(sizes, counts, text)

    def groups(self):
        """(byte length, its words as rows of a 2-D uint8 array, their counts) for each length held."""
        word, at = 0, 0
        for n in np.flatnonzero(self.sizes).tolist():
            k = int(self.sizes[n])
            yield n, self.text[at : at + k * n].reshape(k, n), self.counts[word : word + k]
            word, at = word + k, at + k * n


def combine(lists: list[WordList]) -> tuple[bytes, np.ndarray, list[int]]:
    """Several segments' word lists as one vocabulary, counts added up: the words as
    " w w … w " grouped by length in letters (within a length, by byte length, then in
    byte order), their counts in the same order, and where each length's group starts
    (``groups[n]``: the number of the first word of n letters or more).  A few array
    operations a byte length, none a word."""
    by_bytes: dict[int, tuple[list, list]] = {}
    for words in lists:
        for n, rows, counts in words.groups():
            parts = by_bytes.setdefault(n, ([], []))
            parts[0].append(rows)
            parts[1].append(counts)
    chunks: dict[int, list[tuple[np.ndarray, np.ndarray]]] = {}  # letters → (rows, counts) of each byte length
    for n in sorted(by_bytes):
        rows_parts, count_parts = by_bytes.pop(n)
        rows, inverse = _distinct(np.concatenate(rows_parts))
        counts = np.bincount(inverse, weights=np.concatenate(count_parts), minlength=len(rows))
        counts = np.minimum(counts, 0xFFFFFFFF).astype(np.uint32)
        letters = n - np.count_nonzero((rows & 0xC0) == 0x80, axis=1)  # UTF-8 continuation bytes are no letter
        for count in np.unique(letters).tolist():
            picked = letters == count
            chunks.setdefault(count, []).append((rows[picked], counts[picked]))
    text, frequencies, groups = [b" "], [], [0]
    for letters in range(LONGEST_WORD + 1):
        held = 0
        for rows, counts in chunks.get(letters, ()):
            spaced = np.full((len(rows), rows.shape[1] + 1), 32, dtype=np.uint8)
            spaced[:, :-1] = rows
            text.append(spaced.tobytes())
            frequencies.append(counts)
            held += len(rows)
        groups.append(groups[-1] + held)
    joined = np.concatenate(frequencies) if frequencies else np.zeros(0, dtype=np.uint32)
    return b"".join(text), joined, groups


def _distinct(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a 2-D uint8 array in byte order, and where each row went.
    Rows of up to 8 bytes (most words) are sorted as big-endian numbers, quicker than byte strings."""
    n = rows.shape[1]
    if n <= 8:
        padded = np.zeros((len(rows), 8), dtype=np.uint8)
        padded[:, :n] = rows
        keys, inverse = np.unique(padded.view(">u8").ravel(), return_inverse=True)
        return keys.astype(">u8").view(np.uint8).reshape(-1, 8)[:, :n], inverse.ravel()
    keys, inverse = np.unique(rows.view(f"S{n}").ravel(), return_inverse=True)
    return keys.view(np.uint8).reshape(-1, n), inverse.ravel()


# ------------------------------------------------------------------ segments

def _path(storage, segment) -> Path | None:
    """Where a segment's word list lives (None in a storage that is no folder: Whoosh's in-memory one)."""
    folder = getattr(storage, "folder", None)
    return None if folder is None else Path(folder) / segment.make_filename(EXTENSION)


def write(storage, segment, words: WordList) -> None:
    """A newly written segment's word list (committed with it: a kill before the commit
    leaves files Whoosh deletes, as it does the segment's own)."""
    path = _path(storage, segment)
    if path is not None:
        path.write_bytes(words.to_bytes())


def read(storage, segment) -> WordList | None:
    """A segment's word list, or None when it is missing or damaged."""
    path = _path(storage, segment)
    try:
        return None if path is None else WordList.from_bytes(path.read_bytes())
    except OSError:
        return None


def of_segment(reader) -> WordList:
    """A segment's word list read from its term dictionary (the slow way)."""
    return WordList.of(document_counts([(reader, 0)], FIELD))


def for_leaves(leaves) -> list[WordList]:
    """The word lists of a searcher's segments (``leaves``: (segment reader, offset) pairs),
    each read from its lexicon instead when its file is missing or damaged."""
    return [read(reader.storage(), reader.segment()) or of_segment(reader) for reader, _ in leaves]


def repair(leaves) -> int:
    """Write the word list of each segment whose file is missing or damaged; returns how
    many were written.  Each is written whole under a temporary name and then renamed, so
    a reader (another process) sees the old file, none, or the new one."""
    written = 0
    for reader, _ in leaves:
        storage, segment = reader.storage(), reader.segment()
        path = _path(storage, segment)
        if path is None or read(storage, segment) is not None:
            continue
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        try:
            part.write_bytes(of_segment(reader).to_bytes())
            os.replace(part, path)
            written += 1
        except Exception:  # noqa: BLE001 - a full disk, the segment merged away meanwhile: it is read from
            part.unlink(missing_ok=True)  # its lexicon until the next open, never an error
    return written
