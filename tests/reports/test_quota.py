"""The quota: distinct bulletins per quarter and series, the flags, and the `quota` command."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from helpers import run_cli
from log_helpers import SERIES, entry

from bulletin.log import store
from bulletin.periods import date_range, parse_period, quarter_of
from bulletin.reports import quota
from bulletin.reports.render import render_quota

AFTER = dt.date(2030, 1, 1)  # every quarter of the test periods is over


def compute(records, period="2024", today=AFTER, earlier=frozenset(), required=None, series=(SERIES,)):
    result = quota.compute(records, parse_period(period) if isinstance(period, str) else period,
                           required=required or (lambda s: 2), series=series, earlier=set(earlier), today=today)
    return {(q.quarter.label, q.series): q for q in result}


def test_rebroadcasts_count_once_and_in_the_quarter_first_aired():
    records = [
        entry("2024-04-10 06:30", "A"),
        entry("2024-04-10 17:00", "A", place="Cụm loa thôn 3"),  # same bulletin, another place
        entry("2024-05-02 06:30", "A"),  # and another day
        entry("2024-05-20 06:30", "B"),
        entry("2024-07-03 06:30", "A"),  # a Q2 bulletin aired again in Q3
        entry("2024-08-01 06:30", "C"),
    ]
    q = compute(records)
    q2, q3 = q[("2024-Q2", SERIES)], q[("2024-Q3", SERIES)]
    assert (q2.aired, q2.airings, q2.status) == (2, 4, "đạt")
    assert [(b.key, b.airings, b.counted) for b in q2.bulletins] == [("A", 3, True), ("B", 1, True)]
    assert (q3.aired, q3.airings, q3.status, q3.due) == (1, 2, "chưa đạt", 1)
    assert [(b.key, b.counted) for b in q3.bulletins] == [("A", False), ("C", True)]
    assert q2.total_seconds == 4 * 590.0


def test_bulletin_aired_before_the_period_does_not_count_again():
    q = compute([entry("2024-07-03 06:30", "A"), entry("2024-07-04 06:30", "B")], "2024-H2",
                earlier={(SERIES, "A")})
    assert q[("2024-Q3", SERIES)].aired == 1


def test_voided_records_do_not_count_but_are_flagged():
    voided = replace(entry("2024-02-01 06:30", "B"), kind="void", reason="ghi nhầm")
    q1 = compute([entry("2024-01-10 06:30", "A"), voided])[("2024-Q1", SERIES)]
    assert (q1.aired, q1.airings, q1.status) == (1, 1, "chưa đạt")
    assert q1.voided == (voided,)
    assert q1.flags == ("01 bản ghi đã hủy (không tính)",)


def test_a_quarter_with_nothing_aired():
    q = compute([entry("2024-01-10 06:30", "A"), entry("2024-03-10 06:30", "B")])
    empty = q[("2024-Q2", SERIES)]
    assert (empty.aired, empty.airings, empty.total_seconds, empty.bulletins, empty.status) == (
        0, 0, 0, (), "chưa đạt")
    assert q[("2024-Q1", SERIES)].status == "đạt"


def test_last_minute_of_a_quarter_counts_in_that_quarter():
    q = compute([entry("2024-06-30 23:59", "A"), entry("2024-07-01 00:00", "B")])
    assert [b.key for b in q[("2024-Q2", SERIES)].bulletins] == ["A"]
    assert [b.key for b in q[("2024-Q3", SERIES)].bulletins] == ["B"]


def test_year_boundary():
    records = [entry("2024-12-31 23:59", "A", planned="2024-Q4"), entry("2025-01-01 00:00", "A", planned="2024-Q4"),
               entry("2025-01-02 06:30", "B", planned="2025-Q1")]
    q = compute(records, date_range(dt.date(2024, 10, 1), dt.date(2025, 3, 31)))
    q4, q1 = q[("2024-Q4", SERIES)], q[("2025-Q1", SERIES)]
    assert (q4.aired, q4.airings) == (1, 1)
    assert (q1.aired, q1.airings) == (1, 2)  # A counted in 2024-Q4; only B is new in 2025-Q1
    assert [r.aired_at for r in q1.off_plan] == ["2025-01-01 00:00"]
    only_2025 = compute(records, "2025")[("2025-Q1", SERIES)]
    assert only_2025.aired == 2  # without the earlier airing known, both count


def test_more_than_required_is_exceeded_and_required_is_per_series():
    records = [entry("2024-01-05 06:30", k) for k in "ABC"] + [entry("2024-01-06 06:30", "X", series="Chuyển đổi số")]
    q = compute(records, "2024-Q1", required={SERIES: 2, "Chuyển đổi số": 1}.get, series=(SERIES,))
    assert (q[("2024-Q1", SERIES)].status, q[("2024-Q1", SERIES)].aired) == ("vượt", 3)
    assert q[("2024-Q1", "Chuyển đổi số")].status == "đạt"


def test_flags_over_length_and_outside_planned_quarter():
    long = entry("2024-04-01 06:30", "A", duration=612.0, planned="2024-Q2")
    late = entry("2024-04-02 06:30", "B", duration=600.3, planned="2024-Q1")
    q2 = compute([long, late])[("2024-Q2", SERIES)]
    assert q2.over_length == (long,)  # 10:00.3 is encoder padding, not over
    assert q2.off_plan == (late,)
    assert q2.flags == ("01 lần phát tệp dài quá 10 phút", "01 lần phát ngoài quý kế hoạch của bản tin")


def test_current_quarter_shows_what_is_due_and_days_left():
    today = dt.date(2024, 8, 20)
    q = compute([entry("2024-07-03 06:30", "A")], "2024", today=today)
    q3, q4 = q[("2024-Q3", SERIES)], q[("2024-Q4", SERIES)]
    assert (q3.timing, q3.due, q3.days_left, q3.status) == ("current", 1, 42, "chưa đạt")  # 20/8..30/9
    assert (q4.timing, q4.status) == ("future", "chưa đến kỳ")
    assert compute([], "2024-Q3", today=dt.date(2024, 9, 30))[("2024-Q3", SERIES)].days_left == 1
    lines = render_quota(tuple(q.values()), parse_period("2024"))
    assert any("còn thiếu 01 bản tin, còn 42 ngày" in line for line in lines)


# -- on a real log --------------------------------------------------------------


def test_amended_records_count_with_amended_values(tmp_path):
    db = tmp_path / "log.db"
    first = store.add(db, entry("2024-03-30 06:30", "A"), now=dt.datetime(2030, 1, 1)).record
    store.add(db, entry("2024-03-31 06:30", "B"))
    store.amend(db, first.record_id[:8], {"aired_at": "2024-04-02 06:30"}, reason="ghi nhầm ngày")
    store.void(db, store.current(db)[0].record_id, reason="không phát")  # B
    q = {x.quarter.label: x for x in quota.load(db, parse_period("2024-H1"), required=lambda s: 2,
                                                 series=[SERIES], today=AFTER)}
    assert [b.key for b in q["2024-Q2"].bulletins] == ["A"]
    assert q["2024-Q1"].aired == 0
    assert [r.bulletin_id for r in q["2024-Q1"].voided] == ["B"]


def test_quota_load_knows_earlier_airings_outside_the_period(tmp_path):
    db = tmp_path / "log.db"
    store.add(db, entry("2024-06-10 06:30", "A"))
    store.add(db, entry("2024-07-10 06:30", "A"))
    store.add(db, entry("2024-07-11 06:30", "B"))
    (q3, q4) = quota.load(db, parse_period("2024-H2"), required=lambda s: 2, series=[SERIES], today=AFTER)
    assert (q3.aired, q3.airings) == (1, 2)


def test_quota_command(tmp_path, station_dir):
    db = tmp_path / "log.db"
    this_quarter = quarter_of(dt.date.today())
    store.add(db, entry(f"{this_quarter.start.isoformat()} 06:30", "A"))
    store.add(db, entry("2024-01-10 06:30", "Q1-A"))
    store.add(db, entry("2024-02-10 06:30", "Q1-B", duration=615))
    result = run_cli("quota", "2024", "--db", db)
    assert result.exit_code == 0, result.output
    assert "CHỈ TIÊU PHÁT SÓNG – NĂM 2024" in result.output
    row_q1 = next(line for line in result.output.splitlines() if line.startswith("Quý I/2024"))
    assert "02/02" in row_q1 and "đạt" in row_q1
    assert "! quá 10 phút: 10/2/2024 “Bản tin Q1-B” dài 10 phút 15 giây" in result.output
    current = run_cli("quota", "--db", db)  # this year by default
    days_left = (this_quarter.end - dt.date.today()).days + 1
    assert f"còn thiếu 01 bản tin, còn {days_left} ngày" in current.output


@pytest.mark.parametrize("period", ["2024-Q5", "quý 3", "2024-H3"])
def test_quota_unknown_period(tmp_path, station_dir, period):
    result = run_cli("quota", period, "--db", tmp_path / "log.db")
    assert result.exit_code == 1
    assert f"Lỗi: kỳ báo cáo không hợp lệ '{period}'" in result.output
    assert not (tmp_path / "log.db").exists()


def test_place_quota_counts_the_first_airing_at_that_place(tmp_path):
    db = tmp_path / "log.db"
    store.add(db, entry("2024-06-10 06:30", "A", place="Cụm 1"))
    store.add(db, entry("2024-07-10 06:30", "A", place="Cụm 2"))
    q3 = quota.load(db, parse_period("2024-Q3"), required=lambda s: 2, series=[SERIES], place="Cụm 2", today=AFTER)
    assert [(b.key, b.counted) for b in q3[0].bulletins] == [("A", True)]  # new for Cụm 2
    q3_all = quota.load(db, parse_period("2024-Q3"), required=lambda s: 2, series=[SERIES], today=AFTER)
    assert [(b.key, b.counted) for b in q3_all[0].bulletins] == [("A", False)]  # not new for the district
