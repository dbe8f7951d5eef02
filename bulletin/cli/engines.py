"""Speech engines and the clip cache: engines, engines calibrate, cache info/clear."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bulletin.cli.base import (
    CONTEXT,
    BulletinGroup,
    cli,
    station_of,
    vn_number,
    voice_option,
)
from bulletin.errors import EngineError

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
    from bulletin.engines.choice import auto_names, engine_statuses

    station = station_of(ctx)
    statuses = engine_statuses(station, ClipCache.for_station(station), check=not offline)
    for status in statuses:
        engine = status.engine
        if engine is None:
            click.echo(f"{status.name}: không nạp được – {status.state.reason}")
            continue
        network = "trực tuyến, cần Internet" if engine.NEEDS_NETWORK else "ngoại tuyến, không cần Internet"
        works = "dùng được" if status.state.usable else "KHÔNG dùng được"
        state = "không kiểm tra" if offline else (
            "dùng được" if status.state.usable else f"KHÔNG dùng được: {status.state.reason}")
        click.echo(f"{engine.NAME} – {engine.DESCRIPTION}")
        click.echo(f"  Trạng thái: {state} ({network})")
        if engine.backend():
            click.echo(f"  Dùng: {engine.backend()}")
        if not engine.VOICES:
            click.echo("  Chưa có giọng nào.")
        for voice, description in engine.VOICES.items():
            mark = " (đang dùng)" if voice == status.voice else ""
            facts = engine.voice_facts(voice)
            gender = facts.gender or "không rõ"
            region = f"miền {facts.region}" if facts.region in ("Bắc", "Trung", "Nam") else (
                facts.region or "không rõ vùng")
            rate = engine.read_rate(voice)
            how = "đã đo" if rate.measured else "chưa đo, ước lượng"
            now = "" if offline else f"; {works}"
            click.echo(f"  Giọng {voice}{mark}: {description}; {gender}, {region}, "
                       f"{'trực tuyến' if engine.NEEDS_NETWORK else 'ngoại tuyến'}{now}; "
                       f"{vn_number(rate.syllables_per_second, 2)} âm tiết/giây ({how})")
        for key, option in engine.OPTIONS.items():
            click.echo(f"  Tùy chọn {key} = {_toml_value(engine.options[key])}: {option.help}")
    click.echo(f"Bộ đọc auto: {' → '.join(auto_names(station, statuses))} (bộ sau đọc thay khi bộ trước không "
               f"dùng được; đổi thứ tự bằng [engines] auto = [...] trong bulletin.toml)")
    click.echo(_ffmpeg_line())
    click.echo("Đặt tùy chọn trong bulletin.toml, ví dụ: [engines.espeak] rate = 160, voice = \"vi-vn-x-south\"")
    click.echo("Nghe thử một giọng: bulletin engines preview TÊN_GIỌNG -o mau.mp3")


def _ffmpeg_line() -> str:
    from bulletin import programs

    found = programs.locate(programs.FFMPEG)
    if not found.usable:
        return f"ffmpeg: THIẾU – {found.problem or 'không tìm thấy'}; {found.hint} (xem: bulletin doctor)"
    version = programs.version(found)
    return f"ffmpeg {version}: chương trình {found.source_name} – {found.path} (xem: bulletin doctor)".replace("  ", " ")


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)


@engines.command("calibrate", context_settings=CONTEXT)
@click.argument("engine", metavar="[BỘ_ĐỌC]", default="espeak")
@voice_option
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

    station = station_of(ctx)
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


@engines.command("preview", context_settings=CONTEXT)
@click.argument("voice", metavar="GIỌNG")
@click.argument("text", metavar="[VĂN_BẢN]", required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("mau.mp3"),
              show_default=True, help="Tệp nghe thử (.mp3 hoặc .wav).")
@click.pass_context
def engines_preview(ctx: click.Context, voice: str, text: str | None, output: Path) -> None:
    """Đọc thử một đoạn ngắn bằng một giọng, chuẩn hóa và cân mức như bản tin, để chọn giọng bằng tai.

    GIỌNG là tên giọng (xem 'bulletin engines'), tên bộ đọc (giọng mặc định của nó)
    hoặc BỘ_ĐỌC:GIỌNG. Không có VĂN_BẢN thì đọc một đoạn mẫu có ngày tháng, con số
    và chữ viết tắt.

    \b
    Ví dụ:
      bulletin engines preview vi-VN-NamMinhNeural -o nam-minh.mp3
      bulletin engines preview espeak:vi-vn-x-south "Kính thưa bà con." -o mien-nam.mp3
      bulletin engines preview vi_VN-vais1000-medium -o piper.mp3
    """
    from bulletin.engines.preview import render_preview

    result = render_preview(station_of(ctx), voice, output, text)
    click.echo(f"Đã ghi {result.output}: giọng {result.voice} ({result.engine}), "
               f"{vn_number(result.duration)} giây, {vn_number(result.loudness)} LUFS, "
               f"đỉnh {vn_number(result.true_peak)} dBTP")
    click.echo(f"Văn bản đã đọc: {result.spoken}")


@engines.command("add-voice", context_settings=CONTEXT)
@click.argument("model", metavar="TỆP.onnx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Thay giọng cùng tên đã có.")
@click.pass_context
def engines_add_voice(ctx: click.Context, model: Path, replace: bool) -> None:
    """Thêm một giọng Piper cho đài: kiểm tra rồi chép tệp .onnx và .onnx.json vào thư mục voices/.

    Mỗi giọng Piper gồm hai tệp cùng tên: TÊN.onnx và TÊN.onnx.json (xem docs/engines.md
    để biết cách lấy giọng tiếng Việt). Sau khi thêm, đo tốc độ đọc của giọng bằng
    'bulletin engines calibrate piper --voice TÊN'.

    \b
    Ví dụ:
      bulletin engines add-voice ~/Downloads/vi_VN-vais1000-medium.onnx
    """
    from bulletin.engines.piper import add_voice

    station = station_of(ctx)
    info = add_voice(station.root, model, replace=replace)
    click.echo(f"Đã thêm giọng Piper {info.voice.name} ({info.language or 'không rõ ngôn ngữ'}, "
               f"{info.sample_rate} Hz) vào {info.voice.model.parent}")
    if info.family != "vi":
        click.echo(f"Lưu ý: giọng này không phải tiếng Việt ({info.language}); 'auto' sẽ không chọn nó.")
    click.echo(f"Nghe thử: bulletin engines preview {info.voice.name} -o mau.mp3")


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

    info = ClipCache.for_station(station_of(ctx)).info()
    click.echo(f"Thư mục: {info.folder}")
    if not info.clips:
        click.echo("Chưa có đoạn nào trong bộ nhớ đệm.")
    for name, usage in info.by_engine.items():
        click.echo(f"  {name}: {usage.clips} đoạn, {_mb(usage.bytes)}")
    if info.clips:
        click.echo(f"Tổng: {info.clips} đoạn, {_mb(info.bytes)}")
    if info.decoded.clips:
        click.echo(f"Bản đã giải mã sẵn (giúp tạo lại nhanh): {info.decoded.clips} tệp, {_mb(info.decoded.bytes)}")
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

    store = ClipCache.for_station(station_of(ctx))
    info = store.info()
    usage = info.by_engine.get(engine) if engine else None
    count = usage.clips if engine else info.clips
    if not count and (engine or not info.decoded.clips):
        click.echo("Bộ nhớ đệm không có đoạn nào" + (f" của bộ đọc {engine}." if engine else "."))
        return
    what = f"{count} đoạn" + (f" của bộ đọc {engine}" if engine else "")
    if not engine and info.decoded.clips:
        what += f" và {info.decoded.clips} bản đã giải mã sẵn"
    if not yes and not click.confirm(f"Xóa {what} trong {info.folder}?", default=False):
        click.echo("Không xóa gì.")
        return
    removed = store.clear(engine)
    click.echo(f"Đã xóa {removed.clips} đoạn ({_mb(removed.bytes)}, kể cả bản đã giải mã sẵn của chúng).")
