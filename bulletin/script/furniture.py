"""What a news web page prints around an article but an announcer never reads.

Text pasted from a news site carries the page's furniture: the date and time
the article was posted ("15/07/2024 - 08:45 (GMT+7)"), a source tag in front
of the lead ("(QNO) - Sáng 15/7, …", "TTO - …"), bylines ("Bài và ảnh: MINH HẢI",
"Theo Báo Quảng Nam", "Minh Anh - TTVH huyện"), share bars and buttons
("Chia sẻ: Facebook, Zalo", "In bài", "Lượt xem: 1.234"), "Xem thêm: …" links and
"Tin liên quan" lists, photo captions ("Ảnh: …"), tags, the site's menu,
breadcrumbs and footer, and page numbers. A line is furniture by its text alone
(the tables of patterns below and in :mod:`bulletin.script.furniture_words`) or
by its text and where it stands: a name closes an article or sits by the
dateline; a section name heads the page; a copyright block ends it; a capitals
tag opens a lead. Each is left out with its line number and kind, like the
paperwork of an official document. Pure functions over (line number, text) pairs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache

from bulletin.script.furniture_words import (
    BUTTONS,
    CONTACT_LABELS,
    COUNTERS,
    FOOTER_OPENINGS,
    FOOTER_SIGNS,
    FOOTER_STARTS,
    LICENSING,
    MEDIA_WORDS,
    MENU,
    NAVIGATION,
    NOT_NAME_WORDS,
    NOT_SOURCE_TAGS,
    RELATED_HEADERS,
    SHARE_MARKS,
    SHARE_WORDS,
    TAG_HEADERS,
)

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
    "tags": "từ khóa, hashtag của bài",
    "widget": "nút bấm, bộ đếm của trang",
    "code": "mã lệnh của trang web",
    "menu": "chuyên mục, thanh điều hướng của trang",
    "footer": "chân trang (bản quyền, giấy phép, liên hệ)",
    "page": "số trang, dấu hết bài",
}

# A dateline is read token by token (no nested repetition in one pattern: a long line of numbers
# must not make the matcher backtrack for ever).
_DATE_TOKEN = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}")
_CLOCK = re.compile(r"\d{1,2}[:hg]\d{2}(?::\d{2})?")
_TIME_TOKEN = re.compile(r"\d{1,2}[:hg]\d{2}(?::\d{2})?|am|pm|sa|ch")
_DATELINE_LEAD = re.compile(r"^(?:(?:cập nhật|ngày đăng|đăng lúc|đăng|xuất bản)(?:\s+(?:lúc|ngày))?\s*:?\s*)?"
                            r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn|t[2-7])\s*[,\-–]?\s*)?")
_ZONE = re.compile(r"\(?\s*(?:gmt|utc)\s*[+\-]\s*\d{1,2}\s*\)?$")
_DATELINE_SPLIT = re.compile(r"[\s,|–—]+|\s-\s")
_AUTHOR_SPLIT = re.compile(r"\s*\|\s*|\s+[-–—]\s+")
_DOMAIN = r"[\w\-]+(?:\.[\w\-]+)*\.(?i:vn|com|net|org|info|gov\.vn|com\.vn)"

# Whole lines: (kind, pattern). Matched case-insensitively against the whole line, folded (see _key).
LINE_PATTERNS: tuple[tuple[str, str], ...] = (
    # "(QNO)", "(Baoquangnam.vn)" alone on a line
    ("source", rf"\(\s*(?:[A-ZĐ]{{2,10}}|{_DOMAIN})\s*\)\s*[-–—:]?"),
    # "Bài và ảnh: MINH HẢI", "Tin, ảnh: …", "(Nguồn: Báo Tuổi trẻ)", "Tác giả: …"
    ("byline", r"\(?\s*(?:bài|bài viết|bài và ảnh|bài, ảnh|bài\s*&\s*ảnh|bài\s*/\s*ảnh|bài và clip|tin|tin và ảnh|"
               r"tin, ảnh|tin\s*/\s*ảnh|tin, bài|nhóm phóng viên|nhóm pv|phóng viên|pv|ctv|tác giả|nguồn|"
               r"thực hiện|đồ họa|video|clip|ảnh và clip)\s*:\s*\S.{0,60}"),
    # "PV", "Nhóm PV", "PV - MINH HẢI", "Theo TTXVN" (see _by_source for "Theo …")
    ("byline", r"(?:pv|ctv|nhóm pv|pv\s*[-–/]\s*ctv|phóng viên|nhóm phóng viên)(?:\s*[-–:]\s*\S.{0,40})?\.?"),
    ("byline", rf"theo\s+{_DOMAIN}\.?"),
    # A role on its own line above the name: "Người viết", "Tác giả:"
    ("byline", r"(?:người viết|người viết bài|tác giả|người thực hiện|người đưa tin|người biên tập)\s*:?"),
    # "Theo dõi Báo Quảng Nam trên Google News" (a page's button: no full stop; a sentence asking
    # listeners to follow the station's page ends with one and is read)
    ("share", r"theo dõi\s.{1,60}\strên\s+(?:google news|zalo|facebook|youtube|tiktok)"),
    # "Xem thêm: …" with its link on the same line
    ("more", r"(?:xem thêm|đọc thêm|xem tiếp|xem chi tiết)\s*[:>»]\s*\S.*"),
    # "(Ảnh minh họa)", "Ảnh minh họa", "Ảnh: MINH HẢI", "Nguồn ảnh: …"
    ("caption", r"\(?\s*(?:ảnh|nguồn ảnh|hình)\s*(?:minh\s*họa|tư liệu)?\s*(?::\s*[^)]{1,80})?\s*\)?\.?"),
    # "Từ khóa: hiến máu, Bình Minh", "Tags: …", "#hienmau #BinhMinh"
    ("tags", r"(?:từ khóa|tags?|keywords?|thẻ)\s*:\s*\S.*"),
    ("tags", r"(?:#(?=\w*[^\W\d_])\w+[\s,;.]*)+"),
    # "3 giờ trước", "Cập nhật: 5 phút trước", "Vừa xong"
    ("dateline", r"(?:(?:cập nhật|đăng)\s*:?\s*)?(?:khoảng\s+)?\d{1,3}\s*(?:giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)"
                 r"\s+trước|vừa xong|vừa cập nhật"),
    # A media player's clock "00:00 / 03:25"; "Font size A- A+"; "Bài viết có hữu ích không?"
    ("widget", r"\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?"),
    ("widget", r"(?:font size|cỡ chữ|font chữ|kích thước chữ)\s*:?\s*(?:a\s*[-+]?\s*){0,4}|(?:a\s*[-+]\s*){1,4}"),
    ("widget", r"(?:bài viết|bài báo|thông tin|nội dung|tin)(?: này)? có hữu ích(?: (?:với|cho) bạn)? không\s*\??|"
               r"bạn (?:thấy|đánh giá) (?:bài viết|bài báo|nội dung|thông tin)(?: này)? (?:thế nào|như thế nào|ra sao)\s*\??"),
    # "Trang 1", "Trang 1/3", "- 1 -", a lone page number, "--- HẾT ---", "(Tiếp theo trang 2)", "(Còn nữa)"
    ("page", r"(?:trang|page)\s*\d{1,3}(?:\s*(?:/|trên|of)\s*\d{1,3})?"),
    ("page", r"[-–—]+\s*\d{1,3}\s*[-–—]+|\d{1,3}"),
    ("page", r"[-–—=*_.~\s]*\(?\s*hết(?: bài| trang| phần)?\s*\)?[-–—=*_.~\s]*"),
    ("page", r"\(?\s*(?:tiếp theo|xem tiếp|tiếp)\s+(?:ở\s+)?(?:trang|kỳ)\s+(?:\d{1,3}|sau|trước|tới)\s*\)?\.?"),
    ("page", r"\(\s*(?:còn nữa|còn tiếp|tiếp theo|kỳ\s+\d{1,2}|kỳ cuối)\s*\)\.?"),
    # "© 2025 Báo Quảng Nam", "Copyright …"
    ("footer", r"(?:\(c\)\s*(?:\d{4}|copyright)|.{0,200}(?<!\w)(?:©|copyright)(?!\w)).{0,200}"),
)

# A source tag at the start of the lead: "(QNO) - …", "(Dân trí) - …", "HÀ NỘI, 15/3 (TTXVN) - …",
# "Baoquangnam.vn - …", "TTO - …" (checked further in _source_tag).
_PAREN_TAG = re.compile(
    r"^(?:(?P<place>[^\W\d_][^,()\d\-–—]{0,30}?)\s*(?:,\s*(?P<date>\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?)\s*)?)?"
    r"\(\s*(?P<paren>[^()]{2,30}?)\s*\)\s*(?:(?P<dash>[-–—:])\s*)?(?=\S)")
_DOMAIN_TAG = re.compile(rf"^{_DOMAIN}\s*[-–—:]\s*(?=\S)")
_BARE_TAG = re.compile(r"^(?P<bare>[^\W\d_][\w.]{1,14})\s+[-–—]\s+(?=\S)")
_ABBREVIATION = re.compile(rf"[^\W\d_][\w.&\-]{{1,11}}|{_DOMAIN}")
# A caption ends a line: "Lãnh đạo huyện trao quà. Ảnh: MINH HẢI", "… (Ảnh: TTXVN)", "… (Ảnh minh họa)".
CAPTION_END = re.compile(r"(?:[.!]\s+|\s[-–]\s)Ảnh\s*:\s*[^\s.][^.]{0,50}$|"
                         r"\(\s*(?:ảnh|nguồn ảnh)\s*(?:minh\s*họa|:[^)]{1,60})\s*\)\.?$", re.IGNORECASE)

# A credit after a name: "(t/h)", "(tổng hợp)", "(Theo VTV)", "(TTXVN)".
_CREDIT = re.compile(r"\(\s*(?:(?i:t/h|t\.h|th|tổng hợp|lược dịch|biên dịch|dịch|sưu tầm|st)|"
                     r"(?i:tổng hợp từ|tổng hợp theo|theo|nguồn\s*:?)\s+[^()]{1,40}|[A-ZĐ][A-ZĐ.&\-]{1,11})\s*\)$")
_ROLE = re.compile(r"(?i:pv|ctv|btv|nhóm pv|nhóm ctv|nhóm phóng viên|phóng viên|cộng tác viên|pv\s*[-–/]\s*ctv)")
_ROLE_UNITS = frozenset(("PV", "CTV", "BTV", "TTV", "PTV"))
_UNIT_WORDS = ("đài", "trung tâm", "báo", "tạp chí", "phòng", "ban", "hội", "đoàn", "truyền thanh", "cổng",
               "văn phòng", "ubnd", "thông tấn")
_NAME_PARTS = re.compile(r"\s+[-–—/]\s+|\s*,\s*|\s+(?:và|&)\s+")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[IVXLC]{1,6})\s*[.)\-–:]\s+\S")

_COMPILED = tuple((kind, re.compile(rf"^(?:{pattern})$", re.IGNORECASE)) for kind, pattern in LINE_PATTERNS)
_HEADER = re.compile(rf"^(?:{'|'.join(re.escape(h) for h in RELATED_HEADERS)})\s*[:>»]?$", re.IGNORECASE)
_TAG_HEADER = re.compile(rf"^(?:{'|'.join(re.escape(h) for h in TAG_HEADERS)})\s*:?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…;:][\"”’»)]*$")
_SHARE_SPLIT = re.compile(r"[\s,|·•/:;()]+")
_SEGMENTS = re.compile(r"\s*[|·•]\s*|\s+/\s+")
_COUNT = r"\s*[:(]?\s*\d[\d.,]*\s*[kmn]?\s*\)?"
_CRUMBS = re.compile(r"\s*[»›>]\s*")
_CRUMBS_WEAK = re.compile(r"\s+[/|]\s+")
_FOOTER_SIGN = re.compile("|".join(rf"(?<!\w){re.escape(sign)}(?!\w)" for sign in FOOTER_SIGNS))
_CONTACT = re.compile(rf"^\(?(?:{'|'.join(re.escape(c) for c in CONTACT_LABELS)})\s*:")
_CODE_MARKS = tuple(re.compile(p) for p in (
    r"[{}]", r"\bfunction\s*[\w$]*\s*\(", r"=>", r"\|\||&&", r"\b(?:var|let|const)\s+[\w$]+\s*=",
    r"\b(?:window|document|googletag|adsbygoogle|jQuery|console|dataLayer)\s*\.", r"\$\(", r"</?(?:script|div|span|iframe|style)\b",
    r"[\w$]\.[\w$]+\s*\([^()]*\)\s*;", r";\s*$",
))
_MAX_LINKS = 15
_MAX_TAGS = 10
_MAX_FURNITURE = 300  # characters: no furniture line is longer
_TOP_ZONE = 8  # the lines under a page's title its dateline and author stand in
_FOOTER_ZONE = 30  # the last lines a site's footer stands in
_NEW_STYLE = re.compile(r"o[áàảãạéèẻẽẹ](?![^\W\d_])|(?<!q)u[ýỳỷỹỵ](?![^\W\d_])")


@dataclass(frozen=True)
class Furniture:
    """The furniture found: skipped lines (number, text, kind), and lines whose tag was cut off."""

    skipped: tuple[tuple[int, str, str], ...] = ()
    trimmed: dict[int, tuple[str, str]] = field(default_factory=dict)  # number -> (rest of the line, tag cut)


def _old_style(match: re.Match) -> str:
    first, second = match.group()[0], unicodedata.normalize("NFD", match.group()[1])
    return unicodedata.normalize("NFC", first + second[1:]) + second[0]


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """A line folded for the tables: NFC, lowercase, single spaces, "hoá" as "hóa", "thuỷ" as "thủy"."""
    folded = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return _NEW_STYLE.sub(_old_style, folded)


def line_kind(text: str) -> str | None:
    """The kind of furniture a whole line is by its text alone, or None for a line that is read."""
    text = text.strip()
    if len(text) > _MAX_FURNITURE:
        return None  # furniture is short; a long line is the article
    key = _key(text)
    for kind, pattern in _COMPILED:
        if pattern.match(key):
            return kind
    for kind, test in _TESTS:
        if test(text):
            return kind
    return None


def _dateline(text: str) -> bool:
    """"15/07/2024 - 08:45 (GMT+7)", "Thứ bảy, ngày 15/03/2025 - 15:30", "Minh Anh | 15/03/2025 08:30"."""
    if len(text) > 120 or len(text.split()) > 14 or not any(c.isdigit() for c in text):
        return False
    if _only_date(text):
        return True
    parts = _AUTHOR_SPLIT.split(text, maxsplit=1)  # an author in front: "Minh Anh | 15/03/2025 08:30"
    return len(parts) == 2 and _byline(parts[0]) and _only_date(parts[1])


def _only_date(text: str) -> bool:
    key = _key(text).strip().rstrip(".|").strip()
    rest = _DATELINE_LEAD.sub("", key, count=1)
    led = rest != key
    rest = _ZONE.sub("", rest).strip(" -–,|")
    tokens = [t for t in _DATELINE_SPLIT.split(rest) if t and t != "-"]
    # "ngày", "lúc" between the parts of a posting time ("Thứ bảy, ngày 15/03/2025 - 15:30"); a line
    # "Ngày 15/3/2025" alone may be the bulletin's own date, read with it.
    if led or any(_CLOCK.fullmatch(t) for t in tokens):
        tokens = [t for t in tokens if t not in ("ngày", "lúc")]
    return 0 < len(tokens) <= 6 and all(_DATE_TOKEN.fullmatch(t) or _TIME_TOKEN.fullmatch(t) for t in tokens) \
        and any(ch.isdigit() for ch in rest)


def _by_source(text: str) -> bool:
    """"Theo Báo Quảng Nam", "Theo TTXVN": "Theo" and a name (capitalised words, no digits, no comma)."""
    words = text.rstrip(".").split()
    if len(words) < 2 or len(words) > 7 or words[0] != "Theo":
        return False
    return all(w[0].isupper() for w in words[1:]) and not any(c.isdigit() or c in ",;:" for c in text)


def _closing_source(text: str) -> bool:
    """"Theo Sức khỏe & Đời sống", "Theo báo Tuổi trẻ": a source named alone under the article."""
    words = text.split()
    if not 2 <= len(words) <= 8 or words[0] != "Theo" or _SENTENCE_END.search(text):
        return False
    rest = " ".join(words[1:])
    return not any(c.isdigit() or c in ",;:" for c in text) and (rest[0].isupper() or _key(rest).startswith(MEDIA_WORDS))


def _share_bar(text: str) -> bool:
    words = [w for w in _SHARE_SPLIT.split(text.casefold()) if w and not w.isdigit()]
    return 0 < len(words) <= 20 and all(w in SHARE_WORDS for w in words) and any(w in SHARE_MARKS for w in words)


def _widgets(text: str) -> bool:
    """"In bài", "Bình luận (3)", "Lượt xem: 1.234", "In bài | Gửi bài viết | Copy link"."""
    if len(text) > 150 or len(text.split()) > 24:
        return False
    segments = [s for s in _SEGMENTS.split(_key(text)) if s]
    return 0 < len(segments) <= 12 and all(_widget(s) or _phrases(s, BUTTONS) for s in segments)


def _widget(segment: str) -> bool:
    if segment in BUTTONS:
        return True
    match = re.fullmatch(rf"(.+?){_COUNT}|\d[\d.,]*\s*[kmn]?\s+(.+)", segment)
    return match is not None and (match.group(1) or match.group(2)) in COUNTERS


def _phrases(words: str, table: Collection[str]) -> int | None:
    """How many phrases of the table a run of words is made of, longest first, or None if it is not."""
    words = words.split()
    count, start = 0, 0
    while start < len(words):
        for end in range(min(len(words), start + 6), start, -1):
            if " ".join(words[start:end]) in table:
                count, start = count + 1, end
                break
        else:
            return None
    return count


def _menu(text: str) -> bool:
    """A breadcrumb ("Trang chủ » Xã hội » Y tế") or a line of a site's menu ("Thời sự | Kinh tế | Xã hội")."""
    if len(text) > 200:
        return False
    key = _key(text)
    return key in NAVIGATION or _breadcrumb(text, key) or _menu_line(key)


def _breadcrumb(text: str, key: str) -> bool:
    strong = len(_CRUMBS.split(text)) >= 2
    crumbs = _CRUMBS.split(text) if strong else _CRUMBS_WEAK.split(text)
    if len(crumbs) < 2 or len(crumbs) > 8:
        return False
    if not all(_is_crumb(c) for c in crumbs):
        return False
    keys = [_key(c) for c in crumbs]
    # "A / B" is a heading as often as a path: a path starts at the home page or walks the menu.
    return strong or keys[0] in NAVIGATION or all(k in MENU for k in keys)


def _is_crumb(crumb: str) -> bool:
    crumb = crumb.strip()
    return 0 < len(crumb) <= 40 and crumb[0].isupper() and len(crumb.split()) <= 6 \
        and not any(c.isdigit() or c in "«»“”\"':;,.!?" for c in crumb)


def _menu_line(key: str) -> bool:
    """A line wholly made of menu entries: three or more, or two set apart by "|", "•"."""
    segments = [s for s in _SEGMENTS.split(key) if s]
    count = 0
    for segment in segments:
        found = _menu_phrases(segment)
        if found is None:
            return False
        count += found
    return count >= 3 or (count >= 2 and len(segments) >= 2)


def _menu_phrases(segment: str) -> int | None:
    """How many menu entries a run of words is made of, or None if it is not.

    Entries joined by a dash are one ("Văn hóa - Thể thao - Du lịch" is a heading, not a menu).
    """
    parts = re.split(r"\s+[-–—]\s+", segment)
    counts = [_phrases(part, MENU) for part in parts]
    return None if None in counts else sum(counts) - len(parts) + 1


def _code(text: str) -> bool:
    """A line of a page's JavaScript or CSS: two signs of code at least."""
    return any(c in text for c in "{}=;$<") and sum(1 for mark in _CODE_MARKS if mark.search(text)) >= 2


def _caption(text: str) -> bool:
    return len(text) <= 300 and CAPTION_END.search(text) is not None


_TESTS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("dateline", _dateline), ("byline", _by_source), ("share", _share_bar), ("widget", _widgets),
    ("menu", _menu), ("code", _code), ("caption", _caption), ("byline", lambda text: _byline(text, strong=True)),
)


def _is_name(part: str) -> bool:
    """"Văn Hùng", "Nguyễn Văn A", "MINH HẢI": one to four capitalised words, no other word."""
    words = part.split()
    return 1 <= len(words) <= 4 and all(
        w[0].isupper() and w.isalpha() and (len(w) == 1 or w[1:].islower() or w.isupper()) for w in words
    ) and not any(w.casefold() in NOT_NAME_WORDS for w in words)


def _is_unit(part: str) -> bool:
    """"TTVH huyện", "CTV", "Đài Truyền thanh xã": the unit after a name."""
    words = part.split()
    if not 1 <= len(words) <= 6 or any(c.isdigit() for c in part):
        return False
    first = words[0]
    letters = re.sub(r"[.&/\-]", "", first)
    return (2 <= len(letters) <= 12 and first.isupper() and letters.isalpha()) or _key(part).startswith(_UNIT_WORDS)


def _byline(text: str, strong: bool = False) -> bool:
    """A line that only names the writers: "Văn Hùng", "Minh Anh - TTVH huyện", "Hoàng Long (t/h)".

    ``strong`` asks for a line that says so itself, with a credit or a role ("(t/h)", "- CTV",
    "PV (tổng hợp)"), and may stand anywhere; a bare name is a byline only where bylines stand.
    """
    text = text.strip()
    if not text or len(text) > 80 or _SENTENCE_END.search(text) or any(c.isdigit() for c in text):
        return False
    marked = False
    credit = _CREDIT.search(text)
    if credit is not None:
        text, marked = text[:credit.start()].rstrip(" -–—,"), True
    parts = [p for p in _NAME_PARTS.split(text) if p]
    if len(parts) > 1 and _is_unit(parts[-1]):
        unit = parts.pop()
        marked = marked or unit.split()[0] in _ROLE_UNITS
    if not parts or len(parts) > 3:
        return False
    roles = [bool(_ROLE.fullmatch(p)) for p in parts]
    if not all(role or _is_name(p) for role, p in zip(roles, parts)):
        return False
    return marked or any(roles) or not strong


def _is_capitals_name(text: str) -> bool:
    """"MINH HẢI", "MINH HẢI - VĂN TÚ": a signature in capitals under the article."""
    letters = [c for c in text if c.isalpha()]
    words = text.replace("-", " ").replace("–", " ").split()
    return (bool(letters) and all(c.isupper() for c in letters) and 1 <= len(words) <= 8
            and not any(c.isdigit() for c in text) and not _SENTENCE_END.search(text) and not _NUMBERED.match(text)
            and not any(w.casefold() in NOT_NAME_WORDS for w in words))


def _source_tag(text: str, lead: bool) -> re.Match | None:
    """The news site's tag in front of a line, if it has one; capitals alone ("TTO - ") only on a lead."""
    text = text[:_MAX_FURNITURE]
    match = _PAREN_TAG.match(text)
    if match is not None and _paren_tag(match, lead):
        return match
    match = _DOMAIN_TAG.match(text)  # "Baoquangnam.vn - …"
    if match is not None:
        return match
    match = _BARE_TAG.match(text)
    if match is None or not lead:
        return None
    # "TTO - ", "NDĐT - ", "VOV.VN - " in front of a lead that starts a sentence; not "ASEAN - Nhật Bản …"
    name = re.sub(r"\.(?i:vn|com|com\.vn|net)$", "", match.group("bare"))
    after = text[match.end()]
    ok = name.isupper() and name.isalpha() and 2 <= len(name) <= 8 and name not in NOT_SOURCE_TAGS \
        and (after.isupper() or after.isdigit())
    return match if ok else None


def _paren_tag(match: re.Match, lead: bool) -> bool:
    """Whether a bracketed name in front of a line is a news site's or agency's tag."""
    paren = match.group("paren")
    abbreviation = _ABBREVIATION.fullmatch(paren) is not None and (paren.isupper() or "." in paren)
    place = match.group("place")
    if place is not None:
        # "HÀ NỘI, 15/3 (TTXVN) - ": an agency's tag after the place, and the date or capitals or the lead.
        capitals = place.isupper()
        return bool(abbreviation and match.group("dash") and _is_place(place)
                    and (match.group("date") or capitals or lead))
    if abbreviation:
        return True  # "(QNO) - …", "(QNO) …", "(VOV.VN) - …"
    words = paren.split()
    # "(Dân trí) - …", "(Tổ Quốc) - …": a name in brackets, then a dash.
    named = len(words) <= 4 and paren[0].isupper() and not any(c.isdigit() for c in paren)
    return named and match.group("dash") in ("-", "–", "—")


def _is_place(place: str) -> bool:
    """"HÀ NỘI", "Hà Nội", "TP.HCM": capitalised words before an agency's tag."""
    words = place.split()
    return 1 <= len(words) <= 5 and all(w[0].isupper() for w in words)


def find_furniture(lines: list[Line], *, headings: Collection[int] = ()) -> Furniture:
    """The page furniture among a document's non-empty lines, in order.

    ``headings`` are the numbers of lines that start items: a name just above one closes the
    item before it, as a name at the end closes the article.
    """
    texts = [text.strip() for _, text in lines]
    kinds: list[str | None] = [None] * len(lines)
    _mark_lines(texts, kinds)
    _mark_menus(texts, kinds)
    _mark_footer(texts, kinds)
    _mark_top(texts, kinds)
    where = {number: index for index, (number, _) in enumerate(lines)}
    starts = sorted({0} | {where[h] for h in headings if h in where})
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        _mark_closing(texts, kinds, start, end)
    trimmed: dict[int, tuple[str, str]] = {}
    body = [i for i, kind in enumerate(kinds) if kind is None]
    for position, index in enumerate(body):
        previous = body[position - 1] if position else None
        lead = previous is None or position == 1 or not _SENTENCE_END.search(texts[previous])
        tag = _source_tag(texts[index], lead)
        if tag is not None:
            trimmed[lines[index][0]] = (texts[index][tag.end():], tag.group().strip())
    skipped = tuple((lines[i][0], lines[i][1], kind) for i, kind in enumerate(kinds) if kind is not None)
    return Furniture(tuple(sorted(skipped)), trimmed)


def _mark_lines(texts: list[str], kinds: list[str | None]) -> None:
    """Lines that are furniture by their text, and the link titles under "Tin liên quan", "Từ khóa"."""
    index = 0
    while index < len(texts):
        text = texts[index]
        header = "related" if _HEADER.match(_key(text)) else "tags" if _TAG_HEADER.match(_key(text)) else None
        if header is not None:
            # The header and the lines under it that are not sentences nor furniture of their own.
            kinds[index] = header
            index += 1
            taken, most = 0, _MAX_LINKS if header == "related" else _MAX_TAGS
            while index < len(texts) and taken < most:
                following = texts[index]
                if (_SENTENCE_END.search(following) or len(following) > (200 if header == "related" else 60)
                        or _HEADER.match(_key(following)) or line_kind(following) is not None):
                    break
                kinds[index] = header
                index += 1
                taken += 1
            continue
        kinds[index] = line_kind(text)
        index += 1


def _mark_menus(texts: list[str], kinds: list[str | None]) -> None:
    """Section names in a row (three or more, as a site's menu pasted line by line)."""
    run: list[int] = []
    entries = 0
    for index in range(len(texts) + 1):
        entry = index < len(texts) and kinds[index] is None and _key(texts[index]) in MENU
        beside = index < len(texts) and kinds[index] is not None
        if entry or beside:
            run.append(index)
            entries += entry or kinds[index] == "menu"
            continue
        if entries >= 3:
            for i in run:
                kinds[i] = kinds[i] or "menu"
        run, entries = [], 0


def _footer_sign(text: str, key: str) -> bool:
    """"© …", "Bản quyền thuộc về …", "Giấy phép số 123/GP-BTTTT …": a line only a site's footer has."""
    if _FOOTER_SIGN.search(key):
        return True
    opening = key.lstrip("(")
    return opening.startswith(FOOTER_OPENINGS) or (opening.startswith(FOOTER_STARTS) and (
        not _SENTENCE_END.search(text) or any(w in key for w in LICENSING)))


def _mark_footer(texts: list[str], kinds: list[str | None]) -> None:
    """A site's footer: a trailing block with a copyright, licence or editor line in it."""
    start = None
    unknown = 0
    index = len(texts) - 1
    while index >= max(0, len(texts) - _FOOTER_ZONE):
        text, key = texts[index], _key(texts[index])
        if _footer_sign(text, key):
            start, unknown = index, 0
        elif kinds[index] is not None or _CONTACT.match(key):
            unknown = 0
        elif len(text) <= 120 and not _SENTENCE_END.search(text) and unknown < 3:
            unknown += 1
        else:
            break
        index -= 1
    if start is None:
        return
    # Contact lines and the site's name just above the first sign belong to the footer.
    unknown = 0
    while start > 0:
        text, key = texts[start - 1], _key(texts[start - 1])
        if _CONTACT.match(key) or kinds[start - 1] in ("footer", "menu", "widget", "share"):
            start -= 1
        elif (kinds[start - 1] is None and len(text) <= 80 and not _SENTENCE_END.search(text) and unknown < 2
              and not _byline(text) and not _is_capitals_name(text) and not _closing_source(text)):
            start, unknown = start - 1, unknown + 1
        else:
            break
    for i in range(start, len(texts)):
        kinds[i] = kinds[i] or "footer"


_MASTHEAD = re.compile(r"^(?:báo|báo điện tử|cổng thông tin|cổng thông tin điện tử|trang thông tin điện tử|tạp chí|"
                       r"đài phát thanh|đài truyền hình|đài phát thanh và truyền hình|thông tấn xã)\b"
                       r"(?!.*[.!?:;]$)|^[\w.-]+\.(?:vn|com|net|org)$", re.IGNORECASE)


def _mark_top(texts: list[str], kinds: list[str | None]) -> None:
    """At the top of a page: the section label above the title, the author by the dateline."""
    body = [i for i, kind in enumerate(kinds) if kind is None]
    if not body:
        return
    first = body[0]
    near = range(first + 1, min(len(texts), first + 5))
    if (_MASTHEAD.match(texts[first]) and len(body) > 1 and len(texts[first].split()) <= 10
            and any(kinds[i] in ("dateline", "menu") for i in range(first + 1, min(len(texts), first + 12)))):
        # "BÁO ĐIỆN TỬ TỈNH …", "Cổng thông tin điện tử huyện …": the site's name over its menu
        kinds[first] = "menu"
        body = body[1:]
        first = body[0]
        near = range(first + 1, min(len(texts), first + 5))
    if (_key(texts[first]) in MENU and len(body) > 1 and not _NUMBERED.match(texts[body[1]])
            and any(kinds[i] == "dateline" or (kinds[i] is None and _source_tag(texts[i], lead=True)) for i in near)):
        kinds[first] = "menu"
        first = body[1]
    for index in range(first + 1, min(len(texts), first + _TOP_ZONE)):
        if kinds[index] is None and kinds[index - 1] == "dateline" and _byline(texts[index]):
            kinds[index] = "byline"


def _mark_closing(texts: list[str], kinds: list[str | None], start: int, end: int) -> None:
    """The writers' names and a source closing an article or item (its last lines read, before ``end``).

    Above a heading inside the document a line in capitals is more likely a section heading than a
    signature: there only a name in ordinary case, or one that says it is a byline, is taken.
    """
    for _ in range(2):  # "Minh Anh" over "Theo Sức khỏe & Đời sống"
        body = [i for i in range(start, end) if kinds[i] is None]
        if len(body) < 3:  # the title or heading, one line at least, and the name
            return
        last = texts[body[-1]]
        if end == len(texts):
            closing = _byline(last) or _is_capitals_name(last) or _closing_source(last)
        else:
            closing = _byline(last, strong=True) or (_byline(last) and not last.isupper()) or _closing_source(last)
        if not closing:
            return
        kinds[body[-1]] = "byline"
