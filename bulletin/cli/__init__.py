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

from bulletin import __version__
from bulletin.cli.messages import MESSAGES
from bulletin.config import Station, load_station
from bulletin.errors import BulletinError, EngineError, LogError, UsageError


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


def _station(ctx: click.Context) -> Station:
    return ctx.obj["station"]


def _fail(exc: BulletinError, debug: bool) -> None:
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
@click.argument("folder", metavar="THƯ_MỤC", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default=None, help="Tên đài, ví dụ \"Đài Truyền thanh xã Tam Hiệp\".")
def init(folder: Path, name: str | None) -> None:
    """Tạo thư mục làm việc của đài: cấu hình, kịch bản mẫu, nhạc hiệu.

    Không ghi đè tệp đã có.

    \b
    Ví dụ:
      bulletin init dai-xa-tam-hiep --name "Đài Truyền thanh xã Tam Hiệp"
    """
    from bulletin.station import init_station

    created, kept = init_station(folder, name=name)
    for path in created:
        click.echo(f"Đã tạo   {path}")
    for path in kept:
        click.echo(f"Giữ nguyên {path} (đã có)")
    click.echo(f"Xong. Tiếp theo: cd {folder} && bulletin check scripts/vi-du.md")


# -- normalize ----------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("text", metavar="[VĂN_BẢN]...", nargs=-1)
@click.option("--explain", is_flag=True, help="Giải thích từng chỗ thay đổi: đoạn gốc, cách đọc và quy tắc.")
@click.pass_context
def normalize(ctx: click.Context, text: tuple[str, ...], explain: bool) -> None:
    """In ra cách đọc (dạng nói) của văn bản.

    Không có VĂN_BẢN thì đọc từ đầu vào chuẩn: mỗi dòng vào cho đúng một dòng ra,
    theo đúng thứ tự.

    \b
    Ví dụ:
      bulletin normalize "UBND huyện tổ chức 02 buổi vào ngày 21/6/2024"
      bulletin normalize --explain "Quý II/2024"
      bulletin normalize < cac-cau.txt > cach-doc.txt
    """
    from bulletin.text import Normalizer

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
    help="Bộ đọc: auto (Google khi có mạng, nếu không thì espeak), gtts (Google, cần Internet) hoặc "
         "espeak (ngoại tuyến). Mặc định theo cấu hình của đài (bulletin.engine). Xem: bulletin engines.",
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
@click.argument("script", metavar="KỊCH_BẢN", type=click.Path(path_type=Path))
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
    from bulletin.check import check as run_check
    from bulletin.timing import format_clock

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
    from bulletin.reports.render import format_table

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
@click.argument("script", metavar="KỊCH_BẢN", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp kết quả .mp3 (hoặc .wav). Mặc định: out/<tên kịch bản>.mp3 trong thư mục của đài.")
@_engine_option
@click.option("--no-fallback", is_flag=True,
              help="Với --engine auto: khi Google không dùng được thì dừng, báo lỗi và không tạo tệp "
                   "(mặc định: đọc phần còn lại bằng espeak).")
@_voice_option
@_allow_cut_option
@_pad_option
@click.option("--wav", is_flag=True, help="Ghi thêm một tệp WAV cùng tên bên cạnh tệp MP3.")
@click.pass_context
def build(ctx: click.Context, script: Path, output: Path | None, engine: str | None, no_fallback: bool,
          voice: str | None, allow_cut: bool, pad: bool, wav: bool) -> None:
    """Tạo bản tin âm thanh từ kịch bản: đọc, ghép nhạc hiệu, khớp thời lượng, xuất MP3 có thẻ.

    Mọi mục được đưa về cùng độ lớn; bản tin được chuẩn hóa về độ lớn mục tiêu
    (mặc định -16 LUFS, đỉnh thực tối đa -1 dBTP) và không dài quá mục tiêu
    (mặc định 10:00): rút ngắn khoảng lặng, đọc nhanh hơn (tối đa 8 %), bỏ mục
    @optional, và chỉ khi có --allow-cut mới kết thúc sớm tại ranh giới câu.

    Các đoạn đã đọc được giữ trong bộ nhớ đệm: tạo lại sau khi sửa một mục chỉ đọc lại
    những câu đã sửa; lần tạo bị mất mạng giữa chừng sẽ tiếp tục từ chỗ dừng.

    \b
    Ví dụ:
      bulletin build scripts/2024-q2-bien-dao.md -o out/2024-q2.mp3 --engine espeak
      bulletin build van-ban.docx --engine auto --no-fallback
      bulletin build van-ban.docx --pad --wav
    """
    from bulletin.build import BuildOptions, build as run_build
    from bulletin.timing import format_clock

    station = _station(ctx)
    output = output or station.root / "out" / f"{script.stem}.mp3"
    with _SynthesisBar() as progress:
        options = BuildOptions(engine, voice, allow_cut, fallback=not no_fallback, pad=pad, wav=wav)
        result = run_build(script, output, station, options, progress)
    click.echo(f"Đã tạo: {result.output} ({format_clock(result.duration, decimals=1)}, "
               f"{vn_number(result.size / 1_000_000)} MB)")
    if result.wav:
        click.echo(f"Bản WAV: {result.wav}")
    click.echo(f"Tiêu đề: {result.title}")
    click.echo(f"Bộ đọc: {', '.join(result.engines)}; {result.synthesized} đoạn mới đọc, "
               f"{result.cached} đoạn lấy từ bộ nhớ đệm")
    if len(result.engines) > 1:
        for title, spoken_by in result.engines_by_item:
            if spoken_by:
                click.echo(f"  {title or 'Mở đầu'}: {', '.join(spoken_by)}")
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}")
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


# -- inspect ------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("audio_file", metavar="TỆP", type=click.Path(path_type=Path))
def inspect(audio_file: Path) -> None:
    """Xem một bản tin đã tạo: thẻ, các chương, thời lượng, độ lớn đo lại.

    Độ lớn (LUFS) và đỉnh thực (dBTP) được đo lại ngay trên tệp, rồi so với
    số ghi trong thẻ và với mục tiêu.

    \b
    Ví dụ:
      bulletin inspect out/2024-q2.mp3
    """
    from bulletin.audio.inspect import inspect_file
    from bulletin.reports.render import format_table
    from bulletin.timing import format_clock

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


class _SynthesisBar:
    """The synthesis progress on stderr: chunks done, the item being read, cached and new chunks."""

    def __init__(self):
        self.bar = None

    def __enter__(self) -> "_SynthesisBar":
        return self

    def __call__(self, p) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=p.total, label="Đang đọc", file=sys.stderr, show_pos=True,
                                         item_show_func=self._describe)
            self.bar.__enter__()
        self.bar.update(p.done - self.bar.pos, p)

    @staticmethod
    def _describe(p) -> str | None:
        if p is None:
            return None
        return f"mục {p.item}/{p.items} · {p.cached} có sẵn, {p.synthesized} mới đọc ({p.engine})"

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


# -- engines ------------------------------------------------------------------


@cli.group(cls=BulletinGroup, context_settings=CONTEXT, invoke_without_command=True)
@click.option("--offline", is_flag=True, help="Không kiểm tra kết nối mạng (liệt kê nhanh).")
@click.pass_context
def engines(ctx: click.Context, offline: bool) -> None:
    """Các bộ đọc: giọng, tùy chọn, tốc độ đọc và có dùng được ngay bây giờ không.

    Không có lệnh con thì liệt kê mọi bộ đọc (kiểm tra chương trình và kết nối mạng).

    \b
    Ví dụ:
      bulletin engines
      bulletin engines --offline
      bulletin engines calibrate espeak
    """
    if ctx.invoked_subcommand is not None:
        return
    from bulletin.engines.cache import ClipCache
    from bulletin.engines import auto_order
    from bulletin.engines.choice import engine_statuses

    station = _station(ctx)
    for status in engine_statuses(station, ClipCache.for_station(station), check=not offline):
        engine = status.engine
        if engine is None:
            click.echo(f"{status.name}: không nạp được – {status.state.reason}")
            continue
        network = "cần Internet" if engine.NEEDS_NETWORK else "không cần Internet"
        state = "không kiểm tra" if offline else (
            "dùng được" if status.state.usable else f"KHÔNG dùng được: {status.state.reason}")
        click.echo(f"{engine.NAME} – {engine.DESCRIPTION}")
        click.echo(f"  Trạng thái: {state} ({network})")
        for voice, description in engine.VOICES.items():
            mark = " (đang dùng)" if voice == status.voice else ""
            rate = engine.read_rate(voice)
            how = "đã đo" if rate.measured else "ước lượng, chưa đo"
            click.echo(f"  Giọng {voice}: {description}{mark}; {vn_number(rate.syllables_per_second, 2)} "
                       f"âm tiết/giây ({how})")
        for key, option in engine.OPTIONS.items():
            click.echo(f"  Tùy chọn {key} = {_toml_value(engine.options[key])}: {option.help}")
    click.echo(f"Bộ đọc auto: {' → '.join(auto_order())} (bộ sau đọc thay khi bộ trước không dùng được)")
    click.echo("Đặt tùy chọn trong bulletin.toml, ví dụ: [engines.espeak] rate = 160, voice = \"vi-vn-x-south\"")


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)


@engines.command("calibrate", context_settings=CONTEXT)
@click.argument("engine", metavar="[BỘ_ĐỌC]", default="espeak")
@_voice_option
@click.pass_context
def engines_calibrate(ctx: click.Context, engine: str, voice: str | None) -> None:
    """Đo tốc độ đọc thật của một bộ đọc trên máy này, để 'bulletin check' ước tính đúng hơn.

    Đọc một văn bản mẫu (khoảng 16 phút tiếng nói) với từng giọng (hoặc giọng đã chọn),
    đo độ dài từng đoạn rồi lưu kết quả cạnh bộ nhớ đệm. Với gtts cần Internet; các
    đoạn đã đọc được giữ trong bộ nhớ đệm nên đo lại không tốn thêm yêu cầu.

    \b
    Ví dụ:
      bulletin engines calibrate espeak
      bulletin engines calibrate gtts
      bulletin engines calibrate espeak --voice vi-vn-x-south
    """
    from bulletin.engines.cache import ClipCache
    from bulletin.engines.calibration import measure
    from bulletin.engines.choice import engine_chain
    from bulletin.timing import format_clock

    station = _station(ctx)
    cache = ClipCache.for_station(station)
    chain = engine_chain(engine, station, cache, voice=voice)
    chosen = chain.primary.engine
    if chosen.NEEDS_NETWORK:
        state = chosen.available()
        if not state.usable:
            raise EngineError(f"không dùng được bộ đọc {engine}: {state.reason}")
    voices = [chain.primary.voice] if voice else list(chosen.VOICES) or [chain.primary.voice]
    for one in voices:
        with click.progressbar(length=1, label=f"Đang đo {engine} giọng {one}", file=sys.stderr) as bar:

            def progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(done - bar.pos)

            result = measure(chosen, one, cache, progress=progress)
        path = cache.save_calibration(result.identity, result.rate)
        rate = result.rate
        click.echo(f"{engine} giọng {one}: {vn_number(rate.syllables_per_second, 2)} âm tiết/giây, nghỉ "
                   f"{vn_number(rate.pause, 2)} giây ở mỗi dấu phẩy, {vn_number(rate.padding, 2)} giây khoảng lặng "
                   f"mỗi đoạn (đo {result.clips} đoạn, {result.syllables} âm tiết, "
                   f"{format_clock(result.seconds)}; sai lệch trung vị mỗi đoạn "
                   f"{vn_number(100 * result.clip_error)}%)")
    click.echo(f"Đã lưu vào {path}")


# -- cache --------------------------------------------------------------------


@cli.group(cls=BulletinGroup, context_settings=CONTEXT)
def cache() -> None:
    """Bộ nhớ đệm các đoạn đã đọc: xem dung lượng, xóa.

    Mỗi đoạn văn đã đọc được giữ lại theo bộ đọc, giọng, tùy chọn và đúng từng chữ,
    nên tạo lại bản tin chỉ đọc những câu đã thay đổi. Thư mục: [cache] folder trong
    bulletin.toml, nếu không có thì thư mục bộ nhớ đệm của người dùng.

    \b
    Ví dụ:
      bulletin cache info
      bulletin cache clear --engine espeak
    """


def _mb(size: int) -> str:
    return f"{vn_number(size / 1_000_000)} MB"


@cache.command("info", context_settings=CONTEXT)
@click.pass_context
def cache_info(ctx: click.Context) -> None:
    """Thư mục bộ nhớ đệm, số đoạn và dung lượng theo từng bộ đọc.

    \b
    Ví dụ:
      bulletin cache info
    """
    from bulletin.engines.cache import ClipCache

    info = ClipCache.for_station(_station(ctx)).info()
    click.echo(f"Thư mục: {info.folder}")
    if not info.clips:
        click.echo("Chưa có đoạn nào trong bộ nhớ đệm.")
    for name, usage in info.by_engine.items():
        click.echo(f"  {name}: {usage.clips} đoạn, {_mb(usage.bytes)}")
    if info.clips:
        click.echo(f"Tổng: {info.clips} đoạn, {_mb(info.bytes)}")
    if info.partial:
        click.echo(f"Có {info.partial} tệp tạm (đang được ghi, hoặc còn lại sau một lần tạo bị dừng).")


@cache.command("clear", context_settings=CONTEXT)
@click.option("--engine", default=None, help="Chỉ xóa các đoạn của bộ đọc này (ví dụ: espeak).")
@click.option("--yes", "-y", is_flag=True, help="Không hỏi lại.")
@click.pass_context
def cache_clear(ctx: click.Context, engine: str | None, yes: bool) -> None:
    """Xóa các đoạn đã đọc trong bộ nhớ đệm (lần tạo sau sẽ đọc lại từ đầu).

    Các đoạn đọc bằng Google cần Internet để đọc lại; khi mạng chập chờn nên chỉ xóa
    các đoạn của espeak.

    \b
    Ví dụ:
      bulletin cache clear --engine espeak
      bulletin cache clear --yes
    """
    from bulletin.engines.cache import ClipCache

    store = ClipCache.for_station(_station(ctx))
    info = store.info()
    usage = info.by_engine.get(engine) if engine else None
    count = usage.clips if engine else info.clips
    if not count:
        click.echo("Bộ nhớ đệm không có đoạn nào" + (f" của bộ đọc {engine}." if engine else "."))
        return
    what = f"{count} đoạn" + (f" của bộ đọc {engine}" if engine else "")
    if not yes and not click.confirm(f"Xóa {what} trong {info.folder}?", default=False):
        click.echo("Không xóa gì.")
        return
    removed = store.clear(engine)
    click.echo(f"Đã xóa {removed.clips} đoạn ({_mb(removed.bytes)}).")


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


_db_option = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                          help="Tệp sổ phát sóng (mặc định: theo cấu hình, broadcasts.db trong thư mục của đài).")
_period_options = [
    click.option("--period", metavar="KỲ", default=None,
                 help="Kỳ: 2024-Q3 (quý), 2024-H1 (6 tháng) hoặc 2024 (năm)."),
    click.option("--from", "date_from", metavar="NGÀY", default=None, help="Từ ngày (2024-07-01 hoặc 1/7/2024)."),
    click.option("--to", "date_to", metavar="NGÀY", default=None, help="Đến ngày, kể cả ngày đó."),
]
_series_option = click.option("--series", metavar="CHUYÊN_MỤC", default=None,
                              help="Chỉ chuyên mục này, ví dụ \"Thông tin đối ngoại\".")
_place_option = click.option("--place", "only_place", metavar="NƠI", default=None,
                             help="Chỉ nơi phát (cụm loa) này.")


def _with_period(command):
    for option in reversed(_period_options):
        command = option(command)
    return command


def _db(ctx: click.Context, db: Path | None) -> Path:
    return db or _station(ctx).database_path


def _period(text: str | None, date_from: str | None = None, date_to: str | None = None):
    from bulletin.periods import choose_period

    if text and (date_from or date_to):
        raise UsageError("dùng --period hoặc --from/--to, không dùng cả hai")
    try:
        return choose_period(text, date_from, date_to)
    except ValueError as exc:
        raise LogError(str(exc)) from None


def _aired(text: str):
    from bulletin.log.record import parse_aired

    try:
        return parse_aired(text)
    except ValueError as exc:
        raise LogError(str(exc)) from None


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
@_db_option
@click.pass_context
def log_add(ctx: click.Context, audio_file: Path, aired: str, place: str | None, operator: str | None,
            note: str, title: str | None, bulletin_id: str | None, series: str | None, quarter: str | None,
            db: Path | None) -> None:
    """Ghi một lần phát sóng vào sổ (đọc tiêu đề, mã, chuyên mục, thời lượng từ tệp).

    Cùng tệp, cùng thời điểm, cùng nơi phát thì không ghi lần hai. Phát lại
    một bản tin ở thời điểm hoặc nơi khác là một bản ghi mới, nhưng chỉ tính
    một lần vào chỉ tiêu.

    \b
    Ví dụ:
      bulletin log add out/2024-q2.mp3 --aired "2024-06-21 06:30" --place "Cụm loa thôn 3"
      bulletin log add ban-tin-so.mp3 --aired "2024-07-02 17:00" --title "Bản tin của Sở" --id STTTT-2024-07
    """
    from bulletin.log import store
    from bulletin.timing import format_clock

    station = _station(ctx)
    aired_at = _aired(aired)
    record = store.record_for_file(
        audio_file, aired_at, place=place or station.default_place, operator=operator or station.operator,
        note=note, title=title, bulletin_id=bulletin_id, series=series, planned_quarter=quarter,
        default_series=station.series,
    )
    result = store.add(_db(ctx, db), record, origin_name=station.name)
    written = result.record
    click.echo(f"Đã ghi sổ: {written.aired_at} – “{written.title}” "
               f"({format_clock(written.duration)}) tại {written.place}")
    click.echo(f"Mã bản ghi: {written.record_id}")
    if result.earlier_airings:
        click.echo(f"Phát lại: bản tin này đã có {result.earlier_airings} lần phát trong sổ; "
                   "chỉ tính một lần vào chỉ tiêu.")
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}")


@log.command("void", context_settings=CONTEXT)
@click.argument("record_id", metavar="MÃ")
@click.option("--reason", metavar="LÝ_DO", required=True, help="Lý do hủy (bắt buộc, được lưu lại).")
@_db_option
@click.pass_context
def log_void(ctx: click.Context, record_id: str, reason: str, db: Path | None) -> None:
    """Hủy một bản ghi ghi nhầm. Bản ghi cũ vẫn được giữ trong lịch sử; không tính vào chỉ tiêu.

    MÃ là mã bản ghi (đủ 8 ký tự đầu) như trong 'bulletin log list'.

    \b
    Ví dụ:
      bulletin log void 1a2b3c4d --reason "Ghi nhầm: hôm đó mất điện, không phát"
    """
    from bulletin.log import store

    entry = store.void(_db(ctx, db), record_id, reason=reason, origin_name=_station(ctx).name)
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
@_db_option
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
    entry = store.amend(_db(ctx, db), record_id, changes, reason=reason, origin_name=_station(ctx).name)
    click.echo(f"Đã sửa bản ghi {entry.record_id[:8]}: {entry.aired_at} – “{entry.title}” tại {entry.place}.")
    click.echo(f"Lý do: {entry.reason}. Phiên bản cũ vẫn còn trong lịch sử: bulletin log list --history")


_STATUS = {"add": "", "amend": "đã sửa", "void": "ĐÃ HỦY"}
_KIND = {"add": "ghi", "amend": "sửa", "void": "hủy"}


@log.command("list", context_settings=CONTEXT)
@_with_period
@_series_option
@_place_option
@click.option("--history", is_flag=True, help="Hiện mọi phiên bản (ghi, sửa, hủy) của từng bản ghi.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Định dạng in ra.")
@_db_option
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
    from bulletin.log.record import COLUMNS
    from bulletin.reports.render import format_table
    from bulletin.vn_format import vn_date, vn_duration, vn_time

    chosen = _period(period, date_from, date_to)
    load = store.history if history else store.current
    records = load(_db(ctx, db), chosen, series=series, place=only_place)
    if fmt in ("json", "csv"):
        objects = [r.as_dict() | {"status": "voided" if r.voided else "amended" if r.kind == "amend" else "active"}
                   for r in records]
        if fmt == "json":
            click.echo(json.dumps(objects, ensure_ascii=False, indent=2))
        else:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=[*COLUMNS, "status"])
            writer.writeheader()
            writer.writerows(objects)
            click.echo(buffer.getvalue(), nl=False)
        return
    if not records:
        click.echo("Chưa có bản ghi nào" + (f" trong {chosen.describe()}." if chosen else "."))
        return
    if history:
        header = ("Mã", "Thao tác", "Ghi lúc", "Ngày phát", "Giờ", "Mã bản tin", "Tiêu đề", "Thời lượng", "Nơi phát",
                  "Lý do")
        rows = [(r.record_id[:8], _KIND[r.kind], _local(r.recorded_at), vn_date(r.aired), vn_time(r.aired),
                 r.bulletin_id, r.title, vn_duration(r.duration), r.place, r.reason) for r in records]
    else:
        header = ("Mã", "Ngày phát", "Giờ", "Mã bản tin", "Tiêu đề", "Thời lượng", "Nơi phát", "Tình trạng")
        rows = [(r.record_id[:8], vn_date(r.aired), vn_time(r.aired), r.bulletin_id, r.title, vn_duration(r.duration),
                 r.place, _STATUS[r.kind] + (f": {r.reason}" if r.voided else "")) for r in records]
    for line in format_table(header, rows):
        click.echo(line)
    active = sum(1 for r in records if not r.voided) if not history else None
    if active is not None:
        click.echo(f"\n{len(records)} bản ghi ({active} đang tính, {len(records) - active} đã hủy).")


def _local(iso: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{moment.day}/{moment.month}/{moment.year} {moment.hour}h{moment.minute:02d}"


@log.command("verify", context_settings=CONTEXT)
@_db_option
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

    result, names = store.verify(_db(ctx, db))
    sources = ", ".join(n or "không tên" for n in names.values())
    if result.ok:
        click.echo(f"Sổ phát sóng nguyên vẹn: {result.entries} bản ghi, {result.origins} nguồn ({sources}).")
        click.echo("Không có bản ghi nào bị sửa, xóa hay chèn ngoài bulletin.")
        return
    click.echo(f"Phát hiện {len(result.problems)} bất thường trong sổ phát sóng ({result.entries} bản ghi):")
    for problem in result.problems:
        click.echo("  " + describe(problem, names.get(problem.origin, "")))
    click.echo("Sổ đã bị thay đổi ngoài bulletin. Hãy đối chiếu với bản xuất (log export) hoặc bản sao lưu gần nhất.")
    ctx.exit(1)


@log.command("export", context_settings=CONTEXT)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp JSON Lines cần ghi (mặc định: in ra màn hình).")
@_db_option
@click.pass_context
def log_export(ctx: click.Context, output: Path | None, db: Path | None) -> None:
    """Xuất toàn bộ sổ (kèm chuỗi mã băm) ra tệp JSON Lines, để gửi lên huyện hoặc sao lưu.

    \b
    Ví dụ:
      bulletin log export -o so-xa-tam-hiep-2024.jsonl
    """
    from bulletin.log import exchange as log_exchange

    if output is None:
        for line in log_exchange.export_lines(_db(ctx, db)):
            click.echo(line)
        return
    count = log_exchange.export(_db(ctx, db), output)
    click.echo(f"Đã xuất {count} bản ghi ra {output}")


@log.command("import", context_settings=CONTEXT)
@click.argument("source", metavar="TỆP", type=click.Path(path_type=Path))
@_db_option
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

    result = log_exchange.import_file(_db(ctx, db), source)
    click.echo(f"Đã nhập {result.added} bản ghi mới, bỏ qua {result.skipped} bản ghi đã có.")
    for name, added in result.origins:
        click.echo(f"  {name}: {added} bản ghi mới")


# -- quota --------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("period", metavar="[KỲ]", required=False)
@_series_option
@_place_option
@_db_option
@click.pass_context
def quota(ctx: click.Context, period: str | None, series: str | None, only_place: str | None,
          db: Path | None) -> None:
    """Xem nhanh chỉ tiêu: số bản tin đã phát mỗi quý so với yêu cầu, các điểm cần lưu ý.

    KỲ là 2024-Q3, 2024-H1 hoặc 2024 (mặc định: năm nay). Quý đang diễn ra cho
    biết còn thiếu bao nhiêu bản tin và còn bao nhiêu ngày.

    \b
    Ví dụ:
      bulletin quota
      bulletin quota 2024-H1 --series "Thông tin đối ngoại"
    """
    from bulletin.reports import quota as quota_mod
    from bulletin.reports.render import render_quota
    from bulletin.periods import year

    station = _station(ctx)
    chosen = _period(period) if period else year(dt.date.today().year)
    shown = [station.series, *station.quota_by_series]
    result = quota_mod.load(_db(ctx, db), chosen, required=station.quota_for, series=shown,
                            only_series=series, place=only_place)
    for line in render_quota(result, chosen):
        click.echo(line)


# -- report -------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@_with_period
@_series_option
@_place_option
@click.option("--format", "fmt", type=click.Choice(["text", "md", "csv", "docx"]), default=None,
              help="text (màn hình), md, csv hoặc docx (Word, theo Nghị định 30/2020/NĐ-CP). "
                   "Mặc định: theo đuôi tệp -o, hoặc text.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi báo cáo ra tệp (bắt buộc với docx).")
@_db_option
@click.pass_context
def report(ctx: click.Context, period: str | None, date_from: str | None, date_to: str | None, series: str | None,
           only_place: str | None, fmt: str | None, output: Path | None, db: Path | None) -> None:
    """Phần báo cáo phát sóng của một kỳ: câu tổng hợp, bảng các lần phát, tổng theo quý, chỉ tiêu.

    \b
    Ví dụ:
      bulletin report --period 2024-H1
      bulletin report --period 2024-H1 -o bao-cao-6-thang.docx
      bulletin report --period 2024 --format csv -o phat-song-2024.csv
    """
    from bulletin.reports import render as render_mod
    from bulletin.reports import report as report_mod

    chosen = _period(period, date_from, date_to)
    if chosen is None:
        raise UsageError("cần chọn kỳ báo cáo: --period 2024-H1 (hoặc --from/--to)")
    fmt = render_mod.format_for(output, fmt)
    if fmt == "docx" and output is None:
        raise UsageError("báo cáo Word cần tên tệp: thêm -o bao-cao.docx")
    result = report_mod.load_report(_db(ctx, db), chosen, _station(ctx), series, place=only_place)
    if output is None:
        click.echo(render_mod.render(result, fmt).lstrip("\ufeff"), nl=fmt == "text")
        return
    render_mod.save(result, fmt, output)
    click.echo(f"Đã ghi báo cáo: {output}")
    click.echo(result.summary)


def main() -> None:
    cli(prog_name="bulletin")


if __name__ == "__main__":  # pragma: no cover
    main()
