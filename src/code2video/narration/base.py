"""The TTS backend contract: text in, a WAV file with its duration and word timings out."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from code2video.errors import BadInputError


@dataclass(frozen=True)
class WordTiming:
    word: str
    start: float
    end: float


@dataclass(frozen=True)
class Speech:
    """One synthesised passage. Timings are seconds from the start of ``audio``."""

    audio: Path
    duration: float
    words: list[WordTiming] = field(default_factory=list)


class TTSBackend(ABC):
    """A voice. Subclasses set ``name`` and implement ``synthesize``.

    ``voice`` is the part after the colon in ``--voice NAME:VOICE`` (may be empty).
    """

    name: ClassVar[str]

    def __init__(self, voice: str = "") -> None:
        self.voice = voice

    @abstractmethod
    def synthesize(self, text: str, out_wav: Path) -> Speech:
        """Speak ``text`` into ``out_wav`` (16-bit mono PCM) and return its timings."""

    def problem(self) -> str | None:
        """Why this backend cannot run here, with the fix; None when it can."""
        return None

    @property
    def cache_id(self) -> str:
        """Identifies the voice in cache keys: the same text in another voice is other audio."""
        return f"{self.name}:{self.voice}"


BACKENDS: dict[str, type[TTSBackend]] = {}


def register(cls: type[TTSBackend]) -> type[TTSBackend]:
    BACKENDS[cls.name] = cls
    return cls


def get_backend(spec: str) -> TTSBackend:
    """'piper', 'espeak:en-us', 'silent' -> a ready backend, or a BadInputError saying what exists."""
    name, _, voice = spec.partition(":")
    if name not in BACKENDS:
        known = ", ".join(sorted(BACKENDS))
        raise BadInputError(f"unknown voice {spec!r}. Choose one of: {known} (see `code2video voices`).")
    backend = BACKENDS[name](voice)
    reason = backend.problem()
    if reason:
        raise BadInputError(f"voice {spec!r} cannot run here: {reason}")
    return backend


_VOWEL_GROUPS = re.compile(r"[aeiouy]+", re.IGNORECASE)


def syllables(word: str) -> int:
    """A rough syllable count: vowel groups, at least one; digits count one per digit."""
    digits = sum(ch.isdigit() for ch in word)
    return max(1, len(_VOWEL_GROUPS.findall(word)) + digits)


def approximate_word_timings(text: str, start: float, end: float) -> list[WordTiming]:
    """Spread words over [start, end] in proportion to their syllables.

    Used by engines that report no timings. Punctuation after a word adds a short pause weight,
    as speakers pause at commas and full stops.
    """
    words = text.split()
    if not words or end <= start:
        return []
    weights = [syllables(w) + (0.8 if w[-1] in ".!?;:" else 0.4 if w[-1] == "," else 0) for w in words]
    scale = (end - start) / sum(weights)
    timings, t = [], start
    for word, weight in zip(words, weights):
        spoken = syllables(word) * scale
        timings.append(WordTiming(word, round(t, 3), round(min(end, t + spoken), 3)))
        t += weight * scale
    return timings


def write_wav(path: Path, pcm: bytes, sample_rate: int) -> float:
    """Write 16-bit mono PCM as a WAV file, the one format every backend hands on; returns seconds."""
    import wave

    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm)
    return len(pcm) // 2 / sample_rate


def wav_duration(path: Path) -> float:
    """Seconds of audio in a WAV file, read from its header."""
    import wave

    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def voiced_span(pcm: bytes, sample_rate: int, threshold: float = 0.02) -> tuple[float, float]:
    """(first, last) second where 16-bit PCM is louder than ``threshold`` of its peak.

    Engines pad speech with silence; timings spread over the whole file would start too early.
    """
    import numpy as np

    samples = np.abs(np.frombuffer(pcm, dtype=np.int16).astype(np.int32))
    if samples.size == 0 or samples.max() == 0:
        return 0.0, samples.size / sample_rate
    loud = np.flatnonzero(samples > threshold * samples.max())
    return float(loud[0]) / sample_rate, float(loud[-1] + 1) / sample_rate
