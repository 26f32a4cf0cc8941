"""Code2Video's TeachQuiz protocol: does watching the video teach the topic?

The student answers the topic's quiz three times: as it is (``baseline``), told to forget the
topic (``unlearned``), and unlearned but shown the video (``video``). The score is the gain,
video accuracy minus unlearned accuracy. Options are shuffled with a seed first, so a skewed
answer key (MMMC's is half "B") cannot flatter a student that favours one letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from code2video.errors import BadInputError, Code2VideoError
from code2video.teachquiz.evidence import Evidence
from code2video.teachquiz.questions import Question, shuffle_options
from code2video.teachquiz.students.base import STATES, Student, StudentAnswer


@dataclass(frozen=True)
class StateResult:
    state: str
    answers: list[StudentAnswer]
    correct: list[bool]

    @property
    def accuracy(self) -> float:
        return sum(self.correct) / len(self.correct) if self.correct else 0.0


@dataclass(frozen=True)
class TeachQuizResult:
    topic: str
    student: str
    seed: int
    questions: list[Question]  # as shuffled and asked
    states: dict[str, StateResult] = field(default_factory=dict)

    def accuracy(self, state: str) -> float:
        return self.states[state].accuracy

    @property
    def gain(self) -> float:
        """What the video taught: accuracy after it minus accuracy with the topic unlearned."""
        return self.accuracy("video") - self.accuracy("unlearned")

    def differences(self) -> list[float]:
        """Per question, right after the video minus right when unlearned (each 1 or 0): the
        paired sample whose mean is the gain."""
        after, before = self.states["video"].correct, self.states["unlearned"].correct
        return [float(a) - float(b) for a, b in zip(after, before, strict=True)]

    def to_dict(self) -> dict:
        return {
            "topic": self.topic, "student": self.student, "seed": self.seed,
            "questions": [q.model_dump() for q in self.questions],
            "states": {name: {"answers": [{"letter": a.letter, "how": a.how, "note": a.note} for a in s.answers],
                              "correct": list(s.correct)} for name, s in self.states.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> TeachQuizResult:
        try:
            states = {name: StateResult(name, [StudentAnswer(a["letter"], a["how"], a.get("note", ""))
                                               for a in s["answers"]], [bool(c) for c in s["correct"]])
                      for name, s in data["states"].items()}
            return cls(str(data["topic"]), str(data["student"]), int(data["seed"]),
                       [Question.model_validate(q) for q in data["questions"]], states)
        except (KeyError, TypeError, ValueError) as exc:
            raise BadInputError(f"a stored TeachQuiz result is damaged ({type(exc).__name__}: {exc}); "
                                "delete it so that the topic is evaluated again.") from None


def shuffled_quiz(topic: str, questions: Sequence[Question], seed: int | str) -> list[Question]:
    """The questions with their options in the seeded order; ``BadInputError`` when there are none."""
    if not questions:
        raise BadInputError(f"topic {topic!r} has no questions; give it at least one.")
    return [shuffle_options(q, seed) for q in questions]


def ask_state(student: Student, topic: str, shuffled: Sequence[Question], state: str,
              evidence: Evidence | None) -> StateResult:
    """The student's answers in one state, each marked right or wrong."""
    answers = student.answer(topic, shuffled, state, evidence)
    if len(answers) != len(shuffled):
        raise Code2VideoError(f"the {student.name} student gave {len(answers)} answers to {len(shuffled)} "
                              f"questions in the {state} state; this is a bug in the student.")
    correct = [a.letter is not None and a.letter == q.answer for a, q in zip(answers, shuffled, strict=True)]
    return StateResult(state, list(answers), correct)


def run_teachquiz(topic: str, questions: Sequence[Question], student: Student, evidence: Evidence, *,
                  seed: int = 0) -> TeachQuizResult:
    """Ask ``student`` the shuffled quiz in every state; evidence is shown only in ``video``."""
    shuffled = shuffled_quiz(topic, questions, seed)
    states = {state: ask_state(student, topic, shuffled, state, evidence if state == "video" else None)
              for state in STATES}
    return TeachQuizResult(topic, student.name, seed, shuffled, states)
