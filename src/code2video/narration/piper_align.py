"""Word timings from Piper's phoneme alignments.

Piper reports how many samples each phoneme took; phonemes come per sentence, with ' ' between
spoken words. Spoken words are not text words: eSpeak merges "in the" into one, reads "1995" as
three and drops a lone dash. So we phonemize each text word alone, match those phoneme words to
the spoken ones (exact matches first, with difflib), and share out the time of anything that
differs in proportion to phoneme counts.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from code2video.narration.base import WordTiming

_BREAKS = set(" ^$_")  # word gap, sentence start/end markers, padding
_STRESS = set("ˈˌ")


@dataclass(frozen=True)
class SpokenWord:
    phonemes: str  # stress marks removed, so "ðə" here matches "ðə" phonemized alone
    start: float
    end: float


def _is_break(phoneme: str) -> bool:
    return phoneme in _BREAKS or all(unicodedata.category(ch).startswith("P") for ch in phoneme)


def spoken_words(alignments: list[tuple[str, int]], sample_rate: int, offset: float = 0.0) -> list[SpokenWord]:
    """Group ``(phoneme, samples)`` pairs into words with times; ``offset`` is the sentence start."""
    words: list[SpokenWord] = []
    current, start, t = "", None, offset
    for phoneme, samples in alignments:
        end = t + samples / sample_rate
        if _is_break(phoneme):
            if start is not None:
                words.append(SpokenWord(current, start, t))
            current, start = "", None
        else:
            start = t if start is None else start
            current += "".join(ch for ch in phoneme if ch not in _STRESS)
        t = end
    if start is not None:
        words.append(SpokenWord(current, start, t))
    return words


def phoneme_words(phonemes: list[str]) -> list[str]:
    """The stress-free phoneme words in an untimed phoneme list (a text word phonemized alone)."""
    return [w.phonemes for w in spoken_words([(p, 0) for p in phonemes], 1)]


def align(words: list[str], expected: list[list[str]], spoken: list[SpokenWord]) -> list[WordTiming]:
    """Time each text word; ``expected[i]`` holds the phoneme words ``words[i]`` gives alone."""
    flat = [(i, p) for i, group in enumerate(expected) for p in group]
    spans: list[list[tuple[float, float]]] = [[] for _ in words]
    matcher = SequenceMatcher(None, [p for _, p in flat], [s.phonemes for s in spoken], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                spans[flat[i1 + k][0]].append((spoken[j1 + k].start, spoken[j1 + k].end))
            continue
        start, end = _region(spoken, j1, j2)
        pieces = flat[i1:i2]
        total = sum(max(1, len(p)) for _, p in pieces) or 1
        t = start
        for i, p in pieces:
            step = (end - start) * max(1, len(p)) / total
            spans[i].append((t, t + step))
            t += step
    return _to_timings(words, spans)


def _region(spoken: list[SpokenWord], j1: int, j2: int) -> tuple[float, float]:
    """The time covered by spoken[j1:j2]; an empty slice is the instant between its neighbours."""
    if j2 > j1:
        return spoken[j1].start, spoken[j2 - 1].end
    if j1 > 0:
        return spoken[j1 - 1].end, spoken[j1 - 1].end
    instant = spoken[0].start if spoken else 0.0
    return instant, instant


def _to_timings(words: list[str], spans: list[list[tuple[float, float]]]) -> list[WordTiming]:
    """One timing per word; a word without phonemes sits, zero-length, where the previous one ended."""
    timings: list[WordTiming] = []
    for word, span in zip(words, spans):
        previous_end = timings[-1].end if timings else 0.0
        previous_start = timings[-1].start if timings else 0.0
        start = min(s for s, _ in span) if span else previous_end
        end = max(e for _, e in span) if span else previous_end
        start = max(start, previous_start)
        timings.append(WordTiming(word, round(start, 3), round(max(start, end), 3)))
    return timings
