"""One render of one lesson: narrate -> code -> render -> critic -> compose, with progress output."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from code2video.avatar import AvatarBackend, get_avatar
from code2video.avatar.external import ExternalBackend
from code2video.ir import Lesson
from code2video.llm import LLM
from code2video.narration import TTSBackend, WordTiming, get_backend, synthesize_cached
from code2video.pipeline.critique import CriticStage
from code2video.pipeline.llm_coding import LLMCoding
from code2video.pipeline.reports import (
    AvatarReport,
    NarratedSection,
    RunReport,
    SectionReport,
    prepare_output,
    slugify,
    write_atomically,
)
from code2video.pipeline.talking_head import SectionTrack, add_talking_heads
from code2video.render import media
from code2video.render.audio import concatenate, place_on_timeline
from code2video.render.autofix import FixAttempt
from code2video.render.compose import Chapter, compose_video
from code2video.render.renderer import RenderResult, SectionJob, render_sections
from code2video.render.subtitles import build_cues, write_subtitles
from code2video.render.template import scene_class_name, section_code
from code2video.settings import Settings


def voice_and_avatar(settings: Settings) -> tuple[TTSBackend, AvatarBackend | None]:
    """The narrator and the presenter; a bad spec fails here, before anything is planned or written."""
    avatar = get_avatar(settings.avatar, settings.portrait) if settings.avatar else None
    if isinstance(avatar, ExternalBackend):
        avatar.timeout = settings.avatar_timeout
    return get_backend(settings.voice, speed=settings.voice_speed), avatar


class Run:
    """One render of one lesson, with stage timings and progress output.

    ``llm`` writes the scene code when ``llm_codes`` is true (topic mode); paper mode plans with
    it but keeps the template slides. ``assets_dir`` holds the files the lesson's images name.
    """

    def __init__(self, lesson: Lesson, settings: Settings, console: Console | None = None,
                 llm: LLM | None = None, stages: dict[str, float] | None = None, vlm: LLM | None = None, *,
                 llm_codes: bool = True, assets_dir: Path | None = None, source: dict | None = None) -> None:
        self.lesson = lesson
        self.settings = settings
        self.console = console or Console(quiet=True)
        self.llm = llm
        self.stages: dict[str, float] = dict(stages or {})  # work done before the run (planning, reading)
        self.out = settings.out_dir / slugify(lesson.topic)
        self.cache_dir = settings.cache_dir if settings.cache else None
        self.coding = LLMCoding(llm, lesson.topic, settings, self.cache_dir) if llm and llm_codes else None
        self.critic = CriticStage(settings, self.cache_dir, vlm, self.coding)
        self.assets_dir = assets_dir
        self.source = source

    @contextmanager
    def stage(self, name: str):
        started = time.perf_counter()
        yield
        self.stages[name] = round(self.stages.get(name, 0.0) + time.perf_counter() - started, 3)

    def progress(self) -> Progress:
        return Progress(SpinnerColumn(), TextColumn("{task.description:<12}"), BarColumn(),
                        MofNCompleteColumn(), TimeElapsedColumn(), console=self.console, transient=False)

    def execute(self) -> RunReport:
        started = time.perf_counter()
        media.require_ffmpeg()
        backend, avatar = voice_and_avatar(self.settings)
        prepare_output(self.out)
        write_atomically(self.out / "lesson.json", self.lesson.to_json())
        with self.progress() as progress:
            with self.stage("narrate"):
                narrated = self.narrate(backend, progress)
            with self.stage("code"):
                templates = [self.job(i, n, section_code(n.section, i, n.durations, n.word_starts),
                                      scene_class_name(i)) for i, n in enumerate(narrated, 1)]
                jobs = self.coding.jobs(narrated, templates, self.job, progress) if self.coding else templates
            with self.stage("render"):
                task = progress.add_task("Rendering", total=len(jobs))
                results = render_sections(
                    jobs, self.settings.preset, workers=self.settings.jobs, cache_dir=self.cache_dir,
                    timeout=self.settings.render_timeout, memory_mb=self.settings.render_memory_mb,
                    on_done=lambda r: progress.advance(task))
            if self.settings.critic != "off":
                with self.stage("critic"):
                    results = self.critic.run(narrated, jobs, results, progress)
                    self.lesson = self.lesson.model_copy(update={"sections": [n.section for n in narrated]})
            with self.stage("compose"):
                tracks = [self.track(n, r) for n, r in zip(narrated, results)]
            clips, heads = [t.clip for t in tracks], []
            if avatar:
                with self.stage("avatar"):
                    clips, heads = add_talking_heads(avatar, tracks, self.settings, self.cache_dir, progress)
            with self.stage("compose"):
                task = progress.add_task("Composing", total=1)
                report = self.compose(narrated, results, tracks, clips, heads)
                progress.advance(task)
        report.wall_seconds = round(time.perf_counter() - started + sum(
            self.stages.get(name, 0.0) for name in ("read", "plan")), 3)
        report.stages = self.stages
        report.llm = asdict(self.llm.usage()) if self.llm else None
        report.source = self.source
        write_atomically(self.out / "lesson.json", self.lesson.to_json())  # with the critic's repairs
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

    def job(self, index: int, narrated: NarratedSection, code: str, scene_class: str) -> SectionJob:
        audio_hashes = tuple(hashlib.sha256(s.audio.read_bytes()).hexdigest() for s in narrated.speeches)
        return SectionJob(index, narrated.folder, code, scene_class,
                          inputs=(narrated.section.model_dump_json(), *audio_hashes, *self.copy_assets(narrated)))

    def copy_assets(self, narrated: NarratedSection) -> list[str]:
        """Put the section's pictures where its scene (and the critic's dry runs) load them; their hashes."""
        hashes = []
        for name in narrated.section.assets:
            source = self.assets_dir / name if self.assets_dir else None
            if source is None or not source.is_file():
                hashes.append(f"missing:{name}")  # the kit draws a placeholder
                continue
            for folder in (narrated.folder, narrated.folder / "critic"):
                (folder / "assets").mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, folder / "assets" / name)
            hashes.append(hashlib.sha256(source.read_bytes()).hexdigest())
        return hashes

    def track(self, item: NarratedSection, result: RenderResult) -> SectionTrack:
        """Lay the section's beats on its clip's timeline: one WAV as long as the clip, and its words."""
        seconds = media.duration(result.clip)
        starts = [sum(item.durations[:i]) for i in range(len(item.durations))]
        wav = item.folder / "narration.wav"
        place_on_timeline([(s.audio, t) for s, t in zip(item.speeches, starts)], seconds, wav)
        beats = [[WordTiming(w.word, round(t + w.start, 3), round(t + w.end, 3)) for w in speech.words]
                 for speech, t in zip(item.speeches, starts)]
        return SectionTrack(item.folder, result.clip, seconds, wav, beats)

    def compose(self, narrated: list[NarratedSection], results: list[RenderResult], tracks: list[SectionTrack],
                clips: list[Path], heads: list[AvatarReport]) -> RunReport:
        offset, chapters, passages, reports = 0.0, [], [], []
        fixes = self.coding.fixes if self.coding else {}
        for i, (item, result, track) in enumerate(zip(narrated, results, tracks)):
            passages += [[(w.word, offset + w.start, offset + w.end) for w in beat] for beat in track.beats]
            chapters.append(Chapter(item.section.title, offset, offset + track.seconds))
            fix = fixes.get(result.index)
            if fix and result.fell_back_because:
                fix.outcome = "fell_back"
                fix.attempts.append(FixAttempt("RenderError", result.fell_back_because[-500:], None,
                                               "fell back: the full render failed after a clean dry run"))
            reports.append(SectionReport(result.index, item.section.id, item.section.title, len(item.durations),
                                         round(track.seconds, 3), "cached" if result.cached else "rendered",
                                         round(result.seconds, 3), coder="llm" if fix and fix.outcome != "fell_back"
                                         else "template", fix=fix, critic=self.critic.reports.get(result.index),
                                         avatar=heads[i] if heads else None))
            offset += track.seconds
        narration = self.out / "narration.wav"
        concatenate([t.audio for t in tracks], narration)
        srt, vtt = self.out / "video.srt", self.out / "video.vtt"
        write_subtitles(build_cues(passages, offset), srt, vtt)
        video = self.out / "video.mp4"
        compose_video(clips, narration, chapters, self.lesson.topic, video,
                      burn_subtitles=srt if self.settings.burn_subtitles else None)
        return RunReport(
            topic=self.lesson.topic, output_dir=str(self.out), video=str(video), subtitles=[str(srt), str(vtt)],
            quality=self.settings.quality, voice=self.settings.voice, video_seconds=round(media.duration(video), 3),
            narration_seconds=round(sum(sum(n.durations) for n in narrated), 3), wall_seconds=0.0,
            sections=reports, created=datetime.now(UTC).isoformat(timespec="seconds"), avatar=self.settings.avatar,
        )
