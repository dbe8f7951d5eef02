"""The edge engine: the real edge-tts code against a fake read-aloud service on 127.0.0.1."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from edge_service import EdgeService
from helpers import probe_duration, run_cli, write_script

from bulletin.audio.tags import read_tags
from bulletin.engines import NetworkUnavailable, RateLimited, ServiceChanged, get_engine
from bulletin.engines import network as network_module
from bulletin.engines.edge import EdgeEngine
from bulletin.errors import ChunkError

ITEMS = {
    "Phòng chống mưa bão": [
        "Sáng nay, ban chỉ huy phòng chống thiên tai xã đã họp triển khai nhiệm vụ mùa mưa bão năm nay.",
        "Người dân cần chủ động gia cố nhà cửa, dự trữ lương thực và nước uống.",
    ],
    "Tiêm chủng mở rộng": [
        "Trạm y tế xã thông báo lịch tiêm chủng cho trẻ em dưới một tuổi vào sáng thứ hai tuần tới.",
        "Đề nghị các gia đình đưa trẻ đến đúng giờ.",
    ],
}


@pytest.fixture
def quick_retries(monkeypatch):
    """Same retry logic, no real waiting: zero backoff and throttle, two tries."""
    policy = replace(network_module.DEFAULT_POLICY, attempts=2, backoff=0, rate_limit_backoff=0, throttle=0)
    monkeypatch.setattr(network_module, "DEFAULT_POLICY", policy)
    return policy


@pytest.fixture
def service(tmp_path_factory, espeak, ffmpeg, monkeypatch, quick_retries):
    from edge_tts import communicate

    fake = EdgeService(tmp_path_factory.mktemp("edge"), espeak)
    monkeypatch.setattr(communicate, "WSS_URL", fake.url)
    yield fake
    fake.close()


@pytest.fixture
def waits():
    return []


@pytest.fixture
def engine(service, waits):
    return EdgeEngine(sleep=waits.append)


@pytest.fixture
def script(station_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # each test starts with no clips
    body = "".join(f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n\n" for title, paragraphs in ITEMS.items())
    return write_script(station_dir / "scripts", "ban-tin.md", body)


def build(*args):
    return run_cli("build", "scripts/ban-tin.md", "-o", "out/ban-tin.mp3", *args)


def out_files(station_dir):
    folder = station_dir / "out"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# -- one clip -----------------------------------------------------------------


def test_clip_is_the_services_speech_for_our_chunk(service, engine, tmp_path):
    text = "Kính thưa quý vị và các bạn."
    clip = engine.synthesize(text, "vi-VN-HoaiMyNeural", tmp_path / "a.mp3")
    assert service.requests == [{"voice": "vi-VN-HoaiMyNeural", "pitch": "+0Hz", "rate": "+0%", "text": text,
                                 "sec_ms_gec": service.requests[0]["sec_ms_gec"]}]
    assert len(service.requests[0]["sec_ms_gec"]) >= 64  # edge-tts's own signed token went out
    assert clip.read_bytes() == service.speech(text)  # every byte the service sent, nothing more
    assert probe_duration(clip) > 1.0


def test_male_voice_rate_and_pitch_reach_the_service(service, tmp_path):
    engine = EdgeEngine({"rate": 15, "pitch": -5}, sleep=lambda s: None)
    engine.synthesize("Xin chào bà con.", "vi-VN-NamMinhNeural", tmp_path / "a.mp3")
    assert service.requests[0]["voice"] == "vi-VN-NamMinhNeural"
    assert (service.requests[0]["rate"], service.requests[0]["pitch"]) == ("+15%", "-5Hz")
    # a faster rate is reflected in the estimate until the voice is calibrated
    assert engine.read_rate("vi-VN-NamMinhNeural").syllables_per_second == pytest.approx(
        EdgeEngine.READ_RATES["vi-VN-NamMinhNeural"].syllables_per_second * 1.15)


def test_connection_dropped_mid_clip_is_retried_never_kept_truncated(service, engine, tmp_path):
    service.plan = ["drop"]
    clip = engine.synthesize("Người dân cần chủ động gia cố nhà cửa.", "vi-VN-HoaiMyNeural", tmp_path / "a.mp3")
    assert len(service.requests) == 2 and engine.retries == 1
    assert clip.read_bytes() == service.speech("Người dân cần chủ động gia cố nhà cửa.")


def test_connection_that_keeps_dropping_leaves_no_file(service, engine, tmp_path):
    service.plan = ["drop"] * 5
    with pytest.raises(NetworkUnavailable, match="không giữ được kết nối tới máy chủ đọc của Microsoft"):
        engine.synthesize("Người dân cần chủ động gia cố nhà cửa.", "vi-VN-HoaiMyNeural", tmp_path / "a.mp3")
    assert list(tmp_path.iterdir()) == []  # neither the clip nor a temporary file


def test_rate_limit_backs_off_then_succeeds(service, engine, waits, tmp_path):
    service.plan = [429]
    engine.synthesize("Xin chào.", "vi-VN-HoaiMyNeural", tmp_path / "a.mp3")
    assert [r.get("refused") for r in service.requests] == [429, None]
    assert waits == [pytest.approx(1.0)]  # the service's Retry-After (backoff is zero here)


def test_rate_limit_that_does_not_end_is_a_clear_message(service, engine, tmp_path):
    service.plan = [429] * 5
    with pytest.raises(RateLimited, match="HTTP 429.*15–30 phút.*bộ nhớ đệm"):
        engine.synthesize("Xin chào.", "vi-VN-HoaiMyNeural", tmp_path / "a.mp3")


def test_unknown_answer_means_the_service_changed_and_is_not_retried(service, engine, tmp_path):
    service.plan = ["garbage"]
    with pytest.raises(ServiceChanged, match="pip install --upgrade edge-tts"):
        engine.synthesize("Xin chào.", "vi-VN-HoaiMyNeural", tmp_path / "a.mp3")
    assert len(service.requests) == 1
    assert list(tmp_path.iterdir()) == []


def test_forbidden_handshake_means_the_service_changed(service, engine, tmp_path):
    service.plan = [404]
    with pytest.raises(ServiceChanged, match="HTTP 404"):
        engine.synthesize("Xin chào.", "vi-VN-HoaiMyNeural", tmp_path / "a.mp3")


def test_answer_without_audio_is_a_chunk_problem(service, engine, tmp_path):
    service.plan = ["silent"]
    with pytest.raises(ChunkError, match="không có âm thanh"):
        engine.synthesize("Xin chào.", "vi-VN-HoaiMyNeural", tmp_path / "a.mp3")


def test_service_gone_is_decided_by_one_probe_without_retries(service, engine, waits, tmp_path):
    service.go_offline()
    assert not engine.available().usable and "mất mạng" in engine.available().reason
    with pytest.raises(NetworkUnavailable, match="kiểm tra kết nối Internet"):
        engine.synthesize("Xin chào.", "vi-VN-HoaiMyNeural", tmp_path / "a.mp3")
    assert waits == [] and engine.retries == 0


def test_chunk_longer_than_a_request_is_refused_before_any_request(service, engine, tmp_path):
    with pytest.raises(ChunkError, match="quá 400 ký tự"):
        engine.synthesize("Xin chào bà con. " * 30, "vi-VN-HoaiMyNeural", tmp_path / "a.mp3")
    assert service.requests == []


# -- whole bulletins ------------------------------------------------------------


def test_bulletin_from_edge_clips_and_a_second_build_asks_nothing(service, script, station_dir):
    first = build("--engine", "edge", "--voice", "vi-VN-NamMinhNeural")
    assert first.exit_code == 0, first.output
    tags = read_tags(station_dir / "out" / "ban-tin.mp3")
    assert tags.engines == "edge"
    spoken = [r["text"] for r in service.requests]
    assert "Người dân cần chủ động gia cố nhà cửa, dự trữ lương thực và nước uống." in spoken
    assert {r["voice"] for r in service.requests} == {"vi-VN-NamMinhNeural"}
    asked = len(service.requests)

    again = build("--engine", "edge", "--voice", "vi-VN-NamMinhNeural")
    assert again.exit_code == 0, again.output
    assert len(service.requests) == asked  # every clip came from the cache
    assert f"{asked} đoạn lấy từ bộ nhớ đệm" in again.output


def test_failure_mid_bulletin_fails_cleanly_then_resumes_from_the_cache(service, script, station_dir):
    service.die_after = 3  # the opening and part of the first item, then the network goes
    failed = build("--engine", "edge", "--no-fallback")
    assert failed.exit_code == 1
    assert "Lỗi:" in failed.output and "Microsoft" in failed.output and "--engine espeak" in failed.output
    assert "Traceback" not in failed.output
    assert out_files(station_dir) == []  # no bulletin, no temporary file
    assert len(service.texts) == 3

    service.die_after = None
    service.come_back()
    resumed = build("--engine", "edge", "--no-fallback")
    assert resumed.exit_code == 0, resumed.output
    assert "3 đoạn lấy từ bộ nhớ đệm" in resumed.output  # the three clips made before the failure
    assert len(set(service.texts)) == len(service.texts)  # nothing was asked twice
    assert read_tags(station_dir / "out" / "ban-tin.mp3").engines == "edge"


def warnings_besides_the_quota_length(output: str) -> list[str]:
    """The build's warnings but the one every test bulletin gets: shorter than the quota's 9:00."""
    return [line for line in output.splitlines() if line.startswith("Cảnh báo:") and "chỉ tiêu" not in line]


def test_auto_falls_back_mid_bulletin_with_one_warning(service, script, station_dir):
    with open(station_dir / "bulletin.toml", "a", encoding="utf-8") as toml:
        toml.write('\n[engines]\nauto = ["edge", "espeak"]\n')
    service.die_after = 3
    result = build()
    assert result.exit_code == 0, result.output
    assert len(warnings_besides_the_quota_length(result.output)) == 1, result.output
    assert "không dùng được bộ đọc edge" in result.output and "espeak" in result.output
    tags = read_tags(station_dir / "out" / "ban-tin.mp3")
    assert tags.engines == "edge,espeak"
    record = {row["title"]: row["engines"] for row in json.loads(tags.engines_by_item)}
    assert record["Mở đầu"] == ["edge"] and record["Tiêm chủng mở rộng"] == ["espeak"]


def test_edge_offline_without_fallback_fails_with_a_clear_message_and_no_file(script, station_dir):
    # No fake service: edge-tts's real address, and this machine has no network (the tests' guard).
    result = build("--engine", "edge", "--no-fallback")
    assert result.exit_code == 1
    assert "không dùng được bộ đọc edge" in result.output and "kiểm tra kết nối Internet" in result.output
    assert out_files(station_dir) == []


def test_engine_registered_with_its_voices():
    engine = get_engine("edge")
    assert engine.NEEDS_NETWORK and engine.DEFAULT_VOICE == "vi-VN-HoaiMyNeural"
    assert engine.voice_facts("vi-VN-NamMinhNeural").gender == "nam"
    assert engine.voice_facts("vi-VN-HoaiMyNeural").gender == "nữ"


def test_auto_offline_falls_back_to_espeak_with_one_warning(script, station_dir, espeak):
    # Default order (edge, gtts, espeak) on a machine without network: both online voices fail at once.
    result = build()
    assert result.exit_code == 0, result.output
    assert len(warnings_besides_the_quota_length(result.output)) == 1, result.output
    assert "không dùng được bộ đọc edge, gtts từ mục «Mở đầu»" in result.output
    assert "Các đoạn còn lại được đọc bằng espeak" in result.output
    assert read_tags(station_dir / "out" / "ban-tin.mp3").engines == "espeak"
