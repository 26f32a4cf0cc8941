"""SRT and WebVTT cues from word timings (never from re-transcribing the audio)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

LINE_CHARS = 42
MAX_LINES = 2
LINGER = 0.3  # seconds a cue stays after its last word, unless the next cue starts sooner

Word = tuple[str, float, float]  # (text, start, end), seconds on the video's timeline


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    lines: list[str]


def _fits(words: list[Word]) -> bool:
    return len(textwrap.wrap(" ".join(w[0] for w in words), LINE_CHARS)) <= MAX_LINES


def build_cues(passages: list[list[Word]], video_end: float) -> list[Cue]:
    """Group words into cues of at most two 42-character lines; a cue never spans two passages
    (beats) and ends at a sentence end once it has some length."""
    groups: list[list[Word]] = []
    for words in passages:
        current: list[Word] = []
        for word in words:
            if current and not _fits(current + [word]):
                groups.append(current)
                current = []
            current.append(word)
            if word[0][-1] in ".!?" and len(" ".join(w[0] for w in current)) >= 20:
                groups.append(current)
                current = []
        if current:
            groups.append(current)
    cues = []
    for index, group in enumerate(groups):
        next_start = groups[index + 1][0][1] if index + 1 < len(groups) else video_end
        start = min(group[0][1], video_end)
        end = min(max(group[-1][2] + LINGER, start + 0.5), next_start, video_end)
        text = " ".join(w[0] for w in group)
        cues.append(Cue(round(start, 3), round(max(end, start), 3), textwrap.wrap(text, LINE_CHARS)))
    return cues


def _stamp(seconds: float, separator: str) -> str:
    millis = int(round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}{separator}{rest % 1000:03d}"


def to_srt(cues: list[Cue]) -> str:
    blocks = [f"{i}\n{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}\n" + "\n".join(c.lines)
              for i, c in enumerate(cues, 1)]
    return "\n\n".join(blocks) + "\n"


def to_vtt(cues: list[Cue]) -> str:
    blocks = [f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}\n" + "\n".join(c.lines) for c in cues]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def write_subtitles(cues: list[Cue], srt: Path, vtt: Path) -> None:
    srt.write_text(to_srt(cues), encoding="utf-8")
    vtt.write_text(to_vtt(cues), encoding="utf-8")
