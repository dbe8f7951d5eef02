"""The words of a news page's furniture: menus, buttons, list headers, footers.

Tables of facts for :mod:`bulletin.script.furniture`, apart from the code that
applies them. Phrases are written in lowercase with the traditional tone placement
("hóa", "khỏe", "thủy"); the code compares them with a line folded the same way,
so "Từ khoá" and "TỪ KHÓA" match "từ khóa".
"""

from __future__ import annotations

# The header of a list of links: the header and the link titles under it are skipped.
RELATED_HEADERS = (
    "tin liên quan", "bài liên quan", "bài viết liên quan", "tin tức liên quan", "tin cùng chuyên mục",
    "tin khác", "các tin khác", "tin mới", "tin mới nhất", "tin nổi bật", "tin đọc nhiều", "đọc nhiều",
    "có thể bạn quan tâm", "xem thêm", "đọc thêm", "bài cùng chuyên mục", "tin bài liên quan",
    "tin cùng chủ đề", "bài cùng chủ đề", "tin xem nhiều", "xem nhiều", "tin hay", "bài đọc nhiều",
)

# The header of the article's tags ("Từ khóa:" alone, the tags on the lines under it).
TAG_HEADERS = ("từ khóa", "tags", "tag", "keywords", "thẻ", "thẻ bài viết", "từ khóa liên quan")

# A share bar is made of these words only (and at least one of SHARE_MARKS).
SHARE_WORDS = frozenset(
    "chia sẻ share facebook zalo twitter x email e-mail in bài bình luận copy link sao chép liên kết lưu tweet "
    "thích like gửi telegram linkedin messenger google news cỡ chữ a a- a+ + - tin nhắn bookmark print".split()
)
SHARE_MARKS = frozenset("chia share facebook zalo twitter tweet telegram messenger linkedin".split())

# A page's buttons: a line made of these alone (or several of them, separated by "|", "·", "/").
BUTTONS = frozenset((
    "in bài", "in bài viết", "in trang", "bản in", "print", "gửi bài", "gửi bài viết", "gửi email", "gửi tin",
    "gửi cho bạn bè", "copy link", "copy", "sao chép link", "sao chép liên kết", "sao chép đường dẫn", "lưu",
    "lưu bài", "lưu bài viết", "lưu tin", "đã lưu", "báo lỗi", "báo cáo sai phạm", "nghe bài viết", "nghe bài",
    "nghe đọc bài", "nghe đọc bài viết", "nghe đọc", "nghe audio", "nghe tin", "đọc tiếp", "xem tiếp",
    "xem toàn bộ", "xem đầy đủ", "xem ngay", "xem video", "quảng cáo", "advertisement", "sponsored",
    "về đầu trang", "lên đầu trang", "trở về đầu trang", "trở lại đầu trang", "quay lại", "trở lại",
    "quay về", "bài trước", "bài sau", "bài tiếp theo", "tin trước", "tin sau", "tin tiếp theo",
    "cỡ chữ", "font size", "font chữ", "phóng to", "thu nhỏ", "viết bình luận", "gửi bình luận",
    "đánh giá bài viết", "tải ứng dụng", "tải app", "theo dõi", "follow", "đăng ký nhận tin",
    "nhận tin qua email", "bookmark", "chia sẻ bài viết", "phát", "tạm dừng", "play", "pause", "tắt tiếng",
    "bật tiếng", "toàn màn hình", "tải xuống", "download",
))
# Counters: a button with a number ("Bình luận (3)", "Lượt xem: 1.234", "1.234 lượt xem").
# Without its number "Bình luận" may be a section of the bulletin, so it is not a button alone.
COUNTERS = frozenset((
    "bình luận", "lượt xem", "lượt đọc", "lượt thích", "lượt chia sẻ", "lượt nghe", "lượt tải", "views",
    "view", "likes", "like", "thích", "comments", "comment", "ý kiến", "phản hồi", "chia sẻ", "share",
))

# A site's menu: sections and navigation. A line of several of them is a menu; one alone is a
# menu entry only among others (three lines in a row) or as the section label above a page's title.
MENU = frozenset((
    "trang chủ", "thời sự", "chính trị", "kinh tế", "xã hội", "văn hóa", "giáo dục", "y tế", "sức khỏe",
    "thể thao", "pháp luật", "thế giới", "quốc tế", "đời sống", "du lịch", "giải trí", "công nghệ",
    "khoa học", "khoa học - công nghệ", "khoa học công nghệ", "số hóa", "xe", "ô tô - xe máy",
    "bất động sản", "nhà đất", "quốc phòng", "an ninh", "quốc phòng - an ninh", "an ninh - trật tự",
    "an ninh trật tự", "môi trường", "tài nguyên - môi trường", "nông nghiệp", "nông thôn",
    "nông nghiệp - nông thôn", "tam nông", "nông thôn mới", "bạn đọc", "ý kiến", "tin tức", "sự kiện",
    "tin tức - sự kiện", "địa phương", "trong nước", "thời tiết", "giao thông", "video", "ảnh", "photo",
    "multimedia", "media", "podcast", "emagazine", "e-magazine", "infographic", "infographics", "longform",
    "megastory", "e-paper", "báo in", "tiêu điểm", "phóng sự", "điều tra", "góc nhìn", "xây dựng đảng",
    "chính sách", "việc làm", "lao động", "lao động - việc làm", "doanh nghiệp", "tài chính", "ngân hàng",
    "chứng khoán", "thị trường", "kinh doanh", "gia đình", "giới trẻ", "tâm sự", "nhịp sống", "cộng đồng",
    "dân sinh", "văn nghệ", "văn hóa - văn nghệ", "văn hóa - thể thao", "văn hóa - xã hội", "giáo dục - đào tạo",
    "khoa giáo", "tuyển sinh", "du học", "ẩm thực", "làm đẹp", "thời trang", "âm nhạc", "điện ảnh",
    "bóng đá", "chuyển đổi số", "thông tin đối ngoại", "biển đảo", "tôn giáo", "dân tộc",
    "dân tộc - tôn giáo", "kiều bào", "người việt bốn phương", "hỏi đáp", "tư vấn", "an toàn giao thông",
    "tin nóng", "mới nhất", "tin mới", "xem nhiều", "english", "rss", "liên hệ", "giới thiệu", "đặt báo",
    "liên hệ quảng cáo", "quảng cáo", "đăng nhập", "đăng ký", "đăng xuất", "tìm kiếm", "menu", "home",
    "tiện ích", "lịch vạn niên", "giá vàng", "tỷ giá", "xổ số", "truyền hình", "phát thanh", "radio",
    "trực tiếp", "live", "chuyên mục", "chuyên đề", "tòa soạn", "tuyển dụng", "ứng dụng", "đa phương tiện",
    "chính phủ", "quốc hội", "pháp lý", "văn bản", "người tốt việc tốt", "học tập và làm theo bác",
))
# Navigation no article line is made of: a menu line on its own.
NAVIGATION = frozenset(("trang chủ", "đăng nhập", "đăng xuất", "tìm kiếm", "menu", "home"))

# The footer of a site. A trailing block is the footer when a line in it says so: anywhere in the
# line (FOOTER_SIGNS), at its start (FOOTER_OPENINGS), or at its start in a line that is not a
# sentence or names the licensing office (FOOTER_STARTS: "Giấy phép số 15 đã được cấp cho hộ ông A."
# is news, and read).
FOOTER_SIGNS = ("©", "copyright", "all rights reserved", "phát hành lại thông tin", "sử dụng lại thông tin")
FOOTER_OPENINGS = (
    "bản quyền thuộc về", "bản quyền ©", "giữ bản quyền", "ghi rõ nguồn", "không được sao chép",
    "cấm sao chép", "nghiêm cấm sao chép", "chịu trách nhiệm xuất bản", "chịu trách nhiệm nội dung",
    "chịu trách nhiệm quản lý nội dung", "thiết kế bởi", "phát triển bởi", "powered by", "designed by",
    "thiết kế và phát triển",
)
FOOTER_STARTS = (
    "bản quyền", "giấy phép", "gpxb", "gp số", "cơ quan chủ quản", "cơ quan chủ sở hữu", "tổng biên tập",
    "phó tổng biên tập", "tòa soạn",
)
LICENSING = ("/gp", "gpxb", "bộ thông tin", "bộ tt", "tt&tt", "tttt", "cục báo chí", "báo điện tử", "website",
             "trang thông tin", "cổng thông tin", "email", "@")
# Contact labels ("Địa chỉ: …", "Điện thoại: …"): read in a notice, not read in a site's footer.
CONTACT_LABELS = (
    "địa chỉ", "điện thoại", "đt", "tel", "fax", "email", "e-mail", "hotline", "website", "tòa soạn",
    "trụ sở", "trụ sở chính", "văn phòng đại diện", "liên hệ", "đường dây nóng", "phone",
)

# Capitals that start a sentence with a dash after them ("ASEAN - Nhật Bản …"): not a news site's tag.
NOT_SOURCE_TAGS = frozenset((
    "UBND", "HĐND", "MTTQ", "UBMTTQ", "ASEAN", "WHO", "EU", "UN", "APEC", "NATO", "WTO", "IMF", "GDP",
    "CPI", "FDI", "ODA", "BHXH", "BHYT", "THPT", "THCS", "CSGT", "COVID", "OCOP", "VN", "TP", "TW", "LHQ",
    "ĐBSCL", "CLB", "HTX", "UNESCO", "UNICEF", "FAO", "WB", "ADB", "G7", "G20", "BRICS", "CPTPP", "EVFTA",
    "RCEP", "AI", "CNTT", "KHCN", "ATGT", "PCCC", "PCTT", "TKCN", "NTM", "VH", "TT", "GD", "ĐT", "YT",
))

# Media and unit words that may follow "Theo" in a source line closing an article.
MEDIA_WORDS = ("báo", "tạp chí", "trang", "cổng", "kênh", "đài", "tờ", "website", "tổng hợp")

# Lines a closing name is never made of (a greeting or a closing formula).
NOT_NAME_WORDS = frozenset(
    "hết xin cảm ơn trân trọng chào kính chúc mừng tạm biệt thân ái kết thúc".split()
)
