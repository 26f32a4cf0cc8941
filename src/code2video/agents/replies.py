"""Pull the JSON object or the Python file out of a model's reply.

Models wrap answers in markdown fences, add a sentence before them, or both; these helpers
accept all of that and fail with a message the model can act on when nothing usable is there.
"""

from __future__ import annotations

import json
import re

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[ \t]*\n(.*?)(?:```|\Z)", re.DOTALL)


class ReplyError(ValueError):
    """The reply holds no usable answer; the message is sent back to the model."""


def extract_json(text: str) -> dict:
    """The first JSON object in the reply (fenced or bare)."""
    candidates = [body for _, body in _FENCE.findall(text)] + [text]
    decoder = json.JSONDecoder()
    last_error = "the reply contains no JSON object"
    for candidate in candidates:
        start = candidate.find("{")
        while start != -1:
            try:
                value, _ = decoder.raw_decode(candidate, start)
            except json.JSONDecodeError as exc:
                last_error = f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
                start = candidate.find("{", start + 1)
                continue
            if isinstance(value, dict):
                return value
            start = candidate.find("{", start + 1)
    raise ReplyError(last_error)


def extract_code(text: str) -> str:
    """The longest Python code block of the reply, or the whole reply when it has no fence."""
    blocks = [body for lang, body in _FENCE.findall(text) if lang.lower() in ("", "python", "py", "python3")]
    code = max(blocks, key=len) if blocks else text
    code = code.strip("\n")
    if not code.strip():
        raise ReplyError("the reply contains no code")
    return code + "\n"
