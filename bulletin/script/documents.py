"""Scripts from the documents operators actually receive: plain text and Word.

The bulletin title is the Word "Title" paragraph, or the subject under an
administrative document type ("BÁO CÁO" / its subject), or the document's title
property, or the first line. The paperwork of an official document (issuing
body, motto, number, date, recipients, signature) is not read (see
:mod:`bulletin.script.paperwork`). Word heading styles and numbered lines ("1. …",
"I. …") start items; other paragraphs are speech. Directive lines
(``@audio …``) work here too.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from bulletin import text as textprep
from bulletin.config import Station
from bulletin.errors import ScriptError
from bulletin.script.docx_guard import check_docx
from bulletin.script.model import Script, ScriptBuilder, meta_from_dict, read_source
from bulletin.script.paperwork import find_layout

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


@dataclass(frozen=True)
class _Line:
    """One non-empty line (.txt) or paragraph (.docx) of a document."""

    number: int
    raw: str  # as written (legacy encodings still in place)
    text: str  # repaired display text
    font: str | None = None
    heading: bool = False  # a Word heading style
    title_style: bool = False  # the Word "Title" style


def parse_text(path: Path, station: Station) -> Script:
    """A plain-text bulletin: title on the first line, numbered lines start items."""
    data = read_source(path)
    lines = [
        _Line(number, raw.strip(), textprep.repair(raw))
        for number, raw in enumerate(_decode_text(path, data).splitlines(), start=1)
        if raw.strip()
    ]
    if not lines:
        raise ScriptError("tệp văn bản trống", path=path)
    return _assemble(path, station, lines, data, joins_lines=True)


def parse_docx(path: Path, station: Station) -> Script:
    """A Word bulletin: the title, heading styles or numbered lines for items, paragraphs."""
    import docx  # python-docx; imported here so other formats do not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    data = read_source(path)
    check_docx(path, data)  # encrypted, damaged, zip bomb, too many paragraphs: refused before python-docx
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ScriptError(
            "không mở được tệp Word (.docx); tệp có thể bị hỏng hoặc không phải .docx thật", path=path
        ) from exc
    lines = []
    # Paragraph numbers stand in for line numbers in messages.
    for number, para in enumerate(document.paragraphs, start=1):
        raw = para.text.strip()
        if not raw:
            continue
        font = _font_of(para)
        style = ((para.style.name if para.style is not None else "") or "").lower()
        lines.append(_Line(number, raw, textprep.repair(raw, font), font, _is_heading_style(style), style == "title"))
    if not lines:
        raise ScriptError("tài liệu Word trống", path=path)
    core_title = textprep.repair(document.core_properties.title or "")
    return _assemble(path, station, lines, data, core_title=core_title)


def _assemble(
    path: Path, station: Station, lines: list[_Line], data: bytes, *, joins_lines: bool = False, core_title: str = ""
) -> Script:
    """Title, paperwork, items and paragraphs from a document's lines (both formats)."""
    layout = find_layout([(line.number, line.text) for line in lines])
    not_read = {number for number, _ in layout.skipped} | set(layout.title_lines)
    styled = next((line for line in lines if line.title_style), None)
    if styled is not None:
        title, not_read = styled.text, not_read | {styled.number}
    elif layout.title:
        title = layout.title
    elif core_title:
        title = core_title
    else:
        first = next((line for line in lines if line.number not in not_read), lines[0])
        title, not_read = first.text, not_read | {first.number}

    builder = ScriptBuilder(path, station)
    paragraph: list[_Line] = []

    def flush() -> None:
        if paragraph:
            builder.paragraph(" ".join(p.raw for p in paragraph), paragraph[0].number, paragraph[0].font)
            paragraph.clear()

    previous = None
    for line in lines:
        if line.number in not_read:
            flush()
            continue
        if re.match(r"^@[A-Za-z]", line.raw):
            flush()
            builder.directive(line.raw, line.number)
        elif line.heading or _is_numbered_heading(line.text):
            flush()
            builder.heading(line.text, line.number)
        elif joins_lines and paragraph and previous == line.number - 1 and _continues(line.text):
            # Hard-wrapped text: a line that starts in lowercase goes on with the one above.
            paragraph.append(line)
        else:
            flush()
            paragraph.append(line)
        previous = line.number
    flush()
    meta = meta_from_dict({"title": title}, path, station)
    skipped = tuple(sorted((n, t) for n, t in layout.skipped))
    return replace(builder.finish(meta, hashlib.sha256(data).hexdigest()), skipped=skipped)


def _continues(text: str) -> bool:
    first = text[0]
    return not first.isupper() and not first.isdigit() and first not in "-+•*–"


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
