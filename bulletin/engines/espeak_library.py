"""libespeak-ng spoken to in-process (ctypes), for when there is no espeak-ng program.

espeakng-loader ships the library and its data (Vietnamese included) for
Windows, Linux and macOS. The calls mirror what the ``espeak-ng`` program does
with ``-v VOICE -s RATE -p PITCH -w FILE`` (its ``main``): synchronous output,
voice by name, then rate and pitch, the text as UTF-8 with a pause at the end;
samples arrive through the synth callback and are written as a 16-bit mono WAV
at the library's rate (22,050 Hz), so clips are alike whichever way they were made.

The library keeps one voice and one set of parameters for the whole process,
so calls are serialized with a lock.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
import wave
from pathlib import Path

from bulletin.errors import ChunkError, EngineError

# speak_lib.h
AUDIO_OUTPUT_SYNCHRONOUS = 2
POS_CHARACTER = 1
EE_OK = 0
ESPEAK_RATE, ESPEAK_PITCH = 1, 3
CHARS_UTF8, PHONEMES, ENDPAUSE = 0x1, 0x100, 0x1000
INITIALIZE_DONT_EXIT = 0x8000


class _Event(ctypes.Structure):
    class _Id(ctypes.Union):
        _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]

    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", _Id),
    ]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))

_lock = threading.Lock()
_loaded: dict[Path, Library] = {}


class Library:
    """One loaded libespeak-ng, initialized with its data folder."""

    def __init__(self, path: Path, data: Path | None):
        try:
            lib = ctypes.CDLL(str(path))
        except OSError as exc:
            hint = "; trên Windows hãy cài Microsoft Visual C++ Redistributable (x64)" if sys.platform == "win32" else ""
            raise EngineError(f"không nạp được thư viện espeak-ng {path} ({exc}){hint}") from exc
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                                     ctypes.c_uint, ctypes.POINTER(ctypes.c_uint), ctypes.c_void_p]
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_Synchronize.argtypes = []
        lib.espeak_Synchronize.restype = ctypes.c_int
        lib.espeak_Info.argtypes = [ctypes.POINTER(ctypes.c_char_p)]
        lib.espeak_Info.restype = ctypes.c_char_p
        folder = _native_path(data) if data is not None else None
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, folder, INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise EngineError(f"thư viện espeak-ng không khởi động được (không đọc được dữ liệu ở {data})")
        self.lib = lib
        self.rate = rate
        self.samples: list[bytes] = []
        # Kept on the object: ctypes must not free the callback while the library holds it.
        self._callback = _CALLBACK(self._receive)
        lib.espeak_SetSynthCallback(self._callback)

    def _receive(self, wav, count, _events) -> int:
        if wav and count > 0:
            self.samples.append(ctypes.string_at(wav, count * 2))
        return 0

    def version(self) -> str:
        return (self.lib.espeak_Info(None) or b"").decode("utf-8", "replace").strip()

    def speak(self, text: str, voice: str, rate: int, pitch: int) -> bytes:
        """16-bit mono samples at :attr:`rate` of ``text`` read with ``voice``."""
        if self.lib.espeak_SetVoiceByName(voice.encode("utf-8")) != EE_OK:
            raise EngineError(f"thư viện espeak-ng không có giọng '{voice}'")
        self.lib.espeak_SetParameter(ESPEAK_RATE, rate, 0)
        self.lib.espeak_SetParameter(ESPEAK_PITCH, pitch, 0)
        data = text.encode("utf-8") + b"\0"
        self.samples = []
        code = self.lib.espeak_Synth(data, len(data), 0, POS_CHARACTER, 0, CHARS_UTF8 | PHONEMES | ENDPAUSE,
                                     None, None)
        if code != EE_OK or self.lib.espeak_Synchronize() != EE_OK:
            raise ChunkError(f"thư viện espeak-ng không đọc được đoạn «{text[:60]}…» (mã lỗi {code})")
        pcm, self.samples = b"".join(self.samples), []
        return pcm


def _native_path(path: Path) -> bytes:
    """``path`` as the library's fopen() takes it.

    On Windows that is the ANSI code page, which cannot spell every Vietnamese
    letter of a user folder (C:\\Users\\Nguyễn…): the short 8.3 form of the path is
    plain ASCII, when the disk keeps short names.
    """
    if sys.platform != "win32":
        return os.fsencode(path)
    buffer = ctypes.create_unicode_buffer(32768)
    if ctypes.windll.kernel32.GetShortPathNameW(str(path), buffer, len(buffer)):
        path = buffer.value
    return str(path).encode("mbcs", "replace")


def load(path: Path, data: Path | None) -> Library:
    """The library at ``path``, loaded and initialized once per process."""
    with _lock:
        if path not in _loaded:
            _loaded[path] = Library(path, data)
        return _loaded[path]


def library_version(path: Path, data: Path | None) -> str:
    return load(path, data).version()


def synthesize(path: Path, data: Path | None, text: str, voice: str, rate: int, pitch: int, out: Path) -> Path:
    """Write ``text`` spoken with ``voice`` to the WAV file ``out`` (as ``espeak-ng -w`` would)."""
    library = load(path, data)
    with _lock:
        pcm = library.speak(text, voice, rate, pitch)
    if not pcm:
        raise ChunkError(f"thư viện espeak-ng không đọc được đoạn «{text[:60]}…» (không có âm thanh)")
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(library.rate)
        wav.writeframes(pcm)
    return out
