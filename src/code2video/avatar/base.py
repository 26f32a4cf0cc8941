"""The avatar backend contract: a section's narration in, a square talking-head clip out.

Avatars sit beside narration in the layers, so they take the words as anything with ``word``,
``start`` and ``end`` (narration's ``WordTiming`` fits) and read the audio file themselves.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol

from code2video.errors import BadInputError, Code2VideoError


class AvatarError(Code2VideoError):
    """One section's talking head could not be made; the caller falls back, the run goes on."""


class TimedWord(Protocol):
    word: str
    start: float
    end: float


@dataclass(frozen=True)
class AvatarJob:
    """One section: its narration (a 16-bit mono WAV exactly as long as the section's clip)."""

    audio: Path
    words: Sequence[TimedWord]  # seconds from the start of ``audio``
    out: Path  # the square H.264 clip to write, as long as ``audio``
    fps: int
    size: int  # pixels per side
    gpu: str | None = None  # CUDA device for GPU backends (``--gpus``)


class AvatarBackend(ABC):
    """A presenter. Subclasses set ``name`` and implement ``animate``.

    ``arg`` is the part after the colon in ``--avatar NAME:ARG`` (a portrait, an interpreter...);
    ``portrait`` is the photo from ``--portrait`` when one was given.
    """

    name: ClassVar[str]

    def __init__(self, arg: str = "", portrait: Path | None = None) -> None:
        self.arg = arg
        self.portrait = portrait

    @abstractmethod
    def animate(self, job: AvatarJob) -> Path:
        """Write ``job.out`` and return it; raise AvatarError when this section cannot be made."""

    def problem(self) -> str | None:
        """Why this backend cannot run here, with the fix; None when it can."""
        return None

    @property
    def photo(self) -> Path | None:
        """The photo this backend animates, if any: the stage hashes its bytes into cache keys."""
        return self.portrait

    @property
    def cache_id(self) -> str:
        """Identifies the presenter in cache keys (the bytes of ``photo`` are hashed by the caller)."""
        return f"{self.name}:{self.arg}"


BACKENDS: dict[str, type[AvatarBackend]] = {}


def register(cls: type[AvatarBackend]) -> type[AvatarBackend]:
    BACKENDS[cls.name] = cls
    return cls


def get_avatar(spec: str, portrait: Path | None = None) -> AvatarBackend:
    """'presenter', 'puppet:me.jpg', 'hallo2:/opt/hallo2/venv/bin/python' -> a ready backend,
    or a BadInputError saying what exists and what to fix."""
    name, _, arg = spec.partition(":")
    if name not in BACKENDS:
        known = ", ".join(sorted(BACKENDS))
        raise BadInputError(f"unknown avatar {spec!r}. Choose one of: {known}.")
    backend = BACKENDS[name](arg, portrait)
    reason = backend.problem()
    if reason:
        raise BadInputError(f"avatar {spec!r} cannot run here: {reason}")
    return backend
