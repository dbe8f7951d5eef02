"""A stand-in for Microsoft's read-aloud service on 127.0.0.1, speaking its websocket protocol.

The real edge-tts code runs unchanged: it builds its signed URL and headers,
opens the websocket with aiohttp, sends ``speech.config`` and the SSML, and
parses what comes back. Only the address differs (edge-tts's ``WSS_URL``
points here). Audio is real speech: the requested text spoken by espeak-ng
and encoded by ffmpeg as the service's MP3 (24 kHz mono, 48 kbit/s), so clip
lengths follow the text like the real service's.

The service can be told what to do with each request (``plan``): answer
normally, refuse the handshake with an HTTP status, drop the connection after
part of the audio, answer with a message path edge-tts does not know, or go
offline altogether (the port closes; the probe fails too).
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import threading
from html import unescape
from pathlib import Path

from aiohttp import WSMsgType, web


class EdgeService:
    """Answers every request with speech unless ``plan`` says otherwise.

    ``plan`` holds one entry per coming request: ``"ok"``, an HTTP status
    (int) for the handshake, ``"drop"`` (half the audio, then the connection
    closes without ``turn.end``), ``"garbage"`` (an unknown message path) or
    ``"silent"`` (``turn.end`` with no audio). ``die_after`` takes the whole
    service offline after that many requests.
    """

    def __init__(self, workdir: Path, espeak: str, ffmpeg: str = "ffmpeg"):
        self.workdir = Path(workdir)
        self.espeak = espeak
        self.ffmpeg = ffmpeg
        self.plan: list[str | int] = []
        self.die_after: int | None = None
        self.requests: list[dict] = []  # every SSML request that reached the service
        self.texts: list[str] = []  # texts of the requests answered with complete audio
        self.probes = 0
        self.online = True
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self.port = self._call(self._start())

    # -- control --------------------------------------------------------------

    @property
    def url(self) -> str:
        return (f"ws://127.0.0.1:{self.port}/consumer/speech/synthesize/readaloud/edge/v1"
                f"?TrustedClientToken=6A5AA1D4EAFF4E9FB37E23D68491D6F4")

    def go_offline(self) -> None:
        """Close the port: connections are refused, like a machine without network."""
        self.online = False
        self._call(self._runner.cleanup())

    def come_back(self) -> None:
        if not self.online:
            self._call(self._runner.cleanup())
            self._call(self._start(self.port))
            self.online = True

    def close(self) -> None:
        self.go_offline()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(30)

    # -- the service ------------------------------------------------------------

    async def _start(self, port: int = 0) -> int:
        app = web.Application()
        app.router.add_route("*", "/", self._probe)
        app.router.add_get("/consumer/speech/synthesize/readaloud/edge/v1", self._speak)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port, reuse_address=True)
        await site.start()
        self._site = site
        return site._server.sockets[0].getsockname()[1]

    async def _probe(self, request):
        self.probes += 1
        return web.Response(status=302, headers={"Location": "https://www.bing.com/"})

    async def _speak(self, request):
        number = len(self.requests) + 1
        if self.die_after is not None and number > self.die_after:
            # The network goes: the port stops accepting at once, this connection is cut.
            self._site._server.close()
            self.online = False
            asyncio.ensure_future(self._runner.cleanup())
            request.transport.close()
            return web.Response(status=503)
        action = self.plan.pop(0) if self.plan else "ok"
        if isinstance(action, int):
            self.requests.append({"refused": action})
            return web.Response(status=action, headers={"Retry-After": "1"} if action == 429 else {})
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        config = await ws.receive()
        ssml_message = await ws.receive()
        assert config.type == WSMsgType.TEXT and "Path:speech.config" in config.data
        assert ssml_message.type == WSMsgType.TEXT and "Path:ssml" in ssml_message.data
        parsed = parse_ssml(ssml_message.data)
        parsed["sec_ms_gec"] = request.query.get("Sec-MS-GEC", "")
        self.requests.append(parsed)
        request_id = re.search(r"X-RequestId:(\w+)", ssml_message.data).group(1)
        await ws.send_str(text_message(request_id, "turn.start", {"context": {"serviceTag": "fake"}}))
        if action == "garbage":
            await ws.send_str(text_message(request_id, "audio.unknownThing", {}))
        elif action != "silent":
            mp3 = await asyncio.get_running_loop().run_in_executor(None, self.speech, parsed["text"])
            frames = [mp3[i: i + 4096] for i in range(0, len(mp3), 4096)]
            if action == "drop":
                frames = frames[: max(1, len(frames) // 2)]
            for frame in frames:
                await ws.send_bytes(audio_message(request_id, frame))
            if action == "drop":
                await ws.close()
                return ws
            self.texts.append(parsed["text"])
        await ws.send_str(text_message(request_id, "turn.end", {}))
        await ws.close()
        return ws

    def speech(self, text: str) -> bytes:
        """``text`` spoken by espeak-ng, encoded as the service's MP3."""
        wav = self.workdir / f"speech-{threading.get_ident()}.wav"
        subprocess.run([self.espeak, "-v", "vi", "-w", str(wav)], input=text.encode(), check=True,
                       capture_output=True)
        encoded = subprocess.run(
            [self.ffmpeg, "-v", "error", "-i", str(wav), "-ar", "24000", "-ac", "1", "-b:a", "48k", "-f", "mp3",
             "-"], check=True, capture_output=True)
        return encoded.stdout


def parse_ssml(message: str) -> dict:
    """Voice, prosody and text of an SSML request as edge-tts writes it."""
    long_name = re.search(r"<voice name='([^']+)'>", message).group(1)
    # "Microsoft Server Speech Text to Speech Voice (vi-VN, HoaiMyNeural)" -> "vi-VN-HoaiMyNeural"
    locale, name = re.search(r"\((\S+), (\w+)\)$", long_name).groups()
    voice = f"{locale}-{name}"
    prosody = re.search(r"<prosody pitch='([^']+)' rate='([^']+)' volume='([^']+)'>(.*)</prosody>", message, re.S)
    return {"voice": voice, "pitch": prosody.group(1), "rate": prosody.group(2), "text": unescape(prosody.group(4))}


def text_message(request_id: str, path: str, body: dict) -> str:
    return (f"X-RequestId:{request_id}\r\nContent-Type:application/json; charset=utf-8\r\nPath:{path}\r\n\r\n"
            + json.dumps(body))


def audio_message(request_id: str, data: bytes) -> bytes:
    header = f"X-RequestId:{request_id}\r\nContent-Type:audio/mpeg\r\nX-StreamId:1\r\nPath:audio\r\n".encode()
    return len(header).to_bytes(2, "big") + header + data


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
