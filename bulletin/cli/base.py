"""What every command shares: the click group, Vietnamese click messages, error handling, common options."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from bulletin import __version__
from bulletin.cli.messages import MESSAGES
from bulletin.config import Station, load_station
from bulletin.errors import BulletinError, LogError, UsageError


def _use_vietnamese_click_messages() -> None:
    """Make click's own words (usage, errors, help headings) Vietnamese."""
    import importlib

    def gettext(message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return MESSAGES.get((singular, plural), singular if n == 1 else plural)

    # Type names show in usage (--engine CHUỖI) and in messages ("không phải là số hợp lệ").
    click.STRING.name, click.INT.name, click.FLOAT.name = "chuỗi", "số", "số"
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


def station_of(ctx: click.Context) -> Station:
    return ctx.obj["station"]


def fail(exc: BulletinError, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    click.echo(f"Lỗi: {exc}", err=True)
    sys.exit(exc.exit_code)


class BulletinCommand(click.Command):
    """A command whose usage line is Vietnamese too."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        super().__init__(*args, **kwargs)


class BulletinGroup(click.Group):
    """Turns expected errors into a message and an exit code, everywhere below it."""

    command_class = BulletinCommand
    group_class = type  # subgroups are BulletinGroups as well

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM_SỐ]...")
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BulletinError as exc:
            fail(exc, bool(ctx.obj and ctx.obj.get("debug")))
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
        fail(exc, debug)



db_option = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                          help="Tệp sổ phát sóng (mặc định: theo cấu hình, broadcasts.db trong thư mục của đài).")
_period_options = [
    click.option("--period", metavar="KỲ", default=None,
                 help="Kỳ: 2024-Q3 (quý), 2024-H1 (6 tháng) hoặc 2024 (năm)."),
    click.option("--from", "date_from", metavar="NGÀY", default=None, help="Từ ngày (2024-07-01 hoặc 1/7/2024)."),
    click.option("--to", "date_to", metavar="NGÀY", default=None, help="Đến ngày, kể cả ngày đó."),
]
series_option = click.option("--series", metavar="CHUYÊN_MỤC", default=None,
                              help="Chỉ chuyên mục này, ví dụ \"Thông tin đối ngoại\".")
place_option = click.option("--place", "only_place", metavar="NƠI", default=None,
                             help="Chỉ nơi phát (cụm loa) này.")


def with_period(command):
    for option in reversed(_period_options):
        command = option(command)
    return command


def db_path(ctx: click.Context, db: Path | None) -> Path:
    return db or station_of(ctx).database_path


def chosen_period(text: str | None, date_from: str | None = None, date_to: str | None = None):
    from bulletin.periods import choose_period

    if text and (date_from or date_to):
        raise UsageError("dùng --period hoặc --from/--to, không dùng cả hai")
    try:
        return choose_period(text, date_from, date_to)
    except ValueError as exc:
        raise LogError(str(exc)) from None


def parse_aired_option(text: str):
    from bulletin.log.record import parse_aired

    try:
        return parse_aired(text)
    except ValueError as exc:
        raise LogError(str(exc)) from None


engine_option = click.option(
    "--engine", type=str, default=None,
    help="Bộ đọc: auto (Google khi có mạng, nếu không thì espeak), gtts (Google, cần Internet) hoặc "
         "espeak (ngoại tuyến). Mặc định theo cấu hình của đài (bulletin.engine). Xem: bulletin engines.",
)
voice_option = click.option("--voice", default=None, help="Giọng đọc của bộ đọc (xem: bulletin engines).")
allow_cut_option = click.option(
    "--allow-cut", is_flag=True,
    help="Cho phép kết thúc sớm mục cuối tại ranh giới câu khi không thể khớp 10 phút bằng cách khác.",
)
pad_option = click.option(
    "--pad", is_flag=True,
    help="Bản tin ngắn hơn mục tiêu thì thêm nhạc nền trước phần kết cho đủ đúng thời lượng.",
)
