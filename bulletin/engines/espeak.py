"""espeak-ng: offline, robotic but intelligible. Run as a separate program (GPL)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from ..errors import ChunkError, EngineError
from . import Availability, Engine

INSTALL_HINT = (
    "cài đặt espeak-ng: trên Debian/Ubuntu chạy 'sudo apt-get install espeak-ng'; "
    "trên Windows tải bộ cài từ trang phát hành của espeak-ng và thêm thư mục cài đặt vào PATH"
)


class EspeakEngine(Engine):
    NAME = "espeak"
    DESCRIPTION = "espeak-ng, đọc ngoại tuyến (không cần Internet)"
    NEEDS_NETWORK = False
    VOICES = {
        "vi": "giọng miền Bắc",
        "vi-vn-x-central": "giọng miền Trung",
        "vi-vn-x-south": "giọng miền Nam",
    }
    DEFAULT_VOICE = "vi"
    OUTPUT_SUFFIX = ".wav"
    # Syllables per second at the default rate (175 words per minute),
    # measured on the example bulletins with scripts/../benchmarks.
    READ_RATE = {"vi": 3.6, "vi-vn-x-central": 3.6, "vi-vn-x-south": 3.6}

    def program(self) -> str | None:
        return shutil.which("espeak-ng")

    def available(self) -> Availability:
        if self.program() is None:
            return Availability(False, f"không tìm thấy chương trình espeak-ng; {INSTALL_HINT}")
        return Availability(True, "sẵn sàng")

    def synthesize(self, text: str, voice: str, out: Path) -> Path:
        program = self.program()
        if program is None:
            raise EngineError(f"không tìm thấy chương trình espeak-ng; {INSTALL_HINT}")
        voice = self.voice_or_default(voice)
        tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
        command = [program, "-v", voice, "-w", str(tmp)]
        if "rate" in self.options:
            command += ["-s", str(int(self.options["rate"]))]
        if "pitch" in self.options:
            command += ["-p", str(int(self.options["pitch"]))]
        try:
            # Text on stdin: no length limit from the command line, no quoting issues.
            result = subprocess.run(command, input=text.encode("utf-8"), capture_output=True, timeout=120)
        except subprocess.TimeoutExpired as exc:
            tmp.unlink(missing_ok=True)
            raise ChunkError(f"espeak-ng không trả lời sau 120 giây khi đọc: {text[:60]}…") from exc
        if result.returncode != 0 or not tmp.is_file() or tmp.stat().st_size <= 44:
            tmp.unlink(missing_ok=True)
            detail = result.stderr.decode("utf-8", "replace").strip()
            raise ChunkError(f"espeak-ng không đọc được đoạn: {text[:60]}… ({detail or 'mã lỗi ' + str(result.returncode)})")
        os.replace(tmp, out)
        return out
