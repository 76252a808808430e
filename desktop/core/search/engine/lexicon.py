"""A field's whole term dictionary, read a segment at a time.

Whoosh's multi-segment reader looks every term up again in every segment
to combine their statistics: reading the ``all`` field of a 30,000-article
index in two segments took 2.5 s that way, and 0.23 s a segment read
straight through.  Here each segment's terms are read in order and merged.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter


def document_counts(leaves, field: str) -> Iterator[tuple[str, int]]:
    """(term, how many articles hold it) for every term of ``field`` in term order, over
    the searcher's segments (``leaves``: (segment reader, offset) pairs; deleted articles
    count until a merge removes them)."""
    streams = [((term, info.doc_frequency()) for term, info in reader.iter_field(field)) for reader, _ in leaves]
    for term, group in groupby(heapq.merge(*streams, key=itemgetter(0)), key=itemgetter(0)):
        yield (term.decode("utf-8") if isinstance(term, bytes) else term), sum(count for _, count in group)
