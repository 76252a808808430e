"""OCR and PDF accuracy and speed on pages this script draws itself.

    python -m bench.ocr_bench                    # 10 pages per setting, 150/200/300 dpi
    python -m bench.ocr_bench --pages 4 --dpi 200
    python -m bench.ocr_bench --long 300 --kind digital   # memory on one long file
    python -m bench.ocr_bench --long 30 --kind scan

Each page: a title, news text from the sample articles and a line citing two
document numbers, typeset in one of several serif and sans fonts, tilted by up
to ±1°, speckled and blurred a little, then saved as a scanned PDF and as a
JPEG and imported through the same code as ``luutru-cli import``.  The same
text as a born-digital PDF checks the text layer path.

Character and word accuracy are the share of the source's characters (words)
that the matching blocks of ``difflib`` find in the output, over the longer
of the two (so dropped and invented text both count against it).  Document
numbers count as read when the article's cited numbers include them exactly.
"""

from __future__ import annotations

import argparse
import difflib
import os
import platform
import random
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.pages import Damage, born_digital_pdf, fonts, image_bytes, render_page, scanned_pdf, wrapped
from desktop.core.docrefs import KINDS
from desktop.core.ingest.importers.images import parse_image
from desktop.core.ingest.importers.pdf import parse_pdf
from desktop.paths import resources
from desktop.text import nfc

LEVELS = ("TU", "TW", "HU", "ĐU", "ĐUK", "QU")


def sample_paragraphs() -> list[str]:
    found = []
    for path in sorted((resources() / "sample").glob("*.txt")):
        found += [nfc(p.strip()) for p in path.read_text("utf-8").split("\n\n") if len(p.split()) > 25]
    return found


@dataclass
class SourcePage:
    title: str
    paragraphs: list[str]
    numbers: list[str]

    @property
    def text(self) -> str:
        return " ".join([self.title, *self.paragraphs])

    def lines(self) -> list[str]:
        return [self.title, "", *wrapped(self.paragraphs, 80)]


def make_page(rng: random.Random, pool: list[str]) -> SourcePage:
    numbers = [f"{rng.randint(1, 1999):02d}-{rng.choice(list(KINDS))}/{rng.choice(LEVELS)}" for _ in range(2)]
    body = rng.choice(pool)
    words = body.split()
    start = rng.randint(0, max(0, len(words) - 160))
    paragraphs = [" ".join(words[start:start + 160]),
                  f"Thực hiện văn bản số {numbers[0]} và số {numbers[1]} của cấp ủy, các đơn vị báo cáo kết quả."]
    title = " ".join(rng.choice(pool).split()[:10]).rstrip(",.;:")
    return SourcePage(title, paragraphs, numbers)


def accuracy(truth: list | str, seen: list | str) -> float:
    matcher = difflib.SequenceMatcher(None, truth, seen, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(truth), len(seen), 1)


@dataclass
class Tally:
    chars: list[float] = field(default_factory=list)
    words: list[float] = field(default_factory=list)
    numbers: list[bool] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def add(self, page: SourcePage, draft, seconds: float) -> None:
        text = " ".join(f"{draft.title} {draft.lead} {draft.body}".split())
        self.chars.append(accuracy(" ".join(page.text.split()), text))
        self.words.append(accuracy(page.text.split(), text.split()))
        found = {ref.number for ref in draft.doc_refs}
        self.numbers += [number in found for number in page.numbers]
        self.seconds.append(seconds)

    def row(self, name: str) -> str:
        mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
        return (f"| {name} | {len(self.chars)} | {100 * mean(self.chars):.2f} % | {100 * mean(self.words):.2f} % | "
                f"{100 * mean(self.numbers):.1f} % ({sum(self.numbers)}/{len(self.numbers)}) | {mean(self.seconds):.2f} s |")


def long_file(count: int, kind: str) -> None:
    """Import one long PDF: pages are read one at a time, so peak memory should not
    grow with the page count (the file's own bytes aside)."""
    rng = random.Random(1)
    pool = sample_paragraphs()
    pages = [make_page(rng, pool) for _ in range(count)]
    if kind == "digital":
        data = born_digital_pdf([page.lines() for page in pages])
    else:
        images = [render_page(page.lines(), dpi=150, damage=Damage(tilt=0.5)) for page in pages[:3]]
        data = scanned_pdf([images[i % 3] for i in range(count)], 150)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    draft = parse_pdf(data, progress=lambda done, total: None)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{kind} PDF, {count} pages, {len(data) / 1024 / 1024:.1f} MB: {seconds:.1f} s "
          f"({seconds / count:.2f} s a page), {len(draft.body):,} characters; peak RSS {peak:.0f} MB "
          f"({before:.0f} MB before reading)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10, help="pages per setting")
    parser.add_argument("--dpi", type=int, nargs="*", default=[150, 200, 300])
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--long", type=int, help="instead: one file of this many pages, for time and peak memory")
    parser.add_argument("--kind", choices=("digital", "scan"), default="scan")
    args = parser.parse_args()
    if args.long:
        return long_file(args.long, args.kind)
    rng = random.Random(args.seed)
    pool = sample_paragraphs()
    faces = fonts()
    print(f"machine: {platform.machine()} {platform.processor() or ''} cores={os.cpu_count()} "
          f"python={platform.python_version()} fonts={', '.join(f.stem for f in faces)}")
    print("| setting | pages | characters | words | document numbers | per page |")
    print("|---|---|---|---|---|---|")
    pages = [make_page(rng, pool) for _ in range(args.pages)]
    digital = Tally()
    for number, page in enumerate(pages):
        data = born_digital_pdf([page.lines()])
        started = time.perf_counter()
        digital.add(page, parse_pdf(data), time.perf_counter() - started)
    print(digital.row("born-digital PDF"), flush=True)
    for dpi in args.dpi:
        scans, photos = Tally(), Tally()
        for number, page in enumerate(pages):
            damage = Damage(tilt=rng.uniform(-1, 1), speckle=0.0003, blur=0.4)
            image = render_page(page.lines(), font=faces[number % len(faces)], dpi=dpi, damage=damage, seed=number)
            data = scanned_pdf([image], dpi)
            started = time.perf_counter()
            scans.add(page, parse_pdf(data), time.perf_counter() - started)
            jpeg = image_bytes(image.convert("RGB"), "JPEG", quality=85)
            started = time.perf_counter()
            photos.add(page, parse_image(Path("page.jpg"), jpeg, as_page=True), time.perf_counter() - started)
        print(scans.row(f"scanned PDF, {dpi} dpi"), flush=True)
        print(photos.row(f"JPEG, {dpi} dpi"), flush=True)
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
