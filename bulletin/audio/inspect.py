"""Looking into an audio file: its tags, chapters, duration and loudness measured afresh, and a verdict.

The verdict compares the file with what the station airs (duration against the
target, loudness against the target, true peak against the ceiling, tags a
log and a report need) and says what ``bulletin build`` would do to make it
compliant, in plain Vietnamese.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bulletin.audio import media
from bulletin.audio.meter import SILENCE, Levels, measure
from bulletin.audio.silence import quiet_spans
from bulletin.audio.tags import BulletinTags, read_file_tags
from bulletin.config import Station
from bulletin.plan.fit import PAD_TITLE
from bulletin.plan.recording import trimmed
from bulletin.reports.quota import short_of_minimum
from bulletin.timing import format_clock
from bulletin.vn_format import capitalize, vn_number

LOUDNESS_TOLERANCE = 0.5  # LU either side of the target a finished file may be
PEAK_MARGIN = 0.05  # dB over the ceiling still shown as the ceiling (one decimal)
ANALYSIS_RATE = 8000  # Hz: enough to find the pauses


@dataclass(frozen=True)
class Inspection:
    path: Path
    format: media.Probe
    size: int
    tags: BulletinTags
    levels: Levels  # measured now, on the decoded file
    sound_span: tuple[float, float] = (0.0, 0.0)  # first and last sound (seconds), silence at the ends left out


@dataclass(frozen=True)
class Finding:
    ok: bool
    text: str  # Vietnamese, one line


@dataclass(frozen=True)
class Verdict:
    findings: tuple[Finding, ...]
    actions: tuple[str, ...]  # what ``build`` would do, in order (empty when compliant)
    command: str  # the build command to run ("" when compliant)
    # Why an airing of the file will not count towards the quota ("" when it will). A short file is
    # still compliant: it airs as it is, it is only not counted.
    uncounted: str = ""
    # The file holds less audio than its header says: building from it cannot help, fetch it again.
    cut_short: bool = False

    @property
    def compliant(self) -> bool:
        return all(f.ok for f in self.findings)


def inspect_file(path: Path) -> Inspection:
    """Read the tags and chapters of ``path``, measure its loudness and true peak, find its silent ends."""
    path = Path(path)
    info = media.probe(path)
    tags = read_file_tags(path)
    levels = measure(media.read_blocks(path, info.rate, info.channels), info.rate, info.channels,
                     _padded(tags, info.rate))
    sound = media.decode(path, ANALYSIS_RATE, 1)
    span = trimmed(sound.duration, quiet_spans(sound), keep=0.0)
    return Inspection(path, info, path.stat().st_size, tags, levels, span)


def _padded(tags: BulletinTags, rate: int) -> tuple[int, int] | None:
    """The frames of the music ``--pad`` added (its chapter), left out of the loudness as the build
    left them out: it plays at bed level, under the speech's loudness."""
    if not tags.padding_seconds:
        return None
    pad = next((c for c in tags.chapters if c.title == PAD_TITLE), None)
    return (round(pad.start * rate), round(pad.end * rate)) if pad is not None else None


def judge(found: Inspection, station: Station) -> Verdict:
    """Is ``found`` ready to air at ``station``, and if not, what would ``build`` do about it."""
    settings = station.audio
    tags = found.tags
    target = station.rule_for(tags.series or station.series).target_seconds
    findings: list[Finding] = []
    actions: list[str] = []
    options: list[str] = []

    duration = found.format.duration
    if found.format.cut_short:
        findings.append(Finding(False, f"Tệp bị cụt: phần đầu tệp ghi dài {format_clock(found.format.claimed)} nhưng "
                                       f"chỉ có {format_clock(duration)} âm thanh (tải chưa xong hoặc chép bị lỗi); "
                                       "hãy tải hoặc chép lại tệp từ nguồn."))
    if duration <= target:
        findings.append(Finding(True, f"Thời lượng {format_clock(duration, decimals=1)}: không quá mục tiêu "
                                      f"{format_clock(target)}."))
    else:
        findings.append(Finding(False, f"Thời lượng {format_clock(duration, decimals=1)}: dài quá mục tiêu "
                                       f"{format_clock(target)} là {vn_number(duration - target)} giây."))
        start, end = found.sound_span
        sound = max(0.0, end - start) or duration
        if sound < duration - 0.5:
            actions.append(f"bỏ khoảng lặng ở hai đầu tệp ({vn_number(duration - sound)} giây)")
        top = 1.0 + settings.max_speedup
        if sound <= target:
            pass
        elif sound / target <= top:
            actions.append(f"phát nhanh hơn khoảng {vn_number(100 * (sound / target - 1))} % (giữ nguyên cao độ, "
                           f"trong giới hạn {vn_number(100 * settings.max_speedup, 0)} %) cho vừa {format_clock(target)}")
        else:
            over = sound - target * top
            actions.append(f"phát nhanh hơn {vn_number(100 * settings.max_speedup, 0)} % (tối đa) vẫn thừa "
                           f"{vn_number(over)} giây: chỉ khi có --allow-cut mới kết thúc sớm tại một khoảng lặng "
                           f"(bỏ khoảng {vn_number(over * top)} giây cuối)")
            options.append("--allow-cut")

    loudness = found.levels.loudness
    aim = settings.loudness
    if loudness == SILENCE:
        findings.append(Finding(False, "Tệp không có âm thanh (im lặng hoàn toàn)."))
    elif abs(loudness - aim) <= LOUDNESS_TOLERANCE:
        findings.append(Finding(True, f"Độ lớn {vn_number(loudness)} LUFS: đúng mục tiêu {vn_number(aim)} LUFS."))
    else:
        word = "nhỏ" if loudness < aim else "to"
        findings.append(Finding(False, f"Độ lớn {vn_number(loudness)} LUFS: {word} hơn mục tiêu {vn_number(aim)} LUFS "
                                       f"{vn_number(abs(aim - loudness))} dB."))
        actions.append(f"{'nâng' if loudness < aim else 'giảm'} độ lớn {vn_number(abs(aim - loudness))} dB về "
                       f"{vn_number(aim)} LUFS, qua cùng bộ nén và giới hạn đỉnh như giọng đọc")

    peak = found.levels.true_peak
    ceiling = settings.true_peak
    if peak <= ceiling + PEAK_MARGIN:
        findings.append(Finding(True, f"Đỉnh thực {vn_number(peak)} dBTP: không vượt mức tối đa {vn_number(ceiling)} dBTP."))
    else:
        findings.append(Finding(False, f"Đỉnh thực {vn_number(peak)} dBTP: vượt mức tối đa {vn_number(ceiling)} dBTP."))
        actions.append(f"giới hạn đỉnh thực xuống dưới {vn_number(ceiling)} dBTP")

    present = [name for name, value in (("tiêu đề", tags.title), ("mã bản tin", tags.bulletin_id),
                                        ("chuyên mục", tags.series), ("ngày", tags.date)) if value]
    missing = [name for name in ("tiêu đề", "mã bản tin", "chuyên mục", "ngày") if name not in present]
    if not tags.title:
        findings.append(Finding(False, "Thẻ: thiếu tiêu đề" + (f", {', '.join(missing[1:])}" if missing[1:] else "")
                                       + " (sổ phát sóng và báo cáo cần tiêu đề, mã và chuyên mục)."))
        actions.append("ghi thẻ tiêu đề, mã, chuyên mục, ngày và chương (tiêu đề lấy từ tên tệp nếu không ghi "
                       "--title; nên ghi --id)")
    elif missing:
        findings.append(Finding(True, f"Thẻ: có {', '.join(present)}; thiếu {', '.join(missing)}."))
    else:
        findings.append(Finding(True, f"Thẻ: có {', '.join(present)}."))

    short = short_of_minimum(duration, station.rule_for(tags.series or station.series),
                             padding=tags.padding_seconds, what="tệp")
    uncounted = f"{capitalize(short)}: phát được, nhưng sẽ không được tính." if short else ""
    if all(f.ok for f in findings):
        return Verdict(tuple(findings), (), "", uncounted)
    if found.format.cut_short:
        return Verdict(tuple(findings), (), "", uncounted, cut_short=True)
    command = " ".join(["bulletin build", _quoted(found.path.name), *options])
    return Verdict(tuple(findings), tuple(actions), command, uncounted)


def _quoted(name: str) -> str:
    return f'"{name}"' if any(c.isspace() for c in name) else name
