"""Every importer survives junk: a clear failure, never a crash, nothing changed."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.archive import Archive
from desktop.core.importing import import_file
from desktop.core.ingest.plaintext import ParseError, parse_plaintext
from test_importers import PAGE, TITLE, jpeg_bytes, make_docx

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def fuzz_archive(tmp_path_factory):
    archive = Archive.open(tmp_path_factory.mktemp("fuzz") / "archive")
    yield archive
    archive.close()


@pytest.fixture(scope="module")
def valid_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("valid")
    make_docx(folder / "a.docx")
    (folder / "a.html").write_text(PAGE.format(title=TITLE), "utf-8")
    return {".docx": (folder / "a.docx").read_bytes(), ".html": (folder / "a.html").read_bytes(),
            ".jpg": jpeg_bytes(), ".txt": (folder / "a.html").read_bytes()}


def media_state(archive):
    return sorted(p.name for p in archive.media.root.rglob("*"))


def assert_import_is_safe(archive, path):
    before = (archive.count_articles(), media_state(archive))
    outcome = import_file(archive, path)
    assert outcome.status in ("imported", "duplicate", "failed"), outcome
    if outcome.status == "failed":
        assert outcome.reason and "\n" not in outcome.reason
        assert (archive.count_articles(), media_state(archive)) == before, outcome.reason
    else:
        assert unicodedata.is_normalized("NFC", archive.article(outcome.article_id).title)


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".html", ".mhtml", ".jpg", ".png", ".webp"])
@FUZZ
@given(data=st.binary(max_size=4000))
def test_random_bytes(fuzz_archive, tmp_path, suffix, data):
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(data)
    assert_import_is_safe(fuzz_archive, path)


@pytest.mark.parametrize("suffix", [".docx", ".html", ".jpg", ".txt"])
@FUZZ
@given(cut=st.floats(0.0, 1.0), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8))
def test_damaged_real_files(fuzz_archive, valid_files, tmp_path, suffix, cut, flips):
    data = bytearray(valid_files[suffix])
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    data = bytes(data[: max(1, int(len(data) * cut))]) if cut < 0.999 else bytes(data)
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(data)
    assert_import_is_safe(fuzz_archive, path)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_parser_never_crashes_and_keeps_nfc(text):
    try:
        draft = parse_plaintext(text)
    except ParseError as exc:
        assert str(exc)
        return
    assert draft.title.strip()
    for value in (draft.title, draft.lead, draft.body):
        assert unicodedata.is_normalized("NFC", value)
