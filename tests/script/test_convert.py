"""bulletin convert: a document becomes an editable Markdown script that builds the same bulletin."""

from __future__ import annotations

import datetime as dt

import docx
from helpers import probe_duration, run_cli, tone, write_audio

from bulletin import inspect_file
from bulletin.script import load_script
from bulletin.script.convert import to_markdown
from bulletin.script.markdown import parse_markdown


def _word_bulletin(folder):
    write_audio(folder / "phong van.mp3", tone(1.5, freq=330), 44100)
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].text = "UBND XÃ TAM HIỆP"
    table.cell(0, 1).paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(0, 1).add_paragraph("Tam Hiệp, ngày 15 tháng 7 năm 2024")
    document.add_paragraph("BẢN TIN")
    document.add_paragraph("Kinh tế xã Tam Hiệp sáu tháng đầu năm")
    document.add_paragraph("Kính thưa bà con.")
    document.add_paragraph("Xuất khẩu thủy sản", style="List Number")
    document.add_paragraph("Các mặt hàng chủ lực gồm:")
    figures = document.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Mặt hàng", "Tỷ trọng (%)"), ("Thủy sản", "85,4"), ("Dăm gỗ", "62,1")]):
        figures.cell(r, 0).paragraphs[0].text = a
        figures.cell(r, 1).paragraphs[0].text = b
    document.add_paragraph("Ý kiến người dân", style="List Number")
    radio = document.add_table(rows=2, cols=2)
    radio.cell(0, 0).paragraphs[0].text = "Âm thanh"
    radio.cell(0, 1).paragraphs[0].text = "Lời bình"
    radio.cell(1, 0).paragraphs[0].text = "phong van.mp3"
    radio.cell(1, 1).paragraphs[0].text = "*Anh* Hải [ngư dân] nói về chuyến biển_đầu năm."
    document.add_paragraph("1. Mùa vụ năm nay được giá.")
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- Lưu: VT.")
    document.save(str(folder / "kinh-te.docx"))
    return folder / "kinh-te.docx"


def test_markdown_reads_back_as_the_same_script(station, station_dir):
    document = _word_bulletin(station_dir)
    script = load_script(document, station)
    text = to_markdown(script, bulletin_id="TTĐN-2024-Q3-01", date=dt.date(2024, 7, 15), folder=station_dir)
    md = station_dir / "kinh-te.md"
    md.write_text(text, encoding="utf-8")
    again = parse_markdown(md, station)
    assert again.meta.title == script.meta.title == "Kinh tế xã Tam Hiệp sáu tháng đầu năm"
    assert (again.meta.id, again.meta.date) == ("TTĐN-2024-Q3-01", dt.date(2024, 7, 15))

    def shape(s):
        return [(i.title, [getattr(x, "text", None) or getattr(x, "path", None) for x in i.segments])
                for i in s.items]

    assert shape(again) == shape(script)
    # Markdown markup in the text and a sentence starting with a number survive as written.
    assert "*Anh* Hải [ngư dân] nói về chuyến biển_đầu năm." in shape(again)[2][1]
    assert "1. Mùa vụ năm nay được giá." in shape(again)[2][1]
    # The lines not read are there as comments.
    assert "<!-- không đọc (dòng 1, thủ tục văn bản): UBND XÃ TAM HIỆP -->" in text
    assert "Nơi nhận:" in text.split("<!-- không đọc")[-2]


def test_convert_builds_the_same_bulletin(station, station_dir):
    document = _word_bulletin(station_dir)
    converted = run_cli("convert", document.name, "-o", "scripts/kinh-te.md")
    assert converted.exit_code == 0, converted.output
    assert "Đã tạo kịch bản: scripts/kinh-te.md" in converted.output
    front = (station_dir / "scripts" / "kinh-te.md").read_text(encoding="utf-8").split("---")[1]
    assert "title: Kinh tế xã Tam Hiệp sáu tháng đầu năm" in front
    assert "id: TTĐN-2024-Q3-01" in front and "date: '2024-07-15'" in front
    assert "series: Thông tin đối ngoại" in front
    # The recording is named relative to the script's folder.
    assert '@audio "../phong van.mp3"' in (station_dir / "scripts" / "kinh-te.md").read_text(encoding="utf-8")

    from_doc, from_md = station_dir / "out" / "doc.mp3", station_dir / "out" / "md.mp3"
    for source, out in ((document.name, from_doc), ("scripts/kinh-te.md", from_md)):
        built = run_cli("build", source, "-o", out, "--engine", "espeak")
        assert built.exit_code == 0, built.output
    assert abs(probe_duration(from_doc) - probe_duration(from_md)) <= 0.1
    doc_chapters = [(c.title, round(c.start, 1)) for c in inspect_file(from_doc).tags.chapters]
    md_chapters = [(c.title, round(c.start, 1)) for c in inspect_file(from_md).tags.chapters]
    assert doc_chapters == md_chapters
    assert [t for t, _ in doc_chapters][1:3] == ["1. Xuất khẩu thủy sản", "2. Ý kiến người dân"]


def test_convert_keeps_an_edited_script(station, station_dir):
    document = _word_bulletin(station_dir)
    (station_dir / "kinh-te.md").write_text("đã sửa", encoding="utf-8")
    refused = run_cli("convert", document.name, "-o", "kinh-te.md")
    assert refused.exit_code == 1 and "tệp kết quả đã có" in refused.output
    assert (station_dir / "kinh-te.md").read_text(encoding="utf-8") == "đã sửa"
    forced = run_cli("convert", document.name, "-o", "kinh-te.md", "--force")
    assert forced.exit_code == 0 and "title:" in (station_dir / "kinh-te.md").read_text(encoding="utf-8")


def test_convert_refuses_what_it_cannot_convert(station, station_dir):
    (station_dir / "a.md").write_text("# A\n", encoding="utf-8")
    result = run_cli("convert", "a.md", "-o", "b.md")
    assert result.exit_code == 1 and "chỉ chuyển được văn bản Word (.docx)" in result.output


def test_a_pasted_news_page_converts_with_its_furniture_as_comments(station, station_dir):
    from test_furniture import NEWS_PAGE

    (station_dir / "tin.txt").write_text(NEWS_PAGE, encoding="utf-8")
    result = run_cli("convert", "tin.txt", "-o", "tin.md")
    assert result.exit_code == 0, result.output
    assert "10 dòng không đọc được ghi lại dưới dạng chú thích" in result.output
    text = (station_dir / "tin.md").read_text(encoding="utf-8")
    assert "date: '2024-07-15'" in text  # from the page's dateline
    assert "<!-- không đọc (dòng 3, nguồn tin): (QNO) - -->" in text
    assert "<!-- không đọc (dòng 4, thanh chia sẻ): Chia sẻ: Facebook, Zalo, Twitter -->" in text
    original, again = load_script(station_dir / "tin.txt", station), load_script(station_dir / "tin.md", station)
    assert again.meta.title == original.meta.title
    assert [[s.text for s in i.speeches] for i in again.items] == [[s.text for s in i.speeches] for i in original.items]
