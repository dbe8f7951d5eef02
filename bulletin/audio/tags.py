"""What a bulletin file says about itself: ID3v2.4 tags and chapters (mutagen).

MP3 files carry the tag at their start; WAV files in an ``id3`` chunk. Every
item is a chapter (CHAP) listed in order in a table of contents (CTOC), so a
player, or ``bulletin inspect``, can jump to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import (
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    TXXX,
    CTOCFlags,
    ID3NoHeaderError,
)
from mutagen.wave import WAVE

from bulletin.errors import AssetError

GENRE = "Bản tin"

# Custom frames (TXXX descriptions) and the BulletinTags fields they hold.
CUSTOM = {
    "BULLETIN_ID": "bulletin_id",
    "QUARTER": "quarter",
    "LEVEL": "level",
    "ENGINES": "engines",
    "ENGINES_BY_ITEM": "engines_by_item",  # JSON: [{"title": ..., "engines": [...]}, ...]
    "SCRIPT_SHA256": "script_sha256",
    "LOUDNESS_LUFS": "loudness",
    "TRUE_PEAK_DBTP": "true_peak",
    "TARGET": "target",
    "LOUDNESS_TARGET_LUFS": "loudness_target",
    "TRUE_PEAK_CEILING_DBTP": "true_peak_ceiling",
    "FIT": "fit",
    "PADDING_SECONDS": "padding",
    "BULLETIN_ID_PROPOSED": "id_proposed",
}


@dataclass(frozen=True)
class ChapterTag:
    element_id: str
    title: str
    start: float
    end: float


@dataclass(frozen=True)
class BulletinTags:
    title: str = ""
    station: str = ""
    series: str = ""
    date: str = ""
    genre: str = ""
    language: str = ""
    comment: str = ""
    bulletin_id: str = ""
    quarter: str = ""
    level: str = ""
    engines: str = ""
    engines_by_item: str = ""
    script_sha256: str = ""
    loudness: str = ""  # measured on the final file, LUFS
    true_peak: str = ""  # measured on the final file, dBTP
    target: str = ""  # the maximum duration, "10:00"
    chapters: tuple[ChapterTag, ...] = field(default=())
    loudness_target: str = ""  # LUFS
    true_peak_ceiling: str = ""  # dBTP
    fit: str = ""  # what fitting did, in short (Vietnamese)
    padding: str = ""  # seconds of music --pad added to reach the target ("" or "0.0": none)
    # "1" when bulletin_id was proposed by bulletin (the document had none), not given by the operator:
    # ``log add`` may then give the airing another id rather than merge two different bulletins.
    id_proposed: str = ""

    @property
    def padding_seconds(self) -> float:
        """Seconds of ``--pad`` music from the tag; 0 when absent or unreadable."""
        try:
            value = float(self.padding)
        except ValueError:
            return 0.0
        return round(value, 3) if 0.0 < value < 24 * 3600 else 0.0


def write_tags(path: Path, tags: BulletinTags) -> None:
    """Replace the file's ID3 tag with ``tags`` (ID3v2.4); MP3 or WAV."""
    frames = [TIT2(encoding=3, text=tags.title)]
    if tags.station:
        frames.append(TPE1(encoding=3, text=tags.station))
    if tags.series:
        frames.append(TALB(encoding=3, text=tags.series))
    if tags.date:
        frames.append(TDRC(encoding=3, text=tags.date))
    frames.append(TCON(encoding=3, text=tags.genre or GENRE))
    frames.append(TLAN(encoding=3, text=tags.language or "vie"))
    if tags.comment:
        frames.append(COMM(encoding=3, lang="vie", desc="", text=tags.comment))
    for desc, attr in CUSTOM.items():
        value = getattr(tags, attr)
        if value:
            frames.append(TXXX(encoding=3, desc=desc, text=str(value)))
    if tags.chapters:
        ids = [c.element_id for c in tags.chapters]
        frames.append(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                           sub_frames=[TIT2(encoding=3, text=tags.title)]))
        for chapter in tags.chapters:
            frames.append(
                CHAP(
                    element_id=chapter.element_id,
                    start_time=round(chapter.start * 1000),
                    end_time=round(chapter.end * 1000),
                    sub_frames=[TIT2(encoding=3, text=chapter.title)],
                )
            )
    try:
        if Path(path).suffix.lower() == ".wav":
            wave = WAVE(str(path))
            if wave.tags is None:
                wave.add_tags()
            wave.tags.clear()
            for frame in frames:
                wave.tags.add(frame)
            _chapters_in_time_order(wave.tags)
            wave.save(v2_version=4)
        else:
            id3 = ID3()
            for frame in frames:
                id3.add(frame)
            _chapters_in_time_order(id3)
            id3.save(str(path), v2_version=4)
    except (MutagenError, OSError) as exc:
        raise AssetError(f"không ghi được thẻ thông tin vào tệp ({exc})", path=path) from exc


def _chapters_in_time_order(id3) -> None:
    """Make ``id3`` write its CHAP frames in time order, after the other frames.

    mutagen orders frames by their size, so chapters came out shuffled:
    players that list CHAP frames as found (ffmpeg, ffprobe) showed 0:00, 9:44,
    6:58, … The CTOC already lists them in order; now the frames agree.
    """
    from mutagen.id3._tags import save_frame  # the one frame serializer mutagen uses itself

    write = id3._write

    def ordered(config):
        chapters = sorted(id3.getall("CHAP"), key=lambda f: (f.start_time, f.end_time))
        id3.delall("CHAP")
        try:
            data = write(config)
        finally:
            for frame in chapters:
                id3.add(frame)
        return data + b"".join(save_frame(frame, config=config) for frame in chapters)

    id3._write = ordered


def _load_id3(path: Path):
    """The file's ID3 tag, or None when it has none."""
    if Path(path).suffix.lower() == ".wav":
        return WAVE(str(path)).tags
    try:
        return ID3(str(path))
    except ID3NoHeaderError:
        return None


def read_tags(path: Path) -> BulletinTags:
    """Tags written by :func:`write_tags` (empty values for other files)."""
    try:
        id3 = _load_id3(path)
    except (MutagenError, OSError) as exc:
        raise AssetError(f"không đọc được thẻ thông tin ({exc})", path=path) from exc
    if id3 is None:
        return BulletinTags()

    def text(frame_id: str) -> str:
        frame = id3.get(frame_id)
        return str(frame.text[0]) if frame is not None and frame.text else ""

    custom = {}
    for frame in id3.getall("TXXX"):
        if frame.desc in CUSTOM and frame.text:
            custom[CUSTOM[frame.desc]] = str(frame.text[0])
    comments = id3.getall("COMM")
    chapters = []
    toc = id3.getall("CTOC")
    order = list(toc[0].child_element_ids) if toc else []
    chaps = {f.element_id: f for f in id3.getall("CHAP")}
    for element_id in order or sorted(chaps, key=lambda k: chaps[k].start_time):
        frame = chaps.get(element_id)
        if frame is None:
            continue
        title_frame = frame.sub_frames.get("TIT2")
        chapters.append(
            ChapterTag(
                element_id,
                str(title_frame.text[0]) if title_frame is not None else "",
                frame.start_time / 1000,
                frame.end_time / 1000,
            )
        )
    return BulletinTags(
        title=text("TIT2"),
        station=text("TPE1"),
        series=text("TALB"),
        date=text("TDRC"),
        genre=text("TCON"),
        language=text("TLAN"),
        comment=str(comments[0].text[0]) if comments and comments[0].text else "",
        chapters=tuple(chapters),
        **custom,
    )


def read_file_tags(path: Path) -> BulletinTags:
    """The tags of any audio file: ours (ID3) when present, else the common title/album/date/comment.

    A downloaded file carries the tags its maker wrote (M4A atoms, Vorbis comments,
    ID3 without our frames); unreadable tags count as none.
    """
    path = Path(path)
    try:
        ours = read_tags(path) if path.suffix.lower() in (".mp3", ".wav") else BulletinTags()
    except AssetError:
        ours = BulletinTags()
    if ours.title:
        made_here = bool(ours.script_sha256 or ours.bulletin_id or ours.loudness_target)
        return ours if made_here else replace(ours, series="")  # another maker's album is not our series
    import mutagen

    try:
        found = mutagen.File(path, easy=True)
    except (MutagenError, OSError, ValueError):
        found = None
    if not found or not found.tags:
        return ours

    def first(*keys: str) -> str:
        for key in keys:
            try:
                values = found.tags.get(key)
            except (KeyError, ValueError):
                values = None
            if values:
                return str(values[0]).strip()
        return ""

    return BulletinTags(title=first("title"), date=first("date"),
                        comment=first("comment", "description"), station=first("artist"))
