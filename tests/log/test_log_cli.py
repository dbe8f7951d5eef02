"""Logging a broadcast and reporting a period, on a real SQLite file."""

from __future__ import annotations

import json
import sqlite3

import pytest
from helpers import run_cli, tone, write_audio

from bulletin.audio.tags import BulletinTags, write_tags


@pytest.fixture
def bulletin_mp3(station_dir):
    path = write_audio(station_dir / "out" / "q3.mp3", tone(12.0), 44100, b="128k")
    write_tags(path, BulletinTags(title="Bản tin quý III", station="Đài thử", series="Thông tin đối ngoại",
                                  date="2024-08-15", bulletin_id="TTĐN-2024-Q3-01", quarter="2024-Q3",
                                  level="thường"))
    return path


def _rows(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT aired_at, place, bulletin_id, title, duration FROM broadcasts").fetchall()


def test_log_add_reads_the_file_and_report_counts_it(station_dir, bulletin_mp3):
    result = run_cli("log", "add", bulletin_mp3, "--aired", "2024-08-16 06:30", "--place", "Cụm loa thôn 3")
    assert result.exit_code == 0, result.output
    assert "Đã ghi sổ: 2024-08-16 06:30 – “Bản tin quý III”" in result.output
    db = station_dir / "broadcasts.db"
    (row,) = _rows(db)
    assert row[:4] == ("2024-08-16 06:30", "Cụm loa thôn 3", "TTĐN-2024-Q3-01", "Bản tin quý III")
    assert row[4] == pytest.approx(12.0, abs=0.1)

    listing = run_cli("log", "list", "--period", "2024-Q3", "--format", "json")
    assert listing.exit_code == 0
    (record,) = json.loads(listing.output)
    assert record["title"] == "Bản tin quý III" and len(record["sha256"]) == 64

    report = run_cli("report", "--period", "2024-Q3")
    assert report.exit_code == 0
    assert ("Trong quý III năm 2024, đã tổ chức phát sóng 01 bản tin chuyên đề Thông tin đối ngoại "
            "(mỗi quý 02 bản tin, thời lượng 10 phút/01 bản tin).") in report.output
    assert "16/8/2024" in report.output and "06:30" in report.output
    assert "Quý III năm 2024: 01/02 bản tin – chưa đạt" in report.output


def test_rebroadcast_counts_once(station_dir, bulletin_mp3):
    for aired in ("2024-08-16 06:30", "2024-08-16 17:00"):
        assert run_cli("log", "add", bulletin_mp3, "--aired", aired).exit_code == 0
    report = run_cli("report", "--period", "2024-H2")
    assert "đã tổ chức phát sóng 01 bản tin" in report.output
    assert "Trong 6 tháng cuối năm 2024" in report.output


def test_exact_duplicate_is_refused_and_log_unchanged(station_dir, bulletin_mp3):
    assert run_cli("log", "add", bulletin_mp3, "--aired", "2024-08-16 06:30").exit_code == 0
    again = run_cli("log", "add", bulletin_mp3, "--aired", "2024-08-16 06:30")
    assert again.exit_code == 1
    assert "đã có bản ghi này trong sổ" in again.output
    assert len(_rows(station_dir / "broadcasts.db")) == 1


@pytest.mark.parametrize("args, words", [
    (["--aired", "16/8/2024"], "thời điểm phát không hợp lệ"),
    (["--aired", "2024-13-01 06:30"], "thời điểm phát không hợp lệ"),
])
def test_bad_aired_date(station_dir, bulletin_mp3, args, words):
    result = run_cli("log", "add", bulletin_mp3, *args)
    assert result.exit_code == 1
    assert words in result.output
    assert not (station_dir / "broadcasts.db").exists() or _rows(station_dir / "broadcasts.db") == []


def test_missing_and_unreadable_files(station_dir):
    missing = run_cli("log", "add", "khong-co.mp3", "--aired", "2024-08-16 06:30")
    assert missing.exit_code == 1 and "khong-co.mp3" in missing.output
    (station_dir / "hong.mp3").write_bytes(b"\x00" * 1000)
    broken = run_cli("log", "add", "hong.mp3", "--aired", "2024-08-16 06:30", "--title", "X")
    assert broken.exit_code == 1 and "hong.mp3" in broken.output
    assert "Traceback" not in broken.output


def test_foreign_file_needs_a_title(station_dir):
    plain = write_audio(station_dir / "ngoai.mp3", tone(5.0), 44100)
    refused = run_cli("log", "add", plain, "--aired", "2024-08-16 06:30")
    assert refused.exit_code == 1 and "--title" in refused.output
    accepted = run_cli("log", "add", plain, "--aired", "2024-08-16 06:30", "--title", "Bản tin của Sở",
                       "--id", "SO-01")
    assert accepted.exit_code == 0
    assert _rows(station_dir / "broadcasts.db")[0][2:4] == ("SO-01", "Bản tin của Sở")


def test_unknown_period(station_dir):
    result = run_cli("report", "--period", "2024-Q5")
    assert result.exit_code == 1
    assert "kỳ báo cáo không hợp lệ '2024-Q5'" in result.output


def test_db_option_overrides_the_station_log(station_dir, bulletin_mp3, tmp_path):
    other = tmp_path / "khac.db"
    assert run_cli("log", "add", bulletin_mp3, "--aired", "2024-08-16 06:30", "--db", other).exit_code == 0
    assert len(_rows(other)) == 1
    assert not (station_dir / "broadcasts.db").exists()
