"""Shared fixtures: the test sentence, checks for speech produced by any narration backend, a
clean voice environment, and a local OpenAI-compatible speech server."""

from __future__ import annotations

import json
import wave
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from local_http import send, serving
from voice_fakes import tone_wav

from code2video.narration import BACKENDS, Speech, TTSBackend

SENTENCE = "The determinant measures how a matrix scales area, and its sign tells orientation."


@pytest.fixture
def sentence() -> str:
    return SENTENCE


@pytest.fixture
def backend_or_skip() -> Callable[..., TTSBackend]:
    """Make a backend, or skip the test naming what this machine lacks."""

    def make(name: str, voice: str = "", speed: float = 1.0) -> TTSBackend:
        backend = BACKENDS[name](voice, speed)
        reason = backend.problem()
        if reason:
            pytest.skip(f"{name} cannot run here: {reason}")
        return backend

    return make


def _check_speech(speech: Speech, text: str, out_wav: Path) -> None:
    """The WAV is 16-bit mono and as long as reported; one ordered timing per word, inside the audio.

    Words are matched by ``text.split()``: punctuation stays attached ("area,").
    """
    assert speech.audio == out_wav and out_wav.is_file()
    with wave.open(str(out_wav), "rb") as wav:
        assert wav.getsampwidth() == 2
        assert wav.getnchannels() == 1
        seconds = wav.getnframes() / wav.getframerate()
    assert abs(seconds - speech.duration) <= 0.05
    assert [w.word for w in speech.words] == text.split()
    previous_start = 0.0
    for timing in speech.words:
        assert 0.0 <= timing.start <= timing.end <= speech.duration + 1e-6, timing
        assert timing.start >= previous_start, timing
        previous_start = timing.start


@pytest.fixture
def check_speech() -> Callable[[Speech, str, Path], None]:
    return _check_speech


@pytest.fixture(autouse=True)
def no_voice_environment(monkeypatch):
    """Keys, servers, models and voice folders from the developer's shell must not leak into tests."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CODE2VIDEO_OPENAI_TTS_MODEL", "CODE2VIDEO_PIPER_VOICES",
                 "CODE2VIDEO_F5_CKPT", "CODE2VIDEO_F5_VOCAB", "CODE2VIDEO_F5_VOCODER", "HF_HUB_CACHE", "HF_HOME"):
        monkeypatch.delenv(name, raising=False)


def spoken_wav(text: str) -> bytes:
    """Real speech for ``text`` from eSpeak NG when it is here, else tone bursts."""
    import tempfile

    backend = BACKENDS["espeak"]()
    if backend.problem():
        return tone_wav(text)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "speech.wav"
        backend.synthesize(text, out)
        return out.read_bytes()


class FakeSpeechServer(ThreadingHTTPServer):
    """An OpenAI-compatible ``/v1/audio/speech`` on 127.0.0.1 that speaks the requested input.

    ``statuses`` queues error statuses to answer first; ``audio`` turns the input into the
    audio file sent back. ``requests`` and ``headers`` record what arrived.
    """

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SpeechHandler)
        self.requests: list[dict] = []
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.statuses: list[int] = []
        self.audio: Callable[[str], bytes] = spoken_wav

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _SpeechHandler(BaseHTTPRequestHandler):
    server: FakeSpeechServer

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.paths.append(self.path)
        self.server.headers.append({k.lower(): v for k, v in self.headers.items()})
        self.server.requests.append(body)
        status = self.server.statuses.pop(0) if self.server.statuses else 200
        if status != 200:
            data, kind = json.dumps({"error": {"message": f"scripted {status}", "type": "scripted"}}).encode(), "application/json"
        else:
            data, kind = self.server.audio(body["input"]), "audio/wav"
        send(self, status, data, kind)

    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture
def speech_server():
    with serving(FakeSpeechServer()) as server:
        yield server


@pytest.fixture
def make_piper_voice(backend_or_skip) -> Callable[[Path, str], Path]:
    """Put the bundled joe model in ``folder`` under another name, as download_voices leaves a voice."""

    def make(folder: Path, name: str) -> Path:
        joe = backend_or_skip("piper").model_path()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.onnx").symlink_to(joe)
        (folder / f"{name}.onnx.json").symlink_to(f"{joe}.json")
        return folder / f"{name}.onnx"

    return make
