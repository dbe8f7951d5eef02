"""A bulletin keeps its identity through a rebuild: --id/--title/--series/--date/--level on build and check."""

from __future__ import annotations

import datetime as dt

from docx import Document
from helpers import run_cli

from bulletin.config import load_station
from bulletin.log import store
from bulletin.log.identity import propose_id, series_initials
from bulletin.periods import parse_period
from bulletin.reports import quota


def notice(path, word: str):
    document = Document()
    document.add_paragraph("Thông báo cảnh giác", style="Title")
    document.add_paragraph(f"Bà con cảnh giác với các {word} xấu lợi dụng mạng xã hội.")
    document.save(str(path))
    return path


def test_a_docx_rebuilt_after_a_one_word_edit_with_the_same_id_counts_once(station_dir, espeak):
    config = station_dir / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[quota]\n", "[quota]\nmin_duration = \"0:01\"\n", 1),
                      encoding="utf-8")
    source = notice(station_dir / "thong-bao.docx", "phân tử")
    checked = run_cli("check", source, "--engine", "espeak", "--date", "2/10/2024")
    assert "Mã bản tin đề xuất: TTĐN-2024-Q4-01" in checked.output, checked.output
    first = run_cli("build", source, "-o", station_dir / "out" / "v1.mp3", "--engine", "espeak",
                    "--id", "TTĐN-2024-Q4-01", "--date", "2/10/2024", "--level", "ưu tiên")
    assert first.exit_code == 0, first.output
    notice(source, "phần tử")  # the typo fixed
    second = run_cli("build", source, "-o", station_dir / "out" / "v2.mp3", "--engine", "espeak",
                     "--id", "TTĐN-2024-Q4-01", "--date", "2/10/2024", "--title", "Thông báo cảnh giác (bản sửa)")
    assert second.exit_code == 0, second.output
    assert run_cli("log", "add", station_dir / "out" / "v1.mp3", "--aired", "3/10/2024 6h30").exit_code == 0
    again = run_cli("log", "add", station_dir / "out" / "v2.mp3", "--aired", "10/10/2024 17h")
    assert again.exit_code == 0, again.output
    assert "Bản sửa của “Thông báo cảnh giác”" in again.output
    db = station_dir / "broadcasts.db"
    records = store.current(db)
    assert [r.bulletin_id for r in records] == ["TTĐN-2024-Q4-01"] * 2 and len({r.sha256 for r in records}) == 2
    assert records[0].level == "ưu tiên" and records[0].planned_quarter == "2024-Q4"
    rules = load_station(config).rule_for
    (q,) = quota.load(db, parse_period("2024-Q4"), required=lambda s: 2, series=[records[0].series],
                      today=dt.date(2025, 1, 15), rules=rules)
    assert q.aired == 1 and q.airings == 2
    # The next proposal skips the id now in the log.
    assert propose_id(records[0].series, dt.date(2024, 11, 1), db) == "TTĐN-2024-Q4-02"


def test_series_initials():
    assert series_initials("Thông tin đối ngoại") == "TTĐN"
    assert series_initials("Chuyển đổi số") == "CĐS"


def test_an_impossible_date_option_is_refused(station_dir):
    result = run_cli("check", "scripts/khong-co.md", "--date", "30/2/2024")
    assert result.exit_code == 2 and "tháng 2 năm 2024 chỉ có 29 ngày" in result.output


def test_check_build_convert_and_the_studio_propose_the_same_id_from_the_documents_date(station_dir, espeak):
    from bulletin.audio.tags import read_file_tags
    from bulletin.web.views import script_view

    config = station_dir / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[quota]\n", "[quota]\nmin_duration = \"0:01\"\n", 1),
                      encoding="utf-8")
    document = Document()
    document.add_paragraph("Quảng Nam, ngày 15 tháng 7 năm 2024")  # the date line: not read, but it dates the bulletin
    document.add_paragraph("Thông báo cảnh giác", style="Title")
    document.add_paragraph("Bà con cảnh giác với các phần tử xấu lợi dụng mạng xã hội.")
    source = station_dir / "thong-bao.docx"
    document.save(str(source))
    expected = "TTĐN-2024-Q3-01"  # the quarter of the document's date, not of today
    checked = run_cli("check", source, "--engine", "espeak")
    assert f"Mã bản tin đề xuất: {expected}" in checked.output, checked.output
    converted = run_cli("convert", source, "-o", station_dir / "scripts" / "thong-bao.md")
    assert converted.exit_code == 0 and f"Mã bản tin: {expected}" in converted.output, converted.output
    station = load_station(config)
    assert script_view(station, source, "espeak")["meta"]["id"] == expected
    assert script_view(station, source, "espeak")["meta"]["date"] == "2024-07-15"
    built = run_cli("build", source, "-o", station_dir / "out" / "a.mp3", "--engine", "espeak")
    assert built.exit_code == 0 and f"Mã bản tin: {expected} (đề xuất" in built.output, built.output
    assert read_file_tags(station_dir / "out" / "a.mp3").bulletin_id == expected
    # A document that carries an id keeps it: --id on the command line is such an id.
    given = run_cli("check", source, "--engine", "espeak", "--id", "TB-07")
    assert "đề xuất" not in given.output and "(mã TB-07)" in given.output, given.output
