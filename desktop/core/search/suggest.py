""""Did you mean": corrections drawn from the index's own vocabulary.

Candidates for an unknown word are the words of the ``all`` lexicon within
one edit (two for words of five letters or more; a swap of neighbours is one
edit), found by RapidFuzz's C scan over the vocabulary grouped by length, so
time and memory are bounded by the vocabulary, never by the query: the old
way, generating every string two edits away, took seconds and gigabytes for
one long word.  Words longer than any useful Vietnamese word get no
candidates at all.

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

LONGEST_WORD = 24  # longer "words" (hashes, pasted junk) are never corrected
MOST_WORDS = 16  # words of a query considered for correction; the rest are left as typed
CANDIDATES = 8  # corrections kept per word, best first
BEAM = 12  # partial corrected queries kept while walking the query
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Option:
    word: str
    distance: int
    frequency: int


class Vocabulary:
    """The ``all`` field's words grouped by length, with how many articles hold each."""

    def __init__(self, cache):
        by_length: dict[int, tuple[list[str], list[int]]] = {}
        for term, frequency in cache.term_frequencies("all"):
            if len(term) > LONGEST_WORD or not term.isalpha():
                continue  # numbers and document numbers are not corrected into
            words, frequencies = by_length.setdefault(len(term), ([], []))
            words.append(term)
            frequencies.append(frequency)
        self._words = {n: words for n, (words, _) in by_length.items()}
        self._frequencies = {n: np.asarray(f, dtype=np.int32) for n, (_, f) in by_length.items()}
        self._index = {n: {w: i for i, w in enumerate(words)} for n, words in self._words.items()}

    def frequency(self, word: str) -> int:
        found = self._index.get(len(word), {}).get(word)
        return 0 if found is None else int(self._frequencies[len(word)][found])

    def neighbours(self, word: str) -> list[_Option]:
        """Known words within the edit budget of ``word``, best first (closest, then commonest)."""
        if len(word) > LONGEST_WORD or not word.isalpha():
            return []
        budget = 1 if len(word) < 5 else 2
        found = []
        for length in range(max(1, len(word) - budget), len(word) + budget + 1):
            words = self._words.get(length)
            if not words:
                continue
            for _, distance, i in process.extract(word, words, scorer=OSA.distance, score_cutoff=budget, limit=None):
                if distance:
                    found.append(_Option(words[i], distance, int(self._frequencies[length][i])))
        found.sort(key=lambda o: (o.distance, -o.frequency, o.word))
        return found[:CANDIDATES]


def vocabulary(cache) -> Vocabulary:
    """The searcher's vocabulary, built on first use and kept while the searcher lives."""
    return cache.derived_object("suggest-vocabulary", lambda: Vocabulary(cache))


def suggest(cache, text: str, words: list[str]) -> str | None:
    """The query with its unknown words corrected, or None when nothing can be corrected."""
    vocab = vocabulary(cache)
    words = words[:MOST_WORDS]
    options: list[list[_Option]] = []
    changed = False
    for word in words:
        frequency = vocab.frequency(word)
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
    scored = [(score + 2.0 * math.log1p(_together(cache, [o.word for o in chosen])), chosen) for score, chosen in beam]
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
