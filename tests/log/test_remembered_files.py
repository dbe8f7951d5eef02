"""A file made elsewhere (the Department's ready-made bulletin) logged twice: one bulletin, one re-broadcast."""

from __future__ import annotations

import pytest
from helpers import run_cli
from recording_helpers import talk, write_recording

from bulletin.config import load_station
from bulletin.log import store
from bulletin.periods import parse_period
from bulletin.reports import quota


@pytest.fixture
def downloaded(station_dir):
    samples, _ = talk(8.0, lead=0.5, tail=0.5, seed=4)
    return write_recording(station_dir / "ban-tin-so.m4a", samples, 44100, level_db=-20.0,
                           codec=["-c:a", "aac", "-b:a", "64k"])


def test_the_same_downloaded_file_logged_twice_is_one_bulletin_and_one_rebroadcast(station_dir, downloaded):
    first = run_cli("log", "add", downloaded, "--aired", "2024-07-02 17:00", "--title", "Bản tin của Sở",
                    "--id", "STTTT-2024-07", "--series", "Thông tin đối ngoại")
    assert first.exit_code == 0, first.output
    again = run_cli("log", "add", downloaded, "--aired", "2024-07-09 17:00")
    assert again.exit_code == 0, again.output
    assert "Nhận ra tệp (cùng nội dung với lần phát 2024-07-02 17:00)" in again.output
    assert "Phát lại: bản tin này đã có 1 lần phát trong sổ" in again.output
    records = store.current(station_dir / "broadcasts.db")
    assert [(r.title, r.bulletin_id, r.series) for r in records] == [
        ("Bản tin của Sở", "STTTT-2024-07", "Thông tin đối ngoại")] * 2
    config = station_dir / "bulletin.toml"  # a short test file counts as a bulletin here
    config.write_text(config.read_text(encoding="utf-8").replace(
        "per_quarter = 2", 'per_quarter = 2\nmin_duration = "0:05"'), encoding="utf-8")
    station = load_station(config)
    (q,) = quota.load(station_dir / "broadcasts.db", parse_period("2024-Q3"), required=station.quota_for,
                      series=["Thông tin đối ngoại"], today=parse_period("2024-Q4").start, rules=station.rule_for)
    assert len(q.counted) == 1 and q.counted[0].airings == 2


def test_a_correction_in_the_log_is_what_the_next_airing_remembers(station_dir, downloaded):
    assert run_cli("log", "add", downloaded, "--aired", "2024-07-02 17:00", "--title", "Bản tin Sở",
                   "--id", "SO-1").exit_code == 0
    (record,) = store.current(station_dir / "broadcasts.db")
    assert run_cli("log", "amend", record.record_id[:8], "--title", "Bản tin Sở tháng 7",
                   "--reason", "Sai tiêu đề").exit_code == 0
    again = run_cli("log", "add", downloaded, "--aired", "2024-07-09 17:00")
    assert again.exit_code == 0, again.output
    assert "“Bản tin Sở tháng 7”" in again.output


def test_an_unknown_file_without_tags_is_asked_about_or_refused(station_dir, downloaded):
    refused = run_cli("log", "add", downloaded, "--aired", "2024-07-02 17:00", "--no-ask")
    assert refused.exit_code == 1 and "--title" in refused.output
    assert not store.current(station_dir / "broadcasts.db")
    asked = run_cli("log", "add", downloaded, "--aired", "2024-07-02 17:00", "--ask",
                    input="Bản tin đối ngoại tháng 7\n\nSO-2024-07\n")
    assert asked.exit_code == 0, asked.output
    assert "Tiêu đề bản tin:" in asked.output and "Chuyên mục [Thông tin đối ngoại]:" in asked.output
    (record,) = store.current(station_dir / "broadcasts.db")
    assert (record.title, record.series, record.bulletin_id) == (
        "Bản tin đối ngoại tháng 7", "Thông tin đối ngoại", "SO-2024-07")
    no_answer = run_cli("log", "add", downloaded, "--aired", "2024-08-02 17:00", "--ask", input="")
    assert no_answer.exit_code == 0  # remembered: nothing to ask
    assert len(store.current(station_dir / "broadcasts.db")) == 2
