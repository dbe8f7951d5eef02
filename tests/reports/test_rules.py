"""What counts toward the quota is stated in bulletin.toml and enforced: counts, durations, stations."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from helpers import run_cli
from log_helpers import SERIES, entry

from bulletin.audio.tags import BulletinTags, write_tags
from bulletin.config import Station, station_from_dict
from bulletin.log import store
from bulletin.periods import parse_period
from bulletin.reports.report import make_report

AFTER = dt.date(2025, 1, 15)


def station(quota: dict | None = None, target: str = "10:00") -> Station:
    return station_from_dict({"bulletin": {"target": target}, "quota": quota or {}}, root=Path("."))


def test_a_short_notice_in_a_quota_series_is_listed_flagged_and_not_counted():
    records = [entry("2024-10-02 06:30", "A", duration=595.0), entry("2024-10-03 06:30", "TB", duration=88.0)]
    report = make_report(records, parse_period("2024-Q4"), station(), today=AFTER)
    (q,) = report.quarters
    assert [b.bulletin_id for b in q.counted] == ["A"] and q.status == "chưa đạt"
    assert [r.bulletin_id for r in q.too_short] == ["TB"]
    assert "01 lần phát ngắn hơn quy định (dưới 9 phút, không tính)" in q.flags
    assert [row.notes for row in report.rows] == [(), ("ngắn hơn quy định (dưới 9 phút), không tính",)]
    assert "thời lượng 9 phút 55 giây/01 bản tin" in report.summary  # what was aired, not the requirement


def test_a_series_with_no_quota_shows_no_shortfall():
    for value in (0, "không tính"):
        rules = station({"series": {"Thông báo": value}})
        records = [entry("2024-10-02 06:30", "TB", series="Thông báo", duration=88.0)]
        report = make_report(records, parse_period("2024-Q4"), rules, series="Thông báo", today=AFTER)
        (q,) = report.quarters
        assert q.status == "không tính chỉ tiêu" and q.due == 0
        assert report.conclusion == "Chuyên mục không tính chỉ tiêu."
        assert "chuyên mục không tính chỉ tiêu" in report.summary


def test_per_series_minimum_and_target():
    rules = station({"min_duration": "5:00", "series": {"Chuyển đổi số": {"per_quarter": 1, "target": "5:00",
                                                                            "min_duration": "4:00"}}})
    assert rules.rule_for(SERIES).min_seconds == 300 and rules.rule_for(SERIES).required == 2
    digital = rules.rule_for("Chuyển đổi số")
    assert (digital.required, digital.target_seconds, digital.min_seconds, digital.max_seconds) == (1, 300, 240, 300.5)


def test_a_fifteen_minute_station_logs_and_reports_without_a_too_long_flag(station_dir, ffmpeg, tmp_path):
    config = station_dir / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('target = "10:00"', 'target = "15:00"'),
                      encoding="utf-8")
    assert 'target = "15:00"' in config.read_text(encoding="utf-8")
    mp3 = tmp_path / "dai.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=f=440:d=897", "-ac", "1", "-b:a", "32k",
                    str(mp3)], check=True)
    write_tags(mp3, BulletinTags(title="Bản tin 15 phút", bulletin_id="TTĐN-2024-Q4-01", series=SERIES,
                                 quarter="2024-Q4"))
    added = run_cli("log", "add", mp3, "--aired", "2/10/2024 6h30")
    assert added.exit_code == 0, added.output
    assert "Cảnh báo" not in added.output
    (record,) = store.current(station_dir / "broadcasts.db")
    assert record.station_code and record.station_name
    report = run_cli("report", "--period", "2024-Q4")
    assert report.exit_code == 0, report.output
    assert "dài quá" not in report.output and "quá 10 phút" not in report.output
    assert "thời lượng 14 phút 57 giây/01 bản tin" in " ".join(report.output.split())  # wrapped at 100
    assert all(len(line) <= 100 for line in report.output.splitlines())
    quota = run_cli("quota", "2024-Q4")
    assert "01/02" in quota.output and "quá" not in quota.output
    # The same file at a 10-minute station is too long.
    config.write_text(config.read_text(encoding="utf-8").replace('target = "15:00"', 'target = "10:00"'),
                      encoding="utf-8")
    assert "dài quá 10 phút" in run_cli("report", "--period", "2024-Q4").output


def test_log_list_outside_a_station_folder_creates_nothing_and_says_why(tmp_path, monkeypatch):
    empty = tmp_path / "khong-phai-dai"
    empty.mkdir()
    monkeypatch.chdir(empty)
    for args in (("log", "list"), ("quota",), ("report", "--period", "2024-H1"), ("log", "verify")):
        result = run_cli(*args)
        assert result.exit_code == 1, result.output
        assert "không ở trong thư mục của đài" in result.output
        assert "bulletin init" in result.output and "--db" in result.output and "cd " in result.output
    assert list(empty.iterdir()) == []


def test_a_corrected_version_with_the_same_id_is_the_same_bulletin(tmp_path, station_dir, ffmpeg):
    from log_helpers import bulletin_mp3

    tags = dict(title="Cảnh giác phần tử xấu", bulletin_id="TTĐN-2024-Q4-01", series=SERIES, quarter="2024-Q4")
    first = bulletin_mp3(tmp_path, "v1.mp3", 2.0, freq=440, **tags)
    fixed = bulletin_mp3(tmp_path, "v2.mp3", 2.0, freq=550, **tags)
    assert run_cli("log", "add", first, "--aired", "2/10/2024 6h30").exit_code == 0
    again = run_cli("log", "add", fixed, "--aired", "9/10/2024 6h30")
    assert again.exit_code == 0, again.output
    assert "Bản sửa của “Cảnh giác phần tử xấu”" in again.output
    records = store.current(station_dir / "broadcasts.db")
    assert len({r.sha256 for r in records}) == 2 and len({r.bulletin_key for r in records}) == 1


def test_two_stations_merged_show_a_line_each_and_a_district_total(tmp_path):
    from dataclasses import replace as with_

    from bulletin.log import exchange as log_exchange
    from bulletin.reports import quota
    from bulletin.reports.render import render_quota
    from bulletin.reports.report import load_report

    logs = {}
    for code, name, keys in (("TH", "Đài xã Tam Hiệp", ("A", "B")), ("TA", "Đài xã Tam Anh", ("C",))):
        logs[code] = tmp_path / f"{code}.db"
        for n, key in enumerate(keys, start=1):
            store.add(logs[code], with_(entry(f"2024-10-0{n} 06:30", key), station_name=name, station_code=code),
                      origin_name=name)
    district = tmp_path / "huyen.db"
    for code, path in logs.items():
        out = tmp_path / f"{code}.jsonl"
        log_exchange.export(path, out)
        log_exchange.import_file(district, out)
    lines = quota.load(district, parse_period("2024-Q4"), required=lambda s: 2, series=[SERIES], today=AFTER)
    by_station = {q.station: (q.aired, q.required, q.status) for q in lines}
    assert by_station == {"Đài xã Tam Anh (TA)": (1, 2, "chưa đạt"), "Đài xã Tam Hiệp (TH)": (2, 2, "đạt"),
                          "Cả 2 đài": (3, 4, "chưa đạt")}
    text = render_quota(lines, parse_period("2024-Q4"))
    assert all(len(line) <= 100 for line in text)
    only = quota.load(district, parse_period("2024-Q4"), required=lambda s: 2, series=[SERIES], today=AFTER,
                      station="TH")
    assert [(q.station, q.aired, q.status) for q in only] == [("", 2, "đạt")]
    report = load_report(district, parse_period("2024-Q4"), station(), today=AFTER)
    assert [row[0] for row in report.quota_rows()] == ["Quý IV/2024 – Đài xã Tam Anh (TA)",
                                                       "Quý IV/2024 – Đài xã Tam Hiệp (TH)", "Quý IV/2024 – Cả 2 đài"]
    assert report.conclusion == "Kết quả: chưa đạt chỉ tiêu – Quý IV/2024 Đài xã Tam Anh (TA) còn thiếu 01 bản tin."
    assert "đã tổ chức phát sóng 03 bản tin" in report.summary


def test_pad_music_does_not_make_a_short_notice_count():
    from dataclasses import replace as with_

    padded = with_(entry("2024-10-02 06:30", "TB", duration=600.0), padding_seconds=512.0)
    report = make_report([padded], parse_period("2024-Q4"), station(), today=AFTER)
    (q,) = report.quarters
    assert q.aired == 0 and q.too_short == (padded,)
    assert report.rows[0].notes == ("ngắn hơn quy định (dưới 9 phút, không kể nhạc đệm), không tính",
                                    "có 8 phút 32 giây nhạc đệm")


def test_check_build_and_inspect_say_a_bulletin_too_short_for_the_quota_will_not_count(station_dir, espeak):
    from helpers import write_script

    write_script(station_dir / "scripts", "ngan.md", "# Tin\n\nBà con chú ý lịch tiêm phòng cho đàn gia súc.\n")
    checked = run_cli("check", "scripts/ngan.md", "--engine", "espeak")
    assert checked.exit_code == 0, checked.output
    warning = next(line for line in checked.output.splitlines() if "chỉ tiêu" in line)
    assert warning.startswith("Cảnh báo: bản tin dự kiến dài 0:") and "ngắn hơn 9:00" in warning
    assert "“Thông tin đối ngoại”" in warning and "sẽ không được tính" in warning
    assert "thêm nội dung" in warning and "--pad" in warning  # what to do, and what --pad does not do
    assert "Kết luận: có thể tạo bản tin." in checked.output

    built = run_cli("build", "scripts/ngan.md", "-o", "out/ngan.mp3", "--engine", "espeak")
    assert built.exit_code == 0, built.output
    assert any(line.startswith("Cảnh báo: bản tin dài 0:") and "ngắn hơn 9:00" in line
               and "sẽ không được tính" in line for line in built.output.splitlines()), built.output
    inspected = run_cli("inspect", "out/ngan.mp3")
    assert inspected.exit_code == 0, inspected.output  # compliant: it airs as it is
    assert "[lưu ý] Tệp dài 0:" in inspected.output and "ngắn hơn 9:00" in inspected.output
    assert "Kết luận: tệp đạt yêu cầu, có thể phát ngay, nhưng lần phát sẽ KHÔNG được tính" in inspected.output

    padded = run_cli("build", "scripts/ngan.md", "-o", "out/ngan-pad.mp3", "--engine", "espeak", "--pad")
    assert padded.exit_code == 0, padded.output
    assert "Cảnh báo: nội dung bản tin dài 0:" in padded.output and "nhạc nền --pad), ngắn hơn 9:00" in padded.output
    inspected = run_cli("inspect", "out/ngan-pad.mp3")
    assert inspected.exit_code == 0, inspected.output
    assert "[lưu ý] Nội dung tệp dài 0:" in inspected.output
    assert "[đạt] Độ lớn -16," in inspected.output  # the pad music is left out of the loudness, as the build does

    # Long enough for the station's minimum: nothing said.
    config = station_dir / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[quota]\n", '[quota]\nmin_duration = "0:05"\n', 1),
                      encoding="utf-8")
    assert "chỉ tiêu" not in run_cli("check", "scripts/ngan.md", "--engine", "espeak").output
    inspected = run_cli("inspect", "out/ngan.mp3")
    assert "[lưu ý]" not in inspected.output
    assert "Kết luận: tệp đạt yêu cầu, có thể phát ngay.\n" in inspected.output


def test_the_length_note_follows_the_quota_rules():
    from bulletin.reports.quota import short_of_minimum

    rules = station({"series": {"Thông báo": 0}})
    assert short_of_minimum(360.0, rules.rule_for("Thông báo")) == ""  # no quota: nothing to count
    assert short_of_minimum(540.0, rules.rule_for(SERIES)) == ""
    assert short_of_minimum(360.0, rules.rule_for(SERIES)) == (
        "bản tin dài 6:00, ngắn hơn 9:00, thời lượng tối thiểu để được tính vào chỉ tiêu chuyên mục “Thông tin đối "
        "ngoại”")
    # The music --pad adds is not content, as in the quota.
    assert short_of_minimum(600.0, rules.rule_for(SERIES), padding=240.0).startswith(
        "nội dung bản tin dài 6:00 (cộng 4:00 nhạc nền --pad), ngắn hơn 9:00")


def test_log_add_says_a_padded_file_does_not_count_when_its_content_is_short():
    from dataclasses import replace as with_

    padded = with_(entry("2024-10-02 06:30", "TB", duration=600.0), padding_seconds=512.0)
    warnings = store.warnings_for(padded, dt.datetime(2024, 10, 3), station().rule_for(SERIES))
    assert any("nội dung của tệp dài 1:28 (không kể 8:32 nhạc đệm), ngắn hơn quy định (9:00 trở lên)" in w
               and "không tính vào chỉ tiêu" in w for w in warnings), warnings
