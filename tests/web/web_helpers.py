"""What the studio tests write: Word documents and scripts."""

from __future__ import annotations

from pathlib import Path

import docx


def short_station(folder: Path) -> Path:
    """Make a station folder read with espeak-ng, with a one-minute target (bulletins filled with --pad).

    Music added by --pad does not count as content, so the station's minimum is lowered to what the
    tests' few sentences last.
    """
    config = folder / "bulletin.toml"
    text = config.read_text(encoding="utf-8").replace('engine = "auto"', 'engine = "espeak"')
    text = text.replace('target = "10:00"', 'target = "1:00"')
    config.write_text(text.replace("[quota]\n", '[quota]\nmin_duration = "0:05"\n', 1), encoding="utf-8")
    return folder


ITEMS = [
    ("Sản phẩm OCOP vươn ra thị trường", "Trong 6 tháng đầu năm 2024, UBND huyện đã công nhận 12 sản phẩm OCOP của Ban XKPT."),
    ("Du lịch biển đảo", "Ngày 21/6/2024, huyện đón 2.150 lượt khách, tăng 12,5% so với cùng kỳ."),
]


def make_docx(path: Path, items=ITEMS, title: str = "Bản tin thử nghiệm quý") -> Path:
    document = docx.Document()
    document.core_properties.title = title
    for heading, text in items:
        document.add_heading(heading, level=1)
        document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


SHORT_SCRIPT = """---
title: Bản tin ngắn
id: TTĐN-THU-01
---

# Tin thứ nhất

UBND xã tổ chức 02 buổi tuyên truyền.
"""
