"""What every command shares: the click group, Vietnamese click messages, error handling, common options."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from bulletin import __version__, programs
from bulletin.cli.messages import MESSAGES
from bulletin.config import Station, load_station
from bulletin.errors import BulletinError, LogError, UsageError
from bulletin.vn_format import vn_number  # noqa: F401  (the commands import it from here)


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


def utf8_console() -> None:
    """Vietnamese on any console: stdout and stderr in UTF-8.

    A Windows console (or output redirected to a file there) defaults to the
    ANSI code page, which cannot write most Vietnamese letters.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


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
        except KeyboardInterrupt as exc:
            programs.end_children()
            if isinstance(exc, Terminated):
                click.echo("Đã dừng vì nhận tín hiệu kết thúc (SIGTERM); không có tệp nào bị ghi dở.", err=True)
                sys.exit(143)
            click.echo("Đã dừng theo yêu cầu (Ctrl+C); không có tệp nào bị ghi dở.", err=True)
            sys.exit(130)


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: unwind like Ctrl+C so every ``finally`` removes its temporary files."""


def terminated(signum, frame) -> None:
    raise Terminated()


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
        ctx.obj["station"] = station = load_station(config_path)
        programs.configure(station.program_paths)
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
station_option = click.option("--station", "only_station", metavar="ĐÀI", default=None,
                               help="Chỉ đài này (mã ngắn hoặc tên trong bulletin.toml của đài), khi sổ gộp nhiều đài.")
place_option = click.option("--place", "only_place", metavar="NƠI", default=None,
                             help="Chỉ nơi phát (cụm loa) này.")


def with_period(command):
    for option in reversed(_period_options):
        command = option(command)
    return command


def db_path(ctx: click.Context, db: Path | None, *, read_only: bool = False) -> Path:
    """The log a command uses: ``--db``, else the station's.

    Outside a station folder (no bulletin.toml here or above, no --config) a new
    log is never created in the current folder by accident: the command says which
    station and log it would use and how to get into a station folder.
    """
    if db is not None:
        return db
    station = station_of(ctx)
    path = station.database_path
    if station.config_path is not None:
        return path
    if path.is_file() and read_only:
        click.echo(f"Lưu ý: không ở trong thư mục của đài (không có bulletin.toml); dùng cấu hình mặc định "
                   f"“{station.name}” và sổ {path}", err=True)
        return path
    raise LogError(
        f"không ở trong thư mục của đài: không tìm thấy bulletin.toml ở {station.root} hay thư mục cha, nên "
        f"không biết dùng sổ phát sóng nào (sẽ phải tạo sổ mới {path.name} ở đây); không tạo tệp nào. "
        "Hãy cd vào thư mục của đài (nơi có bulletin.toml), hoặc tạo đài mới bằng 'bulletin init THƯ_MỤC', "
        "hoặc chỉ rõ sổ bằng --db TỆP (hay cấu hình bằng --config)",
        path=path,
    )


def chosen_period(text: str | None, date_from: str | None = None, date_to: str | None = None):
    from bulletin.periods import choose_period

    if text and (date_from or date_to):
        raise UsageError("dùng --period hoặc --from/--to, không dùng cả hai")
    try:
        return choose_period(text, date_from, date_to)
    except ValueError as exc:
        raise LogError(str(exc)) from None


def parse_aired_option(text: str, path: Path | None = None):
    from bulletin.log.record import parse_aired

    try:
        return parse_aired(text)
    except ValueError as exc:
        raise LogError(str(exc), path=path) from None


engine_option = click.option(
    "--engine", type=str, default=None,
    help="Bộ đọc: auto (edge rồi Google khi có mạng, piper khi đài có giọng tiếng Việt, không thì espeak), "
         "edge (giọng tự nhiên của Microsoft, cần Internet), gtts (Google, cần Internet), piper (giọng tự nhiên "
         "ngoại tuyến) hoặc espeak (ngoại tuyến). Mặc định theo cấu hình của đài (bulletin.engine). "
         "Xem: bulletin engines.",
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
no_fallback_option = click.option(
    "--no-fallback", is_flag=True,
    help="Với --engine auto: khi bộ đọc trực tuyến không dùng được thì dừng, báo lỗi và không tạo tệp "
         "(mặc định: đọc phần còn lại bằng bộ đọc kế tiếp, cuối cùng là espeak).")


_identity_options = [
    click.option("--id", "bulletin_id", metavar="MÃ", default=None,
                 help="Mã bản tin (giữ nguyên mã khi tạo lại bản sửa: chỉ tính một lần vào chỉ tiêu)."),
    click.option("--title", metavar="TIÊU_ĐỀ", default=None, help="Tiêu đề bản tin (thay tiêu đề trong kịch bản)."),
    click.option("--series", "bulletin_series", metavar="CHUYÊN_MỤC", default=None, help="Chuyên mục của bản tin."),
    click.option("--date", "bulletin_date", metavar="NGÀY", default=None,
                 help="Ngày của bản tin: 15/7/2024 hoặc 2024-07-15 (quyết định quý kế hoạch)."),
    click.option("--level", type=click.Choice(["thường", "ưu tiên", "khẩn cấp"]), default=None,
                 help="Mức độ của bản tin."),
]


def with_identity(command):
    for option in reversed(_identity_options):
        command = option(command)
    return command


def identity_from(bulletin_id: str | None, title: str | None, series: str | None, date: str | None,
                  level: str | None):
    """The identity the operator gave on the command line (a document without one gets a proposed id
    from the library: ``result.proposed_id``)."""
    from bulletin.log.identity import Identity
    from bulletin.periods import parse_day

    day = None
    if date is not None:
        try:
            day = parse_day(date)
        except ValueError as exc:
            raise UsageError(f"--date: {exc}") from None
    for name, value in (("--id", bulletin_id), ("--title", title), ("--series", series)):
        if value is not None and not value.strip():
            raise UsageError(f"{name} không được để trống")
    return Identity(bulletin_id, title, series, day, level)
