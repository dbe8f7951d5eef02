"""What each page shows, as plain values from the library (the templates only lay them out)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from bulletin.config import PRESETS, Station
from bulletin.errors import BulletinError, ConfigError, LogError
from bulletin.log.record import COMPLETION_NAMES
from bulletin.timing import format_clock
from bulletin.vn_format import vn_count, vn_date, vn_duration, vn_number, vn_time
from bulletin.web import forms

# -- Tổng quan ----------------------------------------------------------------------


def quota_rows(station: Station, period_label: str, today: dt.date, place: str | None = None,
               only_station: str | None = None) -> list[dict]:
    from bulletin import load_quota, parse_period

    period = parse_period(period_label)
    shown = [station.series, *station.quota_by_series]
    quotas = load_quota(station.database_path, period, required=station.quota_for, series=shown, place=place,
                        today=today, station=only_station, **quota_rules(station))
    return [{"quarter": q.quarter.short(), "series": q.series, "aired": q.aired, "required": q.required,
             "airings": q.airings, "due": q.due, "days_left": q.days_left, "timing": q.timing, "status": q.status,
             "flags": list(q.flags), "total": vn_duration(q.total_seconds) if q.airings else "–",
             "label": f"{vn_count(q.aired)}/{vn_count(q.required)}"} for q in quotas]


def quota_rules(station: Station) -> dict[str, Any]:
    """The station's counting rules for ``load_quota``, as the CLI passes them (when this version has them)."""
    rule_for = getattr(station, "rule_for", None)
    return {"rules": rule_for} if rule_for is not None else {}


def overview(station: Station, today: dt.date) -> dict[str, Any]:
    from bulletin import log_store

    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    half = f"{today.year}-H{1 if today.month <= 6 else 2}"
    from bulletin.air import reminders

    latest = list(reversed(log_store.current(station.database_path)))[:5]
    try:
        notes = reminders.load(station, today=today)
    except BulletinError as exc:  # a schedule with a mistake is named, the page still opens
        notes = [str(exc)]
    return {"station": station, "reminders": notes, "quarter": quota_rows(station, quarter, today),
            "half": quota_rows(station, half, today), "half_label": half,
            "latest": [record_row(r) for r in latest]}


def record_row(r) -> dict[str, Any]:
    return {"id": r.record_id, "short": r.record_id[:8], "day": vn_date(r.aired), "time": vn_time(r.aired),
            "title": r.title, "bulletin_id": r.bulletin_id, "place": r.place, "duration": vn_duration(r.duration),
            "voided": r.voided, "amended": r.kind == "amend", "reason": r.reason, "kind": r.kind,
            "auto": r.source == "auto", "played": r.completion == "complete",
            "completion": COMPLETION_NAMES.get(r.completion, r.completion)}


# -- Bản tin mới, kịch bản -------------------------------------------------------------


def station_scripts(root: Path) -> list[str]:
    found = []
    for folder in ("scripts", forms.UPLOAD_FOLDER):
        base = root / folder
        if base.is_dir():
            found += sorted(f"{folder}/{p.name}" for p in base.iterdir()
                            if p.is_file() and p.suffix.lower() in forms.SCRIPT_TYPES and not p.name.startswith("."))
    return found


def output_for(station: Station, script: Path) -> Path:
    """Where a build of ``script`` goes: out/<name>.mp3, as with ``bulletin build``."""
    return station.root / "out" / f"{script.stem}.mp3"


def script_view(station: Station, path: Path, engine: str | None, *, text: str | None = None,
                save_error: str = "") -> dict[str, Any]:
    """The items with estimates, the spoken words, the errors with their line, the editable text."""
    from bulletin import Normalizer, check, load_script
    from bulletin.script.convert import bulletin_date, proposed_id

    source = text
    if source is None and path.is_file() and path.suffix.lower() in (".md", ".txt"):
        source = path.read_text(encoding="utf-8-sig", errors="replace")
    context: dict[str, Any] = {"heading": path.name, "error": "", "error_line": None, "save_error": save_error,
                               "check": None, "items": [], "skipped": [], "meta": {}, "engine": engine or "",
                               "engines": engine_names()}
    script = None
    if text is None:
        try:
            script = load_script(path, station)
        except BulletinError as exc:
            context["error"], context["error_line"] = str(exc), exc.line
    if script is not None:
        meta = script.meta
        context["heading"] = meta.title
        context["meta"] = {"title": meta.title, "id": meta.id, "series": meta.series,
                           "date": bulletin_date(script).isoformat()}
        normalizer = Normalizer.for_station(station)
        items = []
        for item in script.items:
            speeches = []
            for s in item.speeches:
                spelled = normalizer.spelled_tokens(s.text, s.font)
                speeches.append({"line": s.line, "text": s.text, "spoken": normalizer.normalize(s.text, s.font),
                                 "spelled": spelled})
            items.append({"title": item.title, "line": item.line, "optional": item.optional, "speeches": speeches})
        context["items"] = items
        context["skipped"] = [{"line": n, "text": t} for n, t in script.skipped]
        try:
            result = check(path, station, engine=engine)
        except BulletinError as exc:
            result = None
            context["error"], context["error_line"] = str(exc), exc.line
        if not meta.id:  # the id check proposed (the station's files read once), else proposed here
            context["meta"]["id"] = (result and result.proposed_id) or proposed_id(script, station)
        if result is not None:
            context["check"] = {
                "ok": result.ok, "engine": result.engine, "voice": result.voice,
                "sections": [{"title": s.title, "optional": s.optional, "syllables": s.syllables,
                              "seconds": format_clock(s.seconds)} for s in result.sections],
                "total": format_clock(result.total), "target": format_clock(result.target),
                "over": result.total > result.target, "plan": result.plan.report(),
                "problems": list(result.problems), "warnings": list(result.warnings),
            }
    if source is not None and path.suffix.lower() == ".md":
        _front, body = forms.split_front_matter(source)
    elif source is not None:
        body = source
    else:
        body = script_markdown(script) if script is not None else ""
    context["body"] = body
    context["source_lines"] = (source or "").splitlines()
    context["name"] = path.stem
    return context


def engine_names() -> list[str]:
    from bulletin.engines import AUTO, registry

    return [AUTO, *sorted(registry())]


def script_markdown(script) -> str:
    """An imported document as the body of an editable Markdown script (headings, paragraphs)."""
    parts = []
    for item in script.items:
        if item.title:
            parts.append(f"# {item.title}")
            if item.optional:
                parts.append("@optional")
        parts += [s.text for s in item.speeches]
    return "\n\n".join(parts) + "\n"


def save_script(station: Station, target: Path, text: str) -> str:
    """Write ``text`` to ``target`` when it reads as a script; the error (with its line) otherwise."""
    from bulletin import load_script

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.stem}.{os.getpid()}.md")
    tmp.write_text(text, encoding="utf-8")
    try:
        load_script(tmp, station)
    except BulletinError as exc:
        tmp.unlink()
        return f"{target.name}" + (f", dòng {exc.line}" if exc.line else "") + f": {exc.message}"
    tmp.replace(target)
    return ""


# -- builds and listening ----------------------------------------------------------------


def build_view(studio, job) -> dict[str, Any]:
    context: dict[str, Any] = {"relative": _rel(studio.root, job.output), "script": _rel(studio.root, job.script)}
    result = job.result
    if result is not None:
        context["result"] = {
            "duration": format_clock(result.duration, decimals=1), "size": vn_number(result.size / 1_000_000),
            "loudness": vn_number(result.loudness), "true_peak": vn_number(result.true_peak),
            "engines": ", ".join(result.engines), "plan": result.plan.report(), "warnings": list(result.warnings),
            "chapters": chapters(result.chapters),
            "processing": result.processing.message if getattr(result, "processing", None) else "",
        }
        context.update(log_defaults(studio.station()))
    return context


def chapters(found) -> list[dict[str, Any]]:
    return [{"start": round(c.start, 2), "clock": format_clock(c.start, decimals=1), "title": c.title or "Mở đầu"}
            for c in found]


def listen_view(station: Station, path: Path, relative: str) -> dict[str, Any]:
    """The player, the file's tags and chapters, its verdict against the station, what the log knows of it."""
    from bulletin import inspect_file, judge_file, log_store
    from bulletin.reports.quota import MORE_CONTENT

    context: dict[str, Any] = {"relative": relative, "name": path.name, "chapters": [], "tags": None,
                               "inspect_error": "", "verdict": None, "known": None, "wrap": station.wrap}
    try:
        found = inspect_file(path)
    except BulletinError as exc:
        context["inspect_error"] = str(exc)
    else:
        tags = found.tags
        context["tags"] = {"title": tags.title, "bulletin_id": tags.bulletin_id, "series": tags.series,
                           "fit": tags.fit, "duration": format_clock(found.format.duration, decimals=1)}
        context["chapters"] = chapters(tags.chapters)
        verdict = judge_file(found, station)
        context["verdict"] = {"compliant": verdict.compliant, "actions": list(verdict.actions),
                              "findings": [{"ok": f.ok, "text": f.text} for f in verdict.findings],
                              "cut": "--allow-cut" in verdict.command, "uncounted": verdict.uncounted,
                              "cut_short": verdict.cut_short,
                              "more_content": MORE_CONTENT}
        try:
            known = log_store.identify_file(path, station.database_path)
        except BulletinError:
            known = None
        if known is not None and known.source == "log":
            context["known"] = {"title": known.title, "bulletin_id": known.bulletin_id, "aired_at": known.aired_at}
    return context | log_defaults(station)


def log_defaults(station: Station) -> dict[str, Any]:
    now = dt.datetime.now()
    return {"default_day": vn_date(now.date()), "default_time": vn_time(now), "default_place": station.default_place}


def log_airing(station: Station, path: Path, form: dict[str, str]) -> tuple[str, str]:
    """Log one airing of ``path``; returns the period to show and a message."""
    from bulletin import log_store

    aired = forms.parse_vn_moment(form.get("day", ""), form.get("time", ""))
    known = log_store.identify_file(path, station.database_path)  # a file made elsewhere, aired before
    record = log_store.record_for_file(
        path, aired, place=form.get("place", "").strip() or station.default_place,
        operator=form.get("operator", "").strip() or station.operator, note=form.get("note", "").strip(),
        title=form.get("title", "").strip() or None, bulletin_id=form.get("bulletin_id", "").strip() or None,
        default_series=station.series, known=known,
        station_name=station.name, station_code=station.short_code)
    given = form.get("bulletin_id", "").strip()
    result = log_store.add(station.database_path, record, origin_name=station.name, rule=station.rule_for(record.series),
                           proposed_id="" if given else known.proposed_id)
    r = result.record
    message = f"Đã ghi sổ: {vn_date(r.aired)} {vn_time(r.aired)} – “{r.title}” tại {r.place}"
    if result.renumbered_from:
        message += ". " + log_store.renumbered_note(result)
    if result.earlier_airings:
        message += f" (phát lại: đã có {result.earlier_airings} lần phát, chỉ tính một lần vào chỉ tiêu)"
    for warning in result.warnings:
        message += f". Cảnh báo: {warning}"
    return str(aired.year), message


def _rel(root: Path, path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return ""


# -- Đã phát ----------------------------------------------------------------------------


def broadcasts_view(station: Station, period_label: str) -> dict[str, Any]:
    from bulletin import log_store, parse_period

    try:
        period = parse_period(period_label)
    except ValueError as exc:
        return {"period": period_label, "rows": [], "error": str(exc), "describe": ""}
    records = log_store.current(station.database_path, period)
    history = log_store.history(station.database_path, period)
    by_record: dict[str, list] = {}
    for entry in history:
        by_record.setdefault(entry.record_id, []).append(entry)
    rows = []
    for r in records:
        row = record_row(r)
        row["history"] = [record_row(e) | {"recorded": e.recorded_at[:16].replace("T", " ")}
                          for e in by_record.get(r.record_id, [])]
        rows.append(row)
    return {"period": period.label, "describe": period.describe(), "rows": rows,
            "active": sum(1 for r in records if not r.voided)}


def correct_record(station: Station, record: str, action: str, form: dict[str, str]) -> str:
    from bulletin import log_store

    db = station.database_path
    if action == "void":
        entry = log_store.void(db, record, reason=form.get("reason", ""), origin_name=station.name)
        return f"Đã hủy bản ghi {entry.record_id[:8]} “{entry.title}”; bản ghi cũ vẫn còn trong lịch sử."
    if action != "amend":
        raise LogError(f"không có thao tác '{action}'")
    changes: dict[str, str] = {}
    if form.get("day") or form.get("time"):
        changes["aired_at"] = forms.parse_vn_moment(form.get("day", ""), form.get("time", "")).strftime("%Y-%m-%d %H:%M")
    for key in ("place", "title", "note"):
        if form.get(key, "").strip():
            changes[key] = form[key].strip()
    if not changes:
        raise LogError("chưa có gì để sửa: điền ngày giờ, nơi phát, tiêu đề hoặc ghi chú mới")
    entry = log_store.amend(db, record, changes, reason=form.get("reason", ""), origin_name=station.name)
    return f"Đã sửa bản ghi {entry.record_id[:8]}; phiên bản cũ vẫn còn trong lịch sử."


# -- Báo cáo ----------------------------------------------------------------------------


def reports_view(station: Station, period_label: str, place: str, only_station: str = "") -> dict[str, Any]:
    """The report page; a district that merged its communes' logs picks one station (or all)."""
    from bulletin import load_report, log_store, parse_period

    records = log_store.current(station.database_path)
    context: dict[str, Any] = {"period": period_label, "place": place, "error": "", "report": None,
                               "places": sorted({r.place for r in records}),
                               "stations": sorted({r.station_code or r.station_name for r in records
                                                   if r.station_code or r.station_name}),
                               "station": only_station}
    try:
        period = parse_period(period_label)
    except ValueError as exc:
        context["error"] = str(exc)
        return context
    report = load_report(station.database_path, period, station, place=place or None,
                         station_filter=only_station or None)
    context["report"] = {
        "title": report.title, "summary": report.summary, "conclusion": report.conclusion,
        "quota": report.quota_rows(), "rows": [row.cells() for row in report.rows],
    }
    context["quota"] = quota_rows(station, period.label, dt.date.today(), place or None, only_station or None)
    if dt.date.today() in period and not place and not only_station:
        from bulletin.air import reminders

        try:
            context["reminders"] = reminders.load(station)
        except BulletinError as exc:
            context["reminders"] = [str(exc)]
    return context


# -- Cài đặt ----------------------------------------------------------------------------

SETTINGS = {  # form field -> (toml section, key)
    "name": ("station", "name"), "place": ("station", "place"), "operator": ("station", "operator"),
    "series": ("bulletin", "series"), "target": ("bulletin", "target"), "engine": ("bulletin", "engine"),
    "voice": ("bulletin", "voice"), "preset": ("audio", "preset"), "per_quarter": ("quota", "per_quarter"),
}


def engine_choices(station: Station) -> list[dict[str, Any]]:
    from bulletin.engines import registry
    from bulletin.engines.cache import ClipCache
    from bulletin.engines.choice import engine_statuses

    names = set(registry())
    rows = [{"name": "auto", "voices": {}, "usable": True, "reason": ""}]
    for status in engine_statuses(station, ClipCache.for_station(station), check=False):
        if status.name in names:
            voices = dict(status.engine.VOICES) if status.engine is not None else {}
            rows.append({"name": status.name, "voices": voices, "usable": status.state.usable,
                         "reason": status.state.reason})
    return rows


def settings_view(station: Station, values: dict[str, str] | None = None) -> dict[str, Any]:
    current = {"name": station.name, "place": station.place, "operator": station.operator, "series": station.series,
               "target": station.target, "engine": station.engine, "voice": station.voice,
               "preset": station.audio.preset, "per_quarter": str(station.quota_per_quarter)}
    return {"values": values or current, "engines": engine_choices(station), "presets": [(name, f"{name} ({vn_number(loud)} LUFS, {PRESET_NOTES.get(name, '')})")
                                                             for name, (loud, _peak) in PRESETS.items()],
            "config": (station.config_path or station.root / "bulletin.toml").name}


PRESET_NOTES = {"truyen-thanh": "hợp loa ngoài trời", "ebu-r128": "chuẩn phát thanh EBU R128", "internet": "nghe trên mạng"}


def save_settings(studio, values: dict[str, str]) -> str:
    """Write the form into bulletin.toml when the result is a valid station; the CLI's message otherwise."""
    from bulletin.config import CONFIG_NAME
    from bulletin.engines import AUTO, get_engine

    station = studio.station()
    config = station.config_path or studio.root / CONFIG_NAME
    text = config.read_text(encoding="utf-8") if config.is_file() else ""
    changes: dict[tuple[str, str], object] = {}
    for field, key in SETTINGS.items():
        if field not in values:
            continue
        value: object = values[field].strip()
        if field == "per_quarter":
            try:
                value = int(str(value))
            except ValueError:
                return f"Lỗi: {config.name}: quota.per_quarter phải là số nguyên, không phải '{value}'"
        changes[key] = value
    new_text = forms.update_toml(text, changes)
    try:
        checked = forms.check_toml(new_text, config.parent.resolve(), config)
        if checked.engine != AUTO:
            engine = get_engine(checked.engine, {k: v for k, v in checked.engine_settings.get(checked.engine, {}).items()
                                                 if k != "voice"})
            engine.voice_or_default(checked.voice or None)
    except BulletinError as exc:
        return f"Lỗi: {exc}"
    tmp = config.with_name(f".{config.name}.part")
    tmp.write_text(new_text, encoding="utf-8")
    try:
        tmp.replace(config)
    except OSError as exc:  # pragma: no cover
        raise ConfigError(f"không ghi được tệp cấu hình ({exc})", path=config) from exc
    return ""
