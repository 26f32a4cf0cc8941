"""What a run records (report.json) and the small file helpers every stage shares."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from code2video.errors import BadInputError
from code2video.ir import Section
from code2video.narration import Speech
from code2video.render.autofix import FixRecord
from code2video.review import CriticReport


@dataclass
class AvatarReport:
    """Per section in report.json: who presented, where and for how long, and what went wrong."""

    backend: str | None = None  # the backend whose clip was used; None when no head was shown
    shown_seconds: float = 0.0
    places: list[str] = field(default_factory=list)  # "E5 E6 F5 F6 from 0.0 to 19.0 s"
    cached: bool = False
    warning: str | None = None


@dataclass
class SectionReport:
    index: int
    id: str
    title: str
    beats: int
    duration: float
    status: str  # "rendered" or "cached"
    render_seconds: float
    coder: str = "template"  # "template" or "llm"
    fix: FixRecord | None = None  # the repair history of LLM-written code
    critic: CriticReport | None = None  # layout defects before and after repair
    avatar: AvatarReport | None = None  # the talking head, when one was asked for


@dataclass
class RunReport:
    topic: str
    output_dir: str
    video: str
    subtitles: list[str]
    quality: str
    voice: str
    video_seconds: float
    narration_seconds: float
    wall_seconds: float
    stages: dict[str, float] = field(default_factory=dict)
    sections: list[SectionReport] = field(default_factory=list)
    llm: dict | None = None  # model, calls, tokens and cost per agent
    created: str = ""
    source: dict | None = None  # paper mode: the input and what the reader warned about
    avatar: str | None = None  # the --avatar backend asked for

    @property
    def rendered_sections(self) -> int:
        return sum(s.status == "rendered" for s in self.sections)


@dataclass
class NarratedSection:
    section: Section
    folder: Path
    speeches: list[Speech]
    durations: list[float]  # per beat: speech plus the pause after it

    @property
    def word_starts(self) -> list[list[float]]:
        """When each word of each beat starts, in seconds from the beat's start (the cursor's cues)."""
        return [[w.start for w in speech.words] for speech in self.speeches]


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].rstrip("-") or "lesson"


def prepare_output(path: Path) -> Path:
    """Create the output folder, failing early (before any work) when it cannot be written."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise BadInputError(f"cannot write to output folder {path}: {exc.strerror}. "
                            "Choose another folder with --out.") from None
    return path


def write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
