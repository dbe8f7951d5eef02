"""What the studio tests write: Word documents and scripts."""

from __future__ import annotations

from pathlib import Path

import docx

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
