"""The only module that knows the whole order: lesson -> narration -> code -> clips -> video."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from code2video.errors import BadInputError
from code2video.ir import Lesson, Section
from code2video.knowledge.library import find_lesson, ranked
from code2video.narration import Speech, get_backend, synthesize_cached
from code2video.render import media
from code2video.render.audio import concatenate, place_on_timeline
from code2video.render.compose import Chapter, compose_video
from code2video.render.renderer import RenderResult, SectionJob, render_sections
from code2video.render.subtitles import build_cues, write_subtitles
from code2video.render.template import scene_class_name, section_code
from code2video.settings import Settings


@dataclass
class SectionReport:
    index: int
    id: str
    title: str
    beats: int
    duration: float
    status: str  # "rendered" or "cached"
    render_seconds: float


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
    created: str = ""

    @property
    def rendered_sections(self) -> int:
        return sum(s.status == "rendered" for s in self.sections)


@dataclass
class NarratedSection:
    section: Section
    folder: Path
    speeches: list[Speech]
    durations: list[float]  # per beat: speech plus the pause after it


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].rstrip("-") or "lesson"


def resolve_topic(topic: str) -> Lesson:
    """The built-in lesson for ``topic``; without an LLM an unknown topic is bad input."""
    if not topic.strip():
        raise BadInputError("the topic is empty. Give one, e.g. --topic \"The determinant\" "
                            "(see `code2video lessons`).")
    found = find_lesson(topic)
    if found:
        return found.lesson
    closest = "\n".join(f"  - {lesson.title}" for _, lesson in ranked(topic)[:3])
    raise BadInputError(
        f"no built-in lesson matches {topic!r}, and no LLM is configured to write one.\n"
        f"Closest built-in lessons:\n{closest}\n"
        "Run `code2video lessons` for the full list, or configure an LLM (for example set "
        "OPENAI_API_KEY and pass --llm openai:gpt-4.1) to render any topic."
    )


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


class Run:
    """One render of one lesson, with stage timings and progress output."""

    def __init__(self, lesson: Lesson, settings: Settings, console: Console | None = None) -> None:
        self.lesson = lesson
        self.settings = settings
        self.console = console or Console(quiet=True)
        self.stages: dict[str, float] = {}
        self.out = settings.out_dir / slugify(lesson.topic)
        self.cache_dir = settings.cache_dir if settings.cache else None

    @contextmanager
    def stage(self, name: str):
        started = time.perf_counter()
        yield
        self.stages[name] = round(time.perf_counter() - started, 3)

    def progress(self) -> Progress:
        return Progress(SpinnerColumn(), TextColumn("{task.description:<12}"), BarColumn(),
                        MofNCompleteColumn(), TimeElapsedColumn(), console=self.console, transient=False)

    def execute(self) -> RunReport:
        started = time.perf_counter()
        media.require_ffmpeg()
        backend = get_backend(self.settings.voice)
        prepare_output(self.out)
        write_atomically(self.out / "lesson.json", self.lesson.to_json())
        with self.progress() as progress:
            with self.stage("narrate"):
                narrated = self.narrate(backend, progress)
            with self.stage("code"):
                jobs = [self.job(i, n) for i, n in enumerate(narrated, 1)]
            with self.stage("render"):
                task = progress.add_task("Rendering", total=len(jobs))
                results = render_sections(
                    jobs, self.settings.preset, workers=self.settings.jobs, cache_dir=self.cache_dir,
                    timeout=self.settings.render_timeout, memory_mb=self.settings.render_memory_mb,
                    on_done=lambda r: progress.advance(task))
            with self.stage("compose"):
                task = progress.add_task("Composing", total=1)
                report = self.compose(narrated, results)
                progress.advance(task)
        report.wall_seconds = round(time.perf_counter() - started, 3)
        report.stages = self.stages
        write_atomically(self.out / "report.json", json.dumps(asdict(report), indent=2))
        return report

    def narrate(self, backend, progress: Progress) -> list[NarratedSection]:
        task = progress.add_task("Narrating", total=sum(len(s.beats) for s in self.lesson.sections))
        narrated = []
        for index, section in enumerate(self.lesson.sections, 1):
            folder = self.out / "sections" / f"{index:02d}_{section.id}"
            speeches = []
            for number, beat in enumerate(section.beats, 1):
                wav = folder / "beats" / f"{number:02d}.wav"
                speeches.append(synthesize_cached(backend, beat.narration, wav, self.cache_dir))
                progress.advance(task)
            durations = [round(s.duration + self.settings.beat_pause, 3) for s in speeches]
            narrated.append(NarratedSection(section, folder, speeches, durations))
        return narrated

    def job(self, index: int, narrated: NarratedSection) -> SectionJob:
        code = section_code(narrated.section, index, narrated.durations)
        audio_hashes = tuple(hashlib.sha256(s.audio.read_bytes()).hexdigest() for s in narrated.speeches)
        return SectionJob(index, narrated.folder, code, scene_class_name(index),
                          inputs=(narrated.section.model_dump_json(), *audio_hashes))

    def compose(self, narrated: list[NarratedSection], results: list[RenderResult]) -> RunReport:
        offset, chapters, passages, section_audio, reports = 0.0, [], [], [], []
        for item, result in zip(narrated, results):
            clip_seconds = media.duration(result.clip)
            starts = [sum(item.durations[:i]) for i in range(len(item.durations))]
            wav = item.folder / "narration.wav"
            place_on_timeline([(s.audio, t) for s, t in zip(item.speeches, starts)], clip_seconds, wav)
            section_audio.append(wav)
            for speech, start in zip(item.speeches, starts):
                passages.append([(w.word, offset + start + w.start, offset + start + w.end) for w in speech.words])
            chapters.append(Chapter(item.section.title, offset, offset + clip_seconds))
            reports.append(SectionReport(result.index, item.section.id, item.section.title, len(item.durations),
                                         round(clip_seconds, 3), "cached" if result.cached else "rendered",
                                         round(result.seconds, 3)))
            offset += clip_seconds
        narration = self.out / "narration.wav"
        concatenate(section_audio, narration)
        srt, vtt = self.out / "video.srt", self.out / "video.vtt"
        write_subtitles(build_cues(passages, offset), srt, vtt)
        video = self.out / "video.mp4"
        compose_video([r.clip for r in results], narration, chapters, self.lesson.topic, video,
                      burn_subtitles=srt if self.settings.burn_subtitles else None)
        return RunReport(
            topic=self.lesson.topic, output_dir=str(self.out), video=str(video), subtitles=[str(srt), str(vtt)],
            quality=self.settings.quality, voice=self.settings.voice, video_seconds=round(media.duration(video), 3),
            narration_seconds=round(sum(sum(n.durations) for n in narrated), 3), wall_seconds=0.0,
            sections=reports, created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )


def render_topic(topic: str, settings: Settings, console: Console | None = None) -> RunReport:
    return Run(resolve_topic(topic), settings, console).execute()
