"""A ready-made recording given as the script, when it is not what it claims: refused in a bounded child,
with a Vietnamese message naming the file, and nothing written."""

from __future__ import annotations

import struct

import pytest
from harness import assert_nothing_left, assert_refused, run_bounded, snapshot


def _wav_header_claiming(seconds: int) -> bytes:
    """A WAV header that claims hours of 16-bit stereo audio, followed by one second of it."""
    rate, channels = 44100, 2
    size = seconds * rate * channels * 2
    header = b"RIFF" + struct.pack("<I", min(size + 36, 0xFFFFFFFF)) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, channels, rate, rate * channels * 2, channels * 2, 16)
    return header + b"data" + struct.pack("<I", min(size, 0xFFFFFFFF)) + b"\x00\x01" * rate * channels


CASES = {
    "text renamed .mp3": ("ban-tin-so.mp3", b"Day la van ban, khong phai am thanh.\n" * 50),
    "empty .m4a": ("ban-tin-so.m4a", b""),
    "truncated ogg": ("ban-tin-so.ogg", b"OggS\x00\x02" + b"\x00" * 40),
    "random bytes .flac": ("ban-tin-so.flac", bytes(range(256)) * 64),
    "silent wav": ("im-lang.wav", b""),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", ["check", "build", "inspect"])
def test_a_recording_that_is_not_audio_is_refused_and_nothing_is_written(hostile_station, case, command):
    name, data = CASES[case]
    path = hostile_station / name
    if case == "silent wav":
        path.write_bytes(_silent_wav())
    else:
        path.write_bytes(data)
    before = snapshot(hostile_station)
    outcome = run_bounded(command, name, "--engine", "espeak", cwd=hostile_station) if command != "inspect" \
        else run_bounded(command, name, cwd=hostile_station)
    if command == "inspect" and case == "silent wav":
        assert outcome.code == 1 and "không có âm thanh" in outcome.output  # a verdict, not an error
    else:
        assert_refused(outcome, names=name)
    assert_nothing_left(before, snapshot(hostile_station))


def _silent_wav() -> bytes:
    rate = 8000
    frames = b"\x00\x00" * rate * 3
    return (b"RIFF" + struct.pack("<I", 36 + len(frames)) + b"WAVEfmt "
            + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16) + b"data" + struct.pack("<I", len(frames))
            + frames)


def test_a_wav_header_claiming_hours_is_read_for_what_it_holds(hostile_station):
    path = hostile_station / "dai.wav"
    path.write_bytes(_wav_header_claiming(6 * 3600))
    before = snapshot(hostile_station)
    outcome = run_bounded("check", "dai.wav", "--engine", "espeak", "--no-wrap", cwd=hostile_station)
    assert not outcome.seconds_limit_hit and "Traceback" not in outcome.output
    assert outcome.code in (0, 1), outcome.output
    assert_nothing_left(before, snapshot(hostile_station))
