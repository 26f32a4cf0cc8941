"""Mouth motion from narration: word timings give the shape, the audio's loudness gives the size.

Both the puppet and the drawn presenter read one ``MouthTrack``: per video frame an openness
(0 closed .. 1 wide open) and a width factor (1 neutral, >1 spread, <1 rounded). Word timings
from TTS engines are coarse (a word's span often includes the pause after it), so each word's
mouth shapes are spread over the part of its span that is actually voiced.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from code2video.avatar.base import TimedWord
from code2video.avatar.video import read_wav

SUBSTEPS = 4  # mouth targets and smoothing run this many times per video frame, so short closures count
ATTACK_S = 0.02  # time constant of an opening mouth
RELEASE_S = 0.03  # time constant of a closing mouth (lips shut fast on m/b/p)
WIDTH_S = 0.05
VOICED = 0.08  # normalised loudness below which a moment counts as silence


@dataclass(frozen=True)
class Viseme:
    """A mouth shape: how open, and how wide relative to rest."""

    name: str
    openness: float
    width: float
    weight: float  # relative share of a word's time (vowels last longer than consonants)


REST = Viseme("rest", 0.0, 1.0, 1.0)
MBP = Viseme("mbp", 0.0, 0.95, 1.0)  # lips pressed together
FV = Viseme("fv", 0.12, 1.05, 1.0)  # lower lip under the upper teeth
CONSONANT = Viseme("cons", 0.3, 1.0, 1.0)
AA = Viseme("aa", 1.0, 1.05, 2.0)
OH = Viseme("oh", 0.75, 0.8, 2.0)
EE = Viseme("ee", 0.45, 1.25, 2.0)
OO = Viseme("oo", 0.4, 0.7, 2.0)

_DIGRAPHS = {"ph": FV, "th": CONSONANT, "sh": CONSONANT, "ch": CONSONANT, "wh": OO, "oo": OO, "ou": OO,
             "ow": OH, "ee": EE, "ea": EE, "ai": AA, "ay": EE, "oa": OH, "qu": OO}
_LETTERS = {**{c: MBP for c in "mbp"}, **{c: FV for c in "fv"}, "a": AA, "o": OH, "e": EE, "i": EE, "y": EE,
            "u": OO, "w": OO}


@dataclass(frozen=True)
class VisemeSpan:
    start: float
    end: float
    viseme: Viseme


@dataclass(frozen=True)
class MouthTrack:
    """Per video frame: mouth openness and width, the viseme aimed at, and the audio loudness (all 0..1)."""

    fps: int
    openness: np.ndarray
    width: np.ndarray
    loudness: np.ndarray
    visemes: tuple[str, ...]
    seed: int  # from the audio: blinks and head motion differ between sections yet repeat exactly

    @property
    def frames(self) -> int:
        return len(self.openness)


def word_visemes(word: str) -> list[Viseme]:
    """Letters to mouth shapes: digraphs first, doubled shapes merged, a silent final 'e' dropped."""
    letters = "".join(c for c in word.lower() if c.isalpha())
    if len(letters) > 2 and letters.endswith("e") and letters[-2] not in "aeiouy":
        letters = letters[:-1]
    shapes: list[Viseme] = []
    i = 0
    while i < len(letters):
        pair = letters[i:i + 2]
        if pair in _DIGRAPHS:
            shape, i = _DIGRAPHS[pair], i + 2
        else:
            shape, i = _LETTERS.get(letters[i], CONSONANT), i + 1
        if not shapes or shapes[-1] is not shape:
            shapes.append(shape)
    return shapes or [CONSONANT]  # digits and symbols are still spoken


def viseme_spans(words: Sequence[TimedWord], voiced: np.ndarray | None = None, rate: float = 1.0) -> list[VisemeSpan]:
    """Spread each word's shapes over its span, weighted by shape; ``voiced`` (a bool per 1/``rate``
    seconds) trims each span to its voiced part."""
    spans: list[VisemeSpan] = []
    for timed in words:
        start, end = timed.start, timed.end
        if voiced is not None:
            start, end = _voiced_part(voiced, rate, start, end)
        shapes = word_visemes(timed.word)
        if end <= start:
            continue
        edges = np.cumsum([0.0] + [s.weight for s in shapes])
        edges = start + (end - start) * edges / edges[-1]
        spans.extend(VisemeSpan(float(a), float(b), s) for a, b, s in zip(edges[:-1], edges[1:], shapes))
    return spans


def _voiced_part(voiced: np.ndarray, rate: float, start: float, end: float) -> tuple[float, float]:
    first, last = int(start * rate), min(int(np.ceil(end * rate)), len(voiced))
    inside = np.flatnonzero(voiced[first:last])
    if len(inside) == 0:
        return start, end
    return (first + inside[0]) / rate, (first + inside[-1] + 1) / rate


def loudness(samples: np.ndarray, rate: int, steps_per_second: float, steps: int) -> np.ndarray:
    """RMS per time step (step i covers [i, i+1) / steps_per_second), normalised so the 95th
    percentile is 1, clipped to 0..1. Silence stays 0."""
    if steps == 0:
        return np.zeros(0, dtype=np.float32)
    bounds = np.minimum(np.round(np.arange(steps + 1) * rate / steps_per_second).astype(int), len(samples))
    energy = np.concatenate([[0.0], np.cumsum(samples.astype(np.float64) ** 2)])
    counts = np.maximum(np.diff(bounds), 1)
    rms = np.sqrt(np.diff(energy[bounds]) / counts)
    reference = np.percentile(rms, 95)
    if reference <= 1e-4:  # under -80 dBFS: nothing was said
        return np.zeros(steps, dtype=np.float32)
    return np.clip(rms / reference, 0.0, 1.0).astype(np.float32)


def smooth(targets: np.ndarray, dt: float, attack: float, release: float, start: float = 0.0) -> np.ndarray:
    """One-pole follower: rises with time constant ``attack``, falls with ``release`` (seconds)."""
    up, down = 1.0 - np.exp(-dt / attack), 1.0 - np.exp(-dt / release)
    out = np.empty(len(targets), dtype=np.float32)
    value = start
    for i, target in enumerate(targets.tolist()):
        value += (target - value) * (up if target > value else down)
        out[i] = value
    return out


def _targets(spans: list[VisemeSpan], times: np.ndarray) -> list[Viseme]:
    """The shape aimed at at each of ``times``: that of the last span started, while it lasts; else REST."""
    if not spans:
        return [REST] * len(times)
    starts = np.array([s.start for s in spans])
    ends = np.array([s.end for s in spans])
    latest = np.searchsorted(starts, times, side="right") - 1
    inside = (latest >= 0) & (times < ends[latest])  # ends[-1] where none started yet: masked by latest >= 0
    return [spans[k].viseme if speaking else REST for k, speaking in zip(latest.tolist(), inside.tolist())]


def loudness_gain(loud: np.ndarray) -> np.ndarray:
    """How far the mouth opens for a loudness: below the voicing threshold the lips close whatever
    the word says; above it the opening grows faster than the loudness, so stressed syllables
    stand out and the mouth moves with the voice rather than only with the letters."""
    return np.clip((loud - VOICED) / (1.0 - VOICED), 0.0, 1.0) ** 1.5


def mouth_track(audio: Path, words: Sequence[TimedWord], fps: int) -> MouthTrack:
    """The per-frame mouth for narration ``audio`` with its word timings, ``fps`` frames a second."""
    samples, rate = read_wav(audio)
    frames = round(len(samples) / rate * fps)
    step_rate = fps * SUBSTEPS
    fine_loud = loudness(samples, rate, step_rate, frames * SUBSTEPS)
    voiced = fine_loud > VOICED
    spans = viseme_spans(words, voiced, step_rate)
    times = (np.arange(frames * SUBSTEPS) + 0.5) / step_rate
    shapes = _targets(spans, times)
    gain = loudness_gain(fine_loud)
    open_target = np.array([s.openness for s in shapes], dtype=np.float32) * gain
    width_target = np.where(gain > 0, [s.width for s in shapes], REST.width).astype(np.float32)
    dt = 1.0 / step_rate
    openness = smooth(open_target, dt, ATTACK_S, RELEASE_S).reshape(frames, SUBSTEPS).mean(axis=1)
    width = smooth(width_target, dt, WIDTH_S, WIDTH_S, REST.width).reshape(frames, SUBSTEPS).mean(axis=1)
    middle = [shapes[i * SUBSTEPS + SUBSTEPS // 2].name for i in range(frames)]
    return MouthTrack(fps, openness, width, loudness(samples, rate, fps, frames), tuple(middle),
                      zlib.crc32(samples.tobytes()))


BLINK_S = 0.15


def blink_track(frames: int, fps: int, seed: int = 7) -> np.ndarray:
    """Per frame how closed the eyelids are (0..1): a blink every 2-6 s, lasting ~0.15 s, closing
    faster than it opens. Seeded (see ``MouthTrack.seed``): the same narration gives the same clip."""
    rng = np.random.default_rng(seed)
    closed = np.zeros(frames, dtype=np.float32)
    times = np.arange(frames) / fps
    start = rng.uniform(0.8, 2.5)
    while start < frames / fps:
        phase = (times - start) / BLINK_S
        shape = np.where(phase < 0.4, phase / 0.4, (1.0 - phase) / 0.6)
        closed = np.maximum(closed, np.where((phase >= 0) & (phase <= 1), np.clip(shape, 0, 1), 0))
        start += rng.uniform(2.0, 6.0)
    return closed
