"""The student contract: answer a topic's quiz in one of the TeachQuiz states.

States (Code2Video's protocol):
- ``baseline``: the student as it is, no video;
- ``unlearned``: told to forget the topic, no video (the offline student knows nothing anyway);
- ``video``: unlearned, then shown the video's evidence.

An answer is a letter or ``None``. ``None`` (the student said the material is insufficient, or
its reply could not be read) counts as wrong, never as a random guess.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from code2video.teachquiz.evidence import Evidence
from code2video.teachquiz.questions import Question

State = Literal["baseline", "unlearned", "video"]
STATES: tuple[State, ...] = ("baseline", "unlearned", "video")


@dataclass(frozen=True)
class StudentAnswer:
    letter: str | None  # None: insufficient or unreadable, scored wrong
    how: str  # how it was reached: "evidence", "guess", "model", "insufficient", "invalid"
    note: str = ""  # a short reason or the offending reply, for results.json


class Student(ABC):
    name: ClassVar[str]

    @abstractmethod
    def answer(self, topic: str, questions: Sequence[Question], state: State,
               evidence: Evidence | None) -> list[StudentAnswer]:
        """One answer per question, in order; ``evidence`` is given only in the ``video`` state."""


STUDENTS: dict[str, type[Student]] = {}


def register(cls: type[Student]) -> type[Student]:
    STUDENTS[cls.name] = cls
    return cls
