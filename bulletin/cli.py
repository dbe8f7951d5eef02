"""The ``bulletin`` command: a thin layer that parses options, calls the library, prints.

Only this module imports click, prints or exits. Expected problems arrive as
:class:`~bulletin.errors.BulletinError` and become one Vietnamese message and
an exit code (1 for bad input, 2 for bad usage); ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .cli_messages import MESSAGES
from .config import Station, load_station
from .errors import BulletinError, UsageError


def _use_vietnamese_click_messages() -> None:
    """Make click's own words (usage, errors, help headings) Vietnamese."""
    import importlib

    def gettext(message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return MESSAGES.get((singular, plural), singular if n == 1 else plural)

    for name in ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types",
                 "shell_completion", "_termui_impl"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


_use_vietnamese_click_messages()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def vn_number(value: float, decimals: int = 1) -> str:
    """12,5 – the decimal comma operators expect."""
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


def _station(ctx: click.Context) -> Station:
    return ctx.obj["station"]


def _fail(exc: BulletinError, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    click.echo(f"Lỗi: {exc}", err=True)
    sys.exit(exc.exit_code)


class BulletinGroup(click.Group):
    """Turns expected errors into a message and an exit code, everywhere below it."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BulletinError as exc:
            _fail(exc, bool(ctx.obj and ctx.obj.get("debug")))
        except KeyboardInterrupt:
            click.echo("Đã dừng theo yêu cầu (Ctrl+C); không có tệp nào bị ghi dở.", err=True)
            sys.exit(130)


@click.group(cls=BulletinGroup, context_settings=CONTEXT)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp cấu hình của đài (mặc định: bulletin.toml trong thư mục hiện tại hoặc thư mục cha).")
@click.option("--debug", is_flag=True, help="Hiện chi tiết kỹ thuật (traceback) khi có lỗi.")
@click.version_option(__version__, "--version", prog_name="bulletin")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, debug: bool) -> None:
    """Bản tin truyền thanh: từ văn bản đến tệp MP3 đã ghi sổ phát sóng.

    \b
    Ví dụ:
      bulletin init dai-xa-tam-hiep
      bulletin check scripts/ban-tin.md
      bulletin build scripts/ban-tin.md -o out/ban-tin.mp3 --engine espeak
      bulletin log add out/ban-tin.mp3 --aired "2024-07-15 06:30"
      bulletin report --period 2024-H1
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    try:
        ctx.obj["station"] = load_station(config_path)
    except BulletinError as exc:
        _fail(exc, debug)


# -- init ---------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default=None, help="Tên đài, ví dụ \"Đài Truyền thanh xã Tam Hiệp\".")
def init(folder: Path, name: str | None) -> None:
    """Tạo thư mục làm việc của đài: cấu hình, kịch bản mẫu, nhạc hiệu.

    Không ghi đè tệp đã có.

    \b
    Ví dụ:
      bulletin init dai-xa-tam-hiep --name "Đài Truyền thanh xã Tam Hiệp"
    """
    from .station import init_station

    created, kept = init_station(folder, name=name)
    for path in created:
        click.echo(f"Đã tạo   {path}")
    for path in kept:
        click.echo(f"Giữ nguyên {path} (đã có)")
    click.echo(f"Xong. Tiếp theo: cd {folder} && bulletin check scripts/vi-du.md")


# -- normalize ----------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("text", nargs=-1)
@click.option("--explain", is_flag=True, help="Giải thích từng chỗ thay đổi: đoạn gốc, cách đọc và quy tắc.")
@click.pass_context
def normalize(ctx: click.Context, text: tuple[str, ...], explain: bool) -> None:
    """In ra cách đọc (dạng nói) của văn bản.

    Không có TEXT thì đọc từ đầu vào chuẩn: mỗi dòng vào cho đúng một dòng ra,
    theo đúng thứ tự.

    \b
    Ví dụ:
      bulletin normalize "UBND huyện tổ chức 02 buổi vào ngày 21/6/2024"
      bulletin normalize --explain "Quý II/2024"
      bulletin normalize < cac-cau.txt > cach-doc.txt
    """
    from .text import Normalizer

    normalizer = Normalizer.for_station(_station(ctx))
    if text:
        lines = [" ".join(text)]
    else:
        lines = _stdin_lines()
    for line in lines:
        click.echo(normalizer.normalize(line).replace("\n", " "))
        if explain:
            for change in normalizer.explain(line):
                click.echo(f"    «{change.original}» → «{change.spoken}»  ({change.rule})")


def _stdin_lines() -> list[str]:
    data = click.get_binary_stream("stdin").read()
    return data.decode("utf-8-sig", errors="replace").splitlines()


# -- check --------------------------------------------------------------------

_engine_option = click.option(
    "--engine", type=str, default=None,
    help="Bộ đọc: espeak (ngoại tuyến), gtts (Google, cần Internet) hoặc auto (mặc định theo cấu hình).",
)
_voice_option = click.option("--voice", default=None, help="Giọng đọc của bộ đọc (xem: bulletin engines).")
_allow_cut_option = click.option(
    "--allow-cut", is_flag=True,
    help="Cho phép kết thúc sớm mục cuối tại ranh giới câu khi không thể khớp 10 phút bằng cách khác.",
)
_pad_option = click.option(
    "--pad", is_flag=True,
    help="Bản tin ngắn hơn mục tiêu thì thêm nhạc nền trước phần kết cho đủ đúng thời lượng.",
)


@cli.command(context_settings=CONTEXT)
@click.argument("script", type=click.Path(path_type=Path))
@_engine_option
@_voice_option
@_allow_cut_option
@_pad_option
@click.pass_context
def check(ctx: click.Context, script: Path, engine: str | None, voice: str | None, allow_cut: bool,
          pad: bool) -> None:
    """Kiểm tra kịch bản và mọi tệp nó dùng; ước tính thời lượng từng mục.

    Mã thoát 0 khi tạo được bản tin, 1 khi không.

    \b
    Ví dụ:
      bulletin check scripts/2024-q2-bien-dao.md
      bulletin check van-ban-cua-so.docx --engine gtts
    """
    from .check import check as run_check
    from .timing import format_clock

    result = run_check(script, _station(ctx), engine=engine, voice=voice, allow_cut=allow_cut, pad=pad)
    meta = result.script.meta
    click.echo(f"Kịch bản: {script} – “{meta.title}”" + (f" (mã {meta.id})" if meta.id else ""))
    click.echo(f"Bộ đọc: {result.engine}, giọng {result.voice}, "
               f"tốc độ ước tính {vn_number(result.read_rate)} âm tiết/giây")
    click.echo("")
    rows = [
        (str(n), s.title + (" (không bắt buộc)" if s.optional else ""), str(s.syllables), format_clock(s.seconds))
        for n, s in enumerate(result.sections, start=1)
    ]
    from .report import format_table

    for line in format_table(("STT", "Mục", "Âm tiết", "Ước tính"), rows):
        click.echo("  " + line)
    click.echo("")
    click.echo(f"Tổng ước tính: {format_clock(result.total)} / mục tiêu {format_clock(result.target)}")
    click.echo("Dự kiến khớp thời lượng:")
    for line in result.plan.report()[1:]:
        click.echo(f"  {line}")
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}")
    if result.ok:
        click.echo("Kết luận: có thể tạo bản tin.")
    else:
        for problem in result.problems:
            click.echo(f"Không tạo được: {problem}")
        sys.exit(1)


# -- build --------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("script", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp kết quả .mp3 (hoặc .wav). Mặc định: out/<tên kịch bản>.mp3 trong thư mục của đài.")
@_engine_option
@_voice_option
@_allow_cut_option
@_pad_option
@click.option("--wav", is_flag=True, help="Ghi thêm một tệp WAV cùng tên bên cạnh tệp MP3.")
@click.pass_context
def build(ctx: click.Context, script: Path, output: Path | None, engine: str | None, voice: str | None,
          allow_cut: bool, pad: bool, wav: bool) -> None:
    """Tạo bản tin âm thanh từ kịch bản: đọc, ghép nhạc hiệu, khớp thời lượng, xuất MP3 có thẻ.

    Mọi mục được đưa về cùng độ lớn; bản tin được chuẩn hóa về độ lớn mục tiêu
    (mặc định -16 LUFS, đỉnh thực tối đa -1 dBTP) và không dài quá mục tiêu
    (mặc định 10:00): rút ngắn khoảng lặng, đọc nhanh hơn (tối đa 8 %), bỏ mục
    @optional, và chỉ khi có --allow-cut mới kết thúc sớm tại ranh giới câu.

    \b
    Ví dụ:
      bulletin build scripts/2024-q2-bien-dao.md -o out/2024-q2.mp3 --engine espeak
      bulletin build van-ban.docx --engine auto --pad --wav
    """
    from .build import BuildOptions, build as run_build
    from .timing import format_clock

    station = _station(ctx)
    output = output or station.root / "out" / f"{script.stem}.mp3"
    with click.progressbar(length=1, label="Đang đọc văn bản", show_pos=True, file=sys.stderr) as bar:

        def progress(done: int, total: int, cached: bool) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        result = run_build(script, output, station, BuildOptions(engine, voice, allow_cut, pad, wav), progress)
    click.echo(f"Đã tạo: {result.output} ({format_clock(result.duration, decimals=1)}, "
               f"{vn_number(result.size / 1_000_000)} MB)")
    if result.wav:
        click.echo(f"Bản WAV: {result.wav}")
    click.echo(f"Tiêu đề: {result.title}")
    click.echo(f"Bộ đọc: {', '.join(result.engines)}; {result.synthesized} đoạn mới đọc, "
               f"{result.cached} đoạn lấy từ bộ nhớ đệm")
    click.echo(f"Độ lớn đo trên tệp: {vn_number(result.loudness)} LUFS (mục tiêu {vn_number(result.loudness_target)}); "
               f"đỉnh thực {vn_number(result.true_peak)} dBTP (tối đa {vn_number(result.ceiling)})")
    if result.limiter >= 0.1:
        click.echo(f"Bộ giới hạn đỉnh: giảm tối đa {vn_number(result.limiter)} dB ở các đỉnh")
    click.echo("Khớp thời lượng:")
    for line in result.plan.report():
        click.echo(f"  {line}")
    click.echo("Các chương:")
    for chapter in result.chapters:
        click.echo(f"  {format_clock(chapter.start, decimals=1)}  {chapter.title}")
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}")


# -- inspect ------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("audio_file", metavar="FILE", type=click.Path(path_type=Path))
def inspect(audio_file: Path) -> None:
    """Xem một bản tin đã tạo: thẻ, các chương, thời lượng, độ lớn đo lại.

    Độ lớn (LUFS) và đỉnh thực (dBTP) được đo lại ngay trên tệp, rồi so với
    số ghi trong thẻ và với mục tiêu.

    \b
    Ví dụ:
      bulletin inspect out/2024-q2.mp3
    """
    from .inspect import inspect_file
    from .report import format_table
    from .timing import format_clock

    found = inspect_file(audio_file)
    info, tags, levels = found.format, found.tags, found.levels
    layout = "mono" if info.channels == 1 else f"{info.channels} kênh"
    rate = f", {info.bitrate // 1000} kb/s" if info.bitrate else ""
    click.echo(f"Tệp: {audio_file} ({info.codec.upper()}, {info.rate} Hz, {layout}{rate}, "
               f"{vn_number(found.size / 1_000_000)} MB)")
    click.echo(f"Thời lượng: {format_clock(info.duration, decimals=1)}"
               + (f" (tối đa {tags.target})" if tags.target else ""))
    for label, value in (("Tiêu đề", tags.title), ("Đài", tags.station), ("Chuyên mục", tags.series),
                         ("Ngày", tags.date), ("Mã bản tin", tags.bulletin_id), ("Quý", tags.quarter),
                         ("Mức độ", tags.level), ("Bộ đọc", tags.engines), ("Ngôn ngữ", tags.language),
                         ("Thể loại", tags.genre), ("Ghi chú", tags.comment), ("Khớp thời lượng", tags.fit),
                         ("Mã kịch bản (SHA-256)", tags.script_sha256)):
        if value:
            click.echo(f"{label}: {value}")
    in_tags = f"; thẻ ghi {_tag_number(tags.loudness)}" if tags.loudness else ""
    aim = f", mục tiêu {_tag_number(tags.loudness_target)}" if tags.loudness_target else ""
    click.echo(f"Độ lớn đo lại: {vn_number(levels.loudness)} LUFS{in_tags}{aim}")
    in_tags = f"; thẻ ghi {_tag_number(tags.true_peak)}" if tags.true_peak else ""
    aim = f", tối đa {_tag_number(tags.true_peak_ceiling)}" if tags.true_peak_ceiling else ""
    click.echo(f"Đỉnh thực đo lại: {vn_number(levels.true_peak)} dBTP{in_tags}{aim}")
    if not tags.chapters:
        click.echo("Không có chương.")
        return
    click.echo("Các chương:")
    rows = [(str(n), format_clock(c.start, decimals=1), format_clock(c.end, decimals=1), c.title)
            for n, c in enumerate(tags.chapters, start=1)]
    for line in format_table(("STT", "Bắt đầu", "Kết thúc", "Tiêu đề"), rows):
        click.echo("  " + line)


def _tag_number(text: str) -> str:
    """A number stored in a tag ("-16.0"), shown with the decimal comma."""
    try:
        return vn_number(float(text))
    except ValueError:
        return text


# -- log ----------------------------------------------------------------------


@cli.group(cls=BulletinGroup, context_settings=CONTEXT)
def log() -> None:
    """Sổ phát sóng: ghi lại mỗi lần phát và xem lại."""


_db_option = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                          help="Tệp sổ phát sóng (mặc định: theo cấu hình, broadcasts.db trong thư mục của đài).")


def _db(ctx: click.Context, db: Path | None) -> Path:
    return db or _station(ctx).database_path


@log.command("add", context_settings=CONTEXT)
@click.argument("audio_file", metavar="MP3", type=click.Path(path_type=Path))
@click.option("--aired", required=True, help="Thời điểm phát, dạng \"2024-07-15 06:30\".")
@click.option("--place", default=None, help="Nơi phát (cụm loa); mặc định là tên đài.")
@click.option("--operator", default=None, help="Người phát.")
@click.option("--note", default="", help="Ghi chú.")
@click.option("--title", default=None, help="Tiêu đề (cho tệp không do bulletin tạo).")
@click.option("--id", "bulletin_id", default=None, help="Mã bản tin (cho tệp không do bulletin tạo).")
@_db_option
@click.pass_context
def log_add(ctx: click.Context, audio_file: Path, aired: str, place: str | None, operator: str | None,
            note: str, title: str | None, bulletin_id: str | None, db: Path | None) -> None:
    """Ghi một lần phát sóng vào sổ (đọc tiêu đề, mã, thời lượng từ tệp).

    \b
    Ví dụ:
      bulletin log add out/2024-q2.mp3 --aired "2024-06-21 06:30" --place "Cụm loa thôn 3"
    """
    from . import broadcast_log
    from .timing import format_clock

    station = _station(ctx)
    try:
        aired_at = broadcast_log.parse_aired(aired)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    record = broadcast_log.record_for_file(
        audio_file, aired_at, place=place or station.default_place, operator=operator or station.operator,
        note=note, title=title, bulletin_id=bulletin_id, default_series=station.series,
    )
    broadcast_log.add(_db(ctx, db), record)
    click.echo(f"Đã ghi sổ: {record.aired_at} – “{record.title}” ({format_clock(record.duration)}) tại {record.place}")
    click.echo(f"Mã bản ghi: {record.id}")
    if record.duration > 600:
        click.echo(f"Cảnh báo: tệp dài {format_clock(record.duration)}, quá 10 phút của một bản tin.")
    if aired_at > dt.datetime.now():
        click.echo("Cảnh báo: thời điểm phát ở tương lai; hãy kiểm tra lại --aired.")


@log.command("list", context_settings=CONTEXT)
@click.option("--period", default=None, help="Kỳ: 2024-Q3 (quý), 2024-H1 (6 tháng) hoặc 2024 (năm).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Định dạng in ra.")
@_db_option
@click.pass_context
def log_list(ctx: click.Context, period: str | None, fmt: str, db: Path | None) -> None:
    """Liệt kê các lần phát sóng đã ghi.

    \b
    Ví dụ:
      bulletin log list --period 2024-Q3
      bulletin log list --format csv > so-phat-song.csv
    """
    from . import broadcast_log
    from .report import format_table, vn_date, vn_duration

    records = broadcast_log.records(_db(ctx, db), _period(period) if period else None)
    if fmt == "json":
        click.echo(json.dumps([r.as_dict() for r in records], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(broadcast_log.COLUMNS))
        writer.writeheader()
        for r in records:
            writer.writerow(r.as_dict())
        click.echo(buffer.getvalue(), nl=False)
    elif not records:
        click.echo("Chưa có bản ghi nào" + (f" trong kỳ {period}." if period else "."))
    else:
        rows = [(vn_date(r.aired), r.aired.strftime("%H:%M"), r.bulletin_id, r.title, vn_duration(r.duration), r.place)
                for r in records]
        for line in format_table(("Ngày phát", "Giờ", "Mã bản tin", "Tiêu đề", "Thời lượng", "Nơi phát"), rows):
            click.echo(line)


def _period(text: str):
    from .periods import parse_period

    try:
        return parse_period(text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


# -- report -------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.option("--period", required=True, help="Kỳ báo cáo: 2024-Q3 (quý), 2024-H1 (6 tháng) hoặc 2024 (năm).")
@click.option("--series", default=None, help="Chuyên mục (mặc định: theo cấu hình của đài).")
@_db_option
@click.pass_context
def report(ctx: click.Context, period: str, series: str | None, db: Path | None) -> None:
    """In phần báo cáo phát sóng của một kỳ: câu tổng hợp, bảng, tình hình chỉ tiêu.

    \b
    Ví dụ:
      bulletin report --period 2024-H1
      bulletin report --period 2024-Q3 --series "Thông tin đối ngoại"
    """
    from . import broadcast_log
    from .report import make_report, render_text

    station = _station(ctx)
    chosen = _period(period)
    result = make_report(broadcast_log.records(_db(ctx, db), chosen), chosen, station, series)
    click.echo(render_text(result))


def main() -> None:
    cli(prog_name="bulletin")


if __name__ == "__main__":  # pragma: no cover
    main()
