"""Writing a field's terms straight into a ``whoosh3`` segment's term and posting files.

Whoosh's postings writer spends some 25 µs of interpreted calls on every
term (a block object, its statistics, two pickles, zlib on a few bytes, a
term-info object), and a segment of 1,000 articles holds ~30,000 terms,
most of them in one or two articles.  Here the per-term statistics are
computed for a whole field at once with array reductions, lists of up to
``INLINE`` postings are kept in the term table itself (a whoosh3 feature
whose own writer is broken in whoosh-reloaded 2.7.5: ``set_inline`` vs
``set_inlined``), and small blocks are left uncompressed (each block's
header says whether it is).  The bytes are whoosh3's own, so Whoosh's
readers and the posting cache read them unchanged.
"""

from __future__ import annotations

import zlib
from array import array
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.system import emptybytes, pack_int, pack_long, pack_ushort

from desktop.core.search.engine.whoosh_compat import LENGTH_BYTE_CACHE, TERMINFO_SIZE, field_writer_parts

INLINE = 4  # postings kept in the term table instead of a block of their own
COMPRESS_FROM = 256  # bytes of block data below which zlib costs more than it saves
PICKLE = 4  # protocol 3 or later pickles an array as its bytes
INLINE_PICKLE = 3  # bytes as bytes (protocol 2: a 40-byte codecs call), and no frame header (4)
LONGEST = 106374  # whoosh's length byte saturates here
_CACHE = np.asarray(LENGTH_BYTE_CACHE, dtype=np.int64)
# W3TermInfo's struct "!BfIBBfII": inlined?, total weight, document count, shortest and
# longest length bytes, top weight, first and last document
_TERMINFO_RECORD = np.dtype([("inline", "u1"), ("weight", ">f4"), ("count", ">u4"), ("shortest", "u1"),
                             ("longest", "u1"), ("top", ">f4"), ("first", ">u4"), ("last", ">u4")])
assert _TERMINFO_RECORD.itemsize == TERMINFO_SIZE


def length_bytes(lengths: np.ndarray) -> np.ndarray:
    """Whoosh's ``length_to_byte`` for an array of field lengths."""
    return np.where(lengths >= LONGEST, 255, np.searchsorted(_CACHE, lengths, side="left"))


class FieldPostings:
    """One field's postings in term order: term ``i`` owns ``docs[starts[i]:ends[i]]``.

    ``values`` holds each posting's encoded value (a list of bytes, or an array
    of fixed-width numbers), or is None for a field whose postings have none
    (:class:`~writer.Counts`: the weight is the count).
    """

    def __init__(self, terms: list[bytes], starts, ends, docs: np.ndarray, weights: np.ndarray,
                 values: list[bytes] | np.ndarray | None = None):
        keep = np.asarray(ends) > np.asarray(starts)  # a term whose postings were all deleted by a merge
        self.terms = [t for t, k in zip(terms, keep.tolist()) if k]
        self.starts = np.asarray(starts, dtype=np.int64)[keep]
        self.ends = np.asarray(ends, dtype=np.int64)[keep]
        self.docs = np.ascontiguousarray(docs, dtype=np.uint32)
        self.weights = np.ascontiguousarray(weights, dtype=np.float32)
        self.values = values

    @classmethod
    def from_groups(cls, groups: dict) -> FieldPostings:
        """From term bytes → (docnums, weights, values) groups."""
        terms = sorted(groups)
        sizes = np.fromiter((len(groups[t][0]) for t in terms), dtype=np.int64, count=len(terms))
        ends = np.cumsum(sizes)
        docs = np.concatenate([np.frombuffer(groups[t][0], dtype=np.uint32) for t in terms]) if terms else np.zeros(0)
        weights = np.concatenate([np.frombuffer(groups[t][1], dtype=np.float32) for t in terms]) if terms else np.zeros(0)
        values = [v for t in terms for v in groups[t][2]]
        return cls(terms, ends - sizes, ends, docs, weights, values)


def write_field(fieldwriter, fieldname: str, fieldobj, postings: FieldPostings, lengths: np.ndarray | None,
                blocklimit: int, compression: int) -> None:
    """Write every term of one field (``lengths``: each document's field length, if scored)."""
    if not postings.terms:
        return
    fieldwriter.start_field(fieldname, fieldobj)
    field_number, table, postfile = field_writer_parts(fieldwriter)
    prefix = pack_ushort(field_number)
    fixed = fieldobj.format.fixed_value_size()
    starts, ends, docs, weights = postings.starts, postings.ends, postings.docs, postings.weights
    sizes = ends - starts
    short = sizes <= INLINE
    infos = np.zeros(len(starts), dtype=_TERMINFO_RECORD)
    infos["inline"] = short
    infos["weight"] = np.add.reduceat(weights.astype(np.float64), starts)
    infos["count"] = sizes
    infos["top"] = np.maximum.reduceat(weights, starts)
    infos["first"], infos["last"] = docs[starts], docs[ends - 1]
    if lengths is not None:
        doc_lengths = lengths[docs]
        infos["shortest"] = length_bytes(np.minimum.reduceat(doc_lengths, starts))
        infos["longest"] = length_bytes(np.maximum.reduceat(doc_lengths, starts))
    else:
        doc_lengths = None
    raw = infos.tobytes()
    width = _TERMINFO_RECORD.itemsize
    values = postings.values
    # Only the short (inlined) terms' postings become Python numbers; long lists are
    # written from array slices.  (Converting a whole field's postings cost as much
    # time as writing them, and a gigabyte of memory for a large segment.)
    short_sizes = sizes[short]
    picked = np.repeat(starts[short] - (np.cumsum(short_sizes) - short_sizes), short_sizes) + np.arange(short_sizes.sum())
    short_docs, short_weights = docs[picked].tolist(), weights[picked].tolist()
    blocks = _Blocks(starts[~short], ends[~short], blocklimit, docs, weights, doc_lengths)
    tails = []  # after each term's info: its inlined postings pickled, or where its blocks are
    at = 0  # where the next short term's postings begin in those lists
    for start, end in zip(starts.tolist(), ends.tolist()):
        count = end - start
        if count <= INLINE:
            inlined = (tuple(short_docs[at : at + count]), _inline_weights(short_weights[at : at + count]),
                       None if values is None else tuple(v for v in _values(values, start, end) if v))
            at += count
            tails.append(dumps(inlined, INLINE_PICKLE))
            continue
        offset = postfile.tell()
        postfile.write(WHOOSH3_HEADER_MAGIC)
        blocks.write_next_term(postfile, values, fixed, compression)
        tails.append(pack_long(offset) + pack_int(postfile.tell() - offset))
    infos = [raw[i : i + width] for i in range(0, len(raw), width)]
    table.add_many([prefix + term for term in postings.terms], list(map(bytes.__add__, infos, tails)))
    fieldwriter.finish_field()


class _Blocks:
    """The posting blocks of a field's long terms, in the order they are written.

    A block is mostly a few numpy reductions (weights, lengths, largest id
    delta) and a pickle; the reductions are done here for every block of the
    field at once, so writing one block is a few C calls.  The id deltas and
    weights are pickled as ``array`` objects, not tuples of numbers: Whoosh's
    matcher iterates and indexes them just the same, and the posting cache
    reads them with ``np.frombuffer`` (5 µs a block instead of 30 µs of
    unpickling and converting a tuple).  Each array takes the narrowest type
    its numbers fit, which leaves zlib half the bytes or fewer.
    """

    def __init__(self, term_starts: np.ndarray, term_ends: np.ndarray, blocklimit: int, docs: np.ndarray,
                 weights: np.ndarray, lengths: np.ndarray | None):
        counts = -(-(term_ends - term_starts) // blocklimit)
        firsts = np.repeat(term_starts - (np.cumsum(counts) - counts) * blocklimit, counts)
        firsts += np.arange(counts.sum()) * blocklimit
        stops = np.minimum(firsts + blocklimit, np.repeat(term_ends, counts))
        self.deltas = np.empty_like(docs)
        self.deltas[1:] = docs[1:] - docs[:-1]  # wraps where a term starts: every such place is a block's first
        self.deltas[firsts] = docs[firsts]
        self.weights = weights
        self.last_ids = docs[stops - 1].tolist()
        self.wide = (_over(self.deltas, firsts, stops, np.maximum) > 0xFFFF).tolist()
        self.tops = _over(weights, firsts, stops, np.maximum).tolist()
        self.lows = _over(weights, firsts, stops, np.minimum).tolist()
        self.fractional = _over(weights % 1 != 0, firsts, stops, np.logical_or).tolist()
        if lengths is None:
            self.shortest = self.longest = [0] * len(firsts)
        else:
            self.shortest = length_bytes(_over(lengths, firsts, stops, np.minimum)).tolist()
            self.longest = length_bytes(_over(lengths, firsts, stops, np.maximum)).tolist()
        self.firsts, self.stops = firsts.tolist(), stops.tolist()
        self.per_term = iter(counts.tolist())
        self.at = 0  # the next block

    def write_next_term(self, postfile, values: list[bytes] | None, fixed, compression: int) -> None:
        """Write the blocks of the next long term (``values``: the field's posting values,
        or None when its postings have none)."""
        count = next(self.per_term)
        for n in range(count):
            i, first, stop = self.at, self.firsts[self.at], self.stops[self.at]
            self.at += 1
            if values is None:
                block_values = []
            elif isinstance(values, np.ndarray):  # fixed-width: the block joins them anyway
                block_values = [values[first:stop].tobytes()]
            else:
                block_values = values[first:stop]
            postfile.write(self._block(i, block_values, fixed, last=n == count - 1, compression=compression))

    def _block(self, i: int, values: list[bytes], fixed, *, last: bool, compression: int) -> bytes:
        """Block ``i``: length, pickled header, pickled (and maybe compressed) data."""
        first, stop = self.firsts[i], self.stops[i]
        deltas = self.deltas[first:stop]
        deltas = array("I", deltas.tobytes()) if self.wide[i] else array("H", deltas.astype(np.uint16).tobytes())
        top, low = self.tops[i], self.lows[i]
        if low == top:
            mini_weights = None if top == 1.0 else top
        elif low >= 0 and top <= 255 and not self.fractional[i]:
            mini_weights = array("B", self.weights[first:stop].astype(np.uint8).tobytes())  # counts
        else:
            mini_weights = array("f", self.weights[first:stop].tobytes())
        if fixed is None or fixed < 0:
            mini_values = tuple(values)
        else:
            mini_values = None if fixed == 0 else emptybytes.join(values)
        data = dumps((deltas, mini_weights, mini_values), PICKLE)
        comp = compression if compression and len(data) >= COMPRESS_FROM else 0
        if comp:
            data = zlib.compress(data, comp)
        header = dumps((stop - first, self.last_ids[i], top, comp, self.shortest[i], self.longest[i]), 2)
        size = len(header) + len(data)
        return pack_int(-size if last else size) + header + data


def _values(values: list[bytes] | np.ndarray, start: int, stop: int) -> list[bytes]:
    """Postings ``start:stop``'s values as bytes, one a posting."""
    if isinstance(values, np.ndarray):
        width = values.dtype.itemsize
        raw = values[start:stop].tobytes()
        return [raw[i : i + width] for i in range(0, len(raw), width)]
    return values[start:stop]


def _inline_weights(weights: list[float]) -> tuple | None:
    """A short term's weights as its term-table entry pickles them: None when all are 1
    (Whoosh's reading gives 1.0), whole numbers as ints (2 bytes pickled, a float 9)."""
    if all(w == 1.0 for w in weights):
        return None
    return tuple(int(w) if w.is_integer() else w for w in weights)


def _over(numbers: np.ndarray, firsts: np.ndarray, stops: np.ndarray, reduction) -> np.ndarray:
    """``reduction`` of ``numbers[firsts[i]:stops[i]]`` for each i (the spans are in order and non-empty)."""
    if not len(firsts):
        return numbers[:0]
    bounds = np.empty(2 * len(firsts), dtype=np.int64)
    bounds[0::2], bounds[1::2] = firsts, stops
    if bounds[-1] == len(numbers):
        return reduction.reduceat(numbers, bounds[:-1])[0::2]
    return reduction.reduceat(numbers, bounds)[0::2]
