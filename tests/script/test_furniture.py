"""Text pasted from a news page: the page's furniture is not read, and check lists it."""

from __future__ import annotations

import pytest
from helpers import run_cli

from bulletin.script import load_script
from bulletin.script.furniture import find_furniture, line_kind
from bulletin.text import Normalizer

NEWS_PAGE = """Núi Thành ra quân tiêm phòng cho đàn gia súc
Thứ Hai, 15/07/2024 - 08:45 (GMT+7)
(QNO) - Sáng 15/7, UBND huyện Núi Thành tổ chức ra quân tiêm phòng đợt 2 năm 2024.
Chia sẻ: Facebook, Zalo, Twitter
Theo kế hoạch, từ ngày 15/7 đến 20/7, huyện tiêm phòng cho hơn 12.000 con gia súc.
Lãnh đạo huyện kiểm tra tại xã Tam Hiệp. Ảnh: MINH HẢI
Người dân chia sẻ: nhờ tiêm phòng đầy đủ, đàn bò không bị bệnh.
(Ảnh minh họa)
Xem thêm: Quảng Nam chủ động phòng dịch tả lợn châu Phi
Bài và ảnh: MINH HẢI
Tin liên quan
Tam Kỳ ra quân diệt lăng quăng
Phú Ninh hỗ trợ vắc xin cho hộ nghèo
"""
FURNITURE = [
    (2, "ngày giờ đăng bài"), (3, "nguồn tin"), (4, "thanh chia sẻ"), (6, "chú thích ảnh"), (8, "chú thích ảnh"),
    (9, "liên kết “Xem thêm”"), (10, "tác giả, nguồn bài"), (11, "danh sách tin liên quan"),
    (12, "danh sách tin liên quan"), (13, "danh sách tin liên quan"),
]


def test_pasted_news_page_reads_only_the_article(station, station_dir):
    path = station_dir / "tin.txt"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    script = load_script(path, station)
    assert script.meta.title == "Núi Thành ra quân tiêm phòng cho đàn gia súc"
    spoken_text = [s.text for item in script.items for s in item.speeches]
    assert spoken_text == [
        "Sáng 15/7, UBND huyện Núi Thành tổ chức ra quân tiêm phòng đợt 2 năm 2024.",
        "Theo kế hoạch, từ ngày 15/7 đến 20/7, huyện tiêm phòng cho hơn 12.000 con gia súc.",
        "Người dân chia sẻ: nhờ tiêm phòng đầy đủ, đàn bò không bị bệnh.",
    ]
    spoken = Normalizer.for_station(station).normalize(" ".join(spoken_text)).casefold()
    for word in ("giê em", "quy en", "facebook", "minh hải", "xem thêm", "tam kỳ"):
        assert word not in spoken, word
    assert [(s.line, s.label) for s in script.skipped] == FURNITURE

    checked = run_cli("check", "tin.txt", "--engine", "espeak")
    assert checked.exit_code == 0, checked.output
    assert "không đọc 10 dòng là phần trình bày của trang web" in checked.output
    for line, label in FURNITURE:
        assert f"dòng {line}: «" in checked.output and label in checked.output
    assert "«Thứ Hai, 15/07/2024 - 08:45 (GMT+7)» (ngày giờ đăng bài)" in checked.output
    assert "«(QNO) -» (nguồn tin)" in checked.output


def test_pasted_news_in_word_is_read_the_same(station, station_dir):
    import docx

    document = docx.Document()
    for line in NEWS_PAGE.splitlines():
        document.add_paragraph(line)
    document.save(str(station_dir / "tin.docx"))
    script = load_script(station_dir / "tin.docx", station)
    assert [s.line for s in script.skipped] == [n for n, _ in FURNITURE]
    assert script.items[0].speeches[0].text.startswith("Sáng 15/7")


@pytest.mark.parametrize("line, kind", [
    ("15/07/2024 - 08:45 (GMT+7)", "dateline"),
    ("Cập nhật: 08:45 15/07/2024", "dateline"),
    ("Chủ nhật, 21/7/2024, 6:30 PM", "dateline"),
    ("(Baoquangnam.vn)", "source"),
    ("Bài và ảnh: MINH HẢI", "byline"),
    ("Tin, ảnh: Văn Tú", "byline"),
    ("Theo Báo Quảng Nam", "byline"),
    ("Theo TTXVN", "byline"),
    ("Theo baoquangnam.vn", "byline"),
    ("PV", "byline"),
    ("Nhóm PV", "byline"),
    ("PV - MINH HẢI", "byline"),
    ("Nguồn: Cổng thông tin điện tử tỉnh", "byline"),
    ("Chia sẻ", "share"),
    ("Facebook | Zalo | Twitter | In bài", "share"),
    ("Theo dõi Báo Quảng Nam trên Google News", "share"),
    ("Xem thêm: Bão số 3 đổ bộ", "more"),
    ("Ảnh: MINH HẢI", "caption"),
    ("Ảnh minh họa", "caption"),
    ("(Ảnh: TTXVN)", "caption"),
    ("Lực lượng chức năng hỗ trợ người dân (Ảnh: CTV)", "caption"),
])
def test_furniture_lines(line, kind):
    assert line_kind(line) == kind


@pytest.mark.parametrize("line", [
    "Theo kế hoạch, từ ngày 15/7/2024 đến 20/7/2024, huyện tổ chức tiêm phòng.",
    "Theo Ban Chỉ huy phòng chống thiên tai tỉnh, bão số 3 đã suy yếu.",
    "Theo Quyết định 123",
    "Ảnh hưởng của bão số 3, nhiều diện tích lúa bị ngập.",
    "Người dân chia sẻ: cuộc sống nay đã khá hơn nhiều.",
    "Chia sẻ với phóng viên, ông Nguyễn Văn An cho biết đã tiêm phòng đủ.",
    "Bài học kinh nghiệm rút ra là phải chủ động từ sớm.",
    "Tin liên quan đến dịch sốt xuất huyết được cập nhật hằng ngày.",
    "Xem thêm thông tin tại Cổng thông tin điện tử của huyện.",
    "Ngày 15/07/2024, UBND huyện tổ chức hội nghị.",
    "Lúc 08:45 ngày 15/7, bão đổ bộ vào đất liền.",
    "PV cũng ghi nhận nhiều hộ dân đã chủ động gia cố nhà cửa.",
    "Nguồn nước sinh hoạt bị ảnh hưởng nghiêm trọng.",
    "Hình thức tiêm phòng: tập trung tại các thôn.",
    "Zalo của Trung tâm Y tế huyện hỗ trợ tư vấn miễn phí.",
    "Theo dõi Fanpage “Tuổi trẻ Núi Thành” trên Facebook.",
])
def test_sentences_with_furniture_words_are_read(line):
    assert line_kind(line) is None
    found = find_furniture([(1, "Tiêu đề"), (2, line), (3, "Câu cuối cùng của bài.")])
    assert found.skipped == () and found.trimmed == {}


def test_related_list_stops_at_the_next_paragraph():
    lines = list(enumerate(["Tiêu đề", "Câu đầu.", "Tin khác:", "Tin một", "Tin hai",
                            "Đoạn văn tiếp theo của bài viết.", "Câu cuối."], start=1))
    found = find_furniture(lines)
    assert [n for n, _, _ in found.skipped] == [3, 4, 5]


@pytest.mark.parametrize("line, tag, rest", [
    ("(Baoquangnam.vn) - Chiều 14/7, tỉnh tổ chức hội nghị.", "(Baoquangnam.vn) -", "Chiều 14/7, tỉnh tổ chức hội nghị."),
    ("(QNO) Sáng nay, huyện ra quân.", "(QNO)", "Sáng nay, huyện ra quân."),
    ("Baoquangnam.vn – Chiều 14/7, tỉnh họp.", "Baoquangnam.vn –", "Chiều 14/7, tỉnh họp."),
])
def test_source_tag_in_front_of_the_lead_is_cut(line, tag, rest):
    found = find_furniture([(1, "Tiêu đề"), (2, line)])
    assert found.trimmed == {2: (rest, tag)}


@pytest.mark.parametrize("line", ["(1) Các hộ dân đăng ký trước ngày 20/7.", "(Xem tiếp trang sau)"])
def test_brackets_that_are_not_source_tags_are_kept(line):
    assert find_furniture([(1, "Tiêu đề"), (2, line)]).trimmed == {}
