"""How fast the normalizer reads a 10-minute bulletin.

Run on demand (tests never time anything):

    PYTHONPATH=. python benchmarks/bench_normalize.py [--runs 200]

Builds about 12,000 characters of bulletin prose (numbers, dates, abbreviations,
document symbols, addresses, a signature block; every line different), normalizes
it many times, each time with a new Normalizer built outside the timed part (the
Normalizer remembers paragraphs it has read, so one instance would time only its
memory), and prints the median, minimum and maximum time per run (wall clock and
CPU time), then the time of a second read by the same Normalizer (what `check`
pays when it reads a paragraph again).
"""

from __future__ import annotations

import argparse
import statistics
import time

from bulletin.text import Normalizer, count_syllables

SENTENCES = (
    "Thực hiện Công văn số 179-CV/BTGHU ngày 11/6/2024 của Ban Tuyên giáo Huyện ủy về việc sơ kết công tác "
    "thông tin đối ngoại 6 tháng đầu năm 2024, UBND huyện Núi Thành báo cáo kết quả như sau:",
    "- Tổ chức gặp mặt các cơ quan báo chí nhân kỷ niệm 99 năm Ngày Báo chí cách mạng Việt Nam "
    "(21/6/1925- 21/6/2024).",
    "Năm 2023, tổng sản phẩm trên địa bàn (GRDP) tăng 6,8% so với cùng kỳ; thu nhập bình quân đầu người "
    "đạt 65,5 triệu đồng/người/năm.",
    "Toàn huyện có 17/17 xã đạt chuẩn nông thôn mới, trong đó 5 xã đạt chuẩn NTM nâng cao và 2 xã đạt "
    "chuẩn NTM kiểu mẫu.",
    "Tỷ lệ hộ nghèo giảm còn 2,15%, hộ cận nghèo còn 3,5%; đã có 1.032 hộ thoát nghèo trong giai đoạn "
    "2021-2025.",
    "Từ ngày 01/7/2024, mức lương cơ sở tăng từ 1,8 triệu đồng lên 2,34 triệu đồng/tháng.",
    "Đến ngày 30/6/2024, toàn tỉnh có 1.250.000 người tham gia BHYT, đạt tỷ lệ bao phủ 93,5%.",
    "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ quy định về công tác văn thư.",
    "Sáng 15/3, tại Hội trường UBND huyện, HĐND huyện khóa XII tổ chức kỳ họp thứ 14 (kỳ họp chuyên đề).",
    "Dự báo thời tiết: nhiệt độ từ 25 - 33°C, gió cấp 3-4, lượng mưa phổ biến 50-100 mm.",
    "Diện tích lúa gieo sạ 1.200 ha, năng suất ước đạt 62 tạ/ha, sản lượng 7.440 tấn.",
    "Lúc 14h30 ngày 20/10, tại km 15 trên QL1A đoạn qua xã Tam Nghĩa xảy ra vụ va chạm giao thông.",
    "Đ/c Nguyễn Văn A, PCT UBND huyện, phát biểu chỉ đạo tại hội nghị tổng kết công tác năm 2023.",
    "Sở TT&TT đã phát hành 02 bản tin mỗi quý (thời lượng 10 phút/01 bản tin) trên Cổng TTĐT tỉnh.",
    "Mọi ý kiến xin gửi về địa chỉ thư điện tử ubndnuithanh@quangnam.gov.vn hoặc gọi đường dây nóng "
    "0235.3871.234.",
    "Bản tin được đăng tải tại https://stttt.quangnam.gov.vn/ và trên trang nuithanh.quangnam.gov.vn.",
    "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng đã đề ra mục tiêu đến giữa thế kỷ XXI.",
    "Quý II/2024, kim ngạch xuất khẩu đạt 125,6 triệu USD, tăng 12,5% so với quý I.",
    "Chương trình MTQG xây dựng NTM, giảm nghèo bền vững và phát triển KT-XH vùng đồng bào DTTS&MN.",
    "Công tác bảo đảm QP-AN, giữ vững ANCT, TTATXH trên địa bàn được tăng cường.",
    "Các sản phẩm OCOP đạt 3 sao, 4 sao được giới thiệu tại hội chợ từ ngày 12-13/4.",
    "Tổng kinh phí thực hiện hơn 3,2 tỷ đồng, trong đó ngân sách Trung ương 2 tỷ đồng, ngân sách địa phương "
    "1.200.000.000 đồng.",
    "Kế hoạch số 125/KH-UBND ngày 20/3/2024 triển khai Luật Đất đai năm 2024 có hiệu lực từ 1/8/2024.",
    "Tham dự có đồng chí Lê Văn Dũng, UVBTV Tỉnh ủy, Bí thư Huyện ủy, Chủ tịch HĐND huyện.",
    "Trên đây là báo cáo của UBND huyện về công tác thông tin đối ngoại 6 tháng đầu năm 2024./.",
    "Nơi nhận: - Sở TT&TT (b/c); - Ban Tuyên giáo Huyện ủy (b/c); - Lưu: VT, VH TT.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    # Real public text (issue 12): day.month dates, storm names, fuel grades, addresses, web.
    "Chiến dịch tiêm phòng từ 5.6-20.7; hạn báo cáo trước 9-11. Bão YAGI (bão số 3) cách đảo Hải Nam "
    "khoảng 560km, sức gió cấp 12 (118-133 km/h), giật cấp 15.",
    "Từ 15h chiều 23-5, xăng RON 95-III tăng 670 đồng/lít; E5 RON 92-II giảm 290 đồng/lít.",
    "Trụ sở tại P.Hải Châu, Q.Hải Châu, TP.Đà Nẵng; mỗi thôn bố trí 3 cán bộ/thôn, trực 24/24 giờ.",
    "Mọi phản ánh gửi về vanphongthanhuy@hanoi.gov.vn hoặc gọi 8011035, xem tại https://soyte.hanoi.gov.vn/.",
)


def bulletin_text(target_chars: int = 12_000) -> str:
    """About ``target_chars`` of bulletin prose, one paragraph per line."""
    lines: list[str] = []
    size = 0
    i = 0
    while size < target_chars:
        # A numbered lead-in keeps every line different, as in a real bulletin.
        line = f"Tin {i + 1}. {SENTENCES[i % len(SENTENCES)]}"
        lines.append(line)
        size += len(line) + 1
        i += 1
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    text = bulletin_text()
    started = time.perf_counter()
    normalizer = Normalizer()
    build_ms = (time.perf_counter() - started) * 1000
    spoken = normalizer.normalize(text)  # warm the shared tables once

    timings, cpu, again = [], [], []
    for _ in range(args.runs):
        fresh = Normalizer()
        started, started_cpu = time.perf_counter(), time.process_time()
        fresh.normalize(text)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        started = time.perf_counter()
        fresh.normalize(text)
        again.append((time.perf_counter() - started) * 1000)

    print(f"input: {len(text):,} characters, {text.count(chr(10)) + 1} lines")
    print(f"spoken: {len(spoken):,} characters, {count_syllables(spoken):,} syllables")
    print(f"Normalizer() construction: {build_ms:.1f} ms")
    print(f"normalize, {args.runs} runs: median {statistics.median(timings):.1f} ms, "
          f"min {min(timings):.1f} ms, max {max(timings):.1f} ms (wall clock)")
    # CPU time is less disturbed by other programs sharing the machine.
    print(f"normalize CPU time: median {statistics.median(cpu):.1f} ms, "
          f"min {min(cpu):.1f} ms, max {max(cpu):.1f} ms")
    print(f"second read by the same Normalizer: median {statistics.median(again):.2f} ms")


if __name__ == "__main__":
    main()
