"""gTTS: Google's natural Vietnamese voice; needs the Internet."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from ..errors import ChunkError, EngineError
from . import Availability, Engine


def _no_preprocessing(text: str) -> str:
    return text


class GttsEngine(Engine):
    NAME = "gtts"
    DESCRIPTION = "Google (gTTS), giọng tự nhiên, cần Internet"
    NEEDS_NETWORK = True
    VOICES = {"com.vn": "giọng Google (máy chủ .com.vn)", "com": "giọng Google (máy chủ .com)"}
    DEFAULT_VOICE = "com.vn"
    MAX_CHARS = 100
    OUTPUT_SUFFIX = ".mp3"
    READ_RATE = {"com.vn": 4.6, "com": 4.6}
    TIMEOUT = (5.0, 20.0)  # connect, read (seconds)

    def available(self) -> Availability:
        try:
            import gtts  # noqa: F401
        except ImportError:
            return Availability(False, "chưa cài thư viện gTTS (pip install gTTS)")
        try:
            socket.create_connection(("translate.google.com", 443), timeout=3).close()
        except OSError:
            return Availability(False, "không kết nối được Internet tới máy chủ Google")
        return Availability(True, "sẵn sàng")

    def synthesize(self, text: str, voice: str, out: Path) -> Path:
        from gtts import gTTS, gTTSError

        voice = self.voice_or_default(voice)
        if len(text) > self.MAX_CHARS:
            raise ChunkError(f"đoạn văn dài hơn {self.MAX_CHARS} ký tự, cần chia nhỏ trước: {text[:60]}…")
        tts = gTTS(
            text,
            lang="vi",
            tld=voice,
            slow=bool(self.options.get("slow", False)),
            lang_check=False,
            pre_processor_funcs=[_no_preprocessing],
            timeout=self.TIMEOUT,
        )
        tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
        try:
            with open(tmp, "wb") as fh:
                tts.write_to_fp(fh)
        except gTTSError as exc:
            tmp.unlink(missing_ok=True)
            status = getattr(getattr(exc, "rsp", None), "status_code", None)
            if status is None:
                raise EngineError("không kết nối được tới Google (mất mạng hoặc bị chặn)") from exc
            raise ChunkError(f"Google trả lỗi {status} khi đọc: {text[:60]}…") from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        if tmp.stat().st_size == 0:
            tmp.unlink(missing_ok=True)
            raise ChunkError(f"Google không trả về âm thanh cho: {text[:60]}…")
        os.replace(tmp, out)
        return out
