""""Did you mean": corrections drawn from the index's own vocabulary.

Candidates for an unknown word are the words of the ``all`` lexicon (each
segment's word list, combined: see engine/wordlists.py) within
one edit (two for words of five letters or more; a swap of neighbours is one
edit), shortlisted by the letter pairs they share with it and measured with
RapidFuzz, so time and memory are bounded by the vocabulary, never by the
query: the old way, generating every string two edits away, took seconds and
gigabytes for one long word.  Words longer than any useful Vietnamese word
get no candidates at all.

Corrections are ranked by how well the whole corrected query fits the
archive, not by the single word's frequency: "xay dung dag" should become
"xay dung dang" (the pair "dung dang" is common) rather than "dao" (more
frequent alone, but never after "dung").  A left-to-right beam over the
candidates scores adjacent pairs (the ``pairs`` field's document counts),
then the few best whole queries are scored by how many articles hold all
their words.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from desktop.core.search.analysis import fold_token
from desktop.core.search.engine.wordlists import LONGEST_WORD, combine, for_leaves

MOST_WORDS = 10  # words of a query considered for correction; the rest are left as typed
CANDIDATES = 8  # corrections kept per word, best first
BEAM = 12  # partial corrected queries kept while walking the query
TOGETHER = 4  # best whole queries whose words are intersected over the archive (posting arrays)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Option:
    word: str
    distance: int
    frequency: int


class Vocabulary:
    """The ``all`` field's words, how many articles hold each, and a letter-pair index,
    in a few flat arrays (no Python object per word: 300,000 words take ~15 MB).

    The words are kept as one UTF-8 string, separated by spaces and grouped by length, so
    the words of a near length are one slice.  Each word is filed under its letter pairs,
    with ``^`` and ``$`` at its ends ("dang": ^d da an ng g$).  An edit changes at most three pairs, so a close word of five letters or
    more shares most of the typed word's pairs: counting shared pairs over the index
    (numpy, no Python loop per word) leaves a shortlist, and only that is measured
    exactly.  Shorter words are few; all of a near length are measured.
    """

    def __init__(self, text: bytes, frequencies: np.ndarray, groups: list[int]):
        """As :func:`wordlists.combine` makes them (see :func:`vocabulary`)."""
        self._groups = groups
        self._text = np.frombuffer(text, dtype=np.uint8)
        self.frequencies = frequencies
        self._starts = np.flatnonzero(self._text == _SPACE).astype(np.uint32) + 1  # word i: starts[i] … starts[i+1]-1
        self._offsets, self._keys, self._mask = _pair_index(self._text, self._starts)

    def __len__(self) -> int:
        return len(self.frequencies)

    def neighbours(self, word: str) -> list[_Option]:
        """Known words within the edit budget of ``word``, best first (closest, then commonest)."""
        if not word or len(word) > LONGEST_WORD or not word.isalpha() or not len(self):
            return []
        budget = 1 if len(word) < SHORT else 2
        low = self._groups[max(0, len(word) - budget)]
        high = self._groups[min(LONGEST_WORD, len(word) + budget) + 1]  # words low … high-1 have a near length
        if low == high:
            return []
        if len(word) < SHORT:  # a swap in a short word ("yu" for "uy") leaves no pair in common: measure them all
            found = np.arange(low, high)
            candidates = self._slice(low, high).split(" ")
        else:
            pairs = np.unique(_pairs(word))
            shared = np.zeros(high - low, dtype=np.uint8)
            for p in pairs.tolist():
                owners = (self._keys[self._offsets[p] : self._offsets[p + 1]] & self._mask).astype(np.int64)
                owners = owners[(owners >= low) & (owners < high)] - low
                shared[owners] += 1  # a word holding a pair twice counts it once
            found = np.flatnonzero(shared >= max(1, len(pairs) - 3 * budget))
            if len(found) > SHORTLIST:
                found = found[np.argpartition(-shared[found].astype(np.int16), SHORTLIST - 1)[:SHORTLIST]]
            found += low
            candidates = [self._slice(i, i + 1) for i in found.tolist()]
        if not len(found):
            return []
        distances = process.cdist([word], candidates, scorer=OSA.distance, score_cutoff=budget, dtype=np.int32)[0]
        options = [_Option(w, int(d), int(self.frequencies[i]))
                   for w, i, d in zip(candidates, found.tolist(), distances.tolist()) if 0 < d <= budget]
        options.sort(key=lambda o: (o.distance, -o.frequency, o.word))
        return options[:CANDIDATES]

    def _slice(self, first: int, stop: int) -> str:
        """Words ``first`` … ``stop``-1, space-separated."""
        return self._text[self._starts[first] : self._starts[stop] - 1].tobytes().decode("utf-8")


_LETTERS = 27  # a-z, and one code for every other letter; 0 marks a word's ends
SHORTLIST = 2000  # candidates measured exactly, most shared letter pairs first
SHORT = 5  # words shorter than this are measured against every word of a near length
_SPACE = 32
_SLICE = 20_000  # words whose pair keys are made at once
_OWNER_BITS = 22  # a pair key: the pair's code above, its word's number in these bits
_OWNER = (1 << _OWNER_BITS) - 1
# Byte → code: a-z 1…26, a space 0, a UTF-8 continuation byte dropped (255), any other letter 27.
_CODE = np.full(256, _LETTERS, dtype=np.uint8)
_CODE[ord("a") : ord("z") + 1] = np.arange(1, 27)
_CODE[_SPACE] = 0
_CODE[0x80:0xC0] = 255


def _pairs(word: str) -> np.ndarray:
    codes = _CODE[np.frombuffer(f" {word} ".encode("utf-8"), dtype=np.uint8)]
    codes = codes[codes != 255].astype(np.int64)
    return codes[:-1] * (_LETTERS + 1) + codes[1:]


def _pair_index(text: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """For each letter pair, the words holding it: one sorted array of keys (the pair's code
    in the high bits, the word's number in the low), where each pair's keys start, and the
    mask of the low bits.  Made a slice of words at a time and sorted in place, so the
    build costs little more than what is kept."""
    count = len(starts) - 1
    dtype, shift = (np.uint64, 32) if count > _OWNER else (np.uint32, _OWNER_BITS)
    keys = np.empty(len(text) - int(np.count_nonzero(_CODE[text] == 255)) - 1, dtype=dtype)
    filled = 0
    for first in range(0, count, _SLICE):
        stop = min(count, first + _SLICE)
        codes = _CODE[text[starts[first] - 1 : starts[stop]]]  # " w w … w ": the spaces around are the ends
        codes = codes[codes != 255]
        pairs = codes[:-1].astype(dtype) * dtype(_LETTERS + 1) + codes[1:]
        pairs <<= dtype(shift)
        pairs |= np.cumsum(codes[:-1] == 0, dtype=dtype) + dtype(first) - dtype(1)  # the pair's word: its
        # first code's (the leading space counts 1, so the first word is ``first``)
        keys[filled : filled + len(pairs)] = pairs
        filled += len(pairs)
    keys.sort()
    offsets = np.searchsorted(keys, np.arange((_LETTERS + 1) ** 2 + 1, dtype=dtype) << dtype(shift))
    return offsets, keys, (1 << shift) - 1


def vocabulary(cache) -> Vocabulary:
    """The searcher's vocabulary, made on first use from its segments' word lists (no
    lexicon is read) and kept while the searcher lives."""
    return cache.derived_object("suggest-vocabulary", lambda: Vocabulary(*combine(for_leaves(cache.leaves))))


def suggest(cache, text: str, words: list[str]) -> str | None:
    """The query with its unknown words corrected, or None when nothing can be corrected."""
    vocab = vocabulary(cache)
    words = words[:MOST_WORDS]
    options: list[list[_Option]] = []
    changed = False
    for word in words:
        frequency = cache.term_count("all", word)
        near = [] if frequency else vocab.neighbours(word)
        changed |= bool(near)
        options.append(near or [_Option(word, 0, frequency)])
    if not changed:
        return None
    best = _best_query(cache, options)
    replacements = {typed: chosen for typed, chosen in zip(words, best) if typed != chosen}
    return _WORD.sub(lambda m: replacements.get(fold_token(m.group(0)), m.group(0)), text)


def _best_query(cache, options: list[list[_Option]]) -> list[str]:
    """The corrected query that fits best: adjacent pairs that occur, words that occur
    together, few and small edits, common words."""
    beam: list[tuple[float, list[_Option]]] = [(0.0, [])]
    for choices in options:
        grown = []
        for score, chosen in beam:
            for option in choices:
                gain = math.log1p(option.frequency) - 3.0 * option.distance
                if chosen:
                    gain += 4.0 * math.log1p(cache.term_count("pairs", f"{chosen[-1].word}_{option.word}"))
                grown.append((score + gain, [*chosen, option]))
        grown.sort(key=lambda item: -item[0])
        beam = grown[:BEAM]
    scored = [(score + 2.0 * math.log1p(_together(cache, [o.word for o in chosen])), chosen)
              for score, chosen in beam[:TOGETHER]]
    return [o.word for o in max(scored, key=lambda item: item[0])[1]]


def _together(cache, words: list[str]) -> int:
    """How many articles hold every one of ``words``."""
    common = None
    for word in sorted(set(words), key=lambda w: cache.term_count("all", w)):
        ids = cache.postings("all", word)[0]
        common = ids if common is None else np.intersect1d(common, ids, assume_unique=True)
        if not len(common):
            return 0
    return 0 if common is None else len(common)
