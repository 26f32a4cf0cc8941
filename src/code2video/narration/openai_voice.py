"""OpenAI text to speech (``--voice openai:alloy``), or any OpenAI-compatible speech server
(``--voice openai:VOICE@http://host:port/v1``), through the provider layer's client.

The model comes from ``CODE2VIDEO_OPENAI_TTS_MODEL`` (default gpt-4o-mini-tts). The API reports
no word times, so words are spread over the audio and snapped to its pauses. Models that ignore
the ``speed`` field (gpt-4o-mini-tts) are sped up afterwards with ffmpeg's ``atempo`` filter,
which keeps the pitch; timings are measured on the final audio, so they match it either way.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import wave
from pathlib import Path

from code2video.errors import Code2VideoError, MissingToolError
from code2video.llm.speech import SpeechClient, accepts_speed, speech_problem
from code2video.narration.base import (
    Speech,
    TTSBackend,
    register,
    word_timings_from_audio,
    write_wav,
)

MODEL_ENV = "CODE2VIDEO_OPENAI_TTS_MODEL"
DEFAULT_MODEL = "gpt-4o-mini-tts"
DEFAULT_VOICE = "alloy"
FFMPEG_RATE = 24000  # what OpenAI sends; audio that goes through ffmpeg is resampled to it


@register
class OpenAIVoice(TTSBackend):
    """``voice``: a voice name (alloy, coral, ...; default alloy), optionally ``@BASE_URL``."""

    name = "openai"

    def __init__(self, voice: str = "", speed: float = 1.0) -> None:
        super().__init__(voice, speed)
        name, _, base_url = voice.partition("@")
        self.voice_name = name.strip() or DEFAULT_VOICE
        self.base_url = base_url.strip() or None
        self.model = os.environ.get(MODEL_ENV, "").strip() or DEFAULT_MODEL
        self._client: SpeechClient | None = None

    @property
    def cache_id(self) -> str:
        return f"{super().cache_id}|{self.model}"

    def problem(self) -> str | None:
        reason = speech_problem(self.base_url)
        if reason is None and self._stretched() and shutil.which("ffmpeg") is None:
            reason = f"{self.model} ignores the speed field, and changing it afterwards needs ffmpeg (apt-get install ffmpeg)"
        return reason

    def synthesize(self, text: str, out_wav: Path) -> Speech:
        if self._client is None:
            self._client = SpeechClient(self.model, self.base_url)
        native = self.speed if self.speed != 1 and not self._stretched() else None
        audio = self._client.speak(text, self.voice_name, native)
        pcm, rate = mono16(audio, tempo=self.speed if self._stretched() else 1.0)
        duration = write_wav(out_wav, pcm, rate)
        return Speech(out_wav, duration, word_timings_from_audio(text, pcm, rate))

    def _stretched(self) -> bool:
        """True when the speed is applied to the audio afterwards, not asked of the server."""
        return self.speed != 1 and not accepts_speed(self.model)


def mono16(audio: bytes, tempo: float = 1.0) -> tuple[bytes, int]:
    """16-bit mono PCM and its sample rate from an audio file, played ``tempo`` times as fast.

    16-bit WAV at normal speed is read directly (also with the unknown-length header streaming
    servers write); anything else goes through ffmpeg.
    """
    if tempo == 1.0:
        try:
            with wave.open(io.BytesIO(audio), "rb") as wav:
                channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
                frames = wav.readframes(wav.getnframes())
        except (wave.Error, EOFError):
            frames, width = b"", 0
        if width == 2 and frames:
            import numpy as np

            samples = np.frombuffer(frames[: len(frames) // (2 * channels) * 2 * channels], dtype="<i2")
            mono = samples.reshape(-1, channels).mean(axis=1).round().astype(np.int16)
            return mono.tobytes(), rate
    return _ffmpeg_mono16(audio, tempo), FFMPEG_RATE


def _ffmpeg_mono16(audio: bytes, tempo: float) -> bytes:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise MissingToolError("ffmpeg is needed to convert this speech audio; install it (apt-get install ffmpeg).")
    command = [ffmpeg, "-v", "error", "-nostdin", "-i", "pipe:0", "-ac", "1", "-ar", str(FFMPEG_RATE)]
    if tempo != 1.0:
        command += ["-filter:a", f"atempo={tempo:g}"]  # 0.5..2.0, the range --voice-speed allows
    done = subprocess.run([*command, "-f", "s16le", "-c:a", "pcm_s16le", "pipe:1"], input=audio,
                          capture_output=True, check=False)
    if done.returncode != 0 or not done.stdout:
        detail = done.stderr.decode(errors="replace").strip()[-300:]
        raise Code2VideoError(f"the speech server sent audio ffmpeg cannot read ({detail or 'no audio'}). "
                              "Check that the server answers /v1/audio/speech with WAV.")
    return done.stdout
