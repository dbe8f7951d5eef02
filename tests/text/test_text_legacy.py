"""Legacy encodings: samples made from Unicode with this file's own encoders.

The encoders below are written independently of the decoding tables in
bulletin/text/data, so a wrong table entry makes a round trip fail.
"""

import unicodedata

import pytest

from bulletin.text import Normalizer, repair
from bulletin.text.legacy import convert_paragraph, font_encoding, impossible_syllables

# TCVN3 (ABC): one legacy character per Unicode letter, aligned position by position.
_TCVN3_UNICODE = ("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
                  "ĂÂĐÊÔƠƯ")
_TCVN3_LEGACY = ("µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ"
                 "¡¢§£¤¥¦")
assert len(_TCVN3_UNICODE) == len(_TCVN3_LEGACY)
TCVN3 = dict(zip(_TCVN3_UNICODE, _TCVN3_LEGACY))
_UPPER_BASE = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦"}
_TONES = "\u0301\u0300\u0309\u0303\u0323"


def to_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as read in cp1252. A capital with a tone mark, which the
    lowercase fonts lack, is typed as the capital base letter and the toned
    lowercase letter ("Á" -> "A¸"), as legacy converters do."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in TCVN3:
            out.append(TCVN3[ch])
        elif ch.isupper() and ch.lower() in TCVN3:
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if c not in _TONES)
            base = unicodedata.normalize("NFC", base)
            out.append(_UPPER_BASE.get(base, base) + TCVN3[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


# VNI-Windows: base letter followed by mark bytes.
_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRCUMFLEX = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def to_vni(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        if not marks or not base.isalpha():
            out.append(ch)
            continue
        upper = base.isupper()
        tone = next((m for m in marks if m in _TONES), "")
        if base in "iI":
            code = _VNI_I[tone]
        elif base in "yY" and tone == "\u0323":
            code = "î"
        elif "\u031b" in marks:  # horn: ơ ư are letters of their own
            code = ("ô" if base in "oO" else "ö") + _VNI_TONE.get(tone, "")
            out.append(code.upper() if upper else code)
            continue
        elif "\u0302" in marks:
            code = base.lower() + _VNI_CIRCUMFLEX[tone]
        elif "\u0306" in marks:
            code = base.lower() + _VNI_BREVE[tone]
        else:
            code = base.lower() + _VNI_TONE[tone]
        out.append(code.upper() if upper else code)
    return "".join(out)


SAMPLES = [
    "UBND huyện Núi Thành",
    "Công tác thông tin đối ngoại sáu tháng đầu năm",
    "Người dân vùng biển tích cực tham gia bảo vệ chủ quyền biển, đảo",
    "Ủy ban nhân dân tỉnh Quảng Nam",
    "Tăng cường tuyên truyền về tiềm năng, thế mạnh của địa phương",
    "Đảng bộ, chính quyền và nhân dân huyện Núi Thành",
    "Trường học được xây dựng khang trang, sạch đẹp",
    "Hội Liên hiệp Phụ nữ tổ chức hội thảo về bình đẳng giới",
    "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "Nhiệt liệt chào mừng kỷ niệm ngày Quốc khánh",
    "Khuyến khích người dân ứng dụng khoa học kỹ thuật vào sản xuất",
    "Sở Thông tin và Truyền thông hướng dẫn thực hiện",
    "Ưu tiên nguồn lực cho đồng bào dân tộc thiểu số",
    "Ước tính sản lượng lúa vụ Đông Xuân đạt khá",
    "Ông Lê Văn Sinh, Chủ tịch UBND huyện, phát biểu",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_tcvn3_round_trip(text):
    assert repair(to_tcvn3(text)) == text


@pytest.mark.parametrize("text", SAMPLES)
def test_vni_round_trip(text):
    assert repair(to_vni(text)) == text


@pytest.mark.parametrize("text", SAMPLES[:5])
def test_round_trip_with_font_hint(text):
    assert repair(to_tcvn3(text), font=".VnTime") == text
    assert repair(to_vni(text), font="VNI-Times") == text


def test_brief_examples():
    assert repair("UBND huyÖn Nói Thµnh") == "UBND huyện Núi Thành"
    assert repair("Vieät Nam") == "Việt Nam"


def test_soft_hyphen_is_the_letter_u_horn():
    assert repair("Tr\u00adêng häc") == "Trường học"
    assert repair("ng\u00ad\u00eai d©n") == "người dân"


@pytest.mark.parametrize("font", [".VnTimeH", ".VnArialH"])
def test_capital_fonts(font):
    assert repair(to_tcvn3("báo cáo kết quả"), font=font) == "BÁO CÁO KẾT QUẢ"


def test_capitals_without_hint():
    assert repair(to_tcvn3("BÁO CÁO")) == "BÁO CÁO"
    assert repair("B¸O C¸O") == "BÁO CÁO"


@pytest.mark.parametrize("font, encoding", [
    (".VnTime", "tcvn3"), (".VnArial", "tcvn3"), (".VnTimeH", "tcvn3-upper"), ("VNI-Times", "vni"),
    ("VNI-Helve", "vni"), ("Times New Roman", None), (None, None),
])
def test_font_hints(font, encoding):
    assert font_encoding(font) == encoding


UNICODE_UNTOUCHED = [
    "Việt Nam",
    "Cà phê",
    "Gò Công",
    "Hà Tây",
    "Le café est très bon",
    "Thành phố Hồ Chí Minh",
    "Hoà bình, thuỷ lợi, khoẻ mạnh",
]


@pytest.mark.parametrize("text", UNICODE_UNTOUCHED)
def test_unicode_is_never_converted(text):
    assert repair(text) == text
    assert convert_paragraph(text)[1] is None


def test_refuses_a_conversion_that_is_not_more_vietnamese():
    # Decoding this Latin-1 text as TCVN3 gives "Hà Tõy" (worse), as VNI changes
    # nothing useful: it is kept as written.
    assert convert_paragraph("Hà Tây") == ("Hà Tây", None)
    assert impossible_syllables("Hà Tõy") > impossible_syllables("Hà Tây")


def test_paragraphs_are_decided_separately():
    text = to_tcvn3("huyện Núi Thành") + "\n" + "Việt Nam" + "\n" + to_vni("Quảng Nam")
    assert repair(text) == "huyện Núi Thành Việt Nam Quảng Nam"


def test_nfd_is_composed():
    nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân")
    assert repair(nfd) == "Ủy ban nhân dân"


def test_whitespace_and_invisible_characters():
    assert repair("  Việt\u00a0Nam \u200b ") == "Việt Nam"


def test_normalize_reads_legacy_text():
    n = Normalizer()
    assert n.normalize(to_tcvn3("UBND huyện Núi Thành có 25 xã")) == "Ủy ban nhân dân huyện Núi Thành có hai mươi lăm xã"
    assert n.normalize(to_vni("Ngày 21/6/2024"), font="VNI-Times") == (
        "Ngày hai mươi mốt tháng sáu năm hai nghìn không trăm hai mươi tư")


def test_explain_reports_the_conversion():
    changes = Normalizer().explain(to_tcvn3("huyện Núi Thành"))
    assert changes[0].rule.startswith("legacy-tcvn3")
    assert changes[0].spoken == "huyện Núi Thành"
