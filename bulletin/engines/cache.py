"""The clip cache: one audio file per (engine, voice, options, exact chunk text).

A rebuild after editing one item synthesizes only the chunks that changed, and
a build stopped by a network failure resumes where it stopped, because every
clip is kept as soon as it is complete. Clips are written to a unique
temporary file and renamed into place, so two builds running at once never see
a half-written clip. A build keeps each clip decoded to the working format
under ``decoded/`` (named after the clip); a copy whose clip is gone is removed
whenever clips are cleared or pruned. The calibration the engines measured
lives next to the clips (``calibration.json``).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_cache_dir

from bulletin.config import Station
from bulletin.engines import Engine, ReadRate
from bulletin.errors import ConfigError
from bulletin.vn_format import vn_number

CLIPS = "clips"
DECODED = "decoded"  # the clips decoded to the working format (``media.decode_many(keep=...)``)
CALIBRATION = "calibration.json"
OTHER = "khác"  # clips of unknown engines or an older layout
STALE_PART = 3600  # seconds; an older temporary file was left by a build that died


def cache_folder(station: Station) -> Path:
    """The station's cache: ``[cache] folder`` in bulletin.toml, else the user cache folder."""
    if station.cache_dir:
        return (station.root / station.cache_dir).resolve()
    return Path(user_cache_dir("bulletin", appauthor=False))


@dataclass(frozen=True)
class EngineUsage:
    clips: int = 0
    bytes: int = 0


@dataclass(frozen=True)
class CacheInfo:
    folder: Path
    by_engine: dict[str, EngineUsage] = field(default_factory=dict)
    partial: int = 0  # temporary files of builds in progress (or dead)
    decoded: EngineUsage = EngineUsage()  # decoded copies of clips, in the working format

    @property
    def clips(self) -> int:
        return sum(u.clips for u in self.by_engine.values())

    @property
    def bytes(self) -> int:
        return sum(u.bytes for u in self.by_engine.values())


class ClipCache:
    """Clips stored as ``clips/<engine>/<2 hex>/<sha256><suffix>`` under ``folder``."""

    def __init__(self, folder: Path, max_bytes: int | None = None):
        self.folder = Path(folder)
        self.max_bytes = max_bytes  # None: no limit; else :meth:`prune` keeps the clips under it

    @classmethod
    def for_station(cls, station: Station) -> ClipCache:
        return cls(cache_folder(station), round(station.cache_max_mb * 1_000_000) or None)

    def path(self, engine: Engine, voice: str, text: str) -> Path:
        key = hashlib.sha256(f"{engine.identity(voice)}\n{text}".encode()).hexdigest()
        return self.folder / CLIPS / engine.NAME / key[:2] / f"{key}{engine.OUTPUT_SUFFIX}"

    def lookup(self, engine: Engine, voice: str, text: str) -> Path | None:
        """The cached clip, or None (a zero-length file does not count)."""
        path = self.path(engine, voice, text)
        try:
            return path if path.stat().st_size > 0 else None
        except OSError:
            return None

    def fetch(self, engine: Engine, voice: str, text: str) -> tuple[Path, bool]:
        """The clip for ``text``: from the cache, or synthesized now and kept. Second value: was it cached."""
        found = self.lookup(engine, voice, text)
        if found is not None:
            try:
                os.utime(found)  # recently used: pruned last
            except OSError:
                pass
            return found, True
        path = self.path(engine, voice, text)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"không tạo được thư mục bộ nhớ đệm ({exc.strerror}); kiểm tra quyền ghi hoặc đặt "
                              "[cache] folder trong bulletin.toml", path=path.parent) from None
        # The engine writes (atomically) a file the cache does not know yet; only a clip that is
        # complete and plausible for its text is renamed into the cache.
        pending = path.with_name(f"{path.stem}.{os.getpid()}.{secrets.token_hex(4)}.part{path.suffix}")
        try:
            engine.synthesize(text, voice, pending)
            check_clip(pending, text, engine.NAME)
            os.replace(pending, path)
        finally:
            pending.unlink(missing_ok=True)
        return path, False

    def prune(self, keep: set[Path] | frozenset[Path] = frozenset()) -> EngineUsage:
        """Delete the least recently used clips until the cache is under ``max_bytes`` (never those in ``keep``)."""
        root = self.folder / CLIPS
        if self.max_bytes is None or not root.is_dir():
            return EngineUsage()
        clips = []
        for path in root.rglob("*"):
            try:
                if path.is_file() and ".part" not in path.name:
                    info = path.stat()
                    clips.append((info.st_mtime, info.st_size, path))
            except OSError:
                continue
        total = sum(size for _, size, _ in clips)
        removed = freed = 0
        keep = {Path(p) for p in keep}
        for _, size, path in sorted(clips, key=lambda c: c[0]):
            if total <= self.max_bytes:
                break
            if path in keep:
                continue
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
            removed += 1
            freed += size
        freed += self._drop_orphan_copies().bytes
        return EngineUsage(removed, freed)

    def info(self) -> CacheInfo:
        """What the cache holds, per engine (clips of engines no longer installed count as "khác")."""
        from bulletin.engines import registry

        known = registry()
        counts: dict[str, list[int]] = {}
        partial = 0
        root = self.folder / CLIPS
        if root.is_dir():
            for sub in sorted(p for p in root.iterdir() if p.is_dir()):
                name = sub.name if sub.name in known else OTHER
                for path in sub.rglob("*"):
                    try:
                        if ".part" in path.name:
                            partial += 1
                        elif path.is_file():
                            entry = counts.setdefault(name, [0, 0])
                            entry[0] += 1
                            entry[1] += path.stat().st_size
                    except OSError:
                        continue  # removed meanwhile
        copies = [size for _, size in self._decoded_copies()]
        return CacheInfo(self.folder, {k: EngineUsage(*v) for k, v in counts.items()}, partial,
                         EngineUsage(len(copies), sum(copies)))

    def clear(self, engine: str | None = None) -> EngineUsage:
        """Delete cached clips (of one engine, or all) and stale temporary files; returns what was removed."""
        from bulletin.engines import registry

        root = self.folder / CLIPS
        if not root.is_dir():
            return EngineUsage(0, self._drop_orphan_copies().bytes)
        if engine is None:
            roots = [root]
        elif engine == OTHER:
            roots = [p for p in root.iterdir() if p.is_dir() and p.name not in registry()]
        else:
            roots = [root / engine]
        removed = size = 0
        now = time.time()
        for top in roots:
            for path in list(top.rglob("*")):
                try:
                    if not path.is_file():
                        continue
                    stat = path.stat()
                    if ".part" in path.name:
                        if now - stat.st_mtime > STALE_PART:  # younger ones may belong to a running build
                            path.unlink()
                        continue
                    path.unlink()
                except OSError:
                    continue  # removed meanwhile by another process: fine
                removed += 1
                size += stat.st_size
            for folder in sorted((p for p in top.rglob("*") if p.is_dir()), reverse=True):
                try:
                    folder.rmdir()
                except OSError:
                    pass  # not empty: a build is writing there
        return EngineUsage(removed, size + self._drop_orphan_copies().bytes)

    def _decoded_copies(self) -> list[tuple[Path, int]]:
        """Every decoded copy of a clip, with its size."""
        copies = []
        root = self.folder / DECODED
        if root.is_dir():
            for path in root.rglob("*.npy"):
                try:
                    copies.append((path, path.stat().st_size))
                except OSError:
                    continue  # removed meanwhile
        return copies

    def _drop_orphan_copies(self) -> EngineUsage:
        """Remove the decoded copies whose clip is no longer in the cache (or was written again)."""
        copies = self._decoded_copies()
        if not copies:
            return EngineUsage()
        from bulletin.audio.media import decoded_name

        current = set()
        root = self.folder / CLIPS
        if root.is_dir():
            for clip in root.rglob("*"):
                try:
                    if ".part" not in clip.name and clip.is_file():
                        current.add(decoded_name(clip))
                except OSError:
                    continue
        removed = size = 0
        for path, bytes_ in copies:
            if path.name in current:
                continue
            try:
                path.unlink()
            except OSError:
                continue
            removed += 1
            size += bytes_
        return EngineUsage(removed, size)

    # -- calibration ------------------------------------------------------------

    def calibration(self) -> dict[str, ReadRate]:
        """Read rates measured on this machine (``bulletin engines calibrate``), by engine identity."""
        path = self.folder / CALIBRATION
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return {key: ReadRate(**value) for key, value in data.items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError) as exc:
            raise ConfigError(
                f"tệp hiệu chỉnh tốc độ đọc bị hỏng ({exc}); xóa tệp này rồi chạy lại 'bulletin engines calibrate'",
                path=path,
            ) from exc

    def save_calibration(self, identity: str, rate: ReadRate) -> Path:
        """Store a measured read rate; it replaces the built-in figure for that engine, voice and options."""
        current = {key: value.as_dict() for key, value in self.calibration().items()}
        current[identity] = rate.as_dict()
        path = self.folder / CALIBRATION
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
        try:
            tmp.write_text(json.dumps(current, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        return path


# A clip is at least this many seconds per spoken syllable (far faster than anyone reads) and at
# most this many (slower than any engine speaks), plus a little for breaths.
MIN_SECONDS_PER_SYLLABLE = 0.01
MAX_SECONDS_PER_SYLLABLE = 3.0


def check_clip(path: Path, text: str, engine: str) -> None:
    """A clip an engine just wrote: complete, decodable, and of a plausible length for ``text``.

    An engine can exit without an error and still leave a broken file (espeak-ng on a full disk
    writes a WAV whose data stops early). Such a clip would be kept and silently cut the end of the
    sentence in every later build, so it is refused (:class:`ChunkError`: the next engine may say it).
    """
    from bulletin.audio import media
    from bulletin.errors import AssetError, ChunkError
    from bulletin.text import count_syllables

    def broken(why: str) -> ChunkError:
        return ChunkError(f"{engine} tạo ra đoạn âm thanh hỏng cho «{text[:60]}» ({why}); có thể ổ đĩa đã đầy, "
                          "hãy kiểm tra chỗ trống")

    try:
        size = path.stat().st_size
    except OSError:
        raise broken("không có tệp") from None
    if path.suffix.lower() == ".wav":
        declared = _wav_data_end(path)
        if declared is None:
            raise broken("đầu tệp WAV hỏng")
        if declared > size:
            raise broken(f"tệp WAV bị cắt cụt: thiếu {declared - size} byte")
    try:
        sound = media.decode(path, 16000, 1)
    except AssetError as exc:
        raise broken(exc.message) from None
    syllables = max(1, count_syllables(text))
    if not MIN_SECONDS_PER_SYLLABLE * syllables <= sound.duration <= MAX_SECONDS_PER_SYLLABLE * syllables + 5:
        raise broken(f"dài {vn_number(sound.duration, 2)} giây cho {syllables} âm tiết")


def _wav_data_end(path: Path) -> int | None:
    """Where the WAV's data chunk says it ends (bytes from the start), from its header; None if unreadable."""
    import struct

    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return None
            for _ in range(64):  # chunks before "data": fmt, LIST, fact…
                chunk = fh.read(8)
                if len(chunk) < 8:
                    return None
                name, length = chunk[:4], struct.unpack("<I", chunk[4:])[0]
                if name == b"data":
                    if length in (0, 0xFFFFFFFF, 0x7FFFFFFF, 0x7FFFF000):  # streamed: size never filled in
                        return None
                    return fh.tell() + length
                fh.seek(length + (length & 1), 1)
    except OSError:
        return None
    return None
