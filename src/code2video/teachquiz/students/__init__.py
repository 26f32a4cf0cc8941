"""Quiz students: one base class, registered by name (see ``base.py``)."""

from code2video.teachquiz.students.base import STUDENTS, Student, StudentAnswer, register

__all__ = ["STUDENTS", "Student", "StudentAnswer", "register"]
