"""How "did you mean" scales with the vocabulary: building the per-searcher word lists and
finding a word's neighbours, for vocabularies the size of a large archive's ``all`` lexicon.

CPU time is reported (the machine may be shared). The words are random syllable-like strings (Vietnamese syllables, numbers and names folded),
served by a stand-in for the posting cache, so the figures are this module's own; reading
the lexicon from Whoosh is timed separately on a real index by ``--index ARCHIVE``.

``--segments`` times the first suggestion a fresh process makes on an index of many
segments (``--articles`` realistic articles, ``bench.corpus.RealisticCorpus``, written
straight into an index, no database), the vocabulary read from the lexicons (before) and
combined from the segments' word lists (now), each in a process of its own; ``--combine``
combines that many synthetic word lists of a 300,000-article archive's size.

    python bench/suggest_bench.py --sizes 100000 300000
    python bench/suggest_bench.py --index ~/kho
    python bench/suggest_bench.py --segments 30 --articles 30000 --workdir /tmp/suggest-bench
    python bench/suggest_bench.py --combine 30
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.core.search.engine.wordlists import WordList, combine  # noqa: E402
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
        vocab = Vocabulary(*combine([WordList.of(cache.words.items())]))
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


def _document(number: int, draft, units: list[str], topics: list[str]) -> dict:
    """The index document ``index_documents`` would make of a corpus article (no database)."""
    captions = "\n".join(" ".join(filter(None, (p.caption, p.credit))) for p in draft.photos)
    text = "\n".join(filter(None, (draft.lead, draft.body, captions)))
    day = draft.published_date
    return {"id": str(number + 1), "all": (draft.title, text, draft.author or "", " ; ".join(units), " ; ".join(topics), ""),
            "title": draft.title, "exact": "\n".join(filter(None, (draft.title, draft.lead, captions))),
            "pairs": (draft.title, text), "author": draft.author or "", "unit": " ; ".join(units),
            "topic": " ; ".join(topics), "date": day.year * 10000 + day.month * 100 + day.day, "dated": 1, "trashed": "0"}


def build_segments(folder: Path, articles: int, segments: int) -> None:
    """An index of ``articles`` realistic articles in ``segments`` segments, never merged."""
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.filedb.filestore import FileStorage
    from whoosh.writing import NO_MERGE

    from bench.corpus import RealisticCorpus
    from desktop.core.search.engine.writer import FastSegmentWriter
    from desktop.core.search.index import BLOCK, make_schema

    folder.mkdir(parents=True, exist_ok=True)
    ix = FileStorage(str(folder)).create_index(make_schema())
    corpus = RealisticCorpus()
    per = articles // segments
    started = time.perf_counter()
    for segment in range(segments):
        writer = FastSegmentWriter(ix, codec=W3Codec(blocklimit=BLOCK), compound=False)
        for number in range(segment * per, (segment + 1) * per):
            writer.add_document(**_document(number, *corpus.article(number)))
        writer.commit(mergetype=NO_MERGE)
        print(f"  segment {segment + 1}/{segments} written ({time.perf_counter() - started:.0f} s)", flush=True)
    (folder / "built").write_text(f"{articles} {segments}")


def first_suggestion(folder: Path, way: str, memory: bool) -> None:
    """In this (fresh) process: the first suggestion, its vocabulary made ``way``."""
    from whoosh import index as windex

    from desktop.core.search.engine import wordlists
    from desktop.core.search.engine.lexicon import document_counts
    from desktop.core.search.engine.postings import PostingCache
    from desktop.core.search.suggest import suggest

    searcher = windex.open_dir(str(folder)).searcher()
    cache = PostingCache(searcher)
    if memory:
        tracemalloc.start()
    wall, cpu = time.perf_counter(), time.process_time()
    if way == "lexicon":
        vocab = Vocabulary(*combine([WordList.of(document_counts(cache.leaves, "all"))]))
    elif way == "word-lists":
        vocab = Vocabulary(*combine(wordlists.for_leaves(cache.leaves)))
    else:  # term_frequencies: Whoosh's multi-segment reader against a segment at a time
        reader = searcher.reader()
        if way == "whoosh-iter-field":
            count = sum(1 for _ in reader.iter_field("all"))
        else:
            count = sum(1 for _ in cache.term_frequencies("all"))
        print(f"{way:>18}: {count:,} terms in {time.perf_counter() - wall:.2f} s wall, "
              f"{time.process_time() - cpu:.2f} s CPU")
        return
    cache.derived_object("suggest-vocabulary", lambda: vocab)
    made = time.perf_counter() - wall
    answer = suggest(cache, "xay dung dag", ["xay", "dung", "dag"])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = f", peak {tracemalloc.get_traced_memory()[1] / 2**20:.1f} MB traced" if memory else ""
    print(f"{way:>18}: {len(vocab):,} words; vocabulary {made:.2f} s, with the suggestion "
          f"{answer!r} {wall:.2f} s wall, {cpu:.2f} s CPU{peak}")


def bench_segments(workdir: Path, articles: int, segments: int) -> None:
    from whoosh import index as windex

    from desktop.core.search.engine import wordlists
    from desktop.core.search.engine.lexicon import document_counts

    folder = workdir / f"index-{articles}-{segments}"
    if not (folder / "built").exists():
        build_segments(folder, articles, segments)
    with windex.open_dir(str(folder)).searcher() as searcher:
        leaves = list(searcher.reader().leaf_readers())
        reader = leaves[len(leaves) // 2][0]
        started = time.process_time()
        terms = sum(1 for _ in document_counts([(reader, 0)], "all"))
        lexicon = time.process_time() - started
        started = time.process_time()
        words = wordlists.read(reader.storage(), reader.segment())
        listed = time.process_time() - started
        size = (folder / reader.segment().make_filename(wordlists.EXTENSION)).stat().st_size
    print(f"{articles:,} articles in {len(leaves)} segments; one segment: {terms:,} terms of 'all' read in "
          f"{lexicon * 1000:.0f} ms CPU; its word list ({len(words.counts):,} words, {size / 1024:.0f} KB) "
          f"in {listed * 1000:.1f} ms")
    for way in ("lexicon", "word-lists", "whoosh-iter-field", "term-frequencies"):
        subprocess.run([sys.executable, __file__, "--first", str(folder), "--way", way], check=True)
    for way in ("lexicon", "word-lists"):
        subprocess.run([sys.executable, __file__, "--first", str(folder), "--way", way, "--memory"], check=True)


def bench_combine(segments: int, per_segment: int = 25_000, pool: int = 170_000) -> None:
    """``segments`` word lists of ``per_segment`` words each, drawn (Zipf) from ``pool`` words:
    the shape of a 300,000-article archive's thirty segments (docs/search.md)."""
    rng = random.Random(11)
    words = [w for w in vocabulary(int(pool * 1.3), rng) if w.isalpha()][:pool]
    weights = 1.0 / np.arange(1, len(words) + 1)
    draws = np.random.default_rng(3)
    lists = []
    for _ in range(segments):
        picked = np.unique(draws.choice(len(words), size=per_segment * 3, p=weights / weights.sum()))[:per_segment]
        lists.append(WordList.of((words[i], int(draws.integers(1, 500))) for i in picked.tolist()))
    raw = [w.to_bytes() for w in lists]
    held = sum(len(r) for r in raw)
    for memory in (False, True):
        if memory:
            tracemalloc.start()
        started = time.process_time()
        vocab = Vocabulary(*combine([WordList.from_bytes(r) for r in raw]))
        took = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if memory else 0
        tracemalloc.stop()
        print(f"{segments} word lists, {sum(len(w.counts) for w in lists):,} entries ({held / 2**20:.1f} MB of files): "
              f"{len(vocab):,} words combined in {took:.2f} s CPU" + (f", peak {peak:.1f} MB traced" if memory else ""))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--index", type=Path, help="an archive whose lexicon is read, to time Whoosh's part")
    parser.add_argument("--segments", type=int, help="time the first suggestion on an index of this many segments")
    parser.add_argument("--articles", type=int, default=30_000)
    parser.add_argument("--workdir", type=Path, default=Path("build-bench"))
    parser.add_argument("--combine", type=int, help="combine this many synthetic segment word lists")
    parser.add_argument("--first", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--way", help=argparse.SUPPRESS)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first:
        first_suggestion(args.first, args.way, args.memory)
    elif args.segments:
        bench_segments(args.workdir, args.articles, args.segments)
    elif args.combine:
        bench_combine(args.combine)
    elif args.index:
        bench_index(args.index)
    else:
        bench_sizes(args.sizes)


if __name__ == "__main__":
    main()
