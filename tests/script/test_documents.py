"""Plain text and Word documents read as scripts, the way operators receive them."""

from __future__ import annotations

import docx
import pytest
from docx.shared import Pt
from helpers import tone, write_audio

from bulletin.errors import ScriptError
from bulletin.script import load_script
from bulletin.script.model import Recording, Speech

PASTED = """BẢN TIN THÔNG TIN ĐỐI NGOẠI QUÝ II/2024

Kính thưa quý vị và các bạn!
1. Công tác chỉ đạo điều hành
Xây dựng Kế hoạch triển khai công tác thông tin đối ngoại năm 2024,
theo đó bám sát nội dung thông tin tuyên truyền.
Tổ chức và tham gia các sự kiện quảng bá sản phẩm OCOP.

II. Phương hướng nhiệm vụ
1. Năm nay huyện tiếp tục mở rộng quan hệ hợp tác với các địa phương trong nước.
@pause 2
"""


def test_text_file(station, station_dir):
    path = station_dir / "ban-tin.txt"
    path.write_text(PASTED, encoding="utf-8")
    script = load_script(path, station)
    assert script.meta.title == "BẢN TIN THÔNG TIN ĐỐI NGOẠI QUÝ II/2024"
    assert script.meta.series == "Thông tin đối ngoại"
    lead, first, second = script.items
    assert lead.title == "" and lead.segments == (Speech("Kính thưa quý vị và các bạn!", 3),)
    assert first.title == "1. Công tác chỉ đạo điều hành" and first.line == 4
    # A line starting in lowercase continues the previous one; others are paragraphs.
    assert [s.text for s in first.segments] == [
        "Xây dựng Kế hoạch triển khai công tác thông tin đối ngoại năm 2024, "
        "theo đó bám sát nội dung thông tin tuyên truyền.",
        "Tổ chức và tham gia các sự kiện quảng bá sản phẩm OCOP.",
    ]
    assert second.title == "II. Phương hướng nhiệm vụ" and second.line == 9
    # A numbered line that is a whole sentence is speech, not a heading.
    assert second.segments[0] == Speech(
        "1. Năm nay huyện tiếp tục mở rộng quan hệ hợp tác với các địa phương trong nước.", 10
    )
    assert second.segments[1].seconds == 2.0


ARTICLE = """Phòng chống cháy rừng mùa khô năm 2025

Ngày 12/3/2025, Ủy ban nhân dân huyện tổ chức hội nghị triển khai công tác phòng cháy chữa cháy rừng.

Các xã cần bố trí lực lượng trực 24/24 giờ trong những ngày nắng nóng.
"""


def test_an_article_with_no_headings_is_one_item_under_its_title(station, station_dir):
    # A pasted news article: its body is the bulletin's item (a chapter of its own, read under
    # its headline), not a greeting that runs the whole bulletin.
    path = station_dir / "bai-bao.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    script = load_script(path, station)
    assert script.meta.title == "Phòng chống cháy rừng mùa khô năm 2025"
    (item,) = script.items
    assert item.title == "Phòng chống cháy rừng mùa khô năm 2025" and item.line == 1 and item.speak_title
    assert [s.line for s in item.segments] == [3, 5]


def test_a_word_article_with_no_headings_is_one_item_under_its_title(station, station_dir):
    path = _document(
        station_dir / "thong-bao.docx",
        [("Title", "Thông báo lịch tiêm chủng", None), ("Normal", "Trạm y tế xã tiêm vắc xin sởi.", None),
         ("Normal", "Phụ huynh đưa trẻ đến đúng giờ.", None)],
    )
    (item,) = load_script(path, station).items
    assert item.title == "Thông báo lịch tiêm chủng" and item.speak_title
    assert [s.text for s in item.segments] == ["Trạm y tế xã tiêm vắc xin sởi.", "Phụ huynh đưa trẻ đến đúng giờ."]


def test_text_file_with_bom_and_crlf(station, station_dir):
    path = station_dir / "bom.txt"
    path.write_bytes("\ufeffTiêu đề\r\n\r\n1. Mục\r\nNội dung.\r\n".encode("utf-8"))
    script = load_script(path, station)
    assert script.meta.title == "Tiêu đề"
    assert script.items[0].title == "1. Mục"


def test_legacy_bytes_text_file_is_repaired(station, station_dir):
    # "ANSI" text saved from a TCVN3 (.VnTime) document: not UTF-8, read through
    # cp1252 and converted back to Vietnamese.
    path = station_dir / "ansi.txt"
    path.write_bytes("Ti\xaau \xae\xd2 b\xb6n tin\n\n1. M\xf4c\nN\xe9i dung.\n".encode("latin-1"))
    script = load_script(path, station)
    assert script.meta.title == "Tiêu đề bản tin"
    assert script.items[0].segments[0] == Speech("Nội dung.", 4)


def test_empty_text_file(station, station_dir):
    path = station_dir / "trong.txt"
    path.write_text("\n\n  \n", encoding="utf-8")
    with pytest.raises(ScriptError, match="tệp văn bản trống"):
        load_script(path, station)


def test_text_file_title_only(station, station_dir):
    path = station_dir / "title.txt"
    path.write_text("Chỉ có tiêu đề\n", encoding="utf-8")
    with pytest.raises(ScriptError, match="kịch bản trống"):
        load_script(path, station)


def test_text_file_directive_errors_have_lines(station, station_dir):
    path = station_dir / "bad.txt"
    path.write_text("Tiêu đề\n1. Mục\n@audio khong-co.mp3\n", encoding="utf-8")
    with pytest.raises(ScriptError, match=r"bad.txt, dòng 3: không tìm thấy tệp ghi âm 'khong-co.mp3'"):
        load_script(path, station)


def _document(path, paragraphs, *, title=None):
    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    for style, text, font in paragraphs:
        para = document.add_paragraph(style=style)
        run = para.add_run(text)
        if font:
            run.font.name = font
            run.font.size = Pt(13)
    document.save(str(path))
    return path


def test_docx_headings_and_paragraphs(station, station_dir):
    write_audio(station_dir / "pv.mp3", tone(1.0), 44100)
    path = _document(
        station_dir / "ban-tin.docx",
        [
            ("Title", "Bản tin Thông tin đối ngoại quý III", None),
            ("Normal", "Kính thưa quý vị!", None),
            ("Heading 1", "Quảng bá du lịch biển", None),
            ("Normal", "Huyện đón 1.200 lượt khách.", "Times New Roman"),
            ("Normal", "", None),
            ("Normal", "@audio pv.mp3 gain=-2", None),
            ("Normal", "2. Tin vắn trong tuần", None),
            ("Normal", "Nội dung tin vắn.", None),
        ],
    )
    script = load_script(path, station)
    assert script.meta.title == "Bản tin Thông tin đối ngoại quý III"
    lead, first, second = script.items
    assert lead.segments == (Speech("Kính thưa quý vị!", 2),)
    assert first.title == "Quảng bá du lịch biển" and first.line == 3
    assert first.segments[0] == Speech("Huyện đón 1.200 lượt khách.", 4, "Times New Roman")
    assert first.segments[1] == Recording(station_dir / "pv.mp3", 6, -2.0)
    assert second.title == "2. Tin vắn trong tuần"
    assert second.segments == (Speech("Nội dung tin vắn.", 8),)


def test_docx_title_from_properties(station, station_dir):
    path = _document(
        station_dir / "p.docx",
        [("Heading 1", "Mục một", None), ("Normal", "Nội dung.", None)],
        title="Tiêu đề trong thuộc tính",
    )
    script = load_script(path, station)
    assert script.meta.title == "Tiêu đề trong thuộc tính"
    assert [i.title for i in script.items] == ["Mục một"]


def test_docx_legacy_font_text_is_repaired(station, station_dir):
    path = _document(
        station_dir / "vn.docx",
        [("Normal", "Tiêu đề", None), ("Heading 1", "Mục", None), ("Normal", "UBND huyÖn", ".VnTime")],
    )
    speech = load_script(path, station).items[0].segments[0]
    assert speech.font == ".VnTime"
    assert speech.text == "UBND huyện"


@pytest.mark.parametrize("content", [b"", b"not a zip file", b"PK\x03\x04broken"])
def test_corrupt_docx(station, station_dir, content):
    path = station_dir / "hong.docx"
    path.write_bytes(content)
    with pytest.raises(ScriptError, match="không mở được tệp Word"):
        load_script(path, station)


def test_empty_docx(station, station_dir):
    path = _document(station_dir / "trong.docx", [])
    with pytest.raises(ScriptError, match="tài liệu Word trống"):
        load_script(path, station)
