"""Quiz students: one base class, registered by name (see ``base.py``)."""

from __future__ import annotations

from code2video.errors import BadInputError
from code2video.llm import LLM
from code2video.teachquiz.students.base import (
    STUDENTS,
    Student,
    StudentAnswer,
    register,
)
from code2video.teachquiz.students.llm import LLMStudent
from code2video.teachquiz.students.offline import OfflineStudent

__all__ = ["STUDENTS", "LLMStudent", "OfflineStudent", "Student", "StudentAnswer", "make_student", "register"]


def make_student(kind: str, llm: LLM | None = None) -> Student:
    """The student named ``kind``: "offline" (no model, answers from the evidence) or "llm"."""
    if kind == "offline":
        return OfflineStudent()
    if kind == "llm":
        if llm is None:
            raise BadInputError("the llm student needs a model: pass --llm PROVIDER:MODEL "
                                "(or use --student offline).")
        return LLMStudent(llm)
    raise BadInputError(f"unknown student {kind!r}; use one of: {', '.join(sorted(STUDENTS))}.")
