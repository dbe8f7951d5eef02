"""The broadcast log: log add, void, amend, list, verify, export, import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import click

from bulletin.cli.base import (
    CONTEXT,
    BulletinGroup,
    chosen_period,
    cli,
    db_option,
    db_path,
    parse_aired_option,
    place_option,
    series_option,
    station_of,
    with_period,
)
from bulletin.errors import LogError, UsageError

# -- log ----------------------------------------------------------------------


@cli.group(cls=BulletinGroup, context_settings=CONTEXT)
def log() -> None:
    """Sổ phát sóng: ghi mỗi lần phát, sửa/hủy có lưu vết, kiểm tra toàn vẹn, xuất/nhập.

    \b
    Ví dụ:
      bulletin log add out/2024-q2.mp3 --aired "2024-06-21 06:30"
      bulletin log list --period 2024-Q2
      bulletin log verify
    """



@log.command("add", context_settings=CONTEXT)
@click.argument("audio_file", metavar="MP3", type=click.Path(path_type=Path))
@click.option("--aired", metavar="THỜI_ĐIỂM", required=True, help="Thời điểm phát, dạng \"2024-07-15 06:30\".")
@click.option("--place", metavar="NƠI", default=None,
              help="Nơi phát (cụm loa); mặc định theo cấu hình, hoặc tên đài.")
@click.option("--operator", metavar="TÊN", default=None, help="Người phát.")
@click.option("--note", metavar="GHI_CHÚ", default="", help="Ghi chú.")
@click.option("--title", metavar="TIÊU_ĐỀ", default=None, help="Tiêu đề (cho tệp không do bulletin tạo).")
@click.option("--id", "bulletin_id", metavar="MÃ", default=None, help="Mã bản tin (cho tệp không do bulletin tạo).")
@click.option("--series", metavar="CHUYÊN_MỤC", default=None,
              help="Chuyên mục (mặc định: theo thẻ của tệp, hoặc theo cấu hình).")
@click.option("--quarter", metavar="QUÝ", default=None,
              help="Quý kế hoạch của bản tin, dạng 2024-Q3 (mặc định: theo thẻ của tệp).")
@click.option("--ask/--no-ask", default=None,
              help="Hỏi tiêu đề, mã, chuyên mục khi tệp chưa có (mặc định: hỏi khi gõ lệnh trực tiếp).")
@db_option
@click.pass_context
def log_add(ctx: click.Context, audio_file: Path, aired: str, place: str | None, operator: str | None,
            note: str, title: str | None, bulletin_id: str | None, series: str | None, quarter: str | None,
            ask: bool | None, db: Path | None) -> None:
    """Ghi một lần phát sóng vào sổ (đọc tiêu đề, mã, chuyên mục, thời lượng từ tệp).

    Cùng tệp, cùng thời điểm, cùng nơi phát thì không ghi lần hai. Phát lại
    một bản tin ở thời điểm hoặc nơi khác là một bản ghi mới, nhưng chỉ tính
    một lần vào chỉ tiêu.

    Tệp làm ở nơi khác (bản tin Sở gửi về, không có thẻ): lần ghi đầu cần
    --title, --id, --series (hoặc trả lời khi được hỏi); sổ nhớ chúng theo nội dung
    tệp (mã băm), nên lần phát lại cùng tệp chỉ cần --aired.

    \b
    Ví dụ:
      bulletin log add out/2024-q2.mp3 --aired "2024-06-21 06:30" --place "Cụm loa thôn 3"
      bulletin log add ban-tin-so.mp3 --aired "2024-07-02 17:00" --title "Bản tin của Sở" --id STTTT-2024-07
      bulletin log add ban-tin-so.mp3 --aired "2024-07-09 17:00"
    """
    import sys

    from bulletin.log import store
    from bulletin.timing import format_clock

    station = station_of(ctx)
    aired_at = parse_aired_option(aired, path=audio_file)
    log_file = db_path(ctx, db)
    known = store.identify_file(audio_file, log_file)
    if not title and not known.title and (ask if ask is not None else sys.stdin.isatty()):
        title, bulletin_id, series = _ask_identity(station, log_file, bulletin_id, series)
    record = store.record_for_file(
        audio_file, aired_at, place=place or station.default_place, operator=operator or station.operator,
        note=note, title=title, bulletin_id=bulletin_id, series=series, planned_quarter=quarter,
        default_series=station.series, station_name=station.name, station_code=station.short_code, known=known,
    )
    result = store.add(log_file, record, origin_name=station.name, rule=station.rule_for(record.series),
                       proposed_id=known.proposed_id if bulletin_id is None else "")
    written = result.record
    click.echo(f"Đã ghi sổ: {written.aired_at} – “{written.title}” "
               f"({format_clock(written.duration)}) tại {written.place}")
    click.echo(f"Mã bản ghi: {written.record_id}")
    if known.source == "log" and not title:
        click.echo(f"Nhận ra tệp (cùng nội dung với lần phát {known.aired_at}): dùng lại tiêu đề, mã, chuyên mục "
                   "đã ghi trong sổ.")
    if result.renumbered_from:
        click.echo(store.renumbered_note(result))
    if result.revision_of:
        click.echo(f"Bản sửa của {result.revision_of} (cùng mã {written.bulletin_id}): phát lại cùng bản tin, "
                   "chỉ tính một lần vào chỉ tiêu.")
    elif result.earlier_airings:
        click.echo(f"Phát lại: bản tin này đã có {result.earlier_airings} lần phát trong sổ; "
                   "chỉ tính một lần vào chỉ tiêu.")
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}")


def _ask_identity(station, log_file: Path, bulletin_id: str | None, series: str | None):
    """Ask for what a file made elsewhere is (title, id, series); the log remembers the answers."""
    from bulletin.log.identity import propose_id

    click.echo("Tệp chưa có thẻ tiêu đề (làm ở nơi khác). Sổ sẽ nhớ các thông tin này cho những lần phát lại "
               "cùng tệp.")
    try:
        title = click.prompt("Tiêu đề bản tin").strip()
        series = series or click.prompt("Chuyên mục", default=station.series).strip()
        if bulletin_id is None:
            proposal = propose_id(series, None, log_file, title=title,
                                  folders=[station.root / "out", station.root / "scripts"])
            bulletin_id = click.prompt("Mã bản tin", default=proposal).strip()
    except click.Abort:
        raise LogError("chưa có tiêu đề cho tệp không có thẻ; hãy ghi rõ --title \"…\" và nên có --id") from None
    return title, bulletin_id, series


@log.command("void", context_settings=CONTEXT)
@click.argument("record_id", metavar="MÃ")
@click.option("--reason", metavar="LÝ_DO", required=True, help="Lý do hủy (bắt buộc, được lưu lại).")
@db_option
@click.pass_context
def log_void(ctx: click.Context, record_id: str, reason: str, db: Path | None) -> None:
    """Hủy một bản ghi ghi nhầm. Bản ghi cũ vẫn được giữ trong lịch sử; không tính vào chỉ tiêu.

    MÃ là mã bản ghi (đủ 8 ký tự đầu) như trong 'bulletin log list'.

    \b
    Ví dụ:
      bulletin log void 1a2b3c4d --reason "Ghi nhầm: hôm đó mất điện, không phát"
    """
    from bulletin.log import store

    entry = store.void(db_path(ctx, db), record_id, reason=reason, origin_name=station_of(ctx).name)
    click.echo(f"Đã hủy bản ghi {entry.record_id[:8]} “{entry.title}” ({entry.aired_at}, {entry.place}).")
    click.echo(f"Lý do: {entry.reason}. Bản ghi cũ vẫn còn trong lịch sử: bulletin log list --history")


@log.command("amend", context_settings=CONTEXT)
@click.argument("record_id", metavar="MÃ")
@click.option("--reason", metavar="LÝ_DO", required=True, help="Lý do sửa (bắt buộc, được lưu lại).")
@click.option("--aired", metavar="THỜI_ĐIỂM", default=None, help="Thời điểm phát đúng, dạng \"2024-07-15 06:30\".")
@click.option("--place", metavar="NƠI", default=None, help="Nơi phát đúng.")
@click.option("--title", metavar="TIÊU_ĐỀ", default=None, help="Tiêu đề đúng.")
@click.option("--id", "bulletin_id", metavar="MÃ", default=None, help="Mã bản tin đúng.")
@click.option("--series", metavar="CHUYÊN_MỤC", default=None, help="Chuyên mục đúng.")
@click.option("--level", type=click.Choice(["thường", "ưu tiên", "khẩn cấp"]), default=None, help="Mức độ đúng.")
@click.option("--operator", metavar="TÊN", default=None, help="Người phát đúng.")
@click.option("--note", metavar="GHI_CHÚ", default=None, help="Ghi chú mới.")
@click.option("--quarter", metavar="QUÝ", default=None, help="Quý kế hoạch đúng, dạng 2024-Q3.")
@db_option
@click.pass_context
def log_amend(ctx: click.Context, record_id: str, reason: str, aired: str | None, place: str | None,
              title: str | None, bulletin_id: str | None, series: str | None, level: str | None,
              operator: str | None, note: str | None, quarter: str | None, db: Path | None) -> None:
    """Sửa thông tin một bản ghi. Ghi thêm phiên bản mới; phiên bản cũ vẫn được giữ.

    Không sửa được tệp âm thanh: ghi nhầm tệp thì hủy (log void) rồi ghi lại (log add).

    \b
    Ví dụ:
      bulletin log amend 1a2b3c4d --aired "2024-06-21 17:30" --reason "Ghi nhầm giờ phát"
      bulletin log amend 1a2b3c4d --place "Cụm loa thôn 5" --reason "Phát ở cụm loa khác"
    """
    from bulletin.log import store

    changes = {k: v for k, v in {
        "aired_at": aired, "place": place, "title": title, "bulletin_id": bulletin_id, "series": series,
        "level": level, "operator": operator, "note": note, "planned_quarter": quarter,
    }.items() if v is not None}
    if not changes:
        raise UsageError("chưa có gì để sửa; ghi ít nhất một trong --aired, --place, --title, --id, --series, "
                         "--level, --operator, --note, --quarter")
    path = db_path(ctx, db)
    if not path.is_file():
        raise LogError("chưa có sổ phát sóng ở đường dẫn này; không có gì để sửa", path=path)
    if "aired_at" in changes:
        changes["aired_at"] = parse_aired_option(changes["aired_at"], path=path).strftime("%Y-%m-%d %H:%M")
    try:
        entry = store.amend(path, record_id, changes, reason=reason, origin_name=station_of(ctx).name)
    except LogError as exc:
        if exc.path is None:
            exc.path = path
        raise
    click.echo(f"Đã sửa bản ghi {entry.record_id[:8]}: {entry.aired_at} – “{entry.title}” tại {entry.place}.")
    click.echo(f"Lý do: {entry.reason}. Phiên bản cũ vẫn còn trong lịch sử: bulletin log list --history")


_STATUS = {"add": "", "amend": "đã sửa", "void": "ĐÃ HỦY"}
_KIND = {"add": "ghi", "amend": "sửa", "void": "hủy"}
_CSV_STATUS = {"add": "đang tính", "amend": "đã sửa", "void": "đã hủy"}


def _status(r) -> str:
    """"ĐÃ HỦY", "đã sửa", and for the player's records "tự động" with how the airing went."""
    from bulletin.log.record import AUTO, COMPLETE, COMPLETION_NAMES

    parts = [_STATUS[r.kind]] if _STATUS[r.kind] else []
    if r.source == AUTO:
        parts.append("tự động")
    text = "; ".join(parts)
    if r.completion != COMPLETE:  # not counted toward the quota: the notes below say why
        text = f"{text}: {COMPLETION_NAMES[r.completion]}" if text else COMPLETION_NAMES[r.completion]
    return text


@log.command("list", context_settings=CONTEXT)
@with_period
@series_option
@place_option
@click.option("--history", is_flag=True, help="Hiện mọi phiên bản (ghi, sửa, hủy) của từng bản ghi.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Định dạng in ra.")
@db_option
@click.pass_context
def log_list(ctx: click.Context, period: str | None, date_from: str | None, date_to: str | None,
             series: str | None, only_place: str | None, history: bool, fmt: str, db: Path | None) -> None:
    """Liệt kê các lần phát sóng đã ghi (tình trạng hiện hành; --history: cả lịch sử sửa, hủy).

    \b
    Ví dụ:
      bulletin log list --period 2024-Q3
      bulletin log list --from 2024-07-01 --to 2024-07-31 --place "Cụm loa thôn 3"
      bulletin log list --history --format json > so-phat-song.json
      bulletin log list --format csv > so-phat-song.csv
    """
    from bulletin.log import store
    from bulletin.reports.render import format_table
    from bulletin.vn_format import vn_date, vn_duration, vn_time

    chosen = chosen_period(period, date_from, date_to)
    load = store.history if history else store.current
    records = load(db_path(ctx, db, read_only=True), chosen, series=series, place=only_place)
    if fmt == "json":
        objects = [r.as_dict() | {"status": "voided" if r.voided else "amended" if r.kind == "amend" else "active"}
                   for r in records]
        click.echo(json.dumps(objects, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(("Mã bản ghi", "Thao tác", "Ngày phát", "Giờ", "Mã bản tin", "Tiêu đề", "Chuyên mục",
                         "Mức độ", "Thời lượng", "Thời lượng (giây)", "Nơi phát", "Đài", "Người phát", "Tình trạng",
                         "Ghi chú", "Lý do"))
        for r in records:
            writer.writerow((r.record_id[:8], _KIND[r.kind], vn_date(r.aired), vn_time(r.aired), r.bulletin_id,
                             r.title, r.series, r.level, vn_duration(r.duration), f"{r.duration:.0f}", r.place,
                             r.station_name, r.operator, _CSV_STATUS[r.kind], r.note, r.reason))
        click.echo("\ufeff" + buffer.getvalue(), nl=False)
        return
    if not records:
        click.echo("Chưa có bản ghi nào" + (f" trong {chosen.describe()}." if chosen else "."))
        return
    if history:
        header = ("Mã", "Thao tác", "Ghi lúc", "Ngày phát", "Giờ", "Chuyên mục", "Tiêu đề", "Thời lượng",
                  "Nơi phát")
        rows = [(r.record_id[:8], _KIND[r.kind], _local(r.recorded_at), vn_date(r.aired), vn_time(r.aired),
                 r.series, r.title, vn_duration(r.duration), r.place) for r in records]
        notes = [f"  {r.record_id[:8]} ({_KIND[r.kind]}): {r.reason}" for r in records if r.reason]
    else:
        header = ("Mã", "Ngày phát", "Giờ", "Chuyên mục", "Tiêu đề", "Thời lượng", "Nơi phát", "Tình trạng")
        rows = [(r.record_id[:8], vn_date(r.aired), vn_time(r.aired), r.series, _short(r.title, 30),
                 vn_duration(r.duration), r.place, _status(r)) for r in records]
        notes = [f"  {r.record_id[:8]}: " + "; ".join(x for x in (
            _STATUS[r.kind] + f": {r.reason}" if r.voided else "", r.note) if x) for r in records if r.voided or r.note]
    for line in format_table(header, rows):
        click.echo(line)
    if notes:
        click.echo("Ghi chú, lý do:")
        for line in notes:
            click.echo(line)
    active = sum(1 for r in records if not r.voided) if not history else None
    if active is not None:
        unplayed = sum(1 for r in records if not r.voided and r.completion != "complete")
        played = f"{active - unplayed} đang tính, {unplayed} không phát trọn" if unplayed else f"{active} đang tính"
        click.echo(f"\n{len(records)} bản ghi ({played}, {len(records) - active} đã hủy).")


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _local(iso: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{moment.day}/{moment.month}/{moment.year} {moment.hour}h{moment.minute:02d}"


@log.command("verify", context_settings=CONTEXT)
@db_option
@click.pass_context
def log_verify(ctx: click.Context, db: Path | None) -> None:
    """Kiểm tra sổ không bị sửa, xóa hay chèn bản ghi ngoài bulletin (chuỗi mã băm).

    Mã thoát 0 khi sổ nguyên vẹn, 1 khi phát hiện bất thường (in ra từng bản ghi).

    \b
    Ví dụ:
      bulletin log verify
      bulletin log verify --db huyen/so-tong-hop.db
    """
    from bulletin.log import store
    from bulletin.log.chain import describe

    path = db_path(ctx, db, read_only=True)
    result, names = store.verify(path)
    sources = ", ".join(n or "không tên" for n in names.values())
    if result.ok:
        click.echo(f"Sổ phát sóng nguyên vẹn: {result.entries} bản ghi, {result.origins} nguồn ({sources}).")
        click.echo("Không có bản ghi nào bị sửa, xóa hay chèn ngoài bulletin.")
        return
    click.echo(f"Phát hiện {len(result.problems)} bất thường trong sổ phát sóng {path} ({result.entries} bản ghi):")
    for problem in result.problems:
        click.echo("  " + describe(problem, names.get(problem.origin, "")))
    click.echo("Sổ đã bị thay đổi ngoài bulletin. Hãy đối chiếu với bản xuất (log export) hoặc bản sao lưu gần nhất.")
    ctx.exit(1)


@log.command("export", context_settings=CONTEXT)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp JSON Lines cần ghi (mặc định: in ra màn hình).")
@db_option
@click.pass_context
def log_export(ctx: click.Context, output: Path | None, db: Path | None) -> None:
    """Xuất toàn bộ sổ (kèm chuỗi mã băm) ra tệp JSON Lines, để gửi lên huyện hoặc sao lưu.

    \b
    Ví dụ:
      bulletin log export -o so-xa-tam-hiep-2024.jsonl
    """
    from bulletin.log import exchange as log_exchange

    if output is None:
        for line in log_exchange.export_lines(db_path(ctx, db, read_only=True)):
            click.echo(line)
        return
    from bulletin.log.schema import refuse_to_overwrite

    source = db_path(ctx, db, read_only=True)
    refuse_to_overwrite(output, source)
    count = log_exchange.export(source, output)
    click.echo(f"Đã xuất {count} bản ghi ra {output}")


@log.command("import", context_settings=CONTEXT)
@click.argument("source", metavar="TỆP", type=click.Path(path_type=Path))
@db_option
@click.pass_context
def log_import(ctx: click.Context, source: Path, db: Path | None) -> None:
    """Nhập (gộp) sổ của đài khác từ tệp xuất; nhập lại cùng tệp không tạo bản ghi trùng.

    Chuỗi mã băm của từng nguồn được kiểm tra trước khi nhập: tệp bị sửa thì không nhập gì.

    \b
    Ví dụ:
      bulletin log import so-xa-tam-hiep-2024.jsonl
      bulletin log import so-xa-tam-anh-2024.jsonl --db so-tong-hop-huyen.db
    """
    from bulletin.log import exchange as log_exchange

    result = log_exchange.import_file(db_path(ctx, db), source)
    click.echo(f"Đã nhập {result.added} bản ghi mới, bỏ qua {result.skipped} bản ghi đã có.")
    for name, added in result.origins:
        click.echo(f"  {name}: {added} bản ghi mới")
