"""``bulletin doctor``: which ffmpeg and espeak-ng this machine uses, and what to do when one is missing."""

from __future__ import annotations

import platform
import sys
import tempfile
from pathlib import Path

import click

from bulletin import __version__, programs
from bulletin.cli.base import CONTEXT, cli, station_of, vn_number
from bulletin.errors import BulletinError


@cli.command(context_settings=CONTEXT)
@click.option("--no-speech", is_flag=True, help="Không thử đọc một câu bằng espeak-ng (nhanh hơn).")
@click.pass_context
def doctor(ctx: click.Context, no_speech: bool) -> None:
    """Kiểm tra máy: ffmpeg và espeak-ng nào đang được dùng, phiên bản, lấy từ đâu, thiếu thì làm gì.

    Mỗi chương trình được tìm theo thứ tự: đường dẫn tự đặt (biến môi trường BULLETIN_FFMPEG,
    BULLETIN_FFPROBE, BULLETIN_ESPEAK, hoặc mục [programs] trong bulletin.toml), rồi chương trình
    của hệ thống, rồi bản đi kèm gói Python (imageio-ffmpeg, espeakng-loader). Trả mã lỗi 1 khi
    thiếu chương trình bắt buộc.

    \b
    Ví dụ:
      bulletin doctor
      bulletin doctor --no-speech
    """
    station = station_of(ctx)
    click.echo(f"bulletin {__version__}, Python {platform.python_version()} ({platform.system()} "
               f"{platform.machine()}), {sys.executable}")
    config = station.config_path or "không có (dùng giá trị mặc định)"
    click.echo(f"Cấu hình của đài: {config}")
    missing = []
    for entry in programs.report():
        found = entry.found
        if found.usable:
            what = "thư viện" if found.kind == "library" else "chương trình"
            version = f" {entry.version}" if entry.version else ""
            click.echo(f"{found.name}{version}: {what} {found.source_name} – {found.path}")
            if found.setting:
                click.echo(f"  (đặt bởi {found.setting})")
            if found.name == programs.FFMPEG and found.source == programs.WHEEL:
                click.echo("  Ghi chú: ffmpeg đi kèm gói Python mã hóa MP3 chậm hơn khoảng 30 %; "
                           "cài ffmpeg của hệ thống thì bulletin sẽ tự dùng bản đó.")
        elif entry.required:
            missing.append(found.name)
            click.echo(f"{found.name}: THIẾU – {found.problem or 'không tìm thấy'}")
            click.echo(f"  Cách khắc phục: {found.hint}.")
        else:
            click.echo(f"ffprobe: không có – {found.hint}.")
    if not no_speech and programs.locate(programs.ESPEAK).usable:
        spoke, line = _speech_check()
        click.echo(line)
        if not spoke:
            missing.append("espeak-ng (đọc thử không được)")
    if missing:
        click.echo(f"Kết luận: thiếu {', '.join(missing)}; bulletin chưa tạo được bản tin trên máy này.")
        ctx.exit(1)
    click.echo("Kết luận: đủ chương trình cần thiết để tạo bản tin ngoại tuyến.")


def _speech_check() -> tuple[bool, str]:
    """One short sentence spoken by the espeak engine as the build would use it."""
    from bulletin.audio.media import file_duration
    from bulletin.engines import get_engine

    with tempfile.TemporaryDirectory(prefix="bulletin-doctor-") as folder:
        try:
            clip = get_engine("espeak").synthesize("Xin chào quý vị và các bạn.", "vi", Path(folder) / "thu.wav")
            seconds = file_duration(clip)
        except BulletinError as exc:
            return False, f"Thử đọc bằng espeak-ng: KHÔNG được – {exc}"
    return True, f"Thử đọc bằng espeak-ng (giọng vi): được, {vn_number(seconds)} giây âm thanh."
