"""Rare adjacent pairs, kept in hashed buckets instead of a term each.

Most adjacent syllable pairs of real text occur in one or two articles (55 %
of 700,000 in 10,000 news articles occur once), and a term of its own costs
some 85 bytes of a segment's term table (hash slots, lengths, statistics,
the term itself) however few its postings: pairs were nine tenths of the
index.  When a segment is written, a pair held by at most ``RARE`` of its
articles is instead a posting in one of ``BUCKETS`` bucket terms of the
``rarepairs`` field, whose 4-byte value is a second hash of the pair: a few
bytes a posting.  Looking a pair up reads its term (if it has one in a
segment) and the postings of its bucket whose value matches.

The hash is 64 bits of BLAKE2b: 12 bits choose the bucket, 32 others are the
value, so two different pairs are confused about once in four billion
look-ups of a bucket's postings (and a quoted phrase of three words or more is
still confirmed on the article's text).
"""

from __future__ import annotations

from hashlib import blake2b

import numpy as np
from whoosh.fields import FieldType
from whoosh.formats import Format

FIELD = "rarepairs"
RARE = 16  # a pair in at most this many of a segment's articles goes to a bucket
BUCKETS = 4096
VALUE = np.dtype(">u4")  # how a posting's value is stored


class PairHash(Format):
    """Each posting's value is the 32-bit second hash of its pair."""

    posting_size = 4


class RarePairs(FieldType):
    """The bucket field: written from the ``pairs`` field's rare pairs, never from a document."""

    def __init__(self):
        super().__init__(format=PairHash(), analyzer=None, scorable=False, stored=False)

    def index(self, value, **kwargs):
        raise TypeError("rarepairs is written from the pairs field, not from documents")


def locate(pair: str) -> tuple[bytes, int]:
    """(bucket term, value) of a pair."""
    code = int.from_bytes(blake2b(pair.encode("utf-8"), digest_size=8).digest(), "big")
    return b"%03x" % (code & (BUCKETS - 1)), code >> 32


def locate_many(pairs: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(bucket numbers, values) of many pairs given as UTF-8 bytes: :func:`locate`'s, with
    the digests joined and split by numpy (a segment has some 100 rare pairs an article)."""
    codes = np.frombuffer(b"".join([blake2b(pair, digest_size=8).digest() for pair in pairs]), dtype=">u8")
    return (codes & np.uint64(BUCKETS - 1)).astype(np.int64), (codes >> np.uint64(32)).astype(np.uint32)


class RarePostings:
    """A segment's bucket postings while it is written: (bucket, document, count, value) arrays."""

    def __init__(self):
        self.buckets: list[np.ndarray] = []
        self.docs: list[np.ndarray] = []
        self.weights: list[np.ndarray] = []
        self.values: list[np.ndarray] = []

    def add_pairs(self, terms: list[bytes], starts: np.ndarray, ends: np.ndarray, docs: np.ndarray,
                  weights: np.ndarray) -> None:
        """The postings of rare pairs ``terms[i]`` (UTF-8; ``docs[starts[i]:ends[i]]``)."""
        if not terms:
            return
        buckets, values = locate_many(terms)
        sizes = ends - starts
        picked = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes) + np.arange(sizes.sum())
        self.buckets.append(np.repeat(buckets, sizes))
        self.values.append(np.repeat(values, sizes))
        self.docs.append(docs[picked].astype(np.uint32))
        self.weights.append(weights[picked].astype(np.float32))

    def extend(self, bucket: bytes, docs: np.ndarray, weights: np.ndarray, values: np.ndarray) -> None:
        """One bucket's postings read back from an older segment (a merge)."""
        self.buckets.append(np.full(len(docs), int(bucket, 16), dtype=np.int64))
        self.docs.append(docs.astype(np.uint32))
        self.weights.append(weights.astype(np.float32))
        self.values.append(values.astype(np.uint32))

    def grouped(self):
        """(bucket terms, starts, ends, documents, counts, values) by bucket, then document."""
        if not self.docs:
            return [], np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.uint32), np.zeros(0, np.float32), \
                np.zeros(0, VALUE)
        buckets, docs = np.concatenate(self.buckets), np.concatenate(self.docs)
        order = np.lexsort((docs, buckets))
        buckets, docs = buckets[order], docs[order]
        weights = np.concatenate(self.weights)[order]
        values = np.concatenate(self.values)[order].astype(VALUE)
        present = np.unique(buckets)
        starts = np.searchsorted(buckets, present, side="left")
        ends = np.searchsorted(buckets, present, side="right")
        return [b"%03x" % b for b in present.tolist()], starts, ends, docs, weights, values


def matching(ids: np.ndarray, weights: np.ndarray, values: np.ndarray, value: int) -> tuple[np.ndarray, np.ndarray]:
    """The postings of one bucket that belong to the pair whose value is ``value``."""
    keep = values == value
    return ids[keep], weights[keep]
