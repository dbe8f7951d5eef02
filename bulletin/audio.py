"""The audio boundary: the only module that talks to pydub and ffmpeg.

Everything else deals in :class:`Sound` values (float32 samples at the
working rate) and paths. Decoding converts once to the working format;
encoding writes to a temporary file and renames it only when complete.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import AssetError, AudioError

INSTALL_HINT = (
    "cài đặt ffmpeg: trên Debian/Ubuntu chạy 'sudo apt-get install ffmpeg'; "
    "trên Windows tải ffmpeg và thêm thư mục bin vào PATH"
)


@dataclass(frozen=True, eq=False)
class Sound:
    """Samples as float32 in [-1, 1], shape (frames, channels)."""

    samples: np.ndarray
    rate: int

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate

    @property
    def channels(self) -> int:
        return self.samples.shape[1]


def require_ffmpeg() -> None:
    if shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None:
        raise AudioError(f"không tìm thấy chương trình ffmpeg/ffprobe; {INSTALL_HINT}")


def silence(seconds: float, rate: int, channels: int = 1) -> Sound:
    return Sound(np.zeros((max(0, round(seconds * rate)), channels), dtype=np.float32), rate)


def decode(path: Path, rate: int, channels: int = 1) -> Sound:
    """Read any audio file ffmpeg understands, converted to ``rate`` and ``channels``."""
    if not Path(path).is_file():
        raise AssetError("không tìm thấy tệp âm thanh", path=path)
    sound = _read_pcm_wav(Path(path), rate, channels)
    if sound is None:
        sound = _decode_with_ffmpeg(Path(path), rate, channels)
    if sound.duration <= 0:
        raise AssetError("tệp âm thanh không có nội dung (độ dài bằng 0)", path=path)
    return sound


def _decode_with_ffmpeg(path: Path, rate: int, channels: int) -> Sound:
    from pydub import AudioSegment
    from pydub.exceptions import CouldntDecodeError

    require_ffmpeg()
    try:
        segment = AudioSegment.from_file(
            str(path), parameters=["-ar", str(rate), "-ac", str(channels), "-sample_fmt", "s16"]
        )
    except (CouldntDecodeError, IndexError, OSError, ValueError) as exc:
        raise AssetError(
            "không giải mã được tệp âm thanh (tệp hỏng hoặc không phải định dạng âm thanh)", path=path
        ) from exc
    if segment.frame_rate != rate or segment.channels != channels or segment.sample_width != 2:
        segment = segment.set_frame_rate(rate).set_channels(channels).set_sample_width(2)
    samples = np.frombuffer(segment.raw_data, dtype="<i2").astype(np.float32) / 32768.0
    return Sound(samples.reshape(-1, channels), rate)


def _read_pcm_wav(path: Path, rate: int, channels: int) -> Sound | None:
    """16-bit PCM WAV (what espeak-ng writes) without starting ffmpeg; None for anything else."""
    import wave

    if path.suffix.lower() != ".wav":
        return None
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2 or wav.getcomptype() != "NONE":
                return None
            src_rate, src_channels = wav.getframerate(), wav.getnchannels()
            data = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError, OSError):
        return None
    samples = np.frombuffer(data, dtype="<i2").astype(np.float32).reshape(-1, src_channels) / 32768.0
    if src_channels != channels:
        mono = samples.mean(axis=1, keepdims=True)
        samples = mono if channels == 1 else np.repeat(mono, channels, axis=1)
    if src_rate != rate:
        from math import gcd

        from scipy.signal import resample_poly

        g = gcd(src_rate, rate)
        samples = resample_poly(samples, rate // g, src_rate // g, axis=0).astype(np.float32)
    return Sound(np.ascontiguousarray(samples, dtype=np.float32), rate)


def loudness(sound: Sound) -> float:
    """Integrated loudness (ITU-R BS.1770) in LUFS; -inf for silence or very short sounds."""
    import pyloudnorm

    if sound.duration < 0.5:
        return float("-inf")
    meter = pyloudnorm.Meter(sound.rate)
    try:
        return float(meter.integrated_loudness(sound.samples.astype(np.float64)))
    except ValueError:
        return float("-inf")


def apply_gain(sound: Sound, db: float) -> Sound:
    return Sound((sound.samples * np.float32(10 ** (db / 20))).astype(np.float32), sound.rate)


def peak_db(sound: Sound) -> float:
    peak = float(np.max(np.abs(sound.samples))) if len(sound.samples) else 0.0
    return 20 * np.log10(peak) if peak > 0 else float("-inf")


def encode(sound: Sound, out: Path, *, bitrate: str = "128k", fmt: str | None = None) -> Path:
    """Write MP3 (CBR), WAV or FLAC, atomically: a complete file or no file."""
    from pydub import AudioSegment

    require_ffmpeg()
    out = Path(out)
    fmt = fmt or out.suffix.lower().lstrip(".") or "mp3"
    if fmt not in ("mp3", "wav", "flac"):
        raise AudioError(f"định dạng xuất không hỗ trợ '{fmt}'; dùng .mp3 hoặc .wav", path=out)
    pcm = np.clip(sound.samples, -1.0, 32767 / 32768)
    data = (pcm * 32768.0).round().astype("<i2").tobytes()
    segment = AudioSegment(data=data, sample_width=2, frame_rate=sound.rate, channels=sound.channels)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        if fmt == "mp3":
            segment.export(str(tmp), format="mp3", bitrate=bitrate, parameters=["-write_xing", "1"])
        else:
            segment.export(str(tmp), format=fmt)
        os.replace(tmp, out)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, Exception):
            raise AudioError(f"không ghi được tệp âm thanh ({exc})", path=out) from exc
        raise
    return out


def file_duration(path: Path) -> float:
    """Duration of an audio file as players see it, in seconds."""
    require_ffmpeg()
    try:
        result = subprocess.run(
            ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        return float(result.stdout.strip())
    except (ValueError, subprocess.TimeoutExpired) as exc:
        raise AssetError("không đọc được độ dài tệp âm thanh", path=path) from exc
