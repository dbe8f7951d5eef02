"""The Markdown script format: YAML front matter, headings, paragraphs, @directives."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from bulletin.config import Station
from bulletin.errors import ScriptError
from bulletin.script.model import (
    FRONT_MATTER_KEYS,
    Meta,
    Script,
    ScriptBuilder,
    meta_from_dict,
    read_source,
)

_HEADING = re.compile(r"^(#{1,2})(?:\s+(.*?))?\s*#*\s*$")
_DEEP_HEADING = re.compile(r"^#{3,6}\s+(.*?)\s*#*\s*$")
_DIRECTIVE = re.compile(r"^@[A-Za-z]")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
# Backslash escapes (as in CommonMark): the character after the backslash is taken literally.
_ESCAPE = re.compile(r"\\([\\`*_\[\]#@>+\-.!()<])")
_MARKUP_CHARS = re.compile(r"[\\`*_\[\]]")
# What would start a heading, directive, list entry or quote if a paragraph began with it.
_LINE_START = re.compile(r"^(?:#|@|>|[-*+]\s|\d+[.)]\s)")


def parse_markdown(path: Path, station: Station, data: bytes | None = None) -> Script:
    """Parse a Markdown script: YAML front matter (or a first heading as its title), items, directives.

    Every mistake is collected: one run reports them all (:class:`~bulletin.errors.ScriptErrors`).
    """
    data = read_source(path) if data is None else data
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScriptError("tệp không phải UTF-8; hãy lưu lại với mã hóa UTF-8", path=path, line=line) from None
    lines = source.splitlines()
    builder = ScriptBuilder(path, station)
    meta: Meta | None = None
    try:
        meta, body_start = _front_matter(path, lines, station)
    except ScriptError as exc:
        builder.errors.append(exc)
        body_start = _body_start(lines)
    title_line = None
    if meta is None and not builder.errors:
        meta, title_line = _title_from_heading(path, lines, station, builder)
    paragraph: list[str] = []
    para_line = 0
    in_comment = False

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            builder.collect(builder.paragraph, " ".join(paragraph), para_line)
            paragraph = []

    for number in range(body_start, len(lines)):
        raw = lines[number]
        line_no = number + 1
        if in_comment:
            if "-->" in raw:
                in_comment = False
                raw = raw.split("-->", 1)[1]
            else:
                continue
        if "<!--" in raw:
            before, _, after = raw.partition("<!--")
            if "-->" in after:
                raw = before + after.split("-->", 1)[1]
            else:
                raw = before
                in_comment = True
        stripped = raw.strip()
        if not stripped or line_no == title_line:
            flush()
            continue
        heading = _HEADING.match(stripped)
        if heading:
            flush()
            title = _inline(heading.group(2) or "")
            if not title:
                builder.errors.append(ScriptError("dòng tiêu đề mục trống", path=path, line=line_no))
                continue
            builder.collect(builder.heading, title, line_no)
            continue
        if _DIRECTIVE.match(stripped):
            flush()
            builder.directive(stripped, line_no)
            continue
        deep = _DEEP_HEADING.match(stripped)
        if deep:
            flush()
            builder.collect(builder.paragraph, _inline(deep.group(1)), line_no)
            continue
        if _LIST_MARK.match(stripped) and paragraph:
            flush()  # each list entry is its own paragraph
        if not paragraph:
            para_line = line_no
        paragraph.append(_inline(_LIST_MARK.sub("", stripped.lstrip("> ").strip())))
    flush()
    if in_comment:
        builder.errors.append(ScriptError("chú thích <!-- chưa được đóng bằng -->", path=path, line=len(lines)))
    return builder.finish(meta, hashlib.sha256(data).hexdigest())


def _title_from_heading(path: Path, lines: list[str], station: Station, builder: ScriptBuilder) -> tuple[Meta | None, int | None]:
    """A script without front matter: the first heading is the title.

    A heading on the first line is the document's title and not an item when the
    items below use a lower level ("# Bản tin" over "## Tin 1") or there are none;
    otherwise it stays an item too. Returns the meta and the line consumed (if any).
    """
    headings = [(n + 1, m) for n, line in enumerate(lines) if (m := _HEADING.match(line.strip()))]
    headings = [(n, m) for n, m in headings if _inline(m.group(2) or "")]
    if not headings:
        builder.errors.append(ScriptError(
            "thiếu tiêu đề bản tin: thêm phần khai báo đầu tệp ('---', 'title: ...', '---') "
            "hoặc một dòng tiêu đề '# ...' ở đầu tệp",
            path=path, line=1,
        ))
        return None, None
    first_line, first = headings[0]
    title = _inline(first.group(2))
    first_content = next((n + 1 for n, line in enumerate(lines) if line.strip()), None)
    others = headings[1:]
    consumed = first_line == first_content and (
        not others or (len(first.group(1)) == 1 and all(len(m.group(1)) == 2 for _, m in others))
    )
    try:
        meta = meta_from_dict({"title": title}, path, station)
    except ScriptError as exc:
        builder.errors.append(exc)
        return None, None
    return meta, first_line if consumed else None


def _body_start(lines: list[str]) -> int:
    """Where the body starts when the front matter could not be read (after its closing line)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            return end + 1
    return len(lines)


def _inline(text: str) -> str:
    """Markdown inline markup removed: what is left is what is read. ``\\*`` is a literal ``*``."""
    escaped: list[str] = []

    def hide(m: re.Match) -> str:
        escaped.append(m.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    text = _ESCAPE.sub(hide, text)
    text = _LINK.sub(r"\1", text)
    for _ in range(2):
        text = _EMPHASIS.sub(r"\2", text)
    if escaped:
        text = re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], text)
    return text.strip()


MAX_FRONT_MATTER_LINES = 100
MAX_FRONT_MATTER_CHARS = 20_000


class _AliasRefused(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML for front matter: no aliases (an alias bomb of a few hundred bytes takes gigabytes), and
    dates left as text so that impossible ones (2024-02-30, hour 25) get ``parse_day``'s message."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark.line)
        return super().compose_node(parent, index)


def escape(text: str) -> str:
    """``text`` written so that :func:`parse_markdown` reads it back as the same paragraph."""
    text = _MARKUP_CHARS.sub(r"\\\g<0>", text)
    if _LINE_START.match(text):
        text = "\\" + text if not text[0].isdigit() else re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def _front_matter(path: Path, lines: list[str], station: Station) -> tuple[Meta | None, int]:
    """The front matter's values and the first line of the body; (None, 0) when the file has none."""
    if not lines or lines[0].strip() != "---":
        return None, 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise ScriptError("phần khai báo đầu tệp chưa được đóng bằng dòng '---'", path=path, line=1)
    if end - 1 > MAX_FRONT_MATTER_LINES or sum(len(x) for x in lines[1:end]) > MAX_FRONT_MATTER_CHARS:
        raise ScriptError(
            f"phần khai báo đầu tệp quá dài (tối đa {MAX_FRONT_MATTER_LINES} dòng, "
            f"{MAX_FRONT_MATTER_CHARS // 1000}.000 ký tự); chỉ cần các khóa {', '.join(FRONT_MATTER_KEYS)}",
            path=path, line=1,
        )
    try:
        # A tab after "title:" (typed in Notepad) is only a space here; YAML refuses it.
        data = yaml.load("\n".join(lines[1:end]).replace("\t", " "), Loader=_FrontMatterLoader) or {}
    except _AliasRefused as exc:
        raise ScriptError(
            "phần khai báo đầu tệp dùng bí danh YAML (*tên): không được phép; hãy viết thẳng giá trị",
            path=path, line=exc.line + 2,
        ) from None
    except RecursionError:
        raise ScriptError("phần khai báo đầu tệp lồng quá sâu", path=path, line=1) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise ScriptError(
            "phần khai báo đầu tệp sai cú pháp YAML: mỗi dòng phải là 'khóa: giá trị'; kiểm tra dấu hai chấm, "
            "dấu ngoặc và dấu nháy (giá trị có dấu ':' hoặc '#' nên đặt trong nháy kép)",
            path=path, line=line,
        ) from None
    if not isinstance(data, dict):
        raise ScriptError("phần khai báo đầu tệp phải là các dòng 'khóa: giá trị'", path=path, line=2)
    key_lines = _key_lines(lines[1:end])
    return meta_from_dict(data, path, station, key_lines), end + 1


def _key_lines(lines: list[str]) -> dict[str, int]:
    found = {}
    for offset, line in enumerate(lines):
        m = re.match(r"^([A-Za-z_]\w*)\s*:", line)
        if m:
            found.setdefault(m.group(1), offset + 2)
    return found
