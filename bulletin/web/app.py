"""What the studio's handlers share: the station, the guard, the build queue, templates, and the protections."""

from __future__ import annotations

import json
import secrets
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from bulletin import programs
from bulletin.config import Station, load_station
from bulletin.web.jobs import BuildQueue, Job
from bulletin.web.security import Guard

HERE = Path(__file__).parent
MAX_UPLOAD = 50 * 1024 * 1024  # bytes; larger requests are answered 413
SESSION_COOKIE = "bulletin_session"
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
OPEN_PATHS = ("/login", "/static/")


class Studio:
    """What every request handler needs: the station folder, the guard, the builds."""

    def __init__(self, root: Path, *, config: Path | None, guard: Guard):
        self.root = Path(root).resolve()
        self.config = config
        self.guard = guard
        self.builds = BuildQueue(self._run_build)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.globals["nav"] = NAV
        self.templates.env.filters["mark_tokens"] = mark_tokens

    def station(self) -> Station:
        """The station as configured now (the settings page or the CLI may have changed it)."""
        station = load_station(self.config, start=self.root)
        programs.configure(station.program_paths)  # [programs] paths, as the CLI does
        return station

    def _run_build(self, job: Job, emit) -> Any:
        from bulletin import BuildOptions, build

        station = self.station()

        def progress(p) -> None:
            emit({"stage": "synthesis", "done": p.done, "total": p.total, "item": p.item, "items": p.items,
                  "title": p.title, "engine": p.engine,
                  "text": f"Đang đọc mục {p.item}/{p.items}: {p.title or 'mở đầu'} "
                          f"({p.done}/{p.total} đoạn; {p.cached} có sẵn, {p.synthesized} mới đọc bằng {p.engine})"})
            if p.done == p.total:
                emit({"stage": "mixing", "text": "Đang ghép nhạc hiệu, cân bằng độ lớn, khớp thời lượng và xuất MP3…"})

        emit({"stage": "prepare", "text": "Đang đọc kịch bản và kiểm tra các tệp âm thanh…"})
        options = BuildOptions(engine=job.engine, pad=job.pad, wrap=job.wrap, split_at_silence=job.split_at_silence,
                               allow_cut=job.allow_cut)
        return build(job.script, job.output, station, options, progress)

    def render(self, request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
        session = request.scope.get("state", {}).get("session", "")
        base = {"csrf": self.guard.csrf_token(session), "login": self.guard.needs_login,
                "path": request.url.path}
        return self.templates.TemplateResponse(request, name, base | context, status_code=status)


def mark_tokens(text: str, tokens: list[str]):
    """``text`` (escaped) with each token that will be spelled out wrapped in <mark>."""
    import re

    from markupsafe import Markup, escape

    if not tokens:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(set(tokens), key=len, reverse=True)))
    out, last = [], 0
    for m in pattern.finditer(text):
        out += [str(escape(text[last:m.start()])), f"<mark>{escape(m.group())}</mark>"]
        last = m.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


NAV = (("/", "Tổng quan"), ("/new", "Bản tin mới"), ("/schedule", "Lịch phát"), ("/broadcasts", "Đã phát"),
       ("/reports", "Báo cáo"), ("/settings", "Cài đặt"))


class Protect:
    """Host (DNS rebinding), session cookie, login, same-site check for changes, upload size."""

    def __init__(self, app, studio: Studio):
        self.app = app
        self.studio = studio

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        guard = self.studio.guard
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host")
        path = scope["path"]
        if not guard.host_ok(host):
            return await _error(scope, receive, send, 400, "Tên máy chủ (Host) không đúng: trang làm việc chỉ trả lời "
                                "theo địa chỉ mà nó được mở.")
        cookie = SimpleCookie(headers.get("cookie", ""))
        session = cookie[SESSION_COOKIE].value if SESSION_COOKIE in cookie else ""
        new_session = ""
        if not session:
            session = new_session = secrets.token_urlsafe(24)
        scope.setdefault("state", {})["session"] = session
        method = scope["method"]
        if method in UNSAFE:
            if not guard.origin_ok(headers.get("origin"), headers.get("sec-fetch-site"), host):
                return await _error(scope, receive, send, 403, "Yêu cầu thay đổi dữ liệu từ trang web khác bị từ chối.")
            token = headers.get("x-csrf-token")
            if token is not None:
                if not guard.csrf_ok(session, token):
                    return await _error(scope, receive, send, 403, "Mã bảo vệ biểu mẫu (CSRF) không đúng; hãy tải lại trang.")
                scope["state"]["csrf_checked"] = True
            length = headers.get("content-length")
            if length and length.isdigit() and int(length) > MAX_UPLOAD:
                return await _error(scope, receive, send, 413, _too_large())
            receive = _limited(receive)
        if not guard.logged_in(session) and not path.startswith(OPEN_PATHS):
            if path.startswith("/api/"):
                return await _error(scope, receive, send, 401, "Cần đăng nhập (mật khẩu của đài).")
            target = "/login?next=" + quote(path)
            return await _send_with_cookie(RedirectResponse(target, status_code=303), new_session, scope, receive, send)

        async def send_with_cookie(message):
            if message["type"] == "http.response.start":
                extra = [(b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"),
                         (b"content-security-policy", CSP.encode())]
                if new_session:
                    extra.append((b"set-cookie", _cookie(new_session).encode("latin-1")))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


CSP = ("default-src 'self'; img-src 'self' data:; media-src 'self' blob:; style-src 'self'; script-src 'self'; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


def _cookie(session: str) -> str:
    return f"{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Strict"


def _too_large() -> str:
    return f"Tệp quá lớn: tối đa {MAX_UPLOAD // (1024 * 1024)} MB."


def _limited(receive):
    seen = 0

    async def wrapped():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_UPLOAD:
                raise HTTPException(413, _too_large())
        return message

    return wrapped


async def _send_with_cookie(response: Response, session: str, scope, receive, send):
    if session:
        response.raw_headers.append((b"set-cookie", _cookie(session).encode("latin-1")))
    await response(scope, receive, send)


async def _error(scope, receive, send, status: int, message: str):
    if scope["path"].startswith("/api/"):
        response: Response = JSONResponse({"error": message}, status_code=status)
    else:
        response = PlainTextResponse(message, status_code=status)
    await response(scope, receive, send)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail, ensure_ascii=False)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": detail}, status_code=exc.status_code)
    studio: Studio = request.app.state.studio
    return studio.render(request, "error.html", {"title": "Có lỗi", "message": detail}, status=exc.status_code)


def studio_of(request: Request) -> Studio:
    return request.app.state.studio


async def checked_form(request: Request):
    """The submitted form, after checking its CSRF token."""
    form = await request.form(max_part_size=8 * 1024 * 1024)
    studio = studio_of(request)
    session = request.scope["state"]["session"]
    if not request.scope["state"].get("csrf_checked") and not studio.guard.csrf_ok(session, form.get("csrf")):
        raise HTTPException(403, "Mã bảo vệ biểu mẫu (CSRF) không đúng hoặc đã hết hạn; hãy tải lại trang rồi gửi lại.")
    return form


def require_csrf_header(request: Request) -> None:
    if not request.scope["state"].get("csrf_checked"):
        raise HTTPException(403, "Thiếu mã bảo vệ (tiêu đề X-CSRF-Token; lấy từ GET /api/station).")


__all__ = ["MAX_UPLOAD", "Protect", "Studio", "checked_form", "http_error", "require_csrf_header", "studio_of"]
