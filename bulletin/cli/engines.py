"""Speech engines and the clip cache: engines, engines calibrate, cache info/clear."""

from __future__ import annotations

import sys

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
    from bulletin.engines import auto_order
    from bulletin.engines.cache import ClipCache
    from bulletin.engines.choice import engine_statuses

    station = station_of(ctx)
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
    if not count:
        click.echo("Bộ nhớ đệm không có đoạn nào" + (f" của bộ đọc {engine}." if engine else "."))
        return
    what = f"{count} đoạn" + (f" của bộ đọc {engine}" if engine else "")
    if not yes and not click.confirm(f"Xóa {what} trong {info.folder}?", default=False):
        click.echo("Không xóa gì.")
        return
    removed = store.clear(engine)
    click.echo(f"Đã xóa {removed.clips} đoạn ({_mb(removed.bytes)}).")
