"""The studio: serve (the web page) and password (the station password it asks for)."""

from __future__ import annotations

import threading
import webbrowser

import click

from bulletin.cli.base import CONTEXT, cli, station_of
from bulletin.errors import UsageError


@cli.command(context_settings=CONTEXT)
@click.option("--port", type=int, default=8080, show_default=True, help="Cổng của trang làm việc.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Địa chỉ lắng nghe. Mặc định chỉ máy này mở được; địa chỉ khác (ví dụ 0.0.0.0 cho cả mạng "
                   "nội bộ) cần mật khẩu của đài (bulletin password).")
@click.option("--allow-host", "allowed", multiple=True, metavar="TÊN",
              help="Tên máy khác mà trình duyệt dùng để mở trang (ngoài địa chỉ IP và localhost).")
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")
@click.pass_context
def serve(ctx: click.Context, port: int, host: str, allowed: tuple[str, ...], no_browser: bool) -> None:
    """Mở trang làm việc (studio) trên trình duyệt: làm, nghe, ghi sổ và báo cáo bản tin.

    Chạy trong thư mục của đài. Mọi thứ chạy ngay trên máy này, không cần Internet.
    Dừng bằng Ctrl+C.

    \b
    Ví dụ:
      bulletin serve
      bulletin serve --port 8090 --no-browser
      bulletin password && bulletin serve --host 0.0.0.0
    """
    import uvicorn

    from bulletin.web import create_app
    from bulletin.web.security import is_loopback, stored_password

    station = station_of(ctx)
    if not is_loopback(host) and stored_password(station.root) is None:
        raise UsageError(
            f"trang làm việc mở cho máy khác (--host {host}) cần mật khẩu của đài. Đặt mật khẩu bằng lệnh: "
            "bulletin password (trong thư mục của đài), rồi chạy lại; hoặc bỏ --host để chỉ dùng trên máy này"
        )
    app = create_app(station.root, config=station.config_path, host=host, port=port, allowed_hosts=allowed)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown}:{port}/"
    click.echo(f"Trang làm việc của {station.name}: {url}  (dừng: Ctrl+C)")
    if not no_browser:
        threading.Timer(1.0, webbrowser.open, (url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command(context_settings=CONTEXT)
@click.option("--remove", is_flag=True, help="Bỏ mật khẩu (chỉ dùng trang làm việc trên máy này).")
@click.pass_context
def password(ctx: click.Context, remove: bool) -> None:
    """Đặt mật khẩu của đài cho trang làm việc (lưu dạng mã băm, không lưu mật khẩu).

    Khi đã có mật khẩu, trang làm việc hỏi mật khẩu trước khi cho dùng, và có thể
    mở cho máy khác trong mạng nội bộ (bulletin serve --host 0.0.0.0).

    \b
    Ví dụ:
      bulletin password
      bulletin password --remove
    """
    from bulletin.web.security import remove_password, set_password

    root = station_of(ctx).root
    if remove:
        click.echo("Đã bỏ mật khẩu." if remove_password(root) else "Đài chưa có mật khẩu.")
        return
    secret = click.prompt("Mật khẩu mới", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
    if len(secret) < 8:
        raise UsageError("mật khẩu quá ngắn: cần ít nhất 8 ký tự")
    path = set_password(root, secret)
    click.echo(f"Đã lưu mật khẩu (mã băm scrypt) vào {path}")
