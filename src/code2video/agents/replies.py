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
    """The JSON object of the reply (fenced or bare), read from its first ``{``.

    Only the outermost object counts: a reply cut off at the token limit must be reported as
    broken, not mistaken for one of the objects nested inside it.
    """
    decoder = json.JSONDecoder()
    last_error = "the reply contains no JSON object"
    for candidate in [body for _, body in _FENCE.findall(text)] + [text]:
        start = candidate.find("{")
        if start == -1:
            continue
        try:
            value, _ = decoder.raw_decode(candidate, start)
        except json.JSONDecodeError as exc:
            last_error = (f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
                          " (was the reply cut off? keep it shorter)")
            continue
        if isinstance(value, dict):
            return value
    raise ReplyError(last_error)


def extract_code(text: str) -> str:
    """The longest Python code block of the reply, or the whole reply when it has no fence."""
    blocks = [body for lang, body in _FENCE.findall(text) if lang.lower() in ("", "python", "py", "python3")]
    code = max(blocks, key=len) if blocks else text
    code = code.strip("\n")
    if not code.strip():
        raise ReplyError("the reply contains no code")
    return code + "\n"
