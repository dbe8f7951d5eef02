"""Written text -> spoken form, one row per case (default Northern reading).

Every expected value is written from the reading conventions in
docs/normalizer.md and the project's DOMAIN notes, not produced by the code.
"""

import unicodedata

import pytest

from bulletin.text import Normalizer

Y2024 = "hai nghìn không trăm hai mươi tư"
Y2025 = "hai nghìn không trăm hai mươi lăm"
Y2020 = "hai nghìn không trăm hai mươi"
Y2021 = "hai nghìn không trăm hai mươi mốt"
Y1975 = "một nghìn chín trăm bảy mươi lăm"
GOV_VN = "chấm gờ o vê chấm vê nờ"

NUMBERS = [
    ("mỗi quý 02 bản tin", "mỗi quý hai bản tin"),
    ("06 tháng đầu năm", "sáu tháng đầu năm"),
    ("có 1.032 hộ", "có một nghìn không trăm ba mươi hai hộ"),
    ("2.150 người", "hai nghìn một trăm năm mươi người"),
    ("1.000.000 đồng", "một triệu đồng"),
    ("105 hộ", "một trăm linh năm hộ"),
    ("25 xã", "hai mươi lăm xã"),
    ("21 thôn", "hai mươi mốt thôn"),
    ("11 tổ", "mười một tổ"),
    ("15 triệu đồng", "mười lăm triệu đồng"),
    ("2,5 tỷ đồng", "hai phẩy năm tỷ đồng"),
    ("1,5 triệu người", "một phẩy năm triệu người"),
    ("hơn 3.000 lượt người", "hơn ba nghìn lượt người"),
    ("năm 2024", f"năm {Y2024}"),
    ("năm 1975", f"năm {Y1975}"),
    ("99 năm", "chín mươi chín năm"),
    ("0 đồng", "không đồng"),
    ("120.000 người", "một trăm hai mươi nghìn người"),
    ("Luật Đất đai 2024", f"Luật Đất đai {Y2024}"),
    ("số 12 đường Trần Phú", "số mười hai đường Trần Phú"),
    ("1.5 triệu", "một phẩy năm triệu"),
    ("mục 2.1", "mục hai chấm một"),
    ("công nghiệp 4.0", "công nghiệp bốn chấm không"),
    ("mã số 0123456", "mã số không một hai ba bốn năm sáu"),
    ("tài khoản 1234567890", "tài khoản một hai ba bốn năm sáu bảy tám chín không"),
    ("Điều 5", "Điều năm"),
    ("1.234,5 tỷ đồng", "một nghìn hai trăm ba mươi tư phẩy năm tỷ đồng"),
    ("1.200.000.000 đồng", "một tỷ hai trăm triệu đồng"),
    ("24 giờ", "hai mươi tư giờ"),
    ("14 ngày", "mười bốn ngày"),
    ("1. Công tác chỉ đạo", "một. Công tác chỉ đạo"),
    ("lần 2", "lần hai"),
    ("khối A00", "khối a không không"),
    ("khối D01", "khối dê không một"),
    ("Đề án 06 của Chính phủ", "Đề án không sáu của Chính phủ"),
    ("Đề án 15", "Đề án mười lăm"),
    ("kích thước 3x3m", "kích thước ba nhân ba mét"),
    ("khổ 20 x 30 cm", "khổ hai mươi nhân ba mươi xăng ti mét"),
    ("phân NPK 16-16-8", "phân nờ pê ca mười sáu mười sáu tám"),
    # Round 4: thousands grouped by spaces (a non-breaking space too), unless the first
    # part names a thing; chained dimensions; network generations; 2,4-D.
    ("Toàn xã có 2 150 hộ", "Toàn xã có hai nghìn một trăm năm mươi hộ"),
    ("12 500 000 đồng", "mười hai triệu năm trăm nghìn đồng"),
    ("có 1\u00a0250 nhân khẩu", "có một nghìn hai trăm năm mươi nhân khẩu"),
    ("thôn 4 120 hộ", "thôn bốn một trăm hai mươi hộ"),
    # A tab between numbers is a table cell break, not a thousands space.
    ("Tam Hiệp\t1 250\t312", "Tam Hiệp một nghìn hai trăm năm mươi, ba trăm mười hai"),
    ("có 2 150, tăng 5%", "có hai nghìn một trăm năm mươi, tăng năm phần trăm"),
    ("Tam Hiệp\t125 \t 312", "Tam Hiệp một trăm hai mươi lăm, ba trăm mười hai"),
    ("kích thước 3 x 3 x 2 m", "kích thước ba nhân ba nhân hai mét"),
    ("kết nối 3G/4G", "kết nối ba giê, bốn giê"),
    ("phủ sóng 4G", "phủ sóng bốn giê"),
    ("hoạt chất 2,4-D", "hoạt chất hai bốn dê"),
    ("tăng 2,4 lần", "tăng hai phẩy bốn lần"),
]

ORDINALS = [
    ("lần thứ 1", "lần thứ nhất"),
    ("lần thứ 2", "lần thứ hai"),
    ("thứ 4", "thứ tư"),
    ("kỳ họp thứ 14", "kỳ họp thứ mười bốn"),
    ("Thứ 7", "Thứ bảy"),
    ("hạng 3", "hạng ba"),
    ("thứ 24", "thứ hai mươi tư"),
    ("xếp hạng 4 toàn đoàn", "xếp hạng tư toàn đoàn"),
    # guards: "4" stays "bốn" in a star rating, in other numbers and after other words
    ("khách sạn hạng 4 sao", "khách sạn hạng bốn sao"),
    ("hạng 14", "hạng mười bốn"),
    ("Hạng mục 4", "Hạng mục bốn"),
]

DATES = [
    ("ngày 21/6/2024", f"ngày hai mươi mốt tháng sáu năm {Y2024}"),
    ("21/6/2024", f"ngày hai mươi mốt tháng sáu năm {Y2024}"),
    ("Ngày 21/6/2024", f"Ngày hai mươi mốt tháng sáu năm {Y2024}"),
    ("ngày 01/7/2024", f"ngày một tháng bảy năm {Y2024}"),
    ("ngày 30/4/1975", f"ngày ba mươi tháng tư năm {Y1975}"),
    ("ngày 2/9", "ngày hai tháng chín"),
    ("sáng 15/3", "sáng ngày mười lăm tháng ba"),
    ("dịp 30/4", "dịp ngày ba mươi tháng tư"),
    ("hôm nay 12/4", "hôm nay ngày mười hai tháng tư"),
    ("ngày 24/12", "ngày hai mươi tư tháng mười hai"),
    ("ngày 14/4", "ngày mười bốn tháng tư"),
    ("ngày 1/1/2025", f"ngày một tháng một năm {Y2025}"),
    ("ngày 11/11", "ngày mười một tháng mười một"),
    ("tháng 6/2024", f"tháng sáu năm {Y2024}"),
    ("vào 6/2024", f"vào tháng sáu năm {Y2024}"),
    ("tháng 4/2024", f"tháng tư năm {Y2024}"),
    ("tháng 4", "tháng tư"),
    ("tháng 12", "tháng mười hai"),
    ("tháng 01", "tháng một"),
    ("ngày 21.6.2024", f"ngày hai mươi mốt tháng sáu năm {Y2024}"),
    ("ngày 21-6-2024", f"ngày hai mươi mốt tháng sáu năm {Y2024}"),
    ("ngày 27-7", "ngày hai mươi bảy tháng bảy"),
    ("ngày 21 tháng 6 năm 2024", f"ngày hai mươi mốt tháng sáu năm {Y2024}"),
    ("mùng 5/5", "mùng năm tháng năm"),
    ("Quốc khánh 2/9", "Quốc khánh ngày hai tháng chín"),
    ("ngày 30/4 và 1/5", "ngày ba mươi tháng tư và ngày một tháng năm"),
    ("Chiều 20/10", "Chiều ngày hai mươi tháng mười"),
    ("ngày 31/12/2023", "ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi ba"),
    ("Thứ 6 - 26/02/2016", "Thứ sáu ngày hai mươi sáu tháng hai năm hai nghìn không trăm mười sáu"),
    ("trong 2 ngày 27 và 28/6", "trong hai ngày hai mươi bảy và hai mươi tám tháng sáu"),
    ("các ngày 5, 6 và 7/12/2024", f"các ngày năm, sáu và bảy tháng mười hai năm {Y2024}"),
    ("ngày 30/4 và 1/5", "ngày ba mươi tháng tư và ngày một tháng năm"),
    ("Sáng nay, 05/10, Huyện đoàn", "Sáng nay, ngày năm tháng mười, Huyện đoàn"),
    ("hôm qua (9/11), xã", "hôm qua, ngày chín tháng mười một, xã"),
    ("Bản tin số 02/2024", f"Bản tin số hai năm {Y2024}"),
    ("BẢN TIN SỐ 5/2024", f"BẢN TIN SỐ năm năm {Y2024}"),
    # guard: a month and year after other words
    ("số liệu 6/2024", f"số liệu tháng sáu năm {Y2024}"),
    ("số 45 đường 3/2", "số bốn mươi lăm đường ba tháng hai"),
    ("Quảng trường 2/4", "Quảng trường hai tháng tư"),
    ("Hôm nay 15-8, trời nắng", "Hôm nay ngày mười lăm tháng tám, trời nắng"),
    # guard: after "năm nay" a dashed pair is a range
    ("năm nay 5-7 hộ", "năm nay năm đến bảy hộ"),
    # Round 4: a month and year joined by a dash or dot; a date with spaced slashes; a date label.
    ("Trong tháng 8-2024, toàn huyện", f"Trong tháng tám năm {Y2024}, toàn huyện"),
    ("tháng 7.2024", f"tháng bảy năm {Y2024}"),
    ("từ 5-2025", f"từ tháng năm năm {Y2025}"),
    ("từ 15-2000 con", "từ mười lăm đến hai nghìn con"),
    ("khoảng 10-2000 con", "khoảng mười đến hai nghìn con"),
    ("Ngày 15 / 8 / 2024, UBND xã", f"Ngày mười lăm tháng tám năm {Y2024}, Ủy ban nhân dân xã"),
    ("Ngày/tháng/năm sinh: 01/01/1990", "Ngày tháng năm sinh: ngày một tháng một năm một nghìn chín trăm chín mươi"),
]

DATE_RANGES = [
    ("(21/6/1925- 21/6/2024)",
     f"ngày hai mươi mốt tháng sáu năm một nghìn chín trăm hai mươi lăm đến ngày hai mươi mốt tháng sáu năm {Y2024}"),
    ("từ 12-13/4", "từ ngày mười hai đến mười ba tháng tư"),
    ("ngày 12-13/4/2024", f"ngày mười hai đến mười ba tháng tư năm {Y2024}"),
    ("tháng 6-8/2024", f"tháng sáu đến tháng tám năm {Y2024}"),
    ("từ 1/7 - 31/12/2024", f"từ ngày một tháng bảy đến ngày ba mươi mốt tháng mười hai năm {Y2024}"),
    ("từ ngày 1/7 đến ngày 31/12", "từ ngày một tháng bảy đến ngày ba mươi mốt tháng mười hai"),
    ("(19/5/1890 - 2/9/1969)",
     "ngày mười chín tháng năm năm một nghìn tám trăm chín mươi đến ngày hai tháng chín năm "
     "một nghìn chín trăm sáu mươi chín"),
    ("(30/4/1975 - 30/4/2025)", f"ngày ba mươi tháng tư năm {Y1975} đến ngày ba mươi tháng tư năm {Y2025}"),
    ("từ 25-27/8", "từ ngày hai mươi lăm đến hai mươi bảy tháng tám"),
]

RANGES = [
    ("giai đoạn 2021-2025", f"giai đoạn {Y2021} đến {Y2025}"),
    ("giai đoạn 2021 – 2025", f"giai đoạn {Y2021} đến {Y2025}"),
    ("nhiệm kỳ 2020 - 2025", f"nhiệm kỳ {Y2020} đến {Y2025}"),
    ("năm học 2024-2025", f"năm học {Y2024} đến {Y2025}"),
    ("từ 5-7 ngày", "từ năm đến bảy ngày"),
    ("10-15%", "mười đến mười lăm phần trăm"),
    ("25 - 33°C", "hai mươi lăm đến ba mươi ba độ xê"),
    ("gió cấp 3-4", "gió cấp ba đến bốn"),
    ("kinh tế - xã hội", "kinh tế xã hội"),
    ("văn hóa - thể thao", "văn hóa thể thao"),
    ("Bà Rịa - Vũng Tàu", "Bà Rịa Vũng Tàu"),
    ("đồng chí Trần Văn Tân – Phó Bí thư", "đồng chí Trần Văn Tân, Phó Bí thư"),
    ("Ngày Thương binh - Liệt sĩ", "Ngày Thương binh Liệt sĩ"),
    ("50-100 mm", "năm mươi đến một trăm mi li mét"),
    ("Độc lập - Tự do - Hạnh phúc", "Độc lập Tự do Hạnh phúc"),
    ("giành chiến thắng 2-0", "giành chiến thắng hai không"),
    ("hòa 1-1", "hòa một một"),
    ("tỷ số 3 - 2", "tỷ số ba hai"),
    ("thắng 2-3 trận liên tiếp", "thắng hai đến ba trận liên tiếp"),
    ("Việt Nam thắng Thái Lan 3-2", "Việt Nam thắng Thái Lan ba hai"),
    ("Việt Nam hòa Indonesia 0-0", "Việt Nam hòa Indonesia không không"),
    ("thua U23 Uzbekistan 0-3", "thua u hai mươi ba Uzbekistan không ba"),
    ("thắng đội tuyển Lào 4-0", "thắng đội tuyển Lào bốn không"),
    ("đánh bại đội Tam Hòa 4-1", "đánh bại đội Tam Hòa bốn một"),
    ("Tỷ số 3-2 nghiêng về đội khách", "Tỷ số ba hai nghiêng về đội khách"),
    # guards: a cue word inside a name, or not followed by a team, gives a range
    ("xã Tam Hòa 2020-2025", f"xã Tam Hòa {Y2020} đến {Y2025}"),
    ("ông Nguyễn Văn Thắng 1990-2020", f"ông Nguyễn Văn Thắng một nghìn chín trăm chín mươi đến {Y2020}"),
    ("thắng lợi 2020-2025", f"thắng lợi {Y2020} đến {Y2025}"),
]

ROMAN = [
    ("Quý II/2024", f"Quý hai năm {Y2024}"),
    ("quý I/2024", f"quý một năm {Y2024}"),
    ("quý IV", "quý bốn"),
    ("quý 2/2024", f"quý hai năm {Y2024}"),
    ("Quý III năm 2024", f"Quý ba năm {Y2024}"),
    ("lần thứ XIII", "lần thứ mười ba"),
    ("thế kỷ XXI", "thế kỷ hai mươi mốt"),
    ("thế kỉ XX", "thế kỉ hai mươi"),
    ("Đại hội XIII", "Đại hội mười ba"),
    ("Quốc hội khóa XV", "Quốc hội khóa mười lăm"),
    ("khoá XIV", "khoá mười bốn"),
    ("Chương II", "Chương hai"),
    ("Mục IV", "Mục bốn"),
    ("Phần I", "Phần một"),
    ("Chiến tranh thế giới thứ II", "Chiến tranh thế giới thứ hai"),
    ("lần thứ I", "lần thứ nhất"),
    ("Quân khu V", "Quân khu năm"),
    ("I. MỤC TIÊU", "một. MỤC TIÊU"),
    ("II. NỘI DUNG", "hai. NỘI DUNG"),
    ("ông Nguyễn Văn C", "ông Nguyễn Văn xê"),
    ("ông Trần Văn D", "ông Trần Văn dê"),
    ("Hội nghị Trung ương 8 khóa XIII", "Hội nghị Trung ương tám khóa mười ba"),
    ("xã Tam Xuân I", "xã Tam Xuân một"),
    ("Đại hội Đảng bộ huyện lần thứ XXIII", "Đại hội Đảng bộ huyện lần thứ hai mươi ba"),
    ("ĐẠI HỘI ĐẢNG BỘ TỈNH LẦN THỨ XXII", "ĐẠI HỘI ĐẢNG BỘ TỈNH LẦN THỨ hai mươi hai"),
    ("giai đoạn II", "giai đoạn hai"),
    ("NHÀ MÁY XI MĂNG", "NHÀ MÁY XI MĂNG"),
    ("B. NỘI DUNG", "bê. NỘI DUNG"),
    ("Quý III - IV/2024", f"Quý ba đến bốn năm {Y2024}"),
    ("thế kỷ XIX - XX", "thế kỷ mười chín đến hai mươi"),
    # guard: a dash before words after a numeral is no range
    ("Phần II - Tổng quan", "Phần hai Tổng quan"),
]

TIMES = [
    ("8h30", "tám giờ ba mươi phút"),
    ("lúc 8h", "lúc tám giờ"),
    ("08:30", "tám giờ ba mươi phút"),
    ("14h00", "mười bốn giờ"),
    ("7h30-11h", "bảy giờ ba mươi phút đến mười một giờ"),
    ("7 giờ 30 phút", "bảy giờ ba mươi phút"),
    ("8g30", "tám giờ ba mươi phút"),
    ("14:00", "mười bốn giờ"),
    ("8h05", "tám giờ năm phút"),
    ("24/24h", "hai mươi tư trên hai mươi tư giờ"),
    ("từ 14h - 16h30", "từ mười bốn giờ đến mười sáu giờ ba mươi phút"),
    ("lúc 19h30 tối nay", "lúc mười chín giờ ba mươi phút tối nay"),
    ("lúc 7g sáng", "lúc bảy giờ sáng"),
    ("50g muối", "năm mươi gam muối"),
    ("đến 17 giờ 00 ngày 30/7", "đến mười bảy giờ ngày ba mươi tháng bảy"),
    ("lúc 7 giờ 00 phút", "lúc bảy giờ"),
    ("lúc 7 giờ 05", "lúc bảy giờ năm"),
]

PERCENT_CURRENCY = [
    ("12,5%", "mười hai phẩy năm phần trăm"),
    ("100%", "một trăm phần trăm"),
    ("tăng 5,2% so với", "tăng năm phẩy hai phần trăm so với"),
    ("93,5 %", "chín mươi ba phẩy năm phần trăm"),
    ("12.5%", "mười hai phẩy năm phần trăm"),
    ("7,5%/năm", "bảy phẩy năm phần trăm trên năm"),
    ("0,5%", "không phẩy năm phần trăm"),
    ("100 USD", "một trăm đô la Mỹ"),
    ("100USD", "một trăm đô la Mỹ"),
    ("125,6 triệu USD", "một trăm hai mươi lăm phẩy sáu triệu đô la Mỹ"),
    ("200.000đ", "hai trăm nghìn đồng"),
    ("50.000 đ", "năm mươi nghìn đồng"),
    ("500.000 VNĐ", "năm trăm nghìn Việt Nam đồng"),
    ("10.000.000đ", "mười triệu đồng"),
    ("2 tỷ USD", "hai tỷ đô la Mỹ"),
    ("giá 15.000 đồng/kg", "giá mười lăm nghìn đồng trên ki lô gam"),
    ("65,5 triệu đồng/người/năm", "sáu mươi lăm phẩy năm triệu đồng trên người trên năm"),
    ("2,34 triệu đồng/tháng", "hai phẩy ba mươi tư triệu đồng trên tháng"),
    ("đồng USD", "đồng đô la Mỹ"),
    ("50k", "năm mươi nghìn"),
    ("quà trị giá 300.000đ/suất", "quà trị giá ba trăm nghìn đồng trên suất"),
    ("1.806 đồng/kWh", "một nghìn tám trăm linh sáu đồng trên ki lô oát giờ"),
    ("giảm 12 vụ (-7,6%)", "giảm mười hai vụ, âm bảy phẩy sáu phần trăm"),
    ("tăng trưởng -1,5%", "tăng trưởng âm một phẩy năm phần trăm"),
    # guards: a dash after a number is a range
    ("từ 40% -50%", "từ bốn mươi phần trăm đến năm mươi phần trăm"),
    ("giảm 5 -7%", "giảm năm đến bảy phần trăm"),
    ("tỷ giá 24.250 VND/USD", "tỷ giá hai mươi tư nghìn hai trăm năm mươi Việt Nam đồng trên đô la Mỹ"),
    ("25.450 đồng/USD", "hai mươi lăm nghìn bốn trăm năm mươi đồng trên đô la Mỹ"),
    ("hỗ trợ 1,5 tr.đồng/người", "hỗ trợ một phẩy năm triệu đồng trên người"),
    ("giá 25 ng.đồng/kg", "giá hai mươi lăm nghìn đồng trên ki lô gam"),
    # Round 4: the dollar sign, before or after the amount.
    ("Học bổng trị giá $1.000", "Học bổng trị giá một nghìn đô la"),
    ("500$ mỗi tháng", "năm trăm đô la mỗi tháng"),
    ("US$ 2 triệu", "hai triệu đô la Mỹ"),
]

UNITS = [
    ("15km", "mười lăm ki lô mét"),
    ("15 km", "mười lăm ki lô mét"),
    ("100 m", "một trăm mét"),
    ("100m2", "một trăm mét vuông"),
    ("100 m²", "một trăm mét vuông"),
    ("20ha", "hai mươi héc ta"),
    ("1.200 ha", "một nghìn hai trăm héc ta"),
    ("62 tạ/ha", "sáu mươi hai tạ trên héc ta"),
    ("7.440 tấn", "bảy nghìn bốn trăm bốn mươi tấn"),
    ("5 kg", "năm ki lô gam"),
    ("35°C", "ba mươi lăm độ xê"),
    ("35 độ C", "ba mươi lăm độ xê"),
    ("-5°C", "âm năm độ xê"),
    ("50 MW", "năm mươi mê ga oát"),
    ("3 kW", "ba ki lô oát"),
    ("60 km/h", "sáu mươi ki lô mét trên giờ"),
    ("500 m3", "năm trăm mét khối"),
    ("2 triệu m3", "hai triệu mét khối"),
    ("200 người/km2", "hai trăm người trên ki lô mét vuông"),
    ("120 mm", "một trăm hai mươi mi li mét"),
    ("1,5 m", "một phẩy năm mét"),
    ("220V", "hai trăm hai mươi vôn"),
    ("2 lít", "hai lít"),
    ("10 GB", "mười gi ga bai"),
    ("cách 2 ha đất", "cách hai héc ta đất"),
    ("5 mét", "năm mét"),
    ("công suất 800 CV", "công suất tám trăm mã lực"),
    ("12-15 tấn/ha/vụ", "mười hai đến mười lăm tấn trên héc ta trên vụ"),
    ("Mỗi ha cần bón", "Mỗi héc ta cần bón"),
    ("hàng nghìn ha lúa", "hàng nghìn héc ta lúa"),
    ("máy 400CV", "máy bốn trăm mã lực"),
    ("ban hành 25 CV chỉ đạo", "ban hành hai mươi lăm công văn chỉ đạo"),
    ("cách đây vài km", "cách đây vài ki lô mét"),
    ("lượng mưa 50-100mm/24h", "lượng mưa năm mươi đến một trăm mi li mét trên hai mươi tư giờ"),
    ("150 mm/24 giờ", "một trăm năm mươi mi li mét trên hai mươi tư giờ"),
    ("12 bác sĩ/vạn dân", "mười hai bác sĩ trên vạn dân"),
    ("28 giường bệnh/vạn dân", "hai mươi tám giường bệnh trên vạn dân"),
    # guards: a slash between words that are not a rate is not said
    ("qua xã/phường/thị trấn", "qua xã phường thị trấn"),
    ("và/hoặc", "và hoặc"),
    # Round 4: "trên" before a number and unit after a unit; rate words after a slash.
    ("0,4 mg/1 lít khí thở", "không phẩy bốn mi li gam trên một lít khí thở"),
    ("80 mg/100 ml máu", "tám mươi mi li gam trên một trăm mi li lít máu"),
    ("phun 2 bình/sào", "phun hai bình trên sào"),
    ("phát 02 bản tin/quý", "phát hai bản tin trên quý"),
    ("2 bản tin/tuần", "hai bản tin trên tuần"),
    ("các xã/phường", "các xã phường"),
    ("20 kg gạo/khẩu", "hai mươi ki lô gam gạo trên khẩu"),
]

PHONES = [
    ("0905.123.456", "không chín không năm, một hai ba, bốn năm sáu"),
    ("0905123456", "không chín không năm, một hai ba, bốn năm sáu"),
    ("0235 3822 123", "không hai ba năm, ba tám hai hai, một hai ba"),
    ("(0235) 3822 123", "không hai ba năm, ba tám hai hai, một hai ba"),
    ("0235.3822123", "không hai ba năm, ba tám hai hai một hai ba"),
    ("+84 905 123 456", "cộng tám bốn, chín không năm, một hai ba, bốn năm sáu"),
    ("đường dây nóng 1900 9095", "đường dây nóng một chín không không, chín không chín năm"),
    ("gọi 113", "gọi một một ba"),
    ("Điện thoại: 02353822123", "Điện thoại: không hai ba năm, ba tám hai, hai một hai ba"),
    ("năm 1900", "năm một nghìn chín trăm"),
    ("tàu cá QNa 90479 TS", "tàu cá Quảng Nam chín không bốn bảy chín tê ét"),
    ("tàu QNg-96382-TS", "tàu Quảng Ngãi chín sáu ba tám hai tê ét"),
    ("Hotline: 0905.123.456", "hót lai: không chín không năm, một hai ba, bốn năm sáu"),
    ("hoặc gọi số 113", "hoặc gọi số một một ba"),
    ("hãy gọi ngay số 114", "hãy gọi ngay số một một bốn"),
    ("Hotline hỗ trợ: 1900 9095", "hót lai hỗ trợ: một chín không không, chín không chín năm"),
    ("gọi điện cho 15 hộ", "gọi điện cho mười lăm hộ"),
    ("xe BKS 92C-123.45", "xe biển kiểm soát chín hai xê, một hai ba bốn năm"),
    ("xe mô tô 92H1-456.78.", "xe mô tô chín hai hát một, bốn năm sáu bảy tám."),
    ("ô tô 43A-1234", "ô tô bốn ba a, một hai ba bốn"),
    ("gọi cấp cứu 115", "gọi cấp cứu một một năm"),
    ("Trung tâm Cấp cứu 115 tỉnh", "Trung tâm Cấp cứu một một năm tỉnh"),
    ("lực lượng Cảnh sát 113", "lực lượng Cảnh sát một một ba"),
    ("gọi cứu hộ 112", "gọi cứu hộ một một hai"),
    # guards: other numbers after these words are counts
    ("đã cấp cứu 250 ca", "đã cấp cứu hai trăm năm mươi ca"),
    ("cấp cứu 118 bệnh nhân", "cấp cứu một trăm mười tám bệnh nhân"),
    ("nhà số 115", "nhà số một trăm mười lăm"),
    # Round 4: 1800/1900 numbers with a separator, the children's hotline, "đầu số".
    ("Tổng đài tư vấn miễn phí 1900 1234", "Tổng đài tư vấn miễn phí một chín không không, một hai ba bốn"),
    ("Số đường dây nóng: 1800.1091", "Số đường dây nóng: một tám không không, một không chín một"),
    ("từ năm 1900", "từ năm một nghìn chín trăm"),
    ("Tổng đài bảo vệ trẻ em quốc gia 111", "Tổng đài bảo vệ trẻ em quốc gia một một một"),
    ("có 111 trẻ em", "có một trăm mười một trẻ em"),
    ("gửi đến đầu số 1022", "gửi đến đầu số một không hai hai"),
]

RATIOS = [
    ("17/17 xã", "mười bảy trên mười bảy xã"),
    ("đạt 9/11 chỉ tiêu", "đạt chín trên mười một chỉ tiêu"),
    ("2/3 số hộ", "hai phần ba số hộ"),
    ("1/4 diện tích", "một phần tư diện tích"),
    ("10/10 xã", "mười trên mười xã"),
    ("24/7", "hai mươi tư trên bảy"),
    ("tỷ lệ 1:500", "tỷ lệ một trên năm trăm"),
    ("đạt 8/12 tiêu chí", "đạt tám trên mười hai tiêu chí"),
    ("10 phút/01 bản tin", "mười phút trên một bản tin"),
    ("đạt 15/19 tiêu chí", "đạt mười lăm trên mười chín tiêu chí"),
    ("giảm 1/2 so với năm trước", "giảm một phần hai so với năm trước"),
    ("chiếm 2/3.", "chiếm hai phần ba."),
    ("chiếm 3/5 số xã", "chiếm ba phần năm số xã"),
    ("hơn 1/3 xã", "hơn một trên ba xã"),
    ("đạt 09/12 chỉ tiêu", "đạt chín trên mười hai chỉ tiêu"),
    ("di dời 1.125 hộ/3.850 khẩu", "di dời một nghìn một trăm hai mươi lăm hộ trên ba nghìn tám trăm năm mươi khẩu"),
    ("230 hộ/850 nhân khẩu", "hai trăm ba mươi hộ trên tám trăm năm mươi nhân khẩu"),
]

ABBREVIATIONS = [
    ("UBND huyện", "Ủy ban nhân dân huyện"),
    ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
    ("UBMTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("MTTQ các cấp", "Mặt trận Tổ quốc các cấp"),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ("Bộ TT&TT", "Bộ Thông tin và Truyền thông"),
    ("Cổng TTĐT", "Cổng thông tin điện tử"),
    ("ứng dụng CNTT", "ứng dụng công nghệ thông tin"),
    ("phát triển KT-XH", "phát triển kinh tế xã hội"),
    ("bảo đảm QP-AN", "bảo đảm quốc phòng an ninh"),
    ("sản phẩm OCOP", "sản phẩm ô cốp"),
    ("xây dựng NTM", "xây dựng nông thôn mới"),
    ("V/v triển khai", "Về việc triển khai"),
    ("- Sở TT&TT (b/c);", "Sở Thông tin và Truyền thông, báo cáo;"),
    ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ("TP.HCM", "Thành phố Hồ Chí Minh"),
    ("TP Tam Kỳ", "thành phố Tam Kỳ"),
    ("TP. Đà Nẵng", "thành phố Đà Nẵng"),
    ("TX. Điện Bàn", "thị xã Điện Bàn"),
    ("TT. Núi Thành", "thị trấn Núi Thành"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
    ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở LĐTB&XH", "Sở Lao động, Thương binh và Xã hội"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("tham gia BHXH", "tham gia bảo hiểm xã hội"),
    ("thẻ BHYT", "thẻ bảo hiểm y tế"),
    ("Đ/c Nguyễn Văn Hùng", "Đồng chí Nguyễn Văn Hùng"),
    ("PCT UBND huyện", "Phó Chủ tịch Ủy ban nhân dân huyện"),
    ("UVBTV Tỉnh ủy", "Ủy viên Ban Thường vụ Tỉnh ủy"),
    ("BCH Đảng bộ", "Ban Chấp hành Đảng bộ"),
    ("Ban Chấp hành TW Đảng", "Ban Chấp hành Trung ương Đảng"),
    ("HTX nông nghiệp", "hợp tác xã nông nghiệp"),
    ("trường THCS", "trường trung học cơ sở"),
    ("trường THPT Núi Thành", "trường trung học phổ thông Núi Thành"),
    ("PGS.TS Trần Văn Nam", "Phó Giáo sư, Tiến sĩ Trần Văn Nam"),
    ("ThS. Lê Thị Hoa", "Thạc sĩ Lê Thị Hoa"),
    ("TS. Nguyễn Văn An", "Tiến sĩ Nguyễn Văn An"),
    ("theo TTXVN", "theo Thông tấn xã Việt Nam"),
    ("tổ chức WHO", "tổ chức vê kép hát ô"),
    ("khối ASEAN", "khối a xê an"),
    ("dịch COVID-19", "dịch cô vít mười chín"),
    ("dịch Covid-19", "dịch cô vít mười chín"),
    ("GDP tăng", "giê đê pê tăng"),
    ("vốn FDI", "vốn ép đê i"),
    ("trên QL1A", "trên quốc lộ một a"),
    ("trên QL 1A", "trên quốc lộ một A"),
    ("tuyến ĐT 617", "tuyến đường tỉnh sáu trăm mười bảy"),
    ("ĐT: 0905123456", "điện thoại: không chín không năm, một hai ba, bốn năm sáu"),
    ("giữ vững ANTT", "giữ vững an ninh trật tự"),
    ("công tác PCCC", "công tác phòng cháy chữa cháy"),
    ("đẩy mạnh CCHC", "đẩy mạnh cải cách hành chính"),
    ("giải quyết TTHC", "giải quyết thủ tục hành chính"),
    ("đồng bào DTTS", "đồng bào dân tộc thiểu số"),
    ("đội ngũ CBCCVC", "đội ngũ cán bộ, công chức, viên chức"),
    ("- Lưu: VT, VH TT.", "Lưu: văn thư, văn hóa thông tin."),
    ("TT HĐND huyện", "Thường trực Hội đồng nhân dân huyện"),
    ("Trung tâm VH-TT&TT huyện", "Trung tâm Văn hóa, Thể thao và Truyền thông huyện"),
    ("phòng chống HIV/AIDS", "phòng chống hát i vê ết"),
    ("Ubnd huyện", "Ủy ban nhân dân huyện"),
    ("nước CHXHCN Việt Nam", "nước Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Đoàn TNCS Hồ Chí Minh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("Hội LHPN huyện", "Hội Liên hiệp Phụ nữ huyện"),
    ("ĐBQH tỉnh", "đại biểu Quốc hội tỉnh"),
    ("nhà ở, đất đai v.v.", "nhà ở, đất đai vân vân."),
    ("v/v tổ chức", "về việc tổ chức"),
    ("Ban Tuyên giáo Huyện ủy (b/c)", "Ban Tuyên giáo Huyện ủy, báo cáo"),
    ("K/g: UBND các xã", "Kính gửi: Ủy ban nhân dân các xã"),
    ("Nxb Chính trị quốc gia", "Nhà xuất bản Chính trị quốc gia"),
    ("UBND-UBMTTQ", "Ủy ban nhân dân Ủy ban Mặt trận Tổ quốc"),
    ("HĐND-UBND", "Hội đồng nhân dân Ủy ban nhân dân"),
    ("công nghệ AI", "công nghệ a i"),
    ("vùng ĐBSCL", "vùng Đồng bằng sông Cửu Long"),
    ("nhóm PV Đài TNVN", "nhóm phóng viên Đài Tiếng nói Việt Nam"),
    ("UB MTTQ xã", "Ủy ban Mặt trận Tổ quốc xã"),
    ("quyền lợi của NLĐ", "quyền lợi của người lao động"),
    ("báo Đảng CSVN", "báo Đảng Cộng sản Việt Nam"),
    ("công tác thông tin đối ngoại (TTĐN) từ trung ương", "công tác thông tin đối ngoại từ trung ương"),
    ("Cổng Thông tin điện tử (TTĐT) huyện", "Cổng Thông tin điện tử huyện"),
    ("UBND (Ủy ban nhân dân) tỉnh", "Ủy ban nhân dân tỉnh"),
    ("bảo hiểm y tế (BHXH)", "bảo hiểm y tế, bảo hiểm xã hội"),
    ("- T.Tr HĐND tỉnh;", "Thường trực Hội đồng nhân dân tỉnh;"),
    ("- CVP, PVP UBND tỉnh;", "Chánh Văn phòng, Phó Chánh Văn phòng Ủy ban nhân dân tỉnh;"),
    ("- Lưu: VT, VX.", "Lưu: văn thư, văn xã."),
    ("Đài TH tỉnh", "Đài Truyền hình tỉnh"),
    ("trường TH Tam Xuân", "trường Tiểu học Tam Xuân"),
    ("BTV Huyện ủy", "Ban Thường vụ Huyện ủy"),
    ("Thứ 7, CN", "Thứ bảy, Chủ nhật"),
    ("khu CN Tam Hiệp", "khu công nghiệp Tam Hiệp"),
    ("vắc xin LMLM", "vắc xin lở mồm long móng"),
    ("ca mắc SXH", "ca mắc sốt xuất huyết"),
    ("Ban CHQS xã", "Ban Chỉ huy Quân sự xã"),
    ("trừ điểm GPLX", "trừ điểm giấy phép lái xe"),
    ("CLB Dân ca", "câu lạc bộ Dân ca"),
    ("khu vực TBA Tam Hòa 3", "khu vực trạm biến áp Tam Hòa ba"),
    ("BS. CKII Nguyễn Văn Bình", "Bác sĩ chuyên khoa hai Nguyễn Văn Bình"),
    ("Đoàn TN xã", "Đoàn Thanh niên xã"),
    ("Đồn BP Tam Quang", "Đồn Biên phòng Tam Quang"),
    ("Đội CSGT-TT", "Đội cảnh sát giao thông trật tự"),
    ("ứng dụng CNTT-VT", "ứng dụng công nghệ thông tin viễn thông"),
    ("chỉ số tia UV", "chỉ số tia u vê"),
    ("UV BTV Huyện ủy", "ủy viên Ban Thường vụ Huyện ủy"),
    ("tuyến ĐH5", "tuyến đường huyện năm"),
    ("ĐH Đà Nẵng", "đại học Đà Nẵng"),
    ("giống lúa ĐT100", "giống lúa đê tê một trăm"),
    ("lên mức BĐ3", "lên mức báo động ba"),
    ("Nguyễn Văn T. (SN 1995)", "Nguyễn Văn tê, sinh năm một nghìn chín trăm chín mươi lăm"),
    ("Tin: Thu Hà, Đài TT huyện.", "Tin: Thu Hà, Đài Truyền thanh huyện."),
    ("Đài TT&TH huyện", "Đài Truyền thanh và Truyền hình huyện"),
    ("25 HCV, 18 HCB và 12 HCĐ", "hai mươi lăm huy chương vàng, mười tám huy chương bạc và mười hai huy chương đồng"),
    ("các VĐV, HLV và hàng nghìn CĐV", "các vận động viên, huấn luyện viên và hàng nghìn cổ động viên"),
    ("lần thứ 2 tham dự VCK", "lần thứ hai tham dự vòng chung kết"),
    ("Chương trình GDPT 2018", "Chương trình giáo dục phổ thông hai nghìn không trăm mười tám"),
    ("12 HSG cấp tỉnh", "mười hai học sinh giỏi cấp tỉnh"),
    ("nước sạch theo QCVN", "nước sạch theo quy chuẩn Việt Nam"),
    ("Trung tâm DVVL tỉnh", "Trung tâm dịch vụ việc làm tỉnh"),
    ("Theo Đài KTTV tỉnh, tâm ATNĐ", "Theo Đài khí tượng thủy văn tỉnh, tâm áp thấp nhiệt đới"),
    ("Dịch tả lợn châu Phi (DTLCP) tái phát", "Dịch tả lợn châu Phi tái phát"),
    ("có 12 KVBP", "có mười hai khu vực bỏ phiếu"),
    ("giao dịch TMĐT và thị trường BĐS", "giao dịch thương mại điện tử và thị trường bất động sản"),
    ("Kho bạc Nhà nước (KBNN) huyện", "Kho bạc Nhà nước huyện"),
    ("vốn NSTW", "vốn ngân sách Trung ương"),
    ("Tại COP28", "Tại cốp hai mươi tám"),
    ("Hội đồng Bảo an (HĐBA) Liên hợp quốc (UN) họp.", "Hội đồng Bảo an Liên hợp quốc, u nờ, họp."),
    ("dự án do KOICA và JICA tài trợ", "dự án do cô i ca và gi ca tài trợ"),
    ("TS.BS Trần Văn Long", "Tiến sĩ, Bác sĩ Trần Văn Long"),
    ("lắp 350 bóng đèn LED", "lắp ba trăm năm mươi bóng đèn lét"),
    # Round 4
    ("- TT Đảng ủy, TT HĐND xã (b/c);", "Thường trực Đảng ủy, Thường trực Hội đồng nhân dân xã, báo cáo;"),
    ("- Trưởng các thôn (t/h);", "Trưởng các thôn, thực hiện;"),
    ("BCH Quân sự xã", "Ban Chỉ huy Quân sự xã"),
    ("BCH Đoàn xã", "Ban Chấp hành Đoàn xã"),
    ("Ngân hàng CSXH huyện", "Ngân hàng Chính sách xã hội huyện"),
    ("đối tượng BTXH", "đối tượng bảo trợ xã hội"),
    ("Đội QLTT số 5", "Đội quản lý thị trường số năm"),
    ("Bộ phận TN&TKQ xã", "Bộ phận tiếp nhận và trả kết quả xã"),
    ("Mẹ VNAH Nguyễn Thị Thứ", "Mẹ Việt Nam Anh hùng Nguyễn Thị Thứ"),
    ("Hội ND xã", "Hội Nông dân xã"),
    ("Phòng KT-HT huyện", "Phòng Kinh tế, Hạ tầng huyện"),
    ("Các trường MN, TH, THCS", "Các trường Mầm non, Tiểu học, trung học cơ sở"),
    ("Lưu: VT, TH.", "Lưu: văn thư, tổng hợp."),
    ("sáng T7 hằng tuần", "sáng thứ bảy hằng tuần"),
    ("làm việc cả T7, CN", "làm việc cả thứ bảy, Chủ nhật"),
    ("Lô T7", "Lô tê bảy"),
    ("Làm việc từ Thứ 2 - Thứ 6 hằng tuần", "Làm việc từ Thứ hai đến Thứ sáu hằng tuần"),
    ("Thứ 2 - T6", "Thứ hai đến thứ sáu"),
    ("từ thứ Hai – Chủ nhật", "từ thứ Hai đến Chủ nhật"),
    ("Thứ năm - ngày 5", "Thứ năm ngày năm"),
    ("Độ pH của đất", "Độ pê hát của đất"),
    ("Khí CO2", "Khí xê ô hai"),
    ("bụi mịn PM2.5", "bụi mịn pê mờ hai phẩy năm"),
    ("tiêu chuẩn ISO 9001", "tiêu chuẩn i xô chín nghìn không trăm linh một"),
]

SIGNATURE_BLOCKS = [
    ("TM. ỦY BAN NHÂN DÂN", "Thay mặt ỦY BAN NHÂN DÂN"),
    ("KT. CHỦ TỊCH", "Ký thay CHỦ TỊCH"),
    ("TL. GIÁM ĐỐC", "Thừa lệnh GIÁM ĐỐC"),
    ("Q. CHỦ TỊCH", "Quyền CHỦ TỊCH"),
    ("TUQ. CHỦ TỊCH", "Thừa ủy quyền CHỦ TỊCH"),
    ("KT. GIÁM ĐỐC", "Ký thay GIÁM ĐỐC"),
    ("PHÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("Nơi nhận:", "Nơi nhận:"),
    ("- Như trên;", "Như trên;"),
    ("- Lưu: VT.", "Lưu: văn thư."),
    ("**TM. ỦY BAN NHÂN DÂN", "Thay mặt ỦY BAN NHÂN DÂN"),
    ("CHỦ TỊCH**", "CHỦ TỊCH"),
    ("KT. TRƯỞNG BAN", "Ký thay TRƯỞNG BAN"),
    ("TM. BAN THƯỜNG VỤ", "Thay mặt BAN THƯỜNG VỤ"),
]

CAPS_HEADINGS = [
    ("BÁO CÁO", "BÁO CÁO"),
    ("ỦY BAN NHÂN DÂN HUYỆN NÚI THÀNH", "ỦY BAN NHÂN DÂN HUYỆN NÚI THÀNH"),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("KẾ HOẠCH TUYÊN TRUYỀN KỶ NIỆM 50 NĂM NGÀY GIẢI PHÓNG",
     "KẾ HOẠCH TUYÊN TRUYỀN KỶ NIỆM năm mươi NĂM NGÀY GIẢI PHÓNG"),
    ("THÔNG BÁO KẾT LUẬN CỦA UBND HUYỆN", "THÔNG BÁO KẾT LUẬN CỦA Ủy ban nhân dân HUYỆN"),
    ("UỶ BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN"),
    ("QUYẾT ĐỊNH", "QUYẾT ĐỊNH"),
    ("HUYỆN ỦY NÚI THÀNH", "HUYỆN ỦY NÚI THÀNH"),
    ("AI LÀ NGƯỜI CHIẾN THẮNG", "AI LÀ NGƯỜI CHIẾN THẮNG"),
    ("TRƯỜNG THPT NÚI THÀNH", "TRƯỜNG trung học phổ thông NÚI THÀNH"),
    ("NGHỊ QUYẾT", "NGHỊ QUYẾT"),
    ("THÔNG TIN ĐỐI NGOẠI", "THÔNG TIN ĐỐI NGOẠI"),
    ("BẢN TIN THÔNG TIN ĐỐI NGOẠI QUÝ II/2024", f"BẢN TIN THÔNG TIN ĐỐI NGOẠI QUÝ hai năm {Y2024}"),
    ("KHUYẾN NÔNG GIÚP NGƯỜI DÂN THOÁT NGHÈO", "KHUYẾN NÔNG GIÚP NGƯỜI DÂN THOÁT NGHÈO"),
    ("QUẢNG NAM HƯỚNG TỚI KỶ NIỆM", "QUẢNG NAM HƯỚNG TỚI KỶ NIỆM"),
]

SPELLED = [
    ("mã XYZW", "mã ích xì i dài dét vê kép"),
    ("ban BQT", "ban bê quy tê"),
    ("đài HTV", "đài hát tê vê"),
    ("mã QR", "mã quy rờ"),
    ("mã XQTV", "mã ích xì quy tê vê"),
    ("giống lúa ĐV108", "giống lúa đê vê một trăm linh tám"),
    ("giống ngô lai NK7328", "giống ngô lai nờ ca bảy nghìn ba trăm hai mươi tám"),
    # guard: elsewhere a known abbreviation inside a code is still expanded
    ("tuyến QL1A", "tuyến quốc lộ một a"),
]

LETTERS = [
    ("ông Nguyễn V. Nam", "ông Nguyễn vê Nam"),
    ("ký hiệu N.V.A", "ký hiệu nờ vê a"),
    ("điểm b khoản 1 Điều 5", "điểm bê khoản một Điều năm"),
    ("điểm đ", "điểm đê"),
    ("loại A", "loại A"),
    ("khối C", "khối xê"),
    ("tại P. Hòa Khánh", "tại phường Hòa Khánh"),
    ("Q. Hải Châu", "quận Hải Châu"),
    ("bà Trần Thị B.", "bà Trần Thị bê."),
    ("bệnh nhân F0", "bệnh nhân ép không"),
    ("U23 Việt Nam", "u hai mươi ba Việt Nam"),
    ("mạng 5G", "mạng năm giê"),
    ("cúm H5N1", "cúm hát năm nờ một"),
    ("nhóm G20", "nhóm giê hai mươi"),
    ("nhà ở", "nhà ở"),
    ("ý kiến", "ý kiến"),
    ("đường Phan Chu Trinh, P. Tân Thạnh", "đường Phan Chu Trinh, phường Tân Thạnh"),
    ("Ông Nguyễn Văn I (thôn 6)", "Ông Nguyễn Văn I, thôn sáu"),
    ("xã Tam Xuân I", "xã Tam Xuân một"),
]

ADDRESSES = [
    ("https://stttt.quangnam.gov.vn/", f"ét tê tê tê tê chấm quảng nam {GOV_VN}"),
    ("<https://stttt.quangnam.gov.vn/>", f"ét tê tê tê tê chấm quảng nam {GOV_VN}"),
    ("www.quangnam.gov.vn", f"vê kép vê kép vê kép chấm quảng nam {GOV_VN}"),
    ("trang baochinhphu.vn", "trang báo chính phủ chấm vê nờ"),
    ("ubndnuithanh@quangnam.gov.vn", f"u bê nờ dê núi thành a còng quảng nam {GOV_VN}"),
    ("abc@gmail.com", "a bê xê a còng gờ meo chấm com"),
    ("tại địa chỉ: nuithanh.quangnam.gov.vn.", f"tại địa chỉ: núi thành chấm quảng nam {GOV_VN}."),
    ("http://dangcongsan.vn/thoi-su", "đảng cộng sản chấm vê nờ gạch chéo thoi gạch ngang su"),
    ("dichvucong.gov.vn", f"dịch vụ công {GOV_VN}"),
    ("tại Km 947+300 QL1A", "tại ki lô mét chín trăm bốn mươi bảy cộng ba trăm quốc lộ một a"),
    ("từ Km0 đến Km12", "từ ki lô mét không đến ki lô mét mười hai"),
    ("tại km 15", "tại ki lô mét mười lăm"),
]

SYMBOLS = [
    ("- Tổ chức hội nghị.", "Tổ chức hội nghị."),
    ("+ Mở rộng quan hệ.", "Mở rộng quan hệ."),
    ("• Tăng cường tuyên truyền", "Tăng cường tuyên truyền"),
    ("trên địa bàn huyện Núi Thành./.", "trên địa bàn huyện Núi Thành."),
    ("“Ngày hội Đại đoàn kết”", "Ngày hội Đại đoàn kết"),
    ("thông tin (đối ngoại) huyện", "thông tin, đối ngoại, huyện"),
    ("Nông nghiệp & phát triển", "Nông nghiệp và phát triển"),
    ("> 50%", "lớn hơn năm mươi phần trăm"),
    ("Hà Nội…", "Hà Nội..."),
    ("5 + 3 = 8", "năm cộng ba bằng tám"),
    ("nam/nữ", "nam nữ"),
    ("Tổ 1, tổ 2", "Tổ một, tổ hai"),
    ("cụ thể như sau:", "cụ thể như sau:"),
    (", ngày tháng năm 2024", f"ngày tháng năm {Y2024}"),
    ("kinh tế,xã hội", "kinh tế, xã hội"),
    ("huyện Núi Thành.Các xã", "huyện Núi Thành. Các xã"),
    ("*** Tin vắn ***", "Tin vắn"),
    ("“Việt Nam là bạn” - Tổng Bí thư khẳng định.", "Việt Nam là bạn, Tổng Bí thư khẳng định."),
]

LOANWORDS = [
    ("đăng trên website của Sở", "đăng trên oép sai của Sở"),
    ("trang Facebook", "trang phây búc"),
    ("qua Zalo", "qua da lô"),
    ("họp online", "họp on lai"),
    ("kết nối Internet", "kết nối in tơ nét"),
    ("gửi e-mail", "gửi i meo"),
    ("xuất khẩu 20 container", "xuất khẩu hai mươi công te nơ"),
    ("ASEAN Cup 2024", f"a xê an cúp {Y2024}"),
    ("tại SEA Games 32", "tại xi ghêm ba mươi hai"),
    # English-looking words that espeak-ng would read with its English voice.
    ("uống vitamin A", "uống vi ta min A"),
    ("vắc xin Sởi – Rubella", "vắc xin Sởi, ru bê la"),
    ("gắn chip", "gắn chíp"),
    ("Wi-Fi miễn phí", "oai phai miễn phí"),
]

TONE_PLACEMENT = [
    ("hoà bình", "hoà bình"),
    ("hòa bình", "hòa bình"),
    ("Thuỷ lợi", "Thuỷ lợi"),
    ("Thủy lợi", "Thủy lợi"),
    ("Uỷ ban", "Uỷ ban"),
    ("khoá XIII", "khoá mười ba"),
    ("Khỏe mạnh, khoẻ mạnh", "Khỏe mạnh, khoẻ mạnh"),
]

DOCUMENT_SYMBOLS = [
    ("Công văn số 179-CV/BTGHU ngày 11/6/2024 của Ban Tuyên giáo Huyện ủy",
     f"Công văn số một trăm bảy mươi chín ngày mười một tháng sáu năm {Y2024} của Ban Tuyên giáo Huyện ủy"),
    ("theo Công văn số 179-CV/BTGHU.", "theo Công văn số một trăm bảy mươi chín của Ban Tuyên giáo Huyện ủy."),
    ("Nghị định số 30/2020/NĐ-CP", f"Nghị định số ba mươi năm {Y2020} của Chính phủ"),
    ("Kế hoạch số 12/KH-UBND", "Kế hoạch số mười hai của Ủy ban nhân dân"),
    ("Thông tư 39/2020/TT-BTTTT", f"Thông tư ba mươi chín năm {Y2020} của Bộ Thông tin và Truyền thông"),
    ("Số: 15/BC-UBND", "Số: mười lăm báo cáo của Ủy ban nhân dân"),
    ("Số: /BC-UBND", "Số: báo cáo của Ủy ban nhân dân"),
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024",
     f"Nghị quyết số năm mươi bảy của Trung ương ngày hai mươi hai tháng mười hai năm {Y2024}"),
    ("Chỉ thị 05-CT/TW", "Chỉ thị năm của Trung ương"),
    ("Quyết định số 1234/QĐ-UBND", "Quyết định số một nghìn hai trăm ba mươi tư của Ủy ban nhân dân"),
    ("Văn bản số 102/UBND-VX", "Văn bản số một trăm linh hai của Ủy ban nhân dân"),
    ("Quyết định 05/2024/QĐ-TTg", f"Quyết định năm năm {Y2024} của Thủ tướng Chính phủ"),
    ("Giấy phép số 01/GP-STTTT", "Giấy phép số một của Sở Thông tin và Truyền thông"),
    ("Hướng dẫn 15-HD/BTGTW", "Hướng dẫn mười lăm của Ban Tuyên giáo Trung ương"),
    ("Luật số 15/2020/QH14", f"Luật số mười lăm năm {Y2020} của Quốc hội khóa mười bốn"),
    ("theo 179-CV/BTGHU", "theo một trăm bảy mươi chín công văn của Ban Tuyên giáo Huyện ủy"),
    ("Kết luận số 01-KL/TW của Bộ Chính trị", "Kết luận số một của Bộ Chính trị"),
    ("Quy định 37-QĐ/TW", "Quy định ba mươi bảy của Trung ương"),
    ("Quy định số 37-QĐ/TW của Bộ Chính trị", "Quy định số ba mươi bảy của Bộ Chính trị"),
    ("Văn bản hợp nhất số 01/VBHN-VPQH", "Văn bản hợp nhất số một của Văn phòng Quốc hội"),
    # guard: a word before the symbol that is not a document type does not hide the type
    ("Văn bản 45/QĐ-UBND", "Văn bản bốn mươi lăm quyết định của Ủy ban nhân dân"),
]

SENTENCES = [
    (
        "Thực hiện Công văn số 179-CV/BTGHU ngày 11/6/2024 của Ban Tuyên giáo Huyện ủy về việc sơ kết công tác "
        "thông tin đối ngoại 6 tháng đầu năm 2024, UBND huyện Núi Thành báo cáo kết quả công tác thông tin đối "
        "ngoại 06 tháng đầu năm và phương hướng, nhiệm vụ 06 tháng cuối năm 2024 trên địa bàn huyện Núi Thành, "
        "cụ thể như sau:",
        f"Thực hiện Công văn số một trăm bảy mươi chín ngày mười một tháng sáu năm {Y2024} của Ban Tuyên giáo "
        f"Huyện ủy về việc sơ kết công tác thông tin đối ngoại sáu tháng đầu năm {Y2024}, Ủy ban nhân dân huyện "
        "Núi Thành báo cáo kết quả công tác thông tin đối ngoại sáu tháng đầu năm và phương hướng, nhiệm vụ sáu "
        f"tháng cuối năm {Y2024} trên địa bàn huyện Núi Thành, cụ thể như sau:",
    ),
    (
        "- Tổ chức gặp mặt với các cơ quan báo chí nhân kỷ niệm 99 năm Ngày Báo chí cách mạng Việt Nam "
        "(21/6/1925- 21/6/2024).",
        "Tổ chức gặp mặt với các cơ quan báo chí nhân kỷ niệm chín mươi chín năm Ngày Báo chí cách mạng Việt "
        "Nam, ngày hai mươi mốt tháng sáu năm một nghìn chín trăm hai mươi lăm đến ngày hai mươi mốt tháng sáu "
        f"năm {Y2024}.",
    ),
    (
        "- Tổ chức phát sóng Bản tin phát thanh chuyên đề Thông tin đối ngoại (Sở Thông tin và Truyền thông xây "
        "dựng được đăng lên website của Sở, tại địa chỉ: <https://stttt.quangnam.gov.vn/>) mỗi quý 02 bản tin "
        "(thời lượng 10 phút/01 bản tin).",
        "Tổ chức phát sóng Bản tin phát thanh chuyên đề Thông tin đối ngoại, Sở Thông tin và Truyền thông xây "
        "dựng được đăng lên oép sai của Sở, tại địa chỉ: ét tê tê tê tê chấm quảng nam chấm gờ o vê chấm vê nờ, "
        "mỗi quý hai bản tin, thời lượng mười phút trên một bản tin.",
    ),
    (
        "- UBND huyện phân công 01 lãnh đạo phụ trách chỉ đạo công tác thông tin đối ngoại và 01 cán bộ tham mưu "
        "thực hiện công tác thông tin đối ngoại tại đơn vị, địa phương.",
        "Ủy ban nhân dân huyện phân công một lãnh đạo phụ trách chỉ đạo công tác thông tin đối ngoại và một cán "
        "bộ tham mưu thực hiện công tác thông tin đối ngoại tại đơn vị, địa phương.",
    ),
    (
        "- Tăng cường tuyên truyền trên Cổng TTĐT, các trang mạng xã hội về công tác tuyên truyền đường lối, "
        "chủ trương của Đảng, chính sách, pháp luật của Nhà nước; tình hình kinh tế - xã hội của tỉnh, của huyện.",
        "Tăng cường tuyên truyền trên Cổng thông tin điện tử, các trang mạng xã hội về công tác tuyên truyền "
        "đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước; tình hình kinh tế xã hội của tỉnh, "
        "của huyện.",
    ),
    (
        "Trên đây là báo cáo của UBND huyện công tác thông tin đối ngoại 6 tháng đầu năm 2024 và phương hướng, "
        "nhiệm vụ 6 tháng cuối năm trên địa bàn huyện Núi Thành./.",
        f"Trên đây là báo cáo của Ủy ban nhân dân huyện công tác thông tin đối ngoại sáu tháng đầu năm {Y2024} và "
        "phương hướng, nhiệm vụ sáu tháng cuối năm trên địa bàn huyện Núi Thành.",
    ),
    (
        "Sáng 15/3, tại Hội trường UBND huyện, HĐND huyện khóa XII tổ chức kỳ họp thứ 14 (kỳ họp chuyên đề).",
        "Sáng ngày mười lăm tháng ba, tại Hội trường Ủy ban nhân dân huyện, Hội đồng nhân dân huyện khóa mười "
        "hai tổ chức kỳ họp thứ mười bốn, kỳ họp chuyên đề.",
    ),
    (
        "Năm 2023, tổng sản phẩm trên địa bàn (GRDP) tăng 6,8% so với cùng kỳ.",
        "Năm hai nghìn không trăm hai mươi ba, tổng sản phẩm trên địa bàn, giê rờ đê pê, tăng sáu phẩy tám "
        "phần trăm so với cùng kỳ.",
    ),
    (
        "Toàn huyện có 17/17 xã đạt chuẩn nông thôn mới, trong đó 5 xã đạt chuẩn NTM nâng cao.",
        "Toàn huyện có mười bảy trên mười bảy xã đạt chuẩn nông thôn mới, trong đó năm xã đạt chuẩn nông thôn "
        "mới nâng cao.",
    ),
    (
        "Tỷ lệ hộ nghèo giảm còn 2,15%, hộ cận nghèo còn 3,5%.",
        "Tỷ lệ hộ nghèo giảm còn hai phẩy mười lăm phần trăm, hộ cận nghèo còn ba phẩy năm phần trăm.",
    ),
    (
        "Từ ngày 01/7/2024, mức lương cơ sở tăng từ 1,8 triệu đồng lên 2,34 triệu đồng/tháng.",
        f"Từ ngày một tháng bảy năm {Y2024}, mức lương cơ sở tăng từ một phẩy tám triệu đồng lên hai phẩy ba "
        "mươi tư triệu đồng trên tháng.",
    ),
    (
        "Đến ngày 30/6/2024, toàn tỉnh có 1.250.000 người tham gia BHYT, đạt tỷ lệ bao phủ 93,5%.",
        f"Đến ngày ba mươi tháng sáu năm {Y2024}, toàn tỉnh có một triệu hai trăm năm mươi nghìn người tham gia "
        "bảo hiểm y tế, đạt tỷ lệ bao phủ chín mươi ba phẩy năm phần trăm.",
    ),
    (
        "Chủ tịch Hồ Chí Minh (19/5/1890 - 2/9/1969) là anh hùng giải phóng dân tộc.",
        "Chủ tịch Hồ Chí Minh, ngày mười chín tháng năm năm một nghìn tám trăm chín mươi đến ngày hai tháng chín "
        "năm một nghìn chín trăm sáu mươi chín, là anh hùng giải phóng dân tộc.",
    ),
    (
        "Dự báo thời tiết: nhiệt độ từ 25 - 33 độ C, gió cấp 3-4, giật cấp 6.",
        "Dự báo thời tiết: nhiệt độ từ hai mươi lăm đến ba mươi ba độ xê, gió cấp ba đến bốn, giật cấp sáu.",
    ),
    (
        "Diện tích lúa gieo sạ 1.200 ha, năng suất ước đạt 62 tạ/ha, sản lượng 7.440 tấn.",
        "Diện tích lúa gieo sạ một nghìn hai trăm héc ta, năng suất ước đạt sáu mươi hai tạ trên héc ta, sản "
        "lượng bảy nghìn bốn trăm bốn mươi tấn.",
    ),
    (
        "Lúc 14 giờ 30 phút ngày 20/10, xảy ra vụ tai nạn giao thông trên QL1A đoạn qua xã Tam Nghĩa.",
        "Lúc mười bốn giờ ba mươi phút ngày hai mươi tháng mười, xảy ra vụ tai nạn giao thông trên quốc lộ một "
        "a đoạn qua xã Tam Nghĩa.",
    ),
    (
        "Đ/c Nguyễn Văn A, PCT UBND huyện phát biểu tại hội nghị.",
        "Đồng chí Nguyễn Văn A, Phó Chủ tịch Ủy ban nhân dân huyện phát biểu tại hội nghị.",
    ),
    (
        "PGS.TS Trần Văn B, Giám đốc Sở GD&ĐT, cho biết năm học 2024-2025 có 12.500 học sinh.",
        f"Phó Giáo sư, Tiến sĩ Trần Văn bê, Giám đốc Sở Giáo dục và Đào tạo, cho biết năm học {Y2024} đến "
        f"{Y2025} có mười hai nghìn năm trăm học sinh.",
    ),
    (
        "Tham dự có đồng chí Lê Văn Dũng, UVBTV Tỉnh ủy, Bí thư Huyện ủy, Chủ tịch HĐND huyện.",
        "Tham dự có đồng chí Lê Văn Dũng, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Huyện ủy, Chủ tịch Hội đồng "
        "nhân dân huyện.",
    ),
    (
        "Tổng kinh phí thực hiện hơn 3,2 tỷ đồng, trong đó ngân sách Trung ương 2 tỷ đồng.",
        "Tổng kinh phí thực hiện hơn ba phẩy hai tỷ đồng, trong đó ngân sách Trung ương hai tỷ đồng.",
    ),
    (
        "Việt Nam và Hoa Kỳ nâng cấp quan hệ lên Đối tác Chiến lược Toàn diện vào tháng 9/2023.",
        "Việt Nam và Hoa Kỳ nâng cấp quan hệ lên Đối tác Chiến lược Toàn diện vào tháng chín năm hai nghìn "
        "không trăm hai mươi ba.",
    ),
    (
        "Hội nghị lần thứ 10 Ban Chấp hành Trung ương Đảng khóa XIII.",
        "Hội nghị lần thứ mười Ban Chấp hành Trung ương Đảng khóa mười ba.",
    ),
    (
        "Tốc độ tăng trưởng bình quân giai đoạn 2021 – 2025 đạt 7,5%/năm.",
        f"Tốc độ tăng trưởng bình quân giai đoạn {Y2021} đến {Y2025} đạt bảy phẩy năm phần trăm trên năm.",
    ),
    (
        "Quý II/2024, kim ngạch xuất khẩu đạt 125,6 triệu USD, tăng 12,5% so với quý I.",
        f"Quý hai năm {Y2024}, kim ngạch xuất khẩu đạt một trăm hai mươi lăm phẩy sáu triệu đô la Mỹ, tăng mười "
        "hai phẩy năm phần trăm so với quý một.",
    ),
    (
        "Các sản phẩm OCOP đạt 3 sao, 4 sao được giới thiệu tại hội chợ từ ngày 12-13/4.",
        "Các sản phẩm ô cốp đạt ba sao, bốn sao được giới thiệu tại hội chợ từ ngày mười hai đến mười ba tháng tư.",
    ),
    (
        "Mọi ý kiến xin gửi về địa chỉ ubndnuithanh@quangnam.gov.vn hoặc gọi 0235.3871.234.",
        "Mọi ý kiến xin gửi về địa chỉ u bê nờ dê núi thành a còng quảng nam chấm gờ o vê chấm vê nờ hoặc gọi "
        "không hai ba năm, ba tám bảy một, hai ba bốn.",
    ),
    (
        "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng đã đề ra mục tiêu đến giữa thế kỷ XXI.",
        "Đại hội đại biểu toàn quốc lần thứ mười ba của Đảng đã đề ra mục tiêu đến giữa thế kỷ hai mươi mốt.",
    ),
    (
        "Kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025).",
        "Kỷ niệm năm mươi năm Ngày giải phóng miền Nam, thống nhất đất nước, ngày ba mươi tháng tư năm "
        f"{Y1975} đến ngày ba mươi tháng tư năm {Y2025}.",
    ),
    (
        "Toàn tỉnh hiện có 1.032 sản phẩm OCOP, trong đó 105 sản phẩm đạt 4 sao và 21 sản phẩm đạt 5 sao.",
        "Toàn tỉnh hiện có một nghìn không trăm ba mươi hai sản phẩm ô cốp, trong đó một trăm linh năm sản phẩm "
        "đạt bốn sao và hai mươi mốt sản phẩm đạt năm sao.",
    ),
    (
        "Trong 6 tháng đầu năm, Đài Truyền thanh huyện đã phát 250 tin, bài; tiếp sóng Đài TNVN 1.460 giờ.",
        "Trong sáu tháng đầu năm, Đài Truyền thanh huyện đã phát hai trăm năm mươi tin, bài; tiếp sóng Đài Tiếng "
        "nói Việt Nam một nghìn bốn trăm sáu mươi giờ.",
    ),
]

NFD = [
    (unicodedata.normalize("NFD", "Ủy ban nhân dân huyện Núi Thành"), "Ủy ban nhân dân huyện Núi Thành"),
    (unicodedata.normalize("NFD", "ngày 21/6/2024"), f"ngày hai mươi mốt tháng sáu năm {Y2024}"),
    (unicodedata.normalize("NFD", "UBND tỉnh Quảng Nam"), "Ủy ban nhân dân tỉnh Quảng Nam"),
    (unicodedata.normalize("NFD", "khoá XIII"), "khoá mười ba"),
    (unicodedata.normalize("NFD", "tháng 4"), "tháng tư"),
    (unicodedata.normalize("NFD", "Sở TT&TT (b/c);"), "Sở Thông tin và Truyền thông, báo cáo;"),
    (unicodedata.normalize("NFD", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"), "ĐỘC LẬP TỰ DO HẠNH PHÚC"),
    (unicodedata.normalize("NFD", "Hội nghị lần thứ XIII"), "Hội nghị lần thứ mười ba"),
]

GROUPS = {
    "number": NUMBERS, "ordinal": ORDINALS, "date": DATES, "date-range": DATE_RANGES, "range": RANGES,
    "roman": ROMAN, "time": TIMES, "percent-currency": PERCENT_CURRENCY, "unit": UNITS, "phone": PHONES,
    "ratio": RATIOS, "abbreviation": ABBREVIATIONS, "signature": SIGNATURE_BLOCKS, "caps": CAPS_HEADINGS,
    "spelled": SPELLED, "letter": LETTERS, "address": ADDRESSES, "symbol": SYMBOLS, "loanword": LOANWORDS,
    "tone": TONE_PLACEMENT, "docsym": DOCUMENT_SYMBOLS, "sentence": SENTENCES, "nfd": NFD,
}
CASES = [pytest.param(written, spoken, id=f"{group}-{i}")
         for group, rows in GROUPS.items() for i, (written, spoken) in enumerate(rows)]


@pytest.fixture(scope="module")
def normalizer():
    return Normalizer()


@pytest.mark.parametrize("written, spoken", CASES)
def test_spoken_form(normalizer, written, spoken):
    assert normalizer.normalize(written) == spoken
