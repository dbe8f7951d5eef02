"""Playback backends behind one small interface: the sound card through a player program, and silence.

A :class:`Player` starts a file and returns a :class:`Playback` the caller polls and may stop.
Both built-in players run a program through :mod:`bulletin.programs`:

- ``ffplay`` (ships with ffmpeg on Debian and in the full Windows builds): the system's sound output;
- on Windows without ffplay, PowerShell's Windows Media Player object (``powershell``);
- ``silent``: ffmpeg decodes the file at real speed (``-re``) into nothing. Used by tests and
  ``--dry-run``: the file is read to its end exactly as long as airing it would take.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bulletin import programs
from bulletin.errors import AudioError


class Playback:
    """One file being played by a program."""

    def __init__(self, process: subprocess.Popen, path: Path, errors=None):
        self.process = process
        self.path = path
        self.errors = errors  # a temporary file with the program's messages (a pipe could fill and block it)
        self.started = time.monotonic()
        self.stopped = False

    @property
    def elapsed(self) -> float:
        """Real seconds since playing started (stops counting when it ended)."""
        end = getattr(self, "_ended", None)
        return (end if end is not None else time.monotonic()) - self.started

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds; True when playing has ended."""
        try:
            self.process.wait(timeout=max(timeout, 0))
        except subprocess.TimeoutExpired:
            return False
        if getattr(self, "_ended", None) is None:
            self._ended = time.monotonic()
        return True

    @property
    def finished_cleanly(self) -> bool:
        return not self.stopped and self.process.returncode == 0

    def error_text(self) -> str:
        if self.errors is None:
            return ""
        try:
            self.errors.seek(0)
            return self.errors.read().decode("utf-8", "replace").strip()[-300:]
        except (OSError, ValueError):
            return ""

    def close(self) -> None:
        """Let go of the program's message file (after :meth:`error_text`)."""
        if self.errors is not None:
            self.errors.close()
            self.errors = None

    def stop(self) -> None:
        """Stop playing now (the amplifier goes quiet)."""
        self.stopped = True
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_ended", None) is None:
            self._ended = time.monotonic()


class Player:
    """A way of playing a file; subclasses give the program's command line."""

    name = ""
    description = ""

    def command(self, path: Path) -> list[str]:
        raise NotImplementedError

    def start(self, path: Path) -> Playback:
        errors = tempfile.TemporaryFile()
        process = programs.start(self.command(Path(path)), error=AudioError, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=errors)
        return Playback(process, Path(path), errors)


class SilentPlayer(Player):
    """Plays at real speed into nothing: ffmpeg reads the file as fast as it would sound."""

    name = "silent"
    description = "phát im lặng (đúng tốc độ thật, không ra loa) – dùng để thử"

    def command(self, path: Path) -> list[str]:
        return [programs.ffmpeg(), "-hide_banner", "-nostats", "-loglevel", "error", "-nostdin", "-re",
                "-i", str(path), "-f", "null", "-"]


class FfplayPlayer(Player):
    """The system's sound output through ffplay (no window, exits at the end of the file)."""

    name = "ffplay"
    description = "loa của máy tính qua ffplay"

    def __init__(self, program: str):
        self.program = program

    def command(self, path: Path) -> list[str]:
        return [self.program, "-nodisp", "-autoexit", "-hide_banner", "-loglevel", "error", str(path)]


class WindowsMediaPlayer(Player):
    """Windows without ffplay: PowerShell plays through Windows Media Player's object and waits."""

    name = "powershell"
    description = "loa của máy tính qua Windows Media Player (PowerShell)"

    def __init__(self, program: str):
        self.program = program

    def command(self, path: Path) -> list[str]:
        quoted = str(Path(path).resolve()).replace("'", "''")
        script = (f"$p = New-Object -ComObject WMPlayer.OCX; $p.settings.volume = 100; $p.URL = '{quoted}'; "
                  "$p.controls.play(); Start-Sleep -Milliseconds 500; "
                  "while ($p.playState -ne 1 -and $p.playState -ne 8 -and $p.playState -ne 10) "
                  "{ Start-Sleep -Milliseconds 200 }")
        return [self.program, "-NoProfile", "-NonInteractive", "-Command", script]


def sound_player() -> Player:
    """The player for the computer's sound output: ffplay, else (Windows) PowerShell's media player."""
    ffplay = shutil.which("ffplay")
    if ffplay is None:
        sibling = Path(programs.ffmpeg()).with_name("ffplay" + (".exe" if os.name == "nt" else ""))
        ffplay = str(sibling) if sibling.is_file() else None
    if ffplay:
        return FfplayPlayer(ffplay)
    if os.name == "nt" and (shell := shutil.which("powershell")):
        return WindowsMediaPlayer(shell)
    raise AudioError("không tìm thấy chương trình phát âm thanh ra loa (ffplay); trên Debian/Ubuntu hãy cài "
                     "gói ffmpeg, trên Windows hãy dùng bản ffmpeg đầy đủ có ffplay.exe – hoặc chạy thử với "
                     "--player silent")


PLAYERS = {"ffplay": sound_player, "silent": SilentPlayer}


def player_named(name: str) -> Player:
    """``"ffplay"`` (the sound card, default) or ``"silent"``."""
    if name not in PLAYERS:
        raise AudioError(f"không có cách phát '{name}'; chọn một trong: {', '.join(PLAYERS)}")
    return PLAYERS[name]()
