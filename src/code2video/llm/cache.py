"""A disk cache of completions: rerunning a lesson must not pay for the same prompt twice.

The key covers everything that shapes the reply (backend, model, server, messages with image
bytes, sampling settings) but not the agent or section, which only label the call. Files are
written to a temp name and renamed, so concurrent writers and killed runs leave whole files.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from code2video.llm.base import Completion, CompletionOptions, Message, ModelSpec, Usage


def request_key(spec: ModelSpec, messages: Sequence[Message], options: CompletionOptions) -> str:
    request = {
        "provider": spec.provider,
        "model": spec.model,
        "base_url": spec.base_url,
        "messages": [
            {
                "role": m.role,
                "content": m.content,
                "images": [[i.media_type, hashlib.sha256(i.data).hexdigest()] for i in m.images],
            }
            for m in messages
        ],
        "temperature": options.temperature,
        "max_tokens": options.max_tokens,
        "json": options.json,
    }
    return hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()


class CompletionCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> Completion | None:
        """The stored completion as a cache hit (no tokens spent now), or None."""
        try:
            record = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            return Completion(text=record["text"], usage=Usage(), model=record["model"], cached=True)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable: ask the model again and overwrite

    def drop(self, key: str) -> None:
        (self.folder / f"{key}.json").unlink(missing_ok=True)

    def put(self, key: str, completion: Completion) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        record = {"text": completion.text, "model": completion.model}
        fd, temp = tempfile.mkstemp(dir=self.folder, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(record, file)
            os.replace(temp, self.folder / f"{key}.json")
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
