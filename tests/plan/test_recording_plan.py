"""Shaping a ready-made recording: pure arithmetic over its duration and pauses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bulletin.plan.fit import plan_fit
from bulletin.plan.recording import at_pauses, chapters, slice_key, split, trimmed
from bulletin.plan.timeline import Piece, Section
from bulletin.script.recording import date_from_name, title_from_name


@pytest.mark.parametrize("duration, spans, expected", [
    (60.0, ((0.0, 2.0), (10.0, 10.6), (57.0, 60.0)), (1.7, 57.3)),  # 0.3 s kept at each end
    (60.0, ((10.0, 10.6),), (0.0, 60.0)),  # no silence at the ends
    (60.0, ((0.0, 0.2), (58.0, 60.0)), (0.0, 58.3)),  # less than the 0.3 s kept
    (60.0, ((0.0, 60.0),), (0.0, 60.0)),  # all quiet: nothing to trim to
])
def test_silence_at_the_ends_is_trimmed(duration, spans, expected):
    assert trimmed(duration, spans) == pytest.approx(expected)


def test_chapters_start_in_the_middle_of_long_pauses_only():
    spans = ((5.0, 5.6), (20.0, 23.0), (40.0, 42.0), (50.0, 51.9))
    assert chapters((1.0, 59.0), spans) == [(1.0, 21.5), (21.5, 41.0), (41.0, 59.0)]
    assert chapters((1.0, 59.0), spans, pause=5.0) == [(1.0, 59.0)]


def test_split_points_keep_away_from_the_ends():
    assert split((0.0, 10.0), [(0.0, 0.6), (4.0, 5.0), (9.6, 10.0)], margin=0.5) == [(0.0, 4.5), (4.5, 10.0)]


def test_a_recording_piece_divided_at_its_pauses_keeps_its_length_and_its_edges():
    piece = Piece("recording", 20.0, slice_key("a.mp3", (2.0, 22.0)), gain=3.0, fade_in=0.2, fade_out=0.4,
                  overlap=0.1, sentence_end=True)
    parts = at_pauses(piece, "a.mp3", (2.0, 22.0), ((0.0, 1.7), (7.0, 7.8), (15.0, 15.6)))
    pieces = [p for p, _, _ in parts]
    assert [span for _, _, span in parts] == [(2.0, 7.4), (7.4, 15.3), (15.3, 22.0)]
    assert sum(p.duration for p in pieces) == pytest.approx(20.0)
    assert [p.sound for p in pieces] == ["a.mp3#2.000-7.400", "a.mp3#7.400-15.300", "a.mp3#15.300-22.000"]
    assert all(p.sentence_end and p.gain == 3.0 for p in pieces)
    assert (pieces[0].fade_in, pieces[0].overlap, pieces[0].fade_out) == (0.2, 0.1, 0.0)
    assert (pieces[-1].fade_in, pieces[-1].fade_out) == (0.0, 0.4)


def test_a_cut_in_a_divided_recording_ends_at_a_pause():
    piece = Piece("recording", 20.0, slice_key("a.mp3", (0.0, 20.0)), sentence_end=True)
    parts = [p for p, _, _ in at_pauses(piece, "a.mp3", (0.0, 20.0), ((6.0, 7.0), (12.0, 13.0), (17.0, 18.0)))]
    plan = plan_fit([Section("a", "item", tuple(parts))], 14.0, allow_cut=True)
    assert plan.fits and plan.cut
    assert plan.final == pytest.approx(12.5)  # ends in the middle of the pause at 12–13 s


@pytest.mark.parametrize("name, title, day", [
    ("ban-tin-so.mp3", "ban tin so", None),
    ("thong-tin-doi-ngoai_2024-08-15.m4a", "thong tin doi ngoai", dt.date(2024, 8, 15)),
    ("BanTin 20240621.wav", "BanTin", dt.date(2024, 6, 21)),
    ("ban tin 21-6-2024.mp3", "ban tin", dt.date(2024, 6, 21)),
    ("quy 3 nam 2024.ogg", "quy 3 nam 2024", None),
    ("2024-02-30.mp3", "2024-02-30", None),  # no such day: kept as the title
])
def test_title_and_date_from_the_file_name(name, title, day):
    assert title_from_name(Path(name)) == title
    assert date_from_name(Path(name)) == day
