"""Numbers in words: one row per case, written from the reading conventions."""

import pytest

from bulletin.text.numbers import NumberReader, digits, roman_value

NORTH = NumberReader()
SOUTH = NumberReader(zero_tens="lẻ", four_after_tens="bốn", thousand="ngàn")

CARDINALS = [
    (0, "không"),
    (1, "một"),
    (4, "bốn"),
    (5, "năm"),
    (7, "bảy"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (19, "mười chín"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (31, "ba mươi mốt"),
    (44, "bốn mươi tư"),
    (55, "năm mươi lăm"),
    (70, "bảy mươi"),
    (99, "chín mươi chín"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (200, "hai trăm"),
    (305, "ba trăm linh năm"),
    (999, "chín trăm chín mươi chín"),
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"),
    (1015, "một nghìn không trăm mười lăm"),
    (1032, "một nghìn không trăm ba mươi hai"),
    (1100, "một nghìn một trăm"),
    (1250, "một nghìn hai trăm năm mươi"),
    (1890, "một nghìn tám trăm chín mươi"),
    (1945, "một nghìn chín trăm bốn mươi lăm"),
    (1975, "một nghìn chín trăm bảy mươi lăm"),
    (2000, "hai nghìn"),
    (2001, "hai nghìn không trăm linh một"),
    (2010, "hai nghìn không trăm mười"),
    (2020, "hai nghìn không trăm hai mươi"),
    (2021, "hai nghìn không trăm hai mươi mốt"),
    (2024, "hai nghìn không trăm hai mươi tư"),
    (2025, "hai nghìn không trăm hai mươi lăm"),
    (2150, "hai nghìn một trăm năm mươi"),
    (10000, "mười nghìn"),
    (10500, "mười nghìn năm trăm"),
    (15000, "mười lăm nghìn"),
    (21000, "hai mươi mốt nghìn"),
    (100000, "một trăm nghìn"),
    (105000, "một trăm linh năm nghìn"),
    (200000, "hai trăm nghìn"),
    (1000000, "một triệu"),
    (1000500, "một triệu không trăm nghìn năm trăm"),
    (1050000, "một triệu không trăm năm mươi nghìn"),
    (1250000, "một triệu hai trăm năm mươi nghìn"),
    (1500000, "một triệu năm trăm nghìn"),
    (2340000, "hai triệu ba trăm bốn mươi nghìn"),
    (10000000, "mười triệu"),
    (1000000000, "một tỷ"),
    (1200000000, "một tỷ hai trăm triệu"),
    (2500000000, "hai tỷ năm trăm triệu"),
    (1500000000000, "một nghìn năm trăm tỷ"),
]


@pytest.mark.parametrize("n, spoken", CARDINALS)
def test_cardinal_north(n, spoken):
    assert NORTH.cardinal(n) == spoken


SOUTH_CARDINALS = [
    (24, "hai mươi bốn"),
    (105, "một trăm lẻ năm"),
    (1005, "một ngàn không trăm lẻ năm"),
    (2024, "hai ngàn không trăm hai mươi bốn"),
    (14, "mười bốn"),
    (34000, "ba mươi bốn ngàn"),
    (1000500, "một triệu không trăm ngàn năm trăm"),
]


@pytest.mark.parametrize("n, spoken", SOUTH_CARDINALS)
def test_cardinal_south(n, spoken):
    assert SOUTH.cardinal(n) == spoken


WRITTEN = [
    ("1.032", "một nghìn không trăm ba mươi hai"),
    ("2.150", "hai nghìn một trăm năm mươi"),
    ("1.000.000", "một triệu"),
    ("12,5", "mười hai phẩy năm"),
    ("0,5", "không phẩy năm"),
    ("2,15", "hai phẩy mười lăm"),
    ("3,05", "ba phẩy không năm"),
    ("12,50", "mười hai phẩy năm mươi"),
    ("1.234,5", "một nghìn hai trăm ba mươi tư phẩy năm"),
    ("3,141", "ba phẩy một bốn một"),
    ("06", "sáu"),
    ("02", "hai"),
    ("2.1", "hai chấm một"),
    ("4.0", "bốn chấm không"),
    ("1,000,000", "một triệu"),
]


@pytest.mark.parametrize("written, spoken", WRITTEN)
def test_written_numbers(written, spoken):
    assert NORTH.written(written) == spoken


def test_dot_is_decimal_with_a_unit():
    assert NORTH.written("12.5", decimal_dot=True) == "mười hai phẩy năm"


@pytest.mark.parametrize("n, spoken", [(1, "nhất"), (2, "hai"), (4, "tư"), (7, "bảy"), (14, "mười bốn")])
def test_ordinal(n, spoken):
    assert NORTH.ordinal(n) == spoken


@pytest.mark.parametrize("n, spoken", [(4, "tư"), (1, "một"), (11, "mười một"), (12, "mười hai")])
def test_month_names(n, spoken):
    assert SOUTH.month(n) == spoken


ROMANS = [("I", 1), ("II", 2), ("IV", 4), ("IX", 9), ("XII", 12), ("XIII", 13), ("XIV", 14),
          ("XXI", 21), ("XL", 40), ("MCMLXXV", 1975), ("IIII", None), ("VX", None), ("ABC", None)]


@pytest.mark.parametrize("token, value", ROMANS)
def test_roman_value(token, value):
    assert roman_value(token) == value


def test_digits():
    assert digits("0905") == "không chín không năm"
