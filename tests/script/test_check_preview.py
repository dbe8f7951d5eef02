"""check shows the words before airing, reports every mistake at once; the closing says the title naturally."""

from __future__ import annotations

import pytest
from helpers import run_cli, write_script

from bulletin.checker import marked_spoken
from bulletin.plan.program import spoken_title
from bulletin.text import Normalizer

CLOSING = "{station} vừa phát bản tin {title}. Cảm ơn quý vị và các bạn đã lắng nghe."


def test_check_text_prints_each_item_as_it_will_be_heard(station, station_dir):
    write_script(station_dir, "tin.md", "Kính thưa bà con.\n\n# Tiêm phòng\n\n"
                 "UBND xã tiêm phòng đợt 3/2023 cho đàn XYZQ từ 5.6-20.7.\n\n## Tin vắn\n\nGọi 318 công dân.\n",
                 front="title: BẢN TIN THÔNG TIN ĐỐI NGOẠI QUÝ II/2024\n")
    result = run_cli("check", "tin.md", "--engine", "espeak", "--text")
    assert result.exit_code == 0, result.output
    text = result.output.split("Lời đọc (như sẽ phát")[1].split("Tổng ước tính")[0]
    lines = [line.strip() for line in text.splitlines()]
    assert lines[1:4] == ["1. Mở đầu", f"Đây là {station.name}.", "Kính thưa bà con."]
    assert lines[4:6] == ["2. Tiêm phòng", "Tiêu đề (dòng 6): Tiêm phòng"]
    assert lines[6] == (
        "[Ủy ban nhân dân] xã tiêm phòng đợt [ba năm hai nghìn không trăm hai mươi ba] cho đàn "
        "{ích xì i dài dét quy} từ [ngày năm tháng sáu đến ngày hai mươi tháng bảy]."
    )
    assert lines[7:10] == ["3. Tin vắn", "Tiêu đề (dòng 10): Tin vắn", "Gọi [ba trăm mười tám] công dân."]
    # The closing: the title in capitals said in sentence case, "bản tin" not said twice.
    assert lines[10:12] == ["4. Kết thúc", f"{station.name} vừa phát bản tin thông tin đối ngoại quý "
                            "[hai năm hai nghìn không trăm hai mươi tư]. Cảm ơn quý vị và các bạn đã lắng nghe."]
    # Without --text, no listing.
    assert "Lời đọc" not in run_cli("check", "tin.md", "--engine", "espeak").output


def test_marked_text_matches_the_normalizer():
    normalizer = Normalizer()
    text = "Ngày 21/6/2024, HĐND huyện họp; liên hệ ABCXYZ."
    marked = marked_spoken(normalizer, text)
    unmarked = marked.replace("[", "").replace("]", "").replace("{", "").replace("}", "")
    assert " ".join(unmarked.split()) == " ".join(normalizer.normalize(text).split())
    assert "{" in marked and "[" in marked


@pytest.mark.parametrize("title, said", [
    ("BẢN TIN THÔNG TIN ĐỐI NGOẠI QUÝ II/2024", "thông tin đối ngoại quý II/2024"),
    ("Bản tin thông tin đối ngoại quý II/2024", "thông tin đối ngoại quý II/2024"),
    ("THÔNG BÁO CỦA UBND XÃ VỀ LỊCH CẮT ĐIỆN", "thông báo của UBND xã về lịch cắt điện"),
    ("Tin tuyển quân", "Tin tuyển quân"),
    ("Công tác thông tin đối ngoại: kết quả sáu tháng đầu năm 2024 và phương hướng nhiệm vụ sáu tháng cuối năm",
     "Công tác thông tin đối ngoại"),
    ("Kết quả công tác thông tin đối ngoại của Ủy ban nhân dân huyện Núi Thành trong sáu tháng đầu năm 2024 "
     "và phương hướng nhiệm vụ sáu tháng cuối năm", "Thông tin đối ngoại"),
])
def test_closing_title(title, said):
    assert spoken_title(CLOSING, title, "Thông tin đối ngoại") == said


def test_check_lists_every_mistake(station, station_dir):
    write_script(station_dir, "loi.md", "# Mục\n\n@audio khong-co.mp3\n\n@pause abc\n\n#\n\n@lamgi\n",
                 front="title: A\nlevel: gấp lắm\n")
    result = run_cli("check", "loi.md", "--engine", "espeak")
    assert result.exit_code == 1
    assert "5 lỗi trong kịch bản" in result.output
    for line in (3, 7, 9, 11, 13):
        assert f"dòng {line}: " in result.output, line
