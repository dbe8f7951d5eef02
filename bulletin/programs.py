"""The external programs (ffmpeg, ffprobe, espeak-ng): where they are, and the one way to run them.

Each one is looked for in this order:

1. a path the operator gave: the environment variable (``BULLETIN_FFMPEG``,
   ``BULLETIN_FFPROBE``, ``BULLETIN_ESPEAK``), else ``[programs]`` in
   ``bulletin.toml`` (``ffmpeg = "C:/ffmpeg/bin/ffmpeg.exe"``; a folder is fine too);
2. the system program on PATH (and, on Windows, where the espeak-ng installer puts it);
3. the copy a Python package ships: imageio-ffmpeg's ffmpeg, espeakng-loader's
   libespeak-ng with its data (a library, spoken to in-process by the espeak engine).

A system ffmpeg is preferred to the wheel's because that one encodes MP3 about
30 % slower. ffprobe is optional (no wheel ships it): audio facts then come
from ffmpeg alone.

Every program the package starts goes through :func:`run` or :func:`start`:
one place for the error text when a program cannot start, for timeouts, and for
not opening a console window per call on Windows.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bulletin.errors import AudioError, BulletinError, EngineError
from bulletin.vn_format import vn_number

FFMPEG = "ffmpeg"
FFPROBE = "ffprobe"
ESPEAK = "espeak-ng"
NAMES = (FFMPEG, FFPROBE, ESPEAK)

# name -> (environment variable, key under [programs] in bulletin.toml)
SETTINGS = {
    FFMPEG: ("BULLETIN_FFMPEG", "ffmpeg"),
    FFPROBE: ("BULLETIN_FFPROBE", "ffprobe"),
    ESPEAK: ("BULLETIN_ESPEAK", "espeak"),
}
CONFIG_KEYS = frozenset(key for _, key in SETTINGS.values())

# Where it came from, as the operator reads it.
CONFIGURED, SYSTEM, WHEEL, MISSING = "configured", "system", "wheel", "missing"
SOURCE_NAMES = {
    CONFIGURED: "theo đường dẫn tự đặt",
    SYSTEM: "của hệ thống",
    WHEEL: "đi kèm gói Python",
    MISSING: "không có",
}

# What to do when one is missing, in Vietnamese.
HINTS = {
    FFMPEG: (
        "cài lại bulletin bằng pip để có ffmpeg đi kèm (gói imageio-ffmpeg: 'pip install imageio-ffmpeg'); "
        "hoặc cài ffmpeg của hệ thống (Debian/Ubuntu: 'sudo apt-get install ffmpeg'); "
        "hoặc chỉ đường dẫn trong bulletin.toml, mục [programs], khóa ffmpeg"
    ),
    FFPROBE: "không bắt buộc: khi không có, bulletin đọc thông tin tệp âm thanh bằng ffmpeg",
    ESPEAK: (
        "cài lại bulletin bằng pip để có espeak-ng đi kèm (gói espeakng-loader: 'pip install espeakng-loader'); "
        "hoặc cài espeak-ng của hệ thống (Debian/Ubuntu: 'sudo apt-get install espeak-ng'; Windows: bộ cài "
        "espeak-ng-X64.msi ở trang phát hành của dự án espeak-ng); "
        "hoặc chỉ đường dẫn trong bulletin.toml, mục [programs], khóa espeak"
    ),
}

LIBRARY_SUFFIXES = (".dll", ".so", ".dylib")
VERSION_TIMEOUT = 20  # seconds

# pydub looks for ffmpeg on PATH when it is imported and warns when there is
# none; bulletin only asks pydub to read and write WAV and finds ffmpeg itself.
warnings.filterwarnings("ignore", message="Couldn't find ffmpeg or avconv", category=RuntimeWarning)
warnings.filterwarnings("ignore", message="Couldn't find ffprobe or avprobe", category=RuntimeWarning)


@dataclass(frozen=True)
class Found:
    """One program as it will be used: where, from which source, as a program or a library."""

    name: str  # FFMPEG, FFPROBE or ESPEAK
    path: Path | None  # None: missing
    source: str  # CONFIGURED, SYSTEM, WHEEL or MISSING
    kind: str = "program"  # "program", or "library" (espeak-ng from espeakng-loader)
    data: Path | None = None  # the library's espeak-ng-data folder
    setting: str = ""  # where a configured path was given
    problem: str = ""  # a configured path that does not lead to a program (Vietnamese)

    @property
    def usable(self) -> bool:
        return self.path is not None and not self.problem

    @property
    def source_name(self) -> str:
        return SOURCE_NAMES[self.source]

    @property
    def hint(self) -> str:
        return HINTS[self.name]


# -- configuration ---------------------------------------------------------------

_configured: dict[str, str] = {}


def configure(paths: Mapping[str, str | Path]) -> None:
    """Paths from ``[programs]`` in ``bulletin.toml`` (keys ``ffmpeg``, ``ffprobe``, ``espeak``), absolute."""
    _configured.clear()
    _configured.update({key: str(value) for key, value in paths.items() if str(value).strip()})


def _explicit(name: str) -> tuple[str, str] | None:
    variable, key = SETTINGS[name]
    value = os.environ.get(variable, "").strip()
    if value:
        return value, variable
    value = _configured.get(key, "")
    if value:
        return value, f"bulletin.toml [programs] {key}"
    return None


# -- locating ----------------------------------------------------------------------


def locate(name: str) -> Found:
    """Where ``name`` is, following the order above (cheap: remembered while settings and PATH stay the same)."""
    if name not in SETTINGS:
        raise ValueError(f"unknown program {name!r}")
    return _locate(name, _explicit(name), os.environ.get("PATH", ""))


@lru_cache(maxsize=64)
def _locate(name: str, explicit: tuple[str, str] | None, _path: str) -> Found:
    if explicit is not None:
        return _given(name, *explicit)
    found = shutil.which(name)
    if found is None and name == ESPEAK and os.name == "nt":
        found = next((str(p) for p in _windows_places() if p.is_file()), None)
    if found is not None:
        return Found(name, Path(found).absolute(), SYSTEM)
    return _from_wheel(name)


def _given(name: str, value: str, setting: str) -> Found:
    path = Path(value).expanduser()
    if path.is_dir():
        inside = shutil.which(name, path=str(path))
        path = Path(inside) if inside else path / name
    if name == ESPEAK and path.suffix.lower() in LIBRARY_SUFFIXES:
        if not path.is_file():
            return Found(name, path, CONFIGURED, "library", setting=setting,
                         problem=f"{setting} chỉ tới {path}, nhưng không có tệp thư viện đó")
        data = path.parent / "espeak-ng-data"
        return Found(name, path, CONFIGURED, "library", data if data.is_dir() else None, setting)
    if not path.is_file():
        return Found(name, path, CONFIGURED, setting=setting,
                     problem=f"{setting} chỉ tới {path}, nhưng không có chương trình đó")
    return Found(name, path, CONFIGURED, setting=setting)


def _windows_places() -> list[Path]:
    """Where the espeak-ng Windows installer puts the program (it does not add it to PATH)."""
    return [Path(os.environ[var]) / "eSpeak NG" / "espeak-ng.exe"
            for var in ("ProgramFiles", "ProgramFiles(x86)") if os.environ.get(var)]


def _from_wheel(name: str) -> Found:
    if name == FFMPEG:
        try:
            import imageio_ffmpeg

            path = Path(imageio_ffmpeg.get_ffmpeg_exe())
        except (ImportError, RuntimeError, OSError):
            return Found(name, None, MISSING)
        return Found(name, path, WHEEL) if path.is_file() else Found(name, None, MISSING)
    if name == ESPEAK:
        try:
            import espeakng_loader

            library, data = Path(espeakng_loader.get_library_path()), Path(espeakng_loader.get_data_path())
        except (ImportError, RuntimeError, OSError):
            return Found(name, None, MISSING)
        if library.is_file():
            return Found(name, library, WHEEL, "library", data)
    return Found(name, None, MISSING)


def require(name: str) -> Found:
    """The program ``name``, or an error saying what to do (AudioError for ffmpeg, EngineError for espeak-ng)."""
    found = locate(name)
    if found.usable:
        return found
    error = EngineError if name == ESPEAK else AudioError
    if found.problem:
        raise error(f"{found.problem}; sửa đường dẫn, hoặc xóa nó để dùng {name} tìm được tự động")
    raise error(f"không tìm thấy {name}; {found.hint}")


def ffmpeg() -> str:
    """The ffmpeg program to run (raises :class:`AudioError` saying what to do when there is none)."""
    return str(require(FFMPEG).path)


def ffprobe() -> str | None:
    """The ffprobe program, or None: callers then get the same facts from ffmpeg."""
    found = locate(FFPROBE)
    return str(found.path) if found.usable else None


# -- versions ------------------------------------------------------------------------


def version(found: Found) -> str:
    """The program's version as it reports it ("" when it cannot be told)."""
    if not found.usable:
        return ""
    return _version(found.name, found.path, found.kind, found.data)


@lru_cache(maxsize=16)
def _version(name: str, path: Path, kind: str, data: Path | None) -> str:
    if kind == "library":
        from bulletin.engines.espeak_library import library_version

        try:
            return library_version(path, data)
        except EngineError:
            return ""
    flag = "--version" if name == ESPEAK else "-version"
    try:
        result = run([str(path), flag], timeout=VERSION_TIMEOUT, text=True)
    except BulletinError:
        return ""
    first = (result.stdout or result.stderr or "").strip().splitlines()
    if not first:
        return ""
    match = re.search(r"version\s+(\S+)", first[0]) or re.search(r"speech:\s*(\S+)", first[0])
    return match.group(1) if match else first[0][:60]


# -- running -------------------------------------------------------------------------


def _no_window() -> dict:
    # The studio may run without a console (pythonw); each program would open one.
    if os.name == "nt":
        return {"creationflags": getattr(subprocess, "CREATE_NO_WINDOW", 0)}
    return {}


def _name_of(command: Sequence[str | Path]) -> str:
    return Path(str(command[0])).stem if command else "?"


def run(command: Sequence[str | Path], *, input: bytes | str | None = None, timeout: float | None = None,
        text: bool = False, cwd: Path | None = None, error: type[BulletinError] = AudioError,
        timeout_error: type[BulletinError] | None = None) -> subprocess.CompletedProcess:
    """Run a program to its end with its output captured; the caller reads the exit code.

    A program that cannot be started raises ``error``, one that does not finish
    within ``timeout`` seconds ``timeout_error`` (default: ``error``), with a
    Vietnamese message.
    """
    name = _name_of(command)
    kwargs = {"encoding": "utf-8", "errors": "replace"} if text else {}
    try:
        return subprocess.run([str(c) for c in command], input=input, capture_output=True, timeout=timeout, cwd=cwd,
                              stdin=None if input is not None else subprocess.DEVNULL, **kwargs, **_no_window())
    except subprocess.TimeoutExpired as exc:
        raise (timeout_error or error)(f"{name} không chạy xong sau {vn_number(timeout, trim=True)} giây") from exc
    except OSError as exc:
        raise error(f"không chạy được {name} ({exc})") from exc


_STARTED: weakref.WeakSet[subprocess.Popen] = weakref.WeakSet()


def start(command: Sequence[str | Path], *, error: type[BulletinError] = AudioError, **popen) -> subprocess.Popen:
    """Start a program whose pipes the caller feeds and reads (``stdin``/``stdout``/``stderr`` as for Popen)."""
    try:
        process = subprocess.Popen([str(c) for c in command], **popen, **_no_window())
    except OSError as exc:
        raise error(f"không chạy được {_name_of(command)} ({exc})") from exc
    _STARTED.add(process)
    return process


def end_children() -> int:
    """Kill every program :func:`start` started that still runs (the command is being stopped).

    :func:`run` needs no help: ``subprocess.run`` kills its program when interrupted.
    Returns how many were ended.
    """
    ended = 0
    for process in list(_STARTED):
        if process.poll() is None:
            process.kill()
            process.wait()
            ended += 1
    return ended


# -- the report behind ``bulletin doctor`` ----------------------------------------------


@dataclass(frozen=True)
class ProgramReport:
    found: Found
    version: str
    required: bool


def report() -> list[ProgramReport]:
    """Every program, where it was found, its version; for ``bulletin doctor`` and ``bulletin engines``."""
    return [ProgramReport(found, version(found), name != FFPROBE)
            for name in NAMES for found in [locate(name)]]

