"""The LLM provider contract: messages in, a completion with its token usage out.

Agents never see a backend directly; they get an ``LLM`` (see ``client.py``) that wraps one
provider with a cache, retries and a usage ledger. Test fakes subclass ``LLMProvider``.
"""

from __future__ import annotations

import base64
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from code2video.errors import BadInputError, Code2VideoError

AGENTS = ("planner.outline", "planner.storyboard", "planner.paper", "coder", "fixer", "critic", "student", "judge",
          "examiner")

MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp", ".gif": "image/gif"}


@dataclass(frozen=True)
class Image:
    """An image for a vision call (a rendered frame the critic looks at)."""

    data: bytes
    media_type: str = "image/png"

    @classmethod
    def from_path(cls, path: str | Path) -> Image:
        path = Path(path)
        media_type = MEDIA_TYPES.get(path.suffix.lower())
        if media_type is None:
            known = ", ".join(MEDIA_TYPES)
            raise BadInputError(f"cannot send {path} to a model: use an image file ending in one of {known}.")
        return cls(path.read_bytes(), media_type)

    def base64(self) -> str:
        return base64.b64encode(self.data).decode("ascii")


@dataclass(frozen=True)
class Message:
    role: Literal["system", "user", "assistant"]
    content: str
    images: tuple[Image, ...] = ()

    def __post_init__(self) -> None:
        if self.role not in ("system", "user", "assistant"):
            raise ValueError(f"message role must be system, user or assistant, not {self.role!r}")
        if self.images and self.role != "user":
            raise ValueError("only user messages can carry images (both APIs accept them nowhere else)")


@dataclass(frozen=True)
class CompletionOptions:
    agent: str
    section: str | None = None
    temperature: float = 0.2
    max_tokens: int = 4096
    json: bool = False

    def __post_init__(self) -> None:
        if self.agent not in AGENTS:
            raise ValueError(f"unknown agent {self.agent!r}; usage and replay files know only {', '.join(AGENTS)}")


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0


@dataclass(frozen=True)
class Completion:
    text: str
    usage: Usage
    model: str
    cached: bool = False


@dataclass(frozen=True)
class ModelSpec:
    """A parsed ``--llm`` value: which backend, which model, and an optional server URL."""

    provider: str
    model: str
    base_url: str | None = None

    def __str__(self) -> str:
        return f"{self.provider}:{self.model}" + (f"@{self.base_url}" if self.base_url else "")


class LLMError(Code2VideoError):
    """A model call failed for good: retries spent, server unreachable, replay exhausted."""


class TransientLLMError(LLMError):
    """A failure worth retrying (429, 5xx, timeout, lost connection); ``LLM`` retries these."""


class LLMProvider(ABC):
    """One backend; one required method.

    Registered backends are built as ``cls(spec, timeout=seconds)`` by ``open_llm``. They raise
    ``TransientLLMError`` for failures worth retrying and ``LLMError``/``BadInputError`` otherwise.
    """

    name: ClassVar[str]
    cacheable: ClassVar[bool] = True  # False where replies must not be stored (replay)

    @abstractmethod
    def complete(self, messages: Sequence[Message], options: CompletionOptions) -> Completion:
        """One model call, no retries: the wrapping ``LLM`` does those."""


PROVIDERS: dict[str, type[LLMProvider]] = {}


def register(cls: type[LLMProvider]) -> type[LLMProvider]:
    PROVIDERS[cls.name] = cls
    return cls
