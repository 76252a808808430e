import unicodedata

import pytest

from desktop.text import canonical_tone, canonical_tones, clean_line, fold, nfc


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
