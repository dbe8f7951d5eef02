"""Rendering a report: plain text for the terminal, Markdown, CSV, or a Word file."""

from __future__ import annotations

import csv
import io
import os
import textwrap
from collections.abc import Sequence
from pathlib import Path

from bulletin.errors import LogError
from bulletin.files import output_folder
from bulletin.periods import Period, quarter_name
from bulletin.reports.quota import QuarterQuota, day_of
from bulletin.reports.report import QUOTA_HEADER, TABLE_HEADER, Report
from bulletin.vn_format import capitalize, vn_count, vn_date, vn_duration


def render_text(report: Report, *, title_width: int = 40) -> str:
    """The report as plain text for the terminal (long titles shortened, empty notes left out)."""
    lines = [report.title.upper(), report.station, "", *textwrap.wrap(report.summary, TERMINAL_WIDTH), ""]
    if report.rows:
        # The notes go under the table, one line each: the table stays within the terminal.
        rows = [row.cells()[:-1] for row in report.rows]
        rows = [(*r[:4], _shorten(r[4], title_width), *r[5:]) for r in rows]
        lines += format_table(TABLE_HEADER[:-1], rows)
        notes = [f"  {row.number}. {'; '.join(row.notes)}" for row in report.rows if row.notes]
        if notes:
            lines += ["Ghi chú (theo STT):", *notes]
    else:
        lines.append("(Không có lần phát nào trong kỳ.)")
    lines += ["", "Tổng hợp theo quý:"]
    for q in report.quarters:
        aired = f"{vn_count(q.airings)} lượt phát, {vn_duration(q.total_seconds)}" if q.airings else "không có lượt phát"
        who = f" – {q.station}" if q.station else ""
        lines.append(f"- {capitalize(q.quarter.describe())}{who}: {vn_count(q.aired)}/{vn_count(q.required)} bản tin – "
                     f"{q.status} ({aired})")
        lines += [f"    Lưu ý: {flag}" for flag in q.flags]
    lines += ["", *textwrap.wrap(report.conclusion, TERMINAL_WIDTH)]
    return "\n".join(lines)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_markdown(report: Report) -> str:
    """The report section in Markdown: heading, summary, table with quarter totals, quota table."""

    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    lines = [f"## {capitalize(report.title)}", "", f"*{report.station}*", "", report.summary, ""]
    lines += [row(TABLE_HEADER), row(["---"] * len(TABLE_HEADER))]
    for q, rows in report.rows_by_quarter():
        lines += [row(r.cells()) for r in rows]
        lines.append(row(["", f"**{report.quarter_total(q)}**", *[""] * (len(TABLE_HEADER) - 2)]))
    lines += ["", "**Tổng hợp theo quý**", "", row(QUOTA_HEADER), row(["---"] * len(QUOTA_HEADER))]
    lines += [row(r) for r in report.quota_rows()]
    notes = [f"- {q.quarter.short()}: {flag}." for q in report.quarters for flag in q.flags]
    if notes:
        lines += ["", "Lưu ý:", *notes]
    lines += ["", report.conclusion, ""]
    return "\n".join(lines)


CSV_HEADER = ("STT", "Ngày phát", "Giờ", "Mã bản tin", "Tiêu đề", "Chuyên mục", "Thời lượng",
              "Thời lượng (giây)", "Nơi phát", "Đài", "Tính vào chỉ tiêu", "Ghi chú")


def render_csv(report: Report) -> str:
    """The airings as one table (one row per airing) for a spreadsheet: Vietnamese headers and values,
    durations also in seconds so they can be summed; opens in Excel with correct diacritics."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in report.rows:
        r = row.record
        counted = "không" if any("không tính" in note for note in row.notes) else (
            "phát lại" if any(note.startswith("phát lại") for note in row.notes) else "có")
        writer.writerow((row.number, vn_date(r.aired), f"{r.aired:%H:%M}", r.bulletin_id, r.title, r.series,
                         vn_duration(r.duration), f"{r.duration:.0f}", r.place,
                         r.station_name or r.station_code, counted, "; ".join(row.notes)))
    return "\ufeff" + buffer.getvalue()  # BOM: Excel on Windows reads the file as UTF-8


def render(report: Report, fmt: str) -> str:
    """Text, Markdown or CSV (docx is a file: see :func:`save`)."""
    renderers = {"text": render_text, "md": render_markdown, "csv": render_csv}
    if fmt not in renderers:
        raise LogError(f"định dạng báo cáo '{fmt}' không in ra màn hình được; dùng -o TỆP.{fmt}")
    return renderers[fmt](report)


def format_for(path: Path | None, fmt: str | None) -> str:
    """The format to write: as given, else from the file's suffix, else text."""
    if fmt:
        return fmt
    if path is None:
        return "text"
    suffix = path.suffix.lower().lstrip(".")
    known = {"md": "md", "markdown": "md", "csv": "csv", "docx": "docx", "txt": "text"}
    if suffix not in known:
        raise LogError(f"không biết định dạng của tệp '{path.name}'; dùng --format md|csv|docx "
                       "hoặc đuôi .md, .csv, .docx, .txt", path=path)
    return known[suffix]


def save(report: Report, fmt: str, out: Path) -> Path:
    """Write the report to ``out``: complete or not at all."""
    out = Path(out)
    output_folder(out, error=LogError)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        if fmt == "docx":
            from bulletin.reports.docx import write_docx

            write_docx(report, tmp)
        else:
            tmp.write_text(render(report, fmt), encoding="utf-8", newline="")
        os.replace(tmp, out)
    except OSError as exc:
        raise LogError(f"không ghi được tệp báo cáo ({exc}); tệp có đang mở trong Word/Excel không?",
                       path=out) from exc
    finally:
        if tmp.is_file():
            tmp.unlink()
    return out


TERMINAL_WIDTH = 100


def format_table(header: tuple[str, ...], rows: list[tuple[str, ...]], *,
                 max_width: int = TERMINAL_WIDTH) -> list[str]:
    """A plain-text table no wider than ``max_width``: the widest columns wrap at word boundaries."""
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    gap = 2 * (len(widths) - 1)
    while sum(widths) + gap > max_width and max(widths) > 8:
        widest = widths.index(max(widths))
        widths[widest] -= 1

    def lines_of(cells) -> list[str]:
        wrapped = [[c] if len(c) <= w else textwrap.wrap(c, w, break_long_words=True, break_on_hyphens=False) or [""]
                   for c, w in zip(map(str, cells), widths)]
        height = max(len(w) for w in wrapped)
        if height == 1:
            return ["  ".join(f"{w[0]:<{width}}" for w, width in zip(wrapped, widths)).rstrip()]
        return ["  ".join(f"{(w[i] if i < len(w) else ''):<{width}}" for w, width in zip(wrapped, widths)).rstrip()
                for i in range(height)]

    out = lines_of(header) + ["  ".join("-" * w for w in widths)]
    for row in rows:
        out += lines_of(row)
    return out


def render_quota(quotas: Sequence[QuarterQuota], period: Period) -> list[str]:
    """The quota as terminal lines: one row per quarter and series, then the details."""
    lines = [f"CHỈ TIÊU PHÁT SÓNG – {period.describe().upper()}", ""]
    rows = []
    with_station = any(q.station for q in quotas)
    for q in quotas:
        state = q.status
        cells = (q.quarter.short(), q.series, f"{vn_count(q.aired)}/{vn_count(q.required)}", str(q.airings),
                 vn_duration(q.total_seconds) if q.airings else "–", state, "có" if q.flags else "")
        rows.append(cells[:2] + ((q.station,) if with_station else ()) + cells[2:])
    header = ("Quý", "Chuyên mục", *(("Đài",) if with_station else ()), "Bản tin", "Lượt phát", "Tổng thời lượng",
              "Kết quả", "Lưu ý")
    lines += format_table(header, rows)
    for q in quotas:
        due = q.timing == "current" and q.counts and not q.is_total
        if (not q.bulletins and not q.flags and not due) or q.is_total:
            continue
        lines += ["", f"{q.quarter.short()} – {q.series}" + (f" – {q.station}" if q.station else "") + ":"]
        if due:
            lines.append(f"  {q.status}: còn thiếu {vn_count(q.due)} bản tin, còn {q.days_left} ngày" if q.due
                         else f"  {q.status} (còn {q.days_left} ngày)")
        for b in q.bulletins:
            where = "" if b.counted else " – phát lại, đã tính ở quý trước"
            code = f"{b.bulletin_id} " if b.bulletin_id else ""
            lines += textwrap.wrap(f"• {code}“{b.title}” – {vn_duration(b.duration)}, {b.airings} lượt phát, "
                                   f"lần đầu {vn_date(day_of(b.first_aired))}{where}", TERMINAL_WIDTH,
                                   initial_indent="  ", subsequent_indent="    ")
        limit = vn_duration(q.rule.target_seconds) if q.rule else "10 phút"
        for r in q.over_length:
            lines.append(f"  ! quá {limit}: {vn_date(r.aired)} “{r.title}” dài {vn_duration(r.duration)} "
                         f"(bản ghi {r.record_id[:8]})")
        for r in q.off_plan:
            lines.append(f"  ! ngoài quý kế hoạch: {vn_date(r.aired)} “{r.title}” làm cho "
                         f"{quarter_name(r.planned_quarter)} (bản ghi {r.record_id[:8]})")
        for r in q.too_short:
            lines.append(f"  ! ngắn hơn quy định, không tính: {vn_date(r.aired)} “{r.title}” dài "
                         f"{vn_duration(r.duration)} (bản ghi {r.record_id[:8]})")
        for r in q.not_complete:
            lines.append(f"  ! phát không trọn, không tính: {vn_date(r.aired)} “{r.title}” "
                         f"(bản ghi {r.record_id[:8]})")
        for r in q.voided:
            lines.append(f"  ! đã hủy, không tính: {vn_date(r.aired)} “{r.title}” – lý do: {r.reason} "
                         f"(bản ghi {r.record_id[:8]})")
    return lines
