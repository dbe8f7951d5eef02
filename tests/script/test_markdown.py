"""The Markdown script format: every directive, every error with its line."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import tone, write_audio, write_script

from bulletin.errors import ScriptError, ScriptErrors
from bulletin.script import load_script
from bulletin.script.model import Bed, Jingle, Pause, Recording, Speech


@pytest.fixture
def recording(station_dir):
    return write_audio(station_dir / "scripts" / "pv.wav", tone(2.0), 44100)


def test_front_matter_and_items(station, station_dir):
    path = write_script(
        station_dir / "scripts", "a.md",
        "Kính thưa quý vị.\n\n# Mục một\n\nĐoạn một dòng đầu\ntiếp dòng hai.\n\nĐoạn hai.\n\n## Mục hai\n\nNội dung.\n",
        front="title: Bản tin quý II\nid: TTĐN-2024-Q2-01\nseries: Chuyên đề\ndate: 2024-06-21\n"
              "level: ưu tiên\nengine: espeak\nvoice: vi\ntarget: \"9:30\"\n",
    )
    script = load_script(path, station)
    meta = script.meta
    assert (meta.title, meta.id, meta.series, meta.level, meta.engine, meta.voice) == (
        "Bản tin quý II", "TTĐN-2024-Q2-01", "Chuyên đề", "ưu tiên", "espeak", "vi")
    assert meta.date == dt.date(2024, 6, 21)
    assert meta.target == 570.0
    assert [i.title for i in script.items] == ["", "Mục một", "Mục hai"]
    lead, first, second = script.items
    assert lead.speak_title is False and lead.segments == (Speech("Kính thưa quý vị.", 11),)
    assert first.line == 13
    assert first.segments == (Speech("Đoạn một dòng đầu tiếp dòng hai.", 15), Speech("Đoạn hai.", 18))
    assert second.segments == (Speech("Nội dung.", 22),)
    assert len(script.digest) == 64


def test_defaults_come_from_station(station, station_dir):
    script = load_script(write_script(station_dir, "b.md", "# A\n\nB.\n"), station)
    assert script.meta.series == station.series == "Thông tin đối ngoại"
    assert script.meta.level == "thường"
    assert script.meta.target == 600.0
    assert script.meta.date is None


def test_every_directive(station, station_dir, recording):
    body = (
        "# Mục\n"
        "@notitle\n"
        "@optional\n"
        "@bed bed\n"
        "Lời dẫn.\n"
        "@audio pv.wav gain=-3\n"
        "@audio \"pv.wav\"\n"
        "@pause 1,5\n"
        "@jingle intro\n"
        "@bed off\n"
    )
    script = load_script(write_script(station_dir / "scripts", "c.md", body), station)
    (item,) = script.items
    assert item.optional and not item.speak_title
    bed, speech, rec, rec2, pause, jingle, bed_off = item.segments
    assert isinstance(bed, Bed) and bed.name == "bed" and bed.path.name == "bed.flac" and bed.line == 7
    assert speech == Speech("Lời dẫn.", 8)
    assert rec == Recording(recording, 9, -3.0)
    assert rec2 == Recording(recording, 10, 0.0)
    assert pause == Pause(1.5, 11)
    assert isinstance(jingle, Jingle) and jingle.path.name == "intro.flac"
    assert bed_off == Bed(None, None, 13)
    assert script.files == [(bed.path, 7), (recording, 9), (recording, 10), (jingle.path, 12)]


def test_audio_found_in_station_assets(station, station_dir):
    write_audio(station_dir / "audio_assets" / "ident.mp3", tone(1.0), 44100)
    script = load_script(write_script(station_dir / "scripts", "d.md", "# A\n@audio ident.mp3\n"), station)
    assert script.items[0].segments[0].path == station_dir / "audio_assets" / "ident.mp3"


def test_markdown_markup_is_not_read(station, station_dir):
    body = (
        "# **Mục** đậm\n\n"
        "Một *từ* nghiêng và **đậm**, một [liên kết](https://example.org).\n\n"
        "- gạch đầu dòng một\n- gạch đầu dòng hai\n\n"
        "> trích dẫn\n\n"
        "### Tiêu đề nhỏ\n\n"
        "<!-- ghi chú\nnhiều dòng -->\n"
        "Sau ghi chú. <!-- ẩn --> còn đây.\n"
    )
    item = load_script(write_script(station_dir, "e.md", body), station).items[0]
    assert item.title == "Mục đậm"
    assert [s.text for s in item.segments] == [
        "Một từ nghiêng và đậm, một liên kết.",
        "gạch đầu dòng một",
        "gạch đầu dòng hai",
        "trích dẫn",
        "Tiêu đề nhỏ",
        "Sau ghi chú. còn đây.",
    ]


@pytest.mark.parametrize(
    "front, body, line, words",
    [
        ("title: A\n", "# A\n\n@audio khong-co.mp3\n", 6, "không tìm thấy tệp ghi âm 'khong-co.mp3'"),
        # A Windows path keeps its backslashes, quoted or not.
        ("title: A\n", "# A\n@audio D:\\GhiAm\\pv.mp3\n", 5, "không tìm thấy tệp ghi âm 'D:\\GhiAm\\pv.mp3'"),
        ("title: A\n", "# A\n@audio \"D:\\Ghi âm\\pv 2.mp3\"\n", 5, "không tìm thấy tệp ghi âm 'D:\\Ghi âm\\pv 2.mp3'"),
        ("title: A\n", "# A\n@music bed\n", 5, "lệnh không hợp lệ '@music'"),
        ("title: A\n", "# A\n@pause\n", 5, "@pause cần đúng một số giây"),
        ("title: A\n", "# A\n@pause abc\n", 5, "'abc' không phải là số"),
        ("title: A\n", "# A\n@pause 120\n", 5, "không quá 60"),
        ("title: A\n", "# A\n@audio\n", 5, "@audio cần tên tệp"),
        ("title: A\n", "# A\n@audio bed gain\n", 5, "tùy chọn không hợp lệ 'gain'"),
        ("title: A\n", "# A\n@jingle\n", 5, "@jingle cần đúng một tên"),
        ("title: A\n", "# A\n@jingle khong-co\n", 5, "không tìm thấy nhạc hiệu 'khong-co'"),
        ("title: A\n", "# A\n@bed\n", 5, "@bed cần tên nhạc nền"),
        ("title: A\n", "# A\n@bed khong-co\n", 5, "không tìm thấy nhạc nền"),
        ("title: A\n", "Lời chào.\n@optional\n", 5, "@optional chỉ dùng bên trong một mục"),
        ("title: A\n", "# A\n@notitle x\n", 5, "@notitle không nhận tham số"),
        ("title: A\n", "# A\n@audio \"pv.wav\n", 5, "kiểm tra dấu ngoặc kép"),
        ("title: A\n", "#   \n", 4, "dòng tiêu đề mục trống"),
        ("title: A\n", "# A\n<!-- chưa đóng\n", 5, "chú thích <!-- chưa được đóng"),
        ("title: A\ndate: 31/6/2024\n", "# A\n", 3, "ngày không hợp lệ '31/6/2024'"),
        ("title: A\nlevel: gấp\n", "# A\n", 3, "mức độ không hợp lệ 'gấp'"),
        ("title: A\ntarget: dài\n", "# A\n", 3, "thời lượng không hợp lệ"),
        ("title: A\ntitel: B\n", "# A\n", 3, "khóa không hợp lệ 'titel'"),
        ("id: X\n", "# A\n", 1, "thiếu 'title'"),
        ("title: [A\n", "# A\n", 2, "sai cú pháp YAML"),
        ("- a\n- b\n", "# A\n", 2, "phải là các dòng 'khóa: giá trị'"),
    ],
)
def test_errors_name_file_and_line(station, station_dir, front, body, line, words):
    path = write_script(station_dir / "scripts", "bad.md", body, front=front)
    with pytest.raises(ScriptError) as caught:
        load_script(path, station)
    message = str(caught.value)
    assert caught.value.line == line
    assert message.startswith(f"scripts/bad.md, dòng {line}: ")
    assert words in message


def test_without_front_matter_the_first_heading_is_the_title(station, station_dir):
    # A title line over level-2 items: the title, not an item.
    path = station_dir / "x.md"
    path.write_text("# Bản tin tháng Bảy\n\nKính thưa bà con.\n\n## Tin một\n\nNội dung.\n", encoding="utf-8")
    script = load_script(path, station)
    assert script.meta.title == "Bản tin tháng Bảy"
    assert [i.title for i in script.items] == ["", "Tin một"]
    assert script.meta.series == station.series
    # Headings all of one level: the first one names the bulletin and stays an item.
    path.write_text("# Mục một\n\nNội dung.\n\n# Mục hai\n\nNội dung.\n", encoding="utf-8")
    script = load_script(path, station)
    assert script.meta.title == "Mục một"
    assert [i.title for i in script.items] == ["Mục một", "Mục hai"]


def test_without_front_matter_or_heading(station, station_dir):
    path = station_dir / "x.md"
    path.write_text("Chỉ có đoạn văn.\n", encoding="utf-8")
    with pytest.raises(ScriptError, match="dòng 1: thiếu tiêu đề bản tin"):
        load_script(path, station)


def test_every_mistake_is_reported_at_once(station, station_dir):
    body = ("# Mục\n\n@audio khong-co.mp3\n\n@pause abc\n\n#\n\n@lamgi 3\n\n"
            "## Mục hai\n\n@optional 1\n\nĐoạn văn.\n")
    path = write_script(station_dir, "many.md", body, front="title: A\nlevel: gấp lắm\n")
    with pytest.raises(ScriptErrors) as caught:
        load_script(path, station)
    errors = caught.value.errors
    assert [e.line for e in errors] == [3, 7, 9, 11, 13, 17]
    message = str(caught.value)
    assert message.startswith("many.md: 6 lỗi trong kịch bản:")
    for words in ("mức độ không hợp lệ", "khong-co.mp3", "'abc' không phải là số", "dòng tiêu đề mục trống",
                  "lệnh không hợp lệ '@lamgi'", "@optional không nhận tham số"):
        assert words in message, words


def test_unclosed_front_matter(station, station_dir):
    path = station_dir / "x.md"
    path.write_text("---\ntitle: A\n# Mục\n", encoding="utf-8")
    with pytest.raises(ScriptError, match="chưa được đóng"):
        load_script(path, station)


@pytest.mark.parametrize("body", ["", "\n\n", "<!-- chỉ có ghi chú -->\n", "@pause 1\n"])
def test_empty_script(station, station_dir, body):
    with pytest.raises(ScriptError, match="kịch bản trống"):
        load_script(write_script(station_dir, "empty.md", body), station)


def test_not_utf8(station, station_dir):
    path = station_dir / "latin.md"
    path.write_bytes("---\ntitle: A\n---\n# Mục\n\nHuyện\n".encode("utf-16-le"))
    with pytest.raises(ScriptError, match="không phải UTF-8"):
        load_script(path, station)


@pytest.mark.parametrize("name, words", [
    ("missing.md", "không tìm thấy tệp kịch bản"),
    ("old.doc", "tệp Word cũ (.doc)"),
    ("notes.pdf", "không nhận dạng được loại tệp"),
])
def test_unusable_files(station, station_dir, name, words):
    if name != "missing.md":
        (station_dir / name).write_bytes(b"x")
    with pytest.raises(ScriptError, match=words.replace("(", r"\(").replace(")", r"\)")):
        load_script(station_dir / name, station)


def test_decomposed_unicode_is_composed(station, station_dir):
    import unicodedata

    body = unicodedata.normalize("NFD", "# Huyện Núi Thành\n\nỦy ban nhân dân.\n")
    item = load_script(write_script(station_dir, "nfd.md", body), station).items[0]
    assert item.title == "Huyện Núi Thành"
    assert unicodedata.is_normalized("NFC", item.segments[0].text)


def test_overlong_paragraphs_are_reported_with_the_other_mistakes(station, station_dir):
    long = "Đoạn văn rất dài. " * 700  # more than 10,000 characters
    body = f"# Mục\n\n{long}\n\n@lamgi\n\n{long}\n"
    path = write_script(station_dir, "dai.md", body)
    with pytest.raises(ScriptErrors) as caught:
        load_script(path, station)
    assert [e.line for e in caught.value.errors] == [6, 8, 10]
    assert str(caught.value).count("quá 10.000 ký tự") == 2


def test_front_matter_keys_in_any_case_and_a_tab_after_the_colon(station, station_dir):
    path = write_script(station_dir / "scripts", "hoa.md", "# A\nXin chào.\n",
                        front="Title:\tBản tin quý II\nDate: 2024-06-21\nLEVEL: ưu tiên\n")
    meta = load_script(path, station).meta
    assert (meta.title, meta.date, meta.level) == ("Bản tin quý II", dt.date(2024, 6, 21), "ưu tiên")


def test_every_front_matter_mistake_is_reported_at_once_with_the_key_meant(station, station_dir):
    path = write_script(station_dir / "scripts", "sai.md", "# A\nXin chào.\n",
                        front="tittle: Bản tin\ndate: 2024-13-45\nlevel: gấp\n")
    with pytest.raises(ScriptErrors) as caught:
        load_script(path, station)
    found = {(e.line, e.message.split(";")[0]) for e in caught.value.errors}
    assert (2, "khóa không hợp lệ 'tittle' (có phải 'title'?)") in found
    assert {line for line, _ in found} == {2, 3, 4}
    assert any("mức độ không hợp lệ 'gấp'" in message for _, message in found)
