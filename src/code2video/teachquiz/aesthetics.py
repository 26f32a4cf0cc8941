"""Aesthetics of a video: a vision-language judge on Code2Video's five dimensions, and offline proxies.

The judge sees what a viewer sees (keyframes and the narration) and grades each dimension 0-20.
Its reply is checked strictly; a bad reply is sent back once with the problem stated, and a
second bad reply gives a result that carries the problem instead of scores (a benchmark run
should record it and go on, not stop).

The proxies need no model: they turn measured signals into 0-100 numbers. They are PROXIES,
named so everywhere, and correlate with, but are not, a judge's grade.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from code2video.agents.replies import ReplyError
from code2video.errors import BadInputError, RenderError
from code2video.llm import LLM, CompletionOptions, Image, Message
from code2video.prompts import render_prompt
from code2video.render.media import probe
from code2video.teachquiz.asking import ask_json, pick_frames
from code2video.teachquiz.efficiency import read_report
from code2video.teachquiz.evidence import (
    Evidence,
    find_subtitles,
    find_video,
    read_cues,
)

DIMENSIONS: dict[str, str] = {
    "element_layout": "elements sit cleanly on screen: nothing overlaps, is cut off or crammed; space is used evenly",
    "attractiveness": "frames are pleasant to look at: harmonious colours, strong contrast, text large enough to read",
    "logic_flow": "ideas come in a sensible order, each building on the one before, and the pictures match the words",
    "accuracy_depth": "statements and pictures are correct, and the topic is treated in enough depth for a learner",
    "visual_consistency": "one visual style throughout: the same fonts, colours, sizes and placement habits",
}
MAX_TRANSCRIPT_CHARS = 12_000
SPEAKING_BAND_WPM = (120.0, 170.0)
TEXT_BAND_WORDS = (8.0, 40.0)  # OCR words per keyframe: below is an empty screen, above a wall of text
SYNC_TOLERANCE_S, SYNC_LIMIT_S = 0.1, 2.0


@dataclass
class AestheticScores:
    """The judge's grades (0-20 each, total 0-100), or ``error`` with every score None."""

    scores: dict[str, float] | None
    reasons: dict[str, str] = field(default_factory=dict)
    total: float | None = None
    error: str | None = None
    frames: int = 0  # keyframes shown to the judge
    notes: list[str] = field(default_factory=list)  # unusable replies and what was wrong with them

    def describe(self) -> list[tuple[str, str]]:
        if self.scores is None:
            return [("aesthetics (judge)", f"no score: {self.error}")]
        rows = [(key.replace("_", " "), f"{self.scores[key]:g}/20  {self.reasons.get(key, '')}") for key in DIMENSIONS]
        return [*rows, ("total (judge)", f"{self.total:g}/100")]


def judge_aesthetics(topic: str, evidence: Evidence, llm: LLM, *, max_frames: int = 8) -> AestheticScores:
    """Ask the vision model (agent "judge") to grade the video from its keyframes and transcript."""
    frames = pick_frames(evidence.keyframes, max_frames)
    if not frames and not evidence.transcript:
        return AestheticScores(None, error="nothing to judge: the video has no keyframes and no transcript")
    transcript = " ".join(evidence.transcript)
    if len(transcript) > MAX_TRANSCRIPT_CHARS:
        transcript = transcript[:MAX_TRANSCRIPT_CHARS] + " [...]"
    prompt = render_prompt("judge_aesthetics", topic=topic, frame_count=len(frames), transcript=transcript,
                           seconds=round(evidence.video_seconds, 1), dimensions=DIMENSIONS)
    messages = [Message("system", render_prompt("judge_system")),
                Message("user", prompt, images=tuple(Image.from_path(p) for p in frames))]
    options = CompletionOptions(agent="judge", json=True, temperature=0.0, max_tokens=1500)
    read, notes = ask_json(llm, messages, options, read_dimension_scores)
    if read is None:
        return AestheticScores(None, error=notes[-1], frames=len(frames), notes=notes)
    scores, reasons = read
    return AestheticScores(scores, reasons, round(sum(scores.values()), 2), frames=len(frames), notes=notes)


def read_dimension_scores(data: dict) -> tuple[dict[str, float], dict[str, str]]:
    """Every dimension present with a number in 0-20 and a reason, or ``ReplyError`` listing all problems."""
    problems, scores, reasons = [], {}, {}
    for key in DIMENSIONS:
        item = data.get(key)
        if not isinstance(item, dict):
            problems.append(f'"{key}" is missing' if item is None else f'"{key}" must be an object with "score" and "reason"')
            continue
        score, reason = item.get("score"), item.get("reason")
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not math.isfinite(score):
            problems.append(f'"{key}.score" must be a number from 0 to 20, not {score!r}')
        elif not 0 <= score <= 20:
            problems.append(f'"{key}.score" is {score:g}, outside 0 to 20')
        else:
            scores[key] = float(score)
        if not isinstance(reason, str) or not reason.strip():
            problems.append(f'"{key}.reason" must be a one-line text')
        else:
            reasons[key] = " ".join(reason.split())
    if problems:
        raise ReplyError("; ".join(problems))
    return scores, reasons


# --- offline proxies --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProxyScore:
    """A 0-100 PROXY score with the raw measurement it came from."""

    score: float
    measured: float
    unit: str
    detail: str


@dataclass
class ProxyScores:
    """Offline PROXY scores from measured signals (not a judge's grade); None where not measurable."""

    layout_proxy: ProxyScore | None = None  # critic defects left after repair, per minute
    text_density_proxy: ProxyScore | None = None  # OCR words per keyframe
    speaking_rate_proxy: ProxyScore | None = None  # narrated words per minute
    av_sync_proxy: ProxyScore | None = None  # audio vs video length mismatch
    mean_proxy: float | None = None  # mean of the measurable proxies
    notes: list[str] = field(default_factory=list)  # why a proxy is missing

    def describe(self) -> list[tuple[str, str]]:
        rows = []
        for name in ("layout_proxy", "text_density_proxy", "speaking_rate_proxy", "av_sync_proxy"):
            item: ProxyScore | None = getattr(self, name)
            label = name.removesuffix("_proxy").replace("_", " ") + " (proxy)"
            rows.append((label, "not measurable" if item is None else
                         f"{item.score:.0f}/100  ({item.measured:g} {item.unit}: {item.detail})"))
        mean = "n/a" if self.mean_proxy is None else f"{self.mean_proxy:.0f}/100"
        return [*rows, ("mean of proxies", mean)]


def proxy_scores(folder: Path, evidence: Evidence) -> ProxyScores:
    """Proxy scores of an output folder; without report.json only the measurable ones are given."""
    folder = Path(folder)
    report = read_report(folder) if (folder / "report.json").is_file() else None
    result = ProxyScores()
    if report is None:
        result.notes.append("no report.json: the layout proxy needs the critic's results")
    else:
        result.layout_proxy = layout_proxy(report, result.notes)
    result.text_density_proxy = text_density_proxy(evidence, result.notes)
    result.speaking_rate_proxy = speaking_rate_proxy(folder, evidence, report, result.notes)
    result.av_sync_proxy = av_sync_proxy(folder, report, result.notes)
    measured = [p.score for p in (result.layout_proxy, result.text_density_proxy, result.speaking_rate_proxy,
                                  result.av_sync_proxy) if p is not None]
    result.mean_proxy = round(sum(measured) / len(measured), 1) if measured else None
    return result


def band_score(value: float, low: float, high: float) -> float:
    """100 inside [low, high]; falls linearly to 0 at zero below, and at twice ``high`` above."""
    if value < low:
        return round(100 * max(value, 0.0) / low, 1)
    if value > high:
        return round(100 * max(0.0, 1 - (value - high) / high), 1)
    return 100.0


def layout_proxy(report: dict, notes: list[str]) -> ProxyScore | None:
    """Layout defects the critic still saw after its repairs, per minute of video."""
    critics = [s.get("critic") for s in report["sections"] if isinstance(s, dict) and isinstance(s.get("critic"), dict)]
    minutes = float(report["video_seconds"]) / 60
    if not critics or minutes <= 0:
        notes.append("layout proxy: the critic did not run on this output" if not critics else
                     "layout proxy: the report gives no video length")
        return None
    defects = sum(len(c.get("after") or []) for c in critics)
    rate = defects / minutes
    return ProxyScore(round(100 / (1 + rate / 2), 1), round(rate, 2), "defects/min",
                      f"{defects} defects left in {len(critics)} critiqued sections over {minutes:.1f} min")


def text_density_proxy(evidence: Evidence, notes: list[str]) -> ProxyScore | None:
    """OCR words per keyframe against a band: an empty screen and a wall of text both cost."""
    if not evidence.keyframes:
        notes.append("text density proxy: no keyframes were read")
        return None
    words = [len(re.findall(r"\w{2,}", text)) for text in evidence.screen_text]
    per_frame = sum(words) / len(evidence.keyframes)
    low, high = TEXT_BAND_WORDS
    return ProxyScore(band_score(per_frame, low, high), round(per_frame, 1), "OCR words/keyframe",
                      f"band {low:g}-{high:g}, {len(evidence.keyframes)} keyframes")


def speaking_rate_proxy(folder: Path, evidence: Evidence, report: dict | None, notes: list[str]) -> ProxyScore | None:
    """Words per minute of narrated time (the span the subtitle cues cover) against 120-170 wpm."""
    words, seconds = _narrated(folder, evidence, report)
    if words == 0 or seconds <= 0:
        notes.append("speaking rate proxy: no narration with timings (subtitles or report.json)")
        return None
    wpm = words / (seconds / 60)
    low, high = SPEAKING_BAND_WPM
    return ProxyScore(band_score(wpm, low, high), round(wpm, 1), "words/min",
                      f"band {low:g}-{high:g}, {words} words over {seconds:.1f} s narrated")


def _narrated(folder: Path, evidence: Evidence, report: dict | None) -> tuple[int, float]:
    try:
        subtitles = find_subtitles(find_video(folder))
    except BadInputError:
        subtitles = None
    cues = read_cues(subtitles) if subtitles else []
    if cues:
        spans, covered = sorted((c.start, c.end) for c in cues), 0.0
        reach = spans[0][0]
        for start, end in spans:  # the union of the cue intervals
            covered += max(0.0, end - max(start, reach))
            reach = max(reach, end)
        return sum(len(c.text.split()) for c in cues), covered
    seconds = float(report.get("narration_seconds") or 0) if report else 0.0
    return sum(len(s.split()) for s in evidence.transcript), seconds


def av_sync_proxy(folder: Path, report: dict | None, notes: list[str]) -> ProxyScore | None:
    """The worst of: narration vs video length (report.json) and audio vs video stream length (ffprobe)."""
    gaps: dict[str, float] = {}
    if report and report.get("narration_seconds") and report.get("video_seconds"):
        gaps["narration vs video"] = abs(float(report["narration_seconds"]) - float(report["video_seconds"]))
    try:
        streams = {s.get("codec_type"): float(s["duration"]) for s in probe(find_video(folder))["streams"]
                   if s.get("codec_type") in ("audio", "video") and s.get("duration") not in (None, "N/A")}
    except (BadInputError, RenderError):
        streams = {}
    if len(streams) == 2:
        gaps["audio vs video stream"] = abs(streams["audio"] - streams["video"])
    if not gaps:
        notes.append("audio/video sync proxy: no narration length in report.json and no audio+video streams to compare")
        return None
    name, worst = max(gaps.items(), key=lambda item: item[1])
    score = 100 * min(1.0, max(0.0, 1 - (worst - SYNC_TOLERANCE_S) / (SYNC_LIMIT_S - SYNC_TOLERANCE_S)))
    return ProxyScore(round(score, 1), round(worst, 3), "s mismatch", f"worst of {', '.join(gaps)}: {name}")
