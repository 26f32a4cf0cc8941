"""The LLM/VLM student: a model through the provider layer, told to forget the topic.

One call per topic and state carries the whole quiz. In the ``video`` state the model gets the
narration transcript and up to ``max_frames`` keyframes spread evenly over the video. None of
our providers accepts a video file, so whole-video input (as some hosted models allow) is not
offered; frames plus transcript are what every vision model can read.

Answers are parsed strictly: only the ``answer`` field of an entry counts, and it must be one of
the question's option letters or "insufficient". A letter found anywhere else in the reply (an
article "A" in a sentence) never counts. "insufficient" and unreadable answers are scored wrong.
A reply of the wrong shape, or with no readable answer, is asked again once (``ask_json``).
"""

from __future__ import annotations

from collections.abc import Sequence

from code2video.agents.replies import ReplyError
from code2video.llm import LLM, CompletionOptions, Image, Message
from code2video.prompts import render_prompt
from code2video.teachquiz.asking import ask_json, pick_frames
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
        answers, notes = ask_json(self.llm, messages, options, lambda data: parse_answers(data, questions))
        if answers is None:
            return [StudentAnswer(None, "invalid", f"unreadable twice: {notes[-2]}"[:300]) for _ in questions]
        return answers

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


def parse_answers(reply: dict, questions: Sequence[Question]) -> list[StudentAnswer]:
    """One answer per question from ``{"answers": [{"question": 1, "answer": "C"}, ...]}``.

    Single bad entries are scored invalid; a reply of the wrong shape, or one where no answer at
    all is readable, raises ``ReplyError`` so that it is asked again.
    """
    entries = reply.get("answers")
    if not isinstance(entries, list):
        raise ReplyError('the object needs an "answers" list of {"question": <number>, "answer": <letter>} entries')
    given: dict[int, list[object]] = {}
    for entry in entries:
        if isinstance(entry, dict) and "answer" in entry and (number := _number(entry.get("question"))):
            given.setdefault(number, []).append(entry["answer"])
    answers = [_read_one(given.get(number, []), question, number) for number, question in enumerate(questions, 1)]
    if questions and all(a.how == "invalid" for a in answers):
        raise ReplyError("no answer could be read: " + "; ".join(a.note for a in answers)[:400])
    return answers


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
