"""The LLM/VLM student: a model through the provider layer, told to forget the topic.

One call per topic and state carries the whole quiz. In the ``video`` state the model gets the
narration transcript and up to ``max_frames`` keyframes spread evenly over the video. None of
our providers accepts a video file, so whole-video input (as some hosted models allow) is not
offered; frames plus transcript are what every vision model can read.

Answers are parsed strictly: only the ``answer`` field of an entry counts, and it must be one of
the question's option letters or "insufficient". A letter found anywhere else in the reply (an
article "A" in a sentence) never counts. "insufficient" and unreadable answers are scored wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from code2video.agents.replies import ReplyError, extract_json
from code2video.llm import LLM, CompletionOptions, Image, Message
from code2video.prompts import render_prompt
from code2video.teachquiz.evidence import Evidence
from code2video.teachquiz.questions import Question
from code2video.teachquiz.students.base import State, Student, StudentAnswer, register

INSUFFICIENT = "insufficient"


@register
class LLMStudent(Student):
    name = "llm"

    def __init__(self, llm: LLM, *, max_frames: int = 8) -> None:
        self.llm = llm
        self.max_frames = max_frames

    def answer(self, topic: str, questions: Sequence[Question], state: State,
               evidence: Evidence | None) -> list[StudentAnswer]:
        messages = self.messages(topic, questions, state, evidence)
        options = CompletionOptions(agent="student", section=topic, json=True, temperature=0.0)
        reply = self.llm.complete(messages, options).text
        try:
            return parse_answers(extract_json(reply), questions)
        except ReplyError as exc:
            self.llm.forget(messages, options)  # a later run must not replay an unusable reply
            problem = str(exc)
        retry = [*messages, Message("assistant", reply),
                 Message("user", render_prompt("student_reask", problem=problem, count=len(questions),
                                               unlearned=state != "baseline"))]
        second = self.llm.complete(retry, options).text
        try:
            return parse_answers(extract_json(second), questions)
        except ReplyError as exc:
            self.llm.forget(retry, options)
            return [StudentAnswer(None, "invalid", f"unreadable twice: {exc}; last reply: {second[:200]}")
                    for _ in questions]

    def messages(self, topic: str, questions: Sequence[Question], state: State,
                 evidence: Evidence | None) -> list[Message]:
        """The system prompt (plain or unlearning) and the quiz, with the video's material in the
        ``video`` state."""
        unlearned = state != "baseline"
        video = state == "video"
        frames = pick_frames(evidence.keyframes, self.max_frames) if video and evidence else []
        transcript = " ".join(evidence.transcript) if video and evidence else ""
        quiz = render_prompt("student_quiz", video=video, unlearned=unlearned, frames=len(frames),
                             transcript=transcript, questions=list(questions))
        return [Message("system", render_prompt("student_system", unlearned=unlearned, topic=topic)),
                Message("user", quiz, images=tuple(Image.from_path(f) for f in frames))]


def pick_frames(frames: Sequence[Path], limit: int) -> list[Path]:
    """At most ``limit`` frames, evenly spread, in order."""
    if len(frames) <= limit:
        return list(frames)
    if limit <= 0:
        return []
    return [frames[int((i + 0.5) * len(frames) / limit)] for i in range(limit)]


def parse_answers(reply: dict, questions: Sequence[Question]) -> list[StudentAnswer]:
    """One answer per question from ``{"answers": [{"question": 1, "answer": "C"}, ...]}``."""
    entries = reply.get("answers")
    given: dict[int, list[object]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and "answer" in entry and (number := _number(entry.get("question"))):
            given.setdefault(number, []).append(entry["answer"])
    return [_read_one(given.get(number, []), question, number) for number, question in enumerate(questions, 1)]


def _number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _read_one(values: list[object], question: Question, number: int) -> StudentAnswer:
    if not values:
        return StudentAnswer(None, "invalid", f"no answer for question {number}")
    if len({repr(v) for v in values}) > 1:
        return StudentAnswer(None, "invalid", f"question {number} answered more than once: {values!r}"[:200])
    value = values[0]
    text = value.strip() if isinstance(value, str) else ""
    if text.upper() in question.options:
        return StudentAnswer(text.upper(), "model")
    if text.lower() == INSUFFICIENT:
        return StudentAnswer(None, "insufficient", "the material does not give the answer")
    return StudentAnswer(None, "invalid", f"answer {value!r} is not one of {', '.join(question.options)} "
                                          f"or {INSUFFICIENT!r}"[:200])
