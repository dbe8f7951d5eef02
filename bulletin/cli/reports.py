"""Quota and report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from bulletin.cli.base import (
    CONTEXT,
    chosen_period,
    cli,
    db_option,
    db_path,
    place_option,
    series_option,
    station_of,
    station_option,
    with_period,
)
from bulletin.errors import UsageError

# -- quota --------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("period", metavar="[KỲ]", required=False)
@series_option
@place_option
@station_option
@db_option
@click.pass_context
def quota(ctx: click.Context, period: str | None, series: str | None, only_place: str | None,
          only_station: str | None, db: Path | None) -> None:
    """Xem nhanh chỉ tiêu: số bản tin đã phát mỗi quý so với yêu cầu, các điểm cần lưu ý.

    KỲ là 2024-Q3, 2024-H1 hoặc 2024 (mặc định: năm nay). Quý đang diễn ra cho
    biết còn thiếu bao nhiêu bản tin và còn bao nhiêu ngày.

    \b
    Ví dụ:
      bulletin quota
      bulletin quota 2024-H1 --series "Thông tin đối ngoại"
    """
    from bulletin.periods import year
    from bulletin.reports import quota as quota_mod
    from bulletin.reports.render import render_quota

    station = station_of(ctx)
    chosen = chosen_period(period) if period else year(dt.date.today().year)
    shown = [station.series, *station.quota_by_series]
    result = quota_mod.load(db_path(ctx, db, read_only=True), chosen, required=station.quota_for, series=shown,
                            only_series=series, place=only_place, rules=station.rule_for,
                            station=only_station)
    for line in render_quota(result, chosen):
        click.echo(line)
    if dt.date.today() in chosen and not only_place and not only_station:
        from bulletin.air import reminders

        found = reminders.load(station, db=db_path(ctx, db, read_only=True),
                               only_series=series)
        if found:
            click.echo("")
            click.echo("NHẮC NHỞ (theo lịch phát hiện tại):")
            for line in found:
                click.echo(f"  ! {line}")


# -- report -------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@with_period
@series_option
@place_option
@station_option
@click.option("--format", "fmt", type=click.Choice(["text", "md", "csv", "docx"]), default=None,
              help="text (màn hình), md, csv hoặc docx (Word, theo Nghị định 30/2020/NĐ-CP). "
                   "Mặc định: theo đuôi tệp -o, hoặc text.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi báo cáo ra tệp (bắt buộc với docx).")
@db_option
@click.pass_context
def report(ctx: click.Context, period: str | None, date_from: str | None, date_to: str | None, series: str | None,
           only_place: str | None, only_station: str | None, fmt: str | None, output: Path | None,
           db: Path | None) -> None:
    """Phần báo cáo phát sóng của một kỳ: câu tổng hợp, bảng các lần phát, tổng theo quý, chỉ tiêu.

    \b
    Ví dụ:
      bulletin report --period 2024-H1
      bulletin report --period 2024-H1 -o bao-cao-6-thang.docx
      bulletin report --period 2024 --format csv -o phat-song-2024.csv
    """
    from bulletin.reports import render as render_mod
    from bulletin.reports import report as report_mod

    chosen = chosen_period(period, date_from, date_to)
    if chosen is None:
        raise UsageError("cần chọn kỳ báo cáo: --period 2024-H1 (hoặc --from/--to)")
    fmt = render_mod.format_for(output, fmt)
    if fmt == "docx" and output is None:
        raise UsageError("báo cáo Word cần tên tệp: thêm -o bao-cao.docx")
    source = db_path(ctx, db, read_only=True)
    if output is not None:
        from bulletin.log.schema import refuse_to_overwrite

        station = station_of(ctx)
        refuse_to_overwrite(output, source, *(p for p in (station.config_path,) if p))
    result = report_mod.load_report(source, chosen, station_of(ctx), series, place=only_place,
                                    station_filter=only_station)
    if output is None:
        click.echo(render_mod.render(result, fmt).lstrip("\ufeff"), nl=fmt == "text")
        return
    render_mod.save(result, fmt, output)
    click.echo(f"Đã ghi báo cáo: {output}")
    click.echo(result.summary)
