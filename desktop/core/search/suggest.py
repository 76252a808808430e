""""Did you mean": corrections drawn from the index's own vocabulary.

Candidates for an unknown word are the words of the ``all`` lexicon within
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

LONGEST_WORD = 24  # longer "words" (hashes, pasted junk) are never corrected
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
    """The ``all`` field's words, how many articles hold each, and a letter-pair index.

    Each word is filed under its letter pairs, with ``^`` and ``$`` at its ends ("dang":
    ^d da an ng g$).  An edit changes at most three pairs, so a close word of five letters
    or more shares most of the typed word's pairs: counting shared pairs over the index
    (numpy, no Python loop per word) leaves a shortlist, and only that is measured exactly.
    Shorter words are few; all of a near length are measured.
    Memory: two int32 per pair occurrence (~8 MB for 250,000 words).
    """

    def __init__(self, cache):
        words, frequencies = [], []
        for term, frequency in cache.term_frequencies("all"):
            if len(term) <= LONGEST_WORD and term.isalpha():  # numbers and document numbers are not corrected into
                words.append(term)
                frequencies.append(frequency)
        self.words = words
        self.frequencies = np.asarray(frequencies, dtype=np.int32)
        self.lengths = np.fromiter(map(len, words), dtype=np.int16, count=len(words))
        self._ids = {w: i for i, w in enumerate(words)}
        self._offsets, self._postings = _pair_index(words)
        self._short = {}  # length → (words, their ids), for words shorter than SHORT + 1
        for n in range(1, SHORT + 1):
            ids = np.flatnonzero(self.lengths == n)
            if len(ids):
                self._short[n] = ([words[i] for i in ids.tolist()], ids)

    def frequency(self, word: str) -> int:
        found = self._ids.get(word)
        return 0 if found is None else int(self.frequencies[found])

    def neighbours(self, word: str) -> list[_Option]:
        """Known words within the edit budget of ``word``, best first (closest, then commonest)."""
        if not word or len(word) > LONGEST_WORD or not word.isalpha() or not self.words:
            return []
        budget = 1 if len(word) < SHORT else 2
        if len(word) < SHORT:  # a swap in a short word ("yu" for "uy") leaves no pair in common: measure them all
            lengths = range(max(1, len(word) - budget), len(word) + budget + 1)
            found = np.concatenate([self._short[n][1] for n in lengths if n in self._short] or [np.zeros(0, np.int64)])
            candidates = [w for n in lengths if n in self._short for w in self._short[n][0]]
        else:
            close = np.abs(self.lengths - len(word)) <= budget
            pairs = np.unique(_pairs(word))
            shared = np.bincount(
                np.concatenate([self._postings[self._offsets[p] : self._offsets[p + 1]] for p in pairs.tolist()]),
                minlength=len(self.words),
            )
            found = np.flatnonzero(close & (shared >= max(1, len(pairs) - 3 * budget)))
            if len(found) > SHORTLIST:
                found = found[np.argpartition(-shared[found], SHORTLIST - 1)[:SHORTLIST]]
            candidates = [self.words[i] for i in found.tolist()]
        if not len(found):
            return []
        distances = process.cdist([word], candidates, scorer=OSA.distance, score_cutoff=budget, dtype=np.int32)[0]
        options = [_Option(self.words[i], int(d), int(self.frequencies[i]))
                   for i, d in zip(found.tolist(), distances.tolist()) if 0 < d <= budget]
        options.sort(key=lambda o: (o.distance, -o.frequency, o.word))
        return options[:CANDIDATES]


_LETTERS = 27  # a-z, and one code for every other letter; 0 marks a word's ends
SHORTLIST = 2000  # candidates measured exactly, most shared letter pairs first
SHORT = 5  # words shorter than this are measured against every word of a near length


def _codes(text: str) -> np.ndarray:
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    codes = np.where((points >= 97) & (points <= 122), points - 96, _LETTERS).astype(np.int32)
    codes[points == 32] = 0
    return codes


def _pairs(word: str) -> np.ndarray:
    codes = _codes(f" {word} ")
    return codes[:-1] * (_LETTERS + 1) + codes[1:]


def _pair_index(words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """For each letter pair, the words holding it (CSR: offsets into one array of word ids)."""
    size = (_LETTERS + 1) ** 2
    if not words:
        return np.zeros(size + 1, dtype=np.int64), np.zeros(0, dtype=np.int32)
    codes = _codes(" " + " ".join(words) + " ")
    pairs = codes[:-1] * (_LETTERS + 1) + codes[1:]
    owner = np.cumsum(codes[:-1] == 0, dtype=np.int32) - 1  # a pair belongs to the word its first code is in
    order = np.argsort(pairs, kind="stable")
    postings = owner[order]
    offsets = np.searchsorted(pairs[order], np.arange(size + 1))
    return offsets, postings


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
