"""The report section: the summary sentence, the table, totals, quota, and md/csv/docx output."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace

import pytest
from docx import Document
from docx.shared import Pt
from helpers import run_cli
from log_helpers import SERIES, entry

from bulletin.config import Station
from bulletin.log import store
from bulletin.periods import parse_period
from bulletin.reports.render import render_csv, render_markdown, render_text
from bulletin.reports.report import make_report

AFTER = dt.date(2030, 1, 1)
STATION = Station(name="Đài Truyền thanh huyện Núi Thành")


def h1_records():
    return [
        entry("2024-02-05 06:30", "TTĐN-2024-Q1-01", duration=598, title="Biển đảo quê hương"),
        entry("2024-03-15 17:00", "TTĐN-2024-Q1-02", duration=581, title="Hội nhập quốc tế"),
        entry("2024-03-16 17:00", "TTĐN-2024-Q1-02", duration=581, title="Hội nhập quốc tế", place="Cụm loa thôn 3"),
        entry("2024-04-20 06:30", "TTĐN-2024-Q2-01", duration=600, title="Du lịch Núi Thành", note="phát bù"),
        entry("2024-06-30 23:59", "TTĐN-2024-Q2-02", duration=612, title="Kinh tế biển", planned="2024-Q1"),
        replace(entry("2024-05-05 06:30", "TTĐN-X", title="Ghi nhầm"), kind="void", reason="không phát"),
        entry("2024-05-06 06:30", "CĐS-01", series="Chuyển đổi số"),
        entry("2024-07-01 00:00", "TTĐN-2024-Q3-01"),
    ]


def h1_report(**kwargs):
    return make_report(h1_records(), parse_period("2024-H1"), STATION, today=AFTER, **kwargs)


def test_summary_sentence_in_the_style_of_the_district_report():
    report = h1_report()
    assert report.summary == (
        "Trong 6 tháng đầu năm 2024, đã tổ chức phát sóng 04 bản tin chuyên đề Thông tin đối ngoại, "
        "thời lượng từ 9 phút 41 giây đến 10 phút 12 giây/01 bản tin, với 05 lượt phát (chỉ tiêu: mỗi quý "
        "02 bản tin, thời lượng 10 phút/01 bản tin, tính khi phát từ 9 phút trở lên).")
    assert report.conclusion == "Kết quả: đạt chỉ tiêu cả 2 quý."


def test_summary_for_a_quarter_with_nothing_and_a_shortfall():
    q3 = make_report(h1_records(), parse_period("2024-Q4"), STATION, today=AFTER)
    assert q3.summary == ("Trong quý IV năm 2024, chưa phát sóng bản tin chuyên đề Thông tin đối ngoại nào được "
                          "tính (chỉ tiêu: mỗi quý 02 bản tin, thời lượng 10 phút/01 bản tin, tính khi phát từ "
                          "9 phút trở lên).")
    assert q3.conclusion == "Kết quả: chưa đạt chỉ tiêu – Quý IV/2024 còn thiếu 02 bản tin."
    year = make_report(h1_records(), parse_period("2024"), Station(quota_by_series={SERIES: 1}), today=AFTER)
    assert "mỗi quý 01 bản tin" in year.summary
    assert [q.status for q in year.quarters] == ["vượt", "vượt", "đạt", "chưa đạt"]
    assert year.conclusion == "Kết quả: chưa đạt chỉ tiêu – Quý IV/2024 còn thiếu 01 bản tin."


def test_summary_when_only_rebroadcasts_were_aired():
    records = [entry("2024-06-10 06:30", "A"), entry("2024-07-10 06:30", "A")]
    q3 = make_report(records[1:], parse_period("2024-Q3"), STATION, earlier={(SERIES, "A")}, today=AFTER)
    assert q3.summary.endswith("tính khi phát từ 9 phút trở lên); "
                               "có 01 lượt phát khác (phát lại hoặc không đủ điều kiện tính).")
    assert [row.notes for row in q3.rows] == [("phát lại (lần đầu ở kỳ trước)",)]


def test_table_rows_written_the_administrative_way():
    report = h1_report()
    assert [row.cells() for row in report.rows] == [
        ("1", "5/2/2024", "06:30", "TTĐN-2024-Q1-01", "Biển đảo quê hương", "9 phút 58 giây", "Cụm loa trung tâm", ""),
        ("2", "15/3/2024", "17:00", "TTĐN-2024-Q1-02", "Hội nhập quốc tế", "9 phút 41 giây", "Cụm loa trung tâm", ""),
        ("3", "16/3/2024", "17:00", "TTĐN-2024-Q1-02", "Hội nhập quốc tế", "9 phút 41 giây", "Cụm loa thôn 3",
         "phát lại (lần đầu 15/3/2024)"),
        ("4", "20/4/2024", "06:30", "TTĐN-2024-Q2-01", "Du lịch Núi Thành", "10 phút", "Cụm loa trung tâm", "phát bù"),
        ("5", "30/6/2024", "23:59", "TTĐN-2024-Q2-02", "Kinh tế biển", "10 phút 12 giây", "Cụm loa trung tâm",
         "dài quá 10 phút; làm cho Quý I/2024, phát ngoài quý đó"),
    ]
    assert report.quota_rows() == [
        ("Quý I/2024", "02", "02", "03", "29 phút 20 giây", "đạt"),
        ("Quý II/2024", "02", "02", "02", "20 phút 12 giây", "đạt"),
    ]
    q1, q2 = report.quarters
    assert report.quarter_total(q1) == "Cộng Quý I/2024: 02 bản tin, 03 lượt phát, 29 phút 20 giây"
    assert q2.flags == ("01 lần phát tệp dài quá 10 phút", "01 lần phát ngoài quý kế hoạch của bản tin",
                        "01 bản ghi đã hủy (không tính)")


def test_place_filter_and_other_series():
    report = h1_report(place="Cụm loa thôn 3")
    assert report.summary.startswith("Trong 6 tháng đầu năm 2024, đã tổ chức phát sóng 01 bản tin chuyên đề "
                                     "Thông tin đối ngoại tại Cụm loa thôn 3, ")
    other = h1_report(series="Chuyển đổi số")
    assert [row.record.bulletin_id for row in other.rows] == ["CĐS-01"]


def test_markdown():
    text = render_markdown(h1_report())
    lines = text.splitlines()
    assert lines[0] == "## Kết quả phát sóng bản tin chuyên đề Thông tin đối ngoại 6 tháng đầu năm 2024"
    assert "| STT | Ngày phát | Giờ | Mã bản tin | Tiêu đề | Thời lượng | Nơi phát | Ghi chú |" in lines
    assert ("| 4 | 20/4/2024 | 06:30 | TTĐN-2024-Q2-01 | Du lịch Núi Thành | 10 phút | Cụm loa trung tâm | "
            "phát bù |") in lines
    assert "|  | **Cộng Quý II/2024: 02 bản tin, 02 lượt phát, 20 phút 12 giây** |  |  |  |  |  |  |" in lines
    assert "| Quý I/2024 | 02 | 02 | 03 | 29 phút 20 giây | đạt |" in lines
    assert "- Quý II/2024: 01 bản ghi đã hủy (không tính)." in lines


def test_csv_opens_in_a_spreadsheet():
    text = render_csv(h1_report())
    assert text.startswith("\ufeffSTT,Ngày phát,Giờ")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert table[0] == ["STT", "Ngày phát", "Giờ", "Mã bản tin", "Tiêu đề", "Chuyên mục", "Thời lượng",
                        "Thời lượng (giây)", "Nơi phát", "Đài", "Tính vào chỉ tiêu", "Ghi chú"]
    assert table[3] == ["3", "16/3/2024", "17:00", "TTĐN-2024-Q1-02", "Hội nhập quốc tế", SERIES, "9 phút 41 giây",
                        "581", "Cụm loa thôn 3", "", "phát lại", "phát lại (lần đầu 15/3/2024)"]
    assert len(table) == 1 + len(h1_report().rows)  # one table, no sentences
    assert abs(sum(int(r[7]) for r in table[1:]) - sum(r.record.duration for r in h1_report().rows)) <= len(table) / 2


def test_text_for_the_terminal():
    text = render_text(h1_report(), title_width=12)
    assert text.splitlines()[0] == "KẾT QUẢ PHÁT SÓNG BẢN TIN CHUYÊN ĐỀ THÔNG TIN ĐỐI NGOẠI 6 THÁNG ĐẦU NĂM 2024"
    assert "Biển đảo qu…" in text and "Biển đảo quê hương" not in text
    assert "dài quá 10 phút; làm cho Quý I/2024, phát ngoài quý đó" in text
    assert "Ghi chú" not in render_text(h1_report(place="Cụm loa thôn 3"))  # no notes: no empty column
    assert "- Quý I năm 2024: 02/02 bản tin – đạt (03 lượt phát, 29 phút 20 giây)" in text
    assert "- Quý II năm 2024: 02/02 bản tin – đạt (02 lượt phát, 20 phút 12 giây)\n    Lưu ý: 01 lần phát tệp dài" in text
    assert text.splitlines()[-1] == "Kết quả: đạt chỉ tiêu cả 2 quý."


# -- docx ---------------------------------------------------------------------


@pytest.fixture
def logged(tmp_path):
    db = tmp_path / "so.db"
    for record in h1_records():
        if record.kind == "void":
            written = store.add(db, replace(record, kind="add")).record
            store.void(db, written.record_id, reason=record.reason)
        else:
            store.add(db, record)
    return db


def test_docx_follows_decree_30_layout(tmp_path, logged, station_dir):
    out = tmp_path / "bao-cao" / "6-thang.docx"
    result = run_cli("report", "--period", "2024-H1", "-o", out, "--db", logged)
    assert result.exit_code == 0, result.output
    assert f"Đã ghi báo cáo: {out}" in result.output
    doc = Document(str(out))
    section = doc.sections[0]
    def mm(length):  # Word stores twips: 210 mm is 11906 twips, 210.01 mm
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
    assert (mm(section.top_margin), mm(section.bottom_margin), mm(section.left_margin), mm(section.right_margin)) == (
        20.0, 20.0, 30.0, 15.0)
    # Page numbers centred at the top, none on the first page.
    assert section.different_first_page_header_footer
    header_xml = section.header.paragraphs[0]._p.xml
    assert "PAGE" in header_xml and section.header.paragraphs[0].alignment == 1  # centre
    assert "PAGE" not in "".join(p._p.xml for p in section.first_page_header.paragraphs)

    body = [p.text for p in doc.paragraphs]
    assert body[0] == "BÁO CÁO"
    assert body[1] == "Kết quả phát sóng bản tin chuyên đề Thông tin đối ngoại 6 tháng đầu năm 2024"
    assert "Trong 6 tháng đầu năm 2024, đã tổ chức phát sóng 04 bản tin chuyên đề Thông tin đối ngoại" in body[2]
    letterhead, records, quota, signature = doc.tables
    # The heading of an administrative document: the station, the national name and motto, the
    # number and the place-and-date line; at the end, the recipients and the signature.
    head = [[c.text for c in row.cells] for row in letterhead.rows]
    assert head[0][1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    assert head[1][0].startswith("Số:") and "ngày" in head[1][1] and "tháng" in head[1][1]
    assert head[0][0] == head[0][0].upper() and head[0][0].strip()
    assert signature.cell(0, 0).text.startswith("Nơi nhận:")
    assert "NGƯỜI BÁO CÁO\n(Ký, ghi rõ họ tên)" in signature.cell(0, 1).text
    cells = [[c.text for c in row.cells] for row in records.rows]
    assert cells[0] == ["STT", "Ngày, giờ phát", "Mã bản tin", "Tiêu đề", "Thời lượng", "Nơi phát", "Ghi chú"]
    assert cells[1] == ["1", "5/2/2024 06:30", "TTĐN-2024-Q1-01", "Biển đảo quê hương", "9 phút 58 giây",
                        "Cụm loa trung tâm", ""]
    assert cells[4] == ["Cộng Quý I/2024: 02 bản tin, 03 lượt phát, 29 phút 20 giây"] * 7  # merged row
    assert cells[5][2] == "TTĐN-2024-Q2-01" and cells[6][6] == "dài quá 10 phút; làm cho Quý I/2024, phát ngoài quý đó"
    assert len(records.rows) == 1 + 5 + 2
    # The grid (what LibreOffice lays out by) spans the 165 mm text width; the title column is widest.
    for table in (records, quota):
        widths = [mm(column.width) for column in table.columns]
        assert sum(widths) == pytest.approx(165, abs=0.5)
    widths = [mm(column.width) for column in records.columns]
    header = [c.text for c in records.rows[0].cells]
    # The free-text columns (title, notes) get the room to wrap; codes and dates only what they need.
    from bulletin.reports.docx import CELL_PADDING_MM, text_mm

    code = header.index("Mã bản tin")
    assert widths[code] >= text_mm("TTĐN-2024-Q2-01") + CELL_PADDING_MM - 0.3  # a code never breaks
    assert [[c.text for c in row.cells] for row in quota.rows][1:] == [
        ["Quý I/2024", "02", "02", "03", "29 phút 20 giây", "đạt"],
        ["Quý II/2024", "02", "02", "02", "20 phút 12 giây", "đạt"]]

    runs = [r for p in doc.paragraphs for r in p.runs if r.text]
    runs += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size for r in runs} <= {Pt(12), Pt(14)}
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_report_formats_from_the_command_line(tmp_path, logged, station_dir):
    md = run_cli("report", "--period", "2024-H1", "--format", "md", "--db", logged)
    assert md.exit_code == 0 and md.output.startswith("## Kết quả phát sóng")
    out = tmp_path / "bang.csv"
    assert run_cli("report", "--period", "2024-H1", "-o", out, "--db", logged).exit_code == 0
    assert out.read_text(encoding="utf-8-sig").startswith("STT,Ngày phát")
    text = run_cli("report", "--period", "2024-Q2", "--db", logged)
    assert "Trong quý II năm 2024, đã tổ chức phát sóng 02 bản tin chuyên đề" in text.output
    ranged = run_cli("report", "--from", "2024-03-01", "--to", "2024-03-31", "--db", logged)
    assert "Từ ngày 1/3/2024 đến ngày 31/3/2024, đã tổ chức phát sóng 01 bản tin" in ranged.output


@pytest.mark.parametrize("args, code, message", [
    (("--period", "2024-H3"), 1, "kỳ báo cáo không hợp lệ '2024-H3'"),
    (("--period", "2024", "--format", "docx"), 2, "báo cáo Word cần tên tệp"),
    (("--period", "2024", "-o", "bao-cao.pdf"), 1, "không biết định dạng của tệp 'bao-cao.pdf'"),
    ((), 2, "cần chọn kỳ báo cáo"),
])
def test_report_usage_errors(tmp_path, logged, station_dir, args, code, message):
    result = run_cli("report", *args, "--db", logged)
    assert result.exit_code == code and message in result.output
    assert not (station_dir / "bao-cao.pdf").exists()


def test_report_files_are_written_whole_or_not_at_all(tmp_path, logged, station_dir):
    folder = tmp_path / "ra"
    out = folder / "bao-cao.docx"
    assert run_cli("report", "--period", "2024-H1", "-o", out, "--db", logged).exit_code == 0
    assert [p.name for p in folder.iterdir()] == ["bao-cao.docx"]  # no temporary file left beside it
    blocked = tmp_path / "tep-thuong"
    blocked.write_text("không phải thư mục", encoding="utf-8")
    result = run_cli("report", "--period", "2024-H1", "-o", blocked / "bao-cao.md", "--db", logged)
    assert result.exit_code == 1 and "'tep-thuong' là một tệp, không phải thư mục" in result.output, result.output
    assert "Errno" not in result.output
