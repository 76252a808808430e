"""Caption benchmark: does the plain-text parser make a photo slot only where there is a photo?

    python -m bench.caption_bench            # 300 generated pages + the five seeds
    python -m bench.caption_bench --pages 60

The set: the five seed articles as pasted, and again hard-wrapped at 64, 72
and 80 characters; generated articles (bench/corpus.py text) laid out as
pasted web pages or old .txt files, with photos shown as the seeds show them
(a caption then a blank line more than usual, a caption then an indented
paragraph, a caption with "Ảnh: …", "Ảnh 1: …") or by nothing but a short
line between paragraphs ("bare": found only when it opens as captions do,
"Quang cảnh…", "Các đại biểu…", "Đồng chí…"), and with what is not a
photo: a fee table one cell a line, bullet and numbered lists, section
headings, short lines.  Half the generated pages are hard-wrapped.

Precision: captions found that are real.  Recall: real captions found
(a caption counts when its text is found as the caption).
"""

from __future__ import annotations

import argparse
import random
import textwrap
from dataclasses import dataclass

from bench.corpus import Corpus
from desktop.core.ingest.plaintext import parse_plaintext
from desktop.paths import resources

# The seeds' captions, as tests/test_parser_seeds.py checks them (their openings).
SEED_CAPTIONS = {
    "000": ["Quang cảnh hội nghị", "Đồng chí Nguyễn Văn Công, Tỉnh ủy viên, Bí thư Thị uỷ kết luận"],
    "001": ["Đồng chí Trần Đức Thắng, Phó Bí thư Thị ủy, Chủ tịch UBND TX Quảng Yên, kiểm tra",
            "Cán bộ phường Nam Hòa trao đổi, định hướng cho các bí thư chi bộ"],
    "002": ["Phó Bí thư Tỉnh ủy Lâm Minh Đằng phát biểu tại buổi làm việc", "Quang cảnh buổi làm việc"],
    "003": [],
    "004": [],
}
HEADINGS = ["Kết quả nổi bật", "Nhiệm vụ thời gian tới", "Những hạn chế cần khắc phục", "Phát huy vai trò nêu gương",
            "Chuyển biến từ cơ sở", "Bài học kinh nghiệm", "Một số giải pháp trọng tâm", "Đổi mới phương thức lãnh đạo"]
FEES = [("Cấp học", "Mức thu (đồng/tháng)"), ("Mẫu giáo", "Từ 15.000 đến 80.000"), ("Nhà trẻ", "Từ 20.000 đến 95.000"),
        ("Tiểu học", "Miễn học phí"), ("Trung học cơ sở", "Từ 15.000 đến 60.000"),
        ("Trung học phổ thông", "Từ 30.000 đến 120.000"), ("Giáo dục thường xuyên", "Bằng mức trung học phổ thông")]
LIST_ITEMS = ["Tăng cường công tác tuyên truyền", "Nâng cao chất lượng sinh hoạt chi bộ", "Kiện toàn tổ chức bộ máy",
              "Đẩy mạnh cải cách hành chính", "Thực hiện tốt quy chế dân chủ ở cơ sở", "Chăm lo đời sống nhân dân",
              "Giữ vững quốc phòng, an ninh", "Phát triển kinh tế tập thể"]


@dataclass
class Page:
    kind: str
    text: str
    captions: list[str]


def _wrap(text: str, width: int) -> str:
    """Each line wrapped at ``width``, keeping blank lines and a paragraph's leading space."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
        else:
            lead = " " if line[:1].isspace() else ""
            out.append(lead + textwrap.fill(line.strip(), width))
    return "\n".join(out)


def seed_pages() -> list[Page]:
    pages = []
    for path in sorted((resources() / "sample").glob("*.txt")):
        text = path.read_text("utf-8")
        captions = SEED_CAPTIONS[path.name[:3]]
        pages.append(Page("seed as pasted", text, captions))
        for width in (64, 72, 80):
            pages.append(Page("seed hard-wrapped", _wrap(text, width), captions))
    return pages


def generated_page(corpus: Corpus, number: int) -> Page:
    rng = random.Random(number)
    draft, _, _ = corpus.article(number)
    paragraphs = [draft.lead, *draft.body.split("\n\n")]
    blocks: list[str] = [draft.title, "", draft.published_date.strftime("%d/%m/%Y"), "", paragraphs[0], ""]
    captions: list[str] = []
    extras = rng.sample(["photo", "photo", "table", "list", "numbered", "heading", "heading", "short"], rng.randint(2, 5))
    slots = {rng.randrange(1, len(paragraphs)): extra for extra in extras}
    for i, paragraph in enumerate(paragraphs[1:], start=1):
        extra = slots.get(i)
        indent = ""
        if extra == "photo":
            caption = f"{rng.choice(['Quang cảnh', 'Các đại biểu dự', 'Lãnh đạo thị xã tại', 'Đồng chí Bí thư Thị ủy tại'])} " \
                      f"{rng.choice(['hội nghị', 'buổi làm việc', 'lễ ra quân', 'buổi tiếp xúc cử tri'])}"
            style = rng.choice(["gap", "indent", "credit", "numbered", "bare"])
            if style == "bare":  # nothing shows the photo but the line itself
                blocks += [caption, ""]
            elif style == "gap":
                blocks += [caption, "", ""]
            elif style == "indent":
                blocks += [caption, ""]
                indent = " "
            elif style == "credit":
                blocks += [f"{caption}. Ảnh: {corpus._name(rng)}", ""]
                caption += "."
            else:
                blocks += [f"Ảnh {len(captions) + 1}: {caption}", ""]
            captions.append(caption)
        elif extra == "table":
            for row in FEES:
                blocks += [row[0], row[1], ""] if rng.random() < 0.5 else [row[0], "", row[1], ""]
        elif extra in ("list", "numbered"):
            for n, item in enumerate(rng.sample(LIST_ITEMS, rng.randint(3, 6)), start=1):
                blocks += [f"- {item}" if extra == "list" else f"{n}. {item}"]
            blocks.append("")
        elif extra == "heading":
            blocks += [rng.choice(HEADINGS), ""]
        elif extra == "short":
            blocks += [rng.choice(["Cụ thể như sau", "Trong đó", "Kết quả đạt được", "Số liệu cụ thể"]), ""]
        blocks += [indent + paragraph, ""]
    blocks.append(draft.author or "")
    text = "\n".join(blocks)
    if number % 2:
        return Page("generated, hard-wrapped", _wrap(text, rng.choice([64, 72, 80])), captions)
    return Page("generated, as pasted", text, captions)


def score(pages: list[Page]) -> dict[str, tuple[int, int, int]]:
    """Per kind of page: (captions found, of them real, real captions)."""
    out: dict[str, list[int]] = {}
    for page in pages:
        found = [p.caption for p in parse_plaintext(page.text).photos]
        right = sum(any(f.startswith(c) or c.startswith(f) for c in page.captions) for f in found)
        recalled = sum(any(f.startswith(c) for f in found) for c in page.captions)
        counts = out.setdefault(page.kind, [0, 0, 0, 0])
        counts[0] += len(found)
        counts[1] += right
        counts[2] += len(page.captions)
        counts[3] += recalled
    return {kind: tuple(c) for kind, c in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    corpus = Corpus()
    pages = seed_pages() + [generated_page(corpus, n) for n in range(args.pages)]
    results = score(pages)
    total = [sum(c[i] for c in results.values()) for i in range(4)]
    print("| pages | slots made | real | real captions | found | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind, (found, right, real, recalled) in [*results.items(), ("all", tuple(total))]:
        precision = right / found if found else 1.0
        recall = recalled / real if real else 1.0
        print(f"| {kind} | {found} | {right} | {real} | {recalled} | {precision:.1%} | {recall:.1%} |")


if __name__ == "__main__":
    main()
