"""gTTS: Google's natural Vietnamese voice; needs the Internet.

gTTS itself sends one request per 100 characters, never retries, can wait
forever and leaves a truncated file when a request fails. Here every call is
one request for one chunk we cut ourselves (gTTS's own pre-processors are off),
with connect/read timeouts, retries with exponential backoff and jitter on
HTTP 429, 5xx, timeouts and connection errors, a throttle between requests,
and a quick probe that tells "the network is down" (stop at once) from "this
request failed" (retry). The clip is written to a temporary file and renamed
only when complete.
"""

from __future__ import annotations

from pathlib import Path

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
from bulletin.engines.network import DEFAULT_POLICY, Failure, NetworkEngine, RetryPolicy, looks_like_mp3, retry_after
from bulletin.errors import ChunkError, EngineError
from bulletin.vn_format import vn_number

__all__ = ["DEFAULT_POLICY", "GttsEngine", "RetryPolicy"]

OFFLINE_HINT = "dùng --engine espeak để đọc ngoại tuyến"


class GttsEngine(NetworkEngine):
    NAME = "gtts"
    DESCRIPTION = "Google (gTTS): giọng tự nhiên, cần Internet"
    VOICES = {"vi": "giọng nữ tiếng Việt của Google"}
    VOICE_FACTS = {"vi": VoiceFacts("nữ", "Bắc")}
    DEFAULT_VOICE = "vi"
    OPTIONS = {
        "tld": Option(str, "com", "máy chủ Google translate.google.<tld>, ví dụ com hoặc com.vn"),
        "slow": Option(bool, False, "đọc chậm (true/false)"),
    }
    MAX_CHARS = 100
    OUTPUT_SUFFIX = ".mp3"
    # Not measured here (no network when this was written): the middle of the
    # 4.4–5.2 syllables/second of read Vietnamese news. `bulletin engines
    # calibrate gtts` measures the real figures on the operator's machine.
    READ_RATES = {"vi": ReadRate(4.6, pause=0.15, padding=0.15, measured=False)}
    AUTO_RANK = 20

    @property
    def host(self) -> str:
        return f"translate.google.{self.options['tld']}"

    def adjust_read_rate(self, rate: ReadRate) -> ReadRate:
        if self.options["slow"]:
            return ReadRate(rate.syllables_per_second / 2, rate.pause * 2, rate.padding, measured=False)
        return rate

    def probe(self) -> bool:
        """Whether Google answers at all, decided within ``probe_timeout`` seconds."""
        import requests

        try:
            requests.head(f"https://{self.host}/", timeout=self.policy.probe_timeout, allow_redirects=False)
        except requests.RequestException:
            return False
        return True

    def available(self) -> Availability:
        try:
            import gtts  # noqa: F401
        except ImportError:
            return Availability(False, "chưa cài thư viện gTTS (pip install gTTS)")
        if not self.probe():
            return Availability(
                False, f"không kết nối được tới {self.host} (máy tính mất mạng hoặc mạng chặn Google); kiểm tra "
                       f"kết nối Internet, hoặc {OFFLINE_HINT}"
            )
        return Availability(True, "sẵn sàng")

    def offline_message(self) -> str:
        return (f"không kết nối được tới máy chủ Google ({self.host}): máy tính đang mất mạng hoặc mạng "
                f"chặn Google. Kiểm tra kết nối Internet, hoặc {OFFLINE_HINT}.")

    # -- one request ----------------------------------------------------------

    def _fetch(self, text: str, voice: str, out: Path) -> None:
        from gtts import gTTS

        tts = gTTS(
            text,
            lang="vi",
            tld=self.options["tld"],
            slow=self.options["slow"],
            lang_check=False,  # no extra request to fetch the language list
            pre_processor_funcs=[],  # ours is the only text preparation
            timeout=(self.policy.connect_timeout, self.policy.read_timeout),
        )
        with partial_file(out) as tmp:
            with open(tmp, "wb") as fh:
                tts.write_to_fp(fh)
            if not looks_like_mp3(tmp):
                raise ServiceChanged(
                    f"Google trả lời nhưng không có âm thanh MP3 cho đoạn «{text[:60]}»: có thể Google đã thay đổi "
                    f"dịch vụ. Cập nhật thư viện: pip install --upgrade gTTS; tạm thời {OFFLINE_HINT}."
                )

    def _classify(self, exc: Exception) -> Failure | None:
        """What kind of failure ``exc`` is; None when it is not a network failure at all."""
        import requests
        from gtts import gTTSError

        if isinstance(exc, gTTSError):
            response = exc.rsp
            if response is None:
                # gTTS raised it while handling the requests error: that is the cause.
                cause = exc.__context__
                if isinstance(cause, requests.ConnectionError):  # ConnectTimeout too
                    return Failure("connection")
                if isinstance(cause, requests.Timeout):
                    return Failure("timeout")
                return Failure("connection")
            status = response.status_code
            if status == 429:
                return Failure("rate_limit", status, retry_after(response.headers.get("Retry-After")))
            if status >= 500:
                return Failure("server", status)
            if status in (400, 413):
                return Failure("rejected", status)
            return Failure("changed", status)
        if isinstance(exc, requests.ConnectionError):
            return Failure("connection")
        if isinstance(exc, requests.Timeout):
            return Failure("timeout")
        if isinstance(exc, requests.RequestException):  # the answer broke off mid-way
            return Failure("server")
        return None

    def _give_up(self, failure: Failure, text: str, attempt: int) -> EngineError:
        tried = f"đã thử {attempt} lần"
        if failure.kind == "rate_limit":
            return RateLimited(
                f"Google đang giới hạn số lần đọc (HTTP 429: quá nhiều yêu cầu), {tried}. Hãy đợi 15–30 phút rồi "
                f"tạo lại (các đoạn đã đọc được giữ trong bộ nhớ đệm, không phải đọc lại), hoặc {OFFLINE_HINT}."
            )
        if failure.kind == "server":
            status = f"HTTP {failure.status}" if failure.status else "kết nối bị ngắt giữa chừng"
            return EngineError(
                f"máy chủ Google đang gặp sự cố ({status}), {tried}. Hãy tạo lại sau ít phút (các đoạn đã đọc "
                f"được giữ trong bộ nhớ đệm), hoặc {OFFLINE_HINT}."
            )
        if failure.kind == "timeout":
            return NetworkUnavailable(
                f"Google không trả lời trong {vn_number(self.policy.read_timeout, trim=True)} giây, {tried}: mạng quá chậm hoặc chập "
                f"chờn. Hãy tạo lại khi mạng ổn định (các đoạn đã đọc được giữ trong bộ nhớ đệm), hoặc {OFFLINE_HINT}."
            )
        if failure.kind == "rejected":
            return ChunkError(f"Google từ chối đọc đoạn «{text[:60]}» (HTTP {failure.status}).")
        if failure.kind == "changed" and failure.status == 404 and self.options["tld"] != "com":
            return ServiceChanged(
                f"máy chủ {self.host} không có dịch vụ đọc văn bản (HTTP 404); sửa engines.gtts.tld trong "
                f"bulletin.toml (thường là \"com\")."
            )
        if failure.kind == "changed":
            return ServiceChanged(
                f"Google từ chối yêu cầu (HTTP {failure.status}): có thể Google đã thay đổi dịch vụ đọc văn bản. "
                f"Cập nhật thư viện: pip install --upgrade gTTS; tạm thời {OFFLINE_HINT}."
            )
        return NetworkUnavailable(
            f"không kết nối ổn định được tới máy chủ Google ({self.host}), {tried}. Kiểm tra kết nối Internet, "
            f"hoặc {OFFLINE_HINT}."
        )

