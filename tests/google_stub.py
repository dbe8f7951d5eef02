"""A stand-in for Google's text-to-speech endpoint, behind the real gTTS and requests code.

Only the HTTP layer is replaced (the ``responses`` library): gTTS builds its
real requests, and gets back bodies in Google's real format carrying a real
MP3 made by ffmpeg, so its own parsing and decoding run. The stub can answer
with HTTP errors, time out, or lose the network (then the reachability probe
fails too).
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from urllib.parse import parse_qs

import requests
from helpers import tone, write_audio

ENDPOINT = "https://translate.google.com/_/TranslateWebserverUi/data/batchexecute"
PROBE = "https://translate.google.com/"


def tiny_mp3(folder: Path, seconds: float = 0.4) -> bytes:
    """A real MP3 like Google's (24 kHz mono, 32 kbit/s), made by ffmpeg."""
    path = write_audio(folder / "google.mp3", tone(seconds, rate=24000), 24000, b="32k")
    return path.read_bytes()


def google_body(mp3: bytes) -> str:
    """A batchexecute answer in the format gTTS parses (``jQ1olc","[\\"<base64>\\"]``)."""
    audio = base64.b64encode(mp3).decode("ascii")
    line = json.dumps([["wrb.fr", "jQ1olc", json.dumps([audio]), None, None, None, "generic"]],
                      separators=(",", ":"))
    return f")]}}'\n\n{len(line)}\n{line}\n25\n[[\"e\",4,null,null,{len(line) + 25}]]\n"


def spoken_text(request) -> tuple[str, str]:
    """(text, language) a gTTS request asks for, decoded from its urlencoded ``f.req`` JSON body."""
    body = request.body.decode() if isinstance(request.body, bytes) else request.body
    rpc = json.loads(parse_qs(body)["f.req"][0])
    text, lang, *_ = json.loads(rpc[0][0][1])
    return text, lang


class GoogleStub:
    """Answers every gTTS request with audio, unless ``queue`` plans another answer.

    A planned answer is an exception to raise (``requests.ReadTimeout()``), an HTTP
    status, or ``(status, headers)``; a planned 200 is an answer without audio.
    """

    def __init__(self, rsps, mp3: bytes):
        self.mp3 = mp3
        self.online = True
        self.die_after: int | None = None  # the network goes down after this many requests
        self.queue: list[int | Exception | tuple[int, dict]] = []
        self.texts: list[str] = []  # texts of every request that reached "Google"
        self.timeouts: list[object] = []
        self.probes = 0
        rsps.add_callback("POST", ENDPOINT, callback=self._post)
        rsps.add_callback("HEAD", PROBE, callback=self._head)

    def _head(self, request):
        self.probes += 1
        if not self.online:
            raise requests.ConnectionError("network is down")
        return 301, {"Location": "https://translate.google.com/?hl=vi"}, ""

    def _post(self, request):
        if not self.online:
            raise requests.ConnectionError("network is down")
        text, lang = spoken_text(request)
        assert lang == "vi"
        self.texts.append(text)
        self.timeouts.append(request.req_kwargs.get("timeout"))
        answer = self._answer()
        if self.die_after is not None and len(self.texts) >= self.die_after:
            self.online = False  # this was the last request the network carried
        return answer

    def _answer(self):
        if not self.queue:
            return 200, {"Content-Type": "application/json; charset=utf-8"}, google_body(self.mp3)
        planned = self.queue.pop(0)
        if isinstance(planned, Exception):
            return planned
        status, headers = planned if isinstance(planned, tuple) else (planned, {})
        if status != 200:
            return status, headers, "<html>error</html>"
        return status, headers, ")]}'\n\n[[\"wrb.fr\",\"jQ1olc\",null,null,null,[3],\"generic\"]]\n"


def is_spoken_chunk(text: str, max_chars: int = 100) -> bool:
    return 0 < len(text) <= max_chars and text == text.strip() and not re.search(r"\s{2,}", text)
