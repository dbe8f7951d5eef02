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


# -- A pasted page, line by line: each kind of furniture closing an article is left out ---------------

ARTICLE = [
    "Xã Bình Minh ra quân hiến máu tình nguyện",
    "Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu tình nguyện năm 2025.",
    "Đã có hơn 200 người dân tham gia, thu về 180 đơn vị máu.",
]


def _page(*lines: str) -> list[tuple[int, str]]:
    return list(enumerate(lines, start=1))


@pytest.mark.parametrize("line, kind", [
    # bylines in ordinary case, with a unit, a role or a credit
    ("Văn Hùng", "byline"),
    ("Minh Anh - TTVH huyện", "byline"),
    ("Nguyễn Văn A - CTV", "byline"),
    ("Hoàng Long (t/h)", "byline"),
    ("PV (tổng hợp)", "byline"),
    ("Thu Hà (Theo VTV)", "byline"),
    ("Lan Anh - Đài Truyền thanh xã", "byline"),
    ("Thanh Tùng - TTVH-TT huyện", "byline"),
    ("Minh Anh, Văn Hùng", "byline"),
    ("MINH HẢI", "byline"),
    # sources
    ("(Nguồn: Báo Tuổi trẻ)", "byline"),
    ("Nguồn: baochinhphu.vn", "byline"),
    ("Theo Sức khỏe & Đời sống", "byline"),
    ("Theo báo Tuổi trẻ", "byline"),
    # tags
    ("Từ khóa: hiến máu, Bình Minh", "tags"),
    ("Từ khoá: hiến máu", "tags"),
    ("Tags: hiến máu, tình nguyện", "tags"),
    ("#hienmau #BinhMinh", "tags"),
    # buttons and counters
    ("Bình luận (3)", "widget"),
    ("Lượt xem: 1.234", "widget"),
    ("1.234 lượt xem", "widget"),
    ("In bài", "widget"),
    ("Gửi bài viết", "widget"),
    ("Copy link", "widget"),
    ("In bài | Gửi bài viết | Copy link", "widget"),
    ("Bài viết có hữu ích không?", "widget"),
    ("Quảng cáo", "widget"),
    ("Đọc tiếp", "widget"),
    ("Font size A- A+", "widget"),
    ("Nghe bài viết", "widget"),
    ("00:00 / 03:25", "widget"),
    # posting times
    ("3 giờ trước", "dateline"),
    ("Thứ bảy, ngày 15/03/2025 - 15:30", "dateline"),
    ("15/03/2025 08:30 GMT+7", "dateline"),
    ("Minh Anh | 15/03/2025 08:30", "dateline"),
    # the page's code
    ("window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}", "code"),
    ("(adsbygoogle = window.adsbygoogle || []).push({});", "code"),
    # breadcrumbs and menus
    ("Trang chủ » Xã hội » Y tế", "menu"),
    ("Trang chủ > Xã hội > Y tế", "menu"),
    ("Trang chủ / Xã hội / Y tế", "menu"),
    ("Thời sự | Kinh tế | Xã hội", "menu"),
    ("Trang chủ Thời sự Kinh tế Xã hội Văn hóa", "menu"),
    # page numbers and end marks
    ("Trang 1", "page"),
    ("Trang 2/3", "page"),
    ("- 1 -", "page"),
    ("2", "page"),
    ("--- HẾT ---", "page"),
    ("(Hết)", "page"),
    ("(Tiếp theo trang 2)", "page"),
    ("(Còn nữa)", "page"),
    # a site's footer
    ("© 2025 Báo Sức khỏe & Đời sống", "footer"),
    ("Bản quyền thuộc về Báo Sức khỏe & Đời sống", "footer"),
    ("Giấy phép số 123/GP-BTTTT do Bộ TT&TT cấp ngày 1/1/2020", "footer"),
])
def test_furniture_closing_an_article(line, kind):
    found = find_furniture(_page(*ARTICLE, line))
    assert found.skipped == ((4, line, kind),) and found.trimmed == {}


@pytest.mark.parametrize("line, kind", [
    # what a line says of itself holds wherever it stands
    ("Hoàng Long (t/h)", "byline"), ("PV (tổng hợp)", "byline"), ("Thu Hà (Theo VTV)", "byline"),
    ("Nguyễn Văn A - CTV", "byline"), ("(Nguồn: Báo Tuổi trẻ)", "byline"), ("Người viết", "byline"),
    ("Từ khóa: hiến máu", "tags"), ("#hienmau", "tags"), ("Lượt xem: 1.234", "widget"), ("In bài", "widget"),
    ("Bài viết này có hữu ích với bạn không?", "widget"), ("Về đầu trang", "widget"), ("5 phút trước", "dateline"),
    ("Cập nhật lúc 08:30 ngày 15/3/2025", "dateline"), ("var ads = []; googletag.cmd.push(show);", "code"),
    ("Trang chủ › Thời sự", "menu"), ("Đăng nhập", "menu"), ("Tìm kiếm", "menu"), ("Trang 3", "page"),
    ("- 12 -", "page"), ("(Xem tiếp trang 4)", "page"), ("© Bản quyền thuộc về Báo Quảng Nam", "footer"),
    ("Copyright 2025 Baoquangnam.vn", "footer"),
])
def test_furniture_anywhere(line, kind):
    assert line_kind(line) == kind
    found = find_furniture(_page(ARTICLE[0], ARTICLE[1], line, ARTICLE[2]))
    assert [(n, k) for n, _, k in found.skipped] == [(3, kind)]


@pytest.mark.parametrize("line", ["Văn Hùng", "Minh Anh - TTVH huyện", "Theo Sức khỏe & Đời sống", "Hà Nội"])
def test_a_bare_name_is_a_byline_only_where_bylines_stand(line):
    # Between two sentences a short line of capitalised words may be a subheading: it is read.
    assert line_kind(line) is None
    assert find_furniture(_page(ARTICLE[0], ARTICLE[1], line, ARTICLE[2])).skipped == ()


def test_a_byline_under_the_trailing_furniture_still_closes_the_article():
    found = find_furniture(_page(*ARTICLE, "Văn Hùng", "Theo Sức khỏe & Đời sống", "Từ khóa:", "hiến máu",
                                 "Bình Minh", "Tin liên quan", "Huyện ra quân tiêm phòng gia súc",
                                 "© 2025 Báo Sức khỏe & Đời sống"))
    assert [(n, k) for n, _, k in found.skipped] == [
        (4, "byline"), (5, "byline"), (6, "tags"), (7, "tags"), (8, "tags"), (9, "related"), (10, "related"),
        (11, "footer")]


def test_the_author_under_the_dateline_is_not_read():
    found = find_furniture(_page(ARTICLE[0], "Thứ bảy, 15/03/2025 - 08:30", "Minh Anh", *ARTICLE[1:]))
    assert [(n, k) for n, _, k in found.skipped] == [(2, "dateline"), (3, "byline")]


def test_a_name_above_an_items_heading_closes_that_item():
    lines = _page("Bản tin xã Bình Minh", "1. Hiến máu tình nguyện", ARTICLE[1], "Văn Hùng", "2. Tiêm phòng",
                  "Xã tiêm phòng cho đàn gia súc.", "TIN TRONG TỈNH", "3. Giá lúa", "Giá lúa tăng nhẹ.",
                  "Minh Anh - TTVH huyện")
    assert [n for n, _, _ in find_furniture(lines, headings=[2, 5, 8]).skipped] == [4, 10]
    # Without the headings only the end of the document is known.
    assert [n for n, _, _ in find_furniture(lines).skipped] == [10]


@pytest.mark.parametrize("line, tag", [
    ("TTO - Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu.", "TTO -"),
    ("NDĐT - Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu.", "NDĐT -"),
    ("QNO - Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu.", "QNO -"),
    ("VTV.vn - Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu.", "VTV.vn -"),
    ("(VOV.VN) - Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu.", "(VOV.VN) -"),
    ("(Dân trí) - Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu.", "(Dân trí) -"),
    ("(Tổ Quốc) - Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu.", "(Tổ Quốc) -"),
    ("HÀ NỘI, 15/3 (TTXVN) - Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu.", "HÀ NỘI, 15/3 (TTXVN) -"),
    ("Hà Nội, 15/3 (TTXVN) – Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu.", "Hà Nội, 15/3 (TTXVN) –"),
    ("SKĐS\u00a0-\u00a0Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu.", "SKĐS\u00a0-"),
])
def test_news_agency_tags_in_front_of_the_lead_are_cut(line, tag):
    found = find_furniture(_page(ARTICLE[0], "15/03/2025 08:30", line, ARTICLE[2]))
    assert found.trimmed == {3: ("Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu.", tag)}


@pytest.mark.parametrize("line", [
    "ASEAN - Nhật Bản tăng cường hợp tác phát triển nông nghiệp.",
    "UBND - HĐND xã họp phiên thường kỳ tháng 3.",
    "WHO - Tổ chức Y tế Thế giới khuyến cáo người dân rửa tay.",
    "HTX - nơi bà con gửi gắm niềm tin, đã có lãi.",
    "Ông Nguyễn Văn An (Chủ tịch UBND xã) - người đi đầu phong trào, cho biết như vậy.",
    "Sáng nay (15/3) - ngày cao điểm, xã tổ chức hiến máu.",
])
def test_capitals_and_brackets_opening_a_sentence_are_read(line):
    assert find_furniture(_page(ARTICLE[0], line, ARTICLE[2])).trimmed == {}


def test_a_capitals_tag_is_cut_only_in_front_of_a_lead():
    # After a finished sentence "VTV - …" is a sentence of the article, not the site's tag.
    line = "VTV - Đài Truyền hình Việt Nam sẽ phát sóng trực tiếp buổi lễ."
    assert find_furniture(_page(*ARTICLE, line)).trimmed == {}
    assert find_furniture(_page(ARTICLE[0], line, ARTICLE[2])).trimmed == {
        2: ("Đài Truyền hình Việt Nam sẽ phát sóng trực tiếp buổi lễ.", "VTV -")}


@pytest.mark.parametrize("line", [
    "Văn hóa là nền tảng tinh thần.",
    "Nguyễn Văn An, Chủ tịch UBND xã, cho biết sẽ tiếp tục vận động người dân tham gia.",
    "Nguyễn Văn An, Chủ tịch UBND xã",
    "Trời nắng nóng.",
    "Theo kế hoạch, xã sẽ ra quân vào ngày 5/4.",
    "Theo báo cáo, xã đã hoàn thành kế hoạch.",
    "Bình luận viên Quang Huy nhận định trận đấu rất hấp dẫn.",
    "Bình luận về sự việc, ông An cho biết sẽ kiểm tra.",
    "Trang trại của ông Nguyễn Văn Ba có 200 con bò.",
    "Trang phục truyền thống được giữ gìn.",
    "Giấy phép số 15 đã được cấp cho hộ ông Lê Văn Tư.",
    "Bản quyền tác giả được pháp luật bảo hộ.",
    "Tổng biên tập Báo Quảng Nam đã đến thăm xã.",
    "Cơ quan chủ quản của dự án là UBND tỉnh.",
    "Giấy phép hoạt động karaoke của cơ sở đã bị thu hồi.",
    "Địa chỉ: Trạm Y tế xã Bình Minh. Điện thoại: 0235 3812 345.",
    "Mọi thông tin xin liên hệ: Điện thoại 0235 3812 345.",
    "(c) Hỗ trợ 2 triệu đồng cho mỗi hộ.",
    "Kinh tế - Xã hội",
    "Văn hóa - Thể thao - Du lịch",
    "Hết hạn đăng ký vào ngày 20/3.",
    "Giá lúa: 7.000 đồng/kg; giá ngô: 5.000 đồng/kg;",
    "XIN CẢM ƠN",
    "Xin cảm ơn quý vị đã lắng nghe!",
    "Chúc Mừng Năm Mới",
    "Từ khóa của phong trào năm nay là đoàn kết.",
    "Quảng cáo sai sự thật bị xử phạt nặng.",
    "In bài hát lên áo là sáng kiến của đoàn viên.",
    "Lượt xem các video tuyên truyền tăng mạnh.",
    "Đọc tiếp câu chuyện của chị Lan trong số sau.",
    "Ngày 15/03/2025",
    "Năm 2025",
    "2 giờ trước khi bão vào, người dân đã sơ tán.",
    "(Theo lời kể của người dân)",
    "Hà Nội, ngày 15/3 (TTXVN) đưa tin bão đã suy yếu.",
])
def test_bulletin_sentences_that_look_like_furniture_are_read(line):
    """A guard: at the end, on the lead, between two sentences and under the dateline, each is read."""
    for lines in (
        _page(*ARTICLE, line),
        _page(ARTICLE[0], line, *ARTICLE[1:]),
        _page(ARTICLE[0], ARTICLE[1], line, ARTICLE[2]),
        _page(ARTICLE[0], "15/03/2025 08:30", line, *ARTICLE[1:]),
    ):
        found = find_furniture(lines)
        number = next(n for n, text in lines if text == line)
        assert number not in {n for n, _, _ in found.skipped} and number not in found.trimmed, lines


def test_a_notice_ending_with_its_contact_lines_is_read():
    lines = _page("Thông báo tuyển sinh", "Trường mầm non xã nhận hồ sơ từ ngày 1/8.",
                  "Địa chỉ: Thôn 2, xã Bình Minh.", "Điện thoại: 0235 3812 345", "Email: mamnon@binhminh.edu.vn")
    assert find_furniture(lines).skipped == ()


def test_a_footer_of_sentences_is_the_footer_all_the_same():
    lines = _page(*ARTICLE, "Đức Tuân", "Tags: kinh tế số, chuyển đổi số", "Báo điện tử Chính phủ",
                  "Tổng Biên tập: Nguyễn Hồng Sâm",
                  "Địa chỉ: 16 Lê Hồng Phong, Ba Đình, Hà Nội. Điện thoại: 080.43162. Email: ttcp@chinhphu.vn",
                  "Bản quyền thuộc về Cổng Thông tin điện tử Chính phủ.",
                  "Ghi rõ nguồn 'Cổng Thông tin điện tử Chính phủ' khi phát hành lại thông tin từ các nguồn này.")
    assert [(n, k) for n, _, k in find_furniture(lines).skipped] == [
        (4, "byline"), (5, "tags"), (6, "footer"), (7, "footer"), (8, "footer"), (9, "footer"), (10, "footer")]


def test_section_headings_of_a_bulletin_are_read():
    lines = _page("Bản tin tuần", "Thời sự", "Sáng nay xã họp.", "Kinh tế", "Giá lúa tăng.", "Xã hội",
                  "Trường học khai giảng.")
    assert find_furniture(lines).skipped == ()


def test_a_section_label_heads_a_page_only_over_a_pasted_article():
    page = _page("Thời sự", ARTICLE[0], "15/03/2025 08:30", "TTO - " + ARTICLE[1], ARTICLE[2])
    assert [(n, k) for n, _, k in find_furniture(page).skipped] == [(1, "menu"), (3, "dateline")]
    # A bulletin titled "Thời sự" over numbered items keeps its title.
    bulletin = _page("Thời sự", "1. Hiến máu tình nguyện", "TTO - " + ARTICLE[1], ARTICLE[2])
    assert find_furniture(bulletin).skipped == ()
    assert find_furniture(_page("Thời sự", *ARTICLE)).skipped == ()


WHOLE_PAGE = """Trang chủ
Thời sự
Chính trị
Kinh tế
Xã hội
Văn hóa
Thể thao
Đăng nhập
Tìm kiếm
Thứ bảy, 15/03/2025
Trang chủ » Xã hội » Y tế
Y tế
Xã Bình Minh ra quân hiến máu tình nguyện
Thứ bảy, ngày 15/03/2025 - 08:30
Minh Anh
Nghe bài viết
00:00 / 03:25
Font size A- A+
SKĐS\u00a0-\u00a0Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu tình nguyện năm 2025.
Đã có hơn 200 người dân tham gia, thu về 180 đơn vị máu.
Quảng cáo
window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}
- 1 -
Theo kế hoạch, xã sẽ tổ chức đợt hiến máu thứ hai vào tháng 8.
Văn Hùng
Theo Sức khỏe & Đời sống
Từ khóa: hiến máu, Bình Minh
#hienmau #BinhMinh
Bình luận (3)
Lượt xem: 1.234
In bài | Gửi bài viết | Copy link
Bài viết có hữu ích không?
Tin liên quan
Huyện ra quân tiêm phòng gia súc
Xã tổ chức ngày hội đại đoàn kết
Trang chủ
Thời sự
Kinh tế
Xã hội
Báo Sức khỏe & Đời sống
Cơ quan chủ quản: Bộ Y tế
Tổng biên tập: Trần Văn Bình
Giấy phép số 123/GP-BTTTT ngày 1/1/2020
Địa chỉ: 138A Giảng Võ, Hà Nội. Điện thoại: 024 1234 5678. Email: toasoan@suckhoedoisong.vn
© Bản quyền thuộc về Báo Sức khỏe & Đời sống
"""


def test_a_whole_page_pasted_with_ctrl_a_reads_only_the_article(station, station_dir):
    path = station_dir / "trang.txt"
    path.write_text(WHOLE_PAGE, encoding="utf-8")
    script = load_script(path, station)
    assert script.meta.title == "Xã Bình Minh ra quân hiến máu tình nguyện"
    assert [s.text for item in script.items for s in item.speeches] == [
        "Sáng 15/3, xã Bình Minh tổ chức ngày hội hiến máu tình nguyện năm 2025.",
        "Đã có hơn 200 người dân tham gia, thu về 180 đơn vị máu.",
        "Theo kế hoạch, xã sẽ tổ chức đợt hiến máu thứ hai vào tháng 8.",
    ]
    kinds = {s.line: s.kind for s in script.skipped}
    assert sorted(kinds) == [n for n in range(1, 46) if n not in (13, 20, 24)]  # line 19 keeps its lead
    assert [kinds[n] for n in (1, 11, 12, 14, 15, 16, 19, 22, 23, 25, 26, 27, 28, 29, 33, 36, 40, 45)] == [
        "menu", "menu", "menu", "dateline", "byline", "widget", "source", "code", "page", "byline", "byline",
        "tags", "tags", "widget", "related", "menu", "footer", "footer"]

    checked = run_cli("check", "trang.txt", "--engine", "espeak")
    assert checked.exit_code == 0, checked.output
    for label in ("chuyên mục, thanh điều hướng của trang", "nút bấm, bộ đếm của trang", "mã lệnh của trang web",
                  "số trang, dấu hết bài", "từ khóa, hashtag của bài", "chân trang (bản quyền, giấy phép, liên hệ)"):
        assert label in checked.output, label
    assert "dòng 15: «Minh Anh» (tác giả, nguồn bài)" in checked.output
    assert "dòng 19: «SKĐS -» (nguồn tin)" in checked.output


@pytest.mark.parametrize("masthead", ["BÁO ĐIỆN TỬ TỈNH BÌNH MINH", "Cổng thông tin điện tử huyện Núi Thành",
                                      "baoquangnam.vn"])
def test_a_sites_name_over_its_menu_is_not_the_title(station, station_dir, masthead):
    path = station_dir / "trang.txt"
    path.write_text(f"{masthead}\nThứ Bảy, 15/03/2025\nTrang chủ\nThời sự\nKinh tế\nXã hội\n"
                    "Khởi công trường mầm non xã Tân Lập\nSáng 15/3, huyện tổ chức lễ khởi công.\n", encoding="utf-8")
    script = load_script(path, station)
    assert script.meta.title == "Khởi công trường mầm non xã Tân Lập"
    assert [s.text for item in script.items for s in item.speeches] == ["Sáng 15/3, huyện tổ chức lễ khởi công."]
    assert (1, "menu") in {(s.line, s.kind) for s in script.skipped}


def test_a_bulletin_that_names_a_newspaper_first_keeps_it():
    lines = [(1, "Báo Quảng Nam tròn 50 năm xây dựng và phát triển"), (2, "Sáng 15/3, báo tổ chức lễ kỷ niệm.")]
    assert find_furniture(lines).skipped == ()
