"""What a news web page prints around an article but an announcer never reads.

Text pasted from a news site carries the page's furniture: the date and time
the article was posted ("15/07/2024 - 08:45 (GMT+7)"), a source tag in front
of the lead ("(QNO) - Sáng 15/7, …"), bylines ("Bài và ảnh: MINH HẢI",
"Theo Báo Quảng Nam", "PV"), share bars ("Chia sẻ: Facebook, Zalo,
Twitter"), "Xem thêm: …" links and "Tin liên quan" lists, photo captions
("Ảnh: …", "(Ảnh minh họa)"). They are recognised by the tables of patterns
below (whole lines, or a tag at the start of a line) and left out, each with
its line number, like the paperwork of an official document. Pure functions
over (line number, text) pairs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

Line = tuple[int, str]  # (line or paragraph number, display text)

# Kinds of furniture and how `check` names them.
KINDS = {
    "dateline": "ngày giờ đăng bài",
    "source": "nguồn tin",
    "byline": "tác giả, nguồn bài",
    "share": "thanh chia sẻ",
    "more": "liên kết “Xem thêm”",
    "related": "danh sách tin liên quan",
    "caption": "chú thích ảnh",
}

# A dateline is read token by token (no nested repetition in one pattern: a long line of numbers
# must not make the matcher backtrack for ever).
_DATE_TOKEN = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}")
_TIME_TOKEN = re.compile(r"\d{1,2}[:hg]\d{2}(?::\d{2})?|am|pm|sa|ch")
_DATELINE_LEAD = re.compile(r"^(?:(?:cập nhật|ngày đăng|đăng lúc|đăng|xuất bản)(?:\s+(?:lúc|ngày))?\s*:?\s*)?"
                            r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn|t[2-7])\s*[,\-–]?\s*)?")
_ZONE = re.compile(r"\(?\s*(?:gmt|utc)\s*[+\-]\s*\d{1,2}\s*\)?$")
_DATELINE_SPLIT = re.compile(r"[\s,|–—]+|\s-\s")
_DOMAIN = r"[\w\-]+(?:\.[\w\-]+)*\.(?:vn|com|net|org|info|gov\.vn|com\.vn)"

# Whole lines: (kind, pattern). Matched case-insensitively against the whole line.
LINE_PATTERNS: tuple[tuple[str, str], ...] = (
    # "(QNO)", "(Baoquangnam.vn)" alone on a line
    ("source", rf"\(\s*(?:[A-ZĐ]{{2,10}}|{_DOMAIN})\s*\)\s*[-–—:]?"),
    # "Bài và ảnh: MINH HẢI", "Tin, ảnh: …", "Nguồn: …", "Tác giả: …"
    ("byline", r"(?:bài|bài viết|bài và ảnh|bài, ảnh|bài\s*&\s*ảnh|bài\s*/\s*ảnh|bài và clip|tin|tin và ảnh|"
               r"tin, ảnh|tin\s*/\s*ảnh|tin, bài|nhóm phóng viên|nhóm pv|phóng viên|pv|ctv|tác giả|nguồn|"
               r"thực hiện|đồ họa|video|clip|ảnh và clip)\s*:\s*\S.{0,60}"),
    # "PV", "Nhóm PV", "PV - MINH HẢI", "Theo TTXVN" (see _by_source for "Theo …")
    ("byline", r"(?:pv|ctv|nhóm pv|pv\s*[-–/]\s*ctv|phóng viên|nhóm phóng viên)(?:\s*[-–:]\s*\S.{0,40})?\.?"),
    ("byline", rf"theo\s+{_DOMAIN}\.?"),
    # "Theo dõi Báo Quảng Nam trên Google News" (a page's button: no full stop; a sentence asking
    # listeners to follow the station's page ends with one and is read)
    ("share", r"theo dõi\s.{1,60}\strên\s+(?:google news|zalo|facebook|youtube|tiktok)"),
    # "Xem thêm: …" with its link on the same line
    ("more", r"(?:xem thêm|đọc thêm|xem tiếp|xem chi tiết)\s*[:>»]\s*\S.*"),
    # "(Ảnh minh họa)", "Ảnh minh họa", "Ảnh: MINH HẢI", "Nguồn ảnh: …"
    ("caption", r"\(?\s*(?:ảnh|nguồn ảnh|hình)\s*(?:minh\s*họa|tư liệu)?\s*(?::\s*[^)]{1,80})?\s*\)?\.?"),
)

# The header of a list of links: the header and the link titles under it are skipped.
RELATED_HEADERS = (
    "tin liên quan", "bài liên quan", "bài viết liên quan", "tin tức liên quan", "tin cùng chuyên mục",
    "tin khác", "các tin khác", "tin mới", "tin mới nhất", "tin nổi bật", "tin đọc nhiều", "đọc nhiều",
    "có thể bạn quan tâm", "xem thêm", "đọc thêm", "bài cùng chuyên mục", "tin bài liên quan",
)

# A share bar is made of these words only (and at least one of SHARE_MARKS).
SHARE_WORDS = frozenset(
    "chia sẻ share facebook zalo twitter x email e-mail in bài bình luận copy link sao chép liên kết lưu tweet "
    "thích like gửi telegram linkedin messenger google news cỡ chữ a a- a+ + - tin nhắn bookmark print".split()
)
SHARE_MARKS = frozenset("chia share facebook zalo twitter tweet telegram messenger linkedin".split())

# A source tag at the start of the lead: "(QNO) - Sáng 15/7, …", "(Baoquangnam.vn) - …", "Baoquangnam.vn - …"
SOURCE_PREFIX = re.compile(rf"^(?:\(\s*(?:[A-ZĐ]{{2,10}}|{_DOMAIN})\s*\)|{_DOMAIN})\s*[-–—:]\s*(?=\S)|"
                           rf"^\(\s*(?:[A-ZĐ]{{2,10}}|{_DOMAIN})\s*\)\s+(?=\S)")
# A caption ends a line: "Lãnh đạo huyện trao quà. Ảnh: MINH HẢI", "… (Ảnh: TTXVN)", "… (Ảnh minh họa)".
CAPTION_END = re.compile(r"(?:[.!]\s+|\s[-–]\s)Ảnh\s*:\s*[^\s.][^.]{0,50}$|"
                         r"\(\s*(?:ảnh|nguồn ảnh)\s*(?:minh\s*họa|:[^)]{1,60})\s*\)\.?$", re.IGNORECASE)

_COMPILED = tuple((kind, re.compile(rf"^(?:{pattern})$", re.IGNORECASE)) for kind, pattern in LINE_PATTERNS)
_HEADER = re.compile(rf"^(?:{'|'.join(re.escape(h) for h in RELATED_HEADERS)})\s*[:>»]?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…;:][\"”’»)]*$")
_SHARE_SPLIT = re.compile(r"[\s,|·•/:;()]+")
_MAX_LINKS = 15
_MAX_FURNITURE = 300  # characters: no furniture line is longer


@dataclass(frozen=True)
class Furniture:
    """The furniture found: skipped lines (number, text, kind), and lines whose tag was cut off."""

    skipped: tuple[tuple[int, str, str], ...] = ()
    trimmed: dict[int, tuple[str, str]] = field(default_factory=dict)  # number -> (rest of the line, tag cut)


def line_kind(text: str) -> str | None:
    """The kind of furniture a whole line is, or None for a line that is read."""
    text = text.strip()
    if len(text) > _MAX_FURNITURE:
        return None  # furniture is short; a long line is the article
    for kind, pattern in _COMPILED:
        if pattern.match(text):
            return kind
    for kind, test in _TESTS:
        if test(text):
            return kind
    return None


def _dateline(text: str) -> bool:
    """"15/07/2024 - 08:45 (GMT+7)", "Thứ Hai, 15/7/2024 08:45", "Cập nhật: 08:45 15/07/2024"."""
    if len(text) > 120:
        return False
    rest = text.casefold().strip().rstrip(".|").strip()
    rest = _DATELINE_LEAD.sub("", rest, count=1)
    rest = _ZONE.sub("", rest).strip(" -–,|")
    tokens = [t for t in _DATELINE_SPLIT.split(rest) if t and t != "-"]
    return 0 < len(tokens) <= 6 and all(_DATE_TOKEN.fullmatch(t) or _TIME_TOKEN.fullmatch(t) for t in tokens) \
        and any(ch.isdigit() for ch in rest)


def _by_source(text: str) -> bool:
    """"Theo Báo Quảng Nam", "Theo TTXVN": "Theo" and a name (capitalised words, no digits, no comma)."""
    words = text.rstrip(".").split()
    if len(words) < 2 or len(words) > 7 or words[0] != "Theo":
        return False
    return all(w[0].isupper() for w in words[1:]) and not any(c.isdigit() or c in ",;:" for c in text)


def _share_bar(text: str) -> bool:
    words = [w for w in _SHARE_SPLIT.split(text.casefold()) if w and not w.isdigit()]
    return 0 < len(words) <= 20 and all(w in SHARE_WORDS for w in words) and any(w in SHARE_MARKS for w in words)


def _caption(text: str) -> bool:
    return len(text) <= 300 and CAPTION_END.search(text) is not None


_TESTS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("dateline", _dateline), ("byline", _by_source), ("share", _share_bar), ("caption", _caption),
)


def _is_capitals_name(text: str) -> bool:
    """"MINH HẢI", "MINH HẢI - VĂN TÚ": a signature in capitals under the article."""
    letters = [c for c in text if c.isalpha()]
    words = text.replace("-", " ").replace("–", " ").split()
    return (bool(letters) and all(c.isupper() for c in letters) and 1 <= len(words) <= 8
            and not any(c.isdigit() for c in text) and not _SENTENCE_END.search(text))


def find_furniture(lines: list[Line]) -> Furniture:
    """The page furniture among a document's non-empty lines, in order."""
    skipped: list[tuple[int, str, str]] = []
    trimmed: dict[int, tuple[str, str]] = {}
    index = 0
    last_body = -1
    while index < len(lines):
        number, text = lines[index]
        stripped = text.strip()
        if _HEADER.match(stripped):
            # "Tin liên quan" and the link titles under it (lines that are not sentences).
            kind = "related"
            skipped.append((number, text, kind))
            index += 1
            taken = 0
            while index < len(lines) and taken < _MAX_LINKS:
                following = lines[index][1].strip()
                if _SENTENCE_END.search(following) or len(following) > 200 or _HEADER.match(following):
                    break
                skipped.append((lines[index][0], lines[index][1], kind))
                index += 1
                taken += 1
            continue
        kind = line_kind(stripped)
        if kind is not None:
            skipped.append((number, text, kind))
        else:
            tag = SOURCE_PREFIX.match(stripped[:_MAX_FURNITURE])
            if tag is not None:
                trimmed[number] = (stripped[tag.end():], tag.group().strip())
            last_body = index
        index += 1
    # A name in capitals closing the article (in its last lines) is the author's signature.
    if 0 < last_body and last_body >= len(lines) - 3 and _is_capitals_name(lines[last_body][1].strip()):
        skipped.append((*lines[last_body], "byline"))
    return Furniture(tuple(sorted(skipped)), trimmed)
