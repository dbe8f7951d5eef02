"""Schema 3: as-played fields for the scheduled player, the station on every record, padding."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

import pytest
from log_helpers import entry

from bulletin.errors import LogError
from bulletin.log import exchange as log_exchange
from bulletin.log import schema, store
from bulletin.log.record import COLUMNS, V3_COLUMNS, entry_hash
from bulletin.periods import parse_period
from bulletin.reports import quota


@pytest.fixture
def db(tmp_path):
    return tmp_path / "broadcasts.db"


def auto(aired: str, key: str, slot: str, completion: str = "complete", **more):
    return replace(entry(aired, key), source="auto", completion=completion, slot=slot,
                   ended_at=aired + ":59", played_seconds=590.0 if completion == "complete" else 120.0, **more)


def test_as_played_fields_are_written_and_read_back(db):
    written = store.add(db, entry("2024-05-01 06:30", "A"), source="auto", completion="interrupted",
                        ended_at="2024-05-01 06:33:10", played_seconds=190.5, slot="2024-05-01 06:30 loa-1",
                        station_name="Đài xã Tam Hiệp", station_code="TH", padding_seconds=12.5).record
    (back,) = store.current(db)
    assert back == written
    assert (back.source, back.completion, back.ended_at, back.played_seconds, back.slot, back.station_name,
            back.station_code, back.padding_seconds) == (
        "auto", "interrupted", "2024-05-01 06:33:10", 190.5, "2024-05-01 06:30 loa-1", "Đài xã Tam Hiệp", "TH", 12.5)
    manual = store.add(db, entry("2024-05-02 06:30", "B")).record
    assert (manual.source, manual.completion, manual.ended_at, manual.played_seconds, manual.slot) == (
        "manual", "complete", None, None, None)
    assert store.verify(db)[0].ok


def test_every_new_field_is_in_the_hash(db):
    record = store.add(db, entry("2024-05-01 06:30", "A"), source="auto", slot="s1", played_seconds=590.0,
                       ended_at="2024-05-01 06:40", station_name="Đài xã", station_code="TH").record
    for name, value in (("completion", "missed"), ("source", "manual"), ("slot", "s2"), ("played_seconds", 12.0),
                        ("ended_at", None), ("station_code", "XX"), ("station_name", ""), ("padding_seconds", 30.0)):
        assert entry_hash(replace(record, **{name: value})) != record.hash, name
        conn = sqlite3.connect(db)
        before = conn.execute(f"SELECT {name} FROM broadcasts").fetchone()[0]
        conn.execute(f"UPDATE broadcasts SET {name} = ?", (value,))
        conn.commit()
        assert not store.verify(db)[0].ok, name
        conn.execute(f"UPDATE broadcasts SET {name} = ?", (before,))
        conn.commit()
        conn.close()
        assert store.verify(db)[0].ok


def test_a_schedule_slot_is_logged_once_until_voided(db):
    first = store.add(db, auto("2024-05-01 06:30", "A", "thu-2-0630")).record
    assert store.slot_logged(db, "thu-2-0630") and not store.slot_logged(db, "thu-3-0630")
    with pytest.raises(LogError, match="thu-2-0630"):
        store.add(db, auto("2024-05-01 06:31", "A", "thu-2-0630"))
    # The same slot key on manual records is no duplicate: only the player logs slots.
    store.add(db, replace(entry("2024-05-01 06:32", "B"), slot="thu-2-0630"))
    store.void(db, first.record_id, reason="ghi nhầm")
    store.add(db, auto("2024-05-01 06:31", "A", "thu-2-0630"))
    assert len([r for r in store.current(db) if r.slot == "thu-2-0630" and not r.voided]) == 2
    assert store.verify(db)[0].ok


def test_a_log_of_schema_2_keeps_its_hashes_after_the_upgrade(db):
    conn = sqlite3.connect(db, isolation_level=None)
    for step in schema.MIGRATIONS[:2]:
        step(conn) if callable(step) else conn.executescript(step)
    conn.execute("PRAGMA user_version = 2")
    origin = conn.execute("SELECT value FROM log_info").fetchone()[0]
    old_columns = COLUMNS[: COLUMNS.index("hash") + 1]
    prev = None
    for seq, key in enumerate("AB", start=1):
        e = replace(entry(f"2024-05-0{seq} 06:30", key), origin=origin, seq=seq, prev_id=prev.id if prev else "",
                    prev_hash=prev.hash if prev else "")
        e = replace(e, hash=entry_hash(e))
        conn.execute(f"INSERT INTO broadcasts ({', '.join(old_columns)}) VALUES ({', '.join('?' * len(old_columns))})",
                     [getattr(e, c) for c in old_columns])
        prev = e
    conn.execute("UPDATE origins SET head_seq = 2, head_id = ?, head_hash = ?", (prev.id, prev.hash))
    conn.close()
    result, _names = store.verify(db)  # upgrades to schema 3
    assert result.ok and result.entries == 2
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    conn.close()
    assert all(r.source == "manual" and r.completion == "complete" for r in store.current(db))


def test_export_and_import_carry_the_new_fields_and_accept_an_older_export(tmp_path, db):
    store.add(db, auto("2024-05-01 06:30", "A", "slot-1", station_name="Đài xã Tam Hiệp", station_code="TH"))
    out = tmp_path / "xa.jsonl"
    log_exchange.export(db, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert {name: json.loads(lines[1])[name] for name in ("source", "slot", "station_code")} == {
        "source": "auto", "slot": "slot-1", "station_code": "TH"}
    district = tmp_path / "huyen.db"
    assert log_exchange.import_file(district, out).added == 1
    assert store.current(district) == store.current(db)
    assert store.verify(district)[0].ok
    # An export written before schema 3 (no such fields) still imports.
    plain = tmp_path / "plain.db"
    store.add(plain, entry("2024-05-02 06:30", "B"))
    old = tmp_path / "cu.jsonl"
    log_exchange.export(plain, old)
    old_lines = [lines_ for lines_ in old.read_text(encoding="utf-8").splitlines()]
    stripped = [old_lines[0]] + [json.dumps({k: v for k, v in json.loads(x).items() if k not in V3_COLUMNS},
                                            ensure_ascii=False) for x in old_lines[1:]]
    old.write_text("\n".join(stripped) + "\n", encoding="utf-8")
    assert log_exchange.import_file(district, old).added == 1
    assert store.verify(district)[0].ok


def test_the_quota_counts_only_complete_airings(db):
    store.add(db, auto("2024-05-01 06:30", "A", "s1"))
    store.add(db, auto("2024-05-02 06:30", "B", "s2", completion="interrupted"))
    store.add(db, auto("2024-05-03 06:30", "C", "s3", completion="missed"))
    (q,) = quota.load(db, parse_period("2024-Q2"), required=lambda s: 2, today=parse_period("2024-Q3").start)
    assert [b.bulletin_id for b in q.counted] == ["A"]
    assert sorted(r.bulletin_id for r in q.not_complete) == ["B", "C"]
    assert any("không trọn vẹn" in flag for flag in q.flags)


def test_truncation_with_the_head_pointer_moved_back_is_detected(db):
    for n in range(3):
        store.add(db, entry(f"2024-05-0{n + 1} 06:30", f"K{n}"))
    conn = sqlite3.connect(db)
    seq, entry_id, hash_ = conn.execute("SELECT seq, id, hash FROM broadcasts WHERE seq = 2").fetchone()
    conn.execute("DELETE FROM broadcasts WHERE seq = 3")
    conn.execute("UPDATE origins SET head_seq = ?, head_id = ?, head_hash = ?", (seq, entry_id, hash_))
    conn.commit()
    conn.close()
    result, _names = store.verify(db)
    assert not result.ok
    assert any("con trỏ cuối chuỗi" in p.detail for p in result.problems)
