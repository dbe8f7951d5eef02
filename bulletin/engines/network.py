"""What every engine that speaks through an Internet service shares.

One chunk is one request. A request that fails is sorted into a failure class
(rate-limited, server error, timeout, dropped connection, rejected, service
changed); timeouts and dropped connections trigger a quick probe that tells
"the network is down" (stop at once) from "this request failed" (retry).
Retries back off exponentially with jitter, a throttle spaces the starts of two
requests, and each engine turns the last failure into a Vietnamese message
that says what to do. Sleep, clock and random source are constructor
arguments, so tests drive retries without waiting.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bulletin.engines import Engine
from bulletin.errors import ChunkError, EngineError


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try before giving up on a service (times in seconds)."""

    attempts: int = 4  # tries per chunk, the first one included
    backoff: float = 1.0  # wait after a server error or timeout, doubled at each retry
    rate_limit_backoff: float = 5.0  # wait after HTTP 429, doubled at each retry
    max_wait: float = 60.0
    jitter: float = 0.5  # every wait is multiplied by a random factor in [1 - jitter, 1 + jitter]
    throttle: float = 0.3  # least time between the starts of two requests
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    probe_timeout: float = 3.0


DEFAULT_POLICY = RetryPolicy()


@dataclass(frozen=True)
class Failure:
    kind: str  # "rate_limit", "server", "timeout", "connection", "rejected", "changed"
    status: int | None = None
    retry_after: float | None = None
    detail: str = ""


class NetworkEngine(Engine):
    """An engine whose every chunk is one request to a service on the Internet.

    Subclasses provide :meth:`probe`, :meth:`_fetch` (one request, written through
    ``partial_file``), :meth:`_classify` (an exception to a :class:`Failure`, or
    None when it is not a network failure) and :meth:`_give_up` (the message).
    """

    NEEDS_NETWORK = True

    def __init__(
        self,
        options=None,
        calibration=None,
        *,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ):
        super().__init__(options, calibration)
        self.policy = policy or DEFAULT_POLICY
        self.sleep = sleep
        self.clock = clock
        self.rng = rng or random.Random()
        self.retries = 0  # retried requests since this engine was made
        self._last_request: float | None = None

    # -- what each service provides ---------------------------------------------

    def probe(self) -> bool:
        """Whether the service answers at all, decided within ``probe_timeout`` seconds."""
        raise NotImplementedError

    def offline_message(self) -> str:
        """Why a request cannot be made when the probe fails (Vietnamese, what to do)."""
        raise NotImplementedError

    def _fetch(self, text: str, voice: str, out: Path) -> None:
        raise NotImplementedError

    def _classify(self, exc: Exception) -> Failure | None:
        raise NotImplementedError

    def _give_up(self, failure: Failure, text: str, attempt: int) -> EngineError:
        raise NotImplementedError

    # -- shared -------------------------------------------------------------------

    def _check_text(self, text: str) -> str:
        text = text.strip()
        if not text:
            raise ChunkError("đoạn văn rỗng, không có gì để đọc")
        if self.MAX_CHARS is not None and len(text) > self.MAX_CHARS:
            raise ChunkError(
                f"đoạn văn dài {len(text)} ký tự, quá {self.MAX_CHARS} ký tự của một yêu cầu: «{text[:60]}…»"
            )
        return text

    def synthesize(self, text: str, voice: str, out: Path) -> Path:
        voice = self.voice_or_default(voice)
        text = self._check_text(text)
        for attempt in range(1, self.policy.attempts + 1):
            self._throttle()
            try:
                self._fetch(text, voice, out)
                return out
            except EngineError:
                raise
            except Exception as exc:  # noqa: BLE001 - sorted out below, unknown ones re-raised
                failure = self._classify(exc)
                if failure is None:
                    raise
            # A dropped connection or a silent server: is the network there at all? (Quick to tell.)
            if failure.kind in ("connection", "timeout") and not self.probe():
                from bulletin.engines import NetworkUnavailable

                raise NetworkUnavailable(self.offline_message())
            if failure.kind in ("rejected", "changed") or attempt == self.policy.attempts:
                raise self._give_up(failure, text, attempt)
            self.retries += 1
            self.sleep(self._wait(failure, attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _throttle(self) -> None:
        now = self.clock()
        if self._last_request is not None:
            wait = self.policy.throttle - (now - self._last_request)
            if wait > 0:
                self.sleep(wait)
                now = self.clock()
        self._last_request = now

    def _wait(self, failure: Failure, attempt: int) -> float:
        first = self.policy.rate_limit_backoff if failure.kind == "rate_limit" else self.policy.backoff
        wait = first * 2 ** (attempt - 1)
        wait *= 1 + self.policy.jitter * (2 * self.rng.random() - 1)
        if failure.retry_after is not None:
            wait = max(wait, failure.retry_after)
        return min(wait, self.policy.max_wait)


def retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header; None for an HTTP date (our own backoff is good enough)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def looks_like_mp3(path: Path) -> bool:
    """An ID3 tag or an MPEG audio frame sync at the start of a non-empty file."""
    with open(path, "rb") as fh:
        head = fh.read(3)
    return head[:3] == b"ID3" or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
