"""What an archive's index spends its bytes on: per field, per file kind, per segment.

    python -m bench.index_size build-bench/luutru-30000          # an archive folder (or its index/)
    python -m bench.index_size build-bench/luutru-30000 --fts build-bench/fts-30000.sqlite

Per field: how many terms the segments' term tables hold (a term in three
segments counts three times), the bytes of their entries (key, term
statistics and the postings of terms short enough to be kept in the table),
and the bytes of their posting blocks.  Per file kind: the index folder's
files by extension, so the term tables' own overhead (hash buckets, the
ordered key index) shows as the rest of ``.trm``.  ``--fts`` prints the size
of an FTS5 database holding the same articles (with their text).
"""

from __future__ import annotations

import argparse
import os
from collections import Counter, defaultdict
from pathlib import Path
from struct import Struct

from whoosh import index as windex

from desktop.core.search.engine.whoosh_compat import segments, term_table

_INFO = Struct("!BfIBBfII")  # whoosh3's term statistics, then inlined postings or (offset, length)
_EXTENT = Struct("!qi")


def field_sizes(folder: Path) -> tuple[dict, int, int]:
    """field → Counter(terms, table bytes, inlined terms, posting bytes); segments; articles."""
    ix = windex.open_dir(str(folder))
    out: dict[str, Counter] = defaultdict(Counter)
    with ix.searcher() as searcher:
        leaves = [reader for reader, _ in searcher.reader().leaf_readers()]
        for reader in leaves:
            for field, key, value in term_table(reader):
                sizes = out[field]
                sizes["terms"] += 1
                sizes["table bytes"] += 8 + len(key) + len(value)  # two lengths, the key, the value
                if value[0]:
                    sizes["inlined"] += 1
                else:
                    _, length = _EXTENT.unpack_from(value, _INFO.size)
                    sizes["posting bytes"] += length
        articles = searcher.doc_count_all()
    ix.close()
    return out, len(leaves), articles


def by_extension(folder: Path) -> Counter:
    """Bytes by file kind, the files inside segments' compound files counted by their own kind."""
    found: Counter = Counter()
    ix = windex.open_dir(str(folder))
    for segment in segments(ix):
        if segment.is_compound():
            inner = segment.open_compound_file(ix.storage)
            for name in inner.list():
                found["." + name.split(".", 1)[1]] += inner.file_length(name)
            found[".seg (compound file's own)"] -= sum(inner.file_length(name) for name in inner.list())
            inner.close()
    ix.close()
    for path in folder.iterdir():
        if path.is_file():
            found[".seg (compound file's own)" if path.suffix == ".seg" else path.suffix or path.name] += path.stat().st_size
    return found


def report(folder: Path, fts: Path | None) -> None:
    folder = folder / "index" if (folder / "index").is_dir() else folder
    fields, segments, articles = field_sizes(folder)
    files = by_extension(folder)
    total = sum(files.values())
    print(f"index {folder}: {total / 1e6:.2f} MB, {segments} segments, {articles:,} articles")
    print("| field | terms | inlined | term-table entries MB | posting blocks MB | together MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for field, sizes in sorted(fields.items(), key=lambda kv: -(kv[1]["table bytes"] + kv[1]["posting bytes"])):
        both = sizes["table bytes"] + sizes["posting bytes"]
        print(f"| {field} | {sizes['terms']:,} | {sizes['inlined']:,} | {sizes['table bytes'] / 1e6:.2f} | "
              f"{sizes['posting bytes'] / 1e6:.2f} | {both / 1e6:.2f} |")
    entries = sum(s["table bytes"] for s in fields.values())
    print("| file kind | MB |")
    print("|---|---:|")
    for ext, size in files.most_common():
        print(f"| {ext} | {size / 1e6:.2f} |")
    if ".trm" in files:
        print(f"term tables' own overhead (hash buckets, key index): {(files['.trm'] - entries) / 1e6:.2f} MB")
    if fts is not None:
        print(f"FTS5 database with the text: {os.path.getsize(fts) / 1e6:.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--fts", type=Path)
    opts = parser.parse_args()
    report(opts.archive, opts.fts)


if __name__ == "__main__":
    main()
