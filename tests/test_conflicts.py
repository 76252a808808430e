"""Edit conflicts (issue 20 item 4): a save that started from an older version is refused.

Two clerks are two Archive objects on one archive: on PostgreSQL each signed in
as its own login role; on SQLite (where a second LuuTru opens a folder read-only,
so no user path gives two writers) the second one is opened without the folder
lock, as the background indexer opens it, to run the same statements.
"""

import json
import threading

import pytest
from sqlalchemy import select

from conftest import on_both_engines
from db import models as m
from desktop.core.archive import Archive, CaptionChange, EditConflict
from desktop.core.errors import ArchiveError

engine = on_both_engines()
UNITS = ("Tỉnh ủy Quảng Ninh/Thị ủy Quảng Yên", "Tỉnh ủy Quảng Ninh/Ban Tuyên giáo")


@pytest.fixture
def clerks(engine, archive_location, seeds, monkeypatch, request, tmp_path):
    """Two clerks, "lan" and "hoa", on one archive holding the five sample articles and
    the units and topic the tests tag with (made by its owner: a clerk may not add them)."""
    from desktop.core.importing import import_paths

    with Archive.open(archive_location) as owner:  # the archive's first admin sets it up
        assert [o.status for o in import_paths(owner, seeds)] == ["imported"] * 5
        for path in UNITS:
            owner.find_path("unit", path, create=True)
        owner.find_path("topic", "Dân vận", create=True)
    if engine == "postgresql":
        urls = request.getfixturevalue("clerk_urls")
        opened = []
        for name in ("lan", "hoa"):
            monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{name}"))
            opened.append(Archive.open(urls[name]))
    else:
        monkeypatch.setenv("LOGNAME", "lan")
        first = Archive.open(archive_location)
        monkeypatch.setenv("LOGNAME", "hoa")
        opened = [first, Archive(archive_location, lock=False)]
    lan, hoa = opened
    yield lan, hoa
    hoa.close()
    lan.close()


def test_a_stale_save_is_refused_naming_who_changed_it(clerks):
    lan, hoa = clerks
    opened = hoa.article(1)  # both open the same article
    base = lan.article(1).version
    assert opened.version == base
    assert lan.save_article(1, {"title": "Tiêu đề của Lan"}, base=base) == {"title"}
    with pytest.raises(EditConflict) as caught:
        hoa.save_article(1, {"title": "Tiêu đề của Hoa", "author": "Hoa"}, base=opened.version)
    conflict = caught.value
    assert conflict.who == "lan" and conflict.at is not None
    assert (conflict.base, conflict.version) == (base, base + 1)
    assert [(c.what, c.new) for c in conflict.changes] == [("title", "Tiêu đề của Lan")]
    assert conflict.theirs.title == "Tiêu đề của Lan"
    assert "lan" in str(conflict) and "\n" not in str(conflict)
    stored = hoa.article(1)
    assert (stored.title, stored.author, stored.version) == ("Tiêu đề của Lan", opened.author, base + 1)
    assert [e.who for e in hoa.history(1) if e.what in ("title", "author")] == ["lan"]  # nothing of Hoa's


def test_keeping_mine_saves_over_the_newer_version_and_says_so(clerks):
    lan, hoa = clerks
    base = hoa.article(2).version
    lan.save_article(2, {"lead": "Sapo của Lan."}, base=base)
    with pytest.raises(EditConflict) as caught:
        hoa.save_article(2, {"lead": "Sapo của Hoa."}, base=base)
    hoa.save_article(2, {"lead": "Sapo của Hoa."}, base=caught.value.version, overwriting=True)
    assert lan.article(2).lead == "Sapo của Hoa." and lan.article(2).version == base + 2
    kept = [e for e in lan.history(2) if e.who == "hoa"]
    assert [(e.what, e.old, e.new) for e in kept] == [("giữ bản của mình", str(base + 1), str(base + 2)),
                                                      ("lead", "Sapo của Lan.", "Sapo của Hoa.")]


def test_mine_saved_as_a_copy_leaves_theirs_alone(clerks):
    lan, hoa = clerks
    article = hoa.article(1)
    photo = article.photos[0]
    lan.save_article(1, {"body": "Nội dung Lan viết lại."}, base=article.version)
    mine = {"title": article.title, "body": article.body + "\n\nĐoạn Hoa thêm."}
    with pytest.raises(EditConflict):
        hoa.save_article(1, mine, [CaptionChange(photo.id, "Chú thích của Hoa", "Hoa")], base=article.version)
    copy_id = hoa.save_copy(1, mine, [CaptionChange(photo.id, "Chú thích của Hoa", "Hoa")])
    copy, original = lan.article(copy_id), lan.article(1)
    assert copy.body.endswith("Đoạn Hoa thêm.") and original.body == "Nội dung Lan viết lại."
    assert copy.title == article.title  # a different text needs no mark in the title
    assert [(p.caption, p.credit, p.sha256) for p in copy.photos] == [
        ("Chú thích của Hoa", "Hoa", photo.sha256), *((p.caption, p.credit, p.sha256) for p in article.photos[1:])]
    assert original.photos[0].caption == photo.caption
    assert [u.id for u in copy.units] == [u.id for u in original.units]
    assert ("bản sao", "bài số 1") in [(e.what, e.old) for e in lan.history(copy_id)]
    assert ("lưu bản sao", f"bài số {copy_id}") in [(e.what, e.new) for e in lan.history(1)]
    lan.wait_for_index()
    assert copy_id in [h.id for h in lan.search('"Đoạn Hoa thêm"').hits]


def test_a_copy_of_the_same_text_is_marked_in_its_title(clerks):
    lan, hoa = clerks
    article = hoa.article(3)
    lan.save_article(3, {"author": "Lan"}, base=article.version)
    copy_id = hoa.save_copy(3, {"title": article.title, "author": "Hoa"})
    assert hoa.article(copy_id).title == f"{article.title} (bản sao)" and hoa.article(copy_id).author == "Hoa"


def test_captions_are_refused_from_an_older_version_too(clerks):
    lan, hoa = clerks
    article = hoa.article(1)
    photo = article.photos[0]
    lan.update_photo(photo.id, caption="Chú thích Lan sửa")  # any change moves the version on
    with pytest.raises(EditConflict) as caught:
        hoa.save_article(1, {}, [CaptionChange(photo.id, "Chú thích Hoa sửa", photo.credit)], base=article.version)
    assert [c.what for c in caught.value.changes] == ["ảnh 1: chú thích"]
    assert hoa.article(1).photos[0].caption == "Chú thích Lan sửa"


def test_tags_are_refused_from_an_older_version(clerks):
    lan, hoa = clerks
    town, board = (lan.find_path("unit", path) for path in UNITS)
    seen = hoa.article(4).version  # Hoa opens the unit picker
    lan.set_tags([4], unit_ids=[town], base=lan.article(4).version)
    with pytest.raises(EditConflict) as caught:
        hoa.set_tags([4], unit_ids=[board], base=seen)  # would silently drop Lan's unit
    assert [(c.who, c.what, c.new) for c in caught.value.changes] == [("lan", "tag", "Thị ủy Quảng Yên")]
    assert [u.id for u in hoa.article(4).units] == [town]
    hoa.set_tags([4], unit_ids=[town, board], base=caught.value.version)
    assert {u.id for u in lan.article(4).units} == {town, board}
    with pytest.raises(EditConflict):
        lan.untag([4], unit_ids=[board], base=seen)  # the command line's --if-version
    assert len(lan.article(4).units) == 2


def test_a_save_that_changes_nothing_is_no_conflict_and_no_version(clerks):
    lan, hoa = clerks
    article = hoa.article(5)
    lan.save_article(5, {"author": "Lan"}, base=article.version)
    assert hoa.save_article(5, {"author": "Lan"}, base=article.version) == frozenset()  # what is stored already
    assert hoa.article(5).version == article.version + 1


def test_a_window_saving_twice_before_the_first_returns_is_no_conflict_with_itself(clerks):
    lan, hoa = clerks
    base = lan.article(2).version
    lan.save_article(2, {"title": "Lần lưu thứ nhất"}, base=base)
    lan.save_article(2, {"title": "Lần lưu thứ hai"}, base=base)  # the pane had not heard back yet
    assert lan.article(2).title == "Lần lưu thứ hai"
    hoa.save_article(2, {"author": "Hoa"}, base=lan.article(2).version)
    with pytest.raises(EditConflict):  # its own moves do not hide another clerk's
        lan.save_article(2, {"title": "Lần lưu thứ ba"}, base=base)


def test_history_records_the_version_each_change_made(clerks):
    lan, _hoa = clerks
    v = lan.article(1).version
    lan.save_article(1, {"title": "Một", "author": "Hai"}, base=v)
    lan.tag([1], topic_ids=[lan.find_path("topic", "Dân vận")])
    assert [(e.what, e.version) for e in lan.history(1) if e.version] == [("title", v + 1), ("author", v + 1),
                                                                          ("tag", v + 2)]


def test_two_clerks_saving_at_the_same_moment_one_wins_one_is_told(clerks):
    """The check is the UPDATE itself: from the same base, exactly one of two
    simultaneous saves is stored and the other is refused, however they interleave."""
    lan, hoa = clerks
    base = lan.article(3).version
    start = threading.Barrier(2)
    outcome = {}

    def save(archive, name):
        start.wait()
        try:
            archive.save_article(3, {"title": f"Tiêu đề của {name}"}, base=base)
            outcome[name] = "saved"
        except EditConflict:
            outcome[name] = "refused"
        except ArchiveError as exc:  # SQLite: the busy wait of the other writer
            outcome[name] = f"error: {exc}"

    threads = [threading.Thread(target=save, args=(a, n)) for a, n in ((lan, "lan"), (hoa, "hoa"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcome.values()) == ["refused", "saved"], outcome
    winner = next(n for n, r in outcome.items() if r == "saved")
    assert lan.article(3).title == f"Tiêu đề của {winner}" and lan.article(3).version == base + 1
    with lan.session() as s:
        assert s.scalars(select(m.Edit.who).where(m.Edit.article_id == 3, m.Edit.what == "title")).all() == [winner]


def test_the_command_line_refuses_a_stale_tag_with_one_line(archive_location, seeds, capsys, monkeypatch):
    from desktop import cli
    from desktop.core.importing import import_paths

    def run(*args):
        code = cli.main(["--archive", str(archive_location), *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err

    monkeypatch.setenv("LOGNAME", "lan")
    with Archive.open(archive_location) as lan:
        import_paths(lan, seeds)
    code, out, _ = run("show", 1, "--json")
    version = json.loads(out)["version"]
    assert f"Phiên bản: {version}" in run("show", 1)[1]
    with Archive.open(archive_location) as lan:  # someone edits after the script looked
        lan.save_article(1, {"author": "Lan"}, base=version)
        who = lan.user  # on a server, the user signed in
    code, out, err = run("tag", 1, "--topic", "Dân vận", "--create", "--if-version", version)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and f"{who} sửa lúc" in err and f"phiên bản {version + 1}" in err
    assert run("show", 1, "--json")[1].count("Dân vận") == 0
    code, out, _ = run("tag", 1, "--topic", "Dân vận", "--create", "--if-version", version + 1)
    assert code == 0 and json.loads(run("show", 1, "--json")[1])["topics"] == ["Dân vận"]
    code, _, err = run("tag", 1, 2, "--topic", "Dân vận", "--if-version", version)
    assert code == 1 and "một bài" in err


def test_a_save_that_failed_does_not_move_the_version_its_retry_starts_from(clerks, monkeypatch):
    """A save rolled back (a lost connection, a full disk) made no version: the clerk's
    retry from the same base must be stored, not refused as a conflict with itself."""
    from desktop.core.store import edits

    lan, _hoa = clerks
    base = lan.article(1).version
    real = edits.reread_references

    def fail_mid_save(s, article):
        real(s, article)
        s.flush()  # the version is claimed and the fields written, not committed
        raise ArchiveError("mất kết nối với máy chủ, chưa lưu gì")

    monkeypatch.setattr(edits, "reread_references", fail_mid_save)
    with pytest.raises(ArchiveError):
        lan.save_article(1, {"title": "Sửa lần một"}, base=base)
    monkeypatch.setattr(edits, "reread_references", real)
    assert lan.article(1).version == base
    assert lan.save_article(1, {"title": "Sửa lần một"}, base=base) == {"title"}
    assert lan.article(1).version == base + 1
