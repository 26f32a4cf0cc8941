"""The built-in lesson library: hand-written Lessons shipped as JSON, found by forgiving lookup."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from code2video.ir import Lesson

MATCH_THRESHOLD = 86
_STOPWORDS = {"the", "a", "an", "and", "of", "to", "its", "in", "on"}
_SYMBOLS = {"π": " pi ", "θ": " theta ", "^": " ", "=": " equals ", "-": " "}


class _LessonFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    aliases: list[str] = []
    lesson: Lesson


@dataclass(frozen=True)
class BuiltinLesson:
    slug: str
    title: str
    aliases: tuple[str, ...]
    lesson: Lesson


def normalize(text: str) -> str:
    """Case, accents, punctuation and filler words do not matter when looking up a topic."""
    for symbol, word in _SYMBOLS.items():
        text = text.replace(symbol, word)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"'s\b", "", text)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(w for w in words if w not in _STOPWORDS)


@cache
def builtin_lessons() -> tuple[BuiltinLesson, ...]:
    folder = resources.files("code2video.knowledge") / "lessons"
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            data = _LessonFile.model_validate(json.loads(entry.read_text(encoding="utf-8")))
            slug = entry.name.removesuffix(".json")
            found.append(BuiltinLesson(slug, data.title, tuple(data.aliases), data.lesson))
    return tuple(found)


def _score(query: str, lesson: BuiltinLesson) -> float:
    """Close spelling of a whole name, or a short query inside a longer name ("bayes theorem").

    A short name inside a much longer query does not count: "Euler formula" is not "Planar graph
    duality and Euler's characteristic formula".
    """
    names = [normalize(n) for n in (lesson.title, lesson.slug.replace("-", " "), *lesson.aliases)]
    words = len(query.split())
    best = 0.0
    for name in names:
        best = max(best, fuzz.ratio(query, name))
        if 2 <= words <= 2 * len(name.split()):
            best = max(best, fuzz.token_set_ratio(query, name))
    return best


def ranked(topic: str) -> list[tuple[float, BuiltinLesson]]:
    """Every built-in lesson with its match score for ``topic`` (0-100), best first."""
    query = normalize(topic)
    return sorted(((_score(query, lesson), lesson) for lesson in builtin_lessons()),
                  key=lambda pair: -pair[0])


def find_lesson(topic: str) -> BuiltinLesson | None:
    """The built-in lesson meant by ``topic``, or None when nothing is close enough."""
    scored = ranked(topic)
    if scored and scored[0][0] >= MATCH_THRESHOLD:
        return scored[0][1]
    return None
