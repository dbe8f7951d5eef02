"""The JSON API under the pages (documented in docs/web.md)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import tempfile
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from bulletin.errors import BulletinError
from bulletin.web import forms, views
from bulletin.web.app import checked_form, require_csrf_header, studio_of
from bulletin.web.pages import station_path
from bulletin.web.security import relative_to_station


def _job(request: Request):
    job = studio_of(request).builds.get(request.path_params["job"])
    if job is None:
        raise HTTPException(404, "Không có lần tạo bản tin này.")
    return job


def job_json(studio, job) -> dict:
    data = {"id": job.id, "status": job.status, "progress": round(job.progress, 3),
            "messages": [e["text"] for e in job.events], "error": job.error,
            "script": relative_to_station(studio.root, job.script), "output": relative_to_station(studio.root, job.output)}
    if job.result is not None:
        r = job.result
        data["result"] = {"duration": r.duration, "size": r.size, "loudness": r.loudness, "true_peak": r.true_peak,
                          "engines": list(r.engines), "fit": r.plan.report(),
                          "chapters": [{"title": c.title, "start": c.start, "end": c.end} for c in r.chapters]}
    return data


async def station_info(request: Request) -> Response:
    studio = studio_of(request)
    s = studio.station()
    return JSONResponse({"name": s.name, "place": s.place, "series": s.series, "target": s.target, "engine": s.engine,
                         "voice": s.voice, "preset": s.audio.preset, "quota_per_quarter": s.quota_per_quarter,
                         "scripts": views.station_scripts(studio.root), "password": studio.guard.needs_login,
                         "csrf": studio.guard.csrf_token(request.scope["state"]["session"])})


async def create_build(request: Request) -> Response:
    studio = studio_of(request)
    form = await checked_form(request)
    file, engine = form.get("file"), str(form.get("engine") or "") or None
    if file is not None and not isinstance(file, str) and file.filename:
        try:
            path = forms.save_upload(studio.root, file.filename, await file.read())
        except forms.BadUpload as exc:
            raise HTTPException(415, str(exc)) from None
        if path.suffix not in forms.SCRIPT_TYPES + forms.AUDIO_TYPES:
            raise HTTPException(415, "chỉ tạo được bản tin từ kịch bản .md, văn bản .txt, Word .docx "
                                     "hoặc tệp ghi âm làm sẵn")
    elif form.get("script"):
        path = station_path(request, str(form.get("script")))
    else:
        raise HTTPException(400, "cần trường 'file' (tệp tải lên) hoặc 'script' (kịch bản của đài)")
    def flag(name: str) -> bool:
        return str(form.get(name) or "").lower() in ("1", "true", "yes", "on")

    wrap = None if form.get("wrap") in (None, "") else flag("wrap")
    job = studio.builds.submit(path, views.output_for(studio.station(), path), engine, pad=flag("pad"), wrap=wrap,
                               split_at_silence=flag("split_at_silence"), allow_cut=flag("allow_cut"))
    return JSONResponse({"id": job.id, "status": job.status}, status_code=202,
                        headers={"location": f"/api/builds/{job.id}"})


async def build_status(request: Request) -> Response:
    return JSONResponse(job_json(studio_of(request), _job(request)))


async def build_events(request: Request) -> Response:
    """Server-Sent Events: one ``data:`` line per progress event, then ``event: end``."""
    job = _job(request)

    async def stream():
        sent = 0
        idle = 0.0
        while True:
            events = job.events[sent:]
            for event in events:
                sent += 1
                payload = event | {"progress": round(job.progress, 3), "status": job.status}
                yield f"id: {sent}\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"
            if job.finished_or_failed and sent == len(job.events):
                yield f"event: end\ndata: {json.dumps({'status': job.status, 'error': job.error}, ensure_ascii=False)}\n\n"
                return
            if not events:
                idle += 0.2
                if idle >= 15:
                    idle = 0.0
                    yield ": đang chờ\n\n"
            await asyncio.sleep(0.2)

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"cache-control": "no-cache"})


async def build_audio(request: Request) -> Response:
    job = _job(request)
    if job.status != "done" or not job.output.is_file():
        raise HTTPException(409 if not job.finished_or_failed else 404, "Bản tin chưa tạo xong hoặc tạo không thành công.")
    download = request.query_params.get("download")
    return FileResponse(job.output, media_type="audio/mpeg", filename=job.output.name if download else None)


async def station_file(request: Request) -> Response:
    """An audio file of the station (for the player); nothing else is served."""
    path = station_path(request, request.query_params.get("path", ""))
    if path.suffix.lower() not in forms.AUDIO_TYPES:
        raise HTTPException(403, "Chỉ tải được tệp âm thanh.")
    download = request.query_params.get("download")
    return FileResponse(path, media_type=forms.MEDIA_TYPES[path.suffix.lower()], filename=path.name if download else None)


async def add_broadcast(request: Request) -> Response:
    from bulletin import log_store
    from bulletin.log.record import parse_aired

    studio = studio_of(request)
    require_csrf_header(request)
    try:
        body = await request.json()
    except ValueError:
        raise HTTPException(400, "nội dung phải là JSON") from None
    if not isinstance(body, dict):
        raise HTTPException(400, "nội dung phải là một đối tượng JSON")
    if body.get("build"):
        job = studio.builds.get(str(body["build"]))
        if job is None or job.status != "done":
            raise HTTPException(404, "không có bản tin đã tạo xong với mã này")
        path = job.output
    elif body.get("file"):
        path = station_path(request, str(body["file"]))
    elif body.get("script"):  # the bulletin built from this script, where `bulletin build` puts it
        script = station_path(request, str(body["script"]))
        path = views.output_for(studio.station(), script)
        if not path.is_file():
            raise HTTPException(404, f"kịch bản '{body['script']}' chưa được tạo thành bản tin ({path.name})")
    else:
        raise HTTPException(400, "cần 'build' (mã lần tạo), 'script' (kịch bản đã tạo) hoặc 'file' (tệp âm thanh "
                                 "trong thư mục của đài)")
    station = studio.station()
    aired_text = str(body.get("aired") or "")
    try:
        if "/" in aired_text:
            day, _, time = aired_text.partition(" ")
            aired = forms.parse_vn_moment(day, time)
        else:
            aired = parse_aired(aired_text)
        known = log_store.identify_file(path, station.database_path)  # as the page and `log add` do
        record = log_store.record_for_file(path, aired, place=str(body.get("place") or station.default_place),
                                           operator=str(body.get("operator") or station.operator),
                                           note=str(body.get("note") or ""), title=body.get("title") or None,
                                           bulletin_id=body.get("id") or None, default_series=station.series,
                                           known=known, station_name=station.name,
                                           station_code=station.short_code)
        result = log_store.add(station.database_path, record, origin_name=station.name,
                               rule=station.rule_for(record.series),
                               proposed_id="" if body.get("id") else known.proposed_id)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    except BulletinError as exc:
        raise HTTPException(422, str(exc)) from None
    notes = [log_store.renumbered_note(result)] if result.renumbered_from else []
    return JSONResponse(result.record.as_dict() | {"earlier_airings": result.earlier_airings,
                                                   "warnings": list(result.warnings),
                                                   "renumbered_from": result.renumbered_from, "notes": notes},
                        status_code=201)


async def list_broadcasts(request: Request) -> Response:
    from bulletin import log_store

    period = _period(request.query_params.get("period") or str(dt.date.today().year))
    records = log_store.current(studio_of(request).station().database_path, period)
    return JSONResponse([r.as_dict() | {"status": "voided" if r.voided else "amended" if r.kind == "amend" else "active"}
                         for r in records])


def _period(text: str):
    from bulletin import parse_period

    try:
        return parse_period(text)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None


async def quota(request: Request) -> Response:
    from bulletin import load_quota

    station = studio_of(request).station()
    period = _period(request.query_params.get("period") or str(dt.date.today().year))
    quotas = load_quota(station.database_path, period, required=station.quota_for,
                        series=[station.series, *station.quota_by_series], place=request.query_params.get("place"),
                        **views.quota_rules(station))
    return JSONResponse({"period": period.label, "describe": period.describe(), "quarters": [
        {"quarter": q.quarter.label, "series": q.series, "aired": q.aired, "required": q.required, "due": q.due,
         "airings": q.airings, "total_seconds": q.total_seconds, "status": q.status, "timing": q.timing,
         "days_left": q.days_left, "flags": list(q.flags),
         "bulletins": [{"id": b.bulletin_id, "title": b.title, "airings": b.airings, "counted": b.counted}
                       for b in q.bulletins]} for q in quotas]})


async def report(request: Request) -> Response:
    from bulletin import load_report, render_report, save_report

    station = studio_of(request).station()
    period = _period(request.query_params.get("period", ""))
    fmt = request.query_params.get("format", "md")
    place = request.query_params.get("place") or None
    only_station = request.query_params.get("station") or None
    if fmt not in ("docx", "csv", "md", "text"):
        raise HTTPException(400, f"định dạng '{fmt}' không có; dùng docx, csv, md hoặc text")
    result = load_report(station.database_path, period, station, place=place, station_filter=only_station)
    name = f"bao-cao-{period.label}"
    if fmt == "docx":
        folder = tempfile.mkdtemp(prefix="bulletin-report-")
        out = save_report(result, "docx", Path(folder) / f"{name}.docx")
        return FileResponse(out, filename=out.name, background=BackgroundTask(_remove, Path(folder)),
                            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    types = {"csv": "text/csv; charset=utf-8", "md": "text/markdown; charset=utf-8", "text": "text/plain; charset=utf-8"}
    suffix = {"csv": "csv", "md": "md", "text": "txt"}[fmt]
    return Response(render_report(result, fmt), media_type=types[fmt],
                    headers={"content-disposition": f'attachment; filename="{name}.{suffix}"'})


def _remove(folder: Path) -> None:
    for p in folder.iterdir():
        p.unlink()
    folder.rmdir()


PREVIEW = "Xin chào quý vị và các bạn. Đây là giọng đọc bản tin của đài, ngày 15 tháng 7 năm 2024."


async def voice_preview(request: Request) -> Response:
    """A short sample in the chosen engine and voice, for the settings page's preview button."""
    station = studio_of(request).station()
    name = request.query_params.get("engine") or station.engine
    if name == "auto":
        name = "espeak"
    voice = request.query_params.get("voice") or ""
    folder = Path(tempfile.mkdtemp(prefix="bulletin-voice-"))
    try:
        out = await asyncio.to_thread(_speak_sample, station, name, voice, folder)
    except BulletinError as exc:
        _remove(folder)
        raise HTTPException(422, str(exc)) from None
    media = "audio/mpeg" if out.suffix == ".mp3" else "audio/wav"
    return FileResponse(out, media_type=media, background=BackgroundTask(_remove, folder))


def _speak_sample(station, name: str, voice: str, folder: Path) -> Path:
    try:  # the library's levelled preview (``bulletin engines preview``), where this version has it
        from bulletin.engines.preview import render_preview
    except ImportError:
        from bulletin.engines import get_engine
        from bulletin.text import Normalizer

        settings = dict(station.engine_settings.get(name, {}))
        settings.pop("voice", None)
        engine = get_engine(name, settings)
        text = Normalizer.for_station(station).normalize(PREVIEW)
        return engine.synthesize(text, engine.voice_or_default(voice or None), folder / "preview.wav")
    return render_preview(station, f"{name}:{voice}", folder / "preview.mp3").output


ROUTES = [
    Route("/api/station", station_info),
    Route("/api/builds", create_build, methods=["POST"]),
    Route("/api/builds/{job}", build_status),
    Route("/api/builds/{job}/events", build_events),
    Route("/api/builds/{job}/audio", build_audio),
    Route("/api/files", station_file),
    Route("/api/broadcasts", add_broadcast, methods=["POST"]),
    Route("/api/broadcasts", list_broadcasts),
    Route("/api/quota", quota),
    Route("/api/report", report),
    Route("/api/voices/preview", voice_preview),
]
