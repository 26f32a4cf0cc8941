"""The ``openai`` voice against a local OpenAI-compatible speech server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import io
import shutil
import wave
from pathlib import Path

import numpy as np
import pytest

from code2video.errors import BadInputError
from code2video.llm import LLMError
from code2video.llm import speech as speech_module
from code2video.narration import get_backend
from code2video.narration.base import find_pauses
from code2video.narration.openai_voice import OpenAIVoice, mono16

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(speech_module, "RETRY_WAIT", (0.01, 0.02))


def _seconds(audio: bytes) -> float:
    with wave.open(io.BytesIO(audio), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def test_speaks_through_the_server(speech_server, check_speech, sentence, tmp_path: Path) -> None:
    backend = get_backend(f"openai:coral@{speech_server.url}")
    out = tmp_path / "line.wav"
    speech = backend.synthesize(sentence, out)
    check_speech(speech, sentence, out)
    assert speech_server.paths == ["/v1/audio/speech"]
    request = speech_server.requests[0]
    assert request["model"] == "gpt-4o-mini-tts"
    assert request["voice"] == "coral"
    assert request["input"] == sentence
    assert request["response_format"] == "wav"
    assert "speed" not in request
    assert speech_server.headers[0]["authorization"] == "Bearer no-key-needed"
    assert speech.duration == pytest.approx(_seconds(speech_server.audio(sentence)), abs=0.01)
    with wave.open(str(out), "rb") as wav:
        onset = find_pauses(wav.readframes(wav.getnframes()), wav.getframerate()).start
    assert speech.words[0].start == pytest.approx(onset, abs=0.02)


def test_model_from_env_and_key_sent(speech_server, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CODE2VIDEO_OPENAI_TTS_MODEL", "tts-1-hd")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-key")
    backend = get_backend(f"openai:@{speech_server.url}")
    backend.synthesize("Hello there.", tmp_path / "h.wav")
    assert speech_server.requests[0]["model"] == "tts-1-hd"
    assert speech_server.requests[0]["voice"] == "alloy"  # the default voice
    assert speech_server.headers[0]["authorization"] == "Bearer sk-test-key"
    assert "tts-1-hd" in backend.cache_id


def test_speed_is_sent_to_models_that_take_it(speech_server, monkeypatch, sentence, tmp_path: Path) -> None:
    monkeypatch.setenv("CODE2VIDEO_OPENAI_TTS_MODEL", "tts-1")
    speech = get_backend(f"openai:nova@{speech_server.url}", speed=1.5).synthesize(sentence, tmp_path / "f.wav")
    assert speech_server.requests[0]["speed"] == 1.5
    # The server applied the speed (this fake does not), so the audio is kept as sent.
    assert speech.duration == pytest.approx(_seconds(speech_server.audio(sentence)), abs=0.01)


@needs_ffmpeg
def test_speed_is_applied_afterwards_for_gpt_4o_tts(speech_server, check_speech, sentence, tmp_path: Path) -> None:
    out = tmp_path / "fast.wav"
    speech = get_backend(f"openai:alloy@{speech_server.url}", speed=1.5).synthesize(sentence, out)
    assert "speed" not in speech_server.requests[0]
    check_speech(speech, sentence, out)
    served = _seconds(speech_server.audio(sentence))
    assert speech.duration == pytest.approx(served / 1.5, rel=0.05)
    assert speech.words[-1].end <= speech.duration


def test_rejected_key_is_bad_input(speech_server, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-wrong")
    speech_server.statuses = [401]
    with pytest.raises(BadInputError, match="OPENAI_API_KEY"):
        get_backend(f"openai:alloy@{speech_server.url}").synthesize("Hello.", tmp_path / "x.wav")
    assert len(speech_server.requests) == 1  # not retried


def test_server_error_is_retried(speech_server, check_speech, tmp_path: Path) -> None:
    speech_server.statuses = [500, 503]
    out = tmp_path / "r.wav"
    speech = get_backend(f"openai:alloy@{speech_server.url}").synthesize("Try again, please.", out)
    check_speech(speech, "Try again, please.", out)
    assert len(speech_server.requests) == 3


def test_gives_up_after_the_retries(speech_server, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(speech_module, "MAX_RETRIES", 2)
    speech_server.statuses = [500] * 5
    with pytest.raises(LLMError, match="gave up on speech after 3 attempts.*HTTP 500"):
        get_backend(f"openai:alloy@{speech_server.url}").synthesize("Hello.", tmp_path / "x.wav")
    assert len(speech_server.requests) == 3


def test_problem_without_key_or_server(monkeypatch) -> None:
    message = OpenAIVoice("alloy").problem()
    assert "OPENAI_API_KEY" in message and "openai:VOICE@http://HOST:PORT/v1" in message
    with pytest.raises(BadInputError, match="OPENAI_API_KEY"):
        get_backend("openai:alloy")
    assert "malformed" in OpenAIVoice("alloy@localhost:8000").problem()
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert OpenAIVoice("alloy").problem() is None
    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert OpenAIVoice("alloy").problem() is None


def test_cache_tells_voices_models_servers_and_speeds_apart(monkeypatch) -> None:
    ids = {OpenAIVoice("alloy").cache_id, OpenAIVoice("coral").cache_id, OpenAIVoice("alloy", 1.2).cache_id,
           OpenAIVoice("alloy@http://127.0.0.1:1/v1").cache_id}
    monkeypatch.setenv("CODE2VIDEO_OPENAI_TTS_MODEL", "tts-1")
    ids.add(OpenAIVoice("alloy").cache_id)
    assert len(ids) == 5


def test_streaming_wav_header_is_read() -> None:
    """Streaming servers write 0xFFFFFFFF for sizes they do not know yet."""
    pcm = (np.sin(np.arange(24000) / 10) * 9000).astype(np.int16).tobytes()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(24000)
        wav.writeframes(pcm)
    data = bytearray(buffer.getvalue())
    data[4:8] = data[40:44] = b"\xff\xff\xff\xff"
    assert mono16(bytes(data)) == (pcm, 24000)


@needs_ffmpeg
def test_float_stereo_audio_goes_through_ffmpeg(tmp_path: Path) -> None:
    """Formats the wave module cannot read (32-bit float, stereo, 48 kHz) are converted."""
    import subprocess

    source = tmp_path / "f.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=300:duration=1:sample_rate=48000",
                    "-ac", "2", "-c:a", "pcm_f32le", str(source)], check=True)
    pcm, rate = mono16(source.read_bytes())
    assert rate == 24000
    assert len(pcm) / 2 / rate == pytest.approx(1.0, abs=0.01)
    assert np.abs(np.frombuffer(pcm, dtype=np.int16)).max() > 1000


def test_unreadable_audio_is_explained() -> None:
    with pytest.raises(Exception, match="cannot read|ffmpeg"):
        mono16(b"this is not audio")
