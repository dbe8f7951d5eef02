"""The clip cache: keys, hits, concurrent builds, info and clear, calibration storage."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import pytest
from helpers import run_cli, write_script

from bulletin.audio import media
from bulletin.config import load_station
from bulletin.engines import ReadRate
from bulletin.engines.cache import DECODED, ClipCache, EngineUsage, cache_folder
from bulletin.engines.espeak import EspeakEngine
from bulletin.errors import ConfigError


class CountingEspeak(EspeakEngine):
    """The real espeak-ng engine, counting how often it is actually asked to speak."""

    calls: list[str]

    def __init__(self, options=None, calibration=None):
        super().__init__(options, calibration)
        self.calls = []

    def synthesize(self, text, voice, out):
        self.calls.append(text)
        return super().synthesize(text, voice, out)


def test_second_fetch_is_a_hit(espeak, tmp_path):
    cache, engine = ClipCache(tmp_path), CountingEspeak()
    first, was_cached = cache.fetch(engine, "vi", "Xin chào quý vị.")
    assert not was_cached and first.is_file()
    again, was_cached = cache.fetch(engine, "vi", "Xin chào quý vị.")
    assert was_cached and again == first
    assert engine.calls == ["Xin chào quý vị."]


def test_key_is_engine_voice_options_and_exact_text(tmp_path):
    cache, engine = ClipCache(tmp_path), EspeakEngine()
    base = cache.path(engine, "vi", "Xin chào.")
    assert cache.path(EspeakEngine(), "vi", "Xin chào.") == base
    assert cache.path(EspeakEngine({"rate": 175}), "vi", "Xin chào.") == base  # the default spelled out
    others = {
        cache.path(engine, "vi-vn-x-south", "Xin chào."),
        cache.path(EspeakEngine({"rate": 160}), "vi", "Xin chào."),
        cache.path(EspeakEngine({"pitch": 40}), "vi", "Xin chào."),
        cache.path(engine, "vi", "Xin chào"),
        cache.path(engine, "vi", "xin chào."),
    }
    assert base not in others and len(others) == 5
    assert base.parent.parent.name == "espeak"


def test_empty_file_is_not_a_hit(espeak, tmp_path):
    cache, engine = ClipCache(tmp_path), CountingEspeak()
    path = cache.path(engine, "vi", "Xin chào.")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    assert cache.lookup(engine, "vi", "Xin chào.") is None
    clip, was_cached = cache.fetch(engine, "vi", "Xin chào.")
    assert not was_cached and clip.stat().st_size > 44


def test_threads_fetching_the_same_clips_never_see_half_a_file(espeak, tmp_path):
    cache = ClipCache(tmp_path)
    texts = [f"Đây là câu thử số {n} của bản tin." for n in ("một", "hai", "ba", "bốn", "năm", "sáu")]
    errors = []

    def worker():
        engine = EspeakEngine()
        try:
            for text in texts:
                clip, _ = cache.fetch(engine, "vi", text)
                with wave.open(str(clip)) as wav:  # complete, readable WAV every time
                    assert wav.getnframes() > 0
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    files = list((tmp_path / "clips").rglob("*"))
    assert not [f for f in files if f.name.endswith(".part")]
    assert len([f for f in files if f.is_file()]) == len(texts)


def test_two_builds_at_once_share_the_cache(station_dir, espeak, isolated_cache):
    script = write_script(station_dir / "scripts", "dong-thoi.md",
                          "# Tin một\n\nBà con chú ý phòng chống mưa bão. Các thôn rà soát hộ dân vùng trũng.\n\n"
                          "# Tin hai\n\nTrạm y tế thông báo lịch tiêm chủng cho trẻ em.\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(isolated_cache),
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")])}
    procs = [
        subprocess.Popen([sys.executable, "-m", "bulletin", "build", str(script), "--engine", "espeak",
                          "-o", f"out/dong-thoi-{n}.mp3"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for n in (1, 2)
    ]
    outputs = [p.communicate(timeout=120)[0].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    sizes = {(station_dir / "out" / f"dong-thoi-{n}.mp3").stat().st_size for n in (1, 2)}
    assert len(sizes) == 1  # the same clips made the same bulletin
    clips = cache_folder(load_station(station_dir / "bulletin.toml")) / "clips"
    assert not [f for f in clips.rglob("*.part")]


def test_info_and_clear_by_engine(espeak, tmp_path):
    cache = ClipCache(tmp_path)
    for text in ("Một.", "Hai.", "Ba."):
        cache.fetch(EspeakEngine(), "vi", text)
    gtts_dir = tmp_path / "clips" / "gtts" / "ab"
    gtts_dir.mkdir(parents=True)
    (gtts_dir / "ab12.mp3").write_bytes(b"ID3" + b"\0" * 997)
    info = cache.info()
    assert info.by_engine["espeak"].clips == 3 and info.by_engine["gtts"].clips == 1
    assert info.bytes == info.by_engine["espeak"].bytes + 1000
    removed = cache.clear("espeak")
    assert removed.clips == 3
    info = cache.info()
    assert "espeak" not in info.by_engine and info.by_engine["gtts"].clips == 1


def test_decoded_copies_go_with_their_clips(espeak, ffmpeg, tmp_path):
    cache = ClipCache(tmp_path, max_bytes=10**9)
    clips = [cache.fetch(EspeakEngine(), "vi", text)[0] for text in ("Một.", "Hai.", "Ba.")]
    media.decode_many(clips, 44100, 1, keep=tmp_path / DECODED)
    copies = {p: p.stat().st_size for p in (tmp_path / DECODED).rglob("*.npy")}
    assert len(copies) == 3 and cache.info().decoded == EngineUsage(3, sum(copies.values()))
    gone = clips[0]
    gone.unlink()  # a clip removed by hand (or by another version): its copy is an orphan
    freed = cache.prune()
    left = sorted((tmp_path / DECODED).rglob("*.npy"))
    assert len(left) == 2 and not any(p.name.startswith(gone.stem) for p in left)
    assert freed.bytes == sum(size for p, size in copies.items() if not p.exists()) > 0
    removed = cache.clear("espeak")
    assert removed.clips == 2 and not list((tmp_path / DECODED).rglob("*.npy"))
    assert cache.info().decoded.clips == 0


def test_clear_keeps_temporary_files_of_running_builds(tmp_path):
    cache = ClipCache(tmp_path)
    folder = tmp_path / "clips" / "espeak" / "00"
    folder.mkdir(parents=True)
    fresh, stale = folder / ".a.123.part", folder / ".b.456.part"
    fresh.write_bytes(b"x")
    stale.write_bytes(b"x")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    assert cache.info().partial == 2
    cache.clear()
    assert fresh.exists() and not stale.exists()


def test_cache_commands(station_dir, espeak):
    script = write_script(station_dir / "scripts", "a.md", "# Tin\n\nXin chào quý vị.\n")
    assert run_cli("build", script, "--engine", "espeak", "-o", "out/a.mp3").exit_code == 0
    info = run_cli("cache", "info")
    assert info.exit_code == 0
    assert "espeak:" in info.output and "đoạn" in info.output and "MB" in info.output
    declined = run_cli("cache", "clear", input="n\n")
    assert declined.exit_code == 0 and "Không xóa gì." in declined.output
    assert "espeak:" in run_cli("cache", "info").output
    assert "Bản đã giải mã sẵn" in info.output
    cleared = run_cli("cache", "clear", "--yes")
    assert cleared.exit_code == 0 and "Đã xóa" in cleared.output
    after = run_cli("cache", "info").output
    assert "Chưa có đoạn nào" in after and "giải mã sẵn" not in after
    folder = cache_folder(load_station(station_dir / "bulletin.toml"))
    assert not list((folder / DECODED).rglob("*.npy"))


def test_station_cache_folder_is_used(station_dir, espeak):
    config = station_dir / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[cache]\nfolder = "bo-nho-dem"\n', encoding="utf-8")
    script = write_script(station_dir / "scripts", "a.md", "# Tin\n\nXin chào quý vị.\n")
    assert run_cli("build", script, "--engine", "espeak", "-o", "out/a.mp3").exit_code == 0
    assert list((station_dir / "bo-nho-dem" / "clips" / "espeak").rglob("*.wav"))
    assert str(station_dir / "bo-nho-dem") in run_cli("cache", "info").output


def test_calibration_is_stored_and_replaces_the_builtin_rate(tmp_path):
    cache = ClipCache(tmp_path)
    engine = EspeakEngine()
    measured = ReadRate(5.0, pause=0.1, padding=0.2)
    cache.save_calibration(engine.identity("vi"), measured)
    calibrated = EspeakEngine(calibration=cache.calibration())
    assert calibrated.read_rate("vi") == measured
    assert calibrated.read_rate("vi-vn-x-south") == EspeakEngine.READ_RATES["vi-vn-x-south"]
    assert EspeakEngine({"rate": 200}, cache.calibration()).read_rate("vi") != measured  # other options


def test_damaged_calibration_file_is_named(tmp_path):
    (tmp_path / "calibration.json").write_text("{không phải json", encoding="utf-8")
    with pytest.raises(ConfigError, match="calibration.json"):
        ClipCache(tmp_path).calibration()
