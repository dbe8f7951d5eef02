"""espeak-ng: offline, robotic but intelligible. Run as a separate program (GPL)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from bulletin.engines import Availability, Engine, Option, ReadRate, VoiceFacts, partial_file
from bulletin.errors import ChunkError, EngineError

INSTALL_HINT = (
    "cài espeak-ng: trên Debian/Ubuntu chạy 'sudo apt-get install espeak-ng'; trên Windows tải bộ cài "
    "espeak-ng-X64.msi ở trang phát hành của dự án espeak-ng trên GitHub (github.com/espeak-ng/espeak-ng/releases), "
    "cài đặt rồi mở lại cửa sổ lệnh"
)

# Where the Windows installer puts the program (it does not add it to PATH).
WINDOWS_PLACES = [
    Path(os.environ.get(var, "")) / "eSpeak NG" / "espeak-ng.exe"
    for var in ("ProgramFiles", "ProgramFiles(x86)")
    if os.environ.get(var)
]

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

    def program(self) -> str | None:
        found = shutil.which("espeak-ng")
        if found is None and os.name == "nt":
            found = next((str(p) for p in WINDOWS_PLACES if p.is_file()), None)
        return found

    def adjust_read_rate(self, rate: ReadRate) -> ReadRate:
        scale = self.options["rate"] / DEFAULT_RATE
        if scale == 1:
            return rate
        return ReadRate(rate.syllables_per_second * scale, rate.pause / scale, rate.padding, measured=False)

    def available(self) -> Availability:
        if self.program() is None:
            return Availability(False, f"không tìm thấy chương trình espeak-ng; {INSTALL_HINT}")
        return Availability(True, "sẵn sàng")

    def synthesize(self, text: str, voice: str, out: Path) -> Path:
        program = self.program()
        if program is None:
            raise EngineError(f"không tìm thấy chương trình espeak-ng; {INSTALL_HINT}")
        voice = self.voice_or_default(voice)
        with partial_file(out) as tmp:
            command = [program, "-v", voice, "-s", str(self.options["rate"]), "-p", str(self.options["pitch"]),
                       "-w", str(tmp)]
            try:
                # Text on stdin: no length limit from the command line, no quoting issues.
                result = subprocess.run(command, input=text.encode("utf-8"), capture_output=True, timeout=TIMEOUT)
            except subprocess.TimeoutExpired as exc:
                raise ChunkError(f"espeak-ng không đọc xong sau {TIMEOUT} giây đoạn «{text[:60]}…»") from exc
            except OSError as exc:
                raise EngineError(f"không chạy được espeak-ng ({exc}); {INSTALL_HINT}") from exc
            if result.returncode != 0 or tmp.stat().st_size <= 44:  # 44 bytes: a WAV header and no sound
                detail = result.stderr.decode("utf-8", "replace").strip() or f"mã lỗi {result.returncode}"
                raise ChunkError(f"espeak-ng không đọc được đoạn «{text[:60]}…» ({detail})")
        return out
