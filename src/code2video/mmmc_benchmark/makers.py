"""Who makes a topic's video for the benchmark: one base class, one required method.

Makers are pickled into worker processes, so they hold plain settings, never open clients.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from pathlib import Path

from code2video.errors import Code2VideoError
from code2video.settings import Settings

NO_LESSON = "no built-in lesson and no --llm"


class TopicSkipped(Code2VideoError):
    """The maker cannot make this topic at all (recorded as a skip, not a failure)."""


class VideoMaker(ABC):
    def check(self) -> None:
        """Fail before any work when the maker's settings are unusable (a bad voice)."""

    @abstractmethod
    def make(self, topic: str, folder: Path) -> Path:
        """Make (or reuse) the video of ``topic`` under ``folder``; return the output folder holding
        video.mp4, video.srt and report.json. Raise TopicSkipped when the topic cannot be made."""


def finished_output(folder: Path) -> Path | None:
    """A complete render under ``folder`` (itself or one level down): video.mp4 and report.json
    appear only when a render finished, so their presence means it need not run again."""
    if not folder.is_dir():
        return None
    for candidate in (folder, *sorted(p for p in folder.iterdir() if p.is_dir())):
        if (candidate / "video.mp4").is_file() and (candidate / "report.json").is_file():
            return candidate
    return None


def _read(report: Path) -> dict:
    try:
        found = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return found if isinstance(found, dict) else {}


def _planned_by(report: dict) -> str | None:
    """The model that planned a finished render, as ``provider:model[@url]``; None for a built-in lesson."""
    llm = report.get("llm")
    return llm.get("model") if isinstance(llm, dict) else None


class RenderMaker(VideoMaker):
    """``code2video render --topic`` into ``folder``: a built-in lesson offline, or a lesson the
    ``settings.llm`` model plans. The pipeline resumes cached sections by itself."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def check(self) -> None:
        from code2video.pipeline.run import voice_and_avatar

        voice_and_avatar(self.settings)

    def make(self, topic: str, folder: Path) -> Path:
        from code2video.knowledge.library import find_lesson
        from code2video.pipeline import render_topic

        done = finished_output(folder)
        if done is not None and self.matches(done):
            return done
        if not self.settings.llm and find_lesson(topic) is None:
            raise TopicSkipped(NO_LESSON)
        report = render_topic(topic, self.settings.model_copy(update={"out_dir": folder}))
        return Path(report.output_dir)

    def matches(self, done: Path) -> bool:
        """A finished render is reused only when this run would make the same one: planned by the
        same model (or built in), at the same quality, with the same voice."""
        from code2video.llm import resolve_model_spec

        report = _read(done / "report.json")
        if (report.get("quality"), report.get("voice")) != (self.settings.quality, self.settings.voice):
            return False
        planned = _planned_by(report)
        return planned is None if not self.settings.llm else planned == str(resolve_model_spec(self.settings.llm))
