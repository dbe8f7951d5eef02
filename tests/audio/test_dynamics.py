"""Speech dynamics: each stem's peaks brought near its loudness before mixing (real espeak-ng speech)."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from audio_helpers import ebur128
from helpers import run_cli, write_script

from bulletin.audio import media, meter
from bulletin.audio.dynamics import PEAK_TO_LOUDNESS, control
from bulletin.builder import BuildOptions, build

RATE = 44100
TEXT = ("Kính thưa quý vị và các bạn, mời quý vị cùng nghe bản tin. Trong sáu tháng đầu năm, "
        "xã đã công nhận mười hai sản phẩm đạt ba sao. Sản lượng nước mắm đạt hai nghìn tấn.")


@pytest.fixture(scope="module", params=["vi", "vi-vn-x-central", "vi-vn-x-south"])
def voice(request, tmp_path_factory):
    from conftest import require_program

    require_program("espeak-ng")
    path = tmp_path_factory.mktemp("voice") / "speech.wav"
    subprocess.run(["espeak-ng", "-v", request.param, "-w", str(path), TEXT], check=True)
    return media.decode(path, RATE, 1)


def test_peaks_come_within_reach_of_the_loudness_and_are_only_ever_lowered(voice):
    original = voice.samples.copy()
    before = meter.measure_sound(voice)
    assert before.sample_peak - before.loudness > PEAK_TO_LOUDNESS + 3  # espeak-ng is peaky
    # Two stems of the same voice, processed as one (the sounds of one item).
    halves = [media.Sound(voice.samples[: voice.frames // 2], RATE), media.Sound(voice.samples[voice.frames // 2 :], RATE)]
    result = control(halves)
    after = meter.measure_sound(voice)
    assert result.before == pytest.approx(before.loudness, abs=0.05)
    assert result.after == pytest.approx(after.loudness, abs=0.05)  # the prediction the static gain is based on
    assert after.sample_peak - after.loudness <= PEAK_TO_LOUDNESS + 0.1
    assert 0 < result.deepest < 20 and 0 < result.share < 0.6
    # A gain that only reduces, and never flips or clips anything.
    assert np.all(np.abs(voice.samples) <= np.abs(original) + 1e-7)
    assert np.all(np.sign(voice.samples) * np.sign(original) >= 0)


def test_silence_and_quiet_sounds_are_left_alone():
    silent = media.silence(2.0, RATE)
    assert control([silent]).deepest == 0.0 and not silent.samples.any()
    t = np.arange(RATE * 2) / RATE
    sine = media.Sound((0.1 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)[:, None], RATE)
    copy = sine.samples.copy()
    assert control([sine]).deepest == 0.0  # a sine peaks 3.7 dB above its loudness: nothing to do
    assert np.array_equal(sine.samples, copy)


def test_a_short_sample_of_the_central_voice_previews(station, station_dir, espeak):
    out = station_dir / "mau.mp3"
    result = run_cli("engines", "preview", "espeak:vi-vn-x-central", "Xin chào bà con.", "-o", out)
    assert result.exit_code == 0, result.output
    measured = ebur128(out)
    assert measured.true_peak <= -1.0 and measured.integrated == pytest.approx(-16.0, abs=1.0)


def test_a_warm_rebuild_reads_decoded_clips_without_decoding_again(station, station_dir, espeak, monkeypatch):
    script = write_script(station_dir / "scripts", "am.md", "# Tin\n\nMột câu. Câu thứ hai dài hơn một chút.\n")
    out = station_dir / "out" / "am.mp3"
    first = build(script, out, station, BuildOptions(engine="espeak"))
    calls = []
    read, decode = media._read_pcm_wav, media._decode_with_ffmpeg
    monkeypatch.setattr(media, "_read_pcm_wav", lambda path, *a: calls.append(path) or read(path, *a))
    monkeypatch.setattr(media, "_decode_with_ffmpeg", lambda paths, *a: calls.extend(paths) or decode(paths, *a))
    second = build(script, out, station, BuildOptions(engine="espeak"))
    assert second.cached == first.synthesized + first.cached and second.synthesized == 0
    assert calls and not [p for p in calls if "clips" in p.parts]  # jingles decoded; every clip from its copy
    assert second.loudness == pytest.approx(first.loudness, abs=0.05)
