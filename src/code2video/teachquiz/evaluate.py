"""The three `code2video eval` measurements of one output folder, each saved to OUT/eval/<name>.json.

These only wire the metric modules together; the CLI parses options and prints the rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from code2video.llm import LLM
from code2video.pipeline.reports import write_atomically
from code2video.teachquiz.aesthetics import (
    AestheticScores,
    ProxyScores,
    judge_aesthetics,
    proxy_scores,
)
from code2video.teachquiz.evidence import Evidence, gather_evidence
from code2video.teachquiz.meta import (
    ContentSimilarity,
    PresentQuizResult,
    content_similarity,
    present_quiz,
    reference_evidence,
)
from code2video.teachquiz.protocol import TeachQuizResult, run_teachquiz
from code2video.teachquiz.questions import Question
from code2video.teachquiz.scoring import gain_interval
from code2video.teachquiz.speech import SpeechSimilarity, speech_similarity
from code2video.teachquiz.students import Student


def output_topic(folder: Path) -> str | None:
    """The topic a render recorded in report.json, if any."""
    report = Path(folder) / "report.json"
    try:
        return str(json.loads(report.read_text(encoding="utf-8"))["topic"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(folder: Path, name: str, record: dict) -> Path:
    """Write OUT/eval/<name>.json atomically."""
    path = Path(folder) / "eval" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(record, indent=2, default=str))
    return path


@dataclass
class QuizEvaluation:
    result: TeachQuizResult
    gain_low: float
    gain_high: float
    saved: Path

    def rows(self) -> list[tuple[str, str]]:
        r = self.result
        total = len(r.questions)
        rows = [(f"{state} accuracy", f"{r.accuracy(state):.2f} ({sum(r.states[state].correct)}/{total})")
                for state in r.states]
        return [*rows, ("gain (video - unlearned)", f"{r.gain:+.2f}  95% CI [{self.gain_low:+.2f}, {self.gain_high:+.2f}]")]


def evaluate_teachquiz(folder: Path, topic: str, questions: Sequence[Question], student: Student, *, seed: int = 0,
                       max_frames: int = 24, read_screen: bool = True) -> QuizEvaluation:
    evidence = gather_evidence(folder, max_frames=max_frames, read_screen=read_screen)
    result = run_teachquiz(topic, questions, student, evidence, seed=seed)
    low, high = gain_interval(result, seed)
    saved = save(folder, "teachquiz", {**result.to_dict(), "gain": result.gain, "gain_interval": [low, high]})
    return QuizEvaluation(result, low, high, saved)


@dataclass
class AestheticsEvaluation:
    proxies: ProxyScores
    judge: AestheticScores | None
    saved: Path

    def rows(self) -> list[tuple[str, str]]:
        return self.proxies.describe() + (self.judge.describe() if self.judge else [])


def evaluate_aesthetics(folder: Path, topic: str, llm: LLM | None, *, max_frames: int = 24,
                        read_screen: bool = True) -> AestheticsEvaluation:
    """Proxy scores always; the VLM judge's five grades when a model is given."""
    evidence = gather_evidence(folder, max_frames=max_frames, read_screen=read_screen)
    proxies = proxy_scores(folder, evidence)
    judge = judge_aesthetics(topic, evidence, llm) if llm else None
    saved = save(folder, "aesthetics", {"proxies": asdict(proxies), "judge": asdict(judge) if judge else None})
    return AestheticsEvaluation(proxies, judge, saved)


@dataclass
class MetaEvaluation:
    content: ContentSimilarity | None = None
    speech: SpeechSimilarity | None = None
    quiz: PresentQuizResult | None = None
    saved: Path | None = None
    notes: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str]]:
        parts = [self.content, self.speech, self.quiz]
        return [row for part in parts if part for row in part.describe()] + [("note", n) for n in self.notes]


def evaluate_meta(folder: Path, *, reference: Path | None, voice_reference: Path | None, llm: LLM | None,
                  quiz: Sequence[Question] = (), student: Student | None = None, topic: str = "", seed: int = 0,
                  max_frames: int = 24, read_screen: bool = True) -> MetaEvaluation:
    """Content and speech similarity against the reference talk, and PresentQuiz when questions are given."""
    result = MetaEvaluation()
    evidence: Evidence | None = None
    if reference is not None or quiz:
        evidence = gather_evidence(folder, max_frames=max_frames, read_screen=read_screen)
    if reference is not None:
        ref = reference_evidence(reference, work=Path(folder) / "eval" / "reference", max_frames=max_frames,
                                 read_screen=read_screen)
        result.content = content_similarity(evidence, ref, llm)
    voice = voice_reference or reference
    if voice is not None:
        result.speech = speech_similarity(folder, voice)
    if quiz and student is not None:
        result.quiz = present_quiz(quiz, evidence, student, topic=topic, seed=seed)
    result.saved = save(folder, "meta", {"content": asdict(result.content) if result.content else None,
                                         "speech": asdict(result.speech) if result.speech else None,
                                         "present_quiz": asdict(result.quiz) if result.quiz else None})
    return result
