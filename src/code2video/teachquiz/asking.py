"""Asking a model about a video: a strict JSON reply with one re-ask, and the frames to show it.

The student, the judges and the examiner all want a JSON object of a known shape. A reply that
cannot be read is sent back once with the problem stated; it is also forgotten by the reply
cache, so a later run never replays it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from code2video.agents.replies import ReplyError, extract_json
from code2video.llm import LLM, CompletionOptions, Message
from code2video.prompts import render_prompt

T = TypeVar("T")


def ask_json(llm: LLM, messages: list[Message], options: CompletionOptions,
             read: Callable[[dict], T]) -> tuple[T | None, list[str]]:
    """The reply read by ``read`` (which raises ``ReplyError``); one re-ask stating the problem.

    Returns (value, notes) or (None, notes) whose last note says why no reply was usable.
    Failures of the model call itself (``LLMError``) are not a bad reply and propagate.
    """
    notes: list[str] = []
    problem = ""
    for attempt in (1, 2):
        reply = llm.complete(messages, options).text
        try:
            return read(extract_json(reply)), notes
        except ReplyError as exc:
            problem = str(exc)
            notes.append(f"reply {attempt} unusable: {problem}; the reply began: {reply[:200]!r}")
            llm.forget(messages, options)  # never serve an unusable reply from the cache again
            messages = [*messages, Message("assistant", reply),
                        Message("user", render_prompt("judge_repair", problems=f"- {problem}"))]
    notes.append(f"no usable reply after one re-ask: {problem}")
    return None, notes


def pick_frames(frames: Sequence[Path], count: int) -> list[Path]:
    """At most ``count`` existing frames, spread evenly over the video (the first and last included)."""
    present = [Path(p) for p in frames if Path(p).is_file()]
    if count <= 0:
        return []
    if len(present) <= count:
        return present
    return [present[round(i * (len(present) - 1) / max(count - 1, 1))] for i in range(count)]
