"""The audio boundary: the only module that talks to pydub and ffmpeg.

Everything else deals in :class:`Sound` values (float32 samples at the
working rate) and paths. Every input is decoded and converted once to the
working format; encoding writes to a temporary file and renames it only when
complete.

pydub reads PCM WAV (what speech engines write) without starting a process
and writes WAV exports. Where pydub would copy whole files through temporary
WAV files (decoding many compressed files, time-stretching, MP3 encoding,
reading an MP3 back for verification), raw PCM is piped to and from one
ffmpeg process instead: see docs/audio.md.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from struct import error as struct_error
from subprocess import PIPE

import numpy as np

from bulletin import programs
from bulletin.errors import AssetError, AudioError

INSTALL_HINT = programs.HINTS[programs.FFMPEG]

# Files decoded by one ffmpeg process (the command line stays short on Windows).
DECODE_BATCH = 32
# Silence put between clips that are time-stretched together, seconds.
STRETCH_GUARD = 0.2
# MP3 (LAME) adds its encoder delay and pads the last frame: a file of N
# samples lasts ceil((N + ~1151) / frame) frames. We keep a few samples spare.
MP3_OVERHEAD = 1152 + 64


@dataclass(frozen=True, eq=False)
class Sound:
    """Samples as float32 (nominally within [-1, 1]), shape (frames, channels)."""

    samples: np.ndarray
    rate: int

    @property
    def frames(self) -> int:
        return len(self.samples)

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate

    @property
    def channels(self) -> int:
        return self.samples.shape[1]


def require_ffmpeg() -> None:
    programs.require(programs.FFMPEG)


def silence(seconds: float, rate: int, channels: int = 1) -> Sound:
    return Sound(np.zeros((max(0, round(seconds * rate)), channels), dtype=np.float32), rate)


# -- decoding -----------------------------------------------------------------


def decode(path: Path, rate: int, channels: int = 1) -> Sound:
    """Read any audio file ffmpeg understands, converted to ``rate`` and ``channels``."""
    return decode_many([path], rate, channels)[Path(path)]


def decode_many(paths: Iterable[Path], rate: int, channels: int = 1, keep: Path | None = None) -> dict[Path, Sound]:
    """Every distinct file decoded once to the working format.

    PCM WAV files are read in-process; all other files are decoded by as few
    ffmpeg processes as possible. Raises :class:`AssetError` naming every file
    that is missing, empty or cannot be decoded. With ``keep`` (a folder), the
    decoded samples are kept there in the working format and read back next
    time instead of decoding and resampling again (for the clip cache, whose
    files never change under the same name).
    """
    wanted = list(dict.fromkeys(Path(p) for p in paths))
    missing = [p for p in wanted if not p.is_file()]
    if missing:
        raise AssetError("không tìm thấy tệp âm thanh", path=missing[0])
    result: dict[Path, Sound] = {}
    others = []
    kept = {p: _kept_name(p, keep, rate, channels) for p in wanted} if keep is not None else {}
    for path in wanted:
        sound = _read_kept(kept[path], rate) if kept else None
        if sound is None and path.suffix.lower() == ".wav":
            sound = _read_pcm_wav(path, rate, channels)
        if sound is None:
            others.append(path)
        else:
            result[path] = sound
    for start in range(0, len(others), DECODE_BATCH):
        result.update(_decode_with_ffmpeg(others[start : start + DECODE_BATCH], rate, channels))
    for path in wanted:
        if result[path].frames == 0:
            raise AssetError("tệp âm thanh không có nội dung (độ dài bằng 0)", path=path)
        if kept and not kept[path].is_file():
            _write_kept(kept[path], result[path])
    return {p: result[p] for p in wanted}


def _kept_name(path: Path, folder: Path, rate: int, channels: int) -> Path:
    """Where the decoded copy of ``path`` is kept."""
    return folder / f"{rate}x{channels}" / path.stem[:2] / decoded_name(path)


def decoded_name(path: Path) -> str:
    """The file name of a decoded copy of ``path``: its name, size and time (a rewritten file gets a new one)."""
    stat = Path(path).stat()
    return f"{Path(path).stem}-{stat.st_size}-{stat.st_mtime_ns}.npy"


def _read_kept(path: Path, rate: int) -> Sound | None:
    try:
        samples = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError):
        return None
    if samples.dtype != np.float32 or samples.ndim != 2:
        return None
    return Sound(samples, rate)


def _write_kept(path: Path, sound: Sound) -> None:
    """Keep a decoded copy (atomically); a failure only costs decoding again next time."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            np.save(handle, sound.samples, allow_pickle=False)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def _read_pcm_wav(path: Path, rate: int, channels: int) -> Sound | None:
    """A 16/32-bit PCM WAV read by pydub's parser (no process); None when it is anything else."""
    from pydub.audio_segment import read_wav_audio
    from pydub.exceptions import CouldntDecodeError

    try:
        wav = read_wav_audio(path.read_bytes())
    except (CouldntDecodeError, OSError, IndexError, ValueError, struct_error):
        return None
    if wav.audio_format != 1 or wav.bits_per_sample not in (16, 32) or not wav.channels:
        return None
    if wav.sample_rate != rate:
        return None  # ffmpeg resamples (a batch of files per process; the clip cache keeps the result)
    kind = "<i2" if wav.bits_per_sample == 16 else "<i4"
    raw = np.frombuffer(wav.raw_data[: len(wav.raw_data) - len(wav.raw_data) % (wav.bits_per_sample // 8 * wav.channels)],
                        dtype=kind)
    samples = raw.astype(np.float32).reshape(-1, wav.channels)
    samples *= np.float32(2.0 ** -(wav.bits_per_sample - 1))
    return Sound(convert(samples, wav.sample_rate, rate, channels), rate)


def convert(samples: np.ndarray, src_rate: int, rate: int, channels: int) -> np.ndarray:
    """Samples (frames, channels) at ``rate`` to ``channels``, float32 (resampling is ffmpeg's job)."""
    if src_rate != rate:
        raise ValueError(f"convert() does not resample ({src_rate} Hz to {rate} Hz)")
    if samples.shape[1] != channels:
        mono = samples.mean(axis=1, keepdims=True)
        samples = mono if channels == 1 else np.repeat(mono, channels, axis=1)
    return np.ascontiguousarray(samples, dtype=np.float32)


def _decode_with_ffmpeg(paths: list[Path], rate: int, channels: int) -> dict[Path, Sound]:
    """One ffmpeg process decodes ``paths`` into raw float files; bad files are named."""
    if not paths:
        return {}
    require_ffmpeg()
    with tempfile.TemporaryDirectory(prefix="bulletin-decode-") as folder:
        outputs = [Path(folder) / f"{i}.f32" for i in range(len(paths))]
        command = [programs.ffmpeg(), "-nostdin", "-v", "error"]
        for path in paths:
            command += ["-i", str(path)]
        for i, out in enumerate(outputs):
            command += ["-map", f"{i}:a:0", "-ar", str(rate), "-ac", str(channels), "-f", "f32le", str(out)]
        result = programs.run(command)
        if result.returncode != 0:
            if len(paths) > 1:  # find which file is bad, then name it
                found: dict[Path, Sound] = {}
                for path in paths:
                    found.update(_decode_with_ffmpeg([path], rate, channels))
                return found
            raise AssetError(
                "không giải mã được tệp âm thanh (tệp hỏng, chưa tải xong hoặc không phải định dạng âm thanh); "
                "hãy mở thử tệp bằng trình phát nhạc, hoặc xuất lại tệp dạng MP3/WAV",
                path=paths[0],
            )
        return {
            path: Sound(np.fromfile(out, dtype="<f4").reshape(-1, channels), rate)
            for path, out in zip(paths, outputs)
        }


def read_blocks(path: Path, rate: int, channels: int, block_frames: int = 1 << 18) -> Iterator[np.ndarray]:
    """Decode ``path`` as a stream of float32 blocks (frames, channels), without holding it all."""
    require_ffmpeg()
    command = [programs.ffmpeg(), "-nostdin", "-v", "error", "-i", str(path), "-map", "0:a:0",
               "-ar", str(rate), "-ac", str(channels), "-f", "f32le", "-"]
    with tempfile.TemporaryFile() as errors:
        process = programs.start(command, stdout=PIPE, stderr=errors)
        size = block_frames * channels * 4
        try:
            while True:
                data = process.stdout.read(size)
                if not data:
                    break
                usable = len(data) - len(data) % (4 * channels)
                yield np.frombuffer(data[:usable], dtype="<f4").reshape(-1, channels)
        finally:
            process.stdout.close()
            code = process.wait()
        if code != 0:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise AssetError(
                f"không giải mã được tệp âm thanh ({detail[-1] if detail else 'mã lỗi ' + str(code)})", path=path
            )


# -- time-stretching ------------------------------------------------------------


def stretch(sounds: Sequence[Sound], tempo: float) -> list[Sound]:
    """Each sound played ``tempo`` times faster, pitch kept, lasting exactly ``frames / tempo``.

    All sounds go through one ffmpeg ``atempo`` process, separated by short
    silences; each result is found again by its onset, so the lengths the fit
    plan counted on are exact.
    """
    if tempo == 1.0 or not sounds:
        return list(sounds)
    require_ffmpeg()
    rate, channels = sounds[0].rate, sounds[0].channels
    guard = np.zeros((round(STRETCH_GUARD * rate), channels), dtype=np.float32)
    starts, position = [], len(guard)
    for sound in sounds:
        starts.append(position)
        position += sound.frames + len(guard)

    def pieces():
        yield guard
        for sound in sounds:
            yield sound.samples
            yield guard

    command = [programs.ffmpeg(), "-nostdin", "-v", "error", "-f", "f32le", "-ar", str(rate), "-ac", str(channels),
               "-i", "-", "-af", f"atempo={tempo:.6f}", "-f", "f32le", "-"]
    expected = round(position / tempo + rate) * channels * 4
    out = np.frombuffer(_pipe(command, pieces(), expected), dtype="<f4").reshape(-1, channels)
    result = []
    window = len(guard) // 2
    for sound, start in zip(sounds, starts):
        length = round(sound.frames / tempo)
        expected = round(start / tempo)
        offset = _onset_shift(sound.samples, out, expected, tempo, window)
        begin = max(0, expected + offset)
        piece = out[begin : begin + length]
        if len(piece) < length:
            piece = np.concatenate([piece, np.zeros((length - len(piece), channels), np.float32)])
        result.append(Sound(piece, rate))
    return result


def _onset_shift(original: np.ndarray, out: np.ndarray, expected: int, tempo: float, window: int) -> int:
    """How far (in frames) the stretched sound landed from where it was expected.

    atempo aligns its windows on the signal, so a clip comes out a few
    milliseconds early or late; comparing where sound first rises above a
    threshold in the original and in the output gives the shift.
    """
    level = np.abs(original).max(axis=1)
    peak = float(level.max()) if len(level) else 0.0
    if peak <= 0:
        return 0
    threshold = peak * 0.1
    onset_in = int(np.argmax(level >= threshold))
    lo = max(0, expected + round(onset_in / tempo) - window)
    hi = min(len(out), expected + round(onset_in / tempo) + window)
    region = np.abs(out[lo:hi]).max(axis=1) if hi > lo else np.zeros(0)
    above = np.flatnonzero(region >= threshold)
    if not len(above):
        return 0
    return lo + int(above[0]) - (expected + round(onset_in / tempo))


def _pipe(command: list[str], chunks: Iterable[np.ndarray], expected: int = 0) -> memoryview:
    """Feed ``chunks`` to ffmpeg's stdin while reading its stdout (no deadlock, no big copy).

    The output is read into one buffer of about ``expected`` bytes, grown only
    if needed, rather than collected in pieces and joined (twice the memory).
    """
    with tempfile.TemporaryFile() as errors:
        process = programs.start(command, stdin=PIPE, stdout=PIPE, stderr=errors)
        failure: list[BaseException] = []

        def feed() -> None:
            try:
                for chunk in chunks:
                    process.stdin.write(np.ascontiguousarray(chunk, dtype="<f4").tobytes())
            except (BrokenPipeError, OSError) as exc:
                failure.append(exc)
            finally:
                try:
                    process.stdin.close()
                except OSError:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        buffer = bytearray(max(expected, 1 << 16))
        size = 0
        try:
            while True:
                if size == len(buffer):
                    buffer.extend(bytes(len(buffer) // 4))
                count = process.stdout.readinto(memoryview(buffer)[size:])
                if not count:
                    break
                size += count
        except BaseException:  # stopped (Ctrl+C, SIGTERM) or out of memory: ffmpeg ends too
            process.kill()
            process.wait()
            raise
        writer.join()
        code = process.wait()
        if code != 0 or failure:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip()
            raise AudioError(f"ffmpeg không xử lý được âm thanh ({detail or failure or code})")
        return memoryview(buffer)[:size]


# -- encoding -------------------------------------------------------------------


def max_frames(seconds: float, rate: int, fmt: str) -> int:
    """The most samples a file of format ``fmt`` can hold and still last at most ``seconds``.

    An MP3 lasts a whole number of frames and the encoder adds its delay, so
    it is counted here as players count it (every frame in the file).
    """
    limit = int(seconds * rate + 1e-6)
    if fmt != "mp3":
        return limit
    frame = 1152 if rate >= 32000 else 576
    return max(0, (limit // frame) * frame - MP3_OVERHEAD)


def encode(sound: Sound, out: Path, *, fmt: str | None = None, bitrate: str = "128k") -> Path:
    """Write MP3 (CBR), WAV or FLAC, atomically: a complete file or no file."""
    out = Path(out)
    fmt = fmt or out.suffix.lower().lstrip(".") or "mp3"
    if fmt not in ("mp3", "wav", "flac"):
        raise AudioError(f"định dạng xuất không hỗ trợ '{fmt}'; dùng .mp3 hoặc .wav", path=out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        if fmt == "wav":
            _export_wav(sound, tmp)
        else:
            _encode_with_ffmpeg(sound, tmp, fmt, bitrate)
        os.replace(tmp, out)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise AudioError(f"không ghi được tệp âm thanh ({exc})", path=out) from exc
        if isinstance(exc, AudioError) and exc.path == tmp:
            raise AudioError(exc.message, path=out) from exc  # name the file the operator asked for
        raise
    return out


def _int16_blocks(sound: Sound, block: int = 1 << 18) -> Iterator[bytes]:
    for start in range(0, sound.frames, block):
        yield _int16(sound.samples[start : start + block])


def _export_wav(sound: Sound, path: Path) -> None:
    from pydub import AudioSegment

    data = b"".join(_int16_blocks(sound))
    segment = AudioSegment(data=data, sample_width=2, frame_rate=sound.rate, channels=sound.channels)
    segment.export(str(path), format="wav")


def _encode_with_ffmpeg(sound: Sound, path: Path, fmt: str, bitrate: str) -> None:
    require_ffmpeg()
    codec = ["-c:a", "libmp3lame", "-b:a", bitrate, "-write_xing", "1", "-id3v2_version", "0"] if fmt == "mp3" \
        else ["-c:a", "flac"]
    command = [programs.ffmpeg(), "-nostdin", "-v", "error", "-y", "-f", "s16le", "-ar", str(sound.rate),
               "-ac", str(sound.channels), "-i", "-", *codec, "-f", fmt, str(path)]
    with tempfile.TemporaryFile() as errors:
        process = programs.start(command, stdin=PIPE, stderr=errors)
        try:
            for chunk in _int16_blocks(sound):
                process.stdin.write(chunk)
        except (BrokenPipeError, OSError):
            pass  # the exit code below tells what went wrong
        finally:
            try:
                process.stdin.close()
            except OSError:
                pass
        code = process.wait()
        if code != 0:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip()
            raise AudioError(f"ffmpeg không mã hóa được âm thanh ({detail or code})", path=path)


@dataclass(frozen=True)
class Measured:
    """What ffmpeg's ``ebur128`` measured on an encoded stream."""

    loudness: float  # integrated, LUFS
    true_peak: float  # dBTP
    sample_peak: float  # dBFS


def encode_mp3_measured(chunks: Iterable[np.ndarray], path: Path, rate: int, channels: int, bitrate: str) -> Measured:
    """Encode float blocks to an MP3 at ``path`` and measure what the file plays back, in one go.

    The encoder writes the file and, through ffmpeg's ``tee``, the very same
    MP3 frames to a second ffmpeg that decodes them into its ``ebur128``
    meter (BS.1770 loudness, 4x oversampled true peak). Both run while the
    samples are still being fed, so verifying costs almost no extra time.
    """
    require_ffmpeg()
    encoder = [programs.ffmpeg(), "-nostdin", "-v", "error", "-y", "-f", "s16le", "-ar", str(rate),
               "-ac", str(channels), "-i", "-", "-map", "0:a", "-c:a", "libmp3lame", "-b:a", bitrate,
               "-f", "tee", f"[f=mp3:write_xing=1:id3v2_version=0]{_tee_escape(path)}|[f=mp3]pipe:1"]
    meter = [programs.ffmpeg(), "-nostdin", "-hide_banner", "-nostats", "-f", "mp3", "-i", "-",
             "-af", "ebur128=peak=true+sample", "-f", "null", "-"]
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as report:
        encoding = programs.start(encoder, stdin=PIPE, stdout=PIPE, stderr=errors)
        try:
            measuring = programs.start(meter, stdin=encoding.stdout, stdout=errors, stderr=report)
        except BaseException:
            encoding.kill()
            encoding.wait()
            raise
        encoding.stdout.close()  # the meter holds the read end now
        try:
            for chunk in chunks:
                encoding.stdin.write(_int16(chunk))
        except (BrokenPipeError, OSError):
            pass  # the exit code below tells what went wrong
        finally:
            try:
                encoding.stdin.close()
            except OSError:
                pass
        code, measured = encoding.wait(), measuring.wait()
        if code != 0 or measured != 0:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip()
            raise AudioError(f"ffmpeg không mã hóa được âm thanh ({detail or code or measured})", path=path)
        report.seek(0)
        text = report.read().decode("utf-8", "replace")
    try:
        summary = text[text.rindex("Summary:"):]
        loudness = _figure(r"I:\s+(-?[\d.]+|-?inf) LUFS", summary)
        sample, true = (_figure(r"Peak:\s+(-?[\d.]+|-?inf) dBFS", part) for part in
                        summary.split("Sample peak:")[1].split("True peak:"))
    except (ValueError, IndexError, AttributeError) as exc:
        raise AudioError("ffmpeg không đo được độ lớn của tệp vừa mã hóa", path=path) from exc
    return Measured(loudness, true, sample)


def _figure(pattern: str, text: str) -> float:
    return float(re.search(pattern, text).group(1))


def _tee_escape(path: Path) -> str:
    """A file name as the tee muxer's output list needs it (its special characters escaped)."""
    return re.sub(r"([\\|\[\]])", r"\\\1", str(path))


def _int16(chunk: np.ndarray) -> bytes:
    return (np.clip(chunk, -1.0, 32767 / 32768) * 32768.0).round().astype("<i2").tobytes()


@lru_cache(maxsize=16)
def codec_gain(rate: int, channels: int, bitrate: str) -> float:
    """How much louder (dB, usually negative) a sound plays back after MP3 encoding.

    LAME plays back a constant fraction of a decibel quieter than its input
    (about -0.45 dB at common bitrates); it is measured once per setting on
    a short noise signal so that mastering can aim for the level the file
    will really have.
    """
    white = np.random.default_rng(0).standard_normal((rate * 3, channels))
    # More like programme: weight on the lows (a one-pole low pass, y[n] = 0.05 x[n] + 0.95 y[n-1], by FFT).
    size = 1 << int(np.ceil(np.log2(len(white) + 2048)))
    pole = 0.05 / (1 - 0.95 * np.exp(-2j * np.pi * np.fft.rfftfreq(size)))
    noise = np.fft.irfft(np.fft.rfft(white, size, axis=0) * pole[:, None], size, axis=0)[: len(white)]
    noise = noise.astype(np.float32)
    noise *= np.float32(0.25 / np.abs(noise).max())
    with tempfile.TemporaryDirectory(prefix="bulletin-codec-") as folder:
        path = Path(folder) / "probe.mp3"
        _encode_with_ffmpeg(Sound(noise, rate), path, "mp3", bitrate)
        decoded = decode(path, rate, channels).samples
    middle = slice(rate // 2, rate * 5 // 2)
    before = float(np.mean(np.square(noise[middle], dtype=np.float64)))
    after = float(np.mean(np.square(decoded[middle], dtype=np.float64)))
    return 10 * np.log10(after / before) if before > 0 and after > 0 else 0.0


# -- probing --------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    codec: str
    rate: int
    channels: int
    bitrate: int  # bits per second (0 when unknown)
    duration: float  # as players see it
    claimed: float = 0.0  # what the file's header says (more than ``duration``: the file is cut short)

    @property
    def cut_short(self) -> bool:
        """Fewer MP3 frames than the header announces: a download or copy that did not finish."""
        return self.claimed > self.duration + CUT_SHORT_SECONDS


CUT_SHORT_SECONDS = 1.0


def probe(path: Path) -> Probe:
    """Format facts of an audio file; an MP3's duration counts its frames (what a player plays: more
    than the header says after a concatenation, less when the file is cut short)."""
    require_ffmpeg()
    if not Path(path).is_file():
        raise AssetError("không tìm thấy tệp âm thanh", path=path)
    try:
        info = _ffprobe_facts(path) if programs.ffprobe() else _ffmpeg_facts(path)
        stream = info["streams"][0]
        duration = float(info["format"]["duration"])
        rate, channels = int(stream["sample_rate"]), int(stream["channels"])
    except (KeyError, IndexError, ValueError, TypeError, AudioError) as exc:
        raise AssetError("không đọc được thông tin tệp âm thanh (tệp hỏng hoặc không phải âm thanh)", path=path) from exc
    claimed = duration
    if stream.get("codec_name") == "mp3" and stream.get("nb_read_packets"):
        frame = 1152 if rate >= 32000 else 576
        counted = int(stream["nb_read_packets"]) * frame / rate
        # The header leaves out the encoder's padding (a few ms): only a real shortfall counts as cut.
        duration = counted if counted < claimed - CUT_SHORT_SECONDS else max(claimed, counted)
    # The stream's own bitrate: the file's includes the tags.
    bitrate = int(stream.get("bit_rate") or info["format"].get("bit_rate") or 0)
    return Probe(stream.get("codec_name", ""), rate, channels, bitrate, duration, claimed)


def _ffprobe_facts(path: Path) -> dict:
    command = [programs.ffprobe(), "-v", "error", "-count_packets", "-select_streams", "a:0",
               "-show_entries", "format=duration,bit_rate:stream=nb_read_packets,sample_rate,channels,codec_name,bit_rate",
               "-of", "json", str(path)]
    return json.loads(programs.run(command, text=True, timeout=120).stdout or "{}")


_STREAM = re.compile(r"Stream #0:\d+\S*: Audio: (\w+)[^,\n]*, (\d+) Hz, ([^,\n]+)(?:, [^,\n]+)?(?:, (\d+) kb/s)?")


_LAYOUTS = {"mono": 1, "stereo": 2, "2.1": 3, "3.0": 3, "quad": 4, "4.0": 4, "5.0": 5, "5.1": 6, "6.1": 7, "7.1": 8}


def _ffmpeg_facts(path: Path) -> dict:
    """The facts :func:`probe` reads, from ffmpeg alone (no ffprobe, as with the imageio-ffmpeg wheel).

    The file's first audio stream is copied packet by packet into ffmpeg's
    ``framecrc`` listing: one line per packet with its time and length.
    """
    command = [programs.ffmpeg(), "-nostdin", "-hide_banner", "-i", str(path), "-map", "0:a:0", "-c", "copy",
               "-f", "framecrc", "-"]
    result = programs.run(command, text=True, timeout=120)
    stream = _STREAM.search(result.stderr)
    base = re.search(r"^#tb \d+: (\d+)/(\d+)", result.stdout, re.M)
    packets = [line.split(",") for line in result.stdout.splitlines() if line and not line.startswith("#")]
    if result.returncode != 0 or stream is None or base is None or not packets:
        raise AudioError("ffmpeg không đọc được tệp", path=path)
    codec, rate, layout, kbps = stream.groups()
    counted = re.match(r"(\d+) channels", layout.strip())
    channels = int(counted.group(1)) if counted else _LAYOUTS.get(layout.strip().split("(")[0], 2)
    tick = int(base.group(1)) / int(base.group(2))
    first, last = packets[0], packets[-1]
    duration = (int(last[2]) + int(last[3]) - int(first[2])) * tick
    return {"streams": [{"codec_name": codec, "sample_rate": rate, "channels": channels, "nb_read_packets": len(packets),
                         "bit_rate": int(kbps) * 1000 if kbps else 0}],
            "format": {"duration": duration}}


# What an input file (recording, jingle, bed, clip) may claim in its header: anything beyond is
# refused before decoding, because decoding expands it to float32 at the working rate (a 1 Hz or
# 4 GHz header, or a 10-hour recording, would take gigabytes).
MAX_INPUT_SECONDS = 3600.0
INPUT_RATES = (8000, 384_000)
MAX_INPUT_CHANNELS = 8


def check_input(path: Path, *, max_seconds: float = MAX_INPUT_SECONDS) -> tuple[int, int, float]:
    """Rate, channels and duration from the file's header, refused (:class:`AssetError`) when absurd.

    Reads only the header (ffprobe, or ``ffmpeg -i`` without ffprobe): cheap even for a huge file.
    """
    require_ffmpeg()
    path = Path(path)
    if not path.is_file():
        raise AssetError("không tìm thấy tệp âm thanh", path=path)
    try:
        if programs.ffprobe():
            command = [programs.ffprobe(), "-v", "error", "-select_streams", "a:0", "-show_entries",
                       "format=duration:stream=sample_rate,channels,duration", "-of", "json", str(path)]
            info = json.loads(programs.run(command, text=True, timeout=60).stdout or "{}")
            stream = info["streams"][0]
            rate, channels = int(stream["sample_rate"]), int(stream["channels"])
            duration = float(stream.get("duration") or info["format"]["duration"])
        else:
            result = programs.run([programs.ffmpeg(), "-nostdin", "-hide_banner", "-i", str(path)], text=True,
                                  timeout=60)
            found, clock = _STREAM.search(result.stderr), re.search(r"Duration: (\d+):(\d+):([\d.]+)", result.stderr)
            layout = found.group(3).strip()
            counted = re.match(r"(\d+) channels", layout)
            rate = int(found.group(2))
            channels = int(counted.group(1)) if counted else _LAYOUTS.get(layout.split("(")[0], 2)
            duration = int(clock.group(1)) * 3600 + int(clock.group(2)) * 60 + float(clock.group(3))
    except (KeyError, IndexError, ValueError, TypeError, AttributeError, AudioError) as exc:
        raise AssetError("không giải mã được tệp âm thanh (tệp hỏng, chưa tải xong hoặc không phải định dạng âm "
                         "thanh); hãy mở thử tệp bằng trình phát nhạc", path=path) from exc
    if not INPUT_RATES[0] <= rate <= INPUT_RATES[1]:
        raise AssetError(f"tần số lấy mẫu {rate} Hz trong đầu tệp là vô lý (chỉ nhận {INPUT_RATES[0]}–"
                         f"{INPUT_RATES[1]} Hz); tệp hỏng hoặc bị sửa, hãy xuất lại tệp", path=path)
    if not 1 <= channels <= MAX_INPUT_CHANNELS:
        raise AssetError(f"tệp có {channels} kênh (chỉ nhận 1–{MAX_INPUT_CHANNELS}); hãy xuất lại dạng mono hoặc "
                         "stereo", path=path)
    if not duration <= max_seconds:  # also nan
        raise AssetError(f"tệp dài {duration / 60:.0f} phút, quá {max_seconds / 60:.0f} phút cho một bản tin; "
                         "hãy cắt đoạn cần dùng", path=path)
    return rate, channels, duration


def file_duration(path: Path) -> float:
    """Duration of an audio file as players see it, in seconds (every MP3 frame counted)."""
    return probe(path).duration
