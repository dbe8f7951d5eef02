"""Rendering a report: plain text for the terminal, Markdown, CSV, or a Word file."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path

from bulletin.errors import LogError
from bulletin.periods import Period, quarter_name
from bulletin.reports.quota import QuarterQuota, day_of
from bulletin.reports.report import QUOTA_HEADER, TABLE_HEADER, Report
from bulletin.vn_format import capitalize, vn_count, vn_date, vn_duration


def render_text(report: Report, *, title_width: int = 40) -> str:
    """The report as plain text for the terminal (long titles shortened, empty notes left out)."""
    lines = [report.title.upper(), report.station, "", report.summary, ""]
    if report.rows:
        rows = [row.cells() for row in report.rows]
        rows = [(*r[:4], _shorten(r[4], title_width), *r[5:]) for r in rows]
        header = TABLE_HEADER
        if not any(r[-1] for r in rows):
            header, rows = header[:-1], [r[:-1] for r in rows]
        lines += format_table(header, rows)
    else:
        lines.append("(Không có lần phát nào trong kỳ.)")
    lines += ["", "Tổng hợp theo quý:"]
    for q in report.quarters:
        aired = f"{vn_count(q.airings)} lượt phát, {vn_duration(q.total_seconds)}" if q.airings else "không có lượt phát"
        lines.append(f"- {capitalize(q.quarter.describe())}: {vn_count(q.aired)}/{vn_count(q.required)} bản tin – "
                     f"{q.status} ({aired})")
        lines += [f"    Lưu ý: {flag}" for flag in q.flags]
    lines += ["", report.conclusion]
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


def render_csv(report: Report) -> str:
    """The table, a blank row, then the quota per quarter; opens in Excel with correct diacritics."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TABLE_HEADER)
    for r in report.rows:
        writer.writerow(r.cells())
    writer.writerow([])
    writer.writerow(QUOTA_HEADER)
    writer.writerows(report.quota_rows())
    writer.writerow([])
    writer.writerow([report.summary])
    writer.writerow([report.conclusion])
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
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
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


def format_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [fmt.format(*header).rstrip(), fmt.format(*("-" * w for w in widths))] + [
        fmt.format(*r).rstrip() for r in rows]


def render_quota(quotas: Sequence[QuarterQuota], period: Period) -> list[str]:
    """The quota as terminal lines: one row per quarter and series, then the details."""
    lines = [f"CHỈ TIÊU PHÁT SÓNG – {period.describe().upper()}", ""]
    rows = []
    for q in quotas:
        if q.timing == "current" and q.due:
            state = f"{q.status}: còn thiếu {vn_count(q.due)} bản tin, còn {q.days_left} ngày"
        elif q.timing == "current":
            state = f"{q.status} (còn {q.days_left} ngày)"
        else:
            state = q.status
        rows.append((q.quarter.short(), q.series, f"{vn_count(q.aired)}/{vn_count(q.required)}", str(q.airings),
                     vn_duration(q.total_seconds) if q.airings else "–", state,
                     "có" if q.flags else ""))
    lines += format_table(("Quý", "Chuyên mục", "Bản tin", "Lượt phát", "Tổng thời lượng", "Kết quả", "Lưu ý"), rows)
    for q in quotas:
        if not q.bulletins and not q.flags:
            continue
        lines += ["", f"{q.quarter.short()} – {q.series}:"]
        for b in q.bulletins:
            where = "" if b.counted else " – phát lại, đã tính ở quý trước"
            code = f"{b.bulletin_id} " if b.bulletin_id else ""
            lines.append(f"  • {code}“{b.title}” – {vn_duration(b.duration)}, {b.airings} lượt phát, "
                         f"lần đầu {vn_date(day_of(b.first_aired))}{where}")
        for r in q.over_length:
            lines.append(f"  ! quá 10 phút: {vn_date(r.aired)} “{r.title}” dài {vn_duration(r.duration)} "
                         f"(bản ghi {r.record_id[:8]})")
        for r in q.off_plan:
            lines.append(f"  ! ngoài quý kế hoạch: {vn_date(r.aired)} “{r.title}” làm cho "
                         f"{quarter_name(r.planned_quarter)} (bản ghi {r.record_id[:8]})")
        for r in q.voided:
            lines.append(f"  ! đã hủy, không tính: {vn_date(r.aired)} “{r.title}” – lý do: {r.reason} "
                         f"(bản ghi {r.record_id[:8]})")
    return lines
