"""Every use of Whoosh's private internals, in one place, for one Whoosh version.

The engine reads posting blocks and the length and date columns as raw
bytes, writes term files itself and names segments from the OS's randomness
(see :mod:`postings`, :mod:`termfile`, :mod:`writer`): that is what makes
search fast enough, and it leans on attributes Whoosh does not promise to
keep.  They are reached only through this module, which refuses to load
beside any Whoosh but the one they were written against: a new Whoosh must
fail here, loudly, not return wrong postings.
"""

from __future__ import annotations

import secrets
import threading

import whoosh
from whoosh.codec import base as _codec_base
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3TermInfo, _lenfield
from whoosh.index import TOC, clean_files
from whoosh.util.numeric import _length_byte_cache
from whoosh.writing import SegmentWriter

WRITTEN_FOR = (2, 7, 5)

if tuple(whoosh.__version__[:3]) != WRITTEN_FOR:
    raise ImportError(
        f"LuuTru's search engine was written for Whoosh {'.'.join(map(str, WRITTEN_FOR))}, "
        f"found {whoosh.versionstring()}: pin whoosh-reloaded=={'.'.join(map(str, WRITTEN_FOR))}"
    )

LENGTH_BYTE_CACHE = _length_byte_cache  # Whoosh's one-byte approximation of a field length
pack_terminfo = W3TermInfo._struct.pack


def _segment_name(size: int = 16) -> str:
    return "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(size))


# Whoosh names new segments with the global ``random`` module; anything that seeds it
# (a test framework, a plug-in) makes names repeat and a commit then fails on the
# clash.  Segment names come from the OS's randomness instead.
_codec_base.random_name = _segment_name


def segments(ix) -> list:
    """The index's committed segments (what the merge policy and the tests reason about)."""
    return list(ix._segments())


# ---------------------------------------------------------------- reading

def read_block(matcher) -> tuple:
    """The current block of a ``whoosh3`` leaf matcher: (id deltas, weights, values)."""
    matcher._read_data()
    return matcher._data


def next_block(matcher) -> None:
    matcher._next_block()


def segment_perdoc(reader):
    """A segment reader's per-document reader (field lengths, columns)."""
    return reader._perdoc


def lengths_column(perdoc, field: str):
    """The column of a field's one-byte lengths, or None when the field has none."""
    return perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)


def column_bytes(column, count: int, width: int) -> bytes:
    """The first ``count`` values of a fixed-width column as one run of bytes."""
    return column._dbfile.get(column._basepos, min(column._count, count) * width)


def column_shape(column) -> tuple[str, int, int]:
    """(typecode, stored values, default) of a numeric column."""
    return column._typecode, column._count, column._default


# ---------------------------------------------------------------- writing

def field_writer_parts(fieldwriter) -> tuple[int, object, object]:
    """(the open field's number, the term table's ``add``, the postings file) of a field writer."""
    return fieldwriter._fieldid, fieldwriter._tindex.add, fieldwriter._postfile


def block_settings(fieldwriter) -> tuple[int, int]:
    """(postings per block, zlib level) of the writer's codec."""
    return fieldwriter._codec._blocklimit, fieldwriter._codec._compression


_in_flight: dict[str, object] = {}  # segment id → a segment being written apart (see merging.py)
_in_flight_lock = threading.Lock()


def in_flight() -> list[str]:
    """The ids of the segments being written apart now (their files are not the index's yet)."""
    with _in_flight_lock:
        return list(_in_flight)


class SegmentWriterBase(SegmentWriter):
    """Whoosh's ``SegmentWriter`` with the protected steps a faster writer reuses, named.

    Made with ``_lk=False`` it writes a segment apart, without the index's write lock
    (a merge that must not hold up commits): until :meth:`release`, other writers'
    commits neither delete its files as unused nor empty the temporary folder all
    writers share (its column files are there), and :meth:`finish_apart` writes it
    out without a table of contents.
    """

    def __init__(self, ix, **kwargs):
        if kwargs.get("_lk", True):
            super().__init__(ix, **kwargs)
            return
        with _in_flight_lock:  # its column files are made here, in the shared temporary folder
            super().__init__(ix, **kwargs)
            _in_flight[self.newsegment.segment_id()] = self.newsegment

    def _finish(self):
        """Whoosh's, leaving the shared temporary folder alone while a segment is written apart."""
        if self._searcher is not None:
            self._searcher._orig_close()
            self._searcher = None
        with _in_flight_lock:
            if not _in_flight:
                self._tempstorage.destroy()
        if self.writelock:
            self.writelock.release()
        self.is_closed = True

    def check_fields(self, names: list[str]) -> None:
        """Refuse a closed writer or a field the schema lacks, as ``add_document`` would."""
        self._check_state()
        self._check_fields(self.schema, names)

    def document_added(self) -> None:
        self._added = True
        self.docnum += 1

    def _flush_segment(self):  # Whoosh's hook for writing the pooled postings
        self.write_segment()

    def _commit_toc(self, segments):
        """Whoosh's, sparing the files of segments still being written apart."""
        toc = TOC(self.schema, segments, self.generation)
        toc.write(self.storage, self.indexname)
        with _in_flight_lock:
            spared = list(_in_flight.values())
        clean_files(self.storage, self.indexname, self.generation, list(segments) + spared)

    def release(self) -> None:
        """The segment is in a table of contents now, or abandoned (the next commit deletes its files)."""
        with _in_flight_lock:
            _in_flight.pop(self.newsegment.segment_id(), None)

    def finish_apart(self):
        """Write the segment's files and return the segment, leaving the table of contents alone."""
        segment = self._finalize_segment()
        self.is_closed = True  # no lock to release; the shared temporary folder is the locked writers' to remove
        return segment

    def abandon_apart(self) -> None:
        self._close_segment()
        self.is_closed = True
        self.release()


# ---------------------------------------------------------------- measuring

def term_table(reader):
    """(field name, key bytes, value bytes) of every entry of a segment's term table, as stored."""
    terms = reader._terms
    for key, value in terms._tindex.items():
        field, _term = terms._keydecoder(key)
        yield field, key, value
