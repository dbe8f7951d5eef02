"""The broadcast log on real SQLite files: adding, corrections, listings, migrations, concurrency."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from helpers import run_cli, tone, write_audio
from log_helpers import SERIES, V1_SCHEMA, bulletin_mp3, entry

from bulletin.errors import LogError
from bulletin.log import store
from bulletin.log.schema import SCHEMA_VERSION, connect

TAGS = dict(title="Biển đảo quê hương", bulletin_id="TTĐN-2024-Q2-01", series=SERIES, quarter="2024-Q2",
            level="ưu tiên", date="2024-06-01")


@pytest.fixture
def mp3(tmp_path, ffmpeg):
    return bulletin_mp3(tmp_path, "ban-tin.mp3", 3.0, **TAGS)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "so" / "broadcasts.db"


def rows(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM broadcasts ORDER BY origin, seq")]
    finally:
        conn.close()


def file_digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


# -- log add ----------------------------------------------------------------------


def test_add_reads_what_the_file_is_from_its_tags_and_audio(mp3, db, station_dir):
    result = run_cli("log", "add", mp3, "--aired", "2024-06-21 06:30", "--place", "Cụm loa trung tâm",
                     "--operator", "Nguyễn Văn A", "--note", "phát đúng giờ", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Đã ghi sổ: 2024-06-21 06:30 – “Biển đảo quê hương” (0:03) tại Cụm loa trung tâm" in result.output
    (row,) = rows(db)
    assert f"Mã bản ghi: {row['id']}" in result.output
    assert {k: row[k] for k in ("aired_at", "place", "bulletin_id", "title", "series", "level", "file_name",
                                "operator", "note", "planned_quarter", "kind", "seq")} == {
        "aired_at": "2024-06-21 06:30", "place": "Cụm loa trung tâm", "bulletin_id": "TTĐN-2024-Q2-01",
        "title": "Biển đảo quê hương", "series": SERIES, "level": "ưu tiên", "file_name": "ban-tin.mp3",
        "operator": "Nguyễn Văn A", "note": "phát đúng giờ", "planned_quarter": "2024-Q2", "kind": "add", "seq": 1}
    assert row["sha256"] == hashlib.sha256(mp3.read_bytes()).hexdigest()
    assert row["duration"] == pytest.approx(3.0, abs=0.1)
    assert row["record_id"] == row["id"] and len(row["hash"]) == 64
    assert dt.datetime.fromisoformat(row["recorded_at"]).tzinfo is not None


def test_place_and_operator_default_to_the_station(mp3, station_dir):
    config = station_dir / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('place = ""', 'place = "Cụm loa xã"')
                      .replace('operator = ""', 'operator = "Trần Thị B"'), encoding="utf-8")
    result = run_cli("log", "add", mp3, "--aired", "2024-06-21 06:30")
    assert result.exit_code == 0, result.output
    (row,) = rows(station_dir / "broadcasts.db")
    assert (row["place"], row["operator"]) == ("Cụm loa xã", "Trần Thị B")


def test_exact_duplicate_is_refused(mp3, db, station_dir):
    args = ("log", "add", mp3, "--aired", "2024-06-21 06:30", "--place", "Cụm loa trung tâm", "--db", db)
    assert run_cli(*args).exit_code == 0
    before = file_digest(db)
    again = run_cli(*args)
    assert again.exit_code == 1
    assert "đã có bản ghi này trong sổ" in again.output
    assert "cùng thời điểm 2024-06-21 06:30, cùng nơi phát 'Cụm loa trung tâm'" in again.output
    assert file_digest(db) == before


def test_rebroadcast_elsewhere_or_later_is_a_new_record(mp3, db, station_dir):
    assert run_cli("log", "add", mp3, "--aired", "2024-06-21 06:30", "--place", "Cụm 1", "--db", db).exit_code == 0
    other_place = run_cli("log", "add", mp3, "--aired", "2024-06-21 06:30", "--place", "Cụm 2", "--db", db)
    later = run_cli("log", "add", mp3, "--aired", "2024-06-22 06:30", "--place", "Cụm 1", "--db", db)
    assert other_place.exit_code == later.exit_code == 0
    assert "đã có 1 lần phát trong sổ; chỉ tính một lần vào chỉ tiêu" in other_place.output
    assert "đã có 2 lần phát" in later.output
    assert len(rows(db)) == 3


def test_warnings_for_long_files_future_dates_and_other_quarters(tmp_path, db, station_dir, ffmpeg):
    long_file = tmp_path / "dai.mp3"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000",
                    "-t", "612", "-ac", "1", "-b:a", "8k", str(long_file)], check=True)
    result = run_cli("log", "add", long_file, "--aired", "2024-07-01 06:30", "--title", "Bản tin dài",
                     "--quarter", "2024-Q2", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Cảnh báo: tệp dài 10:12, quá 10 phút của một bản tin" in result.output
    assert "Cảnh báo: bản tin được làm cho Quý II/2024 nhưng phát ngoài quý đó" in result.output
    soon = (dt.datetime.now() + dt.timedelta(minutes=20)).strftime("%Y-%m-%d %H:%M")
    result = run_cli("log", "add", long_file, "--aired", soon, "--title", "Bản tin dài", "--db", db)
    assert result.exit_code == 0  # a clock a little behind: written, with a warning
    assert f"Cảnh báo: thời điểm phát {soon} ở tương lai" in result.output
    assert len(rows(db)) == 2  # warnings do not stop the record


def test_an_airing_days_ahead_is_a_mistyped_date_and_is_refused(tmp_path, db, station_dir, ffmpeg):
    wav = write_audio(tmp_path / "a.wav", tone(2.0), 44100)
    assert run_cli("log", "add", wav, "--aired", "2024-07-01 06:30", "--title", "A", "--db", db).exit_code == 0
    before = db.read_bytes()
    future = (dt.datetime.now() + dt.timedelta(days=20)).strftime("%d/%m/%Y 6h30")
    result = run_cli("log", "add", wav, "--aired", future, "--title", "A", "--db", db)
    assert result.exit_code == 1 and "chưa tới" in result.output and "Traceback" not in result.output
    assert db.read_bytes() == before  # nothing written
    record = rows(db)[0]
    amended = run_cli("log", "amend", record["record_id"][:8], "--aired", future, "--reason", "sửa", "--db", db)
    assert amended.exit_code == 1 and "chưa tới" in amended.output
    assert db.read_bytes() == before


def test_files_not_made_by_the_toolkit(tmp_path, db, station_dir, ffmpeg):
    wav = write_audio(tmp_path / "so-gui.wav", tone(2.0), 44100)
    refused = run_cli("log", "add", wav, "--aired", "2024-07-02 17:00", "--db", db)
    assert refused.exit_code == 1
    assert "so-gui.wav: tệp không có thẻ tiêu đề" in refused.output and "--title" in refused.output
    assert not db.exists()
    accepted = run_cli("log", "add", wav, "--aired", "2024-07-02 17:00", "--title", "Bản tin của Sở",
                       "--id", "STTTT-07", "--db", db)
    assert accepted.exit_code == 0, accepted.output
    (row,) = rows(db)
    assert (row["title"], row["bulletin_id"], row["series"], row["level"], row["planned_quarter"]) == (
        "Bản tin của Sở", "STTTT-07", SERIES, "thường", "")


@pytest.mark.parametrize("case", ["date", "missing", "unreadable", "quarter"])
def test_bad_input_gives_a_clear_message_and_leaves_the_log_unchanged(case, tmp_path, mp3, db, station_dir):
    assert run_cli("log", "add", mp3, "--aired", "2024-06-21 06:30", "--db", db).exit_code == 0
    before = file_digest(db)
    garbage = tmp_path / "hong.mp3"
    garbage.write_bytes(b"day khong phai am thanh" * 100)
    args, message = {
        "date": ((mp3, "--aired", "21-6-2024 sáng"), "thời điểm phát không hợp lệ '21-6-2024 sáng'"),
        "missing": ((tmp_path / "khong-co.mp3", "--aired", "2024-06-21 07:30"),
                    "khong-co.mp3: không tìm thấy tệp âm thanh"),
        "unreadable": ((garbage, "--aired", "2024-06-21 07:30", "--title", "X"),
                       "hong.mp3: không đọc được âm thanh của tệp"),
        "quarter": ((mp3, "--aired", "2024-06-21 07:30", "--quarter", "2024-Q9"), "quý kế hoạch không hợp lệ"),
    }[case]
    result = run_cli("log", "add", *args, "--db", db)
    assert result.exit_code == 1
    assert result.output.startswith("Lỗi: ") and message in result.output
    assert "Traceback" not in result.output
    assert file_digest(db) == before


@pytest.mark.parametrize("args", [("--period", "2024-Q7"), ("--from", "32/1/2024"), ("--period", "năm ngoái")])
def test_list_bad_period_exit_1(args, db, station_dir):
    result = run_cli("log", "list", *args, "--db", db)
    assert result.exit_code == 1 and "Lỗi: " in result.output and "không hợp lệ" in result.output
    assert not db.exists()


# -- corrections --------------------------------------------------------------------


def test_void_and_amend_write_new_records_and_never_delete(mp3, db, station_dir):
    run_cli("log", "add", mp3, "--aired", "2024-06-21 06:30", "--place", "Cụm 1", "--db", db)
    run_cli("log", "add", mp3, "--aired", "2024-06-22 06:30", "--place", "Cụm 1", "--db", db)
    first, second = rows(db)
    amended = run_cli("log", "amend", first["id"][:8], "--aired", "2024-06-21 17:30", "--place", "Cụm 2",
                      "--reason", "Ghi nhầm giờ và nơi", "--db", db)
    assert amended.exit_code == 0, amended.output
    assert f"Đã sửa bản ghi {first['id'][:8]}: 2024-06-21 17:30" in amended.output
    voided = run_cli("log", "void", second["id"], "--reason", "Mất điện, không phát", "--db", db)
    assert voided.exit_code == 0, voided.output
    entries = rows(db)
    assert [(e["kind"], e["seq"]) for e in entries] == [("add", 1), ("add", 2), ("amend", 3), ("void", 4)]
    assert entries[0] == first and entries[1] == second  # the old entries are untouched
    amend_row, void_row = entries[2], entries[3]
    assert (amend_row["record_id"], amend_row["supersedes"], amend_row["aired_at"], amend_row["place"],
            amend_row["reason"]) == (first["id"], first["id"], "2024-06-21 17:30", "Cụm 2", "Ghi nhầm giờ và nơi")
    assert (void_row["record_id"], void_row["supersedes"], void_row["reason"]) == (
        second["id"], second["id"], "Mất điện, không phát")

    listing = run_cli("log", "list", "--db", db)
    assert listing.exit_code == 0
    lines = listing.output.splitlines()
    assert any(first["id"][:8] in line and "17:30" in line and "Cụm 2" in line and "đã sửa" in line for line in lines)
    assert any(second["id"][:8] in line and "ĐÃ HỦY: Mất điện, không phát" in line for line in lines)
    assert "2 bản ghi (1 đang tính, 1 đã hủy)." in listing.output
    history = run_cli("log", "list", "--history", "--db", db)
    kinds = [line.split()[1] for line in history.output.splitlines()[2:] if re.match(r"[0-9a-f]{8}  ", line)]
    assert all(len(line) <= 100 for line in history.output.splitlines() + listing.output.splitlines())
    assert kinds == ["ghi", "sửa", "ghi", "hủy"]
    assert "Ghi nhầm giờ và nơi" in history.output


def test_corrections_refused_when_they_make_no_sense(mp3, db, station_dir):
    run_cli("log", "add", mp3, "--aired", "2024-06-21 06:30", "--place", "Cụm 1", "--db", db)
    run_cli("log", "add", mp3, "--aired", "2024-06-22 06:30", "--place", "Cụm 1", "--db", db)
    first, second = rows(db)
    before = file_digest(db)
    cases = [
        (("log", "void", "ffffffff", "--reason", "x"), "không có bản ghi mã 'ffffffff'"),
        (("log", "void", first["id"], "--reason", "  "), "cần ghi lý do"),
        (("log", "amend", first["id"], "--place", "Cụm 1", "--reason", "x"), "không có gì thay đổi"),
        (("log", "amend", first["id"], "--aired", "2024-06-22 06:30", "--reason", "x"), "đã có bản ghi này"),
        (("log", "amend", first["id"], "--aired", "hôm qua", "--reason", "x"), "thời điểm phát không hợp lệ"),
    ]
    for args, message in cases:
        result = run_cli(*args, "--db", db)
        assert result.exit_code == 1, args
        assert message in result.output, (args, result.output)
    assert file_digest(db) == before
    assert run_cli("log", "void", second["id"], "--reason", "sai", "--db", db).exit_code == 0
    again = run_cli("log", "void", second["id"], "--reason", "sai", "--db", db)
    assert again.exit_code == 1 and "đã bị hủy trước đó (lý do: sai)" in again.output
    nothing = run_cli("log", "amend", first["id"], "--reason", "x", "--db", db)
    assert nothing.exit_code == 2 and "chưa có gì để sửa" in nothing.output


def test_amend_applies_to_the_current_version(db):
    record = store.add(db, entry("2024-05-01 06:30", "A")).record
    store.amend(db, record.id, {"note": "lần 1"}, reason="bổ sung")
    store.amend(db, record.id, {"place": "Cụm 9"}, reason="sai nơi")
    (now,) = store.current(db)
    assert (now.record_id, now.note, now.place, now.kind) == (record.id, "lần 1", "Cụm 9", "amend")
    assert [e.kind for e in store.history(db)] == ["add", "amend", "amend"]


# -- listings -------------------------------------------------------------------------


def test_list_filters_and_formats(db, station_dir):
    store.add(db, entry("2024-03-31 23:59", "A", place="Cụm 1"))
    store.add(db, entry("2024-04-01 00:00", "B", place="Cụm 2"))
    store.add(db, entry("2024-07-15 06:30", "C", place="Cụm 1", series="Chuyển đổi số"))

    def ids(*args):
        out = run_cli("log", "list", *args, "--format", "json", "--db", db)
        assert out.exit_code == 0, out.output
        return [r["bulletin_id"] for r in json.loads(out.output)]

    assert ids() == ["A", "B", "C"]
    assert ids("--period", "2024-Q1") == ["A"]
    assert ids("--period", "2024-H1") == ["A", "B"]
    assert ids("--from", "2024-04-01", "--to", "15/7/2024") == ["B", "C"]
    assert ids("--series", "Chuyển đổi số") == ["C"]
    assert ids("--place", "Cụm 1") == ["A", "C"]
    assert ids("--period", "2023") == []
    records = json.loads(run_cli("log", "list", "--format", "json", "--db", db).output)
    assert isinstance(records, list) and {"id", "aired_at", "place", "bulletin_id", "title", "series", "level",
                                          "duration", "file_name", "sha256", "operator", "note", "recorded_at",
                                          "hash", "status"} <= set(records[0])
    text = run_cli("log", "list", "--format", "csv", "--db", db).output
    table = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["Mã bản tin"], r["Ngày phát"], r["Giờ"], r["Tình trạng"], r["Thời lượng (giây)"]) for r in table] == [
        ("A", "31/3/2024", "23:59", "đang tính", "590"), ("B", "1/4/2024", "00:00", "đang tính", "590"),
        ("C", "15/7/2024", "06:30", "đang tính", "590")]
    assert "sha256" not in text and "active" not in text
    empty = run_cli("log", "list", "--period", "2023", "--db", db)
    assert empty.exit_code == 0 and "Chưa có bản ghi nào trong năm 2023." in empty.output
    both = run_cli("log", "list", "--period", "2024", "--from", "2024-01-01", "--db", db)
    assert both.exit_code == 2 and "không dùng cả hai" in both.output


def test_listing_a_log_that_does_not_exist_creates_nothing(db, station_dir):
    result = run_cli("log", "list", "--db", db)
    assert result.exit_code == 0 and "Chưa có bản ghi nào." in result.output
    assert not db.exists()


# -- migrations ---------------------------------------------------------------------


def test_new_log_from_nothing_and_from_an_empty_file(tmp_path):
    for path in (tmp_path / "moi.db", tmp_path / "rong.db"):
        if path.name == "rong.db":
            path.touch()
        store.add(path, entry("2024-05-01 06:30", "A"))
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"broadcasts", "log_info", "origins"} <= tables
        conn.close()
        assert store.verify(path)[0].ok


def test_migration_from_the_foundation_schema_keeps_and_chains_old_records(tmp_path, station_dir):
    path = tmp_path / "cu.db"
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    old = [  # written in this order by the first release (not in aired order)
        (str(uuid.uuid4()), "2024-05-02 06:30", "Cụm 1", "TTĐN-1", "Bản tin một", SERIES, "thường", 598.2, "a.mp3",
         "a" * 64, "Ông A", "", "2024-05-02T00:00:00+00:00"),
        (str(uuid.uuid4()), "2024-04-20 06:30", "Cụm 2", "", "Bản tin không mã", SERIES, "thường", 601.0, "b.mp3",
         "b" * 64, "", "ghi bù", "2024-05-03T00:00:00+00:00"),
        (str(uuid.uuid4()), "2024-06-01 17:00", "Cụm 1", "TTĐN-2", "Bản tin hai", SERIES, "ưu tiên", 590.0, "c.mp3",
         "c" * 64, "", "", "2024-06-01T00:00:00+00:00"),
    ]
    conn.executemany("INSERT INTO broadcasts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", old)
    conn.commit()
    conn.close()

    records = store.current(path)
    assert [(r.id, r.aired_at, r.title, r.duration, r.note) for r in records] == [
        (o[0], o[1], o[4], o[7], o[11]) for o in (old[1], old[0], old[2])]
    migrated = rows(path)
    assert [(r["id"], r["seq"], r["record_id"], r["kind"]) for r in migrated] == [
        (o[0], n, o[0], "add") for n, o in enumerate(old, start=1)]
    assert store.verify(path)[0].ok
    added = store.add(path, entry("2024-06-10 06:30", "TTĐN-3")).record
    assert (added.seq, added.prev_id) == (4, old[2][0])
    verified = run_cli("log", "verify", "--db", path)
    assert verified.exit_code == 0 and "4 bản ghi" in verified.output
    report = run_cli("report", "--period", "2024-Q2", "--db", path)
    assert "đã tổ chức phát sóng 04 bản tin chuyên đề" in report.output


def test_log_from_a_newer_version_or_not_a_log(tmp_path, station_dir):
    newer = tmp_path / "moi-hon.db"
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    result = run_cli("log", "list", "--db", newer)
    assert result.exit_code == 1 and "phiên bản bulletin mới hơn (lược đồ 99)" in result.output
    text = tmp_path / "ghi-chu.db"
    text.write_text("đây là một tệp văn bản, không phải sổ phát sóng\n" * 50, encoding="utf-8")
    before = file_digest(text)
    result = run_cli("log", "list", "--db", text)
    assert result.exit_code == 1 and "không phải tệp SQLite" in result.output
    assert file_digest(text) == before


def test_reading_does_not_take_the_write_lock(db):
    store.add(db, entry("2024-05-01 06:30", "A"))
    with connect(db) as writer:  # another process holding the write lock
        writer.execute("SELECT 1")
        assert [r.bulletin_id for r in store.current(db)] == ["A"]


def test_add_many_is_all_or_nothing(db):
    store.add(db, entry("2024-05-01 06:30", "A"))
    before = file_digest(db)
    batch = [entry("2024-05-02 06:30", "B"), entry("2024-05-01 06:30", "A")]  # the second is already there
    with pytest.raises(LogError, match="đã có bản ghi này trong sổ"):
        store.add_many(db, batch)
    assert file_digest(db) == before
    assert store.add_many(db, batch[:1]) == 1
    assert [e.seq for e in store.history(db)] == [1, 2]


def test_unknown_record_prefix_too_short(db):
    store.add(db, entry("2024-05-01 06:30", "A"))
    with pytest.raises(LogError, match="quá ngắn"):
        store.void(db, "ab", reason="x")


@pytest.mark.parametrize("command", [("log",), ("log", "add"), ("log", "void"), ("log", "amend"), ("log", "list"),
                                     ("log", "verify"), ("log", "export"), ("log", "import"), ("quota",), ("report",)])
def test_every_log_quota_and_report_command_has_help_with_an_example(command):
    result = run_cli(*command, "--help")
    assert result.exit_code == 0
    assert "Ví dụ:" in result.output
    assert f"bulletin {' '.join(command)} " in result.output.split("Ví dụ:")[1]
