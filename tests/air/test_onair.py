"""The scheduled player with a clock the tests set and the silent real-time player, on short real MP3s."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from air_helpers import MONDAY, add, bulletin_mp3, player, playing, run_in_thread, wait_for

from bulletin.air import state
from bulletin.air.players import SilentPlayer
from bulletin.log import store
from bulletin.log.record import AUTO, COMPLETE, INCOMPLETE, INTERRUPTED, MISSED
from bulletin.periods import quarter
from bulletin.reports import quota

SLOT = MONDAY.replace(hour=6, minute=30)


def records(station):
    return store.current(station.database_path)


def test_a_weekly_slot_plays_at_its_time_and_logs_its_real_start_and_end(station, station_dir):
    path = bulletin_mp3(station_dir / "out" / "a.mp3", 2.0, "Bản tin A", "TTĐN-A")
    add(station_dir, "out/a.mp3", "thứ 2, 4, 6 lúc 6h30")
    events = []
    machine = player(station, SLOT - dt.timedelta(seconds=40), events)
    machine.run(until=SLOT + dt.timedelta(minutes=20))
    (record,) = records(station)
    assert (record.source, record.completion, record.level) == (AUTO, COMPLETE, "thường")
    assert record.aired_at == "2024-10-21 06:30" and record.slot == "2024-10-21 06:30 @ Cụm loa thôn 1"
    ended = dt.datetime.fromisoformat(record.ended_at)
    # The clock jumped to 06:30:00 and the file played in real time: it ended about 2 s later.
    assert SLOT + dt.timedelta(seconds=2) <= ended <= SLOT + dt.timedelta(seconds=6)
    assert record.played_seconds == pytest.approx(record.duration, abs=0.05)
    assert record.sha256 == store.sha256_of(path) and record.bulletin_id == "TTĐN-A"
    assert "bắt đầu 06:30:0" in record.note
    assert state.now_playing(station_dir) is None  # the marker is gone once the record is written
    assert [e.kind for e in events] == ["started", "aired"]
    assert store.verify(station.database_path)[0].ok
    # Wednesday's slot is not due yet: nothing else aired or was logged as missed.
    assert len(store.current(station.database_path)) == 1


def test_a_stopped_airing_is_incomplete_and_does_not_count(station, station_dir):
    bulletin_mp3(station_dir / "out" / "a.mp3", 8.0, "Bản tin dài", "TTĐN-B")
    add(station_dir, "out/a.mp3", "thứ hai lúc 6h30")
    machine = player(station, SLOT - dt.timedelta(seconds=5))
    thread, stop = run_in_thread(machine, SLOT + dt.timedelta(minutes=30))
    wait_for(lambda: playing(station_dir, "Bản tin dài", at_least=1.0))
    stop.set()  # what Ctrl+C and SIGTERM do in the command
    thread.join(20)
    (record,) = records(station)
    assert record.completion == INCOMPLETE
    assert 1.0 <= record.played_seconds < 7.0
    counted = quota.load(station.database_path, quarter(2024, 4), required=lambda s: 2,
                         today=dt.date(2024, 10, 22), rules=station.rule_for)
    assert all(q.aired == 0 for q in counted)
    assert sum(len(q.not_complete) for q in counted) == 1


def test_a_player_killed_mid_airing_leaves_an_incomplete_record_at_restart(station, station_dir, tmp_path):
    bulletin_mp3(station_dir / "out" / "a.mp3", 10.0, "Bản tin bị ngắt", "TTĐN-C")
    add(station_dir, "out/a.mp3", "thứ 2 lúc 6h30")
    child = tmp_path / "child.py"
    child.write_text(textwrap.dedent(f"""
        import datetime as dt
        from bulletin.config import load_station
        from bulletin.air.clock import ShiftedClock
        from bulletin.air.onair import OnAir
        from bulletin.air.players import SilentPlayer
        station = load_station({str(station_dir / 'bulletin.toml')!r})
        OnAir(station, SilentPlayer(), clock=ShiftedClock(dt.datetime(2024, 10, 21, 6, 29, 58))).run()
    """), encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(child)], start_new_session=True)
    try:
        wait_for(lambda: playing(station_dir, "Bản tin bị ngắt", at_least=2.0), 40)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # power cut: the player and its ffmpeg die at once
        process.wait(10)
    assert records(station) == []  # nothing was logged: the marker is all that is left
    assert state.now_playing(station_dir)["slot"] == "2024-10-21 06:30 @ Cụm loa thôn 1"
    events = []
    restarted = player(station, SLOT + dt.timedelta(minutes=3), events)
    restarted.recover()
    (record,) = records(station)
    assert (record.completion, record.source, record.aired_at) == (INCOMPLETE, AUTO, "2024-10-21 06:30")
    assert 2.0 <= record.played_seconds < 10.0
    assert record.ended_at.startswith("2024-10-21 06:30:")
    assert "dừng đột ngột" in record.note
    assert state.now_playing(station_dir) is None
    assert any(e.kind == "recovered" for e in events)
    # Running the player on from there does not air the slot again or log it twice.
    restarted.run(until=SLOT + dt.timedelta(minutes=20))
    assert len(records(station)) == 1
    counted = quota.load(station.database_path, quarter(2024, 4), required=lambda s: 2,
                         today=dt.date(2024, 10, 22), rules=station.rule_for)
    assert all(q.aired == 0 for q in counted)


def test_a_restart_after_a_missed_slot_reports_it_and_logs_it_as_missed(station, station_dir):
    bulletin_mp3(station_dir / "out" / "a.mp3", 2.0, "Bản tin sáng", "TTĐN-D")
    add(station_dir, "out/a.mp3", "thứ 2, 4, 6 lúc 6h30")
    events = []
    # The computer was off from Sunday to Wednesday 07:00: Monday's and Wednesday's slots are gone.
    machine = player(station, dt.datetime(2024, 10, 23, 7, 0), events)
    machine.run(until=dt.datetime(2024, 10, 23, 7, 5))
    missed = [r for r in records(station)]
    assert [(r.aired_at, r.completion, r.played_seconds) for r in missed] == [
        ("2024-10-21 06:30", MISSED, 0.0), ("2024-10-23 06:30", MISSED, 0.0)]
    assert [e.kind for e in events] == ["missed", "missed"]
    assert "21/10/2024 06:30" in events[0].message and "không tính vào chỉ tiêu" in events[0].message
    # A second restart finds them logged already: no new records.
    player(station, dt.datetime(2024, 10, 23, 7, 10)).recover()
    assert len(records(station)) == 2


def test_a_slot_started_a_little_late_still_airs(station, station_dir):
    bulletin_mp3(station_dir / "out" / "a.mp3", 1.0, "Bản tin muộn", "TTĐN-E")
    add(station_dir, "out/a.mp3", "hằng ngày 6h30")
    player(station, SLOT + dt.timedelta(minutes=4)).run(until=SLOT + dt.timedelta(minutes=6))
    (record,) = records(station)
    assert record.completion == COMPLETE and record.aired_at == "2024-10-21 06:34"
    assert "trễ 4 phút" in record.note


def test_an_emergency_interrupts_the_airing_and_both_are_logged(station, station_dir):
    bulletin_mp3(station_dir / "out" / "a.mp3", 8.0, "Bản tin thường", "TTĐN-F")
    emergency = bulletin_mp3(station_dir / "out" / "bao.mp3", 1.5, "Thông báo bão khẩn cấp", "KC-01", freq=880)
    add(station_dir, "out/a.mp3", "thứ hai lúc 6h30")
    machine = player(station, SLOT - dt.timedelta(seconds=2))
    thread, stop = run_in_thread(machine, SLOT + dt.timedelta(minutes=30))
    wait_for(lambda: playing(station_dir, "Bản tin thường", at_least=1.0))
    state.request_emergency(station_dir, emergency, "Cụm loa trung tâm", dt.datetime.now())
    thread.join(30)
    assert not thread.is_alive()
    first, second = records(station)
    assert (first.title, first.completion) == ("Bản tin thường", INTERRUPTED)
    assert 1.0 <= first.played_seconds < 7.0
    assert (second.title, second.completion, second.level, second.place) == (
        "Thông báo bão khẩn cấp", COMPLETE, "khẩn cấp", "Cụm loa trung tâm")
    assert second.slot.startswith("khẩn cấp 2024-10-21 06:30:")
    assert first.ended_at <= second.ended_at and second.aired_at == "2024-10-21 06:30"
    assert "phát khẩn cấp" in second.note
    assert not state.emergency_waiting(station_dir)


def test_the_same_window_run_twice_logs_each_slot_once(station, station_dir):
    bulletin_mp3(station_dir / "out" / "a.mp3", 1.0, "Bản tin một lần", "TTĐN-G")
    add(station_dir, "out/a.mp3", "thứ 2, 4, 6 lúc 6h30")
    add(station_dir, "out/a.mp3", "thứ 2 lúc 17h", place="Cụm loa thôn 2")
    until = MONDAY.replace(hour=18)
    player(station, SLOT - dt.timedelta(seconds=5)).run(until=until)
    assert [(r.aired_at, r.place) for r in records(station)] == [
        ("2024-10-21 06:30", "Cụm loa thôn 1"), ("2024-10-21 17:00", "Cụm loa thôn 2")]
    # Restarted over the same hours (a service restart, a clock set back): nothing aired or logged again.
    player(station, SLOT - dt.timedelta(seconds=5)).run(until=until)
    assert len(records(station)) == 2
    # A marker left behind after its record was written (crash between the two) adds nothing either.
    done = records(station)[0]
    state.write(state.folder(station_dir) / state.NOW_PLAYING,
                {"slot": done.slot, "record": done.as_dict(), "played": 0.5, "heartbeat": "2024-10-21T06:30:01"})
    player(station, until).recover()
    assert len(records(station)) == 2 and state.now_playing(station_dir) is None
    assert store.verify(station.database_path)[0].ok


def test_emergency_from_the_command_without_a_running_player_airs_it_itself(station_dir, station):
    from helpers import run_cli

    bulletin_mp3(station_dir / "out" / "bao.mp3", 1.0, "Thông báo khẩn", "KC-02")
    result = run_cli("onair", "--now", "out/bao.mp3", "--place", "Cụm loa trung tâm", "--player", "silent")
    assert result.exit_code == 0, result.output
    assert "Phát trọn" in result.output
    (record,) = records(station)
    assert (record.level, record.completion, record.source, record.place) == (
        "khẩn cấp", COMPLETE, AUTO, "Cụm loa trung tâm")


def test_a_second_player_for_the_same_station_is_refused(station, station_dir):
    from bulletin.errors import LogError

    state.write(state.folder(station_dir) / state.ALIVE,
                {"pid": os.getppid(), "heartbeat_wall": dt.datetime.now().isoformat()})
    with pytest.raises(LogError, match="đang chạy"):
        player(station, SLOT).run(until=SLOT)


def test_the_silent_player_takes_the_file_s_real_time(station_dir):
    import time

    path = bulletin_mp3(station_dir / "out" / "a.mp3", 1.5, "Thử")
    playback = SilentPlayer().start(path)
    began = time.monotonic()
    while not playback.wait(0.1):
        pass
    assert 1.3 <= time.monotonic() - began < 4.0
    assert playback.finished_cleanly


@pytest.mark.parametrize("how", ["SIGTERM to the player", "Ctrl+C to the terminal's process group"])
def test_stopping_the_command_stops_the_airing_and_logs_it_incomplete(station, station_dir, how):
    bulletin_mp3(station_dir / "out" / "a.mp3", 10.0, "Bản tin bị dừng", "KC-9")
    command = [sys.executable, "-m", "bulletin", "onair", "--now", "out/a.mp3", "--player", "silent"]
    process = subprocess.Popen(command, cwd=station_dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        wait_for(lambda: playing(station_dir, "Bản tin bị dừng", at_least=1.0), 40)
    finally:
        if how.startswith("SIGTERM"):
            process.send_signal(signal.SIGTERM)  # what systemd sends on "systemctl stop"
        else:
            os.killpg(process.pid, signal.SIGINT)  # the player program gets it too
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err.decode()
    assert "Phát không trọn" in out.decode() and "không tính vào chỉ tiêu" in out.decode()
    (record,) = records(station)
    assert (record.completion, record.level) == (INCOMPLETE, "khẩn cấp") and 1.0 <= record.played_seconds < 9.0
    assert "lỗi trình phát" not in record.note
    assert state.now_playing(station_dir) is None


def test_a_file_gone_before_its_slot_is_reported_and_the_next_slot_still_airs(station, station_dir):
    bulletin_mp3(station_dir / "out" / "a.mp3", 1.0, "Bản tin sáng", "TTĐN-H")
    bulletin_mp3(station_dir / "out" / "b.mp3", 1.0, "Bản tin chiều", "TTĐN-I")
    add(station_dir, "out/a.mp3", "thứ 2 lúc 6h30")
    add(station_dir, "out/b.mp3", "thứ 2 lúc 17h")
    (station_dir / "out" / "a.mp3").unlink()
    events = []
    player(station, SLOT - dt.timedelta(seconds=5), events).run(until=MONDAY.replace(hour=18))
    (record,) = records(station)
    assert (record.title, record.completion) == ("Bản tin chiều", COMPLETE)
    missed = [e for e in events if e.kind == "missed"]
    assert len(missed) == 1 and "out/a.mp3" in missed[0].message and "không tìm thấy tệp" in missed[0].message


def test_a_schedule_mistyped_while_running_is_said_once_and_the_player_goes_on(station, station_dir):
    bulletin_mp3(station_dir / "out" / "a.mp3", 1.0, "Bản tin sáng", "TTĐN-J")
    add(station_dir, "out/a.mp3", "thứ 2 lúc 6h30")
    events = []
    machine = player(station, SLOT - dt.timedelta(seconds=5), events)
    machine.recover()
    path = station_dir / "lich-phat.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("thứ 2 lúc 6h30", "thứ 9 lúc 6h30"), encoding="utf-8")
    machine.run(until=SLOT + dt.timedelta(minutes=2))
    errors = [e for e in events if e.kind == "error"]
    assert len(errors) == 1 and "lich-phat.toml, dòng" in errors[0].message and "thứ 9" in errors[0].message
    assert records(station) == []


def test_the_player_s_records_are_listed_with_how_they_went(station, station_dir):
    from helpers import run_cli

    bulletin_mp3(station_dir / "out" / "a.mp3", 1.0, "Bản tin sáng", "TTĐN-K")
    add(station_dir, "out/a.mp3", "thứ 2, 3 lúc 6h30")
    player(station, dt.datetime(2024, 10, 22, 6, 29, 55)).run(until=dt.datetime(2024, 10, 22, 6, 35))
    listed = run_cli("log", "list", "--period", "2024-Q4")
    assert listed.exit_code == 0, listed.output
    lines = [line for line in listed.output.splitlines() if "Bản tin sáng" in line]
    assert len(lines) == 2
    assert "tự động: không" in lines[0] and "21/10/2024" in lines[0]  # the status cell wraps
    wrapped = listed.output.splitlines()[listed.output.splitlines().index(lines[0]) + 1]
    assert wrapped.strip().endswith("phát được")  # the wrapped rest of the status cell
    assert "2 bản ghi (1 đang tính, 1 không phát trọn, 0 đã hủy)" in listed.output
    assert "không phát: máy phát không chạy lúc đến giờ" in listed.output
    assert lines[1].rstrip().endswith("tự động") and "22/10/2024" in lines[1]


def test_a_scheduled_script_is_built_before_it_airs(station_dir, espeak):
    from helpers import write_script

    from bulletin.config import load_station

    config = station_dir / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('engine = "auto"', 'engine = "espeak"'),
                      encoding="utf-8")
    station = load_station(config)
    write_script(station_dir / "scripts", "ngan.md", "# Tin\n\nUBND xã tổ chức 02 buổi tuyên truyền.\n",
                 front="title: Bản tin ngắn\nid: TTĐN-NGAN\n")
    add(station_dir, "scripts/ngan.md", "thứ 2 lúc 6h30")
    events = []
    # Started 20 minutes before: the script is built ahead, so it airs on the minute.
    player(station, SLOT - dt.timedelta(minutes=20), events).run(until=SLOT + dt.timedelta(minutes=15))
    built = station_dir / "out" / "ngan.mp3"
    (record,) = records(station)
    assert built.is_file() and record.sha256 == store.sha256_of(built)
    assert (record.title, record.bulletin_id, record.completion) == ("Bản tin ngắn", "TTĐN-NGAN", COMPLETE)
    assert [e.kind for e in events] == ["built", "started", "aired"]
    assert record.aired_at == "2024-10-21 06:30" and "trễ" not in record.note


def test_ffplay_plays_to_the_end_and_stops_on_request(station_dir, monkeypatch):
    """The sound-card player, with SDL's dummy audio driver standing in for the sound card."""
    import time

    from conftest import require_program

    from bulletin.air.players import FfplayPlayer, sound_player

    require_program("ffplay")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    chosen = sound_player()
    assert isinstance(chosen, FfplayPlayer) and chosen.name == "ffplay"
    path = bulletin_mp3(station_dir / "out" / "a.mp3", 1.0, "Thử loa")
    playback = chosen.start(path)
    began = time.monotonic()
    while not playback.wait(0.1):
        assert time.monotonic() - began < 20
    assert playback.finished_cleanly and playback.elapsed >= 0.9
    long = chosen.start(bulletin_mp3(station_dir / "out" / "b.mp3", 30.0, "Dài"))
    assert not long.wait(1.0)
    long.stop()
    assert long.stopped and not long.finished_cleanly and long.elapsed < 10


def test_an_old_emergency_request_is_not_aired_at_the_next_start(station, station_dir):
    emergency = bulletin_mp3(station_dir / "out" / "bao.mp3", 1.0, "Bão cũ", "KC-OLD")
    state.request_emergency(station_dir, emergency, "Cụm 1", dt.datetime.now() - dt.timedelta(hours=3))
    events = []
    player(station, SLOT, events).run(until=SLOT + dt.timedelta(minutes=1))
    assert records(station) == [] and not state.emergency_waiting(station_dir)
    assert any(e.kind == "error" and "Bỏ qua lệnh phát khẩn cấp cũ" in e.message for e in events)
    assert state.player_alive(station_dir) is None  # the stopped player says so at once


def test_a_file_the_player_program_cannot_decode_is_incomplete_with_its_message(station, station_dir):
    bulletin_mp3(station_dir / "out" / "a.mp3", 2.0, "Bản tin hỏng", "TTĐN-X")
    add(station_dir, "out/a.mp3", "thứ 2 lúc 6h30")
    machine = player(station, SLOT - dt.timedelta(seconds=2))

    class Broken(SilentPlayer):
        def command(self, path):  # the program cannot read the file (a disk gone mid-airing, say)
            return super().command(path.with_name("khong-con.mp3"))

    events = []
    machine = player(station, SLOT - dt.timedelta(seconds=2), events)
    machine.player = Broken()
    machine.run(until=SLOT + dt.timedelta(minutes=20))
    (record,) = records(station)
    # The log (and the report an official signs) gets a short Vietnamese note; the program's own
    # message, with its paths, is shown to whoever runs the player.
    assert record.completion == INCOMPLETE and "lỗi trình phát" in record.note
    assert "khong-con.mp3" not in record.note and len(record.note) < 120
    assert any("khong-con.mp3" in event.message for event in events)


def test_two_files_built_with_the_same_proposed_id_air_as_two_bulletins(station, station_dir):
    from mutagen.id3 import ID3, TXXX

    for name, title in (("a", "Phòng chống bão"), ("b", "Lịch tiêm phòng")):
        path = bulletin_mp3(station_dir / "out" / f"{name}.mp3", 1.0, title, "TTĐN-2024-Q4-01")
        tags = ID3(path)
        tags.add(TXXX(encoding=3, desc="BULLETIN_ID_PROPOSED", text=["1"]))  # as `bulletin build` marks it
        tags.save(path)
    add(station_dir, "out/a.mp3", "thứ 2 lúc 6h30")
    add(station_dir, "out/b.mp3", "thứ 2 lúc 17h")
    events = []
    player(station, SLOT - dt.timedelta(seconds=5), events).run(until=MONDAY.replace(hour=18))
    assert [(r.title, r.bulletin_id) for r in records(station)] == [
        ("Phòng chống bão", "TTĐN-2024-Q4-01"), ("Lịch tiêm phòng", "TTĐN-2024-Q4-02")]
    assert any(e.kind == "note" and "đã thuộc bản tin khác trong sổ" in e.message for e in events)
