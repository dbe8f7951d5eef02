"""Piper: natural neural voices on the CPU, fully offline, from voice model files the station owns.

A Piper voice is two files: ``NAME.onnx`` (the network) and ``NAME.onnx.json``
(its settings: sample rate, phonemes, language). Neither ships with
piper-tts; the operator gets them once (or on a USB stick) and gives them to
the station: ``bulletin engines add-voice NAME.onnx`` copies both into the
station's ``voices/`` folder after checking them, and ``[engines.piper]
voices = [...]`` may name more files or folders. A model is loaded once per
engine (once per build) and speaks in-process; each chunk is written as a WAV
through ``partial_file``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import wave
from dataclasses import dataclass
from dataclasses import replace as replace_field
from pathlib import Path
from typing import Any

from bulletin.engines import Availability, Engine, Option, ReadRate, VoiceFacts, partial_file
from bulletin.errors import ChunkError, ConfigError, EngineError, UsageError

INSTALL = "pip install piper-tts"
VOICES_FOLDER = "voices"
MODEL_SUFFIX = ".onnx"
CONFIG_SUFFIX = ".onnx.json"
ADD_HINT = "thêm giọng bằng lệnh: bulletin engines add-voice TỆP.onnx (tệp TỆP.onnx.json phải nằm cạnh nó)"

# Facts about published Vietnamese Piper voices that their files do not carry.
KNOWN_VOICES = {
    "vi_VN-vais1000-medium": VoiceFacts("nữ", "Bắc"),
    "vi_VN-25hours_single-low": VoiceFacts("nữ", "Bắc"),
    "vi_VN-vivos-x_low": VoiceFacts("nhiều người đọc", ""),
    "en_US-joe-medium": VoiceFacts("nam", "Mỹ (tiếng Anh)"),  # the packaged test voice
}


@dataclass(frozen=True)
class VoiceModel:
    """A Piper voice as the station holds it."""

    name: str  # the file name without .onnx, e.g. vi_VN-vais1000-medium
    model: Path
    config: Path

    @classmethod
    def at(cls, model: Path) -> VoiceModel:
        model = Path(model)
        return cls(model.name[: -len(MODEL_SUFFIX)], model, model.with_name(model.name + ".json"))


@dataclass(frozen=True)
class ModelInfo:
    """What a model's JSON says, once checked."""

    voice: VoiceModel
    language: str  # e.g. vi_VN
    family: str  # e.g. vi
    sample_rate: int
    quality: str
    dataset: str


def find_models(root: Path | None, listed: Any = ()) -> dict[str, VoiceModel]:
    """Voices in the station's ``voices/`` folder and in ``[engines.piper] voices`` (files or folders)."""
    if isinstance(listed, str):
        listed = [listed]
    if not isinstance(listed, list) or not all(isinstance(item, str) for item in listed):
        raise ConfigError(f"engines.piper.voices phải là danh sách đường dẫn tệp .onnx, không phải {listed!r}")
    found: dict[str, VoiceModel] = {}
    places = [(Path(root) / VOICES_FOLDER, False)] if root is not None else []
    for item in listed:
        path = Path(item).expanduser()
        if not path.is_absolute() and root is not None:
            path = Path(root) / path
        places.append((path, True))
    for place, required in places:
        if place.is_dir():
            models = sorted(place.glob(f"*{MODEL_SUFFIX}"))
        elif place.is_file() and place.name.endswith(MODEL_SUFFIX):
            models = [place]
        elif required:
            what = "không có tệp hoặc thư mục này" if not place.exists() else "không phải tệp .onnx"
            raise ConfigError(f"engines.piper.voices: {place}: {what}; {ADD_HINT}")
        else:
            models = []
        for model in models:
            voice = VoiceModel.at(model)
            found.setdefault(voice.name, voice)
    return found


def inspect_model(voice: VoiceModel) -> ModelInfo:
    """Check a model's two files without loading the network; errors name the file at fault."""
    if not voice.model.is_file():
        raise EngineError(f"không có tệp mô hình giọng Piper {voice.model}; {ADD_HINT}")
    if voice.model.stat().st_size < 1024:
        raise EngineError(f"tệp mô hình giọng Piper {voice.model} quá nhỏ ({voice.model.stat().st_size} byte): "
                          f"tệp bị hỏng hoặc tải về chưa xong; hãy tải lại")
    if not voice.config.is_file():
        raise EngineError(f"thiếu tệp cấu hình {voice.config.name} cạnh mô hình giọng {voice.model}: mỗi giọng Piper "
                          f"gồm hai tệp, NAME.onnx và NAME.onnx.json; hãy chép cả hai")
    try:
        data = json.loads(voice.config.read_text(encoding="utf-8"))
        sample_rate = int(data["audio"]["sample_rate"])
        data["num_symbols"], data["phoneme_id_map"]  # noqa: B018 - must be there
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise EngineError(f"tệp cấu hình giọng Piper {voice.config} không đọc được ({exc}); hãy tải lại") from exc
    except (KeyError, TypeError) as exc:
        raise EngineError(f"tệp cấu hình giọng Piper {voice.config} thiếu mục {exc}: không phải tệp .onnx.json của "
                          f"Piper, hoặc tệp bị hỏng; hãy tải lại") from exc
    language = data.get("language") or {}
    code = str(language.get("code") or data.get("espeak", {}).get("voice") or "")
    family = str(language.get("family") or code.replace("-", "_").split("_")[0]).lower()
    return ModelInfo(voice, code, family, sample_rate, str(data["audio"].get("quality", "")),
                     str(data.get("dataset", "")))


def load_voice(voice: VoiceModel):
    """The model loaded by piper-tts (slow: about a second); errors name the file at fault."""
    inspect_model(voice)
    try:
        from piper import PiperVoice
    except ImportError as exc:
        raise EngineError(f"chưa cài thư viện piper-tts; cài bằng lệnh: {INSTALL}") from exc
    try:
        return PiperVoice.load(voice.model, config_path=voice.config)
    except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own classes for a bad file
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise EngineError(f"không nạp được mô hình giọng Piper {voice.model} ({detail}): tệp bị hỏng, tải về chưa "
                          f"xong, hoặc không khớp với {voice.config.name}; hãy tải lại cả hai tệp") from exc


def add_voice(root: Path, model: Path, *, replace: bool = False) -> ModelInfo:
    """Check ``model`` (and its ``.onnx.json``) and copy both into the station's ``voices/`` folder."""
    model = Path(model)
    if not model.name.endswith(MODEL_SUFFIX):
        raise UsageError(f"{model}: giọng Piper là tệp .onnx (kèm tệp .onnx.json cùng tên)")
    voice = VoiceModel.at(model)
    info = inspect_model(voice)
    load_voice(voice)  # the real check: onnxruntime reads the network
    folder = Path(root) / VOICES_FOLDER
    target = VoiceModel.at(folder / model.name)
    if target.model.resolve() == voice.model.resolve():
        return replace_field(info, voice=target)
    if target.model.exists() and not replace:
        raise UsageError(f"đài đã có giọng {voice.name} ({target.model}); thêm --replace để thay bằng tệp mới")
    for source, destination in ((voice.config, target.config), (voice.model, target.model)):
        with partial_file(destination) as tmp:
            shutil.copyfile(source, tmp)
    return replace_field(info, voice=target)


class PiperEngine(Engine):
    NAME = "piper"
    DESCRIPTION = "Piper: giọng tự nhiên, đọc ngoại tuyến (không cần Internet) từ tệp giọng của đài"
    NEEDS_NETWORK = False
    OPTIONS = {
        "length_scale": Option(float, 1.0, "độ dài âm: lớn hơn 1 đọc chậm hơn, nhỏ hơn 1 đọc nhanh hơn", 0.5, 2.0),
        "sentence_silence": Option(float, 0.0, "khoảng lặng thêm sau mỗi câu Piper tự tách, giây", 0.0, 2.0),
    }
    MAX_CHARS = None  # one clip per sentence, like espeak-ng
    OUTPUT_SUFFIX = ".wav"
    # Measured with benchmarks/calibrate_read_rate.py (piper-tts 1.8.0, default
    # options) on the built-in calibration text: 200 clips, 3,934 syllables,
    # 4,103 s; 0.07 % error in total, 13 % median per clip. The English test
    # voice spells much of Vietnamese out, hence the slow rate. Vietnamese
    # voices are the station's own files: `bulletin engines calibrate piper`
    # measures them; until then `check` says their figure is not measured.
    READ_RATES = {
        "en_US-joe-medium": ReadRate(0.958, pause=0.0, padding=0.0),
    }
    AUTO_RANK = 10

    def __init__(self, options=None, calibration=None, *, models: dict[str, VoiceModel] | None = None):
        super().__init__(options, calibration)
        self.models = dict(models or {})
        infos = {}
        for name, voice in self.models.items():
            try:
                infos[name] = inspect_model(voice)
            except EngineError:
                infos[name] = None  # reported by available() and when it is used
        self.infos = infos
        self.VOICES = {name: self._describe(name) for name in self.models}
        self.VOICE_FACTS = {name: self._facts(name) for name in self.models}
        vietnamese = [n for n, i in infos.items() if i is not None and i.family == "vi"]
        self.DEFAULT_VOICE = (vietnamese or list(self.models) or [""])[0]
        self._loaded: dict[str, Any] = {}
        self._fingerprints: dict[str, str] = {}

    @classmethod
    def for_station(cls, options, calibration, root):
        options = dict(options or {})
        listed = options.pop("voices", [])
        return cls(options, calibration, models=find_models(root, listed))

    def _describe(self, name: str) -> str:
        info = self.infos.get(name)
        if info is None:
            return f"tệp {self.models[name].model.name} (HỎNG)"
        quality = f", chất lượng {info.quality}" if info.quality else ""
        return f"{info.language or 'không rõ ngôn ngữ'}{quality}, tệp {self.models[name].model.name}"

    def _facts(self, name: str) -> VoiceFacts:
        info = self.infos.get(name)
        known = KNOWN_VOICES.get(name, VoiceFacts())
        return VoiceFacts(known.gender, known.region, info.family if info else "")

    def voice_or_default(self, voice: str | None) -> str:
        if not self.models:
            if voice:
                raise UsageError(f"đài chưa có giọng Piper nào, nên không có giọng '{voice}'; {ADD_HINT}")
            return ""  # available() says why nothing can be spoken
        return super().voice_or_default(voice)

    def auto_eligible(self) -> bool:
        return any(info is not None and info.family == "vi" for info in self.infos.values())

    def identity(self, voice: str) -> str:
        # The voice's name is not enough: a station may replace a model by a newer file of the same name.
        return json.dumps([self.NAME, self.CACHE_VERSION, voice, self._fingerprint(voice), self.options],
                          ensure_ascii=False, sort_keys=True)

    def _fingerprint(self, voice: str) -> str:
        if voice not in self._fingerprints:
            model = self.models.get(voice)
            try:
                digest = hashlib.sha256(model.config.read_bytes()).hexdigest()[:16]
                self._fingerprints[voice] = f"{digest}-{model.model.stat().st_size}"
            except (AttributeError, OSError):
                return ""
        return self._fingerprints[voice]

    def adjust_read_rate(self, rate: ReadRate) -> ReadRate:
        scale = self.options["length_scale"]
        if scale == 1:
            return rate
        return ReadRate(rate.syllables_per_second / scale, rate.pause * scale, rate.padding, measured=False)

    def available(self) -> Availability:
        try:
            import piper  # noqa: F401
        except ImportError:
            return Availability(False, f"chưa cài thư viện piper-tts; cài bằng lệnh: {INSTALL}")
        if not self.models:
            return Availability(False, f"đài chưa có giọng Piper nào; {ADD_HINT}")
        broken = []
        for voice in self.models.values():
            try:
                inspect_model(voice)
            except EngineError as exc:
                broken.append(exc.message)
        if len(broken) == len(self.models):
            return Availability(False, "; ".join(broken))
        if broken:
            return Availability(True, "sẵn sàng (một số giọng hỏng: " + "; ".join(broken) + ")")
        return Availability(True, "sẵn sàng")

    def model(self, voice: str):
        """The loaded model of ``voice``; loaded once for the life of this engine (one build)."""
        if voice not in self.models:
            raise EngineError(f"đài chưa có giọng Piper '{voice}'; {ADD_HINT}")
        if voice not in self._loaded:
            self._loaded[voice] = load_voice(self.models[voice])
        return self._loaded[voice]

    def synthesize(self, text: str, voice: str, out: Path) -> Path:
        voice = self.voice_or_default(voice)
        loaded = self.model(voice)
        from piper import SynthesisConfig

        config = SynthesisConfig(length_scale=self.options["length_scale"] * loaded.config.length_scale)
        silence = self.options["sentence_silence"]
        frames = 0
        with partial_file(out) as tmp:
            with wave.open(str(tmp), "wb") as wav:
                wav.setframerate(loaded.config.sample_rate)
                wav.setsampwidth(2)
                wav.setnchannels(1)
                for chunk in loaded.synthesize(text, syn_config=config):
                    if frames and silence:
                        wav.writeframes(bytes(2 * round(silence * chunk.sample_rate)))
                    data = chunk.audio_int16_bytes
                    wav.writeframes(data)
                    frames += len(data) // 2
            if frames == 0:
                raise ChunkError(f"Piper không đọc được đoạn «{text[:60]}…» (không có âm nào để đọc)")
        return out
