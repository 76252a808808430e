import re
import unicodedata

import pytest
from hypothesis import given, strategies as st

from desktop.text import _COMBINING, _FOLD, _slow_fold, canonical_tone, canonical_tones, clean_line, fold, nfc, word_text, words


def test_nfc_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Đảng bộ Quảng Yên")
    assert decomposed != "Đảng bộ Quảng Yên"
    assert nfc(decomposed) == "Đảng bộ Quảng Yên"


def test_nfc_drops_zero_width_characters():
    assert nfc("Thị\u200b ủy\ufeff") == "Thị ủy"
    assert nfc("th\u00adờng") == "th\u00adờng"  # TCVN3 "ư" read as CP1252 must survive


def test_fold_maps_d_stroke_which_has_no_decomposition():
    assert fold("Xây dựng ĐẢNG") == "xay dung dang"
    assert fold("đ") == "d"
    long = "Đồng chí Bí thư Thị ủy phát biểu chỉ đạo hội nghị. " * 3  # folded through the numpy table
    assert fold(long) == "dong chi bi thu thi uy phat bieu chi dao hoi nghi. " * 3


_VIETNAMESE_AND_ODD = st.text(
    st.sampled_from(list("aăâđêôơưáảẠỨĐẢÝ09 _-/.,;\n\t\u00a0\u00ad\u0301\u2028ΣσİßﬁÅ😀") + [chr(0xD800)]),
    max_size=150,
)


@given(st.one_of(_VIETNAMESE_AND_ODD, st.text(max_size=150)))
def test_fast_fold_and_word_cutting_agree_with_the_plain_definitions(text):
    """``fold`` maps long texts through a table and ``word_text`` replaces ``\\w+``;
    both must give exactly what the character-by-character definitions give."""
    text = text * 3  # past the length where fold takes the table
    by_characters = text.translate(_FOLD)
    by_characters = _slow_fold(by_characters) if _COMBINING.search(by_characters) else by_characters.lower()
    assert fold(text) == by_characters
    spaced = word_text(text)
    if spaced is not None:
        assert spaced.split() == re.findall(r"\w+", text)
    assert words(text) == re.findall(r"\w+", text)  # the table where it can, the regex where not
    folded_words = word_text(text, folded=True)
    if folded_words is not None:
        assert folded_words.split() == [fold(w) for w in re.findall(r"\w+", text)]


def test_every_code_point_maps_as_its_own_definition_says():
    """The tables are built a whole string at a time (for start-up); every one of the
    65,536 entries must be what the character alone gives: its fold when that is one
    character (capital sigma and combining marks excepted), itself or a space as ``\\w``."""
    from desktop.text import _BMP, _UNSAFE, _tables

    tables = _tables()
    for code in range(_BMP):
        char = chr(code)
        image = _FOLD.get(code) or char.lower()
        word = bool(re.fullmatch(r"\w", char))
        combining = 0x0300 <= code <= 0x036F
        safe = len(image) == 1 and code != 0x03A3 and not combining
        fold_of = ord(image) if safe else _UNSAFE
        assert tables.folds[code] == fold_of, hex(code)
        assert tables.words[code] == (_UNSAFE if combining else code if word or char == "\n" else ord(" ")), hex(code)
        expected = _UNSAFE if combining else ord("\n") if char == "\n" else fold_of if word else ord(" ")
        assert tables.folded_words[code] == expected, hex(code)


@pytest.mark.parametrize(
    "old, new",
    [("hoà", "hòa"), ("thuỷ", "thủy"), ("uỷ", "ủy"), ("khoẻ", "khỏe"), ("Hoà", "Hòa"), ("loà", "lòa")],
)
def test_new_and_old_tone_placement_become_one_form(old, new):
    assert canonical_tone(old) == canonical_tone(new) == new


@pytest.mark.parametrize("word", ["quả", "quý", "gì", "giữa", "người", "hoàng", "thuyết", "khuỷu", "hoài"])
def test_canonical_tone_keeps_words_already_canonical(word):
    assert canonical_tone(word) == word


def test_canonical_tones_keeps_distinct_tones_distinct():
    assert canonical_tones("bàn bạn") == "bàn bạn"
    assert canonical_tones("Thị uỷ") == "Thị ủy"


def test_clean_line_collapses_nbsp_and_spaces():
    assert clean_line("\u00a0 Thu\u00a0\u00a0Trang \t") == "Thu Trang"


@given(st.one_of(_VIETNAMESE_AND_ODD, st.text(max_size=150)))
def test_content_identity_is_the_words_alone(text):
    """Copies that differ in spacing or punctuation have one identity: the hash of their words."""
    import hashlib

    from desktop.core.draft import folded_hash

    words = " ".join(re.findall(r"[^\W_]+", text))
    assert folded_hash(text) == hashlib.sha256(words.encode("utf-8")).hexdigest()
