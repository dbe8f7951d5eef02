"""espeak-ng: offline, robotic but intelligible.

Spoken either by the ``espeak-ng`` program (a separate process, GPL) or, when
there is none, by libespeak-ng from the espeakng-loader wheel in-process (see
:mod:`bulletin.engines.espeak_library`); :mod:`bulletin.programs` decides which.
Both write the same 22,050 Hz mono WAV for the same voice, rate and pitch.
"""

from __future__ import annotations

from pathlib import Path

from bulletin import programs
from bulletin.engines import Availability, Engine, Option, ReadRate, VoiceFacts, partial_file
from bulletin.errors import ChunkError, EngineError

INSTALL_HINT = programs.HINTS[programs.ESPEAK]

DEFAULT_RATE = 175  # words per minute, espeak-ng's own default
TIMEOUT = 120  # seconds for one clip


class EspeakEngine(Engine):
    NAME = "espeak"
    DESCRIPTION = "espeak-ng: đọc ngoại tuyến (không cần Internet), giọng máy"
    NEEDS_NETWORK = False
    VOICES = {
        "vi": "giọng miền Bắc",
        "vi-vn-x-central": "giọng miền Trung",
        "vi-vn-x-south": "giọng miền Nam",
    }
    VOICE_FACTS = {
        "vi": VoiceFacts("nam", "Bắc"),
        "vi-vn-x-central": VoiceFacts("nam", "Trung"),
        "vi-vn-x-south": VoiceFacts("nam", "Nam"),
    }
    DEFAULT_VOICE = "vi"
    OPTIONS = {
        "rate": Option(int, DEFAULT_RATE, "tốc độ đọc, từ mỗi phút", 80, 450),
        "pitch": Option(int, 50, "cao độ giọng, 0–99", 0, 99),
    }
    MAX_CHARS = None  # one clip per sentence
    OUTPUT_SUFFIX = ".wav"
    # Measured with benchmarks/calibrate_read_rate.py (espeak-ng 1.51, default rate
    # and pitch) on the built-in calibration text: 3,934 syllables in 200 clips,
    # whole sentences and 100-character chunks; median error 3 % per clip.
    READ_RATES = {
        "vi": ReadRate(4.562, pause=0.208, padding=0.285),
        "vi-vn-x-central": ReadRate(4.429, pause=0.227, padding=0.278),
        "vi-vn-x-south": ReadRate(4.384, pause=0.224, padding=0.29),
    }
    AUTO_RANK = 0

    def program(self) -> programs.Found:
        """The espeak-ng in use: a program, or the wheel's library."""
        return programs.locate(programs.ESPEAK)

    def backend(self) -> str:
        found = self.program()
        if not found.usable:
            return ""
        what = "thư viện" if found.kind == "library" else "chương trình"
        version = programs.version(found)
        return f"{what} espeak-ng {version} {found.source_name}: {found.path}".replace("  ", " ")

    def adjust_read_rate(self, rate: ReadRate) -> ReadRate:
        scale = self.options["rate"] / DEFAULT_RATE
        if scale == 1:
            return rate
        return ReadRate(rate.syllables_per_second * scale, rate.pause / scale, rate.padding, measured=False)

    def available(self) -> Availability:
        found = self.program()
        if not found.usable:
            return Availability(False, found.problem or f"không tìm thấy espeak-ng; {INSTALL_HINT}")
        return Availability(True, "sẵn sàng")

    def synthesize(self, text: str, voice: str, out: Path) -> Path:
        found = programs.require(programs.ESPEAK)
        voice = self.voice_or_default(voice)
        rate, pitch = self.options["rate"], self.options["pitch"]
        with partial_file(out) as tmp:
            if found.kind == "library":
                from bulletin.engines import espeak_library

                espeak_library.synthesize(found.path, found.data, text, voice, rate, pitch, tmp)
                return out
            # The output named relative to its folder: on Windows the program gets its
            # arguments in the ANSI code page, which cannot spell a Vietnamese folder name.
            command = [found.path, "-v", voice, "-s", str(rate), "-p", str(pitch), "-w", tmp.name]
            # Text on stdin: no length limit from the command line, no quoting issues.
            result = programs.run(command, input=text.encode("utf-8"), timeout=TIMEOUT, cwd=tmp.parent,
                                  error=EngineError, timeout_error=ChunkError)
            if result.returncode != 0 or tmp.stat().st_size <= 44:  # 44 bytes: a WAV header and no sound
                detail = result.stderr.decode("utf-8", "replace").strip() or f"mã lỗi {result.returncode}"
                raise ChunkError(f"espeak-ng không đọc được đoạn «{text[:60]}…» ({detail})")
        return out
