"""Which tokens are Vietnamese syllables (read as words) and which are spelled."""

import pytest

from bulletin.text.vietnamese import is_syllable, read_label, segment, spell, tone_key

SYLLABLES = ["BÁO", "CÁO", "ỦY", "UỶ", "GIÁO", "QUỐC", "KHÓA", "khoá", "NGHĨA", "gìn", "quỳnh", "ĐẠT",
             "NGƯỜI", "TRUYỀN", "KHUYẾN", "HOẠCH", "THUỶ", "THỦY", "QUYẾT", "GIỮA", "NGHIÊNG", "ươm",
             "oái", "KHỎE", "boong", "xoong", "yêu", "y", "ơ"]
NOT_SYLLABLES = ["UBND", "HĐND", "TT", "OCOP", "THPT", "CNTT", "dat", "ce", "ka", "ngi", "ge",
                 "huyÖn", "Thµnh", "Vieät", "quo", "BÁÓ", "WTO", "FDI", "TW"]


@pytest.mark.parametrize("word", SYLLABLES)
def test_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", NOT_SYLLABLES)
def test_not_syllables(word):
    assert not is_syllable(word)


def test_tone_placement_is_one_key():
    assert tone_key("hoà") == tone_key("hòa") == tone_key("HÒA")
    assert tone_key("thuỷ") == tone_key("thủy")
    assert tone_key("hóa") != tone_key("hòa")


@pytest.mark.parametrize("label, pieces", [
    ("quangnam", ["quang", "nam"]),
    ("baochinhphu", ["bao", "chinh", "phu"]),
    ("nuithanh", ["nui", "thanh"]),
    ("stttt", None),
])
def test_segment(label, pieces):
    assert segment(label) == pieces


def test_read_label_mixes_syllables_and_letters():
    assert read_label("ubndnuithanh") == (("u", True), ("b", False), ("n", False), ("d", False),
                                          ("nui", True), ("thanh", True))


def test_spell_uses_vietnamese_letter_names():
    assert spell("BTGHU") == "bê tê giê hát u"
    assert spell("WFJZ") == "vê kép ép gi dét"
    assert spell("ĐQ") == "đê quy"
