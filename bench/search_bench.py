"""Search benchmark: LuuTru (Whoosh) side by side with SQLite FTS5.

    python -m bench.search_bench                 # 30,000 articles
    python -m bench.search_bench --sizes 30000 300000
    python -m bench.search_bench --sizes 2000    # a quick look
    python -m bench.search_bench --corpus harsh  # the old corpus: every syllable everywhere
    python -m bench.search_bench --workdir build-bench  # keep the archives there; reuse them next time

For each size it builds the seeded synthetic corpus (bench/corpus.py: by
default the realistic one, whose syllable statistics match real news; see
``bench.corpus_stats``), then
measures for both engines on the same articles and queries: import + index
throughput, query latency p50/p95 per query kind (wall time, and the CPU time
of the searching process, which the machine's load does not inflate; with the
ratio of LuuTru's p95 to FTS5's), index size, peak RSS and
known-item accuracy (an article's title typed without diacritics must bring
the article into the top 3).  FTS5 uses ``unicode61 remove_diacritics 2``.
Queries are timed in a fresh process that opens both databases, as an
official's LuuTru would have them.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.corpus import Corpus, RealisticCorpus, generated
from bench.fts import fts_query
from desktop.core.archive import Archive
from desktop.core.store.storing import Incoming
from desktop.text import fold

KINDS = ("one word", "folded words", "phrase", "document number", "unit + year filter")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


BATCH = 200  # articles a transaction, as a folder import stores them


def build_luutru(root: Path, articles: list, meta: dict | None = None) -> tuple[Archive, float, dict]:
    """Import ``articles`` into the archive at ``root`` (new, or grown from a smaller
    corpus whose ``meta`` is given); returns it, the seconds taken and the meta."""
    archive = Archive.open(root)
    meta = meta or {"titles": {}, "docs": [], "units": {}, "unit_ids": {}}
    unit_ids: dict[str, int] = meta["unit_ids"]
    topic_ids: dict[str, int] = {}
    started = time.perf_counter()
    with archive.background_indexing():  # as a long import does: stored here, indexed in a second process
        for start in range(0, len(articles), BATCH):
            batch = articles[start : start + BATCH]
            for _draft, units, topics in batch:
                for name in units:
                    if name not in unit_ids:
                        unit_ids[name] = archive.find_path("unit", name, create=True)
                for name in topics:
                    if name not in topic_ids:
                        topic_ids[name] = archive.find_path("topic", name, create=True)
            results = archive.add_drafts(
                [Incoming(draft, unit_ids=[unit_ids[u] for u in units], topic_ids=[topic_ids[t] for t in topics])
                 for draft, units, topics in batch],
                index=False,
            )
            for (draft, units, _topics), result in zip(batch, results):
                meta["titles"][result.article_id] = draft.title
                meta["units"][result.article_id] = (units[0], draft.published_date.year)
                meta["docs"] += [r.number for r in draft.doc_refs if "-" in r.number]
            if (start + BATCH) % 1000 == 0:
                archive.sync_index()  # wakes the indexer
    meta["unit_ids"] = unit_ids
    return archive, time.perf_counter() - started, meta


def build_fts(path: Path, articles: list, first: int = 0) -> tuple[sqlite3.Connection, float]:
    """Insert ``articles`` as rows ``first + 1`` onwards (a new database when ``first`` is 0)."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    if not first:
        db.execute("CREATE TABLE article(id INTEGER PRIMARY KEY, title, body, unit, year INTEGER)")
        db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, content='article', content_rowid='id', "
                   "tokenize='unicode61 remove_diacritics 2')")
    started = time.perf_counter()
    for number, (draft, units, _topics) in enumerate(articles, start=first + 1):
        body = "\n".join([draft.lead, draft.body, *[p.caption for p in draft.photos]])
        db.execute("INSERT INTO article VALUES (?,?,?,?,?)", (number, draft.title, body, units[0], draft.published_date.year))
        db.execute("INSERT INTO fts(rowid, title, body) VALUES (?,?,?)", (number, draft.title, body))
        if number % 1000 == 0:
            db.commit()
    db.commit()
    return db, time.perf_counter() - started


def make_queries(meta: dict, rng: random.Random) -> dict[str, list[tuple[str, dict]]]:
    words = ["đảng", "dân vận", "kiểm tra", "giám sát", "tuyên truyền", "cán bộ", "nghị quyết", "chuyển đổi",
             "đoàn thể", "quy hoạch", "nông thôn", "phòng chống", "an ninh", "kinh tế", "hội nghị"]
    phrases = ["xây dựng Đảng", "kiểm tra giám sát", "công tác tuyên truyền", "hệ thống chính trị",
               "phát triển kinh tế", "nông thôn mới", "Ủy ban Kiểm tra", "đảng viên mới"]
    ids = list(meta["titles"])
    queries: dict[str, list[tuple[str, dict]]] = {k: [] for k in KINDS}
    for _ in range(40):
        queries["one word"].append((rng.choice(words).split()[0], {}))
        title_words = fold(meta["titles"][rng.choice(ids)]).split()
        start = rng.randint(0, max(0, len(title_words) - 3))
        queries["folded words"].append((" ".join(title_words[start:start + 3]), {}))
        queries["phrase"].append((f'"{rng.choice(phrases)}"', {}))
        queries["document number"].append((rng.choice(meta["docs"]), {}))
        unit, year = meta["units"][rng.choice(ids)]
        queries["unit + year filter"].append((f"{rng.choice(words)} {year}", {"unit": unit}))
    return queries


class Timer:
    """Wall and CPU milliseconds of each timed call, by query kind: on a machine shared
    with other work the wall time swings with the load, the CPU time is the query's own."""

    def __init__(self):
        self.wall: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}

    def time(self, kind: str, call) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        self.wall.setdefault(kind, []).append((time.perf_counter() - wall) * 1000)
        self.cpu.setdefault(kind, []).append((time.process_time() - cpu) * 1000)


def time_luutru(archive: Archive, queries, unit_ids) -> Timer:
    timer = Timer()
    archive.search("khởi động", facets=False)  # open the long-lived searcher
    for kind, items in queries.items():
        for text, extra in items:
            units = [unit_ids[extra["unit"]]] if "unit" in extra else ()
            timer.time(kind, lambda: archive.search(text, unit_ids=units, limit=10, facets=False))
    return timer


def time_fts(db: sqlite3.Connection, queries) -> Timer:
    timer = Timer()
    for kind, items in queries.items():
        for text, extra in items:
            words = [w for w in text.split() if not w.isdigit()]
            match = fts_query(" ".join(words)) if words else '""'
            sql = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 10.0, 1.0) LIMIT 10"
            args: tuple = (match,)
            if "unit" in extra:
                year = next((int(w) for w in text.split() if w.isdigit()), None)
                sql = ("SELECT fts.rowid FROM fts JOIN article a ON a.id = fts.rowid WHERE fts MATCH ? "
                       "AND a.unit = ? AND a.year = ? ORDER BY bm25(fts, 10.0, 1.0) LIMIT 10")
                args = (match, extra["unit"], year)
            timer.time(kind, lambda: _fetch(db, sql, args))
    return timer


def _fetch(db: sqlite3.Connection, sql: str, args: tuple) -> None:
    try:
        db.execute(sql, args).fetchall()
    except sqlite3.OperationalError:
        pass


def known_item(archive: Archive, db: sqlite3.Connection, items: list[tuple[int, str]]) -> tuple[float, float]:
    ours = fts = 0
    for article_id, title in items:
        query = fold(title)
        if article_id in [h.id for h in archive.search(query, limit=3, facets=False).hits]:
            ours += 1
        try:
            rows = db.execute("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 10.0, 1.0) LIMIT 3", (fts_query(query),)).fetchall()
        except sqlite3.OperationalError:
            rows = []
        if article_id in [r[0] for r in rows]:
            fts += 1
    return ours / len(items), fts / len(items)


def measure(root: Path, fts_path: Path, queries, unit_ids: dict, items: list[tuple[int, str]]):
    """Latencies and accuracy of both engines, in a fresh process: the one that built
    the corpus holds gigabytes of freed objects, which slowed every query by a third
    at 300,000 articles; an official's LuuTru has only opened its archive."""
    archive = Archive.open(root, readonly=True)
    db = sqlite3.connect(fts_path)
    try:
        return time_luutru(archive, queries, unit_ids), time_fts(db, queries), known_item(archive, db, items)
    finally:
        archive.close()
        db.close()


def cpu_times() -> list[int] | None:
    """The machine's CPU time counters (Linux), to report how much a VM's host took."""
    try:
        return [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None


def steal_share(before: list[int] | None, after: list[int] | None) -> str:
    if not before or not after or len(before) < 8:
        return "unknown"
    spent = [b - a for a, b in zip(before, after)]
    return f"{100 * spent[7] / max(1, sum(spent)):.0f} %"  # the eighth counter is steal


CORPORA = {"realistic": RealisticCorpus, "harsh": Corpus}


def stores(workdir: Path, size: int, corpus: Corpus) -> tuple[Path, Path, Path]:
    """Where the archive, the FTS5 database and the meta of ``size`` articles are kept."""
    return (workdir / f"luutru-{size}", workdir / f"fts-{size}.sqlite",
            workdir / f"meta-{size}-{type(corpus).__name__}.json")


def load_meta(saved: Path) -> dict:
    meta = json.loads(saved.read_text("utf-8"))
    meta["titles"] = {int(k): v for k, v in meta["titles"].items()}
    meta["units"] = {int(k): tuple(v) for k, v in meta["units"].items()}
    return meta


def build(size: int, workdir: Path, corpus: Corpus, grow_from: int = 0) -> tuple[Path, Path, dict, str]:
    """Build both engines' stores of ``size`` articles in ``workdir``, or reuse those an
    earlier run left there (with ``--workdir``): (archive, FTS5 database, meta, what was done).
    With ``grow_from`` the stores of that smaller size are copied and the rest added: the
    corpus's first articles are the same whatever its size."""
    root, fts_path, saved = stores(workdir, size, corpus)
    if saved.exists() and fts_path.exists():
        meta = load_meta(saved)
        started = time.perf_counter()
        Archive.open(root).close()  # an index of an older version is rebuilt from the database here
        return root, fts_path, meta, f"reused from {workdir} (open, or index rebuild: {time.perf_counter() - started:.0f} s)"
    meta, first = None, 0
    if grow_from:
        small_root, small_fts, small_saved = stores(workdir, grow_from, corpus)
        meta, first = load_meta(small_saved), grow_from
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(small_root, root)
        shutil.copyfile(small_fts, fts_path)
    # Generated before the clocks start: the figures are for importing, not for making up text.
    articles = generated(corpus, size, workers=os.cpu_count() or 1, first=first)
    counters = cpu_times()
    archive, ours_time, meta = build_luutru(root, articles, meta)
    build_steal = steal_share(counters, cpu_times())
    db, fts_time = build_fts(fts_path, articles, first)
    del articles
    archive.close()
    db.close()
    saved.write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    added = size - first
    done = (f"LuuTru {added / ours_time:,.0f} articles/s ({ours_time:.0f} s, whole import pipeline"
            f"{f', articles {first + 1:,}-{size:,} added to a copy of the {first:,}' if first else ''}); "
            f"FTS5 {added / fts_time:,.0f} articles/s (insert only); steal while importing {build_steal}")
    return root, fts_path, meta, done


def run(size: int, workdir: Path, known_samples: int, corpus: Corpus, grow_from: int = 0) -> None:
    rng = random.Random(size)
    root, fts_path, meta, built = build(size, workdir, corpus, grow_from)
    queries = make_queries(meta, rng)
    known = [(i, meta["titles"][i]) for i in rng.sample(list(meta["titles"]), min(known_samples, len(meta["titles"])))]
    counters = cpu_times()
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        ours, theirs, (ours_acc, fts_acc) = pool.submit(
            measure, root, fts_path, queries, meta["unit_ids"], known).result()
    query_steal = steal_share(counters, cpu_times())
    print(f"\n## {size:,} articles ({type(corpus).__name__})")
    print(f"import + index: {built}")
    print(f"index size: LuuTru index/ {dir_size(root / 'index') / 1e6:.0f} MB "
          f"(archive.sqlite {os.path.getsize(root / 'archive.sqlite') / 1e6:.0f} MB); "
          f"FTS5 database {os.path.getsize(fts_path) / 1e6:.0f} MB")
    for clock in ("wall", "cpu"):
        print(f"\n{clock} time:\n| query kind | LuuTru p50 ms | LuuTru p95 ms | FTS5 p50 ms | FTS5 p95 ms |")
        print("|---|---:|---:|---:|---:|")
        a, b = getattr(ours, clock), getattr(theirs, clock)
        for kind in KINDS:
            print(f"| {kind} | {statistics.median(a[kind]):.1f} | {percentile(a[kind], 95):.1f} | "
                  f"{statistics.median(b[kind]):.1f} | {percentile(b[kind], 95):.1f} |")
        every, their_every = ([t for times in d.values() for t in times] for d in (a, b))
        print(f"| **all kinds** | {statistics.median(every):.1f} | **{percentile(every, 95):.1f}** | "
              f"{statistics.median(their_every):.1f} | **{percentile(their_every, 95):.1f}** |")
        print(f"all queries {clock}: LuuTru p95 is {percentile(every, 95) / percentile(their_every, 95):.2f} x FTS5's")
    print(f"known-item top-3 (title without diacritics, {known_samples} samples): LuuTru {ours_acc:.3f}, FTS5 {fts_acc:.3f}")
    print(f"peak RSS so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"CPU time taken by the VM's host (steal) while querying: {query_steal}; load average {os.getloadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[30000])
    parser.add_argument("--known", type=int, default=300, help="known-item samples per size")
    parser.add_argument("--keep", action="store_true", help="keep the built archives")
    parser.add_argument("--workdir", type=Path, help="build the archives here and keep them; reuse any left by an earlier run")
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="realistic",
                        help="realistic: real news statistics; harsh: nearly every syllable in every article")
    parser.add_argument("--grow-from", type=int, default=0,
                        help="with --workdir: build each size from a copy of this smaller size's stores kept there")
    args = parser.parse_args()
    corpus = CORPORA[args.corpus]()
    print(f"machine: {platform.machine()} cores={os.cpu_count()} python={platform.python_version()} "
          f"sqlite={sqlite3.sqlite_version}")
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="luutru-search-bench-"))
    try:
        for size in args.sizes:
            run(size, workdir, args.known, corpus, args.grow_from if size > args.grow_from else 0)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
