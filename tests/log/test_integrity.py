"""The log can be trusted: concurrent writers, killed writers, tampering, merging logs."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import run_cli
from log_helpers import SERIES, bulletin_mp3, entry

from bulletin.errors import LogError
from bulletin.log import exchange as log_exchange
from bulletin.log import store
from bulletin.log.chain import CHANGED, INSERTED, REMOVED
from bulletin.log.record import COLUMNS, entry_hash, from_row

ROOT = Path(__file__).resolve().parents[2]
TESTS = Path(__file__).resolve().parents[1]


def python(code: str, *args, **popen) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(TESTS)])}
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], env=env, **popen)


def found(db: Path) -> set[tuple[str, str]]:
    result, _names = store.verify(db)
    return {(p.kind, p.entry_id) for p in result.problems}


def entries(db: Path):
    conn = sqlite3.connect(db)
    try:
        return [from_row(r) for r in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM broadcasts ORDER BY seq")]
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- concurrent writers -------------------------------------------------------------

WRITER = """
import sys, time
from pathlib import Path
from bulletin.log import store
from log_helpers import entry
db, worker, folder = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
(folder / f"ready-{worker}").touch()
while not (folder / "go").exists():
    time.sleep(0.002)
for i in range(5):
    store.add(db, entry(f"2024-05-{worker + 1:02d} {i + 6:02d}:00", f"W{worker}-{i}"))
print("xong")
"""


def test_twenty_processes_writing_at_once_lose_nothing_and_keep_one_chain(tmp_path):
    db = tmp_path / "dong-thoi.db"  # created by the race itself, migration included
    workers = [python(WRITER, db, n, tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for n in range(20)]
    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("ready-*"))) < 20 and time.monotonic() < deadline:
        time.sleep(0.01)
    (tmp_path / "go").touch()
    outputs = [w.communicate(timeout=180) for w in workers]
    assert [w.returncode for w in workers] == [0] * 20, [err.decode()[-500:] for _out, err in outputs]
    written = entries(db)
    assert len(written) == 100
    assert sorted(e.bulletin_id for e in written) == sorted(f"W{w}-{i}" for w in range(20) for i in range(5))
    assert [e.seq for e in written] == list(range(1, 101))
    assert all(e.prev_id == p.id and e.prev_hash == p.hash for p, e in zip(written, written[1:]))
    assert found(db) == set()


# -- killed writers -----------------------------------------------------------------

# `bulletin log add` whose commit is held up: it says so, then waits to be killed.
HELD_AT_COMMIT = """
import sqlite3, sys, time

class HeldConnection(sqlite3.Connection):
    def execute(self, sql, *args):
        if sql == "COMMIT" and self.total_changes:
            print("IN_TRANSACTION", flush=True)
            time.sleep(120)
        return super().execute(sql, *args)

real_connect = sqlite3.connect
sqlite3.connect = lambda *a, **k: real_connect(*a, factory=HeldConnection, **k)
from bulletin.cli import main
sys.argv = ["bulletin", *sys.argv[1:]]
main()
"""


def test_a_log_add_killed_inside_its_transaction_leaves_no_trace(tmp_path, ffmpeg):
    db = tmp_path / "so.db"
    mp3 = bulletin_mp3(tmp_path, "a.mp3", 2.0, title="Bản tin A", bulletin_id="A", series=SERIES)
    store.add(db, entry("2024-05-01 06:30", "truoc"))
    before = entries(db)
    writer = python(HELD_AT_COMMIT, "log", "add", mp3, "--aired", "2024-05-02 06:30", "--db", db,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    assert writer.stdout.readline().strip() == "IN_TRANSACTION", writer.stderr.read()
    # The record and the new chain head are written, not committed.
    assert Path(f"{db}-journal").exists()
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL

    assert entries(db) == before  # opening the log rolled the half-done transaction back
    assert found(db) == set()
    after = store.add(db, entry("2024-05-03 06:30", "sau")).record
    assert (after.seq, after.prev_id) == (2, before[0].id)
    assert found(db) == set()


def test_many_log_adds_killed_at_random_moments(tmp_path, ffmpeg):
    db = tmp_path / "so.db"
    mp3 = bulletin_mp3(tmp_path, "a.mp3", 2.0, title="Bản tin A", bulletin_id="A", series=SERIES)
    store.add(db, entry("2024-05-01 06:30", "truoc"))
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    code = "import sys; from bulletin.cli import main; sys.argv = ['bulletin', *sys.argv[1:]]; main()"
    runs = []
    for n in range(16):
        aired = f"2024-05-{n + 2:02d} 06:30"
        process = python(code, "log", "add", mp3, "--aired", aired, "--db", db, cwd=tmp_path,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        runs.append((aired, process, time.monotonic() + rng.uniform(0.0, 3.0)))
    for _aired, process, kill_at in sorted(runs, key=lambda r: r[2]):
        time.sleep(max(0.0, kill_at - time.monotonic()))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
    for _aired, process, _ in runs:
        process.communicate(timeout=120)

    written = entries(db)
    by_time = {e.aired_at: e for e in written}
    finished = {aired for aired, process, _ in runs if process.returncode == 0}
    assert finished <= set(by_time), f"seed {seed}"  # every add that reported success is there
    assert len(written) == len(by_time)  # and none twice
    assert all(e.title == "Bản tin A" and e.bulletin_id == "A" and len(e.sha256) == 64 and e.duration > 1.5
               for e in written[1:]), f"seed {seed}"
    assert [e.seq for e in written] == list(range(1, len(written) + 1))
    assert found(db) == set(), f"seed {seed}"


# -- tamper evidence ----------------------------------------------------------------


@pytest.fixture
def log5(tmp_path):
    db = tmp_path / "so.db"
    for n in range(5):
        store.add(db, entry(f"2024-05-0{n + 1} 06:30", f"B{n}"))
    return db, entries(db)


def tamper(db: Path, sql: str, *args) -> None:
    conn = sqlite3.connect(db)
    conn.execute(sql, args)
    conn.commit()
    conn.close()


def test_untouched_log_verifies(log5, station_dir):
    db, _ = log5
    result = run_cli("log", "verify", "--db", db)
    assert result.exit_code == 0
    assert "Sổ phát sóng nguyên vẹn: 5 bản ghi, 1 nguồn" in result.output


def test_verify_catches_an_edited_field(log5, station_dir):
    db, written = log5
    tamper(db, "UPDATE broadcasts SET duration = 600 WHERE id = ?", written[2].id)
    assert found(db) == {(CHANGED, written[2].id)}
    result = run_cli("log", "verify", "--db", db)
    assert result.exit_code == 1
    assert f"BỊ SỬA: bản ghi {written[2].id}" in result.output


def test_verify_catches_an_edit_whose_hash_was_recomputed(log5):
    db, written = log5
    forged = replace(written[1], title="Tiêu đề khác")
    tamper(db, "UPDATE broadcasts SET title = ?, hash = ? WHERE id = ?", forged.title, entry_hash(forged), forged.id)
    assert found(db) == {(CHANGED, written[1].id)}


def test_verify_catches_a_deleted_record(log5, station_dir):
    db, written = log5
    tamper(db, "DELETE FROM broadcasts WHERE id = ?", written[2].id)
    assert found(db) == {(REMOVED, written[2].id)}
    result = run_cli("log", "verify", "--db", db)
    assert result.exit_code == 1 and f"BỊ XÓA: bản ghi {written[2].id}" in result.output


def test_verify_catches_the_last_record_deleted(log5):
    db, written = log5
    tamper(db, "DELETE FROM broadcasts WHERE id = ?", written[4].id)
    assert found(db) == {(REMOVED, written[4].id)}


def test_verify_catches_an_inserted_record(log5, station_dir):
    db, written = log5
    fake = entry("2024-05-20 06:30", "CHEN")
    tamper(db, "INSERT INTO broadcasts (id, aired_at, place, bulletin_id, title, series, level, duration, file_name, "
               "sha256, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
           fake.id, fake.aired_at, fake.place, fake.bulletin_id, fake.title, fake.series, fake.level, fake.duration,
           fake.file_name, fake.sha256, fake.recorded_at)
    assert found(db) == {(INSERTED, fake.id)}
    result = run_cli("log", "verify", "--db", db)
    assert result.exit_code == 1 and f"BỊ CHÈN: bản ghi {fake.id}" in result.output


def test_verify_catches_an_inserted_record_dressed_as_part_of_the_chain(log5):
    db, written = log5
    head = written[-1]
    fake = replace(entry("2024-05-21 06:30", "CHEN"), origin=head.origin, seq=6, prev_id=head.id,
                   prev_hash=head.hash)
    fake = replace(fake, hash=entry_hash(fake))
    tamper(db, f"INSERT INTO broadcasts ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
           *[getattr(fake, c) for c in COLUMNS])
    assert found(db) == {(INSERTED, fake.id)}


# -- export and import ----------------------------------------------------------------


def commune(tmp_path: Path, name: str, keys: str) -> Path:
    db = tmp_path / f"{name}.db"
    for n, key in enumerate(keys):
        store.add(db, entry(f"2024-0{n + 4}-10 06:30", key, place=name), origin_name=f"Đài xã {name}")
    return db


def test_district_merges_communes_and_every_chain_stays_verifiable(tmp_path, station_dir):
    a, b = commune(tmp_path, "Tam Hiệp", "AB"), commune(tmp_path, "Tam Anh", "CD")
    store.void(a, store.current(a)[1].record_id, reason="ghi nhầm", origin_name="Đài xã Tam Hiệp")
    district = commune(tmp_path, "huyện", "E")
    for db in (a, b):
        result = run_cli("log", "export", "-o", tmp_path / f"{db.stem}.jsonl", "--db", db)
        assert result.exit_code == 0, result.output
    first = run_cli("log", "import", tmp_path / "Tam Hiệp.jsonl", "--db", district)
    assert first.exit_code == 0, first.output
    assert "Đã nhập 3 bản ghi mới, bỏ qua 0 bản ghi đã có." in first.output
    assert "Đài xã Tam Hiệp: 3 bản ghi mới" in first.output
    assert run_cli("log", "import", tmp_path / "Tam Anh.jsonl", "--db", district).exit_code == 0
    again = run_cli("log", "import", tmp_path / "Tam Hiệp.jsonl", "--db", district)
    assert "Đã nhập 0 bản ghi mới, bỏ qua 3 bản ghi đã có." in again.output

    verified = run_cli("log", "verify", "--db", district)
    assert verified.exit_code == 0, verified.output
    assert "6 bản ghi, 3 nguồn" in verified.output
    assert "Đài xã Tam Hiệp" in verified.output and "Đài xã Tam Anh" in verified.output
    current = store.current(district)
    assert sorted((r.bulletin_id, r.kind) for r in current) == [
        ("A", "add"), ("B", "void"), ("C", "add"), ("D", "add"), ("E", "add")]

    # The commune keeps logging; the next export brings only what is new.
    store.add(a, entry("2024-08-01 06:30", "F", place="Tam Hiệp"), origin_name="Đài xã Tam Hiệp")
    log_exchange.export(a, tmp_path / "a2.jsonl")
    result = log_exchange.import_file(district, tmp_path / "a2.jsonl")
    assert (result.added, result.skipped) == (1, 3)
    assert found(district) == set()
    # Records written in the district after the merge continue the district's own chain.
    own = store.add(district, entry("2024-08-02 06:30", "G")).record
    assert own.seq == 2 and found(district) == set()


def test_a_tampered_export_is_refused_and_nothing_is_imported(tmp_path):
    a, district = commune(tmp_path, "Tam Hiệp", "AB"), commune(tmp_path, "huyện", "E")
    export = tmp_path / "a.jsonl"
    log_exchange.export(a, export)
    lines = export.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[2])
    record["aired_at"] = "2024-06-30 06:30"
    export.write_text("\n".join([lines[0], lines[1], json.dumps(record, ensure_ascii=False)]) + "\n", encoding="utf-8")
    before = digest(district)
    with pytest.raises(LogError, match=f"tệp xuất đã bị sửa hoặc không đầy đủ.*BỊ SỬA: bản ghi {record['id']}"):
        log_exchange.import_file(district, export)
    export.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")  # last record cut off
    with pytest.raises(LogError, match=f"BỊ XÓA: bản ghi {record['id']}"):
        log_exchange.import_file(district, export)
    assert digest(district) == before


@pytest.mark.parametrize("content, message", [
    ("", "tệp cần nhập trống"),
    ('{"format": "khac"}\n', "không phải bản xuất sổ phát sóng"),
    ('{"format": "bulletin-log", "version": 1, "origins": []}\n{hỏng\n', "dòng 2: dòng không phải JSON hợp lệ"),
    ('{"format": "bulletin-log", "version": 1, "origins": []}\n{"id": "x"}\n', "bản ghi thiếu hoặc thừa trường"),
])
def test_import_rejects_files_that_are_not_exports(tmp_path, station_dir, content, message):
    source = tmp_path / "vao.jsonl"
    source.write_text(content, encoding="utf-8")
    result = run_cli("log", "import", source, "--db", tmp_path / "so.db")
    assert result.exit_code == 1 and message in result.output
    missing = run_cli("log", "import", tmp_path / "khong-co.jsonl", "--db", tmp_path / "so.db")
    assert missing.exit_code == 1 and "không tìm thấy tệp cần nhập" in missing.output


def test_two_copies_of_one_log_written_separately_conflict(tmp_path):
    a = commune(tmp_path, "Tam Hiệp", "A")
    copy = tmp_path / "ban-sao.db"
    copy.write_bytes(a.read_bytes())
    store.add(a, entry("2024-09-01 06:30", "B"))
    store.add(copy, entry("2024-09-02 06:30", "C"))
    log_exchange.export(copy, tmp_path / "copy.jsonl")
    before = digest(a)
    with pytest.raises(LogError, match="hai bản sao của cùng một sổ"):
        log_exchange.import_file(a, tmp_path / "copy.jsonl")
    assert digest(a) == before


def test_export_to_stdout_is_json_lines(tmp_path, station_dir):
    a = commune(tmp_path, "Tam Hiệp", "AB")
    result = run_cli("log", "export", "--db", a)
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert lines[0]["format"] == "bulletin-log" and lines[0]["origins"][0]["name"] == "Đài xã Tam Hiệp"
    assert [line["bulletin_id"] for line in lines[1:]] == ["A", "B"]
