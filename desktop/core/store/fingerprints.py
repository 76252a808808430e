"""Near-duplicate detection by sampled word-run fingerprints.

An article republished with small edits or a new headline shares most runs
of five words with the original; so, less, does another report of the same
event.  Fingerprints only find the candidates: :mod:`resemblance` tells which.  Each run is hashed (CRC-32, fast and
stable across runs and machines) and one in eight hashes is kept, chosen by
value so two copies keep the same ones; an index on the kept values finds
the articles sharing many of them with one query, whatever the archive size.
"""

from __future__ import annotations

import zlib

from desktop.text import fold, words

RUN = 5
SAMPLE = 8  # keep hashes divisible by this
MIN_FINGERPRINTS = 4  # too little text to judge


def fingerprints(text: str) -> set[int]:
    return folded_fingerprints(fold(text))


def folded_fingerprints(folded: str) -> set[int]:
    runs = words(folded)
    windows = map(" ".join, zip(*(runs[i:] for i in range(RUN))))  # each run of RUN words, iterated in C
    hashes = map(zlib.crc32, map(str.encode, windows))
    # The top bit is cleared so a value fits a signed INTEGER; it does not change divisibility.
    return {value & 0x7FFFFFFF for value in hashes if value % SAMPLE == 0}
