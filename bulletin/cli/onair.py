"""On air: the schedule (schedule add|list|remove) and the player (onair)."""

from __future__ import annotations

import datetime as dt
import signal
import threading
from pathlib import Path

import click

from bulletin.cli.base import CONTEXT, cli, db_option, db_path, station_of
from bulletin.errors import BulletinError, UsageError

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def _schedule_file(ctx: click.Context) -> Path:
    from bulletin.air.schedule import schedule_path

    return schedule_path(station_of(ctx).root)


def _airing_line(airing) -> str:
    return (f"  {WEEKDAYS[airing.at.weekday()]:<9} {airing.at:%d/%m/%Y %H:%M}  {airing.entry.place}  "
            f"{airing.entry.file}  (mục {airing.entry.id}" + (f", {airing.entry.level}" if airing.entry.level != "thường"
                                                               else "") + ")")


@cli.group(context_settings=CONTEXT)
def schedule() -> None:
    """Lịch phát của đài (tệp lich-phat.toml trong thư mục của đài): thêm, xem, bỏ.

    \b
    Ví dụ:
      bulletin schedule add out/ban-tin.mp3 --when "thứ 2, 4, 6 lúc 6h30" --place "Cụm loa thôn 1"
      bulletin schedule add out/khan.mp3 --when "21/10/2024 17:00" --place "Cụm loa trung tâm"
      bulletin schedule list
      bulletin schedule remove 2
    """


@schedule.command("add", context_settings=CONTEXT)
@click.argument("file", metavar="TỆP", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--when", "when", metavar="KHI", required=True,
              help="Khi phát: \"thứ 2, 4, 6 lúc 6h30\", \"thứ hai lúc 17 giờ\", \"hằng ngày 6h\" hoặc một lần "
                   "\"21/10/2024 17:00\".")
@click.option("--place", metavar="NƠI", default=None, help="Nơi phát (cụm loa); mặc định: nơi phát của đài.")
@click.option("--level", type=click.Choice(["thường", "ưu tiên", "khẩn cấp"]), default="thường", show_default=True,
              help="Mức độ của bản tin.")
@click.pass_context
def schedule_add(ctx: click.Context, file: Path, when: str, place: str | None, level: str) -> None:
    """Thêm một mục vào lịch phát: TỆP là bản tin MP3 đã tạo, hoặc kịch bản (.md, .docx, .txt) sẽ được
    tạo thành MP3 ngay trước giờ phát.

    \b
    Ví dụ:
      bulletin schedule add out/ban-tin.mp3 --when "thứ 2, 4, 6 lúc 6h30" --place "Cụm loa thôn 1"
      bulletin schedule add scripts/ban-tin.md --when "hằng ngày 17h"
    """
    from bulletin.air import schedule as schedule_mod

    station = station_of(ctx)
    if station.config_path is None:
        raise UsageError("không ở trong thư mục của đài (không có bulletin.toml); hãy cd vào thư mục của đài")
    entry = schedule_mod.add(_schedule_file(ctx), str(file.resolve()), when, place or station.default_place,
                             level=level, root=station.root)
    click.echo(f"Đã thêm mục {entry.id}: {entry.file} – {entry.when.describe()} – {entry.place}")
    now = dt.datetime.now()
    upcoming = schedule_mod.occurrences([entry], now, now + dt.timedelta(days=3660))
    if upcoming:
        click.echo(f"Lần phát tới: {WEEKDAYS[upcoming[0].at.weekday()].lower()} {upcoming[0].at:%d/%m/%Y %H:%M}")


@schedule.command("list", context_settings=CONTEXT)
@click.option("--days", type=int, metavar="SỐ", default=7, show_default=True,
              help="Liệt kê các lần phát trong số ngày tới (1 đến 366).")
@click.pass_context
def schedule_list(ctx: click.Context, days: int) -> None:
    """Xem lịch phát: các mục và các lần phát trong những ngày tới.

    \b
    Ví dụ:
      bulletin schedule list
      bulletin schedule list --days 30
    """
    from bulletin.air import schedule as schedule_mod

    if not 1 <= days <= 366:
        raise UsageError(f"--days phải từ 1 đến 366, không phải {days}")
    path = _schedule_file(ctx)
    entries = schedule_mod.load(path)
    if not entries:
        click.echo("Lịch phát đang trống. Thêm bằng: bulletin schedule add TỆP --when \"thứ 2 lúc 6h30\"")
        return
    click.echo(f"LỊCH PHÁT ({path.name}): {len(entries)} mục")
    for e in entries:
        click.echo(f"  [{e.id}] {e.file} – {e.when.describe()} – {e.place}"
                   + (f" – {e.level}" if e.level != "thường" else ""))
    now = dt.datetime.now()
    airings = schedule_mod.occurrences(entries, now, now + dt.timedelta(days=days))
    click.echo("")
    click.echo(f"Các lần phát trong {days} ngày tới: {len(airings)}")
    for airing in airings:
        click.echo(_airing_line(airing))


@schedule.command("remove", context_settings=CONTEXT)
@click.argument("entry_id", metavar="MÃ")
@click.pass_context
def schedule_remove(ctx: click.Context, entry_id: str) -> None:
    """Bỏ mục MÃ khỏi lịch phát (mã xem bằng 'bulletin schedule list'). Sổ phát sóng không đổi.

    \b
    Ví dụ:
      bulletin schedule remove 2
    """
    from bulletin.air import schedule as schedule_mod

    entry = schedule_mod.remove(_schedule_file(ctx), entry_id)
    click.echo(f"Đã bỏ mục {entry.id}: {entry.file} – {entry.when.describe()} – {entry.place}")


@cli.command(context_settings=CONTEXT)
@click.option("--player", type=click.Choice(["ffplay", "silent"]), default="ffplay", show_default=True,
              help="ffplay: phát ra loa của máy (Windows không có ffplay: Windows Media Player); "
                   "silent: phát im lặng đúng tốc độ thật (để thử).")
@click.option("--dry-run", is_flag=True, help="Không phát: in các lần phát của 7 ngày tới và lời nhắc chỉ tiêu.")
@click.option("--now", "now_file", metavar="TỆP", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Phát khẩn cấp TỆP ngay: ngắt bản tin đang phát (nếu trình phát đang chạy) và ghi sổ cả hai.")
@click.option("--place", metavar="NƠI", default=None, help="Nơi phát của bản tin khẩn cấp (với --now).")
@click.option("--install-service", is_flag=True,
              help="In (hoặc ghi với -o) tệp dịch vụ systemd, hay lệnh Task Scheduler trên Windows, để trình "
                   "phát tự chạy khi mở máy.")
@click.option("--system", "service_system", type=click.Choice(["systemd", "windows"]), default=None,
              help="Với --install-service: systemd (Linux) hoặc windows (mặc định: theo máy đang dùng).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Với --install-service: ghi tệp dịch vụ vào đây (ví dụ ~/.config/systemd/user/"
                   "bulletin-onair.service).")
@db_option
@click.pass_context
def onair(ctx: click.Context, player: str, dry_run: bool, now_file: Path | None, place: str | None,
          install_service: bool, service_system: str | None, output: Path | None, db: Path | None) -> None:
    """Phát bản tin theo lịch (lich-phat.toml) ra loa và tự ghi sổ phát sóng những gì đã thật sự phát.

    Chạy liên tục đến khi dừng (Ctrl+C). Mỗi lần phát được ghi: giờ bắt đầu, giờ kết thúc, thời lượng
    đã phát, mã băm của tệp, nguồn "tự động". Lần phát bị dừng giữa chừng (Ctrl+C, tắt máy, mất điện)
    được ghi là không trọn và không tính vào chỉ tiêu; khung giờ bị lỡ khi máy tắt được báo và ghi
    là không phát được khi chạy lại. Không khung giờ nào được ghi hai lần.

    \b
    Ví dụ:
      bulletin onair
      bulletin onair --dry-run
      bulletin onair --now out/khan-cap.mp3 --place "Cụm loa trung tâm"
      bulletin onair --install-service -o ~/.config/systemd/user/bulletin-onair.service
    """
    import os

    from bulletin.air import reminders, state
    from bulletin.air.onair import OnAir
    from bulletin.air.players import player_named
    from bulletin.air.schedule import load, schedule_path

    station = station_of(ctx)
    if install_service:
        _service(station, player, service_system or ("windows" if os.name == "nt" else "systemd"), output)
        return
    if dry_run:
        start = dt.datetime.now().replace(second=0, microsecond=0)
        airings = load(schedule_path(station.root))
        from bulletin.air.onair import week_ahead

        week = week_ahead(airings, start)
        click.echo(f"Thử (không phát): các lần phát của 7 ngày tới, từ {start:%d/%m/%Y %H:%M}: {len(week)}")
        for airing in week:
            click.echo(_airing_line(airing))
        if not airings:
            click.echo("Lịch phát đang trống. Thêm bằng: bulletin schedule add TỆP --when \"thứ 2 lúc 6h30\"")
        for line in reminders.load(station, db=db_path(ctx, db, read_only=True) if db else None):
            click.echo(f"Nhắc: {line}")
        return
    database = db_path(ctx, db)
    if now_file is not None:
        if not now_file.is_file():
            raise UsageError(f"không tìm thấy tệp {now_file}")
        running = state.player_alive(station.root)
        if running:
            state.request_emergency(station.root, now_file, place or station.default_place, dt.datetime.now())
            click.echo(f"Đã gửi lệnh phát khẩn cấp {now_file.name} cho trình phát đang chạy "
                       f"(tiến trình {running.get('pid')}); bản tin đang phát (nếu có) sẽ bị ngắt và ghi sổ.")
            return
    machine = OnAir(station, player_named(player), db=database, notify=_echo_event)
    stop = threading.Event()
    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        previous[signum] = signal.signal(signum, lambda *_: stop.set())
    try:
        if now_file is not None:
            machine.air_now(now_file, place or station.default_place, stop)
            return
        click.echo(f"Trình phát của {station.name}: phát theo lịch {schedule_path(station.root).name} "
                   f"({machine.player.description}). Dừng: Ctrl+C.")
        try:
            for line in reminders.load(station, db=database):
                click.echo(f"Nhắc: {line}")
        except BulletinError as exc:  # the player still starts: it says the schedule's mistake itself
            click.echo(f"Lỗi: {exc}", err=True)
        machine.run(stop)
        click.echo("Đã dừng trình phát.")
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _echo_event(event) -> None:
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    click.echo(f"[{stamp}] {event.message}", err=event.kind == "error")


def _service(station, player: str, system: str, output: Path | None) -> None:
    from bulletin.air import service

    if station.config_path is None:
        raise UsageError("không ở trong thư mục của đài (không có bulletin.toml); hãy cd vào thư mục của đài")
    if system == "windows":
        click.echo("Chạy lệnh sau trong Command Prompt (cmd) của tài khoản dùng loa, một lần:")
        click.echo(service.schtasks_command(station.root, player))
        click.echo("Trình phát sẽ chạy mỗi khi tài khoản này đăng nhập. Xem: schtasks /Query /TN "
                   f"{service.TASK_NAME}; bỏ: schtasks /Delete /TN {service.TASK_NAME} /F")
        return
    unit = service.systemd_unit(station.root, player)
    if output is None:
        click.echo(unit, nl=False)
        click.echo(f"# Lưu nội dung trên vào ~/.config/systemd/user/{service.UNIT_NAME} (hoặc chạy lại với -o), "
                   f"rồi: systemctl --user daemon-reload && systemctl --user enable --now {service.UNIT_NAME}")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(unit, encoding="utf-8")
    click.echo(f"Đã ghi {output}. Tiếp theo: systemctl --user daemon-reload && "
               f"systemctl --user enable --now {output.name}")
