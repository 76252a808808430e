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

import io
import os
import pickle
import pickletools
import secrets
import struct
import threading
import zlib
from array import _array_reconstructor
from array import array as _array
from hashlib import md5 as _md5

import numpy as np

import whoosh
from whoosh.codec import base as _codec_base
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3TermInfo, _lenfield
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.filedb.structfile import BufferFile
from whoosh.index import TOC, clean_files
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE, unpack_int
from whoosh.util.numeric import _length_byte_cache
from whoosh.writing import SegmentWriter

WRITTEN_FOR = (2, 7, 5)

if tuple(whoosh.__version__[:3]) != WRITTEN_FOR:
    raise ImportError(
        f"LuuTru's search engine was written for Whoosh {'.'.join(map(str, WRITTEN_FOR))}, "
        f"found {whoosh.versionstring()}: pin whoosh-reloaded=={'.'.join(map(str, WRITTEN_FOR))}"
    )

LENGTH_BYTE_CACHE = _length_byte_cache  # Whoosh's one-byte approximation of a field length
TERMINFO_SIZE = W3TermInfo._struct.size  # the fixed part of a term table entry's value


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


def term_postings(reader, field: str, term) -> tuple | bytes | None:
    """A term's postings in one segment as stored, without a matcher: the inlined
    (ids, weights, values) tuple, or the ``whoosh3`` posting bytes (magic, then blocks,
    read with one positioned read), or None when the segment lacks the term.  Building
    Whoosh's matcher costs a dozen seeks and small reads a term and a block, which on an
    archive of many segments was a good part of a cold query."""
    terms = reader._terms
    try:
        info = terms.term_info(field, reader._text_to_bytes(field, term))
    except TermNotFound:
        return None
    if info.is_inlined():
        return info.inlined_postings()
    offset, length = info.extent()
    if isinstance(length, tuple):  # whoosh3 reads it with ``unpack_int`` and keeps the tuple
        (length,) = length
    return _positioned_read(terms._postfile, offset, length)


_read_lock = threading.Lock()


def _positioned_read(structfile, offset: int, length: int) -> bytes:
    """``length`` bytes at ``offset``, safe beside other threads reading the same file."""
    if isinstance(structfile, BufferFile):  # in memory (a compound file): a slice
        return structfile.get(offset, length)
    if hasattr(os, "pread"):
        return os.pread(structfile.raw_file().fileno(), length, offset)
    with _read_lock:  # Windows: no pread; seek and read must not interleave
        return structfile.get(offset, length)


def posting_blocks(raw: bytes, *, values: bool = True):
    """The decoded data tuple (id deltas, weights, values) of each block of
    :func:`term_postings`' bytes, as ``W3LeafMatcher`` reads them.  ``values=False``:
    the values may be left out (None), and where they are positions (the title's) they
    are: only the front of the block is decompressed, up to the weights.  A block of
    positions is mostly positions, and unpickling them was most of a title term's cost."""
    if raw[:4] != WHOOSH3_HEADER_MAGIC:
        raise ValueError("not a whoosh3 posting list")
    view = memoryview(raw)
    pos = 4
    while True:
        (size,) = unpack_int(view[pos : pos + _INT_SIZE])
        start, end = pos + _INT_SIZE, pos + _INT_SIZE + abs(size)
        header = io.BytesIO(view[start : min(end, start + 256)])
        count, _last, _top, compression, _short, _long = pickle.load(header)
        data = view[start + header.tell() : end]
        head = None if values else _block_head(data, compression, count)
        yield head if head is not None else pickle.loads(zlib.decompress(data) if compression else data)
        if size < 0:
            return
        pos = end


_HEAD_SLACK = 512  # pickle opcodes around the two arrays


def _block_head(data, compression: int, count: int) -> tuple | None:
    """(id deltas, weights, None) read from the front of a block's data as our segment
    writer pickles it (termfile.py: two ``array`` objects, or None or one float for the
    weights, then the values); None when the block is laid out otherwise (Whoosh's own
    writer pickles tuples), and the caller unpickles it whole."""
    front = 8 * count + _HEAD_SLACK  # four bytes a delta and a weight at most
    if compression:
        front = zlib.decompressobj().decompress(data, front)
    else:
        front = bytes(data[:front])
    found: list = []
    pending: list = []
    try:
        for opcode, arg, _pos in pickletools.genops(io.BytesIO(front)):
            name = opcode.name
            if name in ("SHORT_BINUNICODE", "BINUNICODE") and len(arg) == 1:
                pending = [arg]  # an array's typecode
            elif name in ("BININT1", "BININT", "BININT2") and len(pending) == 1:
                pending.append(arg)  # its machine format
            elif name in ("SHORT_BINBYTES", "BINBYTES", "BINBYTES8") and len(pending) == 2:
                found.append(_array_reconstructor(_array, pending[0], pending[1], arg))
                pending = []
            elif found and name == "NONE":
                found.append(None)
            elif len(found) == 1 and name == "BINFLOAT":
                found.append(arg)
            elif name in ("TUPLE", "TUPLE1", "TUPLE2", "TUPLE3", "EMPTY_TUPLE", "LIST", "EMPTY_LIST") and not found:
                return None  # ids pickled as a tuple: not our writer's block
            if len(found) == 2:
                return found[0], found[1], None
    except ValueError:  # the front was too short after all
        return None
    return None


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

def field_writer_parts(fieldwriter) -> tuple[int, BulkTermTable, object]:
    """(the open field's number, the term table, the postings file) of a field writer whose
    term table is a :class:`BulkTermTable`."""
    return fieldwriter._fieldid, fieldwriter._tindex, fieldwriter._postfile


class BulkTermTable(OrderedHashWriter):
    """Whoosh's term table file (``OrderedHashWriter``: entries in key order, 256 hash
    tables of (MD5 low 32 bits, position) slots, a directory, the extras, and the
    entries' positions for ordered look-ups), byte for byte what Whoosh's readers read,
    written a field's entries at a time.

    Whoosh's ``add`` costs some 4 µs an entry in interpreted calls (two struct packs,
    three writes, an MD5 made a hex string and an int, two list appends) and its hash
    tables are filled slot by slot.  Here the entries of a field are one write, the
    hashes one ``frombuffer``, and each hash table is laid out with numpy: entries in
    order of their home slot, each at the first slot from its home not taken by the ones
    before it (linear probing, like Whoosh's; a look-up stops only at an empty slot, so
    any such order of filling reads the same).
    """

    @classmethod
    def taking_over(cls, fieldwriter) -> BulkTermTable:
        """Put one in place of a fresh whoosh3 field writer's term table, taking over its
        file, the header already written and the extras (the field map lives there)."""
        table = fieldwriter._tindex
        if type(table) is not OrderedHashWriter or len(table.index) or table.hashtype != 0:
            raise TypeError("the field writer's term table is not a fresh whoosh3 OrderedHashWriter")
        bulk = cls.__new__(cls)
        bulk.__dict__.update(table.__dict__)
        bulk.positions, bulk.hashes = [], []
        fieldwriter._tindex = bulk
        return bulk

    def add(self, key: bytes, value: bytes) -> None:
        self.add_many([key], [value])

    def add_many(self, keys: list[bytes], values: list[bytes]) -> None:
        """Entries in increasing key order, after any added before."""
        if not keys:
            return
        if keys[0] <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{keys[0]!r}")
        key_lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
        value_lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
        sizes = _LENGTHS.size + key_lengths + value_lengths
        start = self.dbfile.tell()
        self.positions.append(start + np.cumsum(sizes) - sizes)
        lengths = list(map(_LENGTHS.pack, key_lengths.tolist(), value_lengths.tolist()))
        self.dbfile.write(b"".join([part for entry in zip(lengths, keys, values) for part in entry]))
        digests = b"".join([_md5(key, usedforsecurity=False).digest()[12:] for key in keys])
        self.hashes.append(np.frombuffer(digests, dtype=">u4").astype(np.int64))  # md5_hash: the low 32 bits
        self.lastkey = keys[-1]

    def _write_hashes(self) -> None:
        positions = np.concatenate(self.positions) if self.positions else np.zeros(0, np.int64)
        hashes = np.concatenate(self.hashes) if self.hashes else np.zeros(0, np.int64)
        order = np.argsort(hashes & 255, kind="stable")
        bounds = np.searchsorted((hashes & 255)[order], np.arange(257))
        for bucket in range(256):
            entries = order[bounds[bucket] : bounds[bucket + 1]]
            self.directory.append((self.dbfile.tell(), 2 * len(entries)))
            self.dbfile.write(_hash_table(hashes[entries], positions[entries]))

    def _write_extras(self) -> None:
        positions = np.concatenate(self.positions) if self.positions else np.zeros(0, np.int64)
        largest = int(positions[-1]) if len(positions) else 0
        typecode, dtype = next(kind for kind in _INDEX_TYPES if largest < kind[2])[:2]
        self.extras["indextype"] = typecode
        self.extras["indexlen"] = len(positions)
        self.dbfile.write_pickle(self.extras)
        self.dbfile.write(positions.astype(dtype).tobytes())


_LENGTHS = struct.Struct("!ii")  # an entry's key and value lengths (filetables._lengths)
_SLOT = np.dtype([("hash", ">u4"), ("position", ">i8")])  # a hash table slot (filetables._pointer)
# The type of the entries' positions array (GrowableArray's retyping): code, dtype, below what
_INDEX_TYPES = (("H", ">u2", 2**16), ("i", ">i4", 2**31), ("I", ">u4", 2**32), ("q", ">i8", 2**63))


def _hash_table(hashes: np.ndarray, positions: np.ndarray) -> bytes:
    """One bucket's hash table: twice as many slots as entries, each entry at or after its
    home slot ``(hash >> 8) % slots`` with every slot between taken (wrapping at the end)."""
    slots = 2 * len(hashes)
    table = np.zeros(slots, dtype=_SLOT)
    if not slots:
        return b""
    homes = (hashes >> 8) % slots
    order = np.argsort(homes, kind="stable")
    homes, hashes, positions = homes[order], hashes[order], positions[order]
    steps = np.arange(len(homes))
    places = np.maximum.accumulate(homes - steps) + steps  # the first free slot from home, in home order
    fits = places < slots
    table["hash"][places[fits]] = hashes[fits]
    table["position"][places[fits]] = positions[fits]
    if not fits.all():  # wrapped past the end: the first free slots from the start, in order
        free = np.flatnonzero(table["position"] == 0)[: int((~fits).sum())]
        table["hash"][free] = hashes[~fits]
        table["position"][free] = positions[~fits]
    return table.tobytes()


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
