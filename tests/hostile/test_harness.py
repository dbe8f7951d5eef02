"""The harness refuses what it must (so a hostile case cannot pass by accident) and runs the real CLI."""

from __future__ import annotations

import pytest
from harness import Outcome, assert_nothing_left, assert_refused, run_bounded, snapshot


def test_a_traceback_or_an_english_only_message_is_not_a_refusal():
    with pytest.raises(AssertionError):
        assert_refused(Outcome(1, "Traceback (most recent call last):\n  ... lỗi"))
    with pytest.raises(AssertionError):
        assert_refused(Outcome(1, "Error: file not found"))
    with pytest.raises(AssertionError):
        assert_refused(Outcome(0, "Lỗi: không tìm thấy tệp"))
    with pytest.raises(AssertionError):
        assert_refused(Outcome(-1, "", True))


def test_a_leftover_file_is_seen():
    with pytest.raises(AssertionError):
        assert_nothing_left({"a": "1"}, {"a": "1", "out/.x.part": "2"})
    with pytest.raises(AssertionError):
        assert_nothing_left({"broadcasts.db": "1"}, {"broadcasts.db": "2"})


def test_a_missing_script_is_refused_in_a_bounded_child(hostile_station):
    before = snapshot(hostile_station)
    outcome = run_bounded("check", "scripts/khong-co.md", cwd=hostile_station)
    assert_refused(outcome, names="khong-co.md")
    assert_nothing_left(before, snapshot(hostile_station))
