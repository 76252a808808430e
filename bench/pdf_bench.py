"""Time a compilation PDF: N articles with two photos each (target: 100 in ≤ 10 s).

    python -m bench.pdf_bench            # 100 articles
    python -m bench.pdf_bench --count 1000

Prints build and export times, pages, file size and peak memory (RSS).
"""

from __future__ import annotations

import argparse
import io
import platform
import resource
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

from bench.corpus import Corpus
from desktop.core.archive import Archive
from desktop.core.pdf.compilation import CompilationOptions, export_pdf


from desktop.core.draft import PhotoDraft


def photo(seed: int) -> bytes:
    """A camera-sized JPEG (3000×2000) with some structure, so compression is realistic."""
    image = Image.new("RGB", (3000, 2000), ((seed * 37) % 200 + 30, (seed * 91) % 200 + 30, (seed * 53) % 200 + 30))
    draw = ImageDraw.Draw(image)
    for i in range(60):
        x, y = (seed * 131 + i * 97) % 2800, (seed * 71 + i * 53) % 1800
        draw.ellipse((x, y, x + 200, y + 150), fill=((i * 40) % 255, (i * 90) % 255, (i * 20) % 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="luutru-pdfbench-"))
    corpus = Corpus()
    started = time.perf_counter()
    with Archive.open(workdir / "archive") as archive:
        ids = []
        for number, (draft, _units, _topics) in enumerate(corpus.articles(args.count)):
            draft.photos = draft.photos[:2]
            while len(draft.photos) < 2:
                draft.photos.append(PhotoDraft(caption="Quang cảnh hội nghị", credit="Văn phòng Thị ủy"))
            for k, p in enumerate(draft.photos):
                p.image = photo(number * 2 + k)  # every photo distinct: nothing is cached
            ids.append(archive.add_draft(draft, index=False).article_id)
        archive.sync_index()
        built = time.perf_counter() - started
        out = workdir / "tap.pdf"
        t0 = time.perf_counter()
        report = export_pdf(archive, ids, out, CompilationOptions(title=f"Tập {args.count} bài viết"))
        elapsed = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.machine()} {platform.processor() or ''} cores={__import__('os').cpu_count()} python={platform.python_version()}")
    print(f"archive of {args.count} articles × 2 photos (3000×2000 JPEG) built in {built:.1f} s")
    print(f"export: {elapsed:.2f} s, {report.pages} pages, {report.photos} photos, {out.stat().st_size / 1e6:.1f} MB")
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
