"""``replay:FILE.jsonl``: recorded replies served in order, for reproducible runs and tests.

Each line is ``{"agent": ..., "content": ...}`` with an optional ``"section"``. A request gets
the first unused line, in file order, whose agent matches and whose section is absent or equal to
the request's. Sections are coded concurrently, so lines are taken under a lock.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from code2video.errors import BadInputError
from code2video.llm.base import (
    AGENTS,
    Completion,
    CompletionOptions,
    LLMError,
    LLMProvider,
    Message,
    ModelSpec,
    Usage,
    register,
)

KEYS = {"agent", "content", "section"}


@dataclass(frozen=True)
class Reply:
    agent: str
    content: str
    section: str | None


@register
class ReplayProvider(LLMProvider):
    name = "replay"
    cacheable = False  # the file is the record; caching would serve stale lines

    def __init__(self, spec: ModelSpec, *, timeout: float = 120.0) -> None:
        self._path = Path(spec.model)
        self._replies = read_replies(self._path)
        self._used = [False] * len(self._replies)
        self._lock = threading.Lock()

    def complete(self, messages: Sequence[Message], options: CompletionOptions) -> Completion:
        with self._lock:
            for index, reply in enumerate(self._replies):
                if self._used[index] or reply.agent != options.agent:
                    continue
                if reply.section is None or reply.section == options.section:
                    self._used[index] = True
                    return Completion(text=reply.content, usage=Usage(), model="replay")
        held = sum(reply.agent == options.agent for reply in self._replies)
        where = f" (section {options.section!r})" if options.section else ""
        raise LLMError(
            f"replay file {self._path} has no more replies for agent {options.agent!r}{where}; "
            f"it held {held} for that agent. Add replies to the file, or record a new one."
        )


def read_replies(path: Path) -> list[Reply]:
    """Every line of a replay file, checked now so that a bad file fails before any work."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BadInputError(f"cannot read replay file {path}: {exc.strerror or exc}.") from None
    replies = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            replies.append(_parse_line(line, f"replay file {path}, line {number}"))
    return replies


def _parse_line(line: str, where: str) -> Reply:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInputError(f"{where} is not valid JSON: {exc.msg}. Each line must be one JSON object.") from None
    if not isinstance(record, dict):
        raise BadInputError(f'{where} must be a JSON object like {{"agent": "coder", "content": "..."}}.')
    if set(record) - KEYS:
        raise BadInputError(f"{where} has unknown keys {sorted(set(record) - KEYS)}; allowed: {sorted(KEYS)}.")
    agent, content, section = record.get("agent"), record.get("content"), record.get("section")
    if agent not in AGENTS:
        raise BadInputError(f"{where} names unknown agent {agent!r}; use one of {', '.join(AGENTS)}.")
    if not isinstance(content, str):
        raise BadInputError(f'{where} needs a string "content".')
    if section is not None and not isinstance(section, str):
        raise BadInputError(f'{where} has a "section" that is not a string.')
    return Reply(agent, content, section)
