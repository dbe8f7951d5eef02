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


def parse_markdown(path: Path, station: Station, data: bytes | None = None) -> Script:
    """Parse a Markdown script with YAML front matter."""
    data = read_source(path) if data is None else data
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScriptError("tệp không phải UTF-8; hãy lưu lại với mã hóa UTF-8", path=path, line=line) from None
    lines = source.splitlines()
    meta, body_start = _front_matter(path, lines, station)
    builder = ScriptBuilder(path, station)
    paragraph: list[str] = []
    para_line = 0
    in_comment = False

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            builder.paragraph(" ".join(paragraph), para_line)
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
        if not stripped:
            flush()
            continue
        heading = _HEADING.match(stripped)
        if heading:
            flush()
            title = _inline(heading.group(2) or "")
            if not title:
                raise ScriptError("dòng tiêu đề mục trống", path=path, line=line_no)
            builder.heading(title, line_no)
            continue
        if _DIRECTIVE.match(stripped):
            flush()
            builder.directive(stripped, line_no)
            continue
        deep = _DEEP_HEADING.match(stripped)
        if deep:
            flush()
            builder.paragraph(_inline(deep.group(1)), line_no)
            continue
        if _LIST_MARK.match(stripped) and paragraph:
            flush()  # each list entry is its own paragraph
        if not paragraph:
            para_line = line_no
        paragraph.append(_inline(_LIST_MARK.sub("", stripped.lstrip("> ").strip())))
    flush()
    if in_comment:
        raise ScriptError("chú thích <!-- chưa được đóng bằng -->", path=path, line=len(lines))
    return builder.finish(meta, hashlib.sha256(data).hexdigest())


def _inline(text: str) -> str:
    """Markdown inline markup removed: what is left is what is read."""
    text = _LINK.sub(r"\1", text)
    for _ in range(2):
        text = _EMPHASIS.sub(r"\2", text)
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


def _front_matter(path: Path, lines: list[str], station: Station) -> tuple[Meta, int]:
    if not lines or lines[0].strip() != "---":
        raise ScriptError(
            "thiếu phần khai báo đầu tệp (front matter): dòng đầu phải là '---', "
            "tiếp theo là 'title: ...', rồi một dòng '---'",
            path=path,
            line=1,
        )
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
        data = yaml.load("\n".join(lines[1:end]), Loader=_FrontMatterLoader) or {}
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
