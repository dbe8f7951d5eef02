"""Helpers for tests: real audio files made with numpy and the real ffmpeg."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from bulletin.cli import cli


def run_cli(*args: str, input: str | bytes | None = None):
    """Invoke the CLI in-process; tests read only exit_code and output."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def tone(seconds: float, *, freq: float = 440.0, rate: int = 44100, channels: int = 1, dbfs: float = -12.0):
    t = np.arange(round(seconds * rate)) / rate
    wave = (10 ** (dbfs / 20) * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    return np.repeat(wave[:, None], channels, axis=1)


def write_audio(path: Path, samples: np.ndarray, rate: int, **ffmpeg_args: str) -> Path:
    """Write ``samples`` with the real ffmpeg in the format the suffix names."""
    channels = samples.shape[1]
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
    extra = [x for k, v in ffmpeg_args.items() for x in (f"-{k}", v)]
    subprocess.run(
        ["ffmpeg", "-y", "-loglevel", "error", "-f", "s16le", "-ar", str(rate), "-ac", str(channels),
         "-i", "-", *extra, str(path)],
        input=pcm, check=True,
    )
    return path


def probe_duration(path: Path) -> float:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
        capture_output=True, text=True, check=True,
    )
    return float(out.stdout)


def write_script(folder: Path, name: str, body: str, front: str = "title: Bản tin thử\n") -> Path:
    path = folder / name
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path
