"""Hostile schedules through the real CLI in a bounded child process: refused in Vietnamese, nothing changed."""

from __future__ import annotations

import pytest
from harness import assert_nothing_left, assert_refused, run_bounded, snapshot

SCHEDULE = "lich-phat.toml"

CASES = {
    "binary": b"\x00\xff\xfe\x89PNG\r\n\x1a\n" * 1000,
    "not toml": b"[[airing]\nfile = \n",
    "nested tables": ("x = " + "[" * 50_000 + "]" * 50_000 + "\n").encode(),
    "huge when": ('[[airing]]\nfile = "a.mp3"\nplace = "Cụm 1"\nwhen = "thứ ' + "2, " * 200_000 + '2 lúc 6h"\n'
                  'level = "khẩn"\n').encode(),
    "when a number": b'[[airing]]\nfile = "a.mp3"\nplace = "C\xe1\xbb\xa5m 1"\nwhen = 630\n',
    "airing not a list": b'airing = "th\xe1\xbb\xa9 2"\n',
    "ten thousand entries, one bad": ("".join(
        f'[[airing]]\nid = "{n}"\nfile = "a.mp3"\nplace = "Cụm {n}"\nwhen = "hằng ngày 6h"\n' for n in range(10_000))
        + '[[airing]]\nfile = "a.mp3"\nplace = "Cụm x"\nwhen = "thứ 8 lúc 6h"\n').encode(),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("command", [("schedule", "list"), ("onair", "--dry-run")])
def test_a_hostile_schedule_is_refused_and_nothing_changes(hostile_station, name, command):
    (hostile_station / SCHEDULE).write_bytes(CASES[name])
    before = snapshot(hostile_station)
    outcome = run_bounded(*command, cwd=hostile_station)
    assert_refused(outcome, names=SCHEDULE)
    assert_nothing_left(before, snapshot(hostile_station))
    if name == "ten thousand entries, one bad":
        assert "dòng 50004" in outcome.output and "thứ 8" in outcome.output
