"""Word documents read as Word shows them, and structured as operators type them.

The documents are made here with python-docx, with the Word XML an editor leaves
(tracked changes, content controls, fields, smart tags, text boxes, hidden text,
Shift+Enter breaks) put in by hand.
"""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Pt
from helpers import tone, write_audio

from bulletin.script import load_script

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _run(text: str, extra: str = "") -> str:
    return f'<w:r><w:rPr>{extra}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _xml_paragraph(document, inner: str) -> None:
    """Append a paragraph whose body is ``inner`` (runs and the markup around them)."""
    document.element.body.append(parse_xml(f"<w:p {W}>{inner}</w:p>"))


def _spoken(script) -> list[str]:
    return [s.text for item in script.items for s in item.speeches]


def test_tracked_changes_fields_smart_tags_and_content_controls_are_read_as_shown(station, station_dir):
    document = docx.Document()
    document.add_paragraph("Thông báo thay đổi lịch họp", style="Title")
    _xml_paragraph(document, _run("Cuộc họp diễn ra vào ")
                   + f'<w:del w:id="1" w:author="A" {W}><w:r><w:delText>thứ Hai</w:delText></w:r></w:del>'
                   + f'<w:ins w:id="2" w:author="A" {W}>{_run("thứ Tư")}</w:ins>'
                   + _run(" tại nhà văn hóa thôn."))
    _xml_paragraph(document, _run("Liên hệ ")
                   + f"<w:sdt><w:sdtPr/><w:sdtContent>{_run('ông Nguyễn Văn Nam')}</w:sdtContent></w:sdt>"
                   + _run(" để được hướng dẫn."))
    _xml_paragraph(document, _run("Địa điểm: ")
                   + f'<w:smartTag w:uri="urn:x" w:element="place">{_run("Nhà văn hóa thôn Đông")}</w:smartTag>'
                   + _run("."))
    _xml_paragraph(document, _run("Bản tin phát ngày ")
                   + f'<w:fldSimple w:instr=" DATE ">{_run("14/3/2025")}</w:fldSimple>' + _run("."))
    document.element.body.append(parse_xml(
        f"<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p>{_run('Đoạn văn trong vùng nội dung.')}</w:p>"
        "</w:sdtContent></w:sdt>"))
    path = station_dir / "ban-sua.docx"
    document.save(str(path))
    spoken = " ".join(_spoken(load_script(path, station)))
    assert "vào thứ Tư tại nhà văn hóa" in spoken and "thứ Hai" not in spoken
    assert "Liên hệ ông Nguyễn Văn Nam để được hướng dẫn." in spoken
    assert "Địa điểm: Nhà văn hóa thôn Đông." in spoken
    assert "Bản tin phát ngày 14/3/2025." in spoken
    assert "Đoạn văn trong vùng nội dung." in spoken


def test_hidden_text_is_not_read_and_a_text_box_is(station, station_dir):
    document = docx.Document()
    document.add_paragraph("Tin thời tiết", style="Title")
    _xml_paragraph(document, _run("Trời rét đậm.") + _run(" GHI CHÚ NỘI BỘ: không đọc câu này.", "<w:vanish/>"))
    box = (f'<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
           f"<w:p>{_run('Bà con chú ý giữ ấm cho trẻ nhỏ.')}</w:p>"
           "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    _xml_paragraph(document, _run("Không thả rông trâu bò.") + box)
    path = station_dir / "thoi-tiet.docx"
    document.save(str(path))
    spoken = _spoken(load_script(path, station))
    assert spoken == ["Trời rét đậm.", "Không thả rông trâu bò.", "Bà con chú ý giữ ấm cho trẻ nhỏ."]


def test_a_line_break_inside_a_paragraph_is_a_pause_unless_the_sentence_goes_on(station, station_dir):
    document = docx.Document()
    document.add_paragraph("Thông báo cắt điện", style="Title")
    document.add_paragraph("Thời gian: từ 7 giờ đến 17 giờ\nKhu vực: thôn 1 và thôn 2\nLý do: bảo dưỡng")
    document.add_paragraph("Đề nghị nhân dân chủ động\nsắp xếp công việc.")
    path = station_dir / "cat-dien.docx"
    document.save(str(path))
    assert _spoken(load_script(path, station)) == [
        "Thời gian: từ 7 giờ đến 17 giờ. Khu vực: thôn 1 và thôn 2. Lý do: bảo dưỡng",
        "Đề nghị nhân dân chủ động sắp xếp công việc.",
    ]


def _bold(document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


@pytest.mark.parametrize("kind", ["bold", "caps", "marker"])
def test_items_typed_without_heading_styles_are_items(station, station_dir, kind):
    document = docx.Document()
    document.add_paragraph("Bản tin xã Bình Minh tháng 3", style="Title")
    heads = {
        "bold": ["Xã ra quân làm đường giao thông", "Phòng chống dịch cúm gia cầm"],
        "caps": ["XÃ RA QUÂN LÀM ĐƯỜNG GIAO THÔNG", "PHÒNG CHỐNG DỊCH CÚM GIA CẦM"],
        "marker": ["Tin 1: Xã ra quân làm đường giao thông", "Tin thứ hai: Phòng chống dịch cúm gia cầm"],
    }[kind]
    for head, body in zip(heads, ["Sáng 12/3, xã ra quân làm đường.", "Trạm Thú y khuyến cáo tiêm phòng."]):
        if kind == "bold":
            _bold(document, head)
        else:
            document.add_paragraph(head)
        document.add_paragraph(body)
    path = station_dir / f"{kind}.docx"
    document.save(str(path))
    script = load_script(path, station)
    assert [item.title for item in script.items] == heads
    assert [[s.text for s in item.speeches] for item in script.items] == [
        ["Sáng 12/3, xã ra quân làm đường."], ["Trạm Thú y khuyến cáo tiêm phòng."]]


def test_a_document_typed_all_in_capitals_is_not_cut_into_items(station, station_dir):
    path = station_dir / "chu-hoa.txt"
    path.write_text("THÔNG BÁO CỦA XÃ\n\nXÃ TỔ CHỨC TIÊM PHÒNG CHO ĐÀN GIA SÚC\n\nĐỀ NGHỊ BÀ CON ĐƯA VẬT NUÔI ĐẾN\n\n"
                    "THỜI GIAN TỪ NGÀY 15 ĐẾN 25/3\n", encoding="utf-8")
    script = load_script(path, station)
    assert len(script.items) == 1 and len(script.items[0].speeches) == 3


def test_a_numbered_list_is_text_not_items(station, station_dir):
    document = docx.Document()
    document.add_paragraph("Thông báo tuyển dụng công chức xã", style="Title")
    document.add_paragraph("UBND xã thông báo tuyển dụng 2 công chức. Hồ sơ gồm có:")
    for entry in ("Đơn đăng ký dự tuyển", "Bản sơ yếu lý lịch", "Giấy chứng nhận sức khỏe"):
        document.add_paragraph(entry, style="List Number")
    document.add_paragraph("Thời gian nhận hồ sơ: từ ngày 1/4 đến 30/4/2025.")
    path = station_dir / "tuyen-dung.docx"
    document.save(str(path))
    script = load_script(path, station)
    (item,) = script.items
    assert item.title == "Thông báo tuyển dụng công chức xã"
    assert [s.text for s in item.speeches][1:4] == [
        "1. Đơn đăng ký dự tuyển", "2. Bản sơ yếu lý lịch", "3. Giấy chứng nhận sức khỏe"]


def test_numbered_items_with_their_own_text_are_still_items(station, station_dir):
    document = docx.Document()
    document.add_paragraph("Báo cáo tuần", style="Title")
    document.add_paragraph("1. Công tác phòng chống dịch")
    document.add_paragraph("Trạm Y tế đã phun thuốc tại 3 thôn.")
    document.add_paragraph("2. Công tác an ninh trật tự")
    document.add_paragraph("Công an xã tuần tra 15 lượt.")
    path = station_dir / "tuan.docx"
    document.save(str(path))
    assert [i.title for i in load_script(path, station).items] == [
        "1. Công tác phòng chống dịch", "2. Công tác an ninh trật tự"]


def test_when_every_item_is_heading_1_the_first_is_read_too(station, station_dir):
    document = docx.Document()
    for head, body in (("Xã ra quân làm thủy lợi", "Hơn 500 người dân ra quân."),
                       ("Tiêm phòng cho đàn gia súc", "Đợt tiêm từ 15/3 đến 25/3."),
                       ("Thông báo cắt điện", "Cắt điện từ 7 giờ đến 17 giờ.")):
        document.add_paragraph(head, style="Heading 1")
        document.add_paragraph(body)
    path = station_dir / "h1.docx"
    document.save(str(path))
    script = load_script(path, station)
    assert script.meta.title == "Xã ra quân làm thủy lợi"
    assert [i.title for i in script.items] == ["Xã ra quân làm thủy lợi", "Tiêm phòng cho đàn gia súc",
                                               "Thông báo cắt điện"]
    assert script.items[0].speeches[0].text == "Hơn 500 người dân ra quân."


def test_a_numbered_first_line_names_the_bulletin_and_stays_its_first_item(station, station_dir):
    path = station_dir / "so-thu-tu.txt"
    path.write_text("1. Xã ra quân làm thủy lợi\nHơn 500 người dân ra quân.\n2. Tiêm phòng cho đàn gia súc\n"
                    "Đợt tiêm từ 15/3.\n", encoding="utf-8")
    script = load_script(path, station)
    assert script.meta.title == "Xã ra quân làm thủy lợi"
    assert [i.title for i in script.items] == ["1. Xã ra quân làm thủy lợi", "2. Tiêm phòng cho đàn gia súc"]


def test_a_title_over_the_first_heading_stays_the_title_only(station, station_dir):
    document = docx.Document()
    _bold(document, "Bản tin xã Bình Minh tháng 3")
    for head in ("Xã ra quân làm đường giao thông", "Phòng chống dịch cúm gia cầm"):
        _bold(document, head)
        document.add_paragraph("Nội dung tin.")
    path = station_dir / "tieu-de.docx"
    document.save(str(path))
    script = load_script(path, station)
    assert script.meta.title == "Bản tin xã Bình Minh tháng 3"
    assert [i.title for i in script.items] == ["Xã ra quân làm đường giao thông", "Phòng chống dịch cúm gia cầm"]


def test_directives_typed_in_word(station, station_dir):
    write_audio(station_dir / "phong van.wav", tone(1.0), 44100)
    document = docx.Document()
    document.add_paragraph("Bản tin có ghi âm", style="Title")
    document.add_paragraph("Ý kiến người dân", style="Heading 1")
    document.add_paragraph("@audio “phong van.wav”")  # Word's curly quotes
    document.add_paragraph("Ý kiến cán bộ", style="Heading 1")
    document.add_paragraph("@ audio ‘phong van.wav’")
    document.add_paragraph("@UBNDxaBinhMinh cảm ơn bà con đã tham gia.")  # a mention, not a directive
    path = station_dir / "ghi-am.docx"
    document.save(str(path))
    script = load_script(path, station)
    first, second = script.items
    assert first.segments[0].path == station_dir / "phong van.wav"
    assert second.segments[0].path == station_dir / "phong van.wav"
    assert second.segments[1].text == "@UBNDxaBinhMinh cảm ơn bà con đã tham gia."


def test_a_legacy_header_table_is_converted_cell_by_cell_and_left_out(station, station_dir):
    # A TCVN3 document: the issuing body and motto in .VnTimeH (capitals), the rest in .VnTime.
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    cells = [("UBND X· B×NH MINH", ".VnTimeH"), ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", ".VnTimeH"),
             ("Sè: 25/TB-UBND", ".VnTime"), ("B×nh Minh, ngµy 10 th¸ng 3 n¨m 2025", ".VnTime")]
    for cell, (text, font) in zip((c for row in table.rows for c in row.cells), cells):
        run = cell.paragraphs[0].add_run(text)
        run.font.name, run.font.size = font, Pt(13)
    for text in ("TH¤NG B¸O", "VÒ viÖc tiªm phßng cho ®µn gia sóc", "Tr¹m Thó y x· tæ chøc tiªm phßng tõ ngµy 15/3."):
        document.add_paragraph().add_run(text).font.name = ".VnTime"
    path = station_dir / "tcvn3.docx"
    document.save(str(path))
    script = load_script(path, station)
    assert script.meta.title == "Về việc tiêm phòng cho đàn gia súc"
    assert _spoken(script) == ["Trạm Thú y xã tổ chức tiêm phòng từ ngày 15/3."]


TEXT = "Thông báo về việc nạo vét kênh mương\nỦy ban nhân dân xã Bình Minh thông báo lịch nạo vét.\n"


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16-le", "utf-16-be"])
def test_text_saved_by_windows_in_any_encoding_is_read(station, station_dir, encoding):
    path = station_dir / f"{encoding}.txt"
    data = TEXT.encode(encoding) if encoding != "cp1258" else _cp1258(TEXT)
    path.write_bytes(data)
    script = load_script(path, station)
    assert script.meta.title == "Thông báo về việc nạo vét kênh mương"
    assert _spoken(script) == ["Ủy ban nhân dân xã Bình Minh thông báo lịch nạo vét."]


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Notepad saves it: letters with their hat or horn, tone marks apart."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in tones)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + tone)
    return "".join(out).encode("cp1258")


def test_hard_wrapped_text_joins_only_lines_that_go_on(station, station_dir):
    path = station_dir / "xuong-dong.txt"
    path.write_text("Tin trong xã\nSáng 18/3, Đảng ủy xã tổ chức hội nghị giao ban\nkhối dân vận quý I.\n"
                    "a) Hội thi tuyên truyền viên giỏi\nb) Kỳ thi tuyển sinh lớp 10\n“Chúng tôi rất phấn khởi”, "
                    "một người dân nói.\n(Số liệu tính đến ngày 15/3)\n", encoding="utf-8")
    assert _spoken(load_script(path, station)) == [
        "Sáng 18/3, Đảng ủy xã tổ chức hội nghị giao ban khối dân vận quý I.",
        "a) Hội thi tuyên truyền viên giỏi", "b) Kỳ thi tuyển sinh lớp 10",
        "“Chúng tôi rất phấn khởi”, một người dân nói.", "(Số liệu tính đến ngày 15/3)"]


def test_the_documents_own_sign_off_is_left_to_the_stations_closing(station, station_dir):
    path = station_dir / "ket.txt"
    path.write_text("Tin trong xã\n1. Tiêm phòng cho đàn gia súc\nĐợt tiêm từ 15/3.\n"
                    "Thưa quý vị, bản tin của xã đến đây là kết thúc.\nXin chào và hẹn gặp lại.\n", encoding="utf-8")
    script = load_script(path, station)
    assert _spoken(script) == ["Đợt tiêm từ 15/3."]
    assert [(s.line, s.kind) for s in script.skipped] == [(4, "closing"), (5, "closing")]


def test_a_sign_off_is_kept_when_the_station_has_no_closing(station, station_dir):
    from dataclasses import replace

    path = station_dir / "ket.txt"
    path.write_text("Tin trong xã\n1. Tiêm phòng\nĐợt tiêm từ 15/3.\nXin chào và hẹn gặp lại.\n", encoding="utf-8")
    script = load_script(path, replace(station, closing=""))
    assert _spoken(script)[-1] == "Xin chào và hẹn gặp lại."
