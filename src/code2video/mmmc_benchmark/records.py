"""One topic's benchmark outcome, stored as OUT/topics/<slug>.json and reloaded on resume."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from code2video.pipeline.reports import write_atomically

Status = Literal["done", "skipped", "failed"]
RECORD_VERSION = 1


@dataclass(frozen=True)
class TopicRecord:
    topic: str
    slug: str
    status: Status
    fingerprint: dict[str, Any]  # what the result depends on: student, llm, seed, questions
    questions: int = 0
    message: str = ""  # why it was skipped or failed
    video_folder: str | None = None
    render_seconds: float = 0.0  # measured in this run (≈0 when the video was reused)
    eval_seconds: float = 0.0
    quiz: dict | None = None  # TeachQuizResult.to_dict()
    efficiency: dict | None = None  # dataclasses.asdict(Efficiency) of the video's report.json
    student_llm: dict | None = None  # the llm student's calls, tokens and cost (LLMUsage)
    notes: list[str] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        """Done and skipped topics are final for this fingerprint; failed ones are tried again."""
        return self.status in ("done", "skipped")

    def teachquiz(self) -> Any:
        """The stored quiz as a TeachQuizResult (None unless done)."""
        from code2video.teachquiz.protocol import TeachQuizResult

        return TeachQuizResult.from_dict(self.quiz) if self.quiz else None

    def to_json(self) -> str:
        return json.dumps({"version": RECORD_VERSION, **asdict(self)}, indent=1, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> TopicRecord:
        data = json.loads(text)
        data.pop("version", None)
        return cls(**data)


def record_path(out_dir: Path, slug: str) -> Path:
    return out_dir / "topics" / f"{slug}.json"


def write_record(out_dir: Path, record: TopicRecord) -> Path:
    """Atomically: a killed run leaves either the whole record or none."""
    path = record_path(out_dir, record.slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, record.to_json())
    return path


def read_record(path: Path) -> TopicRecord | None:
    """A stored record, or None when it is unreadable (then the topic is simply redone)."""
    try:
        return TopicRecord.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return None
