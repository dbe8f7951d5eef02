"""The studio's "Lịch phát" page and the home page's reminders, with a real player running in a thread."""

from __future__ import annotations

import datetime as dt

import pytest
from air_helpers import bulletin_mp3, playing, run_in_thread, wait_for
from starlette.testclient import TestClient

from bulletin.air import schedule, state
from bulletin.air.clock import ShiftedClock
from bulletin.air.onair import OnAir
from bulletin.air.players import SilentPlayer
from bulletin.config import load_station
from bulletin.errors import LogError
from bulletin.log import store
from bulletin.log.record import COMPLETE, INTERRUPTED, MISSED
from bulletin.web import create_app


def logged(db) -> list:
    """The log's records; none while the player is still creating the file (a reader refuses a
    log file that is not written yet, and the test polls)."""
    try:
        return store.current(db)
    except LogError:
        return []

BASE = "http://127.0.0.1:8080"


@pytest.fixture
def client(station_dir):
    with TestClient(create_app(station_dir, host="127.0.0.1", port=8080), base_url=BASE,
                    follow_redirects=False) as c:
        yield c


def token(c: TestClient) -> str:
    return c.get("/api/station").json()["csrf"]


def test_the_page_lists_the_week_ahead_and_edits_the_schedule(client, station_dir):
    bulletin_mp3(station_dir / "out" / "a.mp3", 1.0, "Bản tin A")
    page = client.get("/schedule")
    assert page.status_code == 200 and "Lịch phát đang trống" in page.text and "Trình phát chưa chạy" in page.text
    assert '<a href="/schedule" class="here">Lịch phát</a>' in page.text
    refused = client.post("/schedule/add", data={"file": "out/a.mp3", "when": "hằng ngày 6h", "place": "Cụm 1"})
    assert refused.status_code == 403 and not (station_dir / schedule.SCHEDULE_FILE).exists()
    added = client.post("/schedule/add", data={"csrf": token(client), "file": "out/a.mp3",
                                                "when": "thứ 2, 4, 6 lúc 6h30", "place": "Cụm loa thôn 1"})
    assert added.status_code == 303
    shown = client.get(added.headers["location"])
    assert "Đã thêm mục 1" in shown.text and "thứ hai, thứ tư, thứ sáu lúc 06:30" in shown.text
    assert shown.text.count("<td>06:30</td>") == 3  # three airings in the next seven days
    bad = client.post("/schedule/add", data={"csrf": token(client), "file": "out/a.mp3", "when": "thứ 9 lúc 6h"})
    assert "không hiểu ngày" in client.get(bad.headers["location"]).text
    outside = client.post("/schedule/add", data={"csrf": token(client), "file": "../../etc/passwd",
                                                 "when": "hằng ngày 6h"})
    assert "ngoài thư mục của đài" in client.get(outside.headers["location"]).text
    removed = client.post("/schedule/1/remove", data={"csrf": token(client)})
    assert "Đã bỏ mục 1" in client.get(removed.headers["location"]).text
    assert schedule.load(station_dir / schedule.SCHEDULE_FILE) == []


def test_emergency_without_a_running_player_is_aired_by_the_studio_itself(client, station_dir, monkeypatch):
    from conftest import require_program

    require_program("ffplay")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")  # SDL's dummy device stands in for the sound card
    bulletin_mp3(station_dir / "out" / "bao.mp3", 3.0, "Bão số 6", "KC-6")
    bulletin_mp3(station_dir / "out" / "bao-2.mp3", 1.0, "Bão số 6 – cập nhật", "KC-6B")
    answer = client.post("/schedule/emergency", data={"csrf": token(client), "file": "out/bao.mp3",
                                                      "place": "Cụm loa trung tâm"})
    assert "Đang phát khẩn cấp “bao.mp3”" in client.get(answer.headers["location"]).text
    wait_for(lambda: playing(station_dir, "Bão số 6", at_least=1.0))
    assert "“Bão số 6” tại Cụm loa trung tâm" in client.get("/schedule").text
    # A second press while it plays goes to the player the studio started: it cuts the first.
    second = client.post("/schedule/emergency", data={"csrf": token(client), "file": "out/bao-2.mp3"})
    assert "Đã gửi lệnh phát khẩn cấp" in client.get(second.headers["location"]).text
    station = load_station(station_dir / "bulletin.toml")
    wait_for(lambda: len(logged(station.database_path)) == 2 and state.player_alive(station_dir) is None)
    first, then = store.current(station.database_path)
    assert (first.title, first.completion, first.level) == ("Bão số 6", INTERRUPTED, "khẩn cấp")
    assert (then.title, then.completion, then.level) == ("Bão số 6 – cập nhật", COMPLETE, "khẩn cấp")
    # The page says how each went: the first was cut, the second aired in full.
    recent = client.get("/schedule").text
    assert "“Bão số 6 – cập nhật” tại " in recent and "<span class=\"status ok\">phát trọn</span>" in recent
    assert "“Bão số 6” tại Cụm loa trung tâm: <span class=\"status due\">bị ngắt giữa chừng</span>" in recent


def test_what_is_on_air_and_an_emergency_started_from_the_page(client, station_dir):
    station = load_station(station_dir / "bulletin.toml")
    bulletin_mp3(station_dir / "out" / "a.mp3", 8.0, "Bản tin buổi sáng", "TTĐN-S")
    bulletin_mp3(station_dir / "out" / "bao.mp3", 1.0, "Thông báo bão số 5", "KC-5", freq=880)
    monday = dt.datetime(2024, 10, 21)
    schedule.add(schedule.schedule_path(station_dir), "out/a.mp3", "thứ 2 lúc 6h30", "Cụm loa thôn 1", now=monday,
                 root=station_dir)
    machine = OnAir(station, SilentPlayer(), clock=ShiftedClock(monday.replace(hour=6, minute=29, second=58)))
    thread, stop = run_in_thread(machine, monday.replace(hour=7))
    try:
        wait_for(lambda: playing(station_dir, "Bản tin buổi sáng", at_least=1.0))
        page = client.get("/schedule").text
        assert "“Bản tin buổi sáng” tại Cụm loa thôn 1" in page and "Trình phát đang chạy" in page
        sent = client.post("/schedule/emergency", data={"csrf": token(client), "file": "out/bao.mp3",
                                                        "place": "Cụm loa trung tâm"})
        assert "Đã gửi lệnh phát khẩn cấp" in client.get(sent.headers["location"]).text
        thread.join(30)
    finally:
        stop.set()
    first, second = store.current(station.database_path)
    assert (first.title, first.completion) == ("Bản tin buổi sáng", INTERRUPTED)
    assert (second.title, second.completion, second.level) == ("Thông báo bão số 5", COMPLETE, "khẩn cấp")
    assert "Không có bản tin nào đang phát" in client.get("/schedule").text


def test_the_home_page_reminds_of_a_series_without_enough_scheduled_bulletins(client, station_dir):
    page = client.get("/")
    assert page.status_code == 200 and 'id="reminders"' in page.text
    assert "mới phát 00/02 bản tin, chưa có lịch cho bản tin thứ nhất" in page.text
    this_year = client.get(f"/reports?period={dt.date.today().year}").text
    assert "Nhắc (theo lịch phát): Thông tin đối ngoại: còn" in this_year
    assert "Nhắc (theo lịch phát)" not in client.get("/reports?period=2020").text
    # Full-length bulletins (a file shorter than the minimum would not count, so no slot of it would)
    bulletin_mp3(station_dir / "out" / "a.mp3", 545.0, "Bản tin A", "TTĐN-1")
    bulletin_mp3(station_dir / "out" / "b.mp3", 545.0, "Bản tin B", "TTĐN-2", freq=660)
    for file, hour in (("a", 6), ("b", 7)):
        schedule.add(schedule.schedule_path(station_dir), f"out/{file}.mp3", f"hằng ngày {hour}h", "Cụm 1",
                     root=station_dir)
    # Two distinct bulletins every day: unless the quarter ends before tomorrow, nothing to remind.
    from bulletin.periods import quarter_of

    if quarter_of(dt.date.today()).end > dt.date.today():
        assert 'id="reminders"' not in client.get("/").text


def test_in_chromium_the_operator_sees_what_plays_and_starts_an_emergency(station_dir, tmp_path):
    """A real headless Chromium on a real uvicorn server, with the player airing in a thread."""
    import threading
    import time

    uvicorn = pytest.importorskip("uvicorn")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    from test_browser import FLAGS, Shots, free_port, text_of, wait

    station = load_station(station_dir / "bulletin.toml")
    bulletin_mp3(station_dir / "out" / "a.mp3", 10.0, "Bản tin buổi sáng", "TTĐN-S")
    bulletin_mp3(station_dir / "out" / "bao.mp3", 1.0, "Thông báo bão số 5", "KC-5", freq=880)
    today = dt.datetime.now().replace(second=0, microsecond=0)
    schedule.add(schedule.schedule_path(station_dir), "out/a.mp3", "hằng ngày 6h30", "Cụm loa thôn 1",
                 now=today - dt.timedelta(days=1), root=station_dir)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(station_dir, host="127.0.0.1", port=port), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    from conftest import require_program

    chromium, driver_path = require_program("chromium"), require_program("chromedriver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]:
        options.add_argument(flag)
    browser = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    slot = dt.datetime.combine(today.date() + dt.timedelta(days=1), dt.time(6, 30))
    machine = OnAir(station, SilentPlayer(), clock=ShiftedClock(slot - dt.timedelta(seconds=2)))
    thread, stop = run_in_thread(machine, slot + dt.timedelta(minutes=30))
    try:
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        shot = Shots(browser, tmp_path)
        wait_for(lambda: playing(station_dir, "Bản tin buổi sáng", at_least=1.0))
        browser.get(f"http://127.0.0.1:{port}/schedule")
        page = text_of(browser)
        assert "“Bản tin buổi sáng” tại Cụm loa thôn 1" in page and "Trình phát đang chạy" in page
        assert f"Bắt đầu 06:30 {slot.day}/{slot.month}/{slot.year}" in page  # on time, not a second early
        assert len(browser.find_elements(By.CSS_SELECTOR, "#week tr")) == 1 + 7  # heading + 7 daily airings
        shot("lich-phat-dang-phat")
        Select(browser.find_element(By.CSS_SELECTOR, "#emergency select[name=file]")).select_by_visible_text(
            "out/bao.mp3")
        browser.find_element(By.ID, "emergency-start").click()
        wait(browser, lambda d: "Đã gửi lệnh phát khẩn cấp" in text_of(d))
        thread.join(30)
        browser.get(f"http://127.0.0.1:{port}/schedule")
        assert "Không có bản tin nào đang phát" in text_of(browser)
        shot("lich-phat-sau-khan-cap")
    finally:
        stop.set()
        browser.quit()
        server.should_exit = True
    # The slots between when the entry was added and the player's start are logged as missed.
    first, second = [r for r in store.current(station.database_path) if r.completion != MISSED]
    assert (first.completion, second.completion, second.level) == (INTERRUPTED, COMPLETE, "khẩn cấp")
