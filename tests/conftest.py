"""Shared fixtures: real programs, real audio files made here, an isolated cache."""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from bulletin.cli import cli
from bulletin.config import Station, load_station

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Property-based tests: the same examples on every CI run (each test sets its own budget).
settings.register_profile("ci", derandomize=True, print_blob=True)
if IN_CI:
    settings.load_profile("ci")


def require_program(name: str) -> str:
    """The path of a system program; a test without it fails under CI and skips elsewhere."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (./run.sh test installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


_LOCAL = ("127.0.0.1", "::1", "localhost")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Tests never reach the network: a connection or lookup beyond this machine fails at once.

    The gTTS tests replace the HTTP layer above the sockets (``responses``), so they
    are not affected; anything else that tries the real Internet fails loudly here
    instead of behaving differently on a connected machine.
    """
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(sock, address):
        if isinstance(address, tuple) and address[0] not in _LOCAL:
            raise OSError(f"tests do not use the network (tried {address[0]})")
        return real_connect(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in _LOCAL and host is not None:
            raise socket.gaierror(f"tests do not use the network (tried {host})")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory, monkeypatch):
    """Clips and default sounds go to a per-session folder, never the user's cache."""
    cache = tmp_path_factory.getbasetemp() / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


@pytest.fixture
def ffmpeg():
    require_program("ffmpeg")
    return require_program("ffprobe")


@pytest.fixture
def espeak():
    return require_program("espeak-ng")


@pytest.fixture
def no_program_wheels(monkeypatch):
    """As if imageio-ffmpeg and espeakng-loader were not installed: only the system's programs count."""
    import sys

    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)  # import now raises ImportError
    monkeypatch.setitem(sys.modules, "espeakng_loader", None)


@pytest.fixture
def espeak_library():
    """libespeak-ng and its data from the espeakng-loader wheel (a base dependency)."""
    import espeakng_loader

    return Path(espeakng_loader.get_library_path()), Path(espeakng_loader.get_data_path())


@pytest.fixture(scope="session")
def station_template(tmp_path_factory) -> Path:
    """One folder made by the real ``bulletin init``; tests get copies of it."""
    require_program("ffmpeg")
    folder = tmp_path_factory.mktemp("template") / "station"
    result = CliRunner().invoke(cli, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def station_dir(tmp_path, monkeypatch, station_template, ffmpeg) -> Path:
    """A fresh station folder (as made by ``bulletin init``), as the current folder."""
    folder = tmp_path / "station"
    shutil.copytree(station_template, folder)
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def station(station_dir) -> Station:
    return load_station(station_dir / "bulletin.toml")


@pytest.fixture
def hostile_station(tmp_path, station_template, ffmpeg, isolated_cache) -> Path:
    """A fresh station folder for the hostile-input suite's child processes (not the current folder)."""
    folder = tmp_path / "station"
    shutil.copytree(station_template, folder)
    return folder


def pytest_terminal_summary(terminalreporter):
    """The worst peak memory of the hostile suite's bounded child processes (tests/hostile/harness.py).

    Here rather than in tests/hostile/conftest.py: a second conftest module would shadow this one,
    which test modules import by name.
    """
    harness = sys.modules.get("harness")
    if harness is None or not getattr(harness, "PEAKS", None):
        return
    peak, command = max(harness.PEAKS)
    terminalreporter.write_line(
        f"hostile suite: {len(harness.PEAKS)} bounded runs; worst peak memory {peak / 1024:.0f} MiB "
        f"(limit {harness.MEMORY_LIMIT / 1024**3:.0f} GiB of address space): bulletin {command[:120]}")
