"""Test stand-ins for the benchmark: a VideoMaker that writes a tiny output whose slides state the
answers of some questions, and small picklable functions for the executors.

Workers import this module by name (spawned pool workers inherit sys.path; Ray workers get it on
PYTHONPATH), so it must stay importable as ``mmmc_fakes``.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from video_fixture import Slide, make_output

from code2video.mmmc_benchmark.data import load_mmmc
from code2video.mmmc_benchmark.makers import TopicSkipped, VideoMaker


class FakeMaker(VideoMaker):
    """Writes ``folder/video.mp4`` (+ .srt, report.json) stating the answers of the first
    ``answered`` questions; logs every make to ``log``; topics in ``fail`` raise, in ``skip`` skip."""

    def __init__(self, data_dir: Path, log: Path, *, answered: int = 3, fail: tuple[str, ...] = (),
                 skip: tuple[str, ...] = (), pause: float = 0.0) -> None:
        self.data_dir, self.log, self.answered = data_dir, log, answered
        self.fail, self.skip, self.pause = fail, skip, pause

    def make(self, topic: str, folder: Path) -> Path:
        with self.log.open("a", encoding="utf-8") as log:
            log.write(topic + "\n")
        if topic in self.skip:
            raise TopicSkipped("no built-in lesson and no --llm")
        if topic in self.fail:
            raise RuntimeError(f"the fake maker cannot make {topic}")
        time.sleep(self.pause)
        questions = load_mmmc(self.data_dir).questions[topic][: self.answered]
        slides = [Slide(2.0, _wrap(q.correct_text), f"{q.question} The answer: {q.correct_text}.") for q in questions]
        make_output(folder, slides or [Slide(2.0, "Nothing here", "")])
        report = {"topic": topic, "wall_seconds": 3.0 + len(topic) % 5, "video_seconds": 2.0 * len(slides),
                  "stages": {"narrate": 1.0, "render": 1.5 + len(topic) % 3, "compose": 0.5}, "sections": [],
                  "llm": None}
        (folder / "report.json").write_text(json.dumps(report), encoding="utf-8")
        return folder


def _wrap(text: str, width: int = 40) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def square(value: int) -> int:
    return value * value


def slow_square(value: int) -> int:
    """Larger values finish first, so results arrive out of submission order."""
    time.sleep(0.05 * (5 - value))
    return value * value


def fail_on_three(value: int) -> int:
    if value == 3:
        raise ValueError("three is not allowed")
    return value


def worker_pid(_: int) -> int:
    time.sleep(0.2)
    return os.getpid()


def die(_: int) -> int:
    os._exit(3)  # a worker killed mid-task


def nap(seconds: float) -> float:
    """Sleeps (an in-flight render that would keep a pool busy)."""
    time.sleep(seconds)
    return seconds
