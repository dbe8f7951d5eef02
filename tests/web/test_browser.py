"""The studio in a real headless Chromium: the flow an operator follows, with a screenshot of each page.

Debian's ``chromium`` and ``chromium-driver`` (``./run.sh test`` installs them) are driven through
Selenium; the studio runs in a real uvicorn server on 127.0.0.1. Screenshots go to the test's
folder, and to ``docs/web/`` when ``BULLETIN_SCREENSHOTS=docs/web`` is set (how the committed
ones were made).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from web_helpers import make_docx, short_station

selenium = pytest.importorskip("selenium")
uvicorn = pytest.importorskip("uvicorn")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from bulletin.web import create_app  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[2]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900", "--lang=vi"]


# Fixtures are here, not in tests/web/conftest.py: a second conftest module would shadow the root one,
# which other test modules import by name.
@pytest.fixture
def studio_dir(station_dir, espeak):
    return short_station(station_dir)


@pytest.fixture
def chrome_programs() -> tuple[str, str]:
    """Debian's chromium and chromedriver; under CI a missing one fails the test instead of skipping it."""
    import os
    import shutil

    found = shutil.which("chromium"), shutil.which("chromedriver")
    if None in found:
        message = "chromium and chromium-driver are not installed (./run.sh test installs them)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return found  # type: ignore[return-value]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(studio_dir):
    port = free_port()
    app = create_app(studio_dir, host="127.0.0.1", port=port)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def browser(tmp_path, chrome_programs):
    chromium, driver_path = chrome_programs
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()


class Shots:
    def __init__(self, driver, folder: Path):
        self.driver, self.folder = driver, folder
        extra = os.environ.get("BULLETIN_SCREENSHOTS")
        self.extra = REPOSITORY / extra if extra else None  # relative to the repository (tests change folder)
        self.saved: list[Path] = []

    def __call__(self, name: str) -> None:
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(1280, max(700, min(height + 140, 4000)))
        path = self.folder / f"{name}.png"
        assert self.driver.save_screenshot(str(path))
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000
        self.saved.append(path)
        if self.extra is not None:
            self.extra.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, self.extra / path.name)
        self.driver.set_window_size(1280, 900)


def wait(driver, condition, timeout=30):
    """Until ``condition`` holds; a page replaced while it is read (a form's redirect) is read again."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    return WebDriverWait(driver, timeout, poll_frequency=0.2,
                         ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)
                         ).until(lambda d: condition(d))


def text_of(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def test_operator_makes_hears_logs_and_reports_a_bulletin(server, browser, studio_dir, tmp_path):
    shot = Shots(browser, tmp_path)
    today = dt.date.today()

    browser.get(server + "/")
    assert "Làm bản tin mới" in text_of(browser)
    before = browser.find_element(By.CSS_SELECTOR, "td.quota-count").text
    assert before == "00/02"
    shot("1-tong-quan")

    browser.find_element(By.ID, "make-new").click()
    wait(browser, lambda d: d.current_url.endswith("/new"))
    shot("2-ban-tin-moi")

    document = make_docx(tmp_path / "van-ban-cua-so.docx")
    browser.find_element(By.ID, "upload-file").send_keys(str(document))
    assert browser.find_element(By.ID, "file-name").text == "van-ban-cua-so.docx"
    browser.find_element(By.ID, "upload-button").click()
    wait(browser, lambda d: "/script?path=uploads" in d.current_url)
    spoken = browser.find_element(By.ID, "spoken").text
    assert "Sản phẩm OCOP vươn ra thị trường" in spoken and "Du lịch biển đảo" in spoken
    assert "ủy ban nhân dân huyện" in spoken.lower()
    assert browser.find_element(By.CSS_SELECTOR, "#spoken mark").text == "XKPT"
    estimates = browser.find_element(By.ID, "estimates").text
    assert "Tổng ước tính" in estimates and "mục tiêu 1:00" in estimates
    shot("3-kich-ban")

    browser.find_element(By.ID, "build-pad").click()
    # An impatient double click sends the build once.
    sent = browser.execute_script(
        "let sent = 0; const form = document.getElementById('build-form');"
        "form.addEventListener('submit', (e) => { if (!e.defaultPrevented) sent += 1; });"
        "const button = document.getElementById('build-button'); button.click(); button.click(); return sent;")
    assert sent == 1
    wait(browser, lambda d: "/builds/" in d.current_url)
    wait(browser, lambda d: d.find_elements(By.ID, "result") or d.find_elements(By.ID, "build-error"), timeout=180)
    assert not browser.find_elements(By.ID, "build-error"), text_of(browser)
    events = browser.find_element(By.ID, "events").get_attribute("textContent")
    assert "Đang đọc mục" in events and "Đã tạo xong bản tin" in events
    assert "Độ dài tự nhiên" in browser.find_element(By.ID, "fit").text

    browser.execute_script("document.getElementById('player').play()")
    wait(browser, lambda d: d.execute_script("return document.getElementById('player').currentTime") > 1.0, 30)
    chapter = browser.find_elements(By.CSS_SELECTOR, "button.chapter")[2]
    start = float(chapter.get_attribute("data-start"))
    chapter.click()
    wait(browser, lambda d: d.execute_script("return document.getElementById('player').currentTime") >= start, 15)
    browser.execute_script("document.getElementById('player').pause()")
    shot("4-nghe-ban-tin")

    browser.find_element(By.ID, "log-open").click()
    place = browser.find_element(By.ID, "log-place")
    place.clear()
    place.send_keys("Cụm loa thôn 3")
    assert browser.find_element(By.ID, "log-day").get_attribute("value") == f"{today.day}/{today.month}/{today.year}"
    time_box = browser.find_element(By.ID, "log-time")
    time_box.clear()
    time_box.send_keys("6h30")
    browser.find_element(By.ID, "log-button").click()
    wait(browser, lambda d: "/broadcasts" in d.current_url)
    assert "Đã ghi sổ" in browser.find_element(By.ID, "message").text
    table = browser.find_element(By.ID, "broadcasts").text
    assert "Cụm loa thôn 3" in table and "06:30" in table
    shot("5-da-phat")

    browser.get(server + "/")
    assert browser.find_element(By.CSS_SELECTOR, "td.quota-count").text == "01/02"
    assert "Cụm loa thôn 3" in browser.find_element(By.ID, "latest").text
    shot("6-tong-quan-sau-khi-phat")

    browser.find_element(By.LINK_TEXT, "Báo cáo").click()
    wait(browser, lambda d: "/reports" in d.current_url)
    assert "đã tổ chức phát sóng 01 bản tin" in browser.find_element(By.ID, "summary").text
    shot("7-bao-cao")
    browser.find_element(By.ID, "download-csv").click()
    browser.find_element(By.ID, "download-docx").click()
    half = f"{today.year}-H{1 if today.month <= 6 else 2}"
    csv_file = browser.downloads / f"bao-cao-{half}.csv"
    docx_file = browser.downloads / f"bao-cao-{half}.docx"
    wait(browser, lambda d: csv_file.is_file() and docx_file.is_file(), 30)
    assert "Cụm loa thôn 3" in csv_file.read_text(encoding="utf-8-sig")
    assert docx_file.read_bytes()[:4] == b"PK\x03\x04"

    browser.find_element(By.LINK_TEXT, "Cài đặt").click()
    wait(browser, lambda d: "/settings" in d.current_url)
    browser.find_element(By.ID, "preview").click()
    wait(browser, lambda d: d.execute_script("return document.getElementById('preview-audio').duration || 0") > 1.0, 30)
    shot("8-cai-dat")
    # A voice that cannot speak here says why, in Vietnamese, instead of an empty player.
    browser.execute_script(
        "const box = document.getElementById('voice'); const o = document.createElement('option');"
        "o.value = 'khong-co-giong-nay'; o.dataset.engine = document.getElementById('engine').value;"
        "box.appendChild(o); box.value = o.value;")
    browser.find_element(By.ID, "preview").click()
    wait(browser, lambda d: "giọng" in d.find_element(By.ID, "preview-note").text.lower(), 30)
    assert browser.find_element(By.ID, "preview-audio").get_attribute("hidden") is not None
    assert len(shot.saved) == 8
