"""How "did you mean" scales with the vocabulary: building the per-searcher word lists and
finding a word's neighbours, for vocabularies the size of a large archive's ``all`` lexicon.

CPU time is reported (the machine may be shared). The words are random syllable-like strings (Vietnamese syllables, numbers and names folded),
served by a stand-in for the posting cache, so the figures are this module's own; reading
the lexicon from Whoosh is timed separately on a real index by ``--index ARCHIVE``.

    python bench/suggest_bench.py --sizes 100000 300000
    python bench/suggest_bench.py --index ~/kho
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.core.search.suggest import Vocabulary  # noqa: E402

ONSETS = ["", "b", "c", "ch", "d", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"]
RHYMES = ["a", "ai", "am", "an", "ang", "anh", "ao", "at", "ay", "e", "em", "en", "eo", "i", "ia", "ich", "ien", "inh", "o", "oa",
          "oan", "oi", "ong", "u", "ua", "uan", "uc", "ung", "uoc", "uong", "uy", "uyen", "y", "yen"]
QUERIES = ["dag", "tinh yu", "giam sta", "xaydung", "q" * 24, "z" * 200, "a3f9" * 16, "nghiẹpvu", "thuong"]


class FakeCache:
    def __init__(self, words: dict[str, int]):
        self.words = words

    def term_frequencies(self, field):
        return iter(self.words.items())


def vocabulary(size: int, rng: random.Random) -> dict[str, int]:
    words: dict[str, int] = {}
    while len(words) < size:
        kind = rng.random()
        if kind < 0.6:
            word = "".join(rng.choice(ONSETS) + rng.choice(RHYMES) for _ in range(rng.choice((1, 1, 2))))
        elif kind < 0.8:
            word = str(rng.randrange(10 ** rng.randint(1, 7)))
        else:
            word = "".join(rng.choice("abcdefghiklmnopqrstuvwxyz") for _ in range(rng.randint(3, 14)))
        words[word] = int(rng.paretovariate(1.2))
    return words


def bench_sizes(sizes: list[int]) -> None:
    rng = random.Random(7)
    for size in sizes:
        cache = FakeCache(vocabulary(size, rng))
        tracemalloc.start()
        started = time.process_time()
        vocab = Vocabulary.of(cache.words.items())
        built = time.process_time() - started
        _, peak = tracemalloc.get_traced_memory()
        kept, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{size:>8,} words: built in {built:.2f} s, {kept / 2**20:.1f} MB kept (peak {peak / 2**20:.1f} MB)")
        for query in QUERIES:
            started = time.process_time()
            found = [vocab.neighbours(word) for word in query.split()]
            took = (time.process_time() - started) * 1000
            print(f"          {query[:26]!r:<30} {took:7.1f} ms  {[o.word for o in found[0][:3]] if found[0] else []}")


def bench_index(root: Path) -> None:
    from desktop.core.archive import Archive

    with Archive.open(root, readonly=True) as archive:
        index = archive.search_index
        cache = index.postings(index.searcher())
        started = time.process_time()
        count = sum(1 for _ in cache.term_frequencies("all"))
        took = time.process_time() - started
        print(f"{archive.count_articles():,} articles: {count:,} words in the lexicon read in {took:.2f} s "
              f"({len(cache.leaves)} segments)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--index", type=Path, help="an archive whose lexicon is read, to time Whoosh's part")
    args = parser.parse_args()
    if args.index:
        bench_index(args.index)
    else:
        bench_sizes(args.sizes)


if __name__ == "__main__":
    main()
