"""A voice that says nothing for as long as a person would take: fast tests and ``--voice silent`` drafts."""

from __future__ import annotations

from pathlib import Path

from code2video.narration.base import (
    Speech,
    TTSBackend,
    register,
    spread_words,
    write_wav,
)

SAMPLE_RATE = 22050
WORDS_PER_MINUTE = 155
SENTENCE_PAUSE = 0.35  # seconds after . ! ? ; :
COMMA_PAUSE = 0.15
MIN_DURATION = 0.3  # an empty passage still gets a beat, so scenes never last zero seconds


def estimate_duration(text: str) -> float:
    """Seconds a narrator needs for ``text`` at a calm teaching pace."""
    words = text.split()
    pauses = sum(SENTENCE_PAUSE if w[-1] in ".!?;:" else COMMA_PAUSE if w[-1] == "," else 0 for w in words)
    return max(MIN_DURATION, len(words) * 60 / WORDS_PER_MINUTE + pauses)


@register
class SilentBackend(TTSBackend):
    """Silence as long as ``estimate_duration`` says, divided by ``speed``."""

    name = "silent"

    def synthesize(self, text: str, out_wav: Path) -> Speech:
        frames = round(estimate_duration(text) / self.speed * SAMPLE_RATE)
        duration = write_wav(out_wav, bytes(2 * frames), SAMPLE_RATE)
        return Speech(out_wav, duration, spread_words(text.split(), 0.0, duration))
