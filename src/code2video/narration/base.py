"""The TTS backend contract: text in, a WAV file with its duration and word timings out."""

from __future__ import annotations

import math
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


MIN_SPEED, MAX_SPEED = 0.5, 2.0


def check_speed(speed: float) -> float:
    """The speaking rate if it is one every engine can honour; faster or slower turns to mush."""
    if not MIN_SPEED <= speed <= MAX_SPEED:
        raise BadInputError(
            f"voice speed must be between {MIN_SPEED} and {MAX_SPEED} (1.0 is normal, 1.2 is 20% faster), "
            f"not {speed:g}."
        )
    return float(speed)


class TTSBackend(ABC):
    """A voice. Subclasses set ``name`` and implement ``synthesize``.

    ``voice`` is the part after the colon in ``--voice NAME:VOICE`` (may be empty). ``speed`` is
    the speaking rate (1.0 normal, 1.5 half as fast again); each engine applies it natively.
    """

    name: ClassVar[str]

    def __init__(self, voice: str = "", speed: float = 1.0) -> None:
        self.voice = voice
        self.speed = check_speed(speed)

    @abstractmethod
    def synthesize(self, text: str, out_wav: Path) -> Speech:
        """Speak ``text`` into ``out_wav`` (16-bit mono PCM) and return its timings."""

    def problem(self) -> str | None:
        """Why this backend cannot run here, with the fix; None when it can."""
        return None

    @property
    def cache_id(self) -> str:
        """Identifies the voice in cache keys: the same text in another voice is other audio."""
        return f"{self.name}:{self.voice}" + (f"@{self.speed:g}x" if self.speed != 1 else "")


BACKENDS: dict[str, type[TTSBackend]] = {}


def register(cls: type[TTSBackend]) -> type[TTSBackend]:
    BACKENDS[cls.name] = cls
    return cls


def get_backend(spec: str, speed: float = 1.0) -> TTSBackend:
    """'piper', 'espeak:en-us', 'openai:alloy', 'f5:me.wav:TEXT' speaking at ``speed`` (0.5-2.0)
    -> a ready backend, or a BadInputError saying what exists or what is missing."""
    name, _, voice = spec.partition(":")
    if name not in BACKENDS:
        known = ", ".join(sorted(BACKENDS))
        raise BadInputError(f"unknown voice {spec!r}. Choose one of: {known} (see `code2video voices`).")
    backend = BACKENDS[name](voice, speed)
    reason = backend.problem()
    if reason:
        raise BadInputError(f"voice {spec!r} cannot run here: {reason}")
    return backend


_VOWEL_GROUPS = re.compile(r"[aeiouy]+", re.IGNORECASE)


def syllables(word: str) -> int:
    """A rough syllable count: vowel groups, at least one; digits count one per digit."""
    digits = sum(ch.isdigit() for ch in word)
    return max(1, len(_VOWEL_GROUPS.findall(word)) + digits)


PHRASE_END = ",.;:!?"


def _pause_weight(word: str) -> float:
    """Syllables' worth of pause a speaker leaves after ``word``: longer at a full stop than a comma."""
    return 0.8 if word[-1] in ".!?;:" else 0.4 if word[-1] == "," else 0.0


def spread_words(words: list[str], start: float, end: float) -> list[WordTiming]:
    """Spread words over [start, end] in proportion to their syllables; the last word ends at ``end``.

    Punctuation after a word (but the last) adds a short pause weight, as speakers pause at commas
    and full stops. Serves the silent voice (no audio to listen to) and each phrase of
    ``word_timings_from_audio``.
    """
    if not words:
        return []
    end = floor_ms(end)  # a timing rounded to 3 places never passes the end
    pauses = [_pause_weight(w) for w in words[:-1]] + [0.0]
    scale = max(0.0, end - start) / sum(syllables(w) + p for w, p in zip(words, pauses))
    timings, t = [], start
    for word, pause in zip(words, pauses):
        spoken = syllables(word) * scale
        timings.append(WordTiming(word, round(t, 3), round(min(end, t + spoken), 3)))
        t += (syllables(word) + pause) * scale
    return timings


WINDOW = 0.01  # seconds of audio per loudness measurement
MIN_GAP = 0.12  # a quiet stretch this long is a pause between phrases, not a stop consonant
SILENCE_RATIO = 0.03  # a window quieter than this share of the loudest window (-30 dB) is silent


@dataclass(frozen=True)
class Pauses:
    """Where a recording is voiced, and the silent gaps (start, end) inside that span."""

    start: float
    end: float
    gaps: list[tuple[float, float]]


def find_pauses(pcm: bytes, sample_rate: int, min_gap: float = MIN_GAP) -> Pauses:
    """Measure the RMS of 10 ms windows of 16-bit mono PCM; windows under 3% of the loudest are
    silent, and a run of silent windows lasting ``min_gap`` seconds inside the voiced span is a gap."""
    import numpy as np

    samples = np.frombuffer(pcm, dtype=np.int16).astype(np.float64)
    duration = samples.size / sample_rate
    size = max(1, round(sample_rate * WINDOW))
    count = samples.size // size
    rms = np.sqrt((samples[: count * size].reshape(count, size) ** 2).mean(axis=1)) if count else np.zeros(0)
    if rms.size == 0 or rms.max() == 0:
        return Pauses(0.0, duration, [])
    loud = rms > SILENCE_RATIO * rms.max()
    voiced = np.flatnonzero(loud)
    first, last = int(voiced[0]), int(voiced[-1]) + 1
    gaps, quiet_since = [], None
    for i in range(first, last):
        if not loud[i]:
            quiet_since = i if quiet_since is None else quiet_since
            continue
        if quiet_since is not None and (i - quiet_since) * size >= min_gap * sample_rate:
            gaps.append((quiet_since * size / sample_rate, i * size / sample_rate))
        quiet_since = None
    end = duration if last == count else last * size / sample_rate
    return Pauses(first * size / sample_rate, end, gaps)


def word_timings_from_audio(text: str, pcm: bytes, sample_rate: int) -> list[WordTiming]:
    """Word timings for engines that report none: syllables spread over the voice, snapped to its pauses.

    1. ``find_pauses`` gives the voiced span and the silent gaps in it (>= 120 ms under -30 dB).
    2. Words are spread over the span in proportion to their syllables, with extra weight after
       punctuation, which estimates when each phrase boundary (a word ending in , . ; : ! ?) falls.
    3. Boundaries are matched to gaps in order, each to a gap near its estimate (an ordered
       matching, so one early pause cannot take a later boundary's gap); a boundary with no gap
       near it, and a gap with no boundary (a breath), are left alone.
    4. Each phrase is re-spread between its anchors: a matched boundary's word ends where its gap
       starts and the next word starts where the gap ends.

    Timings are ordered and lie inside [0, duration]; the error is a fraction of a phrase, not of the passage.
    """
    words = text.split()
    if not words:
        return []
    pauses = find_pauses(pcm, sample_rate)
    guess = spread_words(words, pauses.start, pauses.end)
    boundaries = [(k, (guess[k].end + guess[k + 1].start) / 2) for k in range(len(words) - 1)
                  if words[k][-1] in PHRASE_END]
    reach = max(0.75, 0.1 * (pauses.end - pauses.start))
    timings, start, first = [], pauses.start, 0
    for k, (gap_start, gap_end) in _match(boundaries, pauses.gaps, reach):
        timings += spread_words(words[first : k + 1], start, gap_start)
        start, first = gap_end, k + 1
    return timings + spread_words(words[first:], start, pauses.end)


def floor_ms(seconds: float) -> float:
    """Round down to the millisecond, so a timing rounded to 3 places never passes the audio's end."""
    return math.floor(seconds * 1000 + 1e-6) / 1000


def _match(boundaries: list[tuple[int, float]], gaps: list[tuple[float, float]],
           reach: float) -> list[tuple[int, tuple[float, float]]]:
    """Pair boundaries (word index, estimated time) with gaps, both in time order, minimising the
    total distance; a boundary left unpaired costs ``reach``, so pairs are never further apart."""
    n, m = len(boundaries), len(gaps)
    centres = [(a + b) / 2 for a, b in gaps]
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0] = i * reach
        for j in range(1, m + 1):
            distance = abs(boundaries[i - 1][1] - centres[j - 1])
            paired = cost[i - 1][j - 1] + distance if distance < reach else float("inf")
            cost[i][j] = min(cost[i - 1][j] + reach, cost[i][j - 1], paired)
    pairs, i, j = [], n, m
    while i and j:
        if cost[i][j] == cost[i][j - 1]:
            j -= 1
        elif cost[i][j] == cost[i - 1][j] + reach:
            i -= 1
        else:
            pairs.append((boundaries[i - 1][0], gaps[j - 1]))
            i, j = i - 1, j - 1
    return pairs[::-1]


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

