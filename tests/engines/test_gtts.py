"""gTTS through its real code, with only the HTTP layer replaced (no network needed)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
import requests
import responses
from google_stub import GoogleStub, google_body, tiny_mp3
from helpers import probe_duration

from bulletin.engines import NetworkUnavailable, RateLimited, ServiceChanged
from bulletin.engines.gtts import DEFAULT_POLICY, GttsEngine
from bulletin.errors import ChunkError, EngineError


class FakeTime:
    """A clock that only moves when the engine sleeps: retries are tested without waiting."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def mp3(tmp_path_factory, ffmpeg):
    return tiny_mp3(tmp_path_factory.mktemp("google"))


@pytest.fixture
def google(mp3):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield GoogleStub(rsps, mp3)


@pytest.fixture
def fake_time():
    return FakeTime()


@pytest.fixture
def engine(fake_time):
    return GttsEngine(sleep=fake_time.sleep, clock=fake_time.clock, rng=random.Random(1))


def test_request_body_carries_our_chunk_and_audio_is_complete(google, engine, tmp_path):
    text = "Kính thưa quý vị và các bạn, mời quý vị cùng nghe bản tin."
    out = engine.synthesize(text, "vi", tmp_path / "clip.mp3")
    assert google.texts == [text]  # one request, our exact text, no gTTS pre-processing
    assert out.read_bytes() == google.mp3
    assert probe_duration(out) == pytest.approx(0.4, abs=0.1)
    assert google.timeouts == [(DEFAULT_POLICY.connect_timeout, DEFAULT_POLICY.read_timeout)]


def test_gtts_own_preprocessing_is_off(google, engine, tmp_path):
    # gTTS's default pre-processors would glue "2020-\n2025" and rewrite abbreviations.
    text = "giai đoạn hai nghìn không trăm hai mươi- năm Mr. Dr. Sở"
    engine.synthesize(text, "vi", tmp_path / "clip.mp3")
    assert google.texts == [text]


def test_429_then_200_retries_and_succeeds(google, engine, fake_time, tmp_path):
    google.queue = [429]
    out = engine.synthesize("Xin chào quý vị.", "vi", tmp_path / "clip.mp3")
    assert out.read_bytes() == google.mp3
    assert google.texts == ["Xin chào quý vị.", "Xin chào quý vị."]
    assert engine.retries == 1
    policy = engine.policy
    backoff = [s for s in fake_time.sleeps if s > policy.throttle]
    assert len(backoff) == 1
    assert policy.rate_limit_backoff * (1 - policy.jitter) <= backoff[0] <= policy.rate_limit_backoff * (1 + policy.jitter)


def test_retry_after_header_is_honoured(google, engine, fake_time, tmp_path):
    google.queue = [(429, {"Retry-After": "17"})]
    engine.synthesize("Xin chào quý vị.", "vi", tmp_path / "clip.mp3")
    assert max(fake_time.sleeps) == 17


def test_read_timeout_retries(google, engine, fake_time, tmp_path):
    google.queue = [requests.exceptions.ReadTimeout("slow"), requests.exceptions.ReadTimeout("slow")]
    out = engine.synthesize("Bản tin thời sự.", "vi", tmp_path / "clip.mp3")
    assert out.read_bytes() == google.mp3
    assert len(google.texts) == 3
    assert engine.retries == 2


def test_read_timeout_on_a_dead_network_stops_at_once(google, engine, fake_time, tmp_path):
    google.queue = [requests.exceptions.ReadTimeout("slow")]
    google.die_after = 1  # the timed-out request was the last one the network carried
    with pytest.raises(NetworkUnavailable):
        engine.synthesize("Bản tin thời sự.", "vi", tmp_path / "clip.mp3")
    assert len(google.texts) == 1 and engine.retries == 0 and fake_time.sleeps == []


def test_server_errors_back_off_exponentially_with_jitter_then_give_up(google, engine, fake_time, tmp_path):
    google.queue = [503] * 10
    with pytest.raises(EngineError) as caught:
        engine.synthesize("Bản tin thời sự.", "vi", tmp_path / "clip.mp3")
    assert not isinstance(caught.value, (RateLimited, NetworkUnavailable))
    assert "HTTP 503" in str(caught.value) and "--engine espeak" in str(caught.value)
    policy = engine.policy
    assert len(google.texts) == policy.attempts
    waits = [s for s in fake_time.sleeps if s > policy.throttle]
    assert len(waits) == policy.attempts - 1
    for n, wait in enumerate(waits):
        nominal = policy.backoff * 2**n
        assert nominal * (1 - policy.jitter) <= wait <= nominal * (1 + policy.jitter)
    assert len(set(round(w / (policy.backoff * 2**n), 6) for n, w in enumerate(waits))) > 1  # jittered
    assert list(tmp_path.iterdir()) == []  # no clip, no temporary file


def test_rate_limit_that_does_not_end_is_a_clear_message(google, engine, tmp_path):
    google.queue = [429] * 10
    with pytest.raises(RateLimited) as caught:
        engine.synthesize("Bản tin thời sự.", "vi", tmp_path / "clip.mp3")
    message = str(caught.value)
    assert "HTTP 429" in message and "giới hạn" in message and "bộ nhớ đệm" in message
    assert len(google.texts) == engine.policy.attempts
    assert list(tmp_path.iterdir()) == []


def test_dead_network_is_decided_at_once_without_retries(google, engine, fake_time, tmp_path):
    google.online = False
    with pytest.raises(NetworkUnavailable) as caught:
        engine.synthesize("Bản tin thời sự.", "vi", tmp_path / "clip.mp3")
    assert "mất mạng" in str(caught.value) and "--engine espeak" in str(caught.value)
    assert google.probes == 1
    assert engine.retries == 0 and fake_time.sleeps == []
    assert list(tmp_path.iterdir()) == []


def test_a_dropped_connection_with_the_network_up_is_retried(google, engine, tmp_path):
    google.queue = [requests.exceptions.ConnectionError("reset by peer")]
    out = engine.synthesize("Bản tin thời sự.", "vi", tmp_path / "clip.mp3")
    assert out.read_bytes() == google.mp3
    assert google.probes == 1 and engine.retries == 1


def test_answer_without_audio_means_google_changed(google, engine, tmp_path):
    google.queue = [200]
    with pytest.raises(ServiceChanged) as caught:
        engine.synthesize("Bản tin thời sự.", "vi", tmp_path / "clip.mp3")
    assert "pip install --upgrade gTTS" in str(caught.value)
    assert len(google.texts) == 1  # not retried: it would not help
    assert list(tmp_path.iterdir()) == []


def test_forbidden_means_google_changed(google, engine, tmp_path):
    google.queue = [403]
    with pytest.raises(ServiceChanged, match="thay đổi dịch vụ"):
        engine.synthesize("Bản tin thời sự.", "vi", tmp_path / "clip.mp3")
    assert len(google.texts) == 1


def test_unknown_google_host_names_the_setting(mp3, tmp_path, fake_time):
    with responses.RequestsMock() as rsps:
        rsps.add("POST", "https://translate.google.xx/_/TranslateWebserverUi/data/batchexecute", status=404)
        engine = GttsEngine({"tld": "xx"}, sleep=fake_time.sleep, clock=fake_time.clock)
        with pytest.raises(ServiceChanged, match="engines.gtts.tld"):
            engine.synthesize("Bản tin.", "vi", tmp_path / "clip.mp3")


def test_slow_option_reaches_google(google, tmp_path, fake_time):
    engine = GttsEngine({"slow": True}, sleep=fake_time.sleep, clock=fake_time.clock)
    engine.synthesize("Bản tin.", "vi", tmp_path / "clip.mp3")
    assert engine.read_rate("vi").syllables_per_second < GttsEngine().read_rate("vi").syllables_per_second


def test_throttle_spaces_requests(google, engine, fake_time, tmp_path):
    engine.synthesize("Câu thứ nhất.", "vi", tmp_path / "a.mp3")
    engine.synthesize("Câu thứ hai.", "vi", tmp_path / "b.mp3")
    assert fake_time.sleeps == [pytest.approx(engine.policy.throttle)]
    fake_time.now += 10  # time passed (the build did other work): no need to wait
    engine.synthesize("Câu thứ ba.", "vi", tmp_path / "c.mp3")
    assert len(fake_time.sleeps) == 1


def test_text_longer_than_one_request_is_refused_without_a_request(google, engine, tmp_path):
    with pytest.raises(ChunkError, match="100 ký tự"):
        engine.synthesize("chữ " * 30, "vi", tmp_path / "clip.mp3")
    assert google.texts == []


def test_broken_stream_leaves_no_truncated_file(mp3, tmp_path, fake_time):
    """A body cut off mid-way (no audio line) is never renamed into place."""
    body = google_body(mp3)
    with responses.RequestsMock() as rsps:
        rsps.add("POST", "https://translate.google.com/_/TranslateWebserverUi/data/batchexecute",
                 body=body[: len(body) // 2])
        engine = GttsEngine(sleep=fake_time.sleep, clock=fake_time.clock)
        with pytest.raises(EngineError):
            engine.synthesize("Bản tin.", "vi", tmp_path / "clip.mp3")
    assert list(tmp_path.iterdir()) == []


def test_available_reports_network(google, engine):
    assert engine.available().usable
    google.online = False
    state = engine.available()
    assert not state.usable and "translate.google.com" in state.reason


def test_policy_is_replaceable():
    policy = replace(DEFAULT_POLICY, attempts=2)
    assert GttsEngine(policy=policy).policy.attempts == 2
