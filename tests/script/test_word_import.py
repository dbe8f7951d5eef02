"""Word documents as operators receive them: tables in reading order, auto-numbered headings, paperwork."""

from __future__ import annotations

import docx
import pytest
from helpers import probe_duration, run_cli, tone, write_audio

from bulletin.script import load_script
from bulletin.script.model import Recording, Speech
from bulletin.script.tables import read_table
from bulletin.text import Normalizer


def _table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            paragraphs = text if isinstance(text, list) else [text]
            cell.paragraphs[0].text = paragraphs[0]
            for more in paragraphs[1:]:
                cell.add_paragraph(more)
    return table


def _spoken(script) -> list[str]:
    return [s.text for item in script.items for s in item.speeches]


FIGURES = [
    ["Mặt hàng", "Tỷ trọng (%)"],
    ["Thủy sản", "85,4"],
    ["Dăm gỗ", "62,1"],
    ["Nông sản chế biến", "12"],
]


def test_figures_table_is_read_as_sentences_in_place(station, station_dir):
    document = docx.Document()
    document.add_paragraph("Xuất khẩu sáu tháng đầu năm", style="Title")
    document.add_paragraph("Các mặt hàng chủ lực gồm:")
    _table(document, FIGURES)
    document.add_paragraph("Kim ngạch tăng so với cùng kỳ.")
    document.save(str(station_dir / "xuat-khau.docx"))

    script = load_script(station_dir / "xuat-khau.docx", station)
    # In reading order: the sentence before the table, one sentence per row, the paragraph after.
    assert _spoken(script) == [
        "Các mặt hàng chủ lực gồm:",
        "Thủy sản: 85,4 %.",
        "Dăm gỗ: 62,1 %.",
        "Nông sản chế biến: 12 %.",
        "Kim ngạch tăng so với cùng kỳ.",
    ]
    spoken = Normalizer.for_station(station).normalize("Thủy sản: 85,4 %.")
    assert "tám mươi lăm phẩy bốn phần trăm" in spoken
    assert script.skipped == ()


def test_table_with_several_columns_names_each_figure():
    rows = [[["STT"], ["Mặt hàng"], ["Kim ngạch (triệu USD)"], ["Tăng (%)"]],
            [["1"], ["Thủy sản"], ["12,5"], ["8"]],
            [["2"], ["Dăm gỗ"], ["7"], [""]]]
    reading = read_table(rows)
    assert reading.kind == "data"
    assert [line.text for line in reading.lines] == [
        "Thủy sản: kim ngạch 12,5 triệu USD, tăng 8 %.",
        "Dăm gỗ: kim ngạch 7 triệu USD.",
    ]


def test_a_caption_row_across_the_table_is_read_before_its_figures():
    rows = [[["Kim ngạch xuất khẩu sáu tháng"]], [["Mặt hàng"], ["Tỷ trọng (%)"]], [["Thủy sản"], ["85,4"]]]
    reading = read_table(rows)
    assert reading.kind == "data"
    assert [(line.text, line.row) for line in reading.lines] == [
        ("Kim ngạch xuất khẩu sáu tháng", 0), ("Thủy sản: 85,4 %.", 2)]


def test_year_columns_are_said_as_years():
    rows = [[[""], ["2023"], ["Năm 2024"]], [["Diện tích lúa (ha)"], ["1.200"], ["1.350"]]]
    reading = read_table(rows)
    assert [line.text for line in reading.lines] == ["Diện tích lúa: năm 2023 là 1.200 ha, năm 2024 là 1.350 ha."]


def test_radio_script_table_builds_with_its_recordings(station, station_dir):
    write_audio(station_dir / "phong-van-ngu-dan.mp3", tone(2.0, freq=330), 44100)
    write_audio(station_dir / "tieng song.wav", tone(1.5, freq=550), 44100)
    document = docx.Document()
    document.add_paragraph("Chuyên đề biển đảo", style="Title")
    _table(document, [
        ["Âm thanh", "Lời bình"],
        ["Nhạc hiệu chương trình", "PTV: Kính thưa quý vị, mời quý vị nghe chuyên đề biển đảo."],
        ["Băng: phong-van-ngu-dan.mp3", ["Ngư dân bám biển", "Anh Nguyễn Văn Hải chia sẻ về chuyến biển đầu năm."]],
        ["tieng song.wav", "Mỗi chuyến biển kéo dài hai mươi ngày."],
    ])
    document.save(str(station_dir / "bien-dao.docx"))

    script = load_script(station_dir / "bien-dao.docx", station)
    lead, item = script.items
    assert _spoken(script)[0] == "Kính thưa quý vị, mời quý vị nghe chuyên đề biển đảo."
    assert item.title == "Ngư dân bám biển"
    kinds = [(type(s).__name__, getattr(s, "path", None) or getattr(s, "text", None)) for s in item.segments]
    assert kinds == [
        ("Recording", station_dir / "phong-van-ngu-dan.mp3"),
        ("Speech", "Anh Nguyễn Văn Hải chia sẻ về chuyến biển đầu năm."),
        ("Recording", station_dir / "tieng song.wav"),
        ("Speech", "Mỗi chuyến biển kéo dài hai mươi ngày."),
    ]
    # The note in the sound column is not read, and check says so.
    assert [(s.kind, s.text) for s in script.skipped] == [("direction", "Nhạc hiệu chương trình")]

    out = station_dir / "out" / "bien-dao.mp3"
    built = run_cli("build", "bien-dao.docx", "-o", out, "--engine", "espeak")
    assert built.exit_code == 0, built.output
    assert "Ngư dân bám biển" in run_cli("inspect", out).output.split("Các chương:")[1]

    # The same script without its sound column: shorter by the two recordings (2.0 s + 1.5 s), less the
    # pause that then separates the two paragraphs.
    document = docx.Document()
    document.add_paragraph("Chuyên đề biển đảo", style="Title")
    _table(document, [
        ["Âm thanh", "Lời bình"],
        ["Nhạc hiệu chương trình", "PTV: Kính thưa quý vị, mời quý vị nghe chuyên đề biển đảo."],
        ["", ["Ngư dân bám biển", "Anh Nguyễn Văn Hải chia sẻ về chuyến biển đầu năm."]],
        ["", "Mỗi chuyến biển kéo dài hai mươi ngày."],
    ])
    document.save(str(station_dir / "khong-am-thanh.docx"))
    silent = station_dir / "out" / "khong-am-thanh.mp3"
    assert run_cli("build", "khong-am-thanh.docx", "-o", silent, "--engine", "espeak").exit_code == 0
    expected = 3.5 - station.audio.pause_between_paragraphs
    assert abs(probe_duration(out) - probe_duration(silent) - expected) < 0.15


def test_list_number_headings_become_chapters(station, station_dir):
    document = docx.Document()
    document.add_paragraph("Bản tin tháng Bảy", style="Title")
    document.add_paragraph("Kính thưa quý vị và các bạn.")
    document.add_paragraph("Phòng chống dịch tả lợn châu Phi", style="List Number")
    document.add_paragraph("Huyện đã tiêm phòng cho hơn hai nghìn con lợn.")
    document.add_paragraph("Tuyển quân năm 2025", style="List Number")
    document.add_paragraph("Xã đã hoàn thành khám tuyển.")
    document.add_paragraph("Các điểm cần chú ý khi đăng ký.", style="List Number")
    document.save(str(station_dir / "thang-bay.docx"))

    script = load_script(station_dir / "thang-bay.docx", station)
    assert [i.title for i in script.items] == ["", "1. Phòng chống dịch tả lợn châu Phi", "2. Tuyển quân năm 2025"]
    # A numbered sentence is speech, with its number.
    assert script.items[2].speeches[-1].text == "3. Các điểm cần chú ý khi đăng ký."

    out = station_dir / "out" / "thang-bay.mp3"
    built = run_cli("build", "thang-bay.docx", "-o", out, "--engine", "espeak")
    assert built.exit_code == 0, built.output
    chapters = run_cli("inspect", out).output.split("Các chương:")[1]
    assert "1. Phòng chống dịch tả lợn châu Phi" in chapters and "2. Tuyển quân năm 2025" in chapters


def test_skipped_table_is_named_by_check(station, station_dir):
    document = docx.Document()
    document.add_paragraph("Kết quả bầu cử", style="Title")
    document.add_paragraph("Sau đây là kết quả.")
    _table(document, [
        ["Đơn vị", "Kết quả bầu cử đại biểu Hội đồng nhân dân xã nhiệm kỳ 2021 – 2026 tại các thôn trong toàn xã"],
        ["", "Cử tri đi bầu đạt tỷ lệ rất cao, không có khiếu nại nào được ghi nhận trong suốt ngày bầu cử"],
    ])
    document.add_paragraph("Xin cảm ơn quý vị.")
    document.save(str(station_dir / "bau-cu.docx"))

    script = load_script(station_dir / "bau-cu.docx", station)
    assert _spoken(script) == ["Sau đây là kết quả.", "Xin cảm ơn quý vị."]
    (skipped,) = script.skipped
    assert skipped.kind == "table" and skipped.line == 3

    checked = run_cli("check", "bau-cu.docx", "--engine", "espeak")
    assert checked.exit_code == 0, checked.output
    assert "bảng thứ 1 trong tài liệu" in checked.output
    assert "dòng 3" in checked.output and "2 hàng × 2 cột" in checked.output


OFFICIAL_HEADER = [
    [["UBND HUYỆN NÚI THÀNH", "PHÒNG VĂN HÓA VÀ THÔNG TIN", "Số: 12/BC-VHTT"],
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Núi Thành, ngày 15 tháng 7 năm 2024"]],
]


def test_official_layout_tables_and_closing_lines_are_paperwork(station, station_dir):
    document = docx.Document()
    _table(document, OFFICIAL_HEADER)
    document.add_paragraph("BẢN TIN")
    document.add_paragraph("Thông tin đối ngoại tháng 7 năm 2024")
    document.add_paragraph("Huyện tổ chức tuần lễ du lịch biển.")
    _table(document, [[["Nơi nhận:", "- Như trên;", "- Lưu: VT."], ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG",
                                                                      "Nguyễn Văn An"]]])
    document.save(str(station_dir / "ban-tin-so.docx"))
    script = load_script(station_dir / "ban-tin-so.docx", station)
    assert script.meta.title == "Thông tin đối ngoại tháng 7 năm 2024"
    assert _spoken(script) == ["Huyện tổ chức tuần lễ du lịch biển."]
    skipped = " ".join(s.text for s in script.skipped)
    for text in ("PHÒNG VĂN HÓA", "CỘNG HÒA", "Nơi nhận", "KT. TRƯỞNG PHÒNG", "Nguyễn Văn An"):
        assert text in skipped, text


@pytest.mark.parametrize("closing", [
    ["PHÒNG VĂN HÓA VÀ THÔNG TIN"],
    ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Sinh"],
    ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Trần Thị Hoa"],
])
def test_issuing_body_and_signature_at_the_end_are_not_read(station, station_dir, closing):
    path = station_dir / "tin.txt"
    path.write_text("Tin tuyển quân\n\nXã đã hoàn thành khám tuyển.\n" + "\n".join(closing) + "\n", encoding="utf-8")
    script = load_script(path, station)
    assert _spoken(script) == ["Xã đã hoàn thành khám tuyển."]
    assert [s.text for s in script.skipped] == closing


def test_a_closing_sentence_in_capitals_is_still_read(station, station_dir):
    path = station_dir / "tin.txt"
    path.write_text("Tin tuyển quân\n\nXã đã hoàn thành khám tuyển.\nHÃY CÙNG NHAU PHÒNG CHỐNG DỊCH BỆNH!\n",
                    encoding="utf-8")
    script = load_script(path, station)
    assert _spoken(script)[-1] == "HÃY CÙNG NHAU PHÒNG CHỐNG DỊCH BỆNH!"
    assert isinstance(script.items[0].segments[0], Speech) and not isinstance(script.items[0].segments[0], Recording)


def test_table_in_a_legacy_font_is_repaired(station, station_dir):
    document = docx.Document()
    document.add_paragraph("Xuất khẩu", style="Title")
    table = _table(document, [["MÆt hµng", "Tû träng (%)"], ["Thñy s¶n", "85,4"]])
    for row in table.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.font.name = ".VnTime"
    document.save(str(station_dir / "vntime.docx"))
    script = load_script(station_dir / "vntime.docx", station)
    assert _spoken(script) == ["Thủy sản: 85,4 %."]
