"""Making a bulletin: init, normalize, check, build, inspect."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bulletin.cli.base import (
    CONTEXT,
    allow_cut_option,
    cli,
    engine_option,
    identity_from,
    no_fallback_option,
    pad_option,
    station_of,
    vn_number,
    voice_option,
    with_identity,
)

# -- init ---------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("folder", metavar="THƯ_MỤC", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default=None, help="Tên đài, ví dụ \"Đài Truyền thanh xã Tam Hiệp\".")
def init(folder: Path, name: str | None) -> None:
    """Tạo thư mục làm việc của đài: cấu hình, kịch bản mẫu, nhạc hiệu.

    Không ghi đè tệp đã có.

    \b
    Ví dụ:
      bulletin init dai-xa-tam-hiep --name "Đài Truyền thanh xã Tam Hiệp"
    """
    from bulletin.station import init_station

    created, kept = init_station(folder, name=name)
    for path in created:
        click.echo(f"Đã tạo   {path}")
    for path in kept:
        click.echo(f"Giữ nguyên {path} (đã có)")
    click.echo(f"Xong. Tiếp theo: cd {folder} && bulletin check scripts/vi-du.md")


# -- normalize ----------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("text", metavar="[VĂN_BẢN]...", nargs=-1)
@click.option("--explain", is_flag=True, help="Giải thích từng chỗ thay đổi: đoạn gốc, cách đọc và quy tắc.")
@click.pass_context
def normalize(ctx: click.Context, text: tuple[str, ...], explain: bool) -> None:
    """In ra cách đọc (dạng nói) của văn bản.

    Không có VĂN_BẢN thì đọc từ đầu vào chuẩn: mỗi dòng vào cho đúng một dòng ra,
    theo đúng thứ tự.

    \b
    Ví dụ:
      bulletin normalize "UBND huyện tổ chức 02 buổi vào ngày 21/6/2024"
      bulletin normalize --explain "Quý II/2024"
      bulletin normalize < cac-cau.txt > cach-doc.txt
    """
    from bulletin.text import Normalizer

    normalizer = Normalizer.for_station(station_of(ctx))
    if text:
        lines = [" ".join(text)]
    else:
        lines = _stdin_lines()
    for line in lines:
        click.echo(normalizer.normalize(line).replace("\n", " "))
        if explain:
            for change in normalizer.explain(line):
                click.echo(f"    «{change.original}» → «{change.spoken}»  ({change.rule})")


def _stdin_lines() -> list[str]:
    data = click.get_binary_stream("stdin").read()
    return data.decode("utf-8-sig", errors="replace").splitlines()


# -- options for a recording given as the script --------------------------------

def recording_options(command):
    """--wrap/--no-wrap and --split-at-silence: how a ready-made recording (.mp3, .m4a, .wav …) is built."""
    command = click.option(
        "--split-at-silence", is_flag=True,
        help="Với tệp ghi âm: tách thành các chương ở những khoảng lặng dài (từ 2 giây).")(command)
    return click.option(
        "--wrap/--no-wrap", default=None,
        help="Với tệp ghi âm: thêm (hoặc không) nhạc hiệu, lời giới thiệu và lời kết của đài "
             "(mặc định theo [bulletin] wrap trong bulletin.toml).")(command)


def _show_found(script) -> None:
    """What was read from a recording's tags and name, and where each value came from."""
    if not script.recording:
        return
    click.echo("Tệp ghi âm (bản tin làm sẵn):")
    for what, value, where in script.found:
        click.echo(f"  {what}: {value or '—'} ({where})")


# -- check --------------------------------------------------------------------

@cli.command(context_settings=CONTEXT)
@click.argument("script", metavar="KỊCH_BẢN", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp sẽ tạo (.mp3 hoặc .wav), để dự đoán đúng như lệnh build với cùng -o.")
@engine_option
@no_fallback_option
@voice_option
@allow_cut_option
@pad_option
@click.option("--text", "show_text", is_flag=True,
              help="In lời đọc của từng mục đúng như sẽ phát: [ ] là chỗ được viết lại thành lời "
                   "(số, ngày, từ viết tắt…), { } là chữ đọc từng chữ cái.")
@recording_options
@with_identity
@click.pass_context
def check(ctx: click.Context, script: Path, output: Path | None, engine: str | None, no_fallback: bool,
          voice: str | None, allow_cut: bool, pad: bool, show_text: bool, wrap: bool | None,
          split_at_silence: bool, bulletin_id: str | None, title: str | None, bulletin_series: str | None,
          bulletin_date: str | None, level: str | None) -> None:
    """Kiểm tra kịch bản và mọi tệp nó dùng; ước tính thời lượng từng mục.

    Bản tin ngắn hơn thời lượng tối thiểu của chỉ tiêu (mặc định 9:00) vẫn tạo được,
    nhưng lệnh cảnh báo rằng lần phát sẽ không được tính.

    Mọi lỗi trong kịch bản được liệt kê cùng lúc (tệp, dòng). Với văn bản Word hoặc
    văn bản dán từ trang web, lệnh cho biết những dòng không được đọc (thủ tục văn
    bản, ngày giờ đăng, nguồn tin, nút chia sẻ, bảng không đọc được…) và số dòng của chúng.
    Mã thoát 0 khi tạo được bản tin, 1 khi không.

    \b
    Ví dụ:
      bulletin check scripts/2024-q2-bien-dao.md
      bulletin check van-ban-cua-so.docx --engine gtts
      bulletin check tin-dan-tu-web.txt --text
      bulletin check ban-tin-so.mp3 --no-wrap
    """
    from bulletin.checker import check as run_check
    from bulletin.prepare import BuildOptions
    from bulletin.timing import format_clock

    identity = identity_from(bulletin_id, title, bulletin_series, bulletin_date, level)
    options = BuildOptions(engine=engine, voice=voice, allow_cut=allow_cut, pad=pad, fallback=not no_fallback,
                           identity=identity, wrap=wrap, split_at_silence=split_at_silence)
    result = run_check(script, station_of(ctx), options, output=output)
    meta = result.script.meta
    click.echo(f"Kịch bản: {script} – “{meta.title}”" + (f" (mã {meta.id})" if meta.id else ""))
    _show_found(result.script)
    if result.proposed_id:
        click.echo(f"Mã bản tin đề xuất: {result.proposed_id} (văn bản không có mã). {_keeping_id(result.proposed_id)}")
    click.echo(f"Bộ đọc: {result.engine}, giọng {result.voice}, "
               f"tốc độ ước tính {vn_number(result.read_rate)} âm tiết/giây")
    click.echo("")
    rows = [
        (str(n), s.title + (" (không bắt buộc)" if s.optional else ""), str(s.syllables), format_clock(s.seconds))
        for n, s in enumerate(result.sections, start=1)
    ]
    from bulletin.reports.render import format_table

    for line in format_table(("STT", "Mục", "Âm tiết", "Ước tính"), rows):
        click.echo("  " + line)
    click.echo("")
    if show_text:
        _print_spoken(result.spoken)
    click.echo(f"Tổng ước tính: {format_clock(result.total)} / mục tiêu {format_clock(result.target)}")
    click.echo("Dự kiến khớp thời lượng:")
    for line in result.plan.report()[1:]:
        click.echo(f"  {line}")
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}")
    if result.ok:
        click.echo("Kết luận: có thể tạo bản tin.")
    else:
        for problem in result.problems:
            click.echo(f"Không tạo được: {problem}")
        sys.exit(1)


def _keeping_id(proposed: str) -> str:
    return (f"Tạo lại văn bản cùng tiêu đề sẽ giữ mã này; nếu sửa cả tiêu đề mà vẫn là bản tin đó, hãy ghi "
            f"--id {proposed} để bản sửa chỉ tính một lần vào chỉ tiêu.")


def _print_spoken(sections) -> None:
    click.echo("Lời đọc (như sẽ phát; [ ] là chỗ được viết lại thành lời, { } là chữ đọc từng chữ cái):")
    for number, section in enumerate(sections, start=1):
        click.echo(f"  {number}. {section.title}")
        for passage in section.passages:
            where = f"dòng {passage.line}: " if passage.line else ""
            if passage.kind == "title":
                click.echo(f"     Tiêu đề ({where.rstrip(': ')}): {passage.text}" if where else
                           f"     Tiêu đề: {passage.text}")
            elif passage.kind == "speech":
                click.echo(f"     {passage.text}")
            elif passage.kind in ("recording", "jingle"):
                what = "ghi âm" if passage.kind == "recording" else "nhạc hiệu"
                click.echo(f"     (phát {what} {passage.text})")
            elif passage.kind == "pause":
                click.echo(f"     (lặng {passage.text} giây)")
    click.echo("")


# -- convert ------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("document", metavar="VĂN_BẢN", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Kịch bản .md sẽ tạo.")
@click.option("--id", "bulletin_id", default=None, help="Mã bản tin ghi vào kịch bản (mặc định: mã đề xuất).")
@click.option("--force", is_flag=True, help="Ghi đè kịch bản .md đã có.")
@click.pass_context
def convert(ctx: click.Context, document: Path, output: Path, bulletin_id: str | None, force: bool) -> None:
    """Chuyển văn bản Word (.docx) hoặc văn bản thường (.txt) thành kịch bản .md để sửa.

    Kịch bản có sẵn phần khai báo đầu tệp (tiêu đề, mã bản tin đề xuất, chuyên mục,
    ngày), các mục, đoạn văn và tệp ghi âm; những dòng không được đọc (thủ tục văn
    bản, phần trình bày của trang web, bảng không đọc được) được giữ lại dưới dạng
    chú thích <!-- … -->. Tạo bản tin từ kịch bản .md cho kết quả như từ văn bản gốc.

    \b
    Ví dụ:
      bulletin convert van-ban-cua-so.docx -o scripts/2024-q3-bien-dao.md
      bulletin convert tin-dan-tu-web.txt -o scripts/tin.md --id TTĐN-2024-Q3-02
    """
    from bulletin.script.convert import convert as run_convert

    result = run_convert(document, output, station_of(ctx), bulletin_id=bulletin_id, overwrite=force)
    titled = [item for item in result.script.items if item.title]
    click.echo(f"Đã tạo kịch bản: {result.output} – “{result.script.meta.title}”")
    click.echo(f"Mã bản tin: {result.id}; ngày {result.date.day}/{result.date.month}/{result.date.year}; "
               f"{len(titled)} mục")
    if result.skipped:
        click.echo(f"{result.skipped} dòng không đọc được ghi lại dưới dạng chú thích <!-- … --> trong kịch bản.")
    click.echo(f"Tiếp theo: sửa {result.output} nếu cần, rồi: bulletin check {result.output}")


# -- build --------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("script", metavar="KỊCH_BẢN", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp kết quả .mp3 (hoặc .wav). Mặc định: out/<tên kịch bản>.mp3 trong thư mục của đài.")
@engine_option
@no_fallback_option
@voice_option
@allow_cut_option
@pad_option
@click.option("--wav", is_flag=True, help="Ghi thêm một tệp WAV cùng tên bên cạnh tệp MP3.")
@recording_options
@with_identity
@click.pass_context
def build(ctx: click.Context, script: Path, output: Path | None, engine: str | None, no_fallback: bool,
          voice: str | None, allow_cut: bool, pad: bool, wav: bool, wrap: bool | None, split_at_silence: bool,
          bulletin_id: str | None, title: str | None,
          bulletin_series: str | None, bulletin_date: str | None, level: str | None) -> None:
    """Tạo bản tin âm thanh từ kịch bản: đọc, ghép nhạc hiệu, khớp thời lượng, xuất MP3 có thẻ.

    Mọi mục được đưa về cùng độ lớn; bản tin được chuẩn hóa về độ lớn mục tiêu
    (mặc định -16 LUFS, đỉnh thực tối đa -1 dBTP) và không dài quá mục tiêu
    (mặc định 10:00): rút ngắn khoảng lặng, đọc nhanh hơn (tối đa 8 %), bỏ mục
    @optional, và chỉ khi có --allow-cut mới kết thúc sớm tại ranh giới câu.

    KỊCH_BẢN cũng có thể là một tệp ghi âm làm sẵn (bản tin Sở gửi về: .mp3, .m4a,
    .wav, .ogg, .flac …): tệp được bỏ khoảng lặng ở hai đầu, đưa về cùng độ lớn và
    đỉnh thực như giọng đọc, khớp thời lượng (đọc nhanh hơn trong giới hạn; chỉ khi có
    --allow-cut mới kết thúc sớm, và chỉ tại một khoảng lặng), ghi thẻ và chương.
    Tiêu đề, mã, ngày lấy từ thẻ và tên tệp nếu không ghi --title, --id, --date.

    Các đoạn đã đọc được giữ trong bộ nhớ đệm: tạo lại sau khi sửa một mục chỉ đọc lại
    những câu đã sửa; lần tạo bị mất mạng giữa chừng sẽ tiếp tục từ chỗ dừng.

    \b
    Ví dụ:
      bulletin build scripts/2024-q2-bien-dao.md -o out/2024-q2.mp3 --engine espeak
      bulletin build van-ban.docx --engine auto --no-fallback
      bulletin build van-ban.docx --pad --wav
      bulletin build ban-tin-so.mp3 --id TTĐN-2024-Q3-01 --no-wrap
    """
    from bulletin.builder import build as run_build
    from bulletin.prepare import BuildOptions
    from bulletin.timing import format_clock

    station = station_of(ctx)
    if station.config_path is None:
        click.echo(f"Lưu ý: không ở trong thư mục của đài (không có bulletin.toml); dùng cấu hình mặc định "
                   f"“{station.name}”", err=True)
    identity = identity_from(bulletin_id, title, bulletin_series, bulletin_date, level)
    output = output or station.root / "out" / f"{script.stem}.mp3"
    with _SynthesisBar() as progress:
        options = BuildOptions(engine, voice, allow_cut, fallback=not no_fallback, pad=pad, wav=wav,
                               identity=identity, wrap=wrap, split_at_silence=split_at_silence)
        result = run_build(script, output, station, options, progress)
    click.echo(f"Đã tạo: {result.output} ({format_clock(result.duration, decimals=1)}, "
               f"{vn_number(result.size / 1_000_000)} MB)")
    if result.wav:
        click.echo(f"Bản WAV: {result.wav}")
    click.echo(f"Tiêu đề: {result.title}")
    if result.proposed_id:
        click.echo(f"Mã bản tin: {result.proposed_id} (đề xuất, vì văn bản không có mã). "
                   f"{_keeping_id(result.proposed_id)}")
    click.echo(f"Bộ đọc: {', '.join(result.engines)}; {result.synthesized} đoạn mới đọc, "
               f"{result.cached} đoạn lấy từ bộ nhớ đệm")
    if len(result.engines) > 1:
        for title, spoken_by in result.engines_by_item:
            if spoken_by:
                click.echo(f"  {title or 'Mở đầu'}: {', '.join(spoken_by)}")
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}")
    click.echo(f"Độ lớn đo trên tệp: {vn_number(result.loudness)} LUFS (mục tiêu {vn_number(result.loudness_target)}); "
               f"đỉnh thực {vn_number(result.true_peak)} dBTP (tối đa {vn_number(result.ceiling)})")
    if result.processing is not None:
        click.echo(result.processing.message)
    click.echo("Khớp thời lượng:")
    for line in result.plan.report():
        click.echo(f"  {line}")
    click.echo("Các chương:")
    for chapter in result.chapters:
        click.echo(f"  {format_clock(chapter.start, decimals=1)}  {chapter.title}")


# -- inspect ------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("audio_file", metavar="TỆP", type=click.Path(path_type=Path))
@click.pass_context
def inspect(ctx: click.Context, audio_file: Path) -> None:
    """Xem một tệp âm thanh và cho biết đã phát được chưa: thời lượng, độ lớn, đỉnh thực, thẻ.

    Độ lớn (LUFS) và đỉnh thực (dBTP) được đo lại ngay trên tệp, rồi so với
    mục tiêu của đài; cuối cùng là kết luận và việc lệnh build sẽ làm để tệp đạt
    yêu cầu (bản tin Sở gửi về, tệp tải từ nơi khác). Mã thoát 0 khi tệp đạt yêu
    cầu, 1 khi chưa. Tệp ngắn hơn thời lượng tối thiểu của chỉ tiêu (mặc định 9:00)
    vẫn đạt yêu cầu và phát được (mã thoát 0), nhưng kết luận ghi rõ lần phát sẽ không
    được tính vào chỉ tiêu.

    \b
    Ví dụ:
      bulletin inspect out/2024-q2.mp3
      bulletin inspect ban-tin-so.mp3
    """
    from bulletin import inspect_file
    from bulletin import judge_file as judge
    from bulletin.reports.quota import MORE_CONTENT
    from bulletin.reports.render import format_table
    from bulletin.timing import format_clock

    found = inspect_file(audio_file)
    info, tags, levels = found.format, found.tags, found.levels
    layout = "mono" if info.channels == 1 else f"{info.channels} kênh"
    rate = f", {info.bitrate // 1000} kb/s" if info.bitrate else ""
    click.echo(f"Tệp: {audio_file} ({info.codec.upper()}, {info.rate} Hz, {layout}{rate}, "
               f"{vn_number(found.size / 1_000_000)} MB)")
    click.echo(f"Thời lượng: {format_clock(info.duration, decimals=1)}"
               + (f" (tối đa {tags.target})" if tags.target else ""))
    for label, value in (("Tiêu đề", tags.title), ("Đài", tags.station), ("Chuyên mục", tags.series),
                         ("Ngày", tags.date),
                         ("Mã bản tin", tags.bulletin_id + (" (đề xuất, văn bản không có mã)" if tags.id_proposed else "")),
                         ("Quý", tags.quarter),
                         ("Mức độ", tags.level), ("Bộ đọc", tags.engines), ("Ngôn ngữ", tags.language),
                         ("Thể loại", tags.genre), ("Ghi chú", tags.comment), ("Khớp thời lượng", tags.fit),
                         ("Mã kịch bản (SHA-256)", tags.script_sha256)):
        if value:
            click.echo(f"{label}: {value}")
    in_tags = f"; thẻ ghi {_tag_number(tags.loudness)}" if tags.loudness else ""
    aim = f", mục tiêu {_tag_number(tags.loudness_target)}" if tags.loudness_target else ""
    click.echo(f"Độ lớn đo lại: {vn_number(levels.loudness)} LUFS{in_tags}{aim}")
    in_tags = f"; thẻ ghi {_tag_number(tags.true_peak)}" if tags.true_peak else ""
    aim = f", tối đa {_tag_number(tags.true_peak_ceiling)}" if tags.true_peak_ceiling else ""
    click.echo(f"Đỉnh thực đo lại: {vn_number(levels.true_peak)} dBTP{in_tags}{aim}")
    if not tags.chapters:
        click.echo("Không có chương.")
    else:
        click.echo("Các chương:")
        rows = [(str(n), format_clock(c.start, decimals=1), format_clock(c.end, decimals=1), c.title)
                for n, c in enumerate(tags.chapters, start=1)]
        for line in format_table(("STT", "Bắt đầu", "Kết thúc", "Tiêu đề"), rows):
            click.echo("  " + line)

    verdict = judge(found, station_of(ctx))
    click.echo("")
    click.echo("Đánh giá theo yêu cầu của đài:")
    for finding in verdict.findings:
        click.echo(f"  [{'đạt' if finding.ok else 'CHƯA ĐẠT'}] {finding.text}")
    if verdict.uncounted:
        click.echo(f"  [lưu ý] {verdict.uncounted}")
    if verdict.compliant:
        if verdict.uncounted:
            click.echo("Kết luận: tệp đạt yêu cầu, có thể phát ngay, nhưng lần phát sẽ KHÔNG được tính vào chỉ tiêu "
                       f"vì quá ngắn. {MORE_CONTENT}.")
        else:
            click.echo("Kết luận: tệp đạt yêu cầu, có thể phát ngay.")
        return
    if verdict.cut_short:
        click.echo("Kết luận: tệp CHƯA đạt yêu cầu: tệp bị cụt, lệnh build không sửa được. Hãy tải hoặc chép lại tệp "
                   "từ nguồn rồi kiểm tra lại.")
        sys.exit(1)
    click.echo("Kết luận: tệp CHƯA đạt yêu cầu. Lệnh build sẽ:")
    for action in verdict.actions:
        click.echo(f"  - {action}")
    click.echo(f"Chạy: {verdict.command}")
    click.echo(f"Xem trước đúng như khi tạo (kể cả nhạc hiệu, lời giới thiệu và lời kết của đài): "
               f"{verdict.command.replace('bulletin build', 'bulletin check', 1)}")
    sys.exit(1)


def _tag_number(text: str) -> str:
    """A number stored in a tag ("-16.0"), shown with the decimal comma."""
    try:
        return vn_number(float(text))
    except ValueError:
        return text


class _SynthesisBar:
    """The synthesis progress on stderr: chunks done, the item being read, cached and new chunks."""

    def __init__(self):
        self.bar = None

    def __enter__(self) -> _SynthesisBar:
        return self

    def __call__(self, p) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=p.total, label="Đang đọc", file=sys.stderr, show_pos=True,
                                         item_show_func=self._describe)
            self.bar.__enter__()
        self.bar.update(p.done - self.bar.pos, p)

    @staticmethod
    def _describe(p) -> str | None:
        if p is None:
            return None
        return f"mục {p.item}/{p.items} · {p.cached} có sẵn, {p.synthesized} mới đọc ({p.engine})"

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
