"""Engine choice at build time: cache hits, resuming, fallback to espeak-ng, --no-fallback.

gTTS runs through its real code; only the HTTP layer is replaced (see google_stub).
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import responses
from google_stub import GoogleStub, is_spoken_chunk, tiny_mp3
from helpers import run_cli, write_script

from bulletin.audio.tags import read_tags
from bulletin.engines import network as network_module

ITEMS = {
    "Phòng chống mưa bão": [
        "Sáng nay, tại hội trường ủy ban nhân dân xã, ban chỉ huy phòng chống thiên tai đã họp triển khai "
        "nhiệm vụ mùa mưa bão năm nay, với sự tham dự của trưởng các thôn và các đoàn thể.",
        "Người dân cần chủ động gia cố nhà cửa, dự trữ lương thực và nước uống.",
    ],
    "Tiêm chủng mở rộng": [
        "Trạm y tế xã thông báo lịch tiêm chủng mở rộng cho trẻ em dưới một tuổi vào sáng thứ hai tuần tới.",
        "Đề nghị các gia đình đưa trẻ đến đúng giờ và mang theo sổ tiêm chủng.",
    ],
    "Vệ sinh môi trường": [
        "Các thôn tiếp tục duy trì ngày chủ nhật xanh, ra quân dọn dẹp đường làng, ngõ xóm và khơi thông "
        "cống rãnh trước mùa mưa.",
        "Mỗi việc làm nhỏ hôm nay sẽ giữ cho quê hương luôn sạch đẹp.",
    ],
}


def script_body(items=ITEMS) -> str:
    return "".join(f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n\n" for title, paragraphs in items.items())


@pytest.fixture
def quick_retries(monkeypatch):
    """Same retry logic, no real waiting: zero backoff and throttle, two tries."""
    policy = replace(network_module.DEFAULT_POLICY, attempts=2, backoff=0, rate_limit_backoff=0, throttle=0)
    monkeypatch.setattr(network_module, "DEFAULT_POLICY", policy)


@pytest.fixture
def google(tmp_path_factory, ffmpeg, quick_retries):
    mp3 = tiny_mp3(tmp_path_factory.mktemp("google"))
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        stub = GoogleStub(rsps, mp3)
        stub.calls = rsps.calls
        yield stub


@pytest.fixture
def script(station_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # each test starts with no clips
    with open(station_dir / "bulletin.toml", "a", encoding="utf-8") as toml:
        toml.write('\n[engines]\nauto = ["gtts", "espeak"]\n')  # Google, then espeak-ng (edge: tests/engines/test_edge.py)
    return write_script(station_dir / "scripts", "ban-tin.md", script_body())


def build(*args):
    return run_cli("build", "scripts/ban-tin.md", "-o", "out/ban-tin.mp3", *args)


def out_files(station_dir):
    return sorted(p.name for p in (station_dir / "out").iterdir())


def test_requests_carry_our_chunks_and_a_second_build_makes_none(google, script, station_dir, espeak):
    first = build()
    assert first.exit_code == 0, first.output
    assert google.texts and all(is_spoken_chunk(t) for t in google.texts)
    said = " ".join(google.texts)
    for paragraphs in ITEMS.values():
        for paragraph in paragraphs:
            assert paragraph in said  # in order, every word whole
    assert f"Bộ đọc: gtts; {len(google.texts)} đoạn mới đọc, 0 đoạn lấy từ bộ nhớ đệm" in first.output
    assert read_tags(station_dir / "out" / "ban-tin.mp3").engines == "gtts"

    requests_before, probes_before = len(google.texts), google.probes
    second = build()
    assert second.exit_code == 0, second.output
    assert len(google.texts) == requests_before and google.probes == probes_before  # no request, no probe
    assert f"0 đoạn mới đọc, {requests_before} đoạn lấy từ bộ nhớ đệm" in second.output


def test_rebuild_after_editing_one_item_requests_only_its_changed_chunks(google, script, station_dir, espeak):
    assert build().exit_code == 0
    done = len(google.texts)
    edited = {**ITEMS, "Tiêm chủng mở rộng": [ITEMS["Tiêm chủng mở rộng"][0],
                                              "Đề nghị các gia đình đưa trẻ đến đúng giờ."]}
    script.write_text(script.read_text(encoding="utf-8").replace(script_body(), script_body(edited)), encoding="utf-8")
    result = build()
    assert result.exit_code == 0, result.output
    assert google.texts[done:] == ["Đề nghị các gia đình đưa trẻ đến đúng giờ."]
    assert "1 đoạn mới đọc" in result.output


def test_dead_network_mid_bulletin_falls_back_to_espeak(google, script, station_dir, espeak):
    google.die_after = 5  # the opening and part of the first item, then the network goes
    result = build()
    assert result.exit_code == 0, result.output
    assert result.output.count("Cảnh báo: không dùng được bộ đọc gtts") == 1
    assert "espeak" in result.output and "mất mạng" in result.output
    assert len(google.texts) == 5
    assert google.probes == 2  # one before the first request, one after the connection error: no retries
    tags = read_tags(station_dir / "out" / "ban-tin.mp3")
    assert tags.engines == "espeak,gtts"
    record = {row["title"]: row["engines"] for row in json.loads(tags.engines_by_item)}
    assert record["Mở đầu"] == ["gtts"]
    assert record["Phòng chống mưa bão"] == ["gtts", "espeak"]
    assert record["Tiêm chủng mở rộng"] == ["espeak"] and record["Kết thúc"] == ["espeak"]
    assert "  Phòng chống mưa bão: gtts, espeak" in result.output


def test_network_down_from_the_start_costs_one_probe(google, script, station_dir, espeak):
    google.online = False
    result = build()
    assert result.exit_code == 0, result.output
    assert google.texts == [] and google.probes == 1
    assert "Cảnh báo: không dùng được bộ đọc gtts từ mục «Mở đầu»" in result.output
    assert read_tags(station_dir / "out" / "ban-tin.mp3").engines == "espeak"


def test_rate_limit_that_does_not_end_falls_back(google, script, station_dir, espeak):
    google.queue = [429] * 100
    result = build()
    assert result.exit_code == 0, result.output
    assert "HTTP 429" in result.output and result.output.count("Cảnh báo: không dùng được bộ đọc gtts") == 1
    assert len(google.texts) == network_module.DEFAULT_POLICY.attempts  # one chunk's tries, then espeak-ng
    assert read_tags(station_dir / "out" / "ban-tin.mp3").engines == "espeak"


def test_no_fallback_fails_cleanly_then_resumes_where_it_stopped(google, script, station_dir, espeak):
    google.die_after = 5
    failed = build("--no-fallback")
    assert failed.exit_code == 1
    assert "Lỗi:" in failed.output and "Google" in failed.output and "--engine espeak" in failed.output
    assert "Traceback" not in failed.output
    assert out_files(station_dir) == []  # no bulletin, no temporary file

    google.online, google.die_after = True, None
    resumed = build("--no-fallback")
    assert resumed.exit_code == 0, resumed.output
    assert "5 đoạn lấy từ bộ nhớ đệm" in resumed.output  # the five clips made before the failure
    assert len(set(google.texts)) == len(google.texts)  # nothing was asked twice
    assert read_tags(station_dir / "out" / "ban-tin.mp3").engines == "gtts"


def test_no_fallback_with_network_down_names_the_problem(google, script, station_dir, espeak):
    google.online = False
    result = build("--no-fallback")
    assert result.exit_code == 1
    assert "không dùng được bộ đọc gtts" in result.output and "kiểm tra kết nối Internet" in result.output
    assert out_files(station_dir) == []


def test_espeak_build_never_touches_the_network(google, script, station_dir, espeak):
    result = build("--engine", "espeak")
    assert result.exit_code == 0, result.output
    assert len(google.calls) == 0 and google.probes == 0


def test_fallback_reuses_gtts_clips_already_cached(google, script, station_dir, espeak):
    assert build().exit_code == 0
    google.online = False
    result = build()  # offline, but every chunk was spoken by Google before
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "Cảnh báo" in line and "chỉ tiêu" not in line]
    assert warnings == [] and google.probes == 1  # nothing to synthesize: no probe (a test bulletin is short)
    assert read_tags(station_dir / "out" / "ban-tin.mp3").engines == "gtts"


def test_check_estimates_with_the_engine_that_will_speak(google, script, station_dir, espeak):
    online = run_cli("check", "scripts/ban-tin.md")
    assert online.exit_code == 0, online.output
    assert "Bộ đọc: gtts" in online.output and "engines calibrate gtts" in online.output
    google.online = False
    offline = run_cli("check", "scripts/ban-tin.md")
    assert offline.exit_code == 0, offline.output
    assert "Bộ đọc: espeak" in offline.output and "bản tin sẽ được đọc bằng espeak" in offline.output
    google.online = True
    assert build().exit_code == 0
    google.online = False
    cached = run_cli("check", "scripts/ban-tin.md")
    assert "Bộ đọc: gtts" in cached.output  # every clip is cached: Google's voice it will be


def test_progress_shows_while_synthesizing(google, script, station_dir, espeak):
    result = build("--engine", "espeak")
    assert "Đang đọc" in result.output


def test_progress_events_count_items_and_chunks(station, espeak, tmp_path):
    from bulletin.engines.cache import ClipCache
    from bulletin.engines.choice import engine_chain
    from bulletin.engines.synth import SpeechItem, synthesize
    from bulletin.plan.chunking import utterances

    cache = ClipCache(tmp_path / "cache")
    chain = engine_chain("espeak", station, cache)
    items = [SpeechItem(title, tuple(u for p in paragraphs for u in utterances(p, chain.max_chars)))
             for title, paragraphs in ITEMS.items()]
    total = sum(len(i.utterances) for i in items)
    events = []
    first = synthesize(items, chain, cache, events.append)
    assert [e.done for e in events] == list(range(1, total + 1))
    assert {e.total for e in events} == {total} and {e.items for e in events} == {3}
    assert [e.item for e in events] == [n for n, i in enumerate(items, 1) for _ in i.utterances]
    assert events[-1].synthesized == total == first.synthesized and events[-1].cached == 0
    events.clear()
    second = synthesize(items, chain, cache, events.append)
    assert events[-1].cached == total == second.cached and second.synthesized == 0
    assert second.by_item == [(title, ("espeak",)) for title in ITEMS]


def test_one_rejected_chunk_is_spoken_by_espeak_and_google_goes_on(google, script, station_dir, espeak):
    google.queue = [400]  # Google refuses the very first chunk only (the station ident, alone in the opening)
    result = build()
    assert result.exit_code == 0, result.output
    assert "Google từ chối đọc đoạn" in result.output and "Đoạn này được đọc bằng espeak" in result.output
    record = {row["title"]: row["engines"]
              for row in json.loads(read_tags(station_dir / "out" / "ban-tin.mp3").engines_by_item)}
    assert record["Mở đầu"] == ["espeak"]
    assert record["Phòng chống mưa bão"] == ["gtts"] and record["Kết thúc"] == ["gtts"]  # Google again
