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


def lower_minimum(station_dir):
    """The tests' few sentences last seconds: let them count."""
    config = station_dir / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[quota]\n", "[quota]\nmin_duration = \"0:01\"\n", 1),
                      encoding="utf-8")
    return config


def article(path, title: str, body: str):
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def quarter_count(station_dir, period="2024-Q4"):
    records = store.current(station_dir / "broadcasts.db")
    (q,) = quota.load(station_dir / "broadcasts.db", parse_period(period), required=lambda s: 2,
                      series=[records[0].series], today=dt.date(2025, 1, 15),
                      rules=load_station(station_dir / "bulletin.toml").rule_for)
    return q


def test_two_different_documents_built_before_logging_get_different_ids_and_count_twice(station_dir, espeak):
    from bulletin.audio.tags import read_tags

    lower_minimum(station_dir)
    storm = article(station_dir / "bao.txt", "Phòng chống bão số 12", "Bà con chằng chống nhà cửa, không ra khơi.")
    vaccine = article(station_dir / "tiem.txt", "Lịch tiêm phòng tháng 10", "Trạm y tế tiêm phòng cho trẻ em.")
    out = station_dir / "out"
    first = run_cli("build", storm, "-o", out / "bao.mp3", "--engine", "espeak", "--date", "2/10/2024")
    second = run_cli("build", vaccine, "-o", out / "tiem.mp3", "--engine", "espeak", "--date", "3/10/2024")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "Mã bản tin: TTĐN-2024-Q4-01 (đề xuất" in first.output
    assert "Mã bản tin: TTĐN-2024-Q4-02 (đề xuất" in second.output, second.output
    assert read_tags(out / "tiem.mp3").bulletin_id == "TTĐN-2024-Q4-02"
    assert read_tags(out / "tiem.mp3").id_proposed == "1"  # proposed, not given: log add may renumber it
    # check, convert and a rebuild after an edit keep each document's own id.
    assert "Mã bản tin đề xuất: TTĐN-2024-Q4-02" in run_cli("check", vaccine, "--engine", "espeak",
                                                             "--date", "3/10/2024").output
    article(storm, "Phòng chống bão số 12", "Bà con chằng chống nhà cửa, tuyệt đối không ra khơi.")  # corrected
    again = run_cli("build", storm, "-o", out / "bao.mp3", "--engine", "espeak", "--date", "2/10/2024")
    assert "Mã bản tin: TTĐN-2024-Q4-01 (đề xuất" in again.output, again.output

    for name, aired in (("bao.mp3", "4/10/2024 6h30"), ("tiem.mp3", "5/10/2024 6h30")):
        logged = run_cli("log", "add", out / name, "--aired", aired)
        assert logged.exit_code == 0, logged.output
        assert "Bản sửa của" not in logged.output and "đã thuộc bản tin khác" not in logged.output, logged.output
    q = quarter_count(station_dir)
    assert q.aired == 2 and q.airings == 2
    # After logging, the next different document is numbered after both.
    late = article(station_dir / "muon.txt", "Tin mùa màng", "Bà con thu hoạch lúa.")
    assert "Mã bản tin đề xuất: TTĐN-2024-Q4-03" in run_cli("check", late, "--engine", "espeak",
                                                             "--date", "10/10/2024").output


def test_a_proposed_id_another_bulletin_took_in_the_log_is_logged_under_the_next_number(station_dir, espeak):
    lower_minimum(station_dir)
    storm = article(station_dir / "bao.txt", "Phòng chống bão số 12", "Bà con chằng chống nhà cửa.")
    vaccine = article(station_dir / "tiem.txt", "Lịch tiêm phòng tháng 10", "Trạm y tế tiêm phòng cho trẻ em.")
    # Built into folders the other build does not look at (another computer, a USB stick): the same id.
    for source, folder in ((storm, "may-1"), (vaccine, "may-2")):
        built = run_cli("build", source, "-o", station_dir / folder / "ban-tin.mp3", "--engine", "espeak",
                        "--date", "2/10/2024")
        assert "Mã bản tin: TTĐN-2024-Q4-01 (đề xuất" in built.output, built.output
    assert run_cli("log", "add", station_dir / "may-1" / "ban-tin.mp3", "--aired", "4/10/2024 6h30").exit_code == 0
    second = run_cli("log", "add", station_dir / "may-2" / "ban-tin.mp3", "--aired", "5/10/2024 6h30")
    assert second.exit_code == 0, second.output
    assert "Bản sửa của" not in second.output
    assert ("Mã TTĐN-2024-Q4-01 (mã đề xuất khi tạo tệp) đã thuộc bản tin khác trong sổ: “Phòng chống bão số 12”"
            in second.output), second.output
    assert "được ghi với mã TTĐN-2024-Q4-02 (mã mới, tính là một bản tin riêng)" in second.output
    assert "bulletin log amend" in second.output  # how to undo it if it really was a corrected version
    assert [r.bulletin_id for r in store.current(station_dir / "broadcasts.db")] == ["TTĐN-2024-Q4-01",
                                                                                     "TTĐN-2024-Q4-02"]
    assert quarter_count(station_dir).aired == 2
    # The same file aired again is the same bulletin under its new id; a corrected rebuild is proposed that id.
    replay = run_cli("log", "add", station_dir / "may-2" / "ban-tin.mp3", "--aired", "6/10/2024 6h30")
    assert "Phát lại" in replay.output and store.current(station_dir / "broadcasts.db")[-1].bulletin_id.endswith("-02")
    article(vaccine, "Lịch tiêm phòng tháng 10", "Trạm y tế xã tiêm phòng cho trẻ em dưới năm tuổi.")
    rebuilt = run_cli("build", vaccine, "-o", station_dir / "may-2" / "ban-tin-sua.mp3", "--engine", "espeak",
                      "--date", "2/10/2024")
    assert "Mã bản tin: TTĐN-2024-Q4-02 (đề xuất" in rebuilt.output, rebuilt.output
    fixed = run_cli("log", "add", station_dir / "may-2" / "ban-tin-sua.mp3", "--aired", "7/10/2024 6h30")
    assert "Bản sửa của “Lịch tiêm phòng tháng 10”" in fixed.output, fixed.output
    q = quarter_count(station_dir)
    assert q.aired == 2 and q.airings == 4


def test_an_id_the_operator_gave_is_never_changed_at_log_add(station_dir, espeak):
    lower_minimum(station_dir)
    storm = article(station_dir / "bao.txt", "Phòng chống bão số 12", "Bà con chằng chống nhà cửa.")
    renamed = article(station_dir / "bao-2.txt", "Phòng, chống cơn bão số 12", "Bà con chằng chống nhà cửa ngay.")
    for source, name in ((storm, "v1.mp3"), (renamed, "v2.mp3")):
        built = run_cli("build", source, "-o", station_dir / "out" / name, "--engine", "espeak", "--id", "TB-BAO-12")
        assert built.exit_code == 0 and "đề xuất" not in built.output, built.output
    assert run_cli("log", "add", station_dir / "out" / "v1.mp3", "--aired", "4/10/2024 6h30").exit_code == 0
    again = run_cli("log", "add", station_dir / "out" / "v2.mp3", "--aired", "5/10/2024 6h30")
    assert "Bản sửa của “Phòng chống bão số 12” (phát lần đầu 2024-10-04 06:30) (cùng mã TB-BAO-12)" in again.output
    assert "đã thuộc bản tin khác" not in again.output
    assert quarter_count(station_dir).aired == 1


def test_next_id_reuses_the_same_titles_id_and_otherwise_skips_every_used_one():
    from bulletin.log.identity import next_id

    prefix = "TTĐN-2024-Q4-"
    taken = [(prefix + "01", "Phòng chống bão"), (prefix + "02", "Lịch tiêm phòng"), ("CĐS-2024-Q4-03", "Khác")]
    assert next_id(prefix, taken, "Lịch  TIÊM phòng") == prefix + "02"  # case and spacing aside
    assert next_id(prefix, taken, "Tin mùa màng") == prefix + "03"
    assert next_id(prefix, [], "Tin mùa màng") == prefix + "01"
    assert next_id(prefix, taken) == prefix + "03"
    # Files made but not logged count too; one whose id the log gives another title is stale.
    made = [(prefix + "03", "Tin mùa màng"), (prefix + "01", "Lịch tiêm phòng")]
    assert next_id(prefix, taken, "Tin mùa màng", made) == prefix + "03"
    assert next_id(prefix, taken, "Lịch tiêm phòng", made) == prefix + "02"
    assert next_id(prefix, taken, "Tin thời tiết", made) == prefix + "04"


def test_made_ids_reads_built_files_and_converted_scripts(tmp_path, ffmpeg):
    from log_helpers import bulletin_mp3

    from bulletin.log.identity import made_ids

    bulletin_mp3(tmp_path, "a.mp3", 1.0, title="Phòng chống bão", bulletin_id="TTĐN-2024-Q4-01")
    bulletin_mp3(tmp_path, "khac.mp3", 1.0, title="Quý khác", bulletin_id="TTĐN-2024-Q3-01")
    (tmp_path / "b.md").write_text("---\ntitle: 'Tin: lịch tiêm phòng'\nid: TTĐN-2024-Q4-02\n---\n\nNội dung.\n",
                                   encoding="utf-8")
    (tmp_path / "c.md").write_text("# Không có phần khai báo\n", encoding="utf-8")
    (tmp_path / ".tam.mp3").write_bytes(b"ID3")  # a build's temporary file
    assert sorted(made_ids([tmp_path, tmp_path / "khong-co"], "TTĐN-2024-Q4-")) == [
        ("TTĐN-2024-Q4-01", "Phòng chống bão"), ("TTĐN-2024-Q4-02", "Tin: lịch tiêm phòng")]
