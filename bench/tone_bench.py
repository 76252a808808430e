"""What the tone-mark correction does to real OCR output.

    python -m bench.tone_bench                 # 24 pages, seed 5
    python -m bench.tone_bench --pages 8 --seed 77

Draws pages as bench/ocr_bench.py does, but harder to read (100–200 dpi, more
speckle and blur), reads them with Tesseract, and compares each word as read
with the word printed, before and after :func:`correct_word`: words put right,
right words changed (the number that must stay 0), and diacritic slips left
as read (mostly a misread that is itself a common word, ``tố`` for ``tổ``,
which only context could tell).  Character accuracy is ocr_bench's measure.
"""

from __future__ import annotations

import argparse
import difflib
import random
from collections import Counter

from bench.ocr_bench import accuracy, make_page, sample_paragraphs
from bench.pages import Damage, fonts, render_page
from desktop.core.ingest import ocr
from desktop.core.ingest.ocr_correction import correct_word
from desktop.text import fold

SETTINGS = ((100, 0.8), (120, 0.6), (150, 0.6), (200, 0.4))  # dpi, blur


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool, faces = sample_paragraphs(), fonts()
    fixed, broken, other, left = Counter(), Counter(), Counter(), Counter()
    before, after = [], []
    for number in range(args.pages):
        page = make_page(rng, pool)
        dpi, blur = SETTINGS[number % len(SETTINGS)]
        image = render_page(page.lines(), font=faces[number % len(faces)], dpi=dpi, seed=number,
                            damage=Damage(tilt=rng.uniform(-1, 1), speckle=0.0005, blur=blur))
        truth = page.text.split()
        read = " ".join(line.text for line in ocr.recognise(image).lines).split()
        corrected = [correct_word(word) for word in read]
        blocks = difflib.SequenceMatcher(None, truth, read, autojunk=False).get_opcodes()
        for tag, t1, t2, r1, r2 in blocks:
            for offset in range(r2 - r1):
                seen, now = read[r1 + offset], corrected[r1 + offset]
                meant = truth[t1 + offset] if tag == "equal" or (tag == "replace" and t2 - t1 == r2 - r1) else None
                if meant is None:
                    continue
                if now != seen and seen == meant:
                    broken[f"{seen} → {now}"] += 1
                elif now != seen and now != meant:
                    other[f"{seen} → {now} ({meant})"] += 1
                elif now != seen:
                    fixed[f"{seen} → {now}"] += 1
                elif seen != meant and fold(seen) == fold(meant):
                    left[f"{seen} ({meant})"] += 1
        before.append(accuracy(" ".join(truth), " ".join(read)))
        after.append(accuracy(" ".join(truth), " ".join(corrected)))
    print(f"{args.pages} pages, seed {args.seed}: characters {100 * sum(before) / len(before):.2f} % → "
          f"{100 * sum(after) / len(after):.2f} %")
    print(f"put right {sum(fixed.values())}: {', '.join(f'{k} ×{n}' for k, n in fixed.most_common())}")
    print(f"right words changed {sum(broken.values())}: {', '.join(f'{k} ×{n}' for k, n in broken.most_common())}")
    print(f"misreads changed into other misreads {sum(other.values())}: "
          f"{', '.join(f'{k} ×{n}' for k, n in other.most_common())}")
    print(f"diacritic slips left as read {sum(left.values())}: "
          f"{', '.join(f'{k} ×{n}' for k, n in left.most_common(15))} …")


if __name__ == "__main__":
    main()
