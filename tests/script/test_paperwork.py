"""The paperwork of an official document is not read; its subject is the title."""

from __future__ import annotations

import docx
import pytest
from helpers import run_cli

from bulletin.script import load_script
from bulletin.script.paperwork import find_layout

OFFICIAL = [
    "UBND HUYỆN NÚI THÀNH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: /BC-UBND",
    "Núi Thành, ngày 15 tháng 7 năm 2024",
    "BÁO CÁO",
    "Công tác thông tin đối ngoại 6 tháng đầu năm 2024",
    "Thực hiện Công văn số 179-CV/BTGHU, UBND huyện báo cáo như sau:",
    "1. Công tác chỉ đạo điều hành",
    "Xây dựng Kế hoạch triển khai công tác thông tin đối ngoại năm 2024.",
    "Trên đây là báo cáo của UBND huyện./.",
    "Nơi nhận:",
    "- Sở TT&TT (b/c);",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Lê Văn Sinh",
]


def _lines(texts):
    return [(n, t) for n, t in enumerate(texts, start=1)]


def test_official_document():
    layout = find_layout(_lines(OFFICIAL))
    assert layout.title == "Công tác thông tin đối ngoại 6 tháng đầu năm 2024"
    assert layout.title_lines == {6, 7}
    assert [n for n, _ in layout.skipped] == [1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17]


@pytest.mark.parametrize("texts, title, skipped", [
    # A bulletin with a capitals title line and its number: the line is the title.
    (["BẢN TIN THÔNG TIN ĐỐI NGOẠI QUÝ II/2024", "Số 02/2024", "Kính thưa quý vị."],
     "BẢN TIN THÔNG TIN ĐỐI NGOẠI QUÝ II/2024", [2]),
    # The motto's old tone placement and a date line with blanks.
    (["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", ", ngày   tháng   năm 2024", "THÔNG BÁO", "Lịch tiêm chủng tháng 8",
      "Nội dung."], "Lịch tiêm chủng tháng 8", [1, 2]),
    # A "V/v" subject line becomes "Về việc …".
    (["V/v tăng cường phòng chống bão số 3", "Đề nghị các thôn thực hiện."],
     "Về việc tăng cường phòng chống bão số 3", []),
    # A signature block without "Nơi nhận".
    (["Tin vắn", "Nội dung tin.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"], None, [3, 4, 5]),
])
def test_layouts(texts, title, skipped):
    layout = find_layout(_lines(texts))
    assert layout.title == title
    assert [n for n, _ in layout.skipped] == skipped


@pytest.mark.parametrize("texts", [
    # Capitals headings that name a commune are content, not an issuing body, without the motto.
    ["XÃ TAM HIỆP ĐẠT CHUẨN NÔNG THÔN MỚI", "Sáng nay, xã tổ chức lễ đón bằng công nhận."],
    # "Số lượng…" is a sentence, not a document number.
    ["Số lượng khách du lịch tăng mạnh", "Trong quý II, huyện đón 12.000 lượt khách."],
    # A dated opening sentence with more than a date stays.
    ["Ngày 21 tháng 6 năm 2024, huyện tổ chức gặp mặt báo chí.", "Nội dung."],
])
def test_content_is_not_taken_for_paperwork(texts):
    layout = find_layout(_lines(texts))
    assert layout.skipped == ()
    assert layout.title is None


def test_imported_word_report_reads_only_the_body(station, station_dir):
    document = docx.Document()
    for text in OFFICIAL:
        document.add_paragraph(text)
    document.save(str(station_dir / "bao-cao.docx"))
    script = load_script(station_dir / "bao-cao.docx", station)
    assert script.meta.title == "Công tác thông tin đối ngoại 6 tháng đầu năm 2024"
    spoken = [s.text for item in script.items for s in item.speeches] + [i.title for i in script.items]
    joined = " ".join(spoken)
    for paperwork in ("CỘNG HÒA", "Độc lập", "Số:", "Nơi nhận", "Lưu: VT", "TM. ỦY BAN", "Lê Văn Sinh"):
        assert paperwork not in joined, paperwork
    assert "Trên đây là báo cáo của UBND huyện./." in joined
    assert [i.title for i in script.items] == ["", "1. Công tác chỉ đạo điều hành"]
    assert [n for n, _ in script.skipped] == [1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17]

    checked = run_cli("check", "bao-cao.docx", "--engine", "espeak")
    assert checked.exit_code == 0, checked.output
    assert "không đọc 11 dòng thủ tục của văn bản" in checked.output
    assert "dòng 1–5, 12–17" in checked.output


def test_pasted_text_report(station, station_dir):
    path = station_dir / "bao-cao.txt"
    path.write_text("\n".join(OFFICIAL) + "\n", encoding="utf-8")
    script = load_script(path, station)
    assert script.meta.title == "Công tác thông tin đối ngoại 6 tháng đầu năm 2024"
    assert script.items[0].speeches[0].text.startswith("Thực hiện Công văn số 179-CV/BTGHU")
