"""The studio through Starlette's test client: every route, every refusal, the password mode."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time

import pytest
from helpers import run_cli, tone, write_audio
from starlette.testclient import TestClient
from web_helpers import SHORT_SCRIPT, make_docx, short_station

from bulletin.config import load_station
from bulletin.web import create_app
from bulletin.web.app import MAX_UPLOAD
from bulletin.web.security import check_password, hash_password, set_password

BASE = "http://127.0.0.1:8080"


def client_for(folder, **kwargs) -> TestClient:
    app = create_app(folder, host="127.0.0.1", port=8080, **kwargs)
    return TestClient(app, base_url=BASE, follow_redirects=False)


# Fixtures are here, not in tests/web/conftest.py: a second conftest module would shadow the root one,
# which other test modules import by name.
@pytest.fixture
def studio_dir(station_dir, espeak):
    return short_station(station_dir)


@pytest.fixture
def client(studio_dir):
    with client_for(studio_dir) as c:
        yield c


def token(c: TestClient) -> str:
    return c.get("/api/station").json()["csrf"]


def wait_done(c: TestClient, job: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = c.get(f"/api/builds/{job}").json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.2)
    raise AssertionError(f"build {job} did not finish")


def build(c: TestClient, name: str, body: str, engine: str = "espeak") -> str:
    answer = c.post("/api/builds", files={"file": (name, body.encode("utf-8"), "text/markdown")},
                    data={"engine": engine, "pad": "1"}, headers={"x-csrf-token": token(c)})
    assert answer.status_code == 202, answer.text
    return answer.json()["id"]


# -- pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("path, words", [
    ("/", ["Làm bản tin mới", "Quý này", "Các lần phát gần nhất"]),
    ("/new", ["Tải tệp lên", "dán văn bản", "kịch bản của đài", "vi-du.md"]),
    ("/broadcasts", ["Đã phát", "Chưa có bản ghi nào"]),
    ("/reports", ["Kết quả phát sóng bản tin chuyên đề", "Tải báo cáo Word"]),
    ("/settings", ["Tên đài", "Nghe thử giọng", "truyen-thanh"]),
    ("/login", ["Mật khẩu"]),
])
def test_every_page_renders_in_vietnamese(client, path, words):
    page = client.get(path)
    assert page.status_code == 200
    for word in words:
        assert word in page.text
    assert 'lang="vi"' in page.text
    assert "http://" not in page.text and "https://" not in page.text  # nothing loaded from elsewhere
    assert page.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in page.headers["content-security-policy"]


def test_static_assets_are_served_from_the_package(client):
    assert "followBuild" in client.get("/static/studio.js").text
    assert "font-family" in client.get("/static/studio.css").text
    assert "@import" not in client.get("/static/studio.css").text


def test_station_api(client, studio_dir):
    info = client.get("/api/station").json()
    station = load_station(studio_dir / "bulletin.toml")
    assert info["name"] == station.name and info["engine"] == "espeak"
    assert "scripts/vi-du.md" in info["scripts"]
    assert info["password"] is False and len(info["csrf"]) == 64


# -- the Host header (DNS rebinding) ---------------------------------------------------------


@pytest.mark.parametrize("host, status", [
    ("evil.example:8080", 400), ("evil.example", 400), ("127.0.0.1:9999", 400), ("localhost:8080", 200),
    ("127.0.0.1:8080", 200), ("192.168.1.20:8080", 200), ("[::1]:8080", 200),
])
def test_host_must_be_the_servers_own(client, host, status):
    assert client.get("/api/station", headers={"host": host}).status_code == status
    assert client.get("/", headers={"host": host}).status_code == status


def test_an_allowed_host_name_is_accepted(studio_dir):
    with client_for(studio_dir, allowed_hosts=("dai-xa.local",)) as c:
        assert c.get("/", headers={"host": "dai-xa.local:8080"}).status_code == 200
        assert c.get("/", headers={"host": "other.local:8080"}).status_code == 400


# -- cross-site requests -------------------------------------------------------------------


def test_cross_site_posts_are_refused(client, studio_dir):
    csrf = token(client)
    docx_bytes = make_docx(studio_dir / "tmp.docx").read_bytes()
    files = {"file": ("a.docx", docx_bytes)}
    refused = [
        client.post("/new/upload", files=files, data={"csrf": csrf}, headers={"origin": "http://evil.example"}),
        client.post("/new/upload", files=files, data={"csrf": csrf}, headers={"sec-fetch-site": "cross-site"}),
        client.post("/new/upload", files=files, data={"csrf": csrf}, headers={"origin": "null"}),
        client.post("/new/upload", files=files),  # no token
        client.post("/new/upload", files=files, data={"csrf": "0" * 64}),
        client.post("/api/builds", files=files, headers={"x-csrf-token": "f" * 64}),
        client.post("/api/broadcasts", json={"file": "x.mp3", "aired": "2024-07-01 06:30"}),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused)
    assert "trang web khác" in refused[0].text
    assert not (studio_dir / "uploads").exists()
    accepted = client.post("/new/upload", files=files, data={"csrf": csrf}, headers={"origin": BASE,
                                                                                      "sec-fetch-site": "same-origin"})
    assert accepted.status_code == 303


def test_token_belongs_to_the_session(client, studio_dir):
    csrf = token(client)
    with client_for(studio_dir) as other:
        other.get("/")
        answer = other.post("/new/paste", data={"csrf": csrf, "text": "Xin chào"})
    assert answer.status_code == 403


# -- new bulletin: upload, paste, script view, save -------------------------------------------


def test_upload_docx_shows_items_estimates_and_spoken_words(client, studio_dir):
    data = make_docx(studio_dir / "tmp" / "ban tin.docx").read_bytes()
    answer = client.post("/new/upload", files={"file": ("../../ban tin.docx", data)}, data={"csrf": token(client)})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/script?path=uploads/ban-tin.docx"
    assert (studio_dir / "uploads" / "ban-tin.docx").read_bytes() == data
    page = client.get(answer.headers["location"])
    assert page.status_code == 200
    assert "Sản phẩm OCOP vươn ra thị trường" in page.text and "Du lịch biển đảo" in page.text
    assert "ủy ban nhân dân" in page.text.lower()  # UBND as it will be spoken
    assert "hai nghìn một trăm năm mươi" in page.text  # 2.150
    assert "<mark>XKPT</mark>" in page.text  # spelled letter by letter
    assert re.search(r"Tổng ước tính</td><td></td><td[^>]*>\d+:\d\d / mục tiêu 1:00", page.text)
    assert "Tạo bản tin" in page.text
    # a second upload of the same name never overwrites the first
    client.post("/new/upload", files={"file": ("ban tin.docx", data)}, data={"csrf": token(client)})
    assert (studio_dir / "uploads" / "ban-tin-2.docx").is_file()


def test_paste_text(client, studio_dir):
    answer = client.post("/new/paste", data={"csrf": token(client), "name": "dan",
                                             "text": "Thông báo lịch tiêm\n\nUBND xã thông báo lịch tiêm ngày 5/7."})
    assert answer.status_code == 303 and answer.headers["location"] == "/script?path=uploads/dan.txt"
    assert "ngày năm tháng bảy" in client.get(answer.headers["location"]).text


@pytest.mark.parametrize("name, content, status, words", [
    ("virus.exe", b"MZ\x90\x00", 415, "không nhận loại tệp"),
    ("fake.docx", b"not a zip at all", 415, "không phải là tệp .docx"),
    ("fake.mp3", b"hello", 415, "không phải là tệp .mp3"),
    ("binary.txt", b"abc\x00def", 415, "không phải là tệp .txt"),
    ("empty.md", b"", 415, "rỗng"),
])
def test_bad_uploads_are_refused(client, studio_dir, name, content, status, words):
    answer = client.post("/new/upload", files={"file": (name, content)}, data={"csrf": token(client)})
    assert answer.status_code == status
    assert words in answer.text
    assert not any((studio_dir / "uploads").glob("*")) if (studio_dir / "uploads").exists() else True


def test_upload_without_a_file(client):
    assert client.post("/new/upload", data={"csrf": token(client)}).status_code == 400
    assert client.post("/new/paste", data={"csrf": token(client), "text": " "}).status_code == 400


def test_oversize_upload_is_answered_413(client, studio_dir):
    big = b"PK\x03\x04" + b"\x00" * MAX_UPLOAD
    for path in ("/new/upload", "/api/builds"):
        answer = client.post(path, files={"file": ("big.docx", big)}, headers={"x-csrf-token": token(client)})
        assert answer.status_code == 413
        assert "50 MB" in answer.text
    assert not (studio_dir / "uploads").exists()


def test_oversize_body_without_length_is_answered_413(client, studio_dir):
    def chunks():
        for _ in range(MAX_UPLOAD // (1 << 20) + 2):
            yield b"x" * (1 << 20)

    answer = client.post("/new/paste", content=chunks(), headers={
        "x-csrf-token": token(client), "content-type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413


def test_script_error_is_shown_with_its_line(client, studio_dir):
    (studio_dir / "scripts" / "hong.md").write_text("---\ntitle: Hỏng\n---\n\n# Mục\n\n@khongco 1\n", encoding="utf-8")
    page = client.get("/script?path=scripts/hong.md")
    assert page.status_code == 200
    assert "dòng 7" in page.text and 'class="bad"' in page.text
    cli = run_cli("check", "scripts/hong.md")
    assert cli.exit_code == 1
    message = cli.output.strip().splitlines()[-1].removeprefix("Lỗi: ")
    assert message in page.text.replace("&#39;", "'").replace("&#34;", '"')


def test_edit_and_save_as_markdown(client, studio_dir):
    make_docx(studio_dir / "uploads" / "so.docx")
    page = client.get("/script?path=uploads/so.docx")
    assert 'name="id" value="TTĐN-' in page.text  # an id is proposed
    body = "# Sản phẩm OCOP\n\nNội dung đã sửa trong trang.\n"
    answer = client.post("/script/save", data={"csrf": token(client), "name": "../../ban-tin-moi", "title": "Bản tin mới",
                                               "id": "TTĐN-2024-Q3-01", "series": "Thông tin đối ngoại",
                                               "date": "2024-07-15", "body": body})
    assert answer.status_code == 303
    saved = studio_dir / "scripts" / "ban-tin-moi.md"
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Bản tin mới\nid: TTĐN-2024-Q3-01\n") and "Nội dung đã sửa" in text
    reopened = client.get(answer.headers["location"])
    assert "Nội dung đã sửa trong trang." in reopened.text and 'value="2024-07-15"' in reopened.text
    broken = client.post("/script/save", data={"csrf": token(client), "name": "hong", "title": "X", "body": "# A\n\n@bed\n@wrong"})
    assert broken.status_code == 422 and "dòng" in broken.text
    assert not (studio_dir / "scripts" / "hong.md").exists()
    assert not list((studio_dir / "scripts").glob(".*"))


# -- paths never leave the station folder -----------------------------------------------------


@pytest.mark.parametrize("url", [
    "/script?path=../outside.md", "/script?path=/etc/passwd", "/script?path=scripts/../../outside.md",
    "/listen?path=../outside.mp3", "/api/files?path=../outside.mp3", "/api/files?path=%2Fetc%2Fpasswd",
    "/script?path=link/outside.md", "/api/files?path=link/outside.mp3", "/script?path=C:/x.md",
    "/api/files?path=bulletin.toml",
])
def test_no_path_escapes_the_station(client, studio_dir, url):
    outside = studio_dir.parent / "outside.md"
    outside.write_text("---\ntitle: bí mật\n---\n", encoding="utf-8")
    write_audio(studio_dir.parent / "outside.mp3", tone(1.0), 44100, b="64k")
    (studio_dir / "link").symlink_to(studio_dir.parent)
    answer = client.get(url)
    assert answer.status_code == 403
    assert "bí mật" not in answer.text


def test_traversal_in_forms_is_refused(client, studio_dir):
    csrf = token(client)
    assert client.post("/builds", data={"csrf": csrf, "path": "../outside.md"}).status_code == 403
    assert client.post("/broadcasts", data={"csrf": csrf, "file": "../../x.mp3", "day": "1/7/2024",
                                            "time": "6:30"}).status_code == 403
    assert client.post("/api/builds", data={"script": "/etc/passwd"}, headers={"x-csrf-token": csrf}).status_code == 403
    missing = client.get("/script?path=scripts/khong-co.md")
    assert missing.status_code == 404 and "Không tìm thấy" in missing.text


# -- builds --------------------------------------------------------------------------------


def test_build_queue_listen_log_quota_report(client, studio_dir):
    first = build(client, "mot.md", SHORT_SCRIPT)
    second = build(client, "hai.md", SHORT_SCRIPT.replace("TTĐN-THU-01", "TTĐN-THU-02").replace("02 buổi", "03 buổi"))
    a, b = wait_done(client, first), wait_done(client, second)
    assert a["status"] == b["status"] == "done", (a, b)
    jobs = client.app.state.studio.builds
    assert jobs.most_at_once == 1  # queued, never interleaved
    assert jobs.get(second).started >= jobs.get(first).finished
    assert a["output"] == "out/mot.mp3" and b["output"] == "out/hai.mp3"
    assert 59.5 <= a["result"]["duration"] <= 60.1  # filled to the station's target with the bed (pad)
    assert a["progress"] == 1.0 and any("Đang đọc mục" in m for m in a["messages"])
    assert "Tin thứ nhất" in [c["title"] for c in a["result"]["chapters"]]

    events = client.get(f"/api/builds/{first}/events")
    assert events.headers["content-type"].startswith("text/event-stream")
    assert "data: " in events.text and "event: end" in events.text and '"status": "done"' in events.text

    audio = client.get(f"/api/builds/{first}/audio")
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"
    assert audio.content == (studio_dir / "out" / "mot.mp3").read_bytes()
    ranged = client.get(f"/api/builds/{first}/audio", headers={"range": "bytes=0-99"})
    assert ranged.status_code == 206 and len(ranged.content) == 100
    assert "attachment" in client.get(f"/api/builds/{first}/audio?download=1").headers["content-disposition"]

    page = client.get(f"/builds/{first}")
    assert "Nghe bản tin" in page.text and "Tin thứ nhất" in page.text and 'class="chapter"' in page.text
    assert "Độ dài tự nhiên" in page.text and "Ghi sổ phát sóng" in page.text and 'id="log-open"' in page.text

    listen = client.get("/listen?path=out/mot.mp3")
    assert listen.status_code == 200 and "Bản tin ngắn" in listen.text and "Tin thứ nhất" in listen.text

    today = dt.date.today()
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    before = client.get(f"/api/quota?period={quarter}").json()["quarters"][0]
    csrf = token(client)
    aired = f"{today.day}/{today.month}/{today.year} 06:30"
    logged = client.post("/api/broadcasts", json={"build": first, "aired": aired, "place": "Cụm loa thôn 3"},
                         headers={"x-csrf-token": csrf})
    assert logged.status_code == 201, logged.text
    assert logged.json()["title"] == "Bản tin ngắn" and logged.json()["place"] == "Cụm loa thôn 3"
    again = client.post("/api/broadcasts", json={"build": first, "aired": aired, "place": "Cụm loa thôn 3"},
                        headers={"x-csrf-token": csrf})
    assert again.status_code == 422 and "đã có bản ghi này" in again.json()["error"]
    form = client.post("/broadcasts", data={"csrf": csrf, "file": "out/hai.mp3", "day": f"{today.day}/{today.month}/{today.year}",
                                            "time": "17h", "place": "Cụm loa thôn 5"})
    assert form.status_code == 303 and "Đã ghi sổ" in client.get(form.headers["location"]).text
    after = client.get(f"/api/quota?period={quarter}").json()["quarters"][0]
    assert after["aired"] == before["aired"] + 2 and after["airings"] == 2
    home = client.get("/")
    assert f"{after['aired']:02d}/{after['required']:02d}" in home.text and "Cụm loa thôn 5" in home.text

    by_script = client.post("/api/broadcasts", json={"script": "uploads/mot.md", "aired": f"{today.isoformat()} 19:00",
                                                     "place": "Cụm loa thôn 3"}, headers={"x-csrf-token": csrf})
    assert by_script.status_code == 201 and by_script.json()["file_name"] == "mot.mp3"
    assert by_script.json()["earlier_airings"] == 1  # a re-broadcast: logged, counted once
    not_built = client.post("/api/broadcasts", json={"script": "scripts/vi-du.md", "aired": "2024-07-01 06:30"},
                            headers={"x-csrf-token": csrf})
    assert not_built.status_code == 404 and "chưa được tạo" in not_built.json()["error"]
    assert client.post("/api/broadcasts", json={"aired": "x"}, headers={"x-csrf-token": csrf}).status_code == 400
    bad_time = client.post("/api/broadcasts", json={"build": first, "aired": "hôm qua"}, headers={"x-csrf-token": csrf})
    assert bad_time.status_code == 422 and "thời điểm phát không hợp lệ" in bad_time.json()["error"]
    listing = client.get(f"/api/broadcasts?period={today.year}").json()
    assert sorted(r["place"] for r in listing) == ["Cụm loa thôn 3", "Cụm loa thôn 3", "Cụm loa thôn 5"]

    half = f"{today.year}-H{1 if today.month <= 6 else 2}"
    csv = client.get(f"/api/report?period={half}&format=csv")
    assert csv.status_code == 200 and "Bản tin ngắn" in csv.text and csv.headers["content-type"].startswith("text/csv")
    md = client.get(f"/api/report?period={half}&format=md")
    assert "Cụm loa thôn 3" in md.text
    docx_file = client.get(f"/api/report?period={half}&format=docx")
    assert docx_file.content[:4] == b"PK\x03\x04"
    import docx

    text = "\n".join(c.text for t in docx.Document(io.BytesIO(docx_file.content)).tables for r in t.rows for c in r.cells)
    assert "Bản tin ngắn" in text
    per_place = client.get(f"/reports?period={half}&place=Cụm loa thôn 5")
    assert "Cụm loa thôn 5" in per_place.text and "Cụm loa thôn 3</td>" not in per_place.text
    assert client.get(f"/api/report?period={half}&format=pdf").status_code == 400
    assert client.get("/api/report?period=2024-Q9&format=csv").status_code == 400
    assert client.get("/api/quota?period=abc").status_code == 400


def test_progress_arrives_while_the_build_runs(client):
    job = build(client, "song.md", SHORT_SCRIPT.replace("02 buổi", "04 buổi về an toàn giao thông"))  # not cached
    seen, event_name = [], "message"
    with client.stream("GET", f"/api/builds/{job}/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event_name = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                data = json.loads(line[5:])
                seen.append((event_name, data.get("stage"), client.app.state.studio.builds.get(job).status))
    stages = [stage for name, stage, _ in seen if name == "message"]
    assert stages[:3] == ["queued", "start", "prepare"] and stages[-2:] == ["mixing", "done"]
    assert stages.count("synthesis") >= 3
    # the synthesis events were read while the build was still running: the page sees them live
    assert all(status == "running" for _, stage, status in seen if stage == "synthesis")
    assert seen[-1][0] == "end"


def test_unknown_build(client):
    for url in ("/api/builds/nope", "/api/builds/nope/events", "/api/builds/nope/audio", "/builds/nope"):
        answer = client.get(url)
        assert answer.status_code == 404, url
    assert "Không có lần tạo bản tin này" in client.get("/builds/nope").text


def test_failed_build_leaves_no_file_and_says_what_the_cli_says(client, studio_dir):
    long_text = "Bà con nông dân chăm sóc lúa vụ hè thu đúng lịch thời vụ. " * 12
    script = f"---\ntitle: Quá dài\ntarget: \"0:10\"\n---\n\n# Mục dài\n\n{long_text}\n"
    job = build(client, "qua-dai.md", script)
    state = wait_done(client, job)
    assert state["status"] == "failed"
    assert not (studio_dir / "out" / "qua-dai.mp3").exists()
    assert not [p for p in (studio_dir / "out").glob("*") if "qua-dai" in p.name]
    cli = run_cli("build", "uploads/qua-dai.md", "-o", "out/cli.mp3", "--engine", "espeak")
    assert cli.exit_code == 1
    assert state["error"] == cli.output.strip().splitlines()[-1].removeprefix("Lỗi: ")
    assert "vượt mục tiêu" in state["error"]
    page = client.get(f"/builds/{job}")
    assert "Không tạo được bản tin." in page.text and "vượt mục tiêu" in page.text
    assert client.get(f"/api/builds/{job}/audio").status_code == 404


def test_form_build_redirects_to_the_build_page(client, studio_dir):
    (studio_dir / "scripts" / "ngan.md").write_text(SHORT_SCRIPT, encoding="utf-8")
    answer = client.post("/builds", data={"csrf": token(client), "path": "scripts/ngan.md", "engine": "espeak"})
    assert answer.status_code == 303 and answer.headers["location"].startswith("/builds/")
    job = answer.headers["location"].rsplit("/", 1)[1]
    assert wait_done(client, job)["status"] == "done"
    assert (studio_dir / "out" / "ngan.mp3").is_file()


# Every recording type the command line builds, made by the real ffmpeg in a common codec of its kind.
RECORDING_CODECS = {".mp3": {"b": "64k"}, ".m4a": {"c": "aac"}, ".wav": {}, ".ogg": {"c": "libvorbis"},
                    ".opus": {"c": "libopus"}, ".flac": {}, ".aac": {"c": "aac", "f": "adts"},
                    ".wma": {"c": "wmav2"}, ".mp4": {"c": "aac"}, ".oga": {"c": "flac", "f": "ogg"},
                    ".webm": {"c": "libopus"}}


def test_every_recording_type_the_command_line_takes_can_be_uploaded(client, studio_dir):
    from bulletin.script import AUDIO_SUFFIXES
    from bulletin.web.forms import MEDIA_TYPES

    assert set(RECORDING_CODECS) == set(AUDIO_SUFFIXES)
    picker = re.search(r'id="upload-file"[^>]*accept="([^"]+)"', client.get("/new").text).group(1)
    assert set(picker.split(",")) == {".docx", ".txt", ".md", *AUDIO_SUFFIXES}
    for suffix, codec in RECORDING_CODECS.items():
        data = write_audio(studio_dir.parent / f"so{suffix}", tone(1.0), 44100, **codec).read_bytes()
        answer = client.post("/new/upload", files={"file": (f"ban-tin{suffix}", data)}, data={"csrf": token(client)})
        assert answer.status_code == 303, (suffix, answer.text[:300])
        assert answer.headers["location"] == f"/listen?path=uploads/ban-tin{suffix}"
        assert client.get(answer.headers["location"]).status_code == 200
        served = client.get(f"/api/files?path=uploads/ban-tin{suffix}")
        assert served.status_code == 200 and served.content == data
        assert served.headers["content-type"].startswith(MEDIA_TYPES[suffix])
        renamed = client.post("/new/upload", files={"file": (f"doi-duoi{suffix}", b"PK\x03\x04" + data[:64])},
                              data={"csrf": token(client)})
        assert renamed.status_code == 415 and f"không phải là tệp {suffix}" in renamed.text


def test_script_and_listen_pages_say_a_bulletin_too_short_for_the_quota_will_not_count(station_dir, espeak):
    script = station_dir / "scripts" / "ngan.md"
    script.write_text("---\ntitle: Tin ngắn\n---\n# Tin\n\nBà con chú ý lịch tiêm phòng.\n", encoding="utf-8")
    assert run_cli("build", script, "-o", station_dir / "out" / "ngan.mp3", "--engine", "espeak").exit_code == 0
    with client_for(station_dir) as c:
        page = c.get("/script?path=scripts/ngan.md&engine=espeak")
        assert page.status_code == 200
        assert "ngắn hơn 9:00" in page.text and "sẽ không được tính" in page.text, page.text
        listen = c.get("/listen?path=out/ngan.mp3")
        assert 'id="verdict-uncounted"' in listen.text and "ngắn hơn 9:00" in listen.text
        assert "có thể phát ngay, nhưng lần phát sẽ không được tính vào chỉ tiêu" in listen.text
        logged = c.post("/broadcasts", data={"csrf": token(c), "file": "out/ngan.mp3", "day": "2/10/2024",
                                             "time": "6h30"})
        assert logged.status_code == 303
        assert "ngắn hơn quy định (9:00 trở lên): được ghi nhưng không tính vào chỉ tiêu" in \
            c.get(logged.headers["location"]).text
        answer = c.post("/api/broadcasts", json={"file": "out/ngan.mp3", "aired": "2024-10-03 06:30"},
                        headers={"x-csrf-token": token(c)})
        assert answer.status_code == 201 and any("không tính vào chỉ tiêu" in w for w in answer.json()["warnings"])


def test_the_studio_logs_two_documents_built_with_the_same_proposed_id_as_two_bulletins(client, studio_dir):
    titles = ("Phòng chống bão số 12", "Lịch tiêm phòng tháng 10", "Lịch cắt điện")
    for n, title in enumerate(titles, start=1):
        (studio_dir / f"van-ban-{n}.txt").write_text(f"{title}\n\nBà con chú ý thông báo số {n}.\n", encoding="utf-8")
        built = run_cli("build", studio_dir / f"van-ban-{n}.txt", "-o", studio_dir / f"may-{n}" / "ban-tin.mp3",
                        "--engine", "espeak", "--date", "2/10/2024")
        assert "Mã bản tin: TTĐN-2024-Q4-01 (đề xuất" in built.output, built.output  # three computers, one id
    csrf = token(client)
    first = client.post("/broadcasts", data={"csrf": csrf, "file": "may-1/ban-tin.mp3", "day": "3/10/2024",
                                             "time": "6h30"})
    assert first.status_code == 303
    second = client.post("/api/broadcasts", json={"file": "may-2/ban-tin.mp3", "aired": "2024-10-04 06:30"},
                         headers={"x-csrf-token": csrf})
    assert second.status_code == 201, second.text
    answer = second.json()
    assert answer["bulletin_id"] == "TTĐN-2024-Q4-02" and answer["renumbered_from"] == "TTĐN-2024-Q4-01"
    assert "đã thuộc bản tin khác trong sổ: “Phòng chống bão số 12”" in answer["notes"][0]
    third = client.post("/broadcasts", data={"csrf": csrf, "file": "may-3/ban-tin.mp3", "day": "5/10/2024",
                                             "time": "6h30"})
    page = client.get(third.headers["location"]).text
    assert "được ghi với mã TTĐN-2024-Q4-03 (mã mới, tính là một bản tin riêng)" in page
    quarters = client.get("/api/quota?period=2024-Q4").json()["quarters"]
    assert quarters[0]["aired"] == 3


def test_uploaded_recording_is_logged_with_a_title(client, studio_dir):
    data = write_audio(studio_dir.parent / "so.mp3", tone(3.0), 44100, b="64k").read_bytes()
    answer = client.post("/new/upload", files={"file": ("ban-tin-so.mp3", data)}, data={"csrf": token(client)})
    assert answer.headers["location"] == "/listen?path=uploads/ban-tin-so.mp3"
    page = client.get(answer.headers["location"])
    assert 'name="title" required' in page.text
    csrf = token(client)
    missing = client.post("/broadcasts", data={"csrf": csrf, "file": "uploads/ban-tin-so.mp3", "day": "2/7/2024",
                                               "time": "6:30"})
    assert missing.status_code == 422 and "không có thẻ tiêu đề" in missing.text
    bad_time = client.post("/broadcasts", data={"csrf": csrf, "file": "uploads/ban-tin-so.mp3", "day": "2/7/2024",
                                                "time": "25:00", "title": "Bản tin của Sở"})
    assert bad_time.status_code == 422 and "giờ phát không hợp lệ" in bad_time.text
    ok = client.post("/broadcasts", data={"csrf": csrf, "file": "uploads/ban-tin-so.mp3", "day": "2/7/2024",
                                          "time": "6h30", "title": "Bản tin của Sở", "place": "Cụm loa A"})
    assert ok.status_code == 303
    page = client.get(ok.headers["location"])
    assert "Bản tin của Sở" in page.text and "2/7/2024" in page.text and "06:30" in page.text


def test_void_and_amend_keep_history(client, studio_dir):
    data = write_audio(studio_dir.parent / "a.mp3", tone(2.0), 44100, b="64k").read_bytes()
    client.post("/new/upload", files={"file": ("a.mp3", data)}, data={"csrf": token(client)})
    csrf = token(client)
    client.post("/broadcasts", data={"csrf": csrf, "file": "uploads/a.mp3", "day": "2/7/2024", "time": "6:30",
                                     "title": "Tin A", "place": "Cụm 1"})
    record = client.get("/api/broadcasts?period=2024").json()[0]["record_id"]
    no_reason = client.post(f"/broadcasts/{record}/amend", data={"csrf": csrf, "period": "2024", "place": "Cụm 2"})
    assert no_reason.status_code == 422 and "cần ghi lý do" in no_reason.text
    amended = client.post(f"/broadcasts/{record}/amend", data={"csrf": csrf, "period": "2024", "place": "Cụm 2",
                                                               "reason": "Ghi nhầm cụm loa"})
    assert amended.status_code == 303
    page = client.get(amended.headers["location"])
    assert "Đã sửa bản ghi" in page.text and "Lịch sử (2)" in page.text and "Ghi nhầm cụm loa" in page.text
    voided = client.post(f"/broadcasts/{record}/void", data={"csrf": csrf, "period": "2024", "reason": "Mất điện"})
    page = client.get(voided.headers["location"])
    assert "ĐÃ HỦY: Mất điện" in page.text and "Lịch sử (3)" in page.text
    assert client.get("/api/broadcasts?period=2024").json()[0]["status"] == "voided"
    again = client.post(f"/broadcasts/{record}/void", data={"csrf": csrf, "period": "2024", "reason": "lần nữa"})
    assert again.status_code == 422 and "đã bị hủy" in again.text
    unknown = client.post("/broadcasts/abcdef12/frobnicate", data={"csrf": csrf, "period": "2024"})
    assert unknown.status_code == 422
    assert client.get("/broadcasts?period=2024-Q7").status_code == 200
    assert "kỳ báo cáo không hợp lệ" in client.get("/broadcasts?period=2024-Q7").text


# -- settings ------------------------------------------------------------------------------


def test_settings_saved_to_bulletin_toml_keeping_comments(client, studio_dir):
    config = studio_dir / "bulletin.toml"
    values = {"csrf": token(client), "name": "Đài Truyền thanh xã Tam Hiệp", "place": "Cụm loa trung tâm",
              "operator": "Chị Lan", "series": "Thông tin đối ngoại", "target": "9:30", "engine": "espeak",
              "voice": "vi-vn-x-south", "preset": "ebu-r128", "per_quarter": "3"}
    answer = client.post("/settings", data=values)
    assert answer.status_code == 200 and "Đã lưu cấu hình" in answer.text
    station = load_station(config)
    assert (station.name, station.target, station.voice, station.audio.preset, station.quota_per_quarter) == \
        ("Đài Truyền thanh xã Tam Hiệp", "9:30", "vi-vn-x-south", "ebu-r128", 3)
    assert station.audio.loudness == -23.0
    assert "# tên đài" in config.read_text(encoding="utf-8")  # the explanations stay


@pytest.mark.parametrize("field, value, words", [
    ("target", "mười phút", "bulletin.target"),
    ("preset", "to-lam", "audio.preset không hợp lệ"),
    ("per_quarter", "hai", "quota.per_quarter phải là số nguyên"),
    ("voice", "giong-la", "giọng 'giong-la' không có trong bộ đọc espeak"),
    ("engine", "khong-co", "không có bộ đọc 'khong-co'"),
])
def test_settings_are_validated_with_the_clis_messages(client, studio_dir, field, value, words):
    config = studio_dir / "bulletin.toml"
    before = config.read_bytes()
    values = {"csrf": token(client), "name": "Đài", "target": "10:00", "engine": "espeak", "voice": "",
              "preset": "truyen-thanh", "per_quarter": "2"} | {field: value}
    answer = client.post("/settings", data=values)
    assert answer.status_code == 422
    assert words in answer.text.replace("&#39;", "'")
    assert config.read_bytes() == before


def test_voice_preview_speaks(client):
    answer = client.get("/api/voices/preview?engine=espeak&voice=vi")
    assert answer.status_code == 200 and answer.headers["content-type"] in ("audio/wav", "audio/mpeg")
    assert answer.content[:4] == b"RIFF" or answer.content[:3] == b"ID3" or answer.content[0] == 0xFF
    assert len(answer.content) > 20000
    assert client.get("/api/voices/preview?engine=espeak&voice=khong-co").status_code == 422


# -- password mode -----------------------------------------------------------------------------


def test_password_hash_is_salted_scrypt():
    one, two = hash_password("mat-khau-dai"), hash_password("mat-khau-dai")
    assert one != two and one.startswith("scrypt$") and "mat-khau-dai" not in one
    assert check_password("mat-khau-dai", one) and not check_password("mat-khau-sai", one)
    assert not check_password("x", "garbage")


def test_password_mode_needs_login(studio_dir):
    set_password(studio_dir, "mat-khau-dai")
    with client_for(studio_dir) as c:
        page = c.get("/reports")
        assert page.status_code == 303 and page.headers["location"] == "/login?next=/reports"
        assert c.get("/api/station").status_code == 401
        assert c.get("/api/builds/x/audio").status_code == 401
        login = c.get("/login?next=/reports")
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', login.text).group(1)
        wrong = c.post("/login?next=/reports", data={"csrf": csrf, "password": "sai-mat-khau"})
        assert wrong.status_code == 401 and "Mật khẩu không đúng" in wrong.text
        assert c.post("/login", data={"password": "mat-khau-dai"}).status_code == 403  # no token
        right = c.post("/login?next=/reports", data={"csrf": csrf, "password": "mat-khau-dai"})
        assert right.status_code == 303 and right.headers["location"] == "/reports"
        assert c.get("/reports").status_code == 200
        info = c.get("/api/station").json()
        assert info["password"] is True
        assert c.post("/logout", data={"csrf": info["csrf"]}).status_code == 303
        assert c.get("/reports").status_code == 303
    with client_for(studio_dir) as c:
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', c.get("/login").text).group(1)
        outside = c.post("/login?next=//evil.example/", data={"csrf": csrf, "password": "mat-khau-dai"})
        assert outside.headers["location"] == "/"


def test_too_many_wrong_passwords_wait_a_minute(studio_dir):
    set_password(studio_dir, "mat-khau-dai")
    with client_for(studio_dir) as c:
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', c.get("/login").text).group(1)
        answers = [c.post("/login", data={"csrf": csrf, "password": f"sai-{n}"}).status_code for n in range(5)]
        assert answers == [401] * 5
        locked = c.post("/login", data={"csrf": csrf, "password": "mat-khau-dai"})
        assert locked.status_code == 429 and "thử lại sau" in locked.text
        guard = c.app.state.studio.guard
        assert guard.wait_seconds(now=guard.failures[-1] + 61) == 0


# -- the commands ------------------------------------------------------------------------------


def test_serve_on_another_host_without_a_password_refuses_and_says_how(studio_dir):
    result = run_cli("serve", "--host", "0.0.0.0", "--no-browser")
    assert result.exit_code == 2
    assert "cần mật khẩu" in result.output and "bulletin password" in result.output


def test_password_command_stores_a_hash(studio_dir):
    result = run_cli("password", input="mat-khau-dai\nmat-khau-dai\n")
    assert result.exit_code == 0, result.output
    stored = (studio_dir / ".studio-password").read_text(encoding="utf-8")
    assert stored.startswith("scrypt$") and "mat-khau-dai" not in stored
    assert check_password("mat-khau-dai", stored)
    assert (studio_dir / ".studio-password").stat().st_mode & 0o077 == 0
    short = run_cli("password", input="ngan\nngan\n")
    assert short.exit_code == 2 and "ít nhất 8 ký tự" in short.output
    assert "Đã bỏ mật khẩu" in run_cli("password", "--remove").output
    assert not (studio_dir / ".studio-password").exists()


def test_commands_have_help():
    for command in ("serve", "password"):
        result = run_cli(command, "--help")
        assert result.exit_code == 0 and "Ví dụ:" in result.output


def test_reports_page_picks_one_station_of_a_merged_district_log(client, studio_dir):
    from log_helpers import entry

    from bulletin.log import store

    station = load_station(studio_dir / "bulletin.toml")
    db = station.database_path
    series = station.series
    for aired, key, code in (("2024-04-10 06:30", "A", "TH"), ("2024-05-10 06:30", "B", "TH"),
                             ("2024-04-12 06:30", "C", "PL")):
        store.add(db, entry(aired, key, series=series, duration=60.0, title=f"Bản tin {key}"),
                  station_name=f"Đài xã {code}", station_code=code)
    both = client.get("/reports?period=2024-Q2")
    assert both.status_code == 200
    assert 'id="station"' in both.text and "tất cả các đài" in both.text
    assert "Bản tin A" in both.text and "Bản tin C" in both.text

    one = client.get("/reports?period=2024-Q2&station=PL")
    assert "Bản tin C" in one.text and "Bản tin A" not in one.text and "Bản tin B" not in one.text
    # the commune that aired one bulletin is not hidden behind the district's three
    assert "<td>01</td><td>02</td><td>01</td>" in one.text and "chưa đạt" in one.text
    assert "&amp;station=PL" in one.text  # the downloads keep the choice
    csv = client.get("/api/report?period=2024-Q2&station=PL&format=csv")
    assert csv.status_code == 200 and "Bản tin C" in csv.text and "Bản tin A" not in csv.text


def test_a_downloaded_recording_gets_a_verdict_builds_from_one_button_and_is_remembered(client, studio_dir):
    from recording_helpers import talk, write_recording

    samples, _ = talk(20.0, lead=1.5, tail=1.5, seed=5)
    data = write_recording(studio_dir.parent / "so.mp3", samples, 44100, level_db=-30.0,
                           codec=["-b:a", "64k"]).read_bytes()
    answer = client.post("/new/upload", files={"file": ("ban-tin-so.mp3", data)}, data={"csrf": token(client)})
    assert answer.headers["location"] == "/listen?path=uploads/ban-tin-so.mp3"
    page = client.get(answer.headers["location"])
    assert "Tệp chưa đạt yêu cầu." in page.text and "nhỏ hơn mục tiêu" in page.text
    assert 'id="build-form"' in page.text
    started = client.post("/builds", data={"csrf": token(client), "path": "uploads/ban-tin-so.mp3", "wrap": "0",
                                           "engine": "espeak"})
    assert started.status_code == 303
    job = started.headers["location"].rsplit("/", 1)[1]
    assert wait_done(client, job)["status"] == "done"
    built = client.get("/listen?path=out/ban-tin-so.mp3")
    assert "Tệp đạt yêu cầu, có thể phát ngay." in built.text and 'id="build-form"' not in built.text
    csrf = token(client)
    first = client.post("/broadcasts", data={"csrf": csrf, "file": "uploads/ban-tin-so.mp3", "day": "2/7/2024",
                                             "time": "6:30", "title": "Bản tin của Sở", "bulletin_id": "SO-07"})
    assert first.status_code == 303
    again = client.get("/listen?path=uploads/ban-tin-so.mp3")
    assert "Đã nhận ra tệp" in again.text and 'name="title" required' not in again.text
    second = client.post("/broadcasts", data={"csrf": csrf, "file": "uploads/ban-tin-so.mp3", "day": "9/7/2024",
                                              "time": "6:30"})
    assert second.status_code == 303
    records = client.get("/api/broadcasts?period=2024").json()
    assert [(r["title"], r["bulletin_id"]) for r in records] == [("Bản tin của Sở", "SO-07")] * 2


def test_airings_logged_in_the_studio_belong_to_the_station_like_the_command_lines(station_dir):
    # Otherwise the quota counts the studio's records as another, nameless station beside the
    # player's and the command line's, and every quarter shows twice the bulletins missing.
    from helpers import tone, write_audio

    from bulletin.config import load_station
    from bulletin.log import store as log_store

    write_audio(station_dir / "out" / "a.mp3", tone(2.0), 44100)
    write_audio(station_dir / "out" / "b.mp3", tone(3.0), 44100)
    assert run_cli("log", "add", station_dir / "out" / "a.mp3", "--aired", "2/10/2024 6h30", "--title", "Bản tin A",
                   "--id", "A-1").exit_code == 0
    with client_for(station_dir) as c:
        page = c.post("/broadcasts", data={"csrf": token(c), "file": "out/b.mp3", "day": "3/10/2024", "time": "6h30",
                                           "title": "Bản tin B", "bulletin_id": "B-1"})
        assert page.status_code == 303
        api = c.post("/api/broadcasts", json={"file": "out/b.mp3", "aired": "2024-10-04 06:30", "title": "Bản tin B",
                                              "id": "B-1"}, headers={"x-csrf-token": token(c)})
        assert api.status_code == 201, api.text
    station = load_station(station_dir / "bulletin.toml")
    records = log_store.current(station.database_path)
    assert len(records) == 3
    assert {(r.station_name, r.station_code) for r in records} == {(station.name, station.short_code)}
    quota = run_cli("quota", "2024-Q4")
    assert "không rõ đài" not in quota.output and "Cả 2 đài" not in quota.output, quota.output


def test_the_listen_page_says_a_file_cut_short_must_be_fetched_again(station_dir):
    import subprocess

    whole = station_dir / "out" / "du.mp3"
    subprocess.run(["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", "sine=f=440:d=60", "-b:a", "128k",
                    str(whole)], check=True)
    (station_dir / "out" / "cut.mp3").write_bytes(whole.read_bytes()[: whole.stat().st_size // 3])
    with client_for(station_dir) as c:
        page = c.get("/listen?path=out/cut.mp3").text
    assert 'id="verdict-cut"' in page and "Tệp bị cụt" in page
    assert 'id="build-button"' not in page  # building from it cannot help
