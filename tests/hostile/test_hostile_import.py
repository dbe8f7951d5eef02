"""Hostile documents given to check and convert: refused or read, never a traceback, nothing left behind."""

from __future__ import annotations

import docx
from harness import assert_nothing_left, assert_refused, run_bounded, snapshot


def test_convert_of_a_corrupt_word_file_is_refused(hostile_station):
    (hostile_station / "hong.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    before = snapshot(hostile_station)
    outcome = run_bounded("convert", "hong.docx", "-o", "scripts/hong.md", cwd=hostile_station)
    assert_refused(outcome, names="hong.docx")
    assert_nothing_left(before, snapshot(hostile_station))


def test_convert_into_a_folder_is_refused(hostile_station):
    (hostile_station / "tin.txt").write_text("Tiêu đề\n\nNội dung bản tin.\n", encoding="utf-8")
    (hostile_station / "ra.md").mkdir()
    before = snapshot(hostile_station)
    outcome = run_bounded("convert", "tin.txt", "-o", "ra.md", "--force", cwd=hostile_station)
    assert_refused(outcome, names="ra.md")
    assert_nothing_left(before, snapshot(hostile_station))


def test_convert_with_missing_recordings_names_every_line_and_writes_nothing(hostile_station):
    document = docx.Document()
    document.add_paragraph("Chuyên đề", style="Title")
    table = document.add_table(rows=3, cols=2)
    for row, (sound, said) in enumerate([("Âm thanh", "Lời bình"), ("mot.mp3", "Câu một."), ("hai.mp3", "Câu hai.")]):
        table.cell(row, 0).paragraphs[0].text = sound
        table.cell(row, 1).paragraphs[0].text = said
    document.save(str(hostile_station / "bang.docx"))
    before = snapshot(hostile_station)
    outcome = run_bounded("convert", "bang.docx", "-o", "scripts/bang.md", cwd=hostile_station)
    assert_refused(outcome, names="bang.docx")
    assert "2 lỗi trong kịch bản" in outcome.output
    assert "mot.mp3" in outcome.output and "hai.mp3" in outcome.output
    assert_nothing_left(before, snapshot(hostile_station))


def test_a_wide_ragged_table_is_named_not_read(hostile_station):
    document = docx.Document()
    document.add_paragraph("Bảng lớn", style="Title")
    document.add_paragraph("Đoạn văn được đọc.")
    table = document.add_table(rows=40, cols=60)
    for row in range(40):
        for col in range(0, 60, 7):
            table.cell(row, col).paragraphs[0].text = "x" * (70 if row == 0 else 3)
    table.cell(0, 0).merge(table.cell(1, 5))
    document.save(str(hostile_station / "lon.docx"))
    outcome = run_bounded("check", "lon.docx", "--engine", "espeak", cwd=hostile_station)
    assert outcome.code == 0, outcome.output[-2000:]
    assert "không đọc bảng thứ 1 trong tài liệu" in outcome.output


def test_long_lines_of_numbers_do_not_hang_the_page_furniture_rules(hostile_station):
    # Lines that look like a dateline, a domain or a file name for thousands of characters: the
    # furniture and table rules must stay linear (a nested pattern once backtracked for ever here).
    lines = ["Tiêu đề", "1/1/2024 " * 500 + "x", "11:11 " * 800 + "x", "a." * 2000 + "vn - tin.",
             "(Ảnh: " + "a. " * 1500, "Theo " + "A " * 2000, "Câu cuối."]
    (hostile_station / "dai.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_bounded("check", "dai.txt", "--engine", "espeak", cwd=hostile_station, timeout=120)
    assert not outcome.seconds_limit_hit, outcome.output[-1000:]
    assert "Traceback" not in outcome.output
