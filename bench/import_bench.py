"""Folder import throughput, end to end with indexing (target: 10,000 files at ≥ 300 files/s).

    python -m bench.import_bench               # 10,000 files
    python -m bench.import_bench --count 2000 --only text
    python -m bench.import_bench --count 2000 --only text --corpus realistic --write DIR   # the folder only

Writes a folder of text files made from the seeded corpus (UTF-8, VNI and
TCVN3: the target's case) and a folder of mixed files (the same text files
plus .docx, saved .html pages and a few JPEG photos), imports each into a
fresh archive and prints files/s.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

from PIL import Image

from bench.corpus import Corpus, RealisticCorpus
from desktop.core.ingest import legacy
from desktop.core.archive import Archive
from desktop.core.importing import import_paths


def article_text(draft) -> str:
    return f"{draft.title}\n\n{draft.published_date:%d/%m/%Y}\n\n{draft.lead}\n\n{draft.body}\n\n{draft.author}\n"


def write_folder(folder: Path, count: int, *, text_only: bool = False, corpus: Corpus | None = None) -> dict[str, int]:
    """Files made from the seeded corpus (the harsh one unless ``corpus`` says): text in
    UTF-8, VNI and TCVN3, and unless ``text_only`` also Word files, saved web pages and photos."""
    from docx import Document

    kinds: dict[str, int] = {}
    for number, (draft, _u, _t) in enumerate((corpus or Corpus(seed=99)).articles(count)):
        text = article_text(draft)
        slot = number % 20
        if slot < 12 or (text_only and slot >= 15):
            name, data = f"{number:05d}.txt", text.encode("utf-8")
        elif slot < 14:
            name, data = f"{number:05d}-vni.txt", legacy.encode_vni(text)
        elif slot < 15:
            name, data = f"{number:05d}-tcvn3.txt", legacy.encode_tcvn3(text.replace("“", '"').replace("”", '"').replace("–", "-"))
        elif slot < 17:
            name = f"{number:05d}.html"
            paragraphs = "".join(f"<p>{p}</p>" for p in [draft.lead, *draft.paragraphs])
            data = (f"<html><head><meta charset='utf-8'><title>{draft.title}</title></head><body>"
                    f"<nav class='menu'>Trang chủ</nav><article><h1>{draft.title}</h1>{paragraphs}</article></body></html>").encode()
        elif slot < 19:
            name = f"{number:05d}.docx"
            doc = Document()
            doc.add_heading(draft.title, 1)
            for paragraph in [draft.lead, *draft.paragraphs]:
                doc.add_paragraph(paragraph)
            buffer = io.BytesIO()
            doc.save(buffer)
            data = buffer.getvalue()
        else:
            name = f"{number:05d}.jpg"
            buffer = io.BytesIO()
            Image.new("RGB", (640, 480), (number % 255, 90, 120)).save(buffer, "JPEG")
            data = buffer.getvalue()
        kinds[Path(name).suffix] = kinds.get(Path(name).suffix, 0) + 1
        (folder / f"{number // 1000:02d}").mkdir(exist_ok=True)
        (folder / f"{number // 1000:02d}" / name).write_bytes(data)
    return kinds


def run(count: int, *, text_only: bool, corpus: Corpus) -> None:
    work = Path(tempfile.mkdtemp(prefix="luutru-import-bench-"))
    try:
        folder = work / "in"
        folder.mkdir()
        kinds = write_folder(folder, count, text_only=text_only, corpus=corpus)
        with Archive.open(work / "archive") as archive:
            started = time.perf_counter()
            outcomes = import_paths(archive, [folder])
            elapsed = time.perf_counter() - started
            indexed = archive.search_index.doc_count()
        statuses: dict[str, int] = {}
        for outcome in outcomes:
            statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
        print(f"{'text files' if text_only else 'mixed files'}: {len(outcomes)} {kinds}")
        print(f"  outcomes: {statuses}; indexed: {indexed}")
        print(f"  import + index: {elapsed:.1f} s = {len(outcomes) / elapsed:.0f} files/s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--only", choices=("text", "mixed"), help="run one folder kind (default: both)")
    parser.add_argument("--corpus", choices=("harsh", "realistic"), default="harsh",
                        help="the text: bench.corpus.Corpus (seed 99) or RealisticCorpus (real news statistics)")
    parser.add_argument("--write", type=Path, metavar="DIR",
                        help="only write the folder (of --only's kind, text by default) to DIR, to import by hand")
    args = parser.parse_args()
    corpus = RealisticCorpus(seed=99) if args.corpus == "realistic" else Corpus(seed=99)
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        print(write_folder(args.write, args.count, text_only=args.only != "mixed", corpus=corpus))
        return
    print(f"machine: {platform.machine()} cores={os.cpu_count()} python={platform.python_version()}")
    for kind in ("text", "mixed"):
        if args.only in (None, kind):
            run(args.count, text_only=kind == "text", corpus=corpus)


if __name__ == "__main__":
    main()
