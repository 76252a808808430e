"""A demo archive made from the sample articles in ``resources/sample``.

Used by ``luutru --demo``, the frozen self-test and the GUI tests, so all
three see the same archive: the five articles, a unit tree with a dissolved
district committee and its successor, a topic tree, and tags.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PIL import Image, ImageDraw

from desktop.core.archive import Archive
from desktop.core.importing import import_paths
from desktop.paths import resources

# sample file prefix → (unit paths, topic paths)
TAGS = {
    "000": (["Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên"], ["Xây dựng Đảng/Tuyên giáo", "Dân vận"]),
    "001": (["Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên/Đảng ủy phường Nam Hòa"], ["Xây dựng Đảng/Tổ chức"]),
    "002": (["Tỉnh ủy Trà Vinh/Huyện ủy Cầu Ngang"], ["Kiểm tra, giám sát"]),
    "003": (["Tỉnh ủy Đồng Tháp/Thành ủy Cao Lãnh"], ["Xây dựng Đảng/Tuyên giáo", "Kiểm tra, giám sát"]),
    "004": (["Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên"], ["Xây dựng Đảng"]),
}
UNIT_KINDS = {
    "Tỉnh ủy Quảng Ninh": "Tỉnh ủy",
    "Tỉnh ủy Trà Vinh": "Tỉnh ủy",
    "Tỉnh ủy Đồng Tháp": "Tỉnh ủy",
    "Thị ủy Quảng Yên": "Thị ủy",
    "Huyện ủy Cầu Ngang": "Huyện ủy",
    "Thành ủy Cao Lãnh": "Thành ủy",
    "Đảng ủy phường Nam Hòa": "Đảng ủy phường",
}


def sample_files() -> list[Path]:
    return sorted((resources() / "sample").glob("*.txt"))


def build_demo(root: Path) -> Archive:
    """Create (or reopen) a demo archive at ``root`` and return it open."""
    archive = Archive.open(root)
    if archive.count_articles():
        return archive
    outcomes = import_paths(archive, sample_files())
    by_prefix = {Path(o.path).name[:3]: o.article_id for o in outcomes if o.article_id}
    for prefix, (units, topics) in TAGS.items():
        if prefix not in by_prefix:
            continue
        unit_ids = [archive.find_path("unit", u, create=True) for u in units]
        topic_ids = [archive.find_path("topic", t, create=True) for t in topics]
        archive.tag([by_prefix[prefix]], unit_ids=unit_ids, topic_ids=topic_ids)
    for tree in (archive.unit_tree(),):
        stack = list(tree)
        while stack:
            node = stack.pop()
            if node.name in UNIT_KINDS:
                archive.update_unit(node.id, kind=UNIT_KINDS[node.name])
            stack.extend(node.children)
    for article_id in by_prefix.values():
        for number, photo in enumerate(archive.article(article_id).photos):
            if photo.sha256 is None:
                archive.set_photo_image(photo.id, demo_photo(article_id * 10 + number))
    # The 2025 reorganisation ended district committees: the old unit stays, its work passes on.
    old = archive.find_path("unit", "Tỉnh ủy Trà Vinh/Huyện ủy Cầu Ngang")
    archive.merge_units([old], "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang", dt.date(2025, 7, 1))
    new = archive.find_path("unit", "Tỉnh ủy Trà Vinh/Đảng ủy xã Cầu Ngang")
    archive.update_unit(new, kind="Đảng ủy xã")
    return archive


def demo_photo(seed: int) -> bytes:
    """A plain drawn picture standing in for a meeting photo (the samples carry only captions)."""
    import io
    import random

    rng = random.Random(seed)
    image = Image.new("RGB", (1200, 800), (rng.randint(150, 200), rng.randint(160, 210), rng.randint(180, 230)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 1200, 800), fill=(120, 70, 50))  # the hall floor
    draw.rectangle((150, 120, 1050, 420), fill=(170, 20, 20))  # the stage backdrop
    for row in range(3):
        for seat in range(9):
            x, y = 110 + seat * 120, 560 + row * 75
            draw.ellipse((x, y, x + 40, y + 40), fill=(40, 40, 40))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()
