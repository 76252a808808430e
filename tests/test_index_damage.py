"""A damaged index file is found (checksums kept at each commit) and the index rebuilt
from the database: never an error or a wrong count (issue 23.4)."""

import os
import random
import struct
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.draft import ArticleDraft
from desktop.core.maintenance.integrity import check
from desktop.core.search.engine.postings import PostingCache
from desktop.core.store.storing import Incoming

QUERIES = ["tuyên*", "giao ban", "thi uy", "hội nghị", '"xây dựng Đảng"', "tu77 tu78", "từ1000"]


@pytest.fixture
def built(tmp_path):
    root = tmp_path / "archive"
    with Archive.open(root) as archive:
        archive.add_drafts([Incoming(ArticleDraft(
            title=f"Thị ủy giao ban tuyên truyền số {i}",
            body=f"Hội nghị xây dựng Đảng lần {i}. " + " ".join(f"từ{i * 7 + k}" for k in range(40))),
            None, None) for i in range(400)])
        expected = {q: archive.matching_ids(q) for q in QUERIES}
    assert all(expected.values())
    return root, expected


def damage(root: Path, *, keep_mtime: bool, whole: bool = False, seed: int = 0) -> Path:
    [segment] = sorted((root / "index").glob("MAIN_*.*"), key=lambda p: p.stat().st_size)[-1:]  # a segment's largest file
    stat = segment.stat()
    data = bytearray(segment.read_bytes())
    if whole:
        data[16:] = bytes(len(data) - 16)
    else:
        start = random.Random(seed).randrange(0, len(data) - 4096)
        data[start : start + 4096] = bytes(4096)
    segment.write_bytes(bytes(data))
    if keep_mtime:
        os.utime(segment, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return segment


def assert_searches_right(archive, expected):
    for query, ids in expected.items():
        assert archive.matching_ids(query) == ids, query
        assert archive.search(query).total == len(ids), query


def test_a_damaged_segment_is_rebuilt_on_open(built):
    root, expected = built
    damage(root, keep_mtime=False)
    with Archive.open(root) as archive:
        assert_searches_right(archive, expected)
        report = check(archive)
        assert report.ok and any("hỏng" in line for line in report.repaired)


@pytest.mark.parametrize("seed", range(3))
def test_check_finds_damage_that_left_size_and_time_alone_and_repair_rebuilds(built, seed):
    root, expected = built
    segment = damage(root, keep_mtime=True, seed=seed)
    with Archive.open(root) as archive:
        report = check(archive)
        assert not report.ok and segment.name in " ".join(report.problems)
        assert check(archive, repair=True).repaired
        assert check(archive).ok
        assert_searches_right(archive, expected)


def failing_once(monkeypatch):
    """The next posting read fails as Whoosh does on a damaged block."""
    real = PostingCache._read
    calls = []

    def read(self, field, term):
        calls.append(term)
        if len(calls) == 1:
            raise struct.error("unpack requires a buffer of 2 bytes")
        return real(self, field, term)

    monkeypatch.setattr(PostingCache, "_read", read)
    return calls


def test_a_read_that_fails_on_a_damaged_file_rebuilds_and_answers_right(built, monkeypatch):
    root, expected = built
    damage(root, keep_mtime=True, seed=1)  # a block no query below happens to read
    with Archive.open(root) as archive:
        failing_once(monkeypatch)
        assert_searches_right(archive, expected)
        assert check(archive).ok


def test_a_read_failure_with_no_damaged_file_is_not_hidden_by_a_rebuild(built, monkeypatch):
    root, _ = built
    with Archive.open(root) as archive:
        failing_once(monkeypatch)
        with pytest.raises(struct.error):
            archive.search("giao ban")


def test_a_read_only_check_reports_a_damaged_index_it_may_not_rebuild(built):
    from test_hardening import _holder

    root, _ = built
    holder = _holder(root)
    try:
        damage(root, keep_mtime=False)
        with Archive.open(root, readonly=True) as reader:
            report = check(reader)
            assert not report.ok and any("chỉ mục" in p for p in report.problems)
    finally:
        holder.communicate("")
