"""espeak-ng through the real program: the audio it writes, its options, a missing program."""

from __future__ import annotations

import wave

import numpy as np
import pytest

from bulletin.engines import get_engine
from bulletin.engines.espeak import EspeakEngine
from bulletin.errors import ConfigError, EngineError, UsageError

SENTENCE = "Ủy ban nhân dân xã thông báo lịch tiêm chủng cho trẻ em vào sáng thứ hai tuần tới."


def read_wav(path):
    with wave.open(str(path), "rb") as wav:
        rate, channels = wav.getframerate(), wav.getnchannels()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.float32) / 32768
    return rate, channels, samples


@pytest.mark.parametrize("voice", list(EspeakEngine.VOICES))
def test_each_voice_speaks_vietnamese_audio(espeak, tmp_path, voice):
    engine = EspeakEngine()
    out = engine.synthesize(SENTENCE, voice, tmp_path / "clip.wav")
    rate, channels, samples = read_wav(out)
    assert (rate, channels) == (22050, 1)
    duration = len(samples) / rate
    # 20 syllables: the calibrated estimate and the real clip agree closely.
    assert duration == pytest.approx(engine.estimate_seconds(SENTENCE, voice), rel=0.15)
    rms = float(np.sqrt(np.mean(samples**2)))
    assert rms > 0.02  # speech, not silence
    voiced = np.mean(np.abs(samples) > 0.01)
    assert voiced > 0.5
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left


def test_voices_differ(espeak, tmp_path):
    engine = EspeakEngine()
    north = read_wav(engine.synthesize(SENTENCE, "vi", tmp_path / "n.wav"))[2]
    south = read_wav(engine.synthesize(SENTENCE, "vi-vn-x-south", tmp_path / "s.wav"))[2]
    assert len(north) != len(south) or not np.array_equal(north, south)


def test_rate_option_changes_speed_and_estimate(espeak, tmp_path):
    slow, fast = EspeakEngine({"rate": 130}), EspeakEngine({"rate": 260})
    slow_len = len(read_wav(slow.synthesize(SENTENCE, "vi", tmp_path / "slow.wav"))[2])
    fast_len = len(read_wav(fast.synthesize(SENTENCE, "vi", tmp_path / "fast.wav"))[2])
    assert fast_len < 0.7 * slow_len
    assert fast.estimate_seconds(SENTENCE) < 0.7 * slow.estimate_seconds(SENTENCE)
    assert slow.read_rate().measured is False  # scaled from the default rate, not measured


def test_pitch_option_changes_the_sound(espeak, tmp_path):
    low = read_wav(EspeakEngine({"pitch": 10}).synthesize(SENTENCE, "vi", tmp_path / "low.wav"))[2]
    high = read_wav(EspeakEngine({"pitch": 90}).synthesize(SENTENCE, "vi", tmp_path / "high.wav"))[2]
    n = min(len(low), len(high))
    assert not np.allclose(low[:n], high[:n], atol=0.01)


@pytest.mark.parametrize("options, message", [
    ({"rate": 1000}, "engines.espeak.rate = 1000 nằm ngoài khoảng"),
    ({"rate": "nhanh"}, "engines.espeak.rate phải là số nguyên"),
    ({"speed": 2}, "không có tùy chọn speed; các tùy chọn: rate, pitch"),
])
def test_bad_options_are_named(options, message):
    with pytest.raises(ConfigError, match=message):
        EspeakEngine(options)


def test_unknown_voice_lists_the_voices():
    with pytest.raises(UsageError, match="vi-vn-x-central"):
        EspeakEngine().voice_or_default("en")


def test_missing_program_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no espeak-ng on it
    engine = get_engine("espeak")
    state = engine.available()
    assert not state.usable
    assert "sudo apt-get install espeak-ng" in state.reason and "Windows" in state.reason
    with pytest.raises(EngineError, match="apt-get install espeak-ng"):
        engine.synthesize(SENTENCE, "vi", tmp_path / "clip.wav")
    assert not (tmp_path / "clip.wav").exists()


def test_missing_program_fails_a_build_before_any_work(station_dir, monkeypatch, tmp_path):
    from helpers import run_cli

    monkeypatch.setenv("PATH", str(tmp_path))
    result = run_cli("build", "scripts/vi-du.md", "--engine", "espeak", "-o", "out/x.mp3")
    assert result.exit_code == 1
    assert "Lỗi:" in result.output and "apt-get install espeak-ng" in result.output
    assert not (station_dir / "out" / "x.mp3").exists()
