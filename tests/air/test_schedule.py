"""The schedule: operators' words for when, the lich-phat.toml file, its errors, and the commands that edit it."""

from __future__ import annotations

import datetime as dt

import pytest
from air_helpers import MONDAY, bulletin_mp3
from helpers import run_cli

from bulletin.air import reminders, schedule
from bulletin.errors import ConfigError
from bulletin.log import store
from bulletin.periods import quarter

T = dt.time

WHEN_CASES = [
    ("thứ 2, 4, 6 lúc 6h30", (0, 2, 4), (T(6, 30),)),
    ("thứ hai lúc 17 giờ", (0,), (T(17, 0),)),
    ("Thứ Ba, thứ Năm lúc 5h45", (1, 3), (T(5, 45),)),
    ("hằng ngày 6h", tuple(range(7)), (T(6, 0),)),
    ("hàng ngày lúc 6h30 và 17h", tuple(range(7)), (T(6, 30), T(17, 0))),
    ("chủ nhật 7:15", (6,), (T(7, 15),)),
    ("T2, T7 lúc 18g30", (0, 5), (T(18, 30),)),
    ("thứ 2 và thứ 5 lúc 6h, 17h30", (0, 3), (T(6, 0), T(17, 30))),
    ("thứ tư lúc 6 giờ 15 phút", (2,), (T(6, 15),)),
]


@pytest.mark.parametrize(("text", "days", "times"), WHEN_CASES)
def test_weekly_slots_as_operators_write_them(text, days, times):
    when = schedule.parse_when(text)
    assert (when.days, when.times, when.once) == (days, times, None)


@pytest.mark.parametrize(("text", "moment"), [
    ("21/10/2024 17:00", dt.datetime(2024, 10, 21, 17, 0)),
    ("21/10/2024 lúc 17h", dt.datetime(2024, 10, 21, 17, 0)),
    ("17h30 ngày 21/10/2024", dt.datetime(2024, 10, 21, 17, 30)),
    ("2024-10-21 06:30", dt.datetime(2024, 10, 21, 6, 30)),
])
def test_one_off_dates(text, moment):
    assert schedule.parse_when(text).once == moment


@pytest.mark.parametrize(("text", "message"), [
    ("thứ 9 lúc 6h", "không hiểu ngày '9'"),
    ("thứ 2", "thiếu giờ phát"),
    ("6h30", "chỉ có giờ, chưa có ngày"),
    ("ngày mai 6h", "không hiểu thời gian phát"),
    ("thứ 2 lúc 25h", "giờ từ 0 đến 23"),
    ("31/02/2025 6h", "tháng 2 năm 2025 chỉ có 28 ngày"),
    ("", "chưa ghi thời gian phát"),
])
def test_what_cannot_be_read_is_refused_in_vietnamese(text, message):
    with pytest.raises(ValueError, match=message):
        schedule.parse_when(text)


def test_airings_of_a_week_in_time_order_from_when_the_entry_was_added(tmp_path):
    (tmp_path / "a.mp3").write_bytes(b"x")
    path = tmp_path / schedule.SCHEDULE_FILE
    schedule.add(path, "a.mp3", "thứ 2, 4, 6 lúc 6h30", "Cụm 1", now=MONDAY.replace(hour=8))
    schedule.add(path, "a.mp3", "hằng ngày 17h", "Cụm 2", now=MONDAY.replace(hour=8))
    airings = schedule.occurrences(schedule.load(path), MONDAY, MONDAY + dt.timedelta(days=3))
    # Monday 06:30 was before the entry existed: not an airing (and never "missed").
    assert [(a.at.strftime("%a %H:%M"), a.entry.place) for a in airings] == [
        ("Mon 17:00", "Cụm 2"), ("Tue 17:00", "Cụm 2"), ("Wed 06:30", "Cụm 1"), ("Wed 17:00", "Cụm 2")]
    assert airings[2].slot == "2024-10-23 06:30 @ Cụm 1"


def test_the_file_is_readable_and_edits_by_hand_are_read_back(tmp_path):
    (tmp_path / "a.mp3").write_bytes(b"x")
    path = tmp_path / schedule.SCHEDULE_FILE
    schedule.add(path, "a.mp3", "thứ 2, 4, 6 lúc 6h30", "Cụm loa thôn 1", now=MONDAY)
    text = path.read_text(encoding="utf-8")
    assert 'when = "thứ 2, 4, 6 lúc 6h30"' in text and 'place = "Cụm loa thôn 1"' in text
    path.write_text(text.replace("6h30", "7h"), encoding="utf-8")
    (entry,) = schedule.load(path)
    assert entry.when.times == (T(7, 0),) and entry.when.describe() == "thứ hai, thứ tư, thứ sáu lúc 07:00"


@pytest.mark.parametrize(("body", "line", "message"), [
    ('[[airing]]\nfile = "a.mp3"\nplace = "Cụm 1"\nwhen = "thứ 9 lúc 6h"\n', 4, "không hiểu ngày '9'"),
    ('[[airing]]\nfile = "a.mp3"\nwhen = "thứ 2 lúc 6h"\nplace = "Cụm 1"\n\n[[airing]]\nfile = "a.mp3"\n'
     'when = "hằng ngày 6h"\n', 6, "thiếu 'place'"),
    ('[[airing]]\nfile = "a.pdf"\nwhen = "thứ 2 lúc 6h"\nplace = "Cụm 1"\n', 2, "không phải tệp âm thanh"),
    ('[[airing]]\nfile = "a.mp3"\nwhen = "thứ 2 lúc 6h"\nplace = "Cụm 1"\nlevel = "gấp"\n', 5, "mức độ 'gấp'"),
    ('[[airing]]\nfile = "a.mp3"\nwhen = "thứ 2 lúc 6h"\nplace = "Cụm 1"\ncolour = "đỏ"\n', 5, "khóa không biết"),
    ('[[airing]]\nfile = "a.mp3\nwhen = 1\n', 2, "cú pháp TOML"),
])
def test_bad_entries_name_the_file_and_line(tmp_path, body, line, message):
    path = tmp_path / schedule.SCHEDULE_FILE
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        schedule.load(path)
    assert caught.value.line == line and caught.value.path == path
    assert f"dòng {line}" in str(caught.value)


def test_two_bulletins_at_one_place_and_minute_are_refused(tmp_path):
    (tmp_path / "a.mp3").write_bytes(b"x")
    path = tmp_path / schedule.SCHEDULE_FILE
    schedule.add(path, "a.mp3", "thứ 2, 4 lúc 6h30", "Cụm 1", now=MONDAY)
    with pytest.raises(ConfigError, match="một nơi phát chỉ phát một bản tin một lúc"):
        schedule.add(path, "a.mp3", "thứ 4 lúc 6h30", "Cụm 1", now=MONDAY)
    schedule.add(path, "a.mp3", "thứ 4 lúc 6h30", "Cụm 2", now=MONDAY)  # another place may
    with pytest.raises(ConfigError, match="đã qua"):
        schedule.add(path, "a.mp3", "20/10/2024 6h", "Cụm 3", now=MONDAY)
    with pytest.raises(ConfigError, match="không tìm thấy tệp"):
        schedule.add(path, "khong-co.mp3", "thứ 5 lúc 6h", "Cụm 3", now=MONDAY)
    assert len(schedule.load(path)) == 2


def test_schedule_commands_add_list_remove(station_dir):
    bulletin_mp3(station_dir / "out" / "a.mp3", 1.0, "Bản tin A")
    added = run_cli("schedule", "add", "out/a.mp3", "--when", "thứ 2, 4, 6 lúc 6h30", "--place", "Cụm loa thôn 1")
    assert added.exit_code == 0, added.output
    assert "Đã thêm mục 1: out/a.mp3 – thứ hai, thứ tư, thứ sáu lúc 06:30 – Cụm loa thôn 1" in added.output
    run_cli("schedule", "add", "out/a.mp3", "--when", "hằng ngày 17h", "--place", "Cụm loa thôn 2")
    listed = run_cli("schedule", "list")
    assert listed.exit_code == 0 and "[1] out/a.mp3" in listed.output and "[2] out/a.mp3" in listed.output
    assert "Các lần phát trong 7 ngày tới: 10" in listed.output  # 3 weekly + 7 daily
    removed = run_cli("schedule", "remove", "1")
    assert removed.exit_code == 0 and "Đã bỏ mục 1" in removed.output
    assert [e.id for e in schedule.load(station_dir / schedule.SCHEDULE_FILE)] == ["2"]
    wrong = run_cli("schedule", "remove", "9")
    assert wrong.exit_code == 1 and "không có mục mã '9'" in wrong.output and "Traceback" not in wrong.output
    bad = run_cli("schedule", "add", "out/a.mp3", "--when", "thứ 9 lúc 6h", "--place", "Cụm 3")
    assert bad.exit_code == 1 and "Lỗi: không hiểu ngày '9'" in bad.output


def test_dry_run_prints_the_next_week_of_three_weekly_slots(station_dir):
    bulletin_mp3(station_dir / "out" / "a.mp3", 1.0, "Bản tin A")
    bulletin_mp3(station_dir / "out" / "b.mp3", 1.0, "Bản tin B")
    for when, file in (("thứ 2 lúc 6h30", "a"), ("thứ 4 lúc 17h", "b"), ("chủ nhật lúc 7h", "a")):
        assert run_cli("schedule", "add", f"out/{file}.mp3", "--when", when, "--place", "Cụm 1").exit_code == 0
    result = run_cli("onair", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert len(lines) == 3 and "7 ngày tới" in result.output and ": 3" in result.output
    start = dt.datetime.now()
    expected = sorted(
        start.date() + dt.timedelta(days=(weekday - start.weekday()) % 7 or (7 if start.time() >= clock else 0))
        for weekday, clock in ((0, T(6, 30)), (2, T(17, 0)), (6, T(7, 0))))
    assert [line.split()[2] for line in lines] == [f"{d:%d/%m/%Y}" for d in expected]
    assert all("Cụm 1" in line for line in lines)
    assert not (station_dir / "broadcasts.db").exists()  # a dry run logs nothing


def test_install_service_prints_a_systemd_unit_and_the_windows_command(station_dir, tmp_path):
    result = run_cli("onair", "--install-service", "--system", "systemd")
    assert result.exit_code == 0
    assert "[Service]" in result.output and "Restart=always" in result.output
    assert f"--config {station_dir / 'bulletin.toml'} onair --player ffplay" in result.output
    unit = tmp_path / "bulletin-onair.service"
    assert run_cli("onair", "--install-service", "--system", "systemd", "-o", unit).exit_code == 0
    assert "ExecStart=" in unit.read_text(encoding="utf-8") and "WantedBy=default.target" in unit.read_text()
    windows = run_cli("onair", "--install-service", "--system", "windows")
    assert "schtasks /Create /TN BulletinOnAir /SC ONLOGON" in windows.output and "onair" in windows.output


def test_reminder_when_the_schedule_leaves_a_series_short():
    from bulletin.reports.quota import compute

    record = _record("2024-10-02 06:30", "TTĐN-01")
    quotas = compute([record], quarter(2024, 4), required=lambda s: 2, today=dt.date(2024, 12, 20))
    same_again = [reminders.Planned(dt.datetime(2024, 12, 23, 6, 30), "Thông tin đối ngoại", "TTĐN-01")]
    assert reminders.quota_reminders(quotas, same_again, dt.date(2024, 12, 20)) == [
        "Thông tin đối ngoại: còn 12 ngày, mới phát 01/02 bản tin, chưa có lịch cho bản tin thứ hai"]
    second = [*same_again, reminders.Planned(dt.datetime(2024, 12, 27, 6, 30), "Thông tin đối ngoại", "TTĐN-02")]
    assert reminders.quota_reminders(quotas, second, dt.date(2024, 12, 20)) == []
    # Scheduled after the quarter ends, or in another series: no help this quarter.
    late = [reminders.Planned(dt.datetime(2025, 1, 2, 6, 30), "Thông tin đối ngoại", "TTĐN-02"),
            reminders.Planned(dt.datetime(2024, 12, 27, 6, 30), "Thời sự", "TS-01")]
    assert "bản tin thứ hai" in reminders.quota_reminders(quotas, late, dt.date(2024, 12, 20))[0]
    nothing = compute([], quarter(2024, 4), required=lambda s: 2, series=["Thông tin đối ngoại"],
                      today=dt.date(2024, 12, 1))
    assert reminders.quota_reminders(nothing, [], dt.date(2024, 12, 1)) == [
        "Thông tin đối ngoại: còn 31 ngày, mới phát 00/02 bản tin, chưa có lịch cho bản tin thứ nhất"]


def _record(aired: str, bulletin_id: str):
    from log_helpers import entry

    return entry(aired, bulletin_id)


def test_quota_and_onair_show_the_reminder(station_dir, station):
    path = bulletin_mp3(station_dir / "out" / "a.mp3", 2.0, "Bản tin A", "TTĐN-A")
    now = dt.datetime.now().replace(second=0, microsecond=0)
    record = store.record_for_file(path, now, place="Cụm 1", default_series=station.series)
    store.add(station.database_path, record, rule=None)
    # The schedule repeats the bulletin already aired: the quarter's second one has no slot.
    assert run_cli("schedule", "add", "out/a.mp3", "--when", "hằng ngày 6h", "--place", "Cụm 1").exit_code == 0
    shown = run_cli("quota")
    assert shown.exit_code == 0, shown.output
    days_left = (quarter_end(now.date()) - now.date()).days + 1
    # A 2-second file is shorter than the series' minimum: its airing did not count, and the airings
    # the schedule plans of it will not count either, so no bulletin of the quarter has a slot yet.
    expected = f"Thông tin đối ngoại: còn {days_left} ngày, mới phát 00/02 bản tin, chưa có lịch cho bản tin thứ nhất"
    assert "NHẮC NHỞ" in shown.output and expected in shown.output
    dry = run_cli("onair", "--dry-run")
    assert f"Nhắc: {expected}" in dry.output


def quarter_end(day: dt.date) -> dt.date:
    from bulletin.periods import quarter_of

    return quarter_of(day).end



def test_scheduled_scripts_and_bulletins_long_enough_count_as_planned(station_dir, station):
    # Two different full-length bulletins on the schedule: the quarter is planned, no reminder.
    bulletin_mp3(station_dir / "out" / "a.mp3", 560.0, "Bản tin A", "TTĐN-A")
    (station_dir / "scripts").mkdir(exist_ok=True)
    (station_dir / "scripts" / "b.md").write_text("---\ntitle: Bản tin B\nid: TTĐN-B\n---\n# Tin\nXin chào.\n",
                                                  encoding="utf-8")
    assert run_cli("schedule", "add", "out/a.mp3", "--when", "hằng ngày 6h").exit_code == 0
    assert run_cli("schedule", "add", "scripts/b.md", "--when", "hằng ngày 17h").exit_code == 0
    for command in (("quota",), ("onair", "--dry-run")):
        shown = run_cli(*command)
        assert shown.exit_code == 0, shown.output
        assert "chưa có lịch" not in shown.output
