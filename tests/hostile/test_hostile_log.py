"""Hostile input for the broadcast log, through the real CLI in a bounded child process.

Every case ends with exit 1 or 2, a Vietnamese message naming the file (and the line for
imports), no traceback, nothing left behind, and the log byte-identical (or still verifying).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from harness import assert_nothing_left, assert_refused, run_bounded, snapshot
from log_helpers import SERIES, bulletin_mp3, entry

from bulletin.log import exchange as log_exchange
from bulletin.log import store
from bulletin.log.record import Broadcast, entry_hash

LOG = "broadcasts.db"


@pytest.fixture
def station(hostile_station):
    """The station with a real log of three records and a real tagged MP3 to log."""
    db = hostile_station / LOG
    for n, key in enumerate(("A", "B", "C"), start=1):
        store.add(db, entry(f"2024-0{n + 3}-10 06:30", key), origin_name="Đài xã")
    bulletin_mp3(hostile_station, "ban-tin.mp3", 2.0, title="Biển đảo", bulletin_id="TTĐN-2024-Q2-01",
                 series=SERIES, quarter="2024-Q2")
    foreign = sqlite3.connect(hostile_station / "khac.sqlite")
    foreign.execute("CREATE TABLE khach_hang (ten TEXT)")
    foreign.execute("INSERT INTO khach_hang VALUES ('Nguyễn Văn A')")
    foreign.commit()
    foreign.close()
    (hostile_station / "rong.db").write_bytes(b"")
    (hostile_station / "van-ban.db").write_text("không phải cơ sở dữ liệu\n", encoding="utf-8")
    return hostile_station


def refused(folder: Path, *args: str, names: str, line: int | None = None, tamper=None) -> None:
    """Run one hostile command; check the refusal and that nothing changed."""
    before = snapshot(folder)
    outcome = run_bounded(*args, cwd=folder)
    assert_refused(outcome, names=names, line=line)
    assert_nothing_left(before, snapshot(folder))


def record_id(folder: Path) -> str:
    return store.current(folder / LOG)[0].record_id[:8]


# -- log add: values checked before anything is written --------------------------------------

@pytest.mark.parametrize("option, value", [
    ("--aired", "0224-07-15 06:30"),
    ("--aired", "hôm qua"),
    ("--aired", "30/2/2024 06:30"),
    ("--aired", "15/7/2024 25:00"),
    ("--aired", "15/7/2024"),
    ("--aired", ""),
    ("--aired", "15/13/2024 6h"),
    ("--aired", "99999-01-01 06:30"),
    ("--quarter", "2024-Q5"),
    ("--quarter", "hôm nay"),
])
def test_log_add_with_an_impossible_value_writes_nothing(station, option, value):
    args = ["log", "add", "ban-tin.mp3", "--aired", "15/7/2024 06:30", option, value]
    refused(station, *args, names="ban-tin.mp3" if option == "--aired" else "")


@pytest.mark.parametrize("make", ["text", "empty", "missing", "folder"])
def test_log_add_of_something_that_is_not_audio(station, make):
    target = station / "hong.mp3"
    if make == "text":
        target.write_text("không phải âm thanh", encoding="utf-8")
    elif make == "empty":
        target.write_bytes(b"")
    elif make == "folder":
        target.mkdir()
    refused(station, "log", "add", "hong.mp3", "--aired", "15/7/2024 06:30", names="hong.mp3")


@pytest.mark.parametrize("db", ["khac.sqlite", "van-ban.db"])
def test_log_add_never_writes_into_another_programs_file(station, db):
    refused(station, "log", "add", "ban-tin.mp3", "--aired", "15/7/2024 06:30", "--db", db, names=db)


# -- log amend -------------------------------------------------------------------------------

@pytest.mark.parametrize("option, value", [
    ("--aired", "0224-07-15 06:30"),
    ("--aired", "31/4/2024 6h"),
    ("--quarter", "2024-Q9"),
    ("--title", "   "),
])
def test_log_amend_with_an_impossible_value_writes_nothing(station, option, value):
    refused(station, "log", "amend", record_id(station), option, value, "--reason", "thử", names=LOG)


def test_log_amend_of_an_unknown_record(station):
    refused(station, "log", "amend", "ffffffff", "--note", "x", "--reason", "thử", names=LOG)


# -- read-only commands on files that are not a log ------------------------------------------

@pytest.mark.parametrize("command", [("log", "list"), ("log", "verify"), ("quota", "2024"),
                                     ("report", "--period", "2024"), ("log", "export")])
@pytest.mark.parametrize("db", ["khac.sqlite", "rong.db", "van-ban.db"])
def test_reading_commands_refuse_a_file_that_is_not_a_log_and_leave_it_alone(station, command, db):
    refused(station, *command, "--db", db, names=db)


# -- outputs that would overwrite the log or an input ----------------------------------------

@pytest.mark.parametrize("args, names", [
    (("log", "export", "-o", LOG), LOG),
    (("log", "export", "-o", "khac.sqlite"), "khac.sqlite"),
    (("report", "--period", "2024", "--format", "csv", "-o", LOG), LOG),
    (("report", "--period", "2024", "--format", "md", "-o", "bulletin.toml"), "bulletin.toml"),
    (("report", "--period", "2024", "--format", "csv", "-o", "khac.sqlite"), "khac.sqlite"),
])
def test_an_output_never_replaces_the_log_or_an_input(station, args, names):
    refused(station, *args, names=names)


# -- log import: a correctly chained file with values no log may hold ------------------------

def forged_export(folder: Path, change: dict) -> Path:
    """The station's export with ``change`` applied to its first entry and every hash recomputed,
    so the chains check out and only the values are wrong."""
    lines = log_exchange.export_lines(folder / LOG)
    header, entries = json.loads(lines[0]), [json.loads(x) for x in lines[1:]]
    entries[0].update(change)
    prev = None
    for data in entries:
        data["prev_hash"] = prev["hash"] if prev else ""
        data["hash"] = entry_hash(Broadcast(**data))
        prev = data
    header["origins"][0]["head_hash"] = prev["hash"]
    path = folder / "gia-mao.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [header, *entries]) + "\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("change", [
    {"aired_at": "hôm qua"},
    {"aired_at": "2024-13-10 06:30"},
    {"aired_at": ""},
    {"aired_at": "0224-07-15 06:30"},
    {"duration": float("inf")},
    {"duration": float("nan")},
    {"duration": -5.0},
    {"duration": 1e308},
    {"duration": 0},
    {"level": "siêu khẩn"},
    {"planned_quarter": "2024-Q7"},
    {"completion": "một nửa"},
    {"source": "robot"},
    {"title": ""},
    {"padding_seconds": -1.0},
])
def test_import_of_a_chained_file_with_garbage_values_imports_nothing(station, tmp_path, change):
    district = tmp_path / "huyen"
    shutil.copytree(station, district)
    os.remove(district / LOG)
    store.add(district / LOG, entry("2024-09-01 06:30", "H"))
    forged = forged_export(station, change)
    shutil.move(forged, district / forged.name)
    refused(district, "log", "import", forged.name, names=forged.name, line=2)


@pytest.mark.parametrize("content, line", [
    (b"{not json\n", 1),
    (b"\xff\xfe\x00garbage", None),
    (b"", None),
    (b'{"format": "bulletin-log", "version": 1, "origins": "x"}\n', 1),
    (b'[1, 2, 3]\n', 1),
])
def test_import_of_files_that_are_not_exports(station, content, line):
    (station / "la.jsonl").write_bytes(content)
    refused(station, "log", "import", "la.jsonl", names="la.jsonl", line=line)


def test_import_of_a_fifo_or_a_folder_does_not_block(station):
    os.mkfifo(station / "ong.jsonl")
    (station / "thu-muc.jsonl").mkdir()
    refused(station, "log", "import", "ong.jsonl", names="ong.jsonl")
    refused(station, "log", "import", "thu-muc.jsonl", names="thu-muc.jsonl")


# -- verify on a damaged log: never a crash ---------------------------------------------------

def tamper(db: Path, sql: str, *args) -> None:
    conn = sqlite3.connect(db)
    conn.execute(sql, args)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("sql, args", [
    ("UPDATE broadcasts SET duration = 'abc' WHERE seq = 2", ()),
    ("UPDATE broadcasts SET title = ? WHERE seq = 1", (b"\x00\x01blob",)),
    ("UPDATE broadcasts SET seq = 'hai' WHERE seq = 2", ()),
    ("UPDATE origins SET head_seq = 'ba'", ()),
    ("DELETE FROM log_info", ()),
    ("DELETE FROM origins", ()),
    ("UPDATE broadcasts SET aired_at = '224-07-15 06:30' WHERE seq = 1", ()),
])
def test_verify_reports_a_damaged_log_and_never_crashes(station, sql, args):
    tamper(station / LOG, sql, *args)
    refused(station, "log", "verify", names=LOG)


def test_truncation_with_the_head_pointer_moved_back_is_reported(station):
    db = station / LOG
    conn = sqlite3.connect(db)
    seq, entry_id, hash_ = conn.execute("SELECT seq, id, hash FROM broadcasts WHERE seq = 2").fetchone()
    conn.execute("DELETE FROM broadcasts WHERE seq = 3")
    conn.execute("UPDATE origins SET head_seq = ?, head_id = ?, head_hash = ?", (seq, entry_id, hash_))
    conn.commit()
    conn.close()
    refused(station, "log", "verify", names=LOG)


@pytest.mark.parametrize("sql", ["DELETE FROM log_info", "DELETE FROM origins"])
def test_writing_to_a_log_with_its_bookkeeping_removed_is_refused(station, sql):
    tamper(station / LOG, sql)
    refused(station, "log", "add", "ban-tin.mp3", "--aired", "15/7/2024 06:30", names=LOG)


# -- what must still work ----------------------------------------------------------------------

def test_a_jsonl_export_saved_with_a_bom_is_imported(station, tmp_path):
    out = tmp_path / "xa.jsonl"
    log_exchange.export(station / LOG, out)
    out.write_bytes(b"\xef\xbb\xbf" + out.read_bytes())
    district = tmp_path / "huyen.db"
    assert log_exchange.import_file(district, out).added == 3
    assert store.verify(district)[0].ok


def test_a_genuine_entry_with_valid_values_still_imports_after_validation(station, tmp_path):
    forged = forged_export(station, {"note": "ghi chú hợp lệ"})
    district = tmp_path / "huyen.db"
    assert log_exchange.import_file(district, forged).added == 3
    assert replace(store.current(district)[0]).note == "ghi chú hợp lệ"
