"""A Word or text document turned into an editable Markdown script.

The Markdown says exactly what the document would say when built: the same
title, items, paragraphs and recordings, so building either gives the same
bulletin. Its front matter is filled in (title, a proposed stable id, series,
date) and every line of the document that is not read (paperwork, page
furniture, tables that cannot be read) is kept as a comment where it was, so
the operator can see it and bring back what should be read.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bulletin.config import Station
from bulletin.errors import ScriptError
from bulletin.files import output_folder
from bulletin.script.markdown import escape
from bulletin.script.model import SKIP_KINDS, Bed, Jingle, Pause, Recording, Script, Skipped, Speech

CONVERTIBLE = (".docx", ".txt")
# A day in the document: "…, ngày 15 tháng 7 năm 2024" (official date line) or "15/07/2024" (a page's dateline).
_DAY_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DAY_DIGITS = re.compile(r"\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\b")


@dataclass(frozen=True)
class Converted:
    """A document converted: the Markdown written and what it holds."""

    source: Path
    output: Path
    script: Script
    id: str
    date: dt.date
    skipped: int  # lines kept as comments


def document_date(script: Script) -> dt.date | None:
    """The date the document carries (its date line, or a web page's dateline), if any."""
    for entry in script.skipped:
        for pattern in (_DAY_WORDS, _DAY_DIGITS):
            m = pattern.search(entry.text)
            if m:
                try:
                    return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                except ValueError:
                    continue
    return None


def bulletin_date(script: Script) -> dt.date:
    """The bulletin's date: the one it was given, else the one the document carries, else today."""
    return script.meta.date or document_date(script) or dt.date.today()


def proposed_id(script: Script, station: Station, output: Path | None = None) -> str:
    """"TTĐN-2024-Q3-02" for a document without an id: the series' initials, the quarter of
    :func:`bulletin_date` and a number: the one a bulletin of the same title already has (in the
    station's log, its built files in out/ and its scripts in scripts/, and beside ``output``),
    else the next one none of them uses. ``check``, ``build``, ``convert`` and the studio all
    propose this same id for the same document, and different ids for different documents."""
    from bulletin.log.identity import propose_id

    folders = [station.root / "out", station.root / "scripts"] + ([Path(output).parent] if output else [])
    return propose_id(script.meta.series, bulletin_date(script), station.database_path, title=script.meta.title,
                      folders=folders)


def to_markdown(script: Script, *, bulletin_id: str = "", date: dt.date | None = None,
                folder: Path | None = None) -> str:
    """The Markdown script that builds like ``script``; recordings named relative to ``folder``."""
    meta = script.meta
    front = {"title": meta.title}
    if bulletin_id or meta.id:
        front["id"] = meta.id or bulletin_id
    front["series"] = meta.series
    if date or meta.date:
        front["date"] = (meta.date or date).isoformat()
    if meta.level != "thường":
        front["level"] = meta.level
    for key in ("engine", "voice"):
        if getattr(meta, key):
            front[key] = getattr(meta, key)
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000).strip()
    out = ["---", header, "---", "",
           f"<!-- Chuyển từ {_comment(script.path.name)} bằng bulletin convert. Các dòng không được đọc "
           "nằm trong chú thích như thế này; muốn đọc dòng nào, hãy chép nó ra ngoài chú thích. -->", ""]
    pending = sorted(script.skipped, key=lambda s: s.line)

    def comments_before(line: int | None) -> None:
        while pending and (line is None or pending[0].line < line):
            out.extend([_skipped_comment(pending.pop(0)), ""])

    for index, item in enumerate(script.items):
        first_line = item.line or min((s.line for s in item.segments), default=0)
        comments_before(first_line)
        if item.title:
            out.append(f"# {escape(item.title)}")
            if not item.speak_title:
                out.append("@notitle")
            if item.optional:
                out.append("@optional")
            out.append("")
        elif index > 0:
            raise ScriptError("mục không có tiêu đề ở giữa kịch bản: không chuyển được sang .md",
                              path=script.path, line=item.line)
        for segment in item.segments:
            comments_before(segment.line)
            out.extend([_segment(segment, folder), ""])
    comments_before(None)
    return "\n".join(out).rstrip("\n") + "\n"


def _segment(segment, folder: Path | None) -> str:
    if isinstance(segment, Speech):
        return escape(segment.text)
    if isinstance(segment, Recording):
        gain = f" gain={segment.gain:g}" if segment.gain else ""
        return f"@audio {_file_ref(segment.path, folder)}{gain}"
    if isinstance(segment, Jingle):
        return f"@jingle {_quoted(segment.name)}"
    if isinstance(segment, Bed):
        return f"@bed {_quoted(segment.name) if segment.name else 'off'}"
    if isinstance(segment, Pause):
        return f"@pause {segment.seconds:g}"
    raise TypeError(segment)  # pragma: no cover - every segment type is handled above


def _file_ref(path: Path, folder: Path | None) -> str:
    ref = str(path)
    if folder is not None:
        try:
            ref = Path(os.path.relpath(path, folder)).as_posix()
        except ValueError:  # another drive on Windows
            ref = str(path)
    return _quoted(ref)


def _quoted(ref: str) -> str:
    return f'"{ref}"' if any(c.isspace() for c in ref) or "'" in ref else ref


def _comment(text: str) -> str:
    return text.replace("-->", "->").replace("<!--", "<!-")


def _skipped_comment(entry: Skipped) -> str:
    why = entry.label or SKIP_KINDS.get(entry.kind, entry.kind)
    return f"<!-- không đọc (dòng {entry.line}, {_comment(why)}): {_comment(entry.text)} -->"


def convert(document: Path, output: Path, station: Station, *, bulletin_id: str | None = None,
            overwrite: bool = False) -> Converted:
    """Write ``document`` (.docx or .txt) as the Markdown script ``output``; the id is proposed when not given.

    An existing ``output`` (perhaps already edited) is only replaced when ``overwrite`` is set.
    """
    from bulletin.script import load_script

    document, output = Path(document), Path(output)
    if document.suffix.lower() not in CONVERTIBLE:
        raise ScriptError("chỉ chuyển được văn bản Word (.docx) hoặc văn bản thường (.txt) sang kịch bản .md",
                          path=document)
    if output.suffix.lower() not in (".md", ".markdown"):
        raise ScriptError("tệp kết quả phải có đuôi .md", path=output)
    if output.is_dir():
        raise ScriptError("đây là thư mục; hãy ghi tên tệp kịch bản .md, ví dụ -o scripts/ban-tin.md", path=output)
    if output.exists() and not overwrite:
        raise ScriptError("tệp kết quả đã có (có thể đã được sửa); chọn tên khác hoặc dùng --force để ghi đè",
                          path=output)
    script = load_script(document, station)
    output_folder(output, error=ScriptError)
    date = bulletin_date(script)
    chosen = bulletin_id or script.meta.id or proposed_id(script, station, output)
    text = to_markdown(script, bulletin_id=chosen, date=date, folder=output.parent.resolve())
    partial = output.with_name(f".{output.name}.part")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ScriptError(f"không ghi được kịch bản ({exc.strerror or exc})", path=output) from None
    return Converted(document, output, script, chosen, date, len(script.skipped))


__all__ = ["CONVERTIBLE", "Converted", "bulletin_date", "convert", "document_date", "proposed_id", "to_markdown"]
