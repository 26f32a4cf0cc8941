"""Stand-ins for the voice tests: audio made of tone bursts, and an F5TTS engine that needs no weights."""

from __future__ import annotations

import io
import wave

import numpy as np

from code2video.narration.base import syllables

RATE = 24000


def tone_wav(text: str, rate: int = RATE) -> bytes:
    """A WAV of one tone burst per word with pauses after punctuation, for machines without eSpeak."""
    parts = []
    for word in text.split() or ["."]:
        t = np.arange(int(0.25 * rate)) / rate
        parts += [8000 * np.sin(2 * np.pi * 200 * t), np.zeros(int((0.3 if word[-1] in ".,;:!?" else 0.03) * rate))]
    return _wav_bytes(np.concatenate(parts).astype(np.int16).tobytes(), rate)


def _wav_bytes(pcm: bytes, rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm)
    return buffer.getvalue()


class FakeF5:
    """Answers ``infer`` like F5TTS: float samples, the rate, a spectrogram. One tone burst per
    word (0.2 s a syllable), a 0.35 s pause after punctuation, everything divided by ``speed``."""

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self.truth: list[tuple[float, float]] = []

    def infer(self, ref_file, ref_text, gen_text, show_info=print, speed=1.0, seed=None, **options):
        self.calls.append({"ref_file": ref_file, "ref_text": ref_text, "gen_text": gen_text, "speed": speed,
                           "seed": seed, **options})
        parts, t, self.truth = [np.zeros(int(0.2 * RATE))], 0.2, []
        for word in gen_text.split():
            length = 0.2 * syllables(word) / speed
            pause = (0.35 if word[-1] in ",.;:!?" else 0.03) / speed
            parts += [0.5 * np.sin(2 * np.pi * 180 * np.arange(int(length * RATE)) / RATE), np.zeros(int(pause * RATE))]
            self.truth.append((t, t + length))
            t += length + pause
        return np.concatenate(parts).astype(np.float32), RATE, None
