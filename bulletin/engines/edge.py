"""edge-tts: Microsoft Edge's neural voices (Vietnamese female and male); needs the Internet.

edge-tts speaks to Microsoft's read-aloud service over a websocket: one
``speech.config`` and one SSML message go out, ``turn.start``, binary audio
frames and ``turn.end`` come back. Like gTTS it is an unofficial endpoint
that can rate-limit or change. Here every call is one request for one chunk we
cut ourselves, under the shared retry/throttle/probe loop of
:mod:`bulletin.engines.network`, with a total timeout on top of edge-tts's
socket timeouts. edge-tts returns normally when the connection closes after
some audio but before ``turn.end``; that truncated clip is caught by comparing
the bytes written with the bytes the library counted at ``turn.end``, and
retried. The clip is written to a temporary file and renamed only when
complete.
"""

from __future__ import annotations

import asyncio
import math
import threading
from pathlib import Path
from urllib.parse import urlsplit

from bulletin.engines import (
    Availability,
    NetworkUnavailable,
    Option,
    RateLimited,
    ReadRate,
    ServiceChanged,
    VoiceFacts,
    partial_file,
)
from bulletin.engines.network import Failure, NetworkEngine, looks_like_mp3, retry_after
from bulletin.errors import ChunkError, EngineError

INSTALL = "pip install edge-tts"
OFFLINE_HINT = "dùng --engine espeak để đọc ngoại tuyến"


class TruncatedAudio(Exception):
    """The connection ended after some audio but before the service said the turn was over."""


class EdgeEngine(NetworkEngine):
    NAME = "edge"
    DESCRIPTION = "Microsoft Edge (edge-tts): giọng tự nhiên nam và nữ, cần Internet"
    VOICES = {
        "vi-VN-HoaiMyNeural": "giọng nữ Hoài My",
        "vi-VN-NamMinhNeural": "giọng nam Nam Minh",
    }
    VOICE_FACTS = {
        "vi-VN-HoaiMyNeural": VoiceFacts("nữ", "Bắc"),
        "vi-VN-NamMinhNeural": VoiceFacts("nam", "Bắc"),
    }
    DEFAULT_VOICE = "vi-VN-HoaiMyNeural"
    OPTIONS = {
        "rate": Option(int, 0, "tốc độ đọc, phần trăm nhanh hơn (+) hoặc chậm hơn (−) bình thường", -50, 100),
        "pitch": Option(int, 0, "cao độ giọng, Hz cao hơn (+) hoặc thấp hơn (−) bình thường", -50, 50),
    }
    # The service takes up to 4,096 bytes per request; our chunks stay well below, so
    # edge-tts never cuts a sentence itself and a failure costs one sentence at most.
    MAX_CHARS = 400
    OUTPUT_SUFFIX = ".mp3"
    # Not measured here (no network when this was written): the middle of the
    # 4.4–5.2 syllables/second of read Vietnamese news. `bulletin engines
    # calibrate edge` measures the real figures on the operator's machine.
    READ_RATES = {
        "vi-VN-HoaiMyNeural": ReadRate(4.8, pause=0.2, padding=0.8, measured=False),
        "vi-VN-NamMinhNeural": ReadRate(4.8, pause=0.2, padding=0.8, measured=False),
    }
    AUTO_RANK = 30

    @property
    def service(self) -> tuple[str, str]:
        """(scheme, host[:port]) of the websocket edge-tts connects to, read from the library itself."""
        from edge_tts import communicate

        parts = urlsplit(communicate.WSS_URL)
        return parts.scheme, parts.netloc

    def adjust_read_rate(self, rate: ReadRate) -> ReadRate:
        scale = 1 + self.options["rate"] / 100
        if scale == 1:
            return rate
        return ReadRate(rate.syllables_per_second * scale, rate.pause / scale, rate.padding, measured=False)

    def probe(self) -> bool:
        import requests

        scheme, host = self.service
        url = f"{'https' if scheme == 'wss' else 'http'}://{host}/"
        try:
            requests.head(url, timeout=self.policy.probe_timeout, allow_redirects=False)
        except requests.RequestException:
            return False
        return True

    def available(self) -> Availability:
        try:
            import edge_tts  # noqa: F401
        except ImportError:
            return Availability(False, f"chưa cài thư viện edge-tts; cài bằng lệnh: {INSTALL}")
        if not self.probe():
            return Availability(False, self.offline_reason())
        return Availability(True, "sẵn sàng")

    def offline_reason(self) -> str:
        return (f"không kết nối được tới máy chủ đọc của Microsoft ({self.service[1].split(':')[0]}): máy tính "
                f"đang mất mạng hoặc mạng chặn dịch vụ này; kiểm tra kết nối Internet, hoặc {OFFLINE_HINT}")

    def offline_message(self) -> str:
        return self.offline_reason() + "."

    # -- one request ----------------------------------------------------------

    def _fetch(self, text: str, voice: str, out: Path) -> None:
        try:
            import edge_tts
        except ImportError as exc:
            raise EngineError(f"chưa cài thư viện edge-tts; cài bằng lệnh: {INSTALL}") from exc

        communicate = edge_tts.Communicate(
            text,
            voice,
            rate=f"{self.options['rate']:+d}%",
            pitch=f"{self.options['pitch']:+d}Hz",
            connect_timeout=math.ceil(self.policy.connect_timeout),
            receive_timeout=math.ceil(self.policy.read_timeout),
        )
        # edge-tts's timeouts are per socket operation; this bounds the whole request.
        total = self.policy.connect_timeout + 4 * self.policy.read_timeout
        with partial_file(out) as tmp:
            _run(asyncio.wait_for(communicate.save(str(tmp)), total))
            written = tmp.stat().st_size
            counted = communicate.state.get("cumulative_audio_bytes")
            if counted is not None and counted != written:
                raise TruncatedAudio(f"{written} bytes written, {counted} announced")
            if not looks_like_mp3(tmp):
                raise ServiceChanged(self._changed_message(f"không có âm thanh MP3 cho đoạn «{text[:60]}»"))

    def _classify(self, exc: Exception) -> Failure | None:
        import aiohttp
        from edge_tts import exceptions as edge_errors

        if isinstance(exc, TruncatedAudio):
            return Failure("connection", detail=str(exc))
        if isinstance(exc, aiohttp.ClientResponseError):  # the websocket handshake was refused
            status = exc.status
            if status == 429:
                headers = exc.headers or {}
                return Failure("rate_limit", status, retry_after(headers.get("Retry-After")))
            if status >= 500:
                return Failure("server", status)
            if status in (400, 413):
                return Failure("rejected", status)
            return Failure("changed", status)  # 401, 403 (after edge-tts's own clock fix), 404
        if isinstance(exc, (asyncio.TimeoutError, aiohttp.ServerTimeoutError)):
            return Failure("timeout")
        if isinstance(exc, (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError, ConnectionError)):
            return Failure("connection", detail=str(exc))
        if isinstance(exc, edge_errors.WebSocketError):
            return Failure("server", detail=str(exc))
        if isinstance(exc, edge_errors.NoAudioReceived):
            return Failure("rejected", detail=str(exc))
        if isinstance(exc, (edge_errors.UnknownResponse, edge_errors.UnexpectedResponse)):
            return Failure("changed", detail=str(exc))
        return None

    def _changed_message(self, what: str) -> str:
        return (f"dịch vụ đọc của Microsoft trả lời nhưng {what}: có thể Microsoft đã thay đổi dịch vụ. "
                f"Cập nhật thư viện: pip install --upgrade edge-tts; tạm thời {OFFLINE_HINT}.")

    def _give_up(self, failure: Failure, text: str, attempt: int) -> EngineError:
        tried = f"đã thử {attempt} lần"
        kept = "các đoạn đã đọc được giữ trong bộ nhớ đệm, không phải đọc lại"
        if failure.kind == "rate_limit":
            return RateLimited(
                f"Microsoft đang giới hạn số lần đọc (HTTP 429: quá nhiều yêu cầu), {tried}. Hãy đợi 15–30 phút "
                f"rồi tạo lại ({kept}), hoặc {OFFLINE_HINT}."
            )
        if failure.kind == "server":
            status = f"HTTP {failure.status}" if failure.status else "kết nối bị ngắt giữa chừng"
            return EngineError(
                f"máy chủ đọc của Microsoft đang gặp sự cố ({status}), {tried}. Hãy tạo lại sau ít phút ({kept}), "
                f"hoặc {OFFLINE_HINT}."
            )
        if failure.kind == "timeout":
            return NetworkUnavailable(
                f"máy chủ đọc của Microsoft không trả lời kịp, {tried}: mạng quá chậm hoặc chập chờn. Hãy tạo lại "
                f"khi mạng ổn định ({kept}), hoặc {OFFLINE_HINT}."
            )
        if failure.kind == "rejected":
            return ChunkError(f"Microsoft không đọc được đoạn «{text[:60]}» "
                              f"({'HTTP ' + str(failure.status) if failure.status else 'không có âm thanh'}).")
        if failure.kind == "changed":
            what = f"từ chối kết nối (HTTP {failure.status})" if failure.status else "theo cách không hiểu được"
            return ServiceChanged(self._changed_message(what))
        return NetworkUnavailable(
            f"không giữ được kết nối tới máy chủ đọc của Microsoft, {tried}. Kiểm tra kết nối Internet ({kept}), "
            f"hoặc {OFFLINE_HINT}."
        )


def _run(coroutine):
    """Run ``coroutine`` to the end from synchronous code, even when an event loop is already running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    result: dict = {}

    def target():
        try:
            result["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=target, name="edge-tts")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")
