"""The public interface the rest of the toolkit relies on."""

import pytest

from bulletin.config import Reading, Station, load_station
from bulletin.errors import ConfigError
from bulletin.text import Change, Normalizer, count_syllables, load_lexicon, repair, sentences


def station(tmp_path, lexicon_text=None, **reading):
    if lexicon_text is not None:
        (tmp_path / "lexicon.tsv").write_text(lexicon_text, encoding="utf-8")
    return Station(root=tmp_path, reading=Reading(**reading))


# -- Reading choices through for_station -------------------------------------

SOUTH = [
    ("105 hộ", "một trăm lẻ năm hộ"),
    ("24 xã", "hai mươi bốn xã"),
    ("1.500 người", "một ngàn năm trăm người"),
    ("ngày 24/4/2024", "ngày hai mươi bốn tháng tư năm hai ngàn không trăm hai mươi bốn"),
    ("50k", "năm mươi ngàn"),
    ("thứ 4", "thứ tư"),
]


@pytest.mark.parametrize("written, spoken", SOUTH)
def test_for_station_honours_regional_reading(tmp_path, written, spoken):
    n = Normalizer.for_station(station(tmp_path, zero_tens="lẻ", four_after_tens="bốn", thousand="ngàn"))
    assert n.normalize(written) == spoken


SYMBOL_STYLES = [
    ("expand", "Công văn số 179-CV/BTGHU", "Công văn số một trăm bảy mươi chín của Ban Tuyên giáo Huyện ủy"),
    ("spell", "Công văn số 179-CV/BTGHU", "Công văn số một trăm bảy mươi chín xê vê bê tê giê hát u"),
    ("number", "Công văn số 179-CV/BTGHU", "Công văn số một trăm bảy mươi chín"),
    ("spell", "Nghị định 30/2020/NĐ-CP",
     "Nghị định ba mươi năm hai nghìn không trăm hai mươi nờ đê xê pê"),
    ("number", "Nghị định 30/2020/NĐ-CP", "Nghị định ba mươi năm hai nghìn không trăm hai mươi"),
]


@pytest.mark.parametrize("style, written, spoken", SYMBOL_STYLES)
def test_document_symbol_styles(tmp_path, style, written, spoken):
    n = Normalizer.for_station(station(tmp_path, document_symbols=style))
    assert n.normalize(written) == spoken


def test_document_symbol_style_from_toml(tmp_path):
    (tmp_path / "bulletin.toml").write_text('[reading]\ndocument_symbols = "number"\n', encoding="utf-8")
    n = Normalizer.for_station(load_station(tmp_path / "bulletin.toml"))
    assert n.normalize("Kế hoạch số 12/KH-UBND") == "Kế hoạch số mười hai"


def test_unknown_document_symbol_style_is_rejected(tmp_path):
    (tmp_path / "bulletin.toml").write_text('[reading]\ndocument_symbols = "english"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="document_symbols"):
        load_station(tmp_path / "bulletin.toml")


# -- station lexicon -----------------------------------------------------------

LEXICON = (
    "\ufeff# Từ điển riêng của đài\n"
    "UBND\tỦy ban\n"
    "Tam Nghĩa\tTam Nghĩa\n"
    "QL1A\tquốc lộ 1A\n"
    "ĐVT\tđài truyền thanh\n"
    "no tab here\n"
    "\n"
    "HTV\than tê vê\n"
)


def test_load_lexicon(tmp_path):
    (tmp_path / "lexicon.tsv").write_text(LEXICON, encoding="utf-8")
    assert load_lexicon(tmp_path / "lexicon.tsv") == {
        "UBND": "Ủy ban", "Tam Nghĩa": "Tam Nghĩa", "QL1A": "quốc lộ 1A", "ĐVT": "đài truyền thanh",
        "HTV": "han tê vê",
    }


def test_missing_lexicon_is_empty(tmp_path):
    assert load_lexicon(tmp_path / "nothing.tsv") == {}


LEXICON_CASES = [
    ("UBND huyện", "Ủy ban huyện"),  # the station lexicon overrides the built-in table
    ("HĐND huyện", "Hội đồng nhân dân huyện"),  # the built-in table still applies
    ("trên QL1A", "trên quốc lộ một A"),  # lexicon values are read by the built-in rules
    ("Đài HTV phát", "Đài han tê vê phát"),
    ("theo ĐVT huyện", "theo đài truyền thanh huyện"),
    ("xã Tam Nghĩa có 5 thôn", "xã Tam Nghĩa có năm thôn"),
]


@pytest.mark.parametrize("written, spoken", LEXICON_CASES)
def test_lexicon_is_applied_before_built_in_rules(tmp_path, written, spoken):
    n = Normalizer.for_station(station(tmp_path, LEXICON))
    assert n.normalize(written) == spoken


def test_lexicon_change_is_explained(tmp_path):
    n = Normalizer.for_station(station(tmp_path, LEXICON))
    changes = n.explain("UBND huyện")
    assert changes == [Change(0, 4, "UBND", "Ủy ban", changes[0].rule)]
    assert changes[0].rule.startswith("lexicon")


# -- explain ---------------------------------------------------------------------

def test_explain_reports_spans_and_rules():
    text = "Ngày 21/6/2024, UBND huyện có 25 xã."
    changes = Normalizer().explain(text)
    by_original = {c.original: c for c in changes}
    date = by_original["21/6/2024"]
    assert (date.start, date.end) == (5, 14)
    assert text[date.start:date.end] == "21/6/2024"
    assert date.spoken == "hai mươi mốt tháng sáu năm hai nghìn không trăm hai mươi tư"
    assert date.rule == "date: đọc ngày tháng năm"
    assert by_original["UBND"].spoken == "Ủy ban nhân dân"
    assert by_original["UBND"].rule.startswith("abbreviation")
    assert by_original["25"].rule.startswith("number")
    assert "huyện" not in by_original  # plain words are not rewrites


def test_explain_offsets_across_lines():
    changes = Normalizer().explain("Tin vắn\nCó 5 xã")
    assert [(c.start, c.end, c.original) for c in changes] == [(11, 12, "5")]


def test_explain_unknown_abbreviation_rule():
    changes = Normalizer().explain("mã XYZW")
    assert changes[0].original == "XYZW"
    assert changes[0].rule.startswith("spell")


# -- spelled tokens -------------------------------------------------------------

def test_spelled_tokens_lists_unknown_abbreviations():
    n = Normalizer()
    text = "Đài TQVN và UBND phối hợp với BQT, XYZW, TQVN; Cổng TTĐT."
    assert n.spelled_tokens(text) == ["TQVN", "BQT", "XYZW"]


def test_spelled_tokens_ignores_words_and_known_abbreviations():
    n = Normalizer()
    assert n.spelled_tokens("BÁO CÁO KẾT QUẢ CỦA UBND HUYỆN NÚI THÀNH, sản phẩm OCOP, GDP") == []


def test_lexicon_entries_are_not_reported_as_spelled(tmp_path):
    n = Normalizer.for_station(station(tmp_path, "TQVN\tĐài Truyền hình Quảng Nam\n"))
    assert n.spelled_tokens("Đài TQVN") == []


def test_spelled_unknown_issuer_in_document_symbol():
    assert Normalizer().spelled_tokens("Công văn số 12/CV-XYZQ") == ["XYZQ"]


# -- line structure ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Ngày 21/6/2024, UBND huyện tổ chức hội nghị.",
    "- Sở TT&TT (b/c);",
    "Hotline: 0905.123.456 hoặc https://stttt.quangnam.gov.vn/",
    "TM. ỦY BAN NHÂN DÂN\u2028CHỦ TỊCH",
    "Số liệu\tthống kê\x0b2024\r",
    "Dòng\rmột\u2029hai\x0cba\x85bốn",
])
def test_single_line_input_gives_single_line_output(text):
    assert "\n" not in Normalizer().normalize(text)


def test_lines_are_kept():
    spoken = Normalizer().normalize("Dòng 1\n\nDòng 2\r\nDòng 3\n")
    assert spoken == "Dòng một\n\nDòng hai\nDòng ba\n"


def test_repair_is_display_form():
    assert repair("  Ủy ban\n nhân dân  ") == "Ủy ban nhân dân"
    assert repair("UBND huyện 25 xã") == "UBND huyện 25 xã"  # no expansion in the display form


def test_pause_punctuation_is_kept():
    spoken = Normalizer().normalize("Hôm nay, 25 xã; 3 huyện: tốt! Vì sao? Hết.")
    assert spoken == "Hôm nay, hai mươi lăm xã; ba huyện: tốt! Vì sao? Hết."


# -- sentences and syllables ------------------------------------------------------

SENTENCE_CASES = [
    ("Một câu. Câu hai! Câu ba? Câu bốn", ["Một câu.", "Câu hai!", "Câu ba?", "Câu bốn"]),
    ("Ông bê. cho biết thêm.", ["Ông bê. cho biết thêm."]),
    ("Câu một.\nCâu hai", ["Câu một.", "Câu hai"]),
    ("Anh nói: “Xin chào.” Rồi đi.", ["Anh nói: “Xin chào.”", "Rồi đi."]),
    ("Chờ đợi... Rồi sao", ["Chờ đợi...", "Rồi sao"]),
    ("", []),
    ("Ủy ban nhân dân. Hai mươi mốt xã.", ["Ủy ban nhân dân.", "Hai mươi mốt xã."]),
]


@pytest.mark.parametrize("text, expected", SENTENCE_CASES)
def test_sentences(text, expected):
    assert sentences(text) == expected


SYLLABLE_CASES = [
    ("hai mươi mốt tháng sáu", 5),
    ("Ủy ban nhân dân huyện Núi Thành.", 7),
    ("ca-mê-ra", 3),
    ("", 0),
    ("năm 2024", 8),  # "năm" + the seven syllables of "hai nghìn không trăm hai mươi tư"
    ("25 xã", 4),
]


@pytest.mark.parametrize("text, count", SYLLABLE_CASES)
def test_count_syllables(text, count):
    assert count_syllables(text) == count


def test_syllables_of_spoken_form_match_read_time_scale():
    spoken = Normalizer().normalize("Ngày 21/6/2024")
    assert count_syllables(spoken) == 1 + 3 + 2 + 1 + 7


# -- odd input never breaks the normalizer ---------------------------------------

ODD = ["", " ", "...", "./.", "—", "(", "1.", ".5", "10.000.000.000.000.000.000", "😀 Tin vui 🎉", "%", "/",
       "--5", "1/0", "32/1/2024", "99:99", "25h", "Đ", "Q.", "A&B", "a@b", "http://", "+84", "12oC", "1,2,3",
       "0000", "1-2-3", "/KH-UBND", "1/KH-", "K'Ho", "C. 26b/Aoto-xB", "x²³ ١٢ ３", "ÙéhßáÇÂºì¬ØÆo¼ØË\u00add¨²´"]


@pytest.mark.parametrize("text", ODD)
def test_odd_input_gives_one_line(text):
    n = Normalizer()
    for font in (None, ".VnTimeH", "VNI-Times"):
        assert "\n" not in n.normalize(text, font)


def test_roman_heading_letters_other_than_ivx_are_letters():
    assert Normalizer().normalize("C. Kết luận") == "xê. Kết luận"


def test_every_abbreviation_row_can_apply():
    """A row after an unconditional row for the same written form would never be used."""
    from bulletin.text import tables

    seen_default: set[str] = set()
    for row in tables.rows("abbreviations"):
        assert row[0] not in seen_default, f"row for {row[0]!r} after its default row"
        if len(row) < 3 or not row[2]:
            seen_default.add(row[0])
