"""The MMMC data a user points ``--data`` at: the topic list and the question bank, validated.

The files keep their released names (``long_video_topics_list.json``, ``questions_by_topic_10.json``)
so the release is read as is; nothing of it ships with the package.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from code2video.errors import BadInputError
from code2video.pipeline.reports import slugify
from code2video.teachquiz.questions import Question

TOPICS_FILE = "long_video_topics_list.json"
QUESTIONS_FILE = "questions_by_topic_10.json"
RELEASE_HINT = ("The MMMC release (Code2Video repository, json_files/, or the dataset YanzheChen/MMMC) has both "
                f"files: {TOPICS_FILE} and {QUESTIONS_FILE}.")


@dataclass(frozen=True)
class MMMCData:
    folder: Path
    topics: tuple[str, ...]  # the topic list, in the released order
    questions: dict[str, tuple[Question, ...]]  # topic -> its quiz, as released (unshuffled)

    def slug(self, topic: str) -> str:
        """A folder name for ``topic``, unique within the data (a hash is added where names collide)."""
        return self._slugs[topic]

    @cached_property
    def _slugs(self) -> dict[str, str]:
        names = list(dict.fromkeys([*self.topics, *self.questions]))
        plain = [slugify(name) for name in names]
        return {name: slug if plain.count(slug) == 1 else f"{slug}-{_digest(name)[:6]}"
                for name, slug in zip(names, plain)}

    def digest(self, topic: str) -> str:
        """A hash of a topic's questions: stored results of a changed quiz are stale."""
        return _digest(json.dumps([q.model_dump() for q in self.questions.get(topic, ())], sort_keys=True))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _read_json(path: Path) -> Any:
    if not path.is_file():
        raise BadInputError(f"{path} is missing. {RELEASE_HINT}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadInputError(f"{path} is not valid JSON ({exc}). Replace it with the released file.") from None


def _read_topics(path: Path) -> tuple[str, ...]:
    topics = _read_json(path)
    if not isinstance(topics, list) or not topics:
        raise BadInputError(f"{path} must hold a non-empty JSON list of topic strings, not {type(topics).__name__}.")
    for number, topic in enumerate(topics, 1):
        if not isinstance(topic, str) or not topic.strip():
            raise BadInputError(f"{path}: entry {number} is {topic!r}; every entry must be a topic name (a string).")
    return tuple(dict.fromkeys(topic.strip() for topic in topics))


def _read_question(path: Path, topic: str, number: int, raw: Any) -> Question:
    where = f"{path}: topic {topic!r}, question {number}"
    if not isinstance(raw, dict):
        raise BadInputError(f"{where} must be an object with question, options and answer, not {type(raw).__name__}.")
    try:
        return Question.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(_problem(error) for error in exc.errors())
        raise BadInputError(f"{where} is invalid: {problems}. Fix that question or use the released file.") from None


def _problem(error: dict) -> str:
    field = ".".join(map(str, error["loc"]))
    message = error["msg"].removeprefix("Value error, ")
    return f"{field}: {message}" if field else message


def _read_questions(path: Path) -> dict[str, tuple[Question, ...]]:
    bank = _read_json(path)
    if not isinstance(bank, dict):
        raise BadInputError(f"{path} must hold a JSON object mapping each topic to its list of questions, "
                            f"not {type(bank).__name__}.")
    questions: dict[str, tuple[Question, ...]] = {}
    for topic, items in bank.items():
        if not isinstance(items, list):
            raise BadInputError(f"{path}: topic {topic!r} must map to a list of questions, not {type(items).__name__}.")
        questions[topic.strip()] = tuple(_read_question(path, topic, n, raw) for n, raw in enumerate(items, 1))
    return questions


def load_mmmc(data_dir: Path) -> MMMCData:
    """Read and validate both files of ``data_dir``; every problem is a BadInputError that says where."""
    if not data_dir.is_dir():
        raise BadInputError(f"--data {data_dir} is not a folder. Give the folder holding {TOPICS_FILE} and "
                            f"{QUESTIONS_FILE}. {RELEASE_HINT}")
    return MMMCData(data_dir, _read_topics(data_dir / TOPICS_FILE), _read_questions(data_dir / QUESTIONS_FILE))


def read_topic_file(path: Path) -> list[str]:
    """One topic a line; blank lines and lines starting with # are ignored."""
    if not path.is_file():
        raise BadInputError(f"--topic-file {path} is not a file; give a text file with one topic a line.")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise BadInputError(f"--topic-file {path} is not UTF-8 text; give a text file with one topic a line.") from None
    topics = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    if not topics:
        raise BadInputError(f"--topic-file {path} names no topic (only blank lines and # comments).")
    return list(dict.fromkeys(topics))


def select_topics(data: MMMCData, count: int | None = None,
                  topic_file: Path | None = None) -> tuple[list[str], list[str]]:
    """The topics to run, in order, and warnings about the ones left out.

    Default: every topic of the topic list; ``count``: its first ``count``; ``topic_file``: the named
    ones (each must be known). A topic without questions is skipped with a warning.
    """
    if count is not None and topic_file is not None:
        raise BadInputError("give either --topics N or --topic-file F, not both.")
    if count is not None and count < 1:
        raise BadInputError(f"--topics {count}: give a number of topics of at least 1.")
    known = list(dict.fromkeys([*data.topics, *data.questions]))
    if topic_file is not None:
        wanted = read_topic_file(topic_file)
        for topic in wanted:
            if topic not in known:
                raise BadInputError(f"--topic-file {topic_file}: {topic!r} is not an MMMC topic. Closest: "
                                    f"{_closest(topic, known)}. Copy the name exactly from {TOPICS_FILE}.")
    else:
        wanted = list(data.topics[:count] if count is not None else data.topics)
    chosen = [topic for topic in wanted if data.questions.get(topic)]
    warnings = [f"skipped {topic!r}: no questions for it in {QUESTIONS_FILE}"
                for topic in wanted if not data.questions.get(topic)]
    return chosen, warnings


def _closest(name: str, known: list[str]) -> str:
    return "; ".join(repr(c) for c in difflib.get_close_matches(name, known, n=3, cutoff=0.0))


def find_topic(data: MMMCData, topic: str) -> str:
    """The question bank's name for ``topic`` (case, spacing and punctuation aside)."""
    from code2video.knowledge.library import normalize

    matches = [name for name in data.questions if normalize(name) == normalize(topic)]
    if not matches:
        raise BadInputError(f"the MMMC questions have no topic {topic!r}. Closest: "
                            f"{_closest(topic, list(data.questions))}. Pass --topic with one of them, "
                            "or --questions FILE.")
    return matches[0]
