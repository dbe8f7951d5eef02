"""The stand-in for a Windows PC with no system programs: the built wheel, alone, makes and logs a bulletin.

The wheel is built from the source tree, installed into a fresh virtual
environment (dependencies from pip's cache or the package index, as an operator
gets them), and run with a PATH that holds only that environment's scripts and an
empty tools folder: no ffmpeg, ffprobe or espeak-ng from the system. ffmpeg then
comes from imageio-ffmpeg and espeak-ng from espeakng-loader's library. The MP3
is checked as a normal build is, with the system's ffmpeg (the test's own
measurement, not the package's).

Slow (about a minute: a wheel build, an install, a build): one test module, run in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from audio_helpers import ebur128
from helpers import probe_duration

from bulletin.audio.tags import read_tags

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def require_program(name: str) -> str:
    """A system program; missing, the test fails under CI and skips elsewhere (as conftest's)."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{name} is not installed (./run.sh test installs it)")
        pytest.skip(f"{name} is not installed")
    return found
SCRIPTS = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""
HIDDEN = ("ffmpeg", "ffprobe", "espeak-ng")


def data_files(package: Path) -> set[str]:
    """Every file of the package that is not Python source: what the wheel must carry besides code."""
    return {
        p.relative_to(package.parent).as_posix() for p in package.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment with the built wheel installed; (its scripts folder, the wheel)."""
    for name in ("ffmpeg", "ffprobe"):
        require_program(name)  # the test's own measurements use the system's
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "bulletin", source / "bulletin", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = base / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(source)], timeout=600)
    (wheel,) = dist.glob("bulletin-*.whl")
    venv = base / "venv"
    run([sys.executable, "-m", "venv", str(venv)], timeout=300)
    python = venv / SCRIPTS / f"python{EXE}"
    run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)], timeout=1200)
    return venv / SCRIPTS, wheel


def run(command: list[str], *, timeout: float, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, timeout=timeout, **kwargs)
    assert result.returncode == 0, (command, result.stdout.decode("utf-8", "replace"),
                                    result.stderr.decode("utf-8", "replace"))
    return result


def test_the_wheel_carries_every_data_file(installed):
    _, wheel = installed
    with zipfile.ZipFile(wheel) as archive:
        carried = set(archive.namelist())
    missing = data_files(ROOT / "bulletin") - carried
    assert not missing, f"package data left out of the wheel: {sorted(missing)}"
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(next(n for n in carried if n.endswith(".dist-info/METADATA"))).decode()
    assert "Requires-Dist: imageio-ffmpeg" in metadata and "Requires-Dist: espeakng-loader" in metadata


def test_installed_wheel_builds_logs_and_reports_without_system_programs(installed, tmp_path):
    scripts, _ = installed
    tools = tmp_path / "tools"  # the minimal tools: none are needed
    tools.mkdir()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("BULLETIN_", "PYTHON", "VIRTUAL_ENV", "IMAGEIO_"))}
    env.update(PATH=os.pathsep.join([str(scripts), str(tools)]), XDG_CACHE_HOME=str(tmp_path / "cache"),
               LOCALAPPDATA=str(tmp_path / "cache"))
    for name in HIDDEN:
        assert shutil.which(name, path=env["PATH"]) is None
    bulletin = str(scripts / f"bulletin{EXE}")

    def cli(*args: str, cwd: Path) -> str:
        result = subprocess.run([bulletin, *args], cwd=cwd, env=env, capture_output=True, timeout=900)
        out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
        assert result.returncode == 0, (args, out)
        return out

    # A folder and file names with Vietnamese letters, as operators name them.
    out = cli("init", "đài-xã-tam-hiệp", cwd=tmp_path)
    station = tmp_path / "đài-xã-tam-hiệp"
    assert (station / "audio_assets" / "intro.flac").is_file(), out
    shutil.copy(station / "scripts" / "vi-du.md", station / "scripts" / "bản tin thử.md")
    # The example is a short sample: the station's minimum is lowered so that its airing counts.
    config = station / "bulletin.toml"
    text = config.read_text(encoding="utf-8")
    assert "[quota]\n" in text
    config.write_text(text.replace("[quota]\n", '[quota]\nmin_duration = "0:10"\n', 1), encoding="utf-8")

    doctor = cli("doctor", cwd=station)
    assert "ffmpeg" in doctor and "chương trình đi kèm gói Python" in doctor and str(scripts.parent) in doctor
    assert "espeak-ng" in doctor and "thư viện đi kèm gói Python" in doctor
    assert "Thử đọc bằng espeak-ng (giọng vi): được" in doctor

    mp3 = station / "out" / "bản tin thử.mp3"
    cli("build", "scripts/bản tin thử.md", "-o", "out/bản tin thử.mp3", "--engine", "espeak", cwd=station)
    logged = cli("log", "add", "out/bản tin thử.mp3", "--aired", "2024-07-15 06:30", "--place", "Cụm loa thôn Đông",
                 cwd=station)
    assert "Đã ghi sổ" in logged
    report = cli("report", "--period", "2024-Q3", cwd=station)
    assert "Bản tin mẫu – Thông tin đối ngoại" in report and "Cụm loa thôn Đông" in report
    assert "Quý III năm 2024: 01/02 bản tin" in report

    # The same checks as a normal build, measured by the system's programs.
    assert sorted(p.name for p in mp3.parent.iterdir()) == [mp3.name]
    duration = probe_duration(mp3)
    assert 20 < duration <= 600
    measured = ebur128(mp3)
    assert measured.integrated == pytest.approx(-16.0, abs=0.5)
    assert measured.true_peak <= -1.0
    tags = read_tags(mp3)
    assert tags.title == "Bản tin mẫu – Thông tin đối ngoại"
    assert tags.station == "Đài Truyền thanh cơ sở"
    assert tags.engines == "espeak"
    assert tags.language == "vie"
    assert float(tags.loudness) == pytest.approx(measured.integrated, abs=0.2)
    assert [c.title for c in tags.chapters][0] == "Mở đầu" and tags.chapters[-1].title == "Kết thúc"
    assert tags.chapters[-1].end == pytest.approx(duration, abs=0.1)
