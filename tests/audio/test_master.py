"""Measuring (BS.1770 loudness, true peak) and mastering (loudness target, true-peak limiter)."""

from __future__ import annotations

import subprocess

import numpy as np
import pyloudnorm
import pytest
from audio_helpers import ebur128
from helpers import tone

from bulletin.audio import master, media, meter

RATE = 44100


@pytest.fixture(scope="module")
def speech(tmp_path_factory):
    """Real espeak-ng speech, about 14 seconds, at its own (peaky) level."""
    from conftest import require_program

    require_program("espeak-ng")
    require_program("ffmpeg")
    path = tmp_path_factory.mktemp("speech") / "speech.wav"
    text = ("Kính thưa quý vị và các bạn, mời quý vị cùng nghe bản tin Thông tin đối ngoại. "
            "Trong sáu tháng đầu năm, huyện đã công nhận mười hai sản phẩm đạt ba sao. "
            "Sản lượng nước mắm đạt khoảng hai nghìn một trăm năm mươi tấn.")
    subprocess.run(["espeak-ng", "-v", "vi", "-w", str(path), text], check=True)
    return media.decode(path, RATE, 1)


def test_loudness_meter_agrees_with_pyloudnorm(speech):
    for gain in (0.0, -9.0):
        sound = media.Sound(speech.samples * np.float32(10 ** (gain / 20)), RATE)
        expected = pyloudnorm.Meter(RATE).integrated_loudness(sound.samples[:, 0].astype(np.float64))
        fed = meter.LoudnessMeter(RATE, 1)
        for start in range(0, sound.frames, 10_000):  # blocks that do not line up with 100 ms hops
            fed.feed(sound.samples[start : start + 10_000])
        assert fed.integrated() == pytest.approx(expected, abs=0.02)


def test_stereo_and_silence(ffmpeg):
    stereo = media.Sound(tone(5.0, freq=1000, channels=2, dbfs=-20), RATE)
    expected = pyloudnorm.Meter(RATE).integrated_loudness(stereo.samples.astype(np.float64))
    assert meter.measure_sound(stereo).loudness == pytest.approx(expected, abs=0.02)
    silent = meter.measure_sound(media.silence(3.0, RATE))
    assert silent.loudness == float("-inf") and silent.true_peak == float("-inf")


def test_true_peak_finds_peaks_between_samples():
    # A sine at a quarter of the rate, sampled 45° off its crests: samples reach
    # only 0.707 of the real peak (-3 dB).
    t = np.arange(RATE) / RATE
    wave = (0.5 * np.sin(2 * np.pi * RATE / 4 * t + np.pi / 4)).astype(np.float32)[:, None]
    levels = meter.measure_sound(media.Sound(wave, RATE))
    assert levels.sample_peak == pytest.approx(20 * np.log10(0.5 * np.sqrt(0.5)), abs=0.01)
    assert levels.true_peak == pytest.approx(20 * np.log10(0.5), abs=0.15)


def test_streamed_true_peak_matches_whole_signal(speech):
    loud = speech.samples * np.float32(4.0)
    whole = float(meter.true_block_peaks(loud, 64, 0.0).max())
    streamed = meter.TruePeakMeter()
    for start in range(0, len(loud), 7_919):
        streamed.feed(loud[start : start + 7_919])
    assert streamed.finish() == pytest.approx(whole, rel=1e-5)


def test_ramps_stay_above_the_need_with_bounded_slopes():
    need = np.zeros(200)
    need[[50, 51, 120]] = [6.0, 3.0, 4.0]
    curve = master.ramps(need, attack=2.0, release=0.25)
    assert np.all(curve >= need)
    assert np.all(np.diff(curve) <= 2.0 + 1e-9)  # rises no faster than the attack
    assert np.all(np.diff(curve) >= -0.25 - 1e-9)  # falls no faster than the release
    assert curve[47] == pytest.approx(0.0) and curve[48] == pytest.approx(2.0)  # starts just in time
    assert curve[0] == 0 and curve[199] == 0


def test_master_reaches_target_under_the_ceiling(speech, tmp_path):
    sound = media.Sound(speech.samples.copy(), RATE)
    result = master.master(sound, -16.0, -1.0)
    assert result.deepest > 1.0  # espeak speech is peaky: the limiter had work to do
    out = media.encode(sound, tmp_path / "m.wav")
    measured = ebur128(out)
    assert measured.integrated == pytest.approx(-16.0, abs=0.2)
    assert measured.true_peak <= -0.9  # ffmpeg shows one decimal
    assert meter.measure_sound(sound).true_peak <= -1.0 + 0.01


def test_quiet_material_is_only_scaled(ffmpeg):
    wave = tone(4.0, freq=300, dbfs=-40)
    sound = media.Sound(wave.copy(), RATE)
    result = master.master(sound, -23.0, -1.0)
    assert result.deepest == 0.0
    ratio = sound.samples[1000:2000, 0] / wave[1000:2000, 0]
    assert np.allclose(ratio, ratio[0], rtol=1e-4)  # one gain everywhere: no limiting, no distortion
    assert meter.measure_sound(sound).loudness == pytest.approx(-23.0, abs=0.05)


def test_presets_and_validation():
    from pathlib import Path

    from bulletin.config import station_from_dict
    from bulletin.errors import ConfigError

    r128 = station_from_dict({"audio": {"preset": "ebu-r128"}}, root=Path("."))
    assert (r128.audio.loudness, r128.audio.true_peak) == (-23.0, -1.0)
    web = station_from_dict({"audio": {"preset": "internet", "true_peak": -2.0}}, root=Path("."))
    assert (web.audio.loudness, web.audio.true_peak) == (-14.0, -2.0)
    with pytest.raises(ConfigError, match="audio.preset"):
        station_from_dict({"audio": {"preset": "to"}}, root=Path("."))
    with pytest.raises(ConfigError, match="audio.max_speedup"):
        station_from_dict({"audio": {"max_speedup": 0.5}}, root=Path("."))
    with pytest.raises(ConfigError, match="audio.bitrate"):
        station_from_dict({"audio": {"bitrate": "100k"}}, root=Path("."))
