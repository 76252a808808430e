"""Three PCs on one office server: one importing, one editing, one searching.

Starts a throw-away PostgreSQL on this machine (tests/helpers/pgcluster.py),
makes an archive on it, then runs three client processes for ``--seconds``,
each with its own cache folder (its own search index), as three office PCs:

* the importer stores synthetic articles (bench/corpus.py) in batches of 20;
  like the window, every PC keeps its index in step in an indexer process of its own,
  started (and in step) before the clock starts, as on PCs whose window has been open a while;
* the editor retitles random articles, each with a new made-up word, and
  says when each save committed;
* the searcher runs the window's kind of queries (p50/p95), and looks for
  each of the editor's words until its own index finds it: the time from a
  save on one PC to a hit on another.

At the end every stored article and every edit is checked against the
database and against a fresh PC's index: nothing lost.

    python -m bench.server_bench --seconds 30
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["xay dung dang", "giao ban thi uy", "\"công tác dân vận\"", "09-NQ/TU", "kiem tra giam sat 2023",
           "chuyen doi so", "nong thon moi", "hoi nghi tong ket", "tuyen truyen", "to chuc can bo"]
LETTERS = "bcdghklmnpqrstvx"


def marker(n: int) -> str:
    """A made-up word for edit ``n`` (letters only: the analyser splits digits off)."""
    word = ""
    n += 4096
    while n:
        n, digit = divmod(n, len(LETTERS))
        word += LETTERS[digit]
    return "zq" + word


def _pc(cache: Path):
    os.environ["XDG_CACHE_HOME"] = str(cache)
    sys.path.insert(0, str(ROOT))


def started(archive, ready) -> None:
    """This PC's indexer process is running and in step, as on a PC whose window has
    been open a while; then wait for the other PCs (the clock starts for all at once)."""
    archive.index_in_background()  # as the window does: saves never wait for this PC's index
    archive.wait_for_index(600)
    ready.wait()


def importer(url: str, cache: Path, seconds: float, results, ready) -> None:
    _pc(cache)
    from bench.corpus import Corpus
    from desktop.core.archive import Archive
    from desktop.core.store.storing import Incoming

    stored, batches = [], 0
    with Archive.open(url) as archive:
        articles = Corpus(seed=19).articles(100_000)
        started(archive, ready)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            batch = [Incoming(draft) for draft, _, _ in (next(articles) for _ in range(20))]
            stored += [r.article_id for r in archive.add_drafts(batch, index=False) if not isinstance(r, Exception)]
            batches += 1
    results.put(("importer", {"stored": stored, "batches": batches}))


def editor(url: str, cache: Path, seconds: float, results, saves, ready) -> None:
    _pc(cache)
    from desktop.core.archive import Archive

    rng, edits = random.Random(7), {}
    with Archive.open(url) as archive:
        started(archive, ready)
        end = time.monotonic() + seconds
        n = 0
        while time.monotonic() < end:
            ids = archive.article_ids()
            if not ids:
                time.sleep(0.2)
                continue
            article_id = rng.choice(ids[:500])
            word = marker(n)
            archive.update_article(article_id, title=f"Hội nghị {word} sơ kết công tác")
            saves.put((word, article_id, time.time()))
            edits[article_id] = word
            n += 1
            time.sleep(0.5)  # a clerk's pace, not a loop's
    saves.put(None)
    results.put(("editor", {"edits": n, "last": edits}))


def searcher(url: str, cache: Path, seconds: float, results, saves, ready) -> None:
    _pc(cache)
    from desktop.core.archive import Archive

    times, seen, waiting, found_after, superseded = [], 0, {}, [], 0
    with Archive.open(url) as archive:
        started(archive, ready)  # this PC's index, built from the server and then kept in step
        end = time.monotonic() + seconds
        done = False
        while time.monotonic() < end or (waiting and time.monotonic() < end + 15):
            while not done and not saves.empty():
                item = saves.get()
                if item is None:
                    done = True
                else:  # a later save of the same article replaces the earlier one's title
                    for earlier in [w for w, (_, a, _) in waiting.items() if a == item[1]]:
                        del waiting[earlier]
                        superseded += 1
                    waiting[item[0]] = item
            for word, (_, article_id, saved_at) in list(waiting.items()):
                if article_id in archive.matching_ids(word):
                    found_after.append(time.time() - saved_at)

                    del waiting[word]
            query = QUERIES[seen % len(QUERIES)]
            began = time.perf_counter()
            archive.search(query)
            times.append(time.perf_counter() - began)
            seen += 1
            time.sleep(1.0)  # an official's pace, not a loop's
    results.put(("searcher", {"queries": times, "latency": found_after, "never_found": len(waiting),
                              "superseded": superseded}))


def final_check(url: str, cache: Path, imported: list[int], last_edits: dict[int, str]) -> dict:
    _pc(cache)
    from desktop.core.archive import Archive

    with Archive.open(url) as archive:
        stored = set(archive.article_ids())
        missing = [i for i in imported if i not in stored]
        wrong_title = [i for i, word in last_edits.items() if word not in archive.article(i).title]
        not_found = [i for i, word in last_edits.items() if i not in [h.id for h in archive.search(word).hits]]
        sample = random.Random(3).sample(imported, min(50, len(imported)))
        unsearchable = [i for i in sample if i not in archive.matching_ids(
            '"' + " ".join(archive.article(i).title.split()[:4]) + '"')]
        return {"articles": len(stored), "missing": missing, "edits_lost": wrong_title,
                "edits_not_found": not_found, "imports_not_found": unsearchable}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers.pgcluster import Cluster, binaries

    from desktop.core.archive import Archive

    cluster = Cluster(binaries()).start()
    work = Path(tempfile.mkdtemp(prefix="luutru-server-bench-"))
    try:
        cluster.sql("CREATE DATABASE luutru")
        url = cluster.url("luutru")
        os.environ["XDG_CACHE_HOME"] = str(work / "setup")
        Archive.open(url).close()
        ctx = multiprocessing.get_context("spawn")
        results, saves, ready = ctx.Queue(), ctx.Queue(), ctx.Barrier(3)
        processes = [
            ctx.Process(target=importer, args=(url, work / "pc-import", args.seconds, results, ready)),
            ctx.Process(target=editor, args=(url, work / "pc-edit", args.seconds, results, saves, ready)),
            ctx.Process(target=searcher, args=(url, work / "pc-search", args.seconds, results, saves, ready)),
        ]
        for p in processes:
            p.start()
        got = dict(results.get(timeout=args.seconds + 600) for _ in processes)
        for p in processes:
            p.join()
        check = final_check(url, work / "pc-check", got["importer"]["stored"], got["editor"]["last"])
    finally:
        cluster.stop()
    queries = sorted(got["searcher"]["queries"])
    latency = sorted(got["searcher"]["latency"])
    pct = lambda values, q: values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else float("nan")  # noqa: E731
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"run: {args.seconds:.0f} s, three client processes, PostgreSQL on this machine")
    print(f"imported: {len(got['importer']['stored'])} articles "
          f"({len(got['importer']['stored']) / args.seconds:.1f}/s, batches of 20)")
    print(f"edited: {got['editor']['edits']} saves ({got['editor']['edits'] / args.seconds:.1f}/s at a 0.5 s pace)")
    print(f"load average after the run: {os.getloadavg()[0]:.1f}")
    print(f"queries: {len(queries)} (one a second), p50 {pct(queries, 0.5):.0f} ms, p95 {pct(queries, 0.95):.0f} ms")
    print(f"save on one PC → hit on another: p50 {pct(latency, 0.5):.0f} ms, p95 {pct(latency, 0.95):.0f} ms, "
          f"max {max(latency) * 1000 if latency else float('nan'):.0f} ms ({len(latency)} saves, "
          f"{got['searcher']['never_found']} never found, {got['searcher']['superseded']} retitled again before found)")
    print(f"final check: {check['articles']} articles; missing {len(check['missing'])}, edits lost "
          f"{len(check['edits_lost'])}, edits not found {len(check['edits_not_found'])}, "
          f"imports not found {len(check['imports_not_found'])} of a sample of 50")


if __name__ == "__main__":
    main()
