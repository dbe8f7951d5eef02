"""The form helpers: bulletin.toml edits that keep the operator's comments, Vietnamese dates, upload names."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from bulletin.errors import LogError
from bulletin.web.forms import compose_script, parse_vn_moment, safe_name, split_front_matter, update_toml
from bulletin.web.security import Guard, OutsideStation, inside

TOML = """# Cấu hình của đài
[station]
name = "Đài cũ"                # tên đài
# operator = "ai đó"

[bulletin]
target = "10:00"
"""


def test_update_toml_keeps_comments_and_adds_what_is_missing():
    text = update_toml(TOML, {("station", "name"): 'Đài "mới" # xã', ("station", "operator"): "Chị Lan",
                              ("bulletin", "target"): "9:30", ("quota", "per_quarter"): 3})
    data = tomllib.loads(text)
    assert data["station"] == {"name": 'Đài "mới" # xã', "operator": "Chị Lan"}
    assert data["bulletin"]["target"] == "9:30" and data["quota"]["per_quarter"] == 3
    assert "# tên đài" in text and '# operator = "ai đó"' in text and text.startswith("# Cấu hình của đài")


def test_update_toml_on_an_empty_file():
    assert tomllib.loads(update_toml("", {("station", "name"): "Đài"})) == {"station": {"name": "Đài"}}


@pytest.mark.parametrize("day, time, expected", [
    ("15/7/2024", "6:30", dt.datetime(2024, 7, 15, 6, 30)),
    ("2024-07-15", "6h30", dt.datetime(2024, 7, 15, 6, 30)),
    ("1/1/2025", "18g", dt.datetime(2025, 1, 1, 18, 0)),
    ("1/1/2025", "18h05", dt.datetime(2025, 1, 1, 18, 5)),
])
def test_vietnamese_date_and_time(day, time, expected):
    assert parse_vn_moment(day, time) == expected


@pytest.mark.parametrize("day, time, words", [
    ("32/7/2024", "6:30", "ngày không hợp lệ"), ("15/7/2024", "24:00", "giờ phát không hợp lệ"),
    ("15/7/2024", "6:75", "giờ phát không hợp lệ"), ("15/7/2024", "sáng", "giờ phát không hợp lệ"),
])
def test_bad_date_or_time(day, time, words):
    with pytest.raises(LogError, match=words):
        parse_vn_moment(day, time)


@pytest.mark.parametrize("given, expected", [
    ("../../etc/passwd", "passwd"), ("C:\\Users\\x\\Bản tin quý 3.DOCX", "Bản-tin-quý-3.docx"),
    ("..", "ban-tin"), ("a/b/.hidden.md", "hidden.md"),
])
def test_upload_names_lose_their_folders(given, expected):
    assert safe_name(given) == expected


def test_front_matter_round_trip():
    text = compose_script({"title": "Bản tin: quý III", "id": "TTĐN-01", "series": "", "date": "2024-07-15"}, "# A\n\nB")
    front, body = split_front_matter(text)
    assert "title: 'Bản tin: quý III'" in front and "series" not in front and body == "# A\n\nB\n"
    assert split_front_matter("# Không có\n") == ("", "# Không có\n")


def test_inside_refuses_escapes(tmp_path):
    (tmp_path / "a").mkdir()
    assert inside(tmp_path, "a/../a/x.md") == (tmp_path / "a" / "x.md").resolve()
    for bad in ("../x", "/etc/passwd", "a/../../x", "", "x\x00y", "C:/x", "\\\\server\\x"):
        with pytest.raises(OutsideStation):
            inside(tmp_path, bad)


@pytest.mark.parametrize("origin, site, ok", [
    (None, None, True), ("http://127.0.0.1:8080", "same-origin", True), (None, "none", True),
    ("http://127.0.0.1:9999", "same-site", False), ("http://evil.example", "cross-site", False),
    ("http://evil.example", None, False), ("null", None, False), (None, "cross-site", False),
])
def test_origin_check(origin, site, ok):
    guard = Guard(host="127.0.0.1", port=8080, password=None)
    assert guard.origin_ok(origin, site, "127.0.0.1:8080") is ok


def test_the_log_form_takes_the_day_in_words():
    today = dt.date.today()
    assert parse_vn_moment("Hôm nay", "6h30") == dt.datetime.combine(today, dt.time(6, 30))
    assert parse_vn_moment("hôm qua", "17:00") == dt.datetime.combine(today - dt.timedelta(days=1), dt.time(17, 0))
