"""The syllable statistics of a generated corpus, next to those of real news.

    python -m bench.corpus_stats                        # 10,000 realistic articles
    python -m bench.corpus_stats --corpus harsh --count 2000
    python -m bench.corpus_stats --growth --count 16000   # vocabulary growth (Heaps' law)

Targets (issue 22): 10,000 real Vietnamese news articles have 473 syllables
per article on average, 22,266 distinct syllables, the 100 commonest covering
36 % of tokens, and ~700,000 distinct adjacent syllable pairs of which 55 %
occur once.  A syllable is a ``\\w+`` run, lower-cased (diacritics kept);
pairs are adjacent syllables within one article's title, lead, body and captions.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter

from bench.corpus import Corpus, RealisticCorpus
from desktop.text import fold, words

TARGETS = {"syllables per article": 473, "distinct syllables": 22_266, "top-100 share of tokens": 0.36,
           "distinct adjacent pairs": 700_000, "share of pairs occurring once": 0.55}
TARGET_COUNT = 10_000


def statistics(corpus: Corpus, count: int) -> dict[str, float]:
    syllables: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for draft, _units, _topics in corpus.articles(count):
        text = "\n".join([draft.title, draft.lead, draft.body, *(p.caption for p in draft.photos)])
        tokens = words(text.lower())
        syllables.update(tokens)
        pairs.update(zip(tokens, tokens[1:]))
    total = sum(syllables.values())
    return {
        "syllables per article": total / count,
        "distinct syllables": len(syllables),
        "top-100 share of tokens": sum(n for _, n in syllables.most_common(100)) / total,
        "distinct adjacent pairs": len(pairs),
        "share of pairs occurring once": sum(1 for n in pairs.values() if n == 1) / len(pairs),
    }


def growth(corpus: Corpus, count: int) -> None:
    """Distinct syllables, and distinct folded alphabetic words (what "did you mean" keeps),
    at doubling article counts, with Heaps' exponent between each two."""
    seen: set[str] = set()
    marks = {1000 * 2**k for k in range(20) if 1000 * 2**k <= count}
    previous = None
    print(f"{'articles':>9}{'syllables':>11}{'folded words':>14}{'beta':>7}{'beta folded':>13}")
    for number, (draft, units, topics) in enumerate(corpus.articles(count), start=1):
        text = "\n".join([draft.title, draft.lead, draft.body, draft.author or "", *units, *topics,
                          *(p.caption for p in draft.photos)])
        seen.update(words(text.lower()))
        if number in marks:
            folded = len({f for f in map(fold, seen) if f.isalpha() and len(f) <= 24})
            betas = ("", "")
            if previous:
                scale = math.log(number / previous[0])
                betas = (f"{math.log(len(seen) / previous[1]) / scale:.2f}", f"{math.log(folded / previous[2]) / scale:.2f}")
            print(f"{number:>9,}{len(seen):>11,}{folded:>14,}{betas[0]:>7}{betas[1]:>13}")
            previous = (number, len(seen), folded)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["realistic", "harsh"], default="realistic")
    parser.add_argument("--count", type=int, default=TARGET_COUNT)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--growth", action="store_true", help="vocabulary growth with the article count")
    opts = parser.parse_args()
    corpus = RealisticCorpus(opts.seed) if opts.corpus == "realistic" else Corpus(opts.seed)
    if opts.growth:
        growth(corpus, opts.count)
        return
    found = statistics(corpus, opts.count)
    note = "" if opts.count == TARGET_COUNT else f"  (targets are for {TARGET_COUNT:,} articles)"
    print(f"{opts.corpus} corpus, {opts.count:,} articles, seed {opts.seed}{note}")
    print(f"{'':32}{'generated':>12}{'real news':>12}{'ratio':>8}")
    for name, target in TARGETS.items():
        value = found[name]
        shown = (f"{value:12.1%}", f"{target:12.0%}") if target < 1 else (f"{value:12,.0f}", f"{target:12,}")
        print(f"{name:32}{shown[0]}{shown[1]}{value / target:8.2f}")


if __name__ == "__main__":
    main()
