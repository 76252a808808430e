"""Whole posting lists as numpy arrays, read once per searcher.

Whoosh's matchers score one posting at a time in Python, which is what made
queries on common Vietnamese syllables ("công", "tác", "của") slow: every
article holding them was visited by interpreted code.  Here a term's postings
are decoded block by block into two arrays (article numbers, weights), kept
while the searcher lives (up to a memory budget, least recently used first),
so that a query is a handful of vectorised operations over the whole archive.

The block decoding reads the ``whoosh3`` codec's block tuples (the pinned
``whoosh-reloaded`` version); any other matcher falls back to Whoosh's
posting-by-posting interface.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.columns import NumericColumn
from whoosh.matching.wrappers import FilterMatcher

from desktop.core.search.engine import rarepairs
from desktop.core.search.engine.lexicon import document_counts
from desktop.core.search.engine.whoosh_compat import (
    LENGTH_BYTE_CACHE, column_bytes, column_shape, lengths_column, next_block, posting_blocks, read_block,
    segment_perdoc, term_postings,
)

CACHE_BYTES = 48 * 1024 * 1024  # posting arrays and their scores kept between queries
WHOOSH_QUERIES_KEPT = 64
_BYTE_TO_LENGTH = np.array(LENGTH_BYTE_CACHE, dtype=np.float32)
_NO_IDS = np.zeros(0, dtype=np.int32)
_NO_WEIGHTS = np.zeros(0, dtype=np.uint8)


def _split_values(raw, count: int, fixed) -> list[bytes]:
    if fixed is None or fixed < 0:
        return list(raw)
    if fixed == 0 or raw is None:
        return [b""] * count
    return [raw[i : i + fixed] for i in range(0, len(raw), fixed)]


def _block_arrays(blocks, fixed, values_as):
    """Every block of a ``whoosh3`` posting list (its data tuples), decoded with array
    operations; the values not at all (None), one bytes object a posting ("list") or
    joined ("packed", fixed-width)."""
    ids, weights, values = [], [], []
    for deltas, block_weights, block_values in blocks:
        # Ids are delta-coded per block.  Our writer pickles arrays (read without copying
        # number by number); Whoosh's own writer pickles tuples.
        deltas = np.frombuffer(deltas, dtype=deltas.typecode) if isinstance(deltas, array) else np.asarray(deltas)
        block_ids = np.cumsum(deltas, dtype=np.int32)  # a segment has far fewer than 2**31 articles
        ids.append(block_ids)
        if block_weights is None:
            weights.append(np.ones(len(block_ids), dtype=np.uint8))
        elif isinstance(block_weights, float):
            weights.append(compact_weights(np.full(len(block_ids), block_weights, dtype=np.float32)))
        elif isinstance(block_weights, array):  # counts as bytes, or floats: kept as narrow as they are
            weights.append(np.frombuffer(block_weights, dtype=block_weights.typecode))
        else:
            weights.append(compact_weights(np.asarray(block_weights, dtype=np.float32)))
        if values_as == "list":
            values += _split_values(block_values, len(block_ids), fixed)
        elif values_as == "packed":
            values.append(block_values)
    return ids, weights, values


def _matcher_blocks(matcher):
    """The data tuples of a ``whoosh3`` leaf matcher's blocks, read through the matcher."""
    while matcher.is_active():
        yield read_block(matcher)
        next_block(matcher)


def compact_weights(weights: np.ndarray) -> np.ndarray:
    """Weights in the narrowest array that holds them: counts up to 255 in one byte each
    (nearly every posting of a syllable field), anything else as 32-bit floats."""
    if weights.dtype == np.uint8:
        return weights
    if len(weights) and (weights.min() < 0 or weights.max() > 255 or (weights % 1).any()):
        return weights.astype(np.float32, copy=False)
    return weights.astype(np.uint8)


def leaf_blocks(reader, field: str, term, *, with_values: bool = False):
    """(article numbers, weights, values or None) of one term in one segment, deleted
    articles included (callers apply deletions with arrays)."""
    ids, weights, values = _leaf(reader, field, term, "list" if with_values else None)
    return ids, weights, values


def leaf_packed(reader, field: str, term, dtype) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """As :func:`leaf_blocks` for a field of fixed-width values, the values as one array."""
    ids, weights, values = _leaf(reader, field, term, "packed")
    return ids, weights, np.frombuffer(b"".join(values), dtype=dtype)


def _leaf(reader, field: str, term, values_as):
    fixed = reader.schema[field].format.fixed_value_size() if field in reader.schema else None
    try:
        stored = term_postings(reader, field, term)
    except AttributeError:  # not a whoosh3 segment: through Whoosh's matcher
        stored = _through_matcher(reader, field, term)
    if stored is None:
        return _NO_IDS, _NO_WEIGHTS, []
    if isinstance(stored, bytes):
        # Positions (the title's) are most of a block and not wanted here: left unread.
        ids, weights, values = _block_arrays(posting_blocks(stored, values=values_as is not None or fixed is not None),
                                             fixed, values_as)
    elif isinstance(stored, W3LeafMatcher):
        ids, weights, values = _block_arrays(_matcher_blocks(stored), fixed, values_as)
    else:  # inlined postings, or another matcher: one posting at a time
        ids, weights, values = _one_by_one(stored, values_as)
    if not ids:
        return _NO_IDS, _NO_WEIGHTS, []
    return np.concatenate(ids), compact_weights(np.concatenate(weights)), values


def _through_matcher(reader, field: str, term):
    try:
        matcher = reader.postings(field, term)
    except Exception:  # noqa: BLE001 - Whoosh raises TermNotFound (or KeyError) for an absent term
        return None
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def _one_by_one(stored, values_as):
    """(ids, weights, values) of inlined postings (a tuple) or of any matcher."""
    if isinstance(stored, tuple):  # as Whoosh's ListMatcher reads them: no weights are 1s, no values empty
        found, w, stored_values = stored
        if not w:
            w = [1] * len(found)
        values = [v or b"" for v in (stored_values or [None] * len(found))] if values_as else []
    else:
        found, w, values = [], [], []
        while stored.is_active():
            found.append(stored.id())
            w.append(stored.weight())
            if values_as:
                values.append(stored.value() or b"")
            stored.next()
    if not len(found):
        return [], [], []
    return [np.asarray(found, dtype=np.int32)], [np.asarray(w, dtype=np.float32)], values


def column_lengths(perdoc, field: str, count: int) -> np.ndarray:
    """The first ``count`` articles' lengths in ``field``, read as one run of bytes from a
    segment's per-document reader (Whoosh keeps each as a one-byte approximation)."""
    column = lengths_column(perdoc, field)
    if column is None:
        return np.zeros(0, dtype=np.float32)
    raw = column_bytes(column, count, 1)
    return _BYTE_TO_LENGTH[np.frombuffer(raw, dtype=np.uint8)]


def column_numbers(reader, field: str, count: int) -> np.ndarray:
    """A segment's unsigned 32-bit numeric column (the date) as one array, read as one run
    of bytes: Whoosh's column iterator costs ~3 µs an article (a second at 300,000)."""
    if not reader.has_column(field):
        return np.zeros(count, dtype=np.int64)
    column = reader.column_reader(field, translate=False)  # unsigned ints are stored as they are
    if not isinstance(column, NumericColumn.Reader) or column_shape(column)[0] != "I":
        return np.fromiter(reader.column_reader(field), dtype=np.int64, count=count)
    _, stored, default = column_shape(column)
    stored = min(stored, count)
    out = np.full(count, default, dtype=np.int64)
    out[:stored] = np.frombuffer(column_bytes(column, stored, 4), dtype=">u4")
    return out


def _with_rare(reader, pair: str, ids: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A pair's postings in one segment: its term's, and those of its bucket (see :mod:`rarepairs`)."""
    bucket, value = rarepairs.locate(pair)
    found, found_weights, values = leaf_packed(reader, rarepairs.FIELD, bucket, rarepairs.VALUE)
    rare_ids, rare_weights = rarepairs.matching(found, found_weights, values, value)
    if not len(rare_ids):
        return ids, weights
    if not len(ids):
        return rare_ids, rare_weights
    ids = np.concatenate([ids, rare_ids])  # a segment's rewrite puts a pair in one place; merged ones may be in both
    order = np.argsort(ids, kind="stable")
    return ids[order], compact_weights(np.concatenate([weights, rare_weights]))[order]


class PostingCache:
    """Posting arrays, field lengths, dates and the live-article mask of one searcher."""

    def __init__(self, searcher, budget: int = CACHE_BYTES):
        self.searcher = searcher
        self.budget = budget
        self.leaves = list(searcher.reader().leaf_readers())
        self.size = searcher.doc_count_all()
        self.live = np.ones(self.size, dtype=bool)
        for reader, offset in self.leaves:
            deleted = list(getattr(reader, "deleted_docs_set", ()))
            if deleted:
                self.live[np.asarray(deleted, dtype=np.int64) + offset] = False
        self.count = int(self.live.sum())
        self._arrays: OrderedDict[tuple, tuple[np.ndarray, ...]] = OrderedDict()
        self._bytes = 0
        self._dates: np.ndarray | None = None
        self._objects: dict = {}
        self._whoosh: OrderedDict[str, list[int]] = OrderedDict()
        self._lock = threading.RLock()

    # ------------------------------------------------------------- postings

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Live article numbers holding ``term`` in ``field`` (sorted) and the term's weight in each."""
        return self.derived((field, term), lambda: self._read(field, term))

    def derived(self, key, make) -> tuple[np.ndarray, ...]:
        """Arrays made once per searcher (a posting list, its scores), kept within the
        budget, least recently used dropped first."""
        with self._lock:
            found = self._arrays.get(key)
            if found is not None:
                self._arrays.move_to_end(key)
                return found
        made = make()
        with self._lock:
            if key in self._arrays:  # another thread made it meanwhile
                return self._arrays[key]
            self._arrays[key] = made
            self._bytes += sum(a.nbytes for a in made)
            while self._bytes > self.budget and len(self._arrays) > 1:
                _, old = self._arrays.popitem(last=False)
                self._bytes -= sum(a.nbytes for a in old)
        return made

    def _read(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        parts = []
        for reader, offset in self.leaves:
            ids, weights, _ = leaf_blocks(reader, field, term)
            if field == "pairs":
                ids, weights = _with_rare(reader, term, ids, weights)
            if len(ids):
                parts.append((ids + offset, weights))
        if not parts:
            return _NO_IDS, _NO_WEIGHTS
        ids = np.concatenate([p[0] for p in parts])
        weights = compact_weights(np.concatenate([p[1] for p in parts]))
        if self.count < self.size:  # some articles were deleted
            keep = self.live[ids]
            ids, weights = ids[keep], weights[keep]
        return ids, weights

    def whoosh_docs(self, query) -> list[int]:
        """Articles Whoosh itself finds for ``query`` (positional phrases), the last few kept."""
        key = repr(query)
        with self._lock:
            if key in self._whoosh:
                self._whoosh.move_to_end(key)
                return self._whoosh[key]
        docs = list(self.searcher.docs_for_query(query))
        with self._lock:
            self._whoosh[key] = docs
            while len(self._whoosh) > WHOOSH_QUERIES_KEPT:
                self._whoosh.popitem(last=False)
        return docs

    def doc_frequency(self, field: str, term: str) -> int:
        return len(self.postings(field, term)[0])

    def terms(self, field: str) -> list[str]:
        reader = self.searcher.reader()
        return [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(field)]

    def term_frequencies(self, field: str):
        """(term, how many articles hold it) for every term of ``field``, in term order, read
        from the term dictionaries a segment at a time (see :mod:`lexicon`; no posting is
        decoded; deleted articles still count until a merge)."""
        return document_counts(self.leaves, field)

    def term_count(self, field: str, term: str) -> int:
        """How many articles hold ``term`` in ``field``, from the term dictionary (cheap;
        a pair's count also reads its rare-pair buckets, a few hundred postings)."""
        if field == "pairs":
            return len(self.postings(field, term)[0])
        return self.searcher.doc_frequency(field, term)

    def derived_object(self, key, make):
        """Any object made once per searcher and kept while it lives (not counted in the
        posting budget: the caller bounds its size)."""
        with self._lock:
            if key not in self._objects:
                self._objects[key] = make()
            return self._objects[key]

    # ------------------------------------------------------- per-article data

    def lengths(self, field: str) -> np.ndarray:
        """Each article's length in ``field`` (Whoosh keeps it as a one-byte approximation);
        read each time: the evaluator keeps what it derives from them."""
        out = np.zeros(self.size, dtype=np.float32)
        for reader, offset in self.leaves:
            found = column_lengths(segment_perdoc(reader), field, reader.doc_count_all())
            out[offset : offset + len(found)] = found
        return out

    def average_length(self, field: str) -> float:
        return max(1.0, self.searcher.avg_field_length(field, 1.0) or 1.0)

    def dates(self) -> np.ndarray:
        """Each article's date as YYYYMMDD (0 when undated)."""
        with self._lock:
            if self._dates is None:
                out = np.zeros(self.size, dtype=np.int64)
                for reader, offset in self.leaves:
                    found = column_numbers(reader, "date", reader.doc_count_all())
                    out[offset : offset + len(found)] = found
                self._dates = out
            return self._dates
