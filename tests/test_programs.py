"""Finding ffmpeg, ffprobe and espeak-ng: configured path, then system, then the wheels; `bulletin doctor`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_cli, tone, write_audio

from bulletin import programs
from bulletin.audio import media
from bulletin.errors import AudioError, ConfigError, EngineError

ROOT = Path(__file__).resolve().parents[1]


def require_program(name: str) -> str:
    """A system program; missing, the test fails under CI and skips elsewhere (as conftest's)."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{name} is not installed (./run.sh test installs it)")
        pytest.skip(f"{name} is not installed")
    return found


def tools(folder: Path, *names: str) -> Path:
    """A folder holding links to the named system programs only (a PATH of our choosing)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).symlink_to(require_program(name))
    return folder


@pytest.fixture(autouse=True)
def no_settings(monkeypatch):
    for variable, _ in programs.SETTINGS.values():
        monkeypatch.delenv(variable, raising=False)
    programs.configure({})
    yield
    programs.configure({})


def test_system_program_is_preferred_to_the_wheel(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tools(tmp_path / "bin", "ffmpeg", "espeak-ng")))
    for name in (programs.FFMPEG, programs.ESPEAK):
        found = programs.locate(name)
        assert (found.source, found.kind, found.path) == ("system", "program", tmp_path / "bin" / name)
    assert programs.version(programs.locate(programs.FFMPEG))[:1].isdigit()


def test_without_system_programs_the_wheels_are_used(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    ffmpeg = programs.locate(programs.FFMPEG)
    assert ffmpeg.source == "wheel" and ffmpeg.usable and "imageio_ffmpeg" in str(ffmpeg.path)
    espeak = programs.locate(programs.ESPEAK)
    assert (espeak.source, espeak.kind) == ("wheel", "library") and (espeak.data / "vi_dict").is_file()
    assert programs.version(espeak).startswith("1.")
    assert programs.ffprobe() is None  # no wheel ships it; not required


def test_missing_everywhere_says_what_to_do(tmp_path, monkeypatch, no_program_wheels):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(AudioError, match="pip install imageio-ffmpeg.*apt-get install ffmpeg.*\\[programs\\]"):
        programs.ffmpeg()
    with pytest.raises(EngineError, match="espeakng-loader.*apt-get install espeak-ng.*Windows"):
        programs.require(programs.ESPEAK)


def test_environment_variable_beats_the_configuration_and_the_system(tmp_path, monkeypatch):
    chosen = tools(tmp_path / "chosen", "ffmpeg")
    programs.configure({"ffmpeg": tmp_path / "elsewhere" / "ffmpeg"})
    monkeypatch.setenv("BULLETIN_FFMPEG", str(chosen))  # a folder is fine
    found = programs.locate(programs.FFMPEG)
    assert (found.source, found.path, found.setting) == ("configured", chosen / "ffmpeg", "BULLETIN_FFMPEG")
    assert programs.ffmpeg() == str(chosen / "ffmpeg")


def test_a_configured_path_that_leads_nowhere_is_an_error_not_a_fallback(tmp_path):
    programs.configure({"ffmpeg": tmp_path / "khong-co" / "ffmpeg.exe"})
    found = programs.locate(programs.FFMPEG)
    assert not found.usable and found.source == "configured"
    with pytest.raises(AudioError, match="bulletin.toml \\[programs\\] ffmpeg chỉ tới .*khong-co"):
        programs.ffmpeg()


def test_bulletin_toml_programs_section(station_dir, monkeypatch, tmp_path):
    chosen = tools(tmp_path / "rieng", "ffmpeg")
    config = station_dir / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8") + f'\n[programs]\nffmpeg = "{chosen.as_posix()}/ffmpeg"\n',
                      encoding="utf-8")
    result = run_cli("doctor", "--no-speech")
    assert result.exit_code == 0, result.output
    assert f"theo đường dẫn tự đặt – {chosen / 'ffmpeg'}" in result.output
    assert "đặt bởi bulletin.toml [programs] ffmpeg" in result.output

    config.write_text(config.read_text(encoding="utf-8").replace("[programs]\n", "[programs]\nsox = \"x\"\n"),
                      encoding="utf-8")
    result = run_cli("doctor")
    assert result.exit_code == 1 and "khóa không hợp lệ trong [programs]: sox" in result.output


def test_config_rejects_a_number_for_a_path(tmp_path):
    from bulletin.config import station_from_dict

    with pytest.raises(ConfigError, match="programs.espeak phải là chuỗi"):
        station_from_dict({"programs": {"espeak": 5}}, root=tmp_path)
    station = station_from_dict({"programs": {"espeak": "tools/espeak-ng.exe"}}, root=tmp_path)
    assert station.program_paths == {"espeak": tmp_path / "tools" / "espeak-ng.exe"}


def test_runner_names_a_program_that_cannot_start(tmp_path):
    with pytest.raises(AudioError, match="không chạy được khong-co"):
        programs.run([tmp_path / "khong-co", "-version"])
    with pytest.raises(EngineError, match="không chạy xong sau 0,2 giây"):
        programs.run([sys.executable, "-c", "import time; time.sleep(5)"], timeout=0.2, error=EngineError)


@pytest.mark.parametrize("name, args", [
    ("a.mp3", {"b:a": "128k"}), ("b.mp3", {"b:a": "64k", "ar": "22050"}), ("c.wav", {}), ("d.flac", {}),
    ("e.m4a", {}),
])
def test_probe_with_ffmpeg_alone_agrees_with_ffprobe(tmp_path, monkeypatch, ffmpeg, name, args):
    path = write_audio(tmp_path / name, tone(4.3, rate=44100, channels=2), 44100, **args)
    with_ffprobe = media.probe(path)
    monkeypatch.setenv("PATH", str(tools(tmp_path / "bin", "ffmpeg")))  # no ffprobe
    assert programs.ffprobe() is None
    alone = media.probe(path)
    assert (alone.codec, alone.rate, alone.channels) == (with_ffprobe.codec, with_ffprobe.rate, with_ffprobe.channels)
    assert alone.duration == pytest.approx(with_ffprobe.duration, abs=0.03)
    if name.endswith(".mp3"):
        assert alone.duration == pytest.approx(with_ffprobe.duration, abs=1e-5)  # every frame counted, both ways
        assert alone.bitrate == with_ffprobe.bitrate


def test_probe_with_ffmpeg_alone_refuses_a_non_audio_file(tmp_path, monkeypatch, ffmpeg):
    bad = tmp_path / "hong.mp3"
    bad.write_bytes(b"not audio at all" * 100)
    monkeypatch.setenv("PATH", str(tools(tmp_path / "bin", "ffmpeg")))
    with pytest.raises(Exception) as caught:
        media.probe(bad)
    assert "hong.mp3" in str(caught.value) and "không đọc được thông tin tệp âm thanh" in str(caught.value)


def doctor(path: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """``bulletin doctor`` in a child process with ``path`` as PATH and a console that is not UTF-8."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("BULLETIN_")}
    env.update(PATH=path, PYTHONIOENCODING="cp1252",  # like a Windows console's code page
               PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "bulletin", "doctor", *args], cwd=tmp_path, env=env,
                          capture_output=True, timeout=120)


def test_doctor_reports_system_programs(tmp_path):
    result = doctor(str(tools(tmp_path / "bin", "ffmpeg", "ffprobe", "espeak-ng")), tmp_path)
    out = result.stdout.decode("utf-8")  # Vietnamese, written as UTF-8 despite the code page
    assert result.returncode == 0, out + result.stderr.decode("utf-8", "replace")
    for name in ("ffmpeg", "ffprobe", "espeak-ng"):
        assert f"chương trình của hệ thống – {tmp_path / 'bin' / name}" in out
    assert "Thử đọc bằng espeak-ng (giọng vi): được" in out
    assert "Kết luận: đủ chương trình cần thiết" in out


def test_doctor_reports_wheel_programs(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    result = doctor(str(empty), tmp_path)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, out + result.stderr.decode("utf-8", "replace")
    assert "chương trình đi kèm gói Python" in out and "imageio_ffmpeg" in out
    assert "thư viện đi kèm gói Python" in out and "espeakng_loader" in out
    assert "ffprobe: không có – không bắt buộc" in out
    assert "chậm hơn khoảng 30 %" in out
    assert "Thử đọc bằng espeak-ng (giọng vi): được" in out


def test_doctor_says_what_to_do_when_nothing_is_found(tmp_path, monkeypatch, no_program_wheels):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    result = run_cli("doctor")
    assert result.exit_code == 1
    assert "ffmpeg: THIẾU" in result.output and "espeak-ng: THIẾU" in result.output
    assert "Cách khắc phục: cài lại bulletin bằng pip" in result.output
    assert "Kết luận: thiếu ffmpeg, espeak-ng" in result.output


def test_engines_lists_what_speaks(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    result = run_cli("engines", "--offline")
    assert result.exit_code == 0
    assert "Dùng: thư viện espeak-ng" in result.output
    assert "chương trình đi kèm gói Python" in result.output and shutil.which("ffmpeg") is None


def test_a_windows_path_in_double_quotes_is_caught(tmp_path):
    from bulletin.config import load_station

    config = tmp_path / "bulletin.toml"
    config.write_text('[programs]\nffmpeg = "C:\\ffmpeg\\bin\\ffmpeg.exe"\n', encoding="utf-8")  # \f, \b: TOML escapes
    with pytest.raises(ConfigError, match="programs.ffmpeg: đường dẫn có ký tự lạ.*nháy đơn"):
        load_station(config)
    config.write_text("[programs]\nffmpeg = 'C:\\ffmpeg\\bin\\ffmpeg.exe'\n", encoding="utf-8")
    assert load_station(config).programs == {"ffmpeg": "C:\\ffmpeg\\bin\\ffmpeg.exe"}
