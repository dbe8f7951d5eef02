"""Reporting periods and the Vietnamese administrative way of writing numbers and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin.periods import choose_period, date_range, parse_day, parse_period, quarter_name, quarter_of
from bulletin.vn_format import vn_count, vn_date, vn_duration, vn_number, vn_time

D = dt.date


@pytest.mark.parametrize("text, start, end, label, describe", [
    ("2024-Q1", D(2024, 1, 1), D(2024, 3, 31), "2024-Q1", "quý I năm 2024"),
    ("2024-q3", D(2024, 7, 1), D(2024, 9, 30), "2024-Q3", "quý III năm 2024"),
    ("2024-Q4", D(2024, 10, 1), D(2024, 12, 31), "2024-Q4", "quý IV năm 2024"),
    (" 2024 - H1 ", D(2024, 1, 1), D(2024, 6, 30), "2024-H1", "6 tháng đầu năm 2024"),
    ("2024-H2", D(2024, 7, 1), D(2024, 12, 31), "2024-H2", "6 tháng cuối năm 2024"),
    ("2024", D(2024, 1, 1), D(2024, 12, 31), "2024", "năm 2024"),
    ("2024-Q1", D(2024, 1, 1), D(2024, 3, 31), "2024-Q1", "quý I năm 2024"),
])
def test_parse_period(text, start, end, label, describe):
    period = parse_period(text)
    assert (period.start, period.end, period.label, period.describe()) == (start, end, label, describe)


@pytest.mark.parametrize("text", ["2024-Q5", "2024-Q0", "2024-H3", "Q3", "2024-07", "hai nghìn", "", "1800"])
def test_unknown_periods_are_refused_with_the_forms_to_use(text):
    with pytest.raises(ValueError) as error:
        parse_period(text)
    assert f"'{text}'" in str(error.value)  # names what was typed
    assert "không hợp lệ" in str(error.value)


def test_leap_february_and_quarter_ends():
    assert parse_period("2024-Q1").days == 91  # 2024 is a leap year
    assert parse_period("2023-Q1").days == 90
    assert quarter_of(dt.datetime(2024, 6, 30, 23, 59)).label == "2024-Q2"
    assert quarter_of(D(2024, 7, 1)).label == "2024-Q3"
    assert quarter_of(D(2024, 12, 31)).label == "2024-Q4"
    assert quarter_of(D(2025, 1, 1)).label == "2025-Q1"


def test_quarters_of_a_range_cross_the_year_boundary():
    period = date_range(D(2024, 11, 15), D(2025, 2, 10))
    assert [q.label for q in period.quarters()] == ["2024-Q4", "2025-Q1"]
    assert period.kind == "R"
    assert period.describe() == "thời gian từ ngày 15/11/2024 đến ngày 10/2/2025"
    assert [q.label for q in parse_period("2024-H2").quarters()] == ["2024-Q3", "2024-Q4"]
    assert [q.label for q in parse_period("2024").quarters()] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]


def test_whole_quarter_given_as_dates_keeps_its_name():
    assert date_range(D(2024, 4, 1), D(2024, 6, 30)).label == "2024-Q2"
    assert date_range(D(2024, 7, 1), D(2024, 12, 31)).label == "2024-H2"
    assert date_range(D(2024, 1, 1), D(2024, 12, 31)).label == "2024"


def test_datetimes_are_in_a_period_by_their_day():
    q2 = parse_period("2024-Q2")
    assert dt.datetime(2024, 6, 30, 23, 59) in q2
    assert dt.datetime(2024, 7, 1, 0, 0) not in q2
    assert q2.bounds() == ("2024-04-01", "2024-07-01")


@pytest.mark.parametrize("text, day", [("2024-07-15", D(2024, 7, 15)), ("15/7/2024", D(2024, 7, 15)),
                                       ("01/07/2024", D(2024, 7, 1))])
def test_parse_day(text, day):
    assert parse_day(text) == day


@pytest.mark.parametrize("text", ["31/2/2024", "2024-13-01", "hôm qua", "15/7/24"])
def test_bad_days_are_refused(text):
    with pytest.raises(ValueError, match="ngày không hợp lệ"):
        parse_day(text)


def test_choose_period():
    assert choose_period("2024-Q3", None, None).label == "2024-Q3"
    assert choose_period(None, None, None) is None
    assert choose_period(None, "1/7/2024", "31/7/2024") == date_range(D(2024, 7, 1), D(2024, 7, 31))
    with pytest.raises(ValueError, match="trước ngày bắt đầu"):
        choose_period(None, "2024-08-01", "2024-07-01")
    with pytest.raises(ValueError, match="không dùng cả hai"):
        choose_period("2024", "2024-01-01", None)


@pytest.mark.parametrize("value, text", [(0, "00"), (2, "02"), (4, "04"), (10, "10"), (123, "123")])
def test_counts_have_two_digits(value, text):
    assert vn_count(value) == text


@pytest.mark.parametrize("seconds, text", [
    (600, "10 phút"), (599.6, "10 phút"), (581, "9 phút 41 giây"), (605, "10 phút 05 giây"),
    (45, "45 giây"), (0, "0 giây"), (3600, "1 giờ"), (4805, "1 giờ 20 phút 05 giây"),
])
def test_durations(seconds, text):
    assert vn_duration(seconds) == text


@pytest.mark.parametrize("value, decimals, trim, text", [
    (18.3, 1, False, "18,3"), (-16.0, 1, False, "-16,0"), (1250.5, 1, False, "1 250,5"), (0.35, 2, False, "0,35"),
    (18.0, 1, True, "18"), (7.5, 1, True, "7,5"), (600.0, 0, False, "600"),
])
def test_numbers_have_the_decimal_comma(value, decimals, trim, text):
    assert vn_number(value, decimals, trim=trim) == text


def test_dates_and_times_without_leading_zeros():
    assert vn_date(D(2024, 7, 15)) == "15/7/2024"
    assert vn_date(D(2024, 1, 5)) == "5/1/2024"
    assert vn_time(dt.datetime(2024, 7, 15, 6, 5)) == "06:05"
    assert vn_time(dt.time(17, 30)) == "17:30"
    assert quarter_name("2024-Q3") == "Quý III/2024"
    assert quarter_name("không rõ") == "không rõ"


# -- Vietnamese date and time input ---------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from bulletin.periods import parse_clock, parse_moment  # noqa: E402

DT = dt.datetime


@pytest.mark.parametrize("text, expected", [
    ("21/10/2024 17:00", DT(2024, 10, 21, 17, 0)),
    ("21/10/2024 17h", DT(2024, 10, 21, 17, 0)),
    ("21/10/2024 17h30", DT(2024, 10, 21, 17, 30)),
    ("21/10/2024, 6h30", DT(2024, 10, 21, 6, 30)),
    ("17h30 ngày 21/10/2024", DT(2024, 10, 21, 17, 30)),
    ("17 giờ 30 phút 21/10/2024", DT(2024, 10, 21, 17, 30)),
    ("2024-10-21 17:00", DT(2024, 10, 21, 17, 0)),
    ("2024-10-21T17:00:00", DT(2024, 10, 21, 17, 0)),
    ("21-10-2024 05:05", DT(2024, 10, 21, 5, 5)),
    ("17h30", DT(2024, 3, 1, 17, 30)),
])
def test_every_listed_date_and_time_form_parses(text, expected):
    assert parse_moment(text, today=D(2024, 3, 1)) == expected


@pytest.mark.parametrize("text, reason", [
    ("30/2/2024 17:00", "tháng 2 năm 2024 chỉ có 29 ngày"),
    ("30/2/2024", "tháng 2 năm 2024 chỉ có 29 ngày"),
    ("29/2/2023 06:30", "tháng 2 năm 2023 chỉ có 28 ngày"),
    ("0224-07-15 06:30", "năm 224 nằm ngoài khoảng"),
    ("15/13/2024 06:30", "không có tháng 13"),
    ("15/7/2024 25:00", "giờ từ 0 đến 23"),
    ("15/7/2024 6h75", "phút và giây từ 0 đến 59"),
    ("15/7/2024", "thiếu giờ phát"),
    ("hôm qua", "thiếu giờ phát"),
    ("", "thời điểm không hợp lệ"),
])
def test_impossible_or_ambiguous_moments_are_refused_clearly(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_moment(text)


def test_thirtieth_of_february_is_refused_as_a_day():
    with pytest.raises(ValueError, match="'30/2/2024': tháng 2 năm 2024 chỉ có 29 ngày"):
        parse_day("30/2/2024")


@settings(max_examples=50, deadline=None)
@given(st.datetimes(min_value=DT(2000, 1, 1), max_value=DT(2099, 12, 31, 23, 59)),
       st.sampled_from(["{d}/{m}/{y} {H}:{M:02d}", "{d}/{m}/{y} {H}h{M:02d}", "{H}h{M:02d} ngày {d}/{m}/{y}",
                        "{y}-{m:02d}-{d:02d} {H:02d}:{M:02d}", "{y}-{m:02d}-{d:02d}T{H:02d}:{M:02d}:00",
                        "{d}-{m}-{y} {H} giờ {M} phút"]))
def test_any_real_moment_written_any_listed_way_reads_back(moment, form):
    text = form.format(d=moment.day, m=moment.month, y=moment.year, H=moment.hour, M=moment.minute)
    assert parse_moment(text) == moment.replace(second=0, microsecond=0)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=40))
def test_any_text_parses_or_is_refused_in_vietnamese(text):
    try:
        moment = parse_moment(text, today=D(2024, 1, 1))
    except ValueError as exc:
        assert "không hợp lệ" in str(exc) or "thiếu giờ" in str(exc)
    else:
        assert 2000 <= moment.year <= 2099


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 30), st.integers(0, 99))
def test_clock_hours_and_minutes_in_range_only(hour, minute):
    try:
        clock = parse_clock(f"{hour}h{minute:02d}")
    except ValueError:
        assert hour > 23 or minute > 59
    else:
        assert (clock.hour, clock.minute) == (hour, minute)


@pytest.mark.parametrize(("text", "label"), [
    ("quý 4/2026", "2026-Q4"), ("Quý IV/2026", "2026-Q4"), ("Q4/2026", "2026-Q4"), ("q4 2026", "2026-Q4"),
    ("quý 4 năm 2026", "2026-Q4"), ("6 tháng đầu năm 2025", "2025-H1"), ("6 tháng cuối năm 2025", "2025-H2"),
    ("H1/2025", "2025-H1"), ("năm 2025", "2025"), ("2026-Q4", "2026-Q4"),
])
def test_periods_as_operators_write_them(text, label):
    assert parse_period(text).label == label


@pytest.mark.parametrize("text", ["12/2026", "quý 5/2026", "7 tháng đầu năm 2025"])
def test_what_is_not_a_report_period_is_refused(text):
    with pytest.raises(ValueError, match="kỳ báo cáo không hợp lệ"):
        parse_period(text)


@pytest.mark.parametrize(("text", "moment"), [
    ("hôm nay 6h30", dt.datetime(2026, 12, 5, 6, 30)), ("17h hôm qua", dt.datetime(2026, 12, 4, 17, 0)),
    ("Hôm qua lúc 17h", dt.datetime(2026, 12, 4, 17, 0)), ("hôm kia 6h", dt.datetime(2026, 12, 3, 6, 0)),
    ("21/10/2024 lúc 17h", dt.datetime(2024, 10, 21, 17, 0)),
])
def test_the_day_said_in_words(text, moment):
    from bulletin.periods import parse_moment

    assert parse_moment(text, today=dt.date(2026, 12, 5)) == moment
