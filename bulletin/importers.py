"""Scripts from the documents operators actually receive: plain text and Word.

The first line (or the document title) is the bulletin title; Word heading
styles and numbered lines ("1. …", "I. …") start items; other paragraphs are
speech. Directive lines (``@audio …``) work here too.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections import Counter
from pathlib import Path

from . import text as textprep
from .config import Station
from .errors import ScriptError
from .script import Script, ScriptBuilder, meta_from_dict, read_source

# "1. Công tác…", "2) …", "I. …", "IV - …": a short line with a number in front.
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[IVXLC]{1,6})\s*[.)\-–:]\s+(\S.*)$")
_MAX_HEADING_CHARS = 150


def _is_numbered_heading(line: str) -> bool:
    m = _NUMBERED.match(line)
    if not m:
        return False
    body = m.group(1).strip()
    # A numbered heading is short and is not a finished sentence.
    return len(body) <= _MAX_HEADING_CHARS and not body.endswith((".", ";", ":", "?", "!"))


def _decode_text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    # Legacy-font text saved as "ANSI": the bytes are TCVN3/VNI code points
    # read through cp1252; text.repair converts them back to Vietnamese.
    return data.decode("cp1252", errors="replace")


def parse_text(path: Path, station: Station) -> Script:
    """A plain-text bulletin: title on the first line, numbered lines start items."""
    data = read_source(path)
    lines = _decode_text(path, data).splitlines()
    builder = ScriptBuilder(path, station)
    title = None
    paragraph: list[str] = []
    para_line = 0

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            builder.paragraph(" ".join(paragraph), para_line)
            paragraph = []

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            flush()
            continue
        if title is None:
            title = (line, number)
            continue
        if line.startswith("@") and re.match(r"^@[A-Za-z]", line):
            flush()
            builder.directive(line, number)
            continue
        if _is_numbered_heading(line):
            flush()
            builder.heading(line, number)
            continue
        # Pasted text has one paragraph per line; a line that starts in
        # lowercase continues the previous one (hard-wrapped text).
        if paragraph and not line[0].isupper() and not line[0].isdigit() and line[0] not in "-+•*–":
            paragraph.append(line)
            continue
        flush()
        para_line = number
        paragraph.append(line)
    flush()
    if title is None:
        raise ScriptError("tệp văn bản trống", path=path)
    meta = meta_from_dict({"title": title[0]}, path, station)
    return builder.finish(meta, hashlib.sha256(data).hexdigest())


def parse_docx(path: Path, station: Station) -> Script:
    """A Word bulletin: the title, heading styles or numbered lines for items, paragraphs."""
    import docx  # python-docx; imported here so other formats do not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    data = read_source(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ScriptError(
            "không mở được tệp Word (.docx); tệp có thể bị hỏng hoặc không phải .docx thật", path=path
        ) from exc
    builder = ScriptBuilder(path, station)
    title = (document.core_properties.title or "").strip()
    # Paragraph numbers stand in for line numbers in messages.
    for number, para in enumerate(document.paragraphs, start=1):
        raw = para.text.strip()
        if not raw:
            continue
        font = _font_of(para)
        style = (para.style.name if para.style is not None else "") or ""
        if not title:
            title = textprep.repair(raw, font)
            continue
        if style.lower() == "title" and textprep.repair(raw, font) == title:
            continue
        if raw.startswith("@") and re.match(r"^@[A-Za-z]", raw):
            builder.directive(raw, number)
        elif _is_heading_style(style) or _is_numbered_heading(raw):
            builder.heading(textprep.repair(raw, font), number)
        else:
            builder.paragraph(raw, number, font)
    if not title:
        raise ScriptError("tài liệu Word trống", path=path)
    meta = meta_from_dict({"title": textprep.repair(title)}, path, station)
    return builder.finish(meta, hashlib.sha256(data).hexdigest())


def _is_heading_style(style: str) -> bool:
    name = style.lower()
    return name.startswith(("heading", "tiêu đề", "tieu de")) and not name.startswith("heading 3")


def _font_of(paragraph) -> str | None:
    """The font most of the paragraph's text is set in (a hint for legacy encodings)."""
    from docx.oxml.ns import qn

    counts: Counter[str] = Counter()
    for run in paragraph.runs:
        name = run.font.name
        rpr = run._element.rPr
        if name is None and rpr is not None and rpr.rFonts is not None:
            name = rpr.rFonts.get(qn("w:hAnsi"))
        if name:
            counts[name] += len(run.text)
    if counts:
        return counts.most_common(1)[0][0]
    style = paragraph.style
    while style is not None:
        if style.font is not None and style.font.name:
            return style.font.name
        style = style.base_style
    return None
