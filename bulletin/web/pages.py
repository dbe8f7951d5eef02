"""The pages: Tổng quan, Bản tin mới, a script, a build, Đã phát, Báo cáo, Cài đặt, login."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote, urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bulletin.errors import BulletinError
from bulletin.web import forms, views
from bulletin.web.app import SESSION_COOKIE, _cookie, checked_form, studio_of
from bulletin.web.security import OutsideStation, inside, relative_to_station


def station_path(request: Request, relative: str, *, must_exist: bool = True) -> Path:
    """A path the request names, inside the station folder (403 otherwise, 404 when missing)."""
    studio = studio_of(request)
    try:
        path = inside(studio.root, relative)
    except OutsideStation:
        raise HTTPException(403, "Đường dẫn nằm ngoài thư mục của đài.") from None
    if must_exist and not path.is_file():
        raise HTTPException(404, f"Không tìm thấy tệp '{relative}' trong thư mục của đài.")
    return path


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def home(request: Request) -> Response:
    studio = studio_of(request)
    station = studio.station()
    today = dt.date.today()
    return studio.render(request, "home.html", {"title": "Tổng quan", **views.overview(station, today)})


async def new(request: Request) -> Response:
    studio = studio_of(request)
    return studio.render(request, "new.html", {"title": "Bản tin mới", "scripts": views.station_scripts(studio.root),
                                               "error": request.query_params.get("error", ""),
                                               "accept": ",".join(forms.SCRIPT_TYPES + forms.AUDIO_TYPES)})


async def upload(request: Request) -> Response:
    studio = studio_of(request)
    form = await checked_form(request)
    file = form.get("file")
    if file is None or isinstance(file, str) or not file.filename:
        raise HTTPException(400, "Chưa chọn tệp để tải lên.")
    data = await file.read()
    try:
        saved = forms.save_upload(studio.root, file.filename, data)
    except forms.BadUpload as exc:
        raise HTTPException(415, f"Lỗi: {exc}") from None
    relative = relative_to_station(studio.root, saved)
    if saved.suffix in forms.AUDIO_TYPES:
        return _back(f"/listen?path={quote(relative)}")
    return _back(f"/script?path={quote(relative)}")


async def paste(request: Request) -> Response:
    studio = studio_of(request)
    form = await checked_form(request)
    text = str(form.get("text") or "").strip()
    if not text:
        raise HTTPException(400, "Chưa dán văn bản nào.")
    name = forms.safe_name(str(form.get("name") or "van-ban-dan")).removesuffix(".txt") + ".txt"
    saved = forms.save_upload(studio.root, name, text.encode("utf-8"))
    return _back(f"/script?path={quote(relative_to_station(studio.root, saved))}")


async def script(request: Request) -> Response:
    studio = studio_of(request)
    relative = request.query_params.get("path", "")
    path = station_path(request, relative)
    engine = request.query_params.get("engine") or None
    context = views.script_view(studio.station(), path, engine)
    return studio.render(request, "script.html", {"title": context["heading"], "relative": relative, **context})


async def save_script(request: Request) -> Response:
    studio = studio_of(request)
    form = await checked_form(request)
    name = forms.safe_name(str(form.get("name") or "")).removesuffix(".md")
    if not name or name == "ban-tin" and not form.get("name"):
        raise HTTPException(400, "Cần đặt tên tệp kịch bản.")
    meta = {k: str(form.get(k) or "") for k in ("title", "id", "series", "date")}
    text = forms.compose_script(meta, str(form.get("body") or ""))
    target = station_path(request, f"scripts/{name}.md", must_exist=False)
    problem = views.save_script(studio.station(), target, text)
    if problem:
        context = views.script_view(studio.station(), target, None, text=text, save_error=problem)
        return studio.render(request, "script.html", {"title": "Lưu kịch bản", "relative": f"scripts/{name}.md",
                                                      **context}, status=422)
    return _back(f"/script?path={quote(f'scripts/{name}.md')}&saved=1")


async def start_build(request: Request) -> Response:
    studio = studio_of(request)
    form = await checked_form(request)
    path = station_path(request, str(form.get("path") or ""))
    wrap = {"1": True, "0": False}.get(str(form.get("wrap") or ""))
    job = studio.builds.submit(path, views.output_for(studio.station(), path), str(form.get("engine") or "") or None,
                               pad=bool(form.get("pad")), wrap=wrap, split_at_silence=bool(form.get("split")),
                               allow_cut=bool(form.get("allow_cut")))
    return _back(f"/builds/{job.id}")


async def build_page(request: Request) -> Response:
    studio = studio_of(request)
    job = studio.builds.get(request.path_params["job"])
    if job is None:
        raise HTTPException(404, "Không có lần tạo bản tin này (có thể trang làm việc đã khởi động lại).")
    context = views.build_view(studio, job)
    return studio.render(request, "build.html", {"title": "Tạo bản tin", "job": job, **context})


async def listen(request: Request) -> Response:
    studio = studio_of(request)
    relative = request.query_params.get("path", "")
    path = station_path(request, relative)
    if path.suffix.lower() not in forms.AUDIO_TYPES:
        raise HTTPException(415, "Chỉ nghe được tệp âm thanh.")
    context = views.listen_view(studio.station(), path, relative)
    return studio.render(request, "listen.html", {"title": "Nghe bản tin", **context})


async def broadcasts(request: Request) -> Response:
    studio = studio_of(request)
    period = request.query_params.get("period") or str(dt.date.today().year)
    context = views.broadcasts_view(studio.station(), period)
    return studio.render(request, "broadcasts.html", {"title": "Đã phát", **context,
                                                      "message": request.query_params.get("msg", "")})


async def log_broadcast(request: Request) -> Response:
    studio = studio_of(request)
    form = await checked_form(request)
    relative = str(form.get("file") or "")
    path = station_path(request, relative)
    try:
        message = views.log_airing(studio.station(), path, {k: str(v) for k, v in form.items() if isinstance(v, str)})
    except BulletinError as exc:
        context = views.listen_view(studio.station(), path, relative)
        return studio.render(request, "listen.html", {"title": "Nghe bản tin", **context, "log_error": str(exc),
                                                      "form": form}, status=422)
    return _back("/broadcasts?" + urlencode({"period": message[0], "msg": message[1]}))


async def correct(request: Request) -> Response:
    studio = studio_of(request)
    form = await checked_form(request)
    action = request.path_params["action"]
    values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    period = values.get("period", "")
    try:
        text = views.correct_record(studio.station(), request.path_params["record"], action, values)
    except BulletinError as exc:
        context = views.broadcasts_view(studio.station(), period or str(dt.date.today().year))
        return studio.render(request, "broadcasts.html", {"title": "Đã phát", **context, "error": str(exc)},
                             status=422)
    return _back("/broadcasts?" + urlencode({"period": period, "msg": text}))


async def reports(request: Request) -> Response:
    studio = studio_of(request)
    today = dt.date.today()
    default = f"{today.year}-H{1 if today.month <= 6 else 2}"
    period = request.query_params.get("period") or default
    place = request.query_params.get("place") or ""
    only_station = request.query_params.get("station") or ""
    context = views.reports_view(studio.station(), period, place, only_station)
    return studio.render(request, "reports.html", {"title": "Báo cáo", **context})


async def settings(request: Request) -> Response:
    studio = studio_of(request)
    if request.method == "POST":
        form = await checked_form(request)
        values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
        error = views.save_settings(studio, values)
        context = views.settings_view(studio.station(), values if error else None)
        return studio.render(request, "settings.html", {"title": "Cài đặt", **context, "error": error,
                                                        "saved": not error}, status=422 if error else 200)
    return studio.render(request, "settings.html", {"title": "Cài đặt", **views.settings_view(studio.station())})


async def login(request: Request) -> Response:
    studio = studio_of(request)
    target = request.query_params.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    if request.method == "POST":
        form = await checked_form(request)
        wait = studio.guard.wait_seconds()
        if wait:
            return studio.render(request, "login.html", {"title": "Đăng nhập", "next": target, "error":
                                 f"Nhập sai mật khẩu quá nhiều lần; hãy thử lại sau {wait} giây."}, status=429)
        session = studio.guard.login(str(form.get("password") or ""))
        if session is None:
            return studio.render(request, "login.html", {"title": "Đăng nhập", "next": target,
                                                         "error": "Mật khẩu không đúng."}, status=401)
        response = _back(target)
        response.headers.append("set-cookie", _cookie(session))
        return response
    return studio.render(request, "login.html", {"title": "Đăng nhập", "next": target})


async def logout(request: Request) -> Response:
    studio = studio_of(request)
    await checked_form(request)
    studio.guard.logout(request.scope["state"]["session"])
    response = _back("/login")
    response.delete_cookie(SESSION_COOKIE)
    return response


ROUTES = [
    Route("/", home),
    Route("/new", new),
    Route("/new/upload", upload, methods=["POST"]),
    Route("/new/paste", paste, methods=["POST"]),
    Route("/script", script),
    Route("/script/save", save_script, methods=["POST"]),
    Route("/builds", start_build, methods=["POST"]),
    Route("/builds/{job}", build_page),
    Route("/listen", listen),
    Route("/broadcasts", broadcasts),
    Route("/broadcasts", log_broadcast, methods=["POST"]),
    Route("/broadcasts/{record}/{action:str}", correct, methods=["POST"]),
    Route("/reports", reports),
    Route("/settings", settings, methods=["GET", "POST"]),
    Route("/login", login, methods=["GET", "POST"]),
    Route("/logout", logout, methods=["POST"]),
]
