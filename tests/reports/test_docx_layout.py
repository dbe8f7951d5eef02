"""The Word report pastes as is: widths from the content, rows that never split, space after tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from log_helpers import entry

from bulletin.config import Station
from bulletin.periods import parse_period
from bulletin.reports.docx import CELL_PADDING_MM, TEXT_MM, column_widths, docx_cells, text_mm, write_docx
from bulletin.reports.report import make_report

NOTES = ("phát bù do mất điện", "phát lại theo yêu cầu của huyện", "", "chỉnh tả")


def twenty_rows_two_stations():
    records = []
    for n in range(20):
        code, name = (("TH", "Đài xã Tam Hiệp"), ("TA", "Đài xã Tam Anh"))[n % 2]
        records.append(replace(
            entry(f"2024-{10 + n // 8:02d}-{1 + n % 28:02d} {6 + n % 12:02d}:30", f"TTĐN-2024-Q4-{n % 7 + 1:02d}",
                  duration=560.0 + n * 3, note=NOTES[n % 4], place="Cụm loa trung tâm xã",
                  title="Tăng cường công tác thông tin đối ngoại, quảng bá hình ảnh địa phương năm 2024"),
            station_name=name, station_code=code))
    return make_report(records, parse_period("2024-Q4"), Station(), today=dt.date(2025, 1, 15))


def test_widths_come_from_the_content_and_rows_never_split(tmp_path):
    report = twenty_rows_two_stations()
    out = tmp_path / "bao-cao.docx"
    write_docx(report, out)
    doc = Document(str(out))
    table = doc.tables[1]  # after the letterhead
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    twips_per_mm = 1440 / 25.4
    assert abs(sum(grid) / twips_per_mm - TEXT_MM) < 1  # the full text width, no more
    cells = [docx_cells(row.cells()) for row in report.rows]
    for column, width in enumerate(grid):
        longest_token = max(text_mm(word) for row in cells for word in row[column].split() or [""])
        assert width / twips_per_mm >= longest_token + CELL_PADDING_MM - 0.3, column
    # Dates and codes keep a column wide enough for the whole value on one line.
    code = max(text_mm(row[2]) for row in cells)
    assert grid[2] / twips_per_mm >= code + CELL_PADDING_MM - 0.3
    assert grid[3] / twips_per_mm >= 0.2 * TEXT_MM - 0.3  # the title has room to wrap between words
    for tbl in doc.tables:
        for tr in tbl._tbl.tr_lst:
            assert tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None
    after = doc.paragraphs[[p.text for p in doc.paragraphs].index("Tổng hợp theo quý:")]
    assert after.paragraph_format.space_before >= Mm(4)
    texts = [p.text for p in doc.paragraphs]
    assert len(texts) == len(set(t for t in texts if t)) + texts.count("")  # no note repeated
    station_rows = [tr for tr in doc.tables[2].rows if "Đài xã" in tr.cells[0].text or "Cả 2 đài" in tr.cells[0].text]
    assert len(station_rows) == 3  # each commune and the district total


def test_column_widths_share_the_rest_with_the_long_text_columns():
    widths = column_widths(("A", "Tiêu đề"), [("1/1/2024", "một tiêu đề rất dài " * 10)], total=100)
    assert abs(sum(widths) - 100) < 1e-6
    assert widths[0] == text_mm("1/1/2024") + CELL_PADDING_MM
