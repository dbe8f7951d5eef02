"""The engine interface: registry and entry points, listing, voices, options, read-rate estimates."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest
import responses
from google_stub import PROBE
from helpers import run_cli, write_script

from bulletin.audio.tags import read_tags
from bulletin.builder import BuildOptions, build
from bulletin.checker import check
from bulletin.config import load_station
from bulletin.engines import ReadRate, auto_order, count_pauses, engine_class, get_engine, registry
from bulletin.engines.cache import ClipCache
from bulletin.engines.calibration import fit
from bulletin.engines.choice import engine_chain
from bulletin.errors import ConfigError, UsageError

# Realistic bulletin prose in spoken form (no digits, no abbreviations), not the calibration text.
ESTIMATE_SCRIPT = """\
Kính thưa quý vị và các bạn, mời quý vị cùng nghe bản tin thông tin đối ngoại của đài truyền thanh xã.

# Hợp tác quốc tế trong nông nghiệp

Thời gian qua, tỉnh ta đã tích cực mở rộng hợp tác với các tổ chức quốc tế trong lĩnh vực nông nghiệp, đặc biệt \
là chuyển giao khoa học kỹ thuật và tiêu thụ nông sản. Nhiều dự án hỗ trợ bà con nông dân cải tạo vườn tạp, trồng \
cây ăn quả có giá trị kinh tế cao đã được triển khai tại các xã miền núi.

Các chuyên gia nước ngoài đã trực tiếp xuống đồng ruộng, hướng dẫn bà con cách chăm sóc cây trồng, sử dụng phân bón \
hợp lý và bảo vệ nguồn nước. Nhờ vậy, năng suất và chất lượng nông sản được nâng lên rõ rệt, nhiều sản phẩm đã có \
mặt tại thị trường các nước trong khu vực.

# Giữ gìn bản sắc văn hóa dân tộc

Trong dịp hè, các thôn đã tổ chức nhiều hoạt động văn hóa, văn nghệ, thể dục thể thao, thu hút đông đảo thanh \
thiếu nhi tham gia. Các nghệ nhân cao tuổi đã truyền dạy cho lớp trẻ những làn điệu dân ca, cách đánh cồng chiêng \
và dệt thổ cẩm truyền thống.

Đây là việc làm thiết thực nhằm giữ gìn và phát huy bản sắc văn hóa tốt đẹp của dân tộc, đồng thời giới thiệu hình \
ảnh quê hương đến với du khách trong nước và bạn bè quốc tế.

# Thông báo của ủy ban nhân dân xã

Ủy ban nhân dân xã đề nghị các hộ gia đình chủ động kiểm tra, sửa chữa hệ thống điện trong nhà, không câu móc điện \
trái phép, không thả diều gần đường dây điện cao thế. Khi phát hiện sự cố về điện, bà con cần báo ngay cho ngành \
điện hoặc chính quyền địa phương để được xử lý kịp thời, bảo đảm an toàn cho người và tài sản.
"""

TONE_ENGINE = '''
import wave
from pathlib import Path

import numpy as np

from bulletin.engines import Availability, Engine, ReadRate, partial_file


class ToneEngine(Engine):
    """A third-party engine: one beep per syllable."""

    NAME = "tone"
    DESCRIPTION = "tiếng bíp thử nghiệm"
    VOICES = {"beep": "tiếng bíp"}
    DEFAULT_VOICE = "beep"
    READ_RATES = {"beep": ReadRate(5.0)}

    def available(self):
        return Availability(True, "sẵn sàng")

    def synthesize(self, text, voice, out):
        t = np.arange(int(22050 * 0.2 * len(text.split()))) / 22050
        pcm = (0.3 * np.sin(2 * np.pi * 660 * t) * 32767).astype("<i2").tobytes()
        with partial_file(out) as tmp:
            with wave.open(str(tmp), "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(22050)
                wav.writeframes(pcm)
        return out
'''


@pytest.fixture
def third_party_engine(tmp_path, monkeypatch):
    """A package installed the ordinary way: a module and a dist-info with an entry point."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "tone_engine.py").write_text(textwrap.dedent(TONE_ENGINE), encoding="utf-8")
    info = site / "tone_engine-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tone-engine\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[bulletin.engines]\ntone = tone_engine:ToneEngine\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    return "tone"


def test_builtin_engines_and_auto_order():
    assert {"edge", "gtts", "piper", "espeak"} <= set(registry())
    assert auto_order() == ["edge", "gtts", "piper", "espeak"]
    assert auto_order(["espeak", "edge", "espeak"]) == ["espeak", "edge"]
    assert engine_class("gtts").NEEDS_NETWORK and not engine_class("espeak").NEEDS_NETWORK


def test_unknown_engine_is_a_usage_error(station_dir):
    result = run_cli("build", "scripts/vi-du.md", "--engine", "festival")
    assert result.exit_code == 2
    assert "không có bộ đọc 'festival'" in result.output and "espeak" in result.output


def test_third_party_engine_registers_through_entry_point(third_party_engine, station_dir):
    assert third_party_engine in registry()
    listing = run_cli("engines", "--offline")
    assert listing.exit_code == 0 and "tone – tiếng bíp thử nghiệm" in listing.output
    script = write_script(station_dir / "scripts", "a.md", "# Tin\n\nXin chào quý vị.\n")
    result = run_cli("build", script, "--engine", "tone", "-o", "out/a.mp3")
    assert result.exit_code == 0, result.output
    assert read_tags(station_dir / "out" / "a.mp3").engines == "tone"


def test_engines_lists_voices_options_and_what_works_now(station_dir, espeak):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add("HEAD", PROBE, status=200)
        online = run_cli("engines")
    assert online.exit_code == 0
    out = online.output
    for expected in ("gtts – Google", "espeak – espeak-ng", "Giọng vi-vn-x-south: giọng miền Nam",
                     "Tùy chọn rate = 175", "Tùy chọn tld = \"com\"", "Bộ đọc auto: edge → gtts → espeak",
                     "Giọng vi-VN-NamMinhNeural: giọng nam Nam Minh; nam, miền Bắc, trực tuyến; KHÔNG dùng được",
                     "Giọng vi-vn-x-south: giọng miền Nam; nam, miền Nam, ngoại tuyến; dùng được",
                     "Giọng vi (đang dùng): giọng nữ tiếng Việt của Google; nữ, miền Bắc, trực tuyến; dùng được",
                     "piper – Piper", "Chưa có giọng nào."):
        assert expected in out
    assert out.count("Trạng thái: dùng được") == 2  # Google answers; Microsoft does not (no fake service here)
    with responses.RequestsMock():  # nothing answers: the network is down
        offline = run_cli("engines")
    assert "Trạng thái: KHÔNG dùng được: không kết nối được tới translate.google.com" in offline.output
    assert "(chưa đo, ước lượng)" in offline.output and "âm tiết/giây (đã đo)" in offline.output


def test_station_engine_settings_reach_the_engine(station_dir, espeak):
    config = station_dir / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8")
                      + '\n[engines.espeak]\nrate = 150\nvoice = "vi-vn-x-south"\n', encoding="utf-8")
    station = load_station(config)
    chain = engine_chain("espeak", station, ClipCache.for_station(station))
    assert chain.primary.engine.options == {"pitch": 50, "rate": 150}
    assert chain.primary.voice == "vi-vn-x-south"
    listing = run_cli("engines", "--offline")
    assert "Tùy chọn rate = 150" in listing.output and "Giọng vi-vn-x-south (đang dùng): giọng miền Nam" in listing.output


def test_bad_engine_setting_names_the_config_file(station_dir, espeak):
    config = station_dir / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[engines.espeak]\nrate = 5\n", encoding="utf-8")
    result = run_cli("build", "scripts/vi-du.md", "--engine", "espeak")
    assert result.exit_code == 1
    assert "bulletin.toml: engines.espeak.rate = 5 nằm ngoài khoảng cho phép 80–450" in result.output


def test_voice_goes_to_the_engine_that_has_it(station, espeak):
    cache = ClipCache.for_station(station)
    chain = engine_chain("auto", station, cache, voice="vi-vn-x-central")
    assert [(s.name, s.voice) for s in chain.speakers] == [
        ("edge", "vi-VN-HoaiMyNeural"), ("gtts", "vi"), ("espeak", "vi-vn-x-central")]
    with pytest.raises(UsageError, match="không bộ đọc nào có giọng 'en-us'"):
        engine_chain("auto", station, cache, voice="en-us")
    with pytest.raises(UsageError, match="các giọng: vi, vi-vn-x-central, vi-vn-x-south"):
        engine_chain("espeak", station, cache, voice="en-us")


def test_no_fallback_chain_is_the_first_engine_only(station, espeak):
    cache = ClipCache.for_station(station)
    assert [s.name for s in engine_chain("auto", station, cache, fallback=False).speakers] == ["edge"]
    assert [s.name for s in engine_chain("espeak", station, cache).speakers] == ["espeak"]
    assert engine_chain("auto", station, cache).max_chars == 100  # espeak speaks gTTS-sized chunks


@pytest.mark.parametrize("text, pauses", [
    ("Xin chào quý vị.", 0),
    ("Kính thưa quý vị, mời quý vị nghe bản tin.", 1),
    ("Thứ nhất, đổi mới; thứ hai: nâng cao chất lượng, hiệu quả.", 4),
    ("kinh tế – xã hội", 1),
    ("ven sông, ven biển,", 1),  # a comma at the very end is the end of the clip, not a pause inside
])
def test_count_pauses(text, pauses):
    assert count_pauses(text) == pauses


def test_read_rate_formula():
    rate = ReadRate(4.0, pause=0.2, padding=0.3)
    assert rate.seconds("Kính thưa quý vị, mời quý vị nghe bản tin.") == pytest.approx(10 / 4 + 0.2 + 0.3)


def test_fit_recovers_the_read_rate():
    rng = np.random.default_rng(3)
    syllables = rng.integers(5, 40, 200).astype(float)
    pauses = rng.integers(0, 4, 200).astype(float)
    seconds = syllables / 4.5 + pauses * 0.21 + 0.3 + rng.normal(0, 0.02, 200)
    rate = fit(syllables, pauses, seconds)
    assert rate.syllables_per_second == pytest.approx(4.5, rel=0.01)
    assert rate.pause == pytest.approx(0.21, abs=0.02) and rate.padding == pytest.approx(0.3, abs=0.03)


def test_fit_drops_a_negative_term():
    syllables = np.array([10.0, 20.0, 30.0, 40.0])
    rate = fit(syllables, np.array([1.0, 0.0, 1.0, 0.0]), syllables / 5 - np.array([0.1, 0.0, 0.1, 0.0]))
    assert rate.pause == 0.0 and rate.syllables_per_second == pytest.approx(5.0, rel=0.05)


@pytest.mark.parametrize("voice", ["vi", "vi-vn-x-south"])
def test_check_estimate_lands_within_a_few_percent_of_a_real_espeak_build(station, station_dir, espeak, voice):
    script = write_script(station_dir / "scripts", "uoc-tinh.md", ESTIMATE_SCRIPT)
    estimate = check(script, station, engine="espeak", voice=voice)
    assert estimate.ok and estimate.engine == "espeak" and estimate.voice == voice
    built = build(script, station_dir / "out" / "uoc-tinh.wav", station, BuildOptions(engine="espeak", voice=voice))
    assert built.plan.steps == ()  # nothing shortened: the natural length is what was estimated
    assert estimate.total == pytest.approx(built.duration, rel=0.03)


def test_calibrate_command_measures_and_stores(station_dir, espeak):
    result = run_cli("engines", "calibrate", "espeak", "--voice", "vi-vn-x-central")
    assert result.exit_code == 0, result.output
    assert "espeak giọng vi-vn-x-central:" in result.output and "âm tiết/giây" in result.output
    assert "calibration.json" in result.output
    station = load_station(station_dir / "bulletin.toml")
    engine = engine_chain("espeak", station, ClipCache.for_station(station)).primary.engine
    measured = engine.read_rate("vi-vn-x-central")
    builtin = engine_class("espeak").READ_RATES["vi-vn-x-central"]
    assert measured.measured
    # the same program measured on the same text: close to the built-in figure
    assert measured.syllables_per_second == pytest.approx(builtin.syllables_per_second, rel=0.02)


def test_calibrate_gtts_offline_is_a_clear_error(station_dir):
    with responses.RequestsMock():
        result = run_cli("engines", "calibrate", "gtts")
    assert result.exit_code == 1
    assert "Lỗi: không dùng được bộ đọc gtts" in result.output


def test_unknown_option_for_an_engine(station_dir):
    with pytest.raises(ConfigError, match="bộ đọc gtts không có tùy chọn rate; các tùy chọn: tld, slow"):
        get_engine("gtts", {"rate": 2})
