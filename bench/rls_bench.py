"""What row-level security costs the read paths of a server archive.

Starts a throw-away PostgreSQL (tests/helpers/pgcluster.py), stores
``--articles`` synthetic articles (bench/corpus.py; every tenth "Mật", every
twentieth "Lưu hành nội bộ"), and times, as an uncleared login role, the
queries the window and the index make: a list page, the count, the calendar,
a search's snippet texts, and what an index build reads per 500 articles.
Each is timed three ways: with the policies as migration 0011 makes them
(child tables asking ``luutru_article_visible(article_id)``), with the child
policies written as an inline ``EXISTS`` instead, and with row-level security
off (the same rows an uncleared account would otherwise see, plus the
restricted ones).  Median of ``--repeat`` runs each.

    python -m bench.rls_bench --articles 3000
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

CHILD_TABLES = ("photos", "page_scans", "doc_refs", "mentions", "fingerprints", "article_units", "article_topics",
                "edits")


def _store(url: str, count: int) -> None:
    from bench.corpus import Corpus
    from desktop.core.archive import Archive
    from desktop.core.store.storing import Incoming

    with Archive.open(url) as archive:
        batch = []
        for n, (draft, _units, _topics) in enumerate(Corpus().articles(count)):
            draft.circulation = "Mật" if n % 10 == 0 else "Lưu hành nội bộ" if n % 20 == 5 else None
            batch.append(Incoming(draft))
            if len(batch) == 200:
                archive.add_drafts(batch, index=False)
                batch = []
        if batch:
            archive.add_drafts(batch, index=False)


def _timings(url: str, repeat: int) -> dict[str, float]:
    from sqlalchemy import select

    from db import models as m
    from desktop.core.archive import Archive
    from desktop.core.search.documents import hit_texts, index_documents

    out = {}
    with Archive.open(url) as archive:
        with archive.session() as s:
            ids = list(s.scalars(select(m.Article.id).order_by(m.Article.id)))
        cases = {
            "list page (50)": lambda: archive.list_articles(limit=50),
            "count": archive.count_articles,
            "calendar (months)": archive.months,
            "snippet texts (50 hits)": lambda: _in(archive, lambda s: hit_texts(s, ids[:50])),
            "index documents (500)": lambda: _in(archive, lambda s: index_documents(s, ids[:500])),
        }
        for name, run in cases.items():
            run()  # warm
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                run()
                times.append(time.perf_counter() - start)
            out[name] = statistics.median(times) * 1000
    return out


def _in(archive, work):
    with archive.session() as s:
        return work(s)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from helpers.pgcluster import Cluster, binaries

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="luutru-rls-bench-")
    cluster = Cluster(binaries()).start()
    try:
        cluster.sql("CREATE DATABASE bench")
        admin = cluster.url("bench")
        _store(admin, args.articles)
        cluster.sql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'khach') "
                    "THEN CREATE ROLE khach LOGIN; END IF; END $$")
        cluster.sql("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO khach", "bench")
        cluster.sql("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO khach", "bench")
        cluster.sql("ANALYZE", "bench")
        uncleared = cluster.url("bench", user="khach")
        results = {"function (0011)": _timings(uncleared, args.repeat)}
        for table in CHILD_TABLES:
            cluster.sql(f"ALTER POLICY luutru_clearance ON {table} USING "
                        f"(EXISTS (SELECT 1 FROM articles a WHERE a.id = {table}.article_id))", "bench")
        results["inline EXISTS"] = _timings(uncleared, args.repeat)
        for table in ("articles", "media_blobs", "near_duplicates", *CHILD_TABLES):
            cluster.sql(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY", "bench")
        results["no RLS"] = _timings(uncleared, args.repeat)
    finally:
        cluster.stop()
    print(f"{args.articles} articles (10 % Mật, 5 % Lưu hành nội bộ), uncleared account, median of {args.repeat} (ms)")
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.1f}")
    names = list(next(iter(results.values())))
    print(f"{'query':28}" + "".join(f"{k:>18}" for k in results))
    for name in names:
        print(f"{name:28}" + "".join(f"{r[name]:18.1f}" for r in results.values()))


if __name__ == "__main__":
    main()
