"""Delivering the mix: mastered, encoded, verified on the file itself, tagged, renamed.

The MP3 encoder changes the sound a little: LAME plays back a constant
fraction of a decibel quieter, and its filtering can raise true peaks. So the
mix is mastered with the encoder's gain taken into account and a small safety
margin under the ceiling, then the encoded file is decoded and measured; if
its loudness or true peak is off, the mix is corrected and encoded again.
The figures measured on the final file go into its tags. Nothing appears
under the output name until every file is complete.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bulletin.audio import master, media
from bulletin.audio.dynamics import SILENT_PEAK
from bulletin.audio.meter import Levels, measure
from bulletin.audio.tags import BulletinTags, write_tags
from bulletin.errors import AudioError, FitError
from bulletin.timing import format_clock
from bulletin.vn_format import vn_number

MARGIN = 0.5  # dB kept under the ceiling before MP3 encoding: LAME's usual true-peak overshoot
WAV_MARGIN = 0.05  # dB kept under the ceiling for 16-bit rounding
LOUDNESS_TOLERANCE = 0.3  # LU; a file further from the target is corrected
ATTEMPTS = 3


@dataclass(frozen=True)
class Delivered:
    output: Path
    wav: Path | None  # a WAV written next to the MP3 (--wav)
    duration: float  # of the output file, as players count it
    size: int
    levels: Levels  # measured on the output file
    limiter: float  # deepest limiter gain reduction, dB
    encodes: int  # how many times the MP3 was encoded (1 unless corrected)
    gain: float = 0.0  # dB mastering applied to the whole mix (before the limiter)


def deliver(
    mix: media.Sound,
    output: Path,
    *,
    loudness: float,
    ceiling: float,
    bitrate: str,
    max_duration: float,
    tags: Callable[[Levels], BulletinTags],
    wav: bool = False,
    unmeasured: tuple[int, int] | None = None,
) -> Delivered:
    """Master ``mix`` (it may be changed in place), write ``output`` (.mp3 or .wav) and optionally a WAV copy.

    Frames in ``unmeasured`` (the music that pads a short bulletin) are left
    out of the loudness, here and when the file is verified.
    """
    output = Path(output)
    fmt = "wav" if output.suffix.lower() == ".wav" else "mp3"
    wav_path = output.with_suffix(".wav") if wav and fmt == "mp3" else None
    remove_stale_temps(output.parent)
    temps = [_temp(output)] + ([_temp(wav_path)] if wav_path else [])
    try:
        if fmt == "mp3":
            levels, limiter, encodes, codec, plan = _mp3(mix, temps[0], output, loudness, ceiling, bitrate, unmeasured)
            gain = plan.gain
        else:
            mastered = master.master(mix, loudness, ceiling - WAV_MARGIN, unmeasured)
            _check_sound(mastered, mix, output)
            limiter, gain = mastered.deepest, mastered.gain
            media.encode(mix, temps[0], fmt="wav")
            levels, encodes = measure(_blocks(mix), mix.rate, mix.channels, unmeasured), 1
        duration = media.file_duration(temps[0])
        if duration > max_duration + 1e-6:
            raise FitError(
                f"tệp đã mã hóa dài {format_clock(duration, decimals=3)}, vượt mức tối đa "
                f"{format_clock(max_duration)}; đây là lỗi của chương trình, hãy báo cho người phát triển",
                path=output,
            )
        write_tags(temps[0], tags(levels))
        if wav_path:
            # The mix was aimed at what the MP3 plays back; the WAV gets the encoder's
            # gain too, so that it meets the same target and ceiling on its own.
            master.apply(mix, plan)
            master.scale(mix, codec)
            media.encode(mix, temps[1], fmt="wav")
            write_tags(temps[1], tags(measure(_blocks(mix), mix.rate, mix.channels, unmeasured)))
        size = temps[0].stat().st_size
        for temp, final in zip(temps, [output, wav_path]):
            try:
                os.replace(temp, final)
            except OSError as exc:  # Windows: the old file is open in a player
                raise AudioError(f"không ghi đè được tệp ({exc}); tệp có đang mở trong trình phát nhạc không? "
                                 "Hãy đóng nó rồi thử lại", path=final) from exc
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
    return Delivered(output, wav_path, duration, size, levels, limiter, encodes, gain)


def _mp3(
    mix: media.Sound, path: Path, output: Path, loudness: float, ceiling: float, bitrate: str,
    unmeasured: tuple[int, int] | None,
) -> tuple[Levels, float, int, float, master.Plan]:
    """Master, encode and verify: once in the common case.

    The encoder's gain is predicted (:func:`media.codec_gain`) and its
    true-peak overshoot kept under :data:`MARGIN`; the mastering gain and
    limiter are applied block by block on the way to the encoder (the mix
    itself is left as it was), and the very frames written are measured while
    they are encoded. Only a file out of tolerance is planned again from the
    untouched mix and encoded again. Returns what was measured, the deepest
    limiting, the number of encodings, the encoder's gain and the plan used.
    """
    codec = media.codec_gain(mix.rate, mix.channels, bitrate)
    aim, top = loudness - codec, ceiling - codec - MARGIN
    result = master.find(mix, aim, top, unmeasured)
    _check_sound(result, mix, output)
    deepest = result.deepest
    for attempt in range(1, ATTEMPTS + 1):
        try:
            measured = media.encode_mp3_measured(master.mastered(mix, result), path, mix.rate, mix.channels, bitrate)
        except AudioError as exc:
            raise AudioError(exc.message, path=output) from exc  # the file the operator asked for
        # ebur128 reports its -70 LUFS gate for what is too short to measure (under 0.4 s).
        loud = measured.loudness if measured.loudness > -70.0 else float("-inf")
        levels = Levels(loud, measured.true_peak, measured.sample_peak)
        if unmeasured is not None:  # the padding music is left out of the loudness: measured here instead
            programme = measure(media.read_blocks(path, mix.rate, mix.channels), mix.rate, mix.channels, unmeasured)
            levels = Levels(programme.loudness, levels.true_peak, levels.sample_peak)
        loud_ok = abs(levels.loudness - loudness) <= LOUDNESS_TOLERANCE or levels.loudness == float("-inf")
        if loud_ok and levels.true_peak <= ceiling:
            return levels, deepest, attempt, codec, result
        if levels.loudness != float("-inf"):
            aim += loudness - levels.loudness
        if levels.true_peak > ceiling:
            top -= levels.true_peak - ceiling + 0.1
        result = master.find(mix, aim, top, unmeasured)
        deepest = max(deepest, result.deepest)
    raise AudioError(
        f"không đưa được bản tin về độ lớn {vn_number(loudness)} LUFS với đỉnh thực tối đa {vn_number(ceiling)} "
        f"dBTP sau {ATTEMPTS} lần mã hóa (đo được {vn_number(levels.loudness)} LUFS, "
        f"{vn_number(levels.true_peak)} dBTP); "
        "hãy thử tốc độ bit cao hơn ([audio] bitrate) hoặc mức đỉnh thấp hơn ([audio] true_peak)",
        path=output,
    )


def _check_sound(mastered: master.Plan, mix: media.Sound, output: Path) -> None:
    """A silent bulletin is an error; one too short to measure (under 0.4 s) is not."""
    if mastered.loudness == float("-inf") and _silent(mix):
        raise AudioError("bản tin im lặng hoàn toàn (không có tiếng nào đủ lớn để đo); hãy kiểm tra các tệp "
                         "ghi âm và bộ đọc", path=output)


def _silent(sound: media.Sound) -> bool:
    return all(float(abs(block).max(initial=0.0)) < SILENT_PEAK for block in _blocks(sound))


def _blocks(sound: media.Sound, block: int = 1 << 18):
    return (sound.samples[i : i + block] for i in range(0, sound.frames, block))


def _temp(path: Path) -> Path:
    return path.with_name(f".{path.stem}.{os.getpid()}.building{path.suffix}")


_TEMP = re.compile(r"^\..+\.(\d+)\.building(\.\w+)?$")
STALE_SECONDS = 6 * 3600  # where a process id cannot be checked (Windows): older temporary files are stale


def remove_stale_temps(folder: Path) -> int:
    """Remove ``.NAME.PID.building.*`` files of builds that were killed (their process is gone)."""
    removed = 0
    try:
        candidates = [p for p in folder.iterdir() if _TEMP.match(p.name)]
    except OSError:
        return 0
    for path in candidates:
        pid = int(_TEMP.match(path.name).group(1))
        try:
            if pid == os.getpid() or not _stale(path, pid):
                continue
            path.unlink()
            removed += 1
        except OSError:
            continue
    return removed


def _stale(path: Path, pid: int) -> bool:
    if os.name == "nt":
        return time.time() - path.stat().st_mtime > STALE_SECONDS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, someone else's
    return False
