"""Paper2Video's Meta metrics for a generated talk against a reference talk the user supplies.

- Content similarity: sentence embeddings between the two talks' transcripts and slide text
  (best-match cosine as precision, recall and F1, in the spirit of BERTScore but over sentences),
  and, with a model configured, a judge's 1-5 rating of how much of the reference is covered.
- PresentQuiz: questions written from the paper by a model (or given as a JSON file), answered by a
  student from the generated video alone.
Speech similarity lives in ``speech.py``.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydantic import ValidationError

from code2video.agents.replies import ReplyError
from code2video.errors import BadInputError, Code2VideoError
from code2video.llm import LLM, CompletionOptions, Message
from code2video.paper.reader import read_paper
from code2video.prompts import render_prompt
from code2video.teachquiz.asking import ask_json
from code2video.teachquiz.embeddings import similarity
from code2video.teachquiz.evidence import (
    Cue,
    Evidence,
    find_subtitles,
    find_video,
    sentences,
    video_evidence,
)
from code2video.teachquiz.protocol import ask_state, shuffled_quiz
from code2video.teachquiz.questions import Question
from code2video.teachquiz.students.base import Student

MAX_SIDE_CHARS = 6_000  # per talk and per kind of text in the judge's prompt
MAX_PAPER_CHARS = 40_000


@dataclass(frozen=True)
class MatchScores:
    """Best-match cosine similarities: precision over the generated chunks, recall over the reference's."""

    precision: float
    recall: float
    f1: float
    generated_chunks: int
    reference_chunks: int


@dataclass
class ContentSimilarity:
    """Embedding scores per kind of text (None where a side has none) and the optional judge's rating."""

    transcript: MatchScores | None
    slides: MatchScores | None
    combined: MatchScores | None
    judge_score: int | None = None  # 1-5: how much of the reference the generated talk covers
    judge_reason: str | None = None
    judge_error: str | None = None  # why no rating came back, when a model was asked
    notes: list[str] = field(default_factory=list)

    def describe(self) -> list[tuple[str, str]]:
        rows = [(f"content similarity, {name} (embeddings)",
                 "n/a" if m is None else f"F1 {m.f1:.3f} (precision {m.precision:.3f}, recall {m.recall:.3f})")
                for name, m in (("transcript", self.transcript), ("slides", self.slides), ("all", self.combined))]
        if self.judge_score is not None:
            rows.append(("content coverage (judge)", f"{self.judge_score}/5  {self.judge_reason}"))
        elif self.judge_error:
            rows.append(("content coverage (judge)", f"no score: {self.judge_error}"))
        return rows


def content_similarity(generated: Evidence, reference: Evidence, llm: LLM | None = None) -> ContentSimilarity:
    """Compare what the two talks say and show; with ``llm``, also ask the judge for coverage."""
    gen, ref = _split(generated), _split(reference)
    matrix = similarity(gen[0] + gen[1], ref[0] + ref[1]) if gen[0] + gen[1] and ref[0] + ref[1] else np.zeros((0, 0))
    n_gen, n_ref = len(gen[0]), len(ref[0])
    result = ContentSimilarity(transcript=match_scores(matrix[:n_gen, :n_ref]),
                               slides=match_scores(matrix[n_gen:, n_ref:]), combined=match_scores(matrix))
    for side, (spoken, shown) in (("generated", gen), ("reference", ref)):
        if not spoken or not shown:
            result.notes.append(f"the {side} talk has no {'transcript' if not spoken else 'slide text'}")
    if llm is not None:
        _judge_coverage(generated, reference, llm, result)
    return result


def match_scores(matrix: np.ndarray) -> MatchScores | None:
    """Precision, recall and F1 of the best matches in a similarity matrix (rows: generated)."""
    if matrix.size == 0:
        return None
    precision, recall = float(matrix.max(axis=1).mean()), float(matrix.max(axis=0).mean())
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return MatchScores(round(precision, 4), round(recall, 4), round(f1, 4), matrix.shape[0], matrix.shape[1])


def _split(evidence: Evidence) -> tuple[list[str], list[str]]:
    """(spoken sentences, distinct slide lines): ``Evidence.chunks`` lists the sentences first."""
    chunks = evidence.chunks()
    spoken, shown = chunks[:len(evidence.transcript)], chunks[len(evidence.transcript):]
    return list(dict.fromkeys(spoken)), list(dict.fromkeys(shown))


def _judge_coverage(generated: Evidence, reference: Evidence, llm: LLM, result: ContentSimilarity) -> None:
    def cut(lines: Sequence[str]) -> str:
        text = "\n".join(lines).strip() or "(none)"
        return text if len(text) <= MAX_SIDE_CHARS else text[:MAX_SIDE_CHARS] + " [...]"

    gen, ref = _split(generated), _split(reference)
    prompt = render_prompt("judge_content", generated_transcript=cut(gen[0]), generated_slides=cut(gen[1]),
                           reference_transcript=cut(ref[0]), reference_slides=cut(ref[1]))
    messages = [Message("system", render_prompt("judge_system")), Message("user", prompt)]
    options = CompletionOptions(agent="judge", json=True, temperature=0.0, max_tokens=600)
    read, notes = ask_json(llm, messages, options, read_coverage)
    result.notes += notes
    if read is None:
        result.judge_error = notes[-1]
    else:
        result.judge_score, result.judge_reason = read


def read_coverage(data: dict) -> tuple[int, str]:
    """A whole-number score 1-5 and a reason, or ``ReplyError`` saying what is wrong."""
    score, reason, problems = data.get("score"), data.get("reason"), []
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not math.isfinite(score) \
            or score != int(score) or not 1 <= score <= 5:
        problems.append(f'"score" must be a whole number from 1 to 5, not {score!r}')
    if not isinstance(reason, str) or not reason.strip():
        problems.append('"reason" must be a short text')
    if problems:
        raise ReplyError("; ".join(problems))
    return int(score), " ".join(reason.split())


def reference_evidence(path: Path, *, work: Path, max_frames: int = 24, read_screen: bool = True) -> Evidence:
    """The evidence of a reference talk: a folder holding one video, or a video file.

    Subtitles (SRT/VTT beside the video) give the transcript; without them a plain-text transcript
    named ``<video>.txt`` or ``transcript.txt`` is used. The cache and keyframes go to ``work``
    (under the evaluated output), so the reference's folder is only read, never written.
    """
    path = Path(path)
    if path.is_file():
        video = path
        try:
            alone = find_video(path.parent) == path
        except BadInputError:
            alone = False
        subtitles = find_subtitles(video)
        if not alone and subtitles is not None and subtitles.stem != video.stem:
            subtitles = None  # another video's subtitles in a shared folder
    elif path.is_dir():
        video = find_video(path)
        subtitles = find_subtitles(video)
    else:
        raise BadInputError(f"{path} does not exist; give the reference talk's video file or a folder holding it.")
    evidence = video_evidence(video, work, subtitles=subtitles, max_frames=max_frames, read_screen=read_screen)
    if not evidence.transcript:
        for text_file in (video.with_suffix(".txt"), video.parent / "transcript.txt"):
            if text_file.is_file():
                text = " ".join(text_file.read_text(encoding="utf-8-sig").split())
                return Evidence(sentences([Cue(0.0, 0.0, text)]), evidence.screen_text, evidence.keyframes,
                                evidence.video_seconds)
    return evidence


# --- PresentQuiz ------------------------------------------------------------------------------


@dataclass
class QuizDraft:
    """The questions a model wrote that passed validation, and why the others were dropped."""

    questions: list[Question]
    dropped: list[str] = field(default_factory=list)


def paper_text(path: Path) -> str:
    """The paper's readable text (title, abstract, sections, captions) via the project's paper reader."""
    with tempfile.TemporaryDirectory(prefix="code2video-quiz-") as work:
        paper = read_paper(Path(path), Path(work) / "assets")
    parts = [paper.title, f"Abstract. {paper.abstract}" if paper.abstract else ""]
    for section in paper.all_sections():
        parts.append(section.title + "\n" + "\n".join(section.paragraphs))
    parts += [f"Figure {f.number}: {f.caption}" for f in paper.figures if f.caption]
    parts += [f"Table {t.number}: {t.caption}" for t in paper.tables if t.caption]
    text = "\n\n".join(p.strip() for p in parts if p and p.strip())
    if len(text.split()) < 50:
        raise BadInputError(f"{path} yielded only {len(text.split())} words of text; PresentQuiz needs the paper's "
                            "content. Pass the LaTeX project or its main .tex file.")
    return text


def draft_quiz(paper_text: str, llm: LLM, *, count: int = 10, minimum: int | None = None) -> QuizDraft:
    """Ask the examiner for ``count`` four-option questions; one re-ask when fewer than ``minimum`` are valid.

    Raises ``Code2VideoError`` when even the re-ask leaves too few usable questions.
    """
    if count < 1:
        raise BadInputError("the quiz needs at least one question.")
    minimum = min(count, minimum if minimum is not None else math.ceil(count / 2))
    truncated = len(paper_text) > MAX_PAPER_CHARS
    prompt = render_prompt("examiner_quiz", count=count, paper=paper_text[:MAX_PAPER_CHARS], truncated=truncated)
    messages = [Message("system", render_prompt("examiner_system")), Message("user", prompt)]
    options = CompletionOptions(agent="examiner", json=True, temperature=0.3, max_tokens=6000)
    draft, notes = ask_json(llm, messages, options, lambda data: read_quiz(data, count, minimum))
    if draft is None:
        raise Code2VideoError(f"the examiner model did not write a usable quiz ({notes[-1]}); try again, "
                              "use a stronger model, or give the questions as a JSON file.")
    return draft


def generate_quiz(paper_text: str, llm: LLM, *, count: int = 10) -> list[Question]:
    """The usable questions of ``draft_quiz`` (see there for what is dropped and when it fails)."""
    return draft_quiz(paper_text, llm, count=count).questions


def read_quiz(data: dict, count: int, minimum: int) -> QuizDraft:
    """Valid, distinct four-option questions (at most ``count``); ``ReplyError`` when fewer than ``minimum``."""
    items = data.get("questions")
    if not isinstance(items, list):
        raise ReplyError('the object needs a "questions" list')
    questions: list[Question] = []
    dropped: list[str] = []
    for number, item in enumerate(items, 1):
        if isinstance(item, dict):  # a model may add an explanation; only the three fields count
            item = {key: value for key, value in item.items() if key in ("question", "options", "answer")}
        problem, question = _check_question(item)
        if question is not None and any(q.question == question.question for q in questions):
            problem = "repeats an earlier question"
        if problem:
            dropped.append(f"question {number}: {problem}")
        else:
            questions.append(question)
    if len(questions) < minimum:
        raise ReplyError(f"only {len(questions)} of {len(items)} questions are usable, at least {minimum} needed: "
                         + "; ".join(dropped or ["too few questions"]))
    return QuizDraft(questions[:count], dropped)


def _check_question(item: object, *, four_options: bool = True) -> tuple[str | None, Question | None]:
    """A ``Question`` (2-8 options; exactly four for a generated quiz) or the problem with ``item``."""
    try:
        question = Question.model_validate(item)
    except ValidationError as exc:
        return "; ".join(error["msg"].removeprefix("Value error, ") for error in exc.errors()), None
    if four_options and list(question.options) != ["A", "B", "C", "D"]:
        return f"needs exactly four options A-D, not {len(question.options)}", None
    return None, question


def load_questions(path: Path) -> list[Question]:
    """Questions from a JSON file: a list of {"question", "options": {"A": ..}, "answer"} (MMMC's format),
    with 2 to 8 options each, as ``Question`` accepts."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInputError(f"cannot read questions file {path}: {exc.strerror or exc}.") from None
    except json.JSONDecodeError as exc:
        raise BadInputError(f"{path} is not valid JSON ({exc.msg}, line {exc.lineno}).") from None
    if isinstance(data, dict) and isinstance(data.get("questions"), list):
        data = data["questions"]
    if not isinstance(data, list) or not data:
        raise BadInputError(f'{path} must hold a non-empty JSON list of {{"question", "options", "answer"}} objects.')
    questions = []
    for number, item in enumerate(data, 1):
        problem, question = _check_question(item, four_options=False)
        if problem:
            raise BadInputError(f"{path}, question {number}: {problem}. Fix the file and try again.")
        questions.append(question)
    return questions


@dataclass(frozen=True)
class QuizAnswer:
    question: str
    chosen: str | None  # the student's letter after shuffling; None counts as wrong
    correct: str
    how: str
    note: str = ""


@dataclass
class PresentQuizResult:
    """How many questions a student answered right from the video alone."""

    student: str
    correct: int
    total: int
    accuracy: float
    answers: list[QuizAnswer] = field(default_factory=list)

    def describe(self) -> list[tuple[str, str]]:
        return [("PresentQuiz accuracy", f"{self.accuracy:.3f} ({self.correct}/{self.total}, {self.student} student)")]


def present_quiz(questions: Sequence[Question], evidence: Evidence, student: Student, *, topic: str = "",
                 seed: int | str = 0) -> PresentQuizResult:
    """Ask ``student`` the (seed-shuffled) questions in the "video" state with the video's evidence."""
    shuffled = shuffled_quiz(topic or "PresentQuiz", questions, seed)
    asked = ask_state(student, topic, shuffled, "video", evidence)
    rows = [QuizAnswer(q.question, a.letter, q.answer, a.how, a.note)
            for q, a in zip(shuffled, asked.answers, strict=True)]
    correct = sum(asked.correct)
    return PresentQuizResult(student.name, correct, len(rows), round(correct / len(rows), 4), rows)
