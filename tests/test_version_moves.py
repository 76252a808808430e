"""Every write of the facade that changes what a clerk sees of an article moves its
version (issue 20, item 4): a window that had the article open learns of it at its
next save, which is refused from the old base and names who changed it.

Three people share one archive: the owner (its first admin, for what only an admin
may do), Lan who makes the change, and Hoa who had the article open before it.
On PostgreSQL each is signed in as their own role; on SQLite the second and third
are opened without the folder lock, as in tests/test_conflicts.py.
"""

import io
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from PIL import Image

from conftest import on_both_engines
from desktop.core.archive import Archive, CaptionChange, EditConflict
from desktop.core.draft import ArticleDraft, ScannedPage
from desktop.core.maintenance import mojibake

engine = on_both_engines()
UNIT = "Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên"
OTHER_UNIT = "Tỉnh ủy Quảng Ninh/Ban Tuyên giáo"


@pytest.fixture
def people(engine, archive_location, seeds, monkeypatch, request, tmp_path):
    from desktop.core.importing import import_paths

    with Archive.open(archive_location) as setup:
        assert [o.status for o in import_paths(setup, seeds)] == ["imported"] * 5
        for path in (UNIT, OTHER_UNIT):
            setup.find_path("unit", path, create=True)
        setup.find_path("topic", "Dân vận", create=True)
    if engine == "postgresql":
        urls = {"owner": archive_location, **request.getfixturevalue("clerk_urls")}
        opened = {}
        for name in ("owner", "lan", "hoa"):
            monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{name}"))
            opened[name] = Archive.open(urls[name])
    else:
        opened = {"owner": Archive.open(archive_location)}
        for name in ("lan", "hoa"):
            monkeypatch.setenv("LOGNAME", name)
            opened[name] = Archive(archive_location, lock=False)
    yield SimpleNamespace(**opened)
    for archive in reversed(opened.values()):
        archive.close()


def _picture(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "JPEG")
    return out.getvalue()


def _near_duplicate(p, article_id: int, unit: str | None = None) -> int:
    """A reprint of the article, as another paper ran it (optionally tagged with ``unit``)."""
    original = p.owner.article(article_id)
    copy = p.owner.add_draft(ArticleDraft(title=original.title + " (đăng lại)", lead=original.lead,
                                          body=original.body + "\n\nBáo Quảng Ninh đưa tin.",
                                          published_date=original.published_date))
    assert copy.similar_to == article_id
    if unit:
        p.owner.tag([copy.article_id], unit_ids=[p.owner.find_path("unit", unit)])
    return copy.article_id


@dataclass(frozen=True)
class Write:
    """``prepare(people)`` returns the article Hoa opens; ``act(people, article_id)``
    changes it (Lan, or the owner where only an admin may); ``who`` made the change."""

    act: object
    prepare: object = lambda p: 1
    who: str = "lan"


WRITES = {
    "fields": Write(lambda p, a: p.lan.update_article(a, title="Tiêu đề mới")),
    "document fields": Write(lambda p, a: p.lan.save_article(a, {"doc_number": "09-NQ/TU",
                                                                 "doc_kind": "Nghị quyết"})),
    "caption": Write(lambda p, a: p.lan.update_photo(p.lan.article(a).photos[0].id, caption="Chú thích mới")),
    "photo attached": Write(lambda p, a: p.lan.attach_photo(a, _picture("red"), "Ảnh thêm")),
    "photo's image given": Write(lambda p, a: p.lan.set_photo_image(p.lan.article(a).photos[0].id,
                                                                    _picture("blue"))),
    "trash": Write(lambda p, a: p.lan.trash([a])),
    "restore": Write(lambda p, a: p.lan.restore([a]), prepare=lambda p: p.owner.trash([1]) and 1),
    "OCR reading": Write(lambda p, a: p.lan.set_reading(
        a, "ocr", 71.0, [ScannedPage(0, 800, 1100, [("Thị", 10, 10, 40, 30, 71.0)], 71.0)])),
    "kept as a photo": Write(lambda p, a: p.lan.set_reading(a, None, None, []),
                             prepare=lambda p: p.owner.set_reading(1, "ocr", 60.0, []) or 1),
    "encoding repair": Write(lambda p, a: mojibake.apply(p.lan, [mojibake.Repair(
        a, "title", p.lan.article(a).title, "Tiêu đề đã sửa mã", "TCVN3")])),
    "tag": Write(lambda p, a: p.lan.tag([a], unit_ids=[p.lan.find_path("unit", UNIT)])),
    "untag": Write(lambda p, a: p.lan.untag([a], unit_ids=[p.lan.find_path("unit", UNIT)]),
                   prepare=lambda p: p.owner.tag([1], unit_ids=[p.owner.find_path("unit", UNIT)]) or 1),
    "units replaced": Write(lambda p, a: p.lan.set_tags([a], topic_ids=[p.lan.find_path("topic", "Dân vận")])),
    "unit removed": Write(lambda p, a: p.owner.remove_unit(p.owner.find_path("unit", UNIT)), who="owner",
                          prepare=lambda p: p.owner.tag([1], unit_ids=[p.owner.find_path("unit", UNIT)]) or 1),
    "topic removed": Write(lambda p, a: p.owner.remove_topic(p.owner.find_path("topic", "Dân vận")), who="owner",
                           prepare=lambda p: p.owner.tag([1], topic_ids=[p.owner.find_path("topic", "Dân vận")]) or 1),
    "merged away (the newer copy)": Write(lambda p, a: p.lan.decide_near_duplicate(a, 1, merge=True),
                                          prepare=lambda p: _near_duplicate(p, 1)),
    "merged into (the older copy)": Write(
        lambda p, a: p.lan.decide_near_duplicate(p.lan.near_duplicates()[0].article_id, a, merge=True),
        prepare=lambda p: _near_duplicate(p, 1, OTHER_UNIT) and 1),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_change_moves_the_version_and_refuses_a_save_from_before_it(people, write):
    article_id = write.prepare(people)
    opened = people.hoa.article(article_id)  # Hoa's pane shows the article
    write.act(people, article_id)
    now = people.hoa.article(article_id)
    assert now.version > opened.version
    with pytest.raises(EditConflict) as caught:
        people.hoa.save_article(article_id, {"author": "Hoa"}, base=opened.version)
    conflict = caught.value
    who = getattr(people, write.who).user
    assert conflict.version == now.version and conflict.who == who
    assert conflict.changes and all(c.version > opened.version for c in conflict.changes)  # the history says what
    assert people.hoa.article(article_id).author == opened.author  # nothing of Hoa's written


def test_a_clerks_own_change_does_not_refuse_their_own_save(people):
    """Lan attaches a photo, then her pane saves from the version it had loaded: the
    archive made that move itself, so it is no conflict (store/context.OwnVersions)."""
    opened = people.lan.article(2)
    people.lan.attach_photo(2, _picture("green"))
    assert people.lan.save_article(2, {"author": "Lan"}, base=opened.version) == {"author"}


def test_unit_renamed_moves_no_version(people):
    """A renamed unit is the same tag: a save of the article's units names it by id, so
    nothing a clerk sends could undo the rename (versions.py says why it moves nothing)."""
    unit = people.owner.find_path("unit", UNIT)
    people.owner.tag([3], unit_ids=[unit])
    opened = people.hoa.article(3)
    people.owner.update_unit(unit, name="Thị ủy Quảng Yên (mới)")
    people.hoa.set_tags([3], unit_ids=[unit], topic_ids=[], base=opened.version)
    assert [u.name for u in people.hoa.article(3).units] == ["Thị ủy Quảng Yên (mới)"]


def test_captions_saved_with_fields_after_a_photo_was_attached_are_refused(people):
    """The gap this closes: Hoa's captions were saved over a photo list she never saw."""
    opened = people.hoa.article(1)
    people.lan.attach_photo(1, _picture("red"), "Ảnh Lan thêm")
    with pytest.raises(EditConflict) as caught:
        people.hoa.save_article(1, {}, [CaptionChange(opened.photos[0].id, "Chú thích của Hoa", None)],
                                base=opened.version)
    assert [(c.who, c.what, c.new) for c in caught.value.changes] == [(people.lan.user, "ảnh mới", "Ảnh Lan thêm")]
