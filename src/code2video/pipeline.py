"""The only module that knows the whole order: lesson -> narration -> code -> clips -> video."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from code2video.agents.coder import Coder, SectionBrief
from code2video.agents.fixer import Fixer
from code2video.agents.planner import LessonRequest, Planner
from code2video.agents.critic.vlm import VisionCritic, merge
from code2video.errors import BadInputError, Code2VideoError
from code2video.ir import Lesson, Section
from code2video.knowledge.library import find_lesson, ranked
from code2video.llm import LLM, default_model_spec, open_llm
from code2video.narration import Speech, get_backend, synthesize_cached
from code2video.render import media
from code2video.render.autofix import FixAttempt, FixRecord, FixRequest, Repair, repair_cached, scene_classes
from code2video.render.audio import concatenate, place_on_timeline
from code2video.render.compose import Chapter, compose_video
from code2video.render.kit_info import tex_available
from code2video.render.renderer import RenderResult, SectionJob, render_sections
from code2video.render.subtitles import build_cues, write_subtitles
from code2video.render.template import scene_class_name, section_code
from code2video.review import CriticReport, TemplateReview, probe_defects, section_defects, vision_defects
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
    coder: str = "template"  # "template" or "llm"
    fix: FixRecord | None = None  # the repair history of LLM-written code
    critic: CriticReport | None = None  # layout defects before and after repair


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

    def __init__(self, lesson: Lesson, settings: Settings, console: Console | None = None,
                 llm: LLM | None = None, stages: dict[str, float] | None = None, vlm: LLM | None = None) -> None:
        self.lesson = lesson
        self.settings = settings
        self.console = console or Console(quiet=True)
        self.llm = llm
        self.vlm = vlm  # the vision model of --critic vlm
        self.fixes: dict[int, FixRecord] = {}
        self.critics: dict[int, CriticReport] = {}
        self.stages: dict[str, float] = dict(stages or {})  # work done before the run (planning)
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
                templates = [self.job(i, n, section_code(n.section, i, n.durations), scene_class_name(i))
                             for i, n in enumerate(narrated, 1)]
                jobs = self.llm_jobs(narrated, templates, progress) if self.llm else templates
            with self.stage("render"):
                task = progress.add_task("Rendering", total=len(jobs))
                results = render_sections(
                    jobs, self.settings.preset, workers=self.settings.jobs, cache_dir=self.cache_dir,
                    timeout=self.settings.render_timeout, memory_mb=self.settings.render_memory_mb,
                    on_done=lambda r: progress.advance(task))
            if self.settings.critic != "off":
                with self.stage("critic"):
                    results = self.criticise(narrated, jobs, results, progress)
            with self.stage("compose"):
                task = progress.add_task("Composing", total=1)
                report = self.compose(narrated, results)
                progress.advance(task)
        report.wall_seconds = round(time.perf_counter() - started + self.stages.get("plan", 0.0), 3)
        report.stages = self.stages
        report.llm = asdict(self.llm.usage()) if self.llm else None
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
                          inputs=(narrated.section.model_dump_json(), *audio_hashes))

    def llm_jobs(self, narrated: list[NarratedSection], templates: list[SectionJob],
                 progress: Progress) -> list[SectionJob]:
        """The Coder writes every section, then each is checked and repaired (or falls back)."""
        task = progress.add_task("Coding", total=2 * len(narrated))
        coder = Coder(self.llm, self.lesson.topic, workers=max(2, self.settings.jobs))
        briefs = [SectionBrief(i, n.section, n.durations, scene_class_name(i)) for i, n in enumerate(narrated, 1)]
        codes = coder.write_all(briefs)
        progress.advance(task, len(codes))
        with ThreadPoolExecutor(max_workers=self.settings.jobs) as pool:
            repaired = list(pool.map(self.repair, narrated, templates, codes))
        progress.advance(task, len(codes))
        finals = [code for code, _ in repaired]
        for template, (_, record) in zip(templates, repaired):
            if record:
                self.fixes[template.index] = record
            if template.index in coder.failures:
                self.fixes[template.index] = FixRecord("fell_back", 0, [FixAttempt(
                    "LLMError", coder.failures[template.index], None, "fell back: the coder got no reply")])
        return [template if code == template.code else
                replace(self.job(template.index, item, code, scene_classes(code)[0]), fallback=template)
                for item, template, code in zip(narrated, templates, finals)]

    def repair(self, narrated: NarratedSection, template: SectionJob, code: str | None) -> tuple[str, FixRecord | None]:
        """The code to render for one section (the repaired LLM code, or the template's) and its history."""
        if code is None:
            return template.code, None
        fixer = Fixer(self.llm)

        def fix(request: FixRequest) -> str:
            return fixer.rewrite(section_id=narrated.section.id, error=request.error, scope_kind=request.scope.kind,
                                 start=request.scope.start, end=request.scope.end, scope_code=request.scope_code,
                                 context=request.context, hints=request.hints, attempt=request.attempt)

        repair = Repair(narrated.folder.resolve(), fix, max_rounds=self.settings.max_fix_rounds,
                        timeout=60 + 2 * sum(narrated.durations), memory_mb=self.settings.render_memory_mb,
                        tex_available=tex_available())
        return repair_cached(repair, code, template.code, self.cache_dir), repair.record

    def revise(self, item: NarratedSection, job: SectionJob, report: CriticReport) -> str | None:
        """Send an LLM section's layout defects back to the Coder; the revision must run and do better."""
        coder, brief = Coder(self.llm, self.lesson.topic), SectionBrief(job.index, item.section, item.durations,
                                                                         job.scene_class)
        code, best = job.code, None
        for _ in range(self.settings.critic_rounds):
            revised = coder.revise(brief, code, report.after) if report.after else None
            if revised is None:
                break
            report.rounds += 1
            final, _ = self.repair(item, job.fallback, revised)
            found = None if final == job.fallback.code else probe_defects(
                final, scene_classes(final)[0], job.folder.resolve() / "critic", self.settings.preset.height,
                timeout=60 + 2 * sum(item.durations))
            if found is None or len(found) >= len(report.after):
                break
            report.after, report.edits, code, best = found, [*report.edits, "the Coder revised the layout"], final, final
        report.revised = best is not None
        return best

    def criticise(self, narrated: list[NarratedSection], jobs: list[SectionJob], results: list[RenderResult],
                  progress: Progress) -> list[RenderResult]:
        """Measure every clip's layout; repair template sections and re-render the kept repairs."""
        task = progress.add_task("Critic", total=len(jobs))
        height, revised = self.settings.preset.height, {}
        vision = VisionCritic(self.vlm) if self.vlm else None
        for item, job, result in zip(narrated, jobs, results):
            defects, notes = section_defects(result.clip.parent, height), []
            if vision:
                try:
                    defects = merge(defects, vision_defects(vision, item.section.id, result.clip.parent,
                                                            self.settings.preset.fps))
                    notes = vision.notes.get(item.section.id, [])
                except Code2VideoError as exc:  # the vision review is optional: keep the measured defects
                    notes = [f"the VLM critic was skipped: {exc}"]
            if job.fallback is None and job.code == section_code(item.section, job.index, item.durations):
                review = TemplateReview(item.section, job.index, item.durations, job.scene_class,
                                        result.clip.parent, height, timeout=60 + 2 * sum(item.durations))
                kept = review.run(defects, self.settings.critic_rounds)
                report = review.report
                if kept:
                    item.section = kept[0]
                    revised[job.index] = replace(job, code=kept[1], inputs=(kept[0].model_dump_json(), *job.inputs[1:]))
            else:
                report = CriticReport(before=defects, after=defects)
                if defects and (code := self.revise(item, job, report)):
                    revised[job.index] = replace(job, code=code, scene_class=scene_classes(code)[0])
            report.notes = notes
            self.critics[job.index] = report
            progress.advance(task)
        if revised:
            self.lesson = self.lesson.model_copy(update={"sections": [n.section for n in narrated]})
            rerendered = render_sections(list(revised.values()), self.settings.preset, workers=self.settings.jobs,
                                         cache_dir=self.cache_dir, timeout=self.settings.render_timeout,
                                         memory_mb=self.settings.render_memory_mb)
            by_index = {r.index: r for r in rerendered}
            results = [by_index.get(r.index, r) for r in results]
        return results

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
            fix = self.fixes.get(result.index)
            if fix and result.fell_back_because:
                fix.outcome = "fell_back"
                fix.attempts.append(FixAttempt("RenderError", result.fell_back_because[-500:], None,
                                               "fell back: the full render failed after a clean dry run"))
            reports.append(SectionReport(result.index, item.section.id, item.section.title, len(item.durations),
                                         round(clip_seconds, 3), "cached" if result.cached else "rendered",
                                         round(result.seconds, 3), coder="llm" if fix and fix.outcome != "fell_back"
                                         else "template", fix=fix, critic=self.critics.get(result.index)))
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


def open_configured_llm(settings: Settings, spec: str) -> LLM:
    return open_llm(spec, cache_dir=settings.cache_dir if settings.cache else None, timeout=settings.llm_timeout,
                    max_retries=settings.llm_retries, prices=settings.llm_prices)


def plan_lesson(request: LessonRequest, settings: Settings, console: Console) -> tuple[Lesson, LLM | None, float]:
    """An explicit --llm plans every topic; a key in the environment only plans what is not built in."""
    if not request.topic.strip():
        raise BadInputError("the topic is empty. Give one, e.g. --topic \"The determinant\" "
                            "(see `code2video lessons`).")
    if settings.llm:
        llm = open_configured_llm(settings, settings.llm)
    elif find_lesson(request.topic) or not (default := default_model_spec()):
        return resolve_topic(request.topic), None, 0.0
    else:
        console.print(f"No built-in lesson for {request.topic!r}; planning one with {default}.")
        llm = open_configured_llm(settings, default)
    started = time.perf_counter()
    with console.status(f"Planning the lesson with {llm.spec.provider}:{llm.spec.model}"):
        lesson = Planner(llm).plan(request)
    seconds = round(time.perf_counter() - started, 3)
    console.print(f"Planned {len(lesson.sections)} sections in {seconds:.1f} s.")
    return lesson, llm, seconds


def render_topic(topic: str, settings: Settings, console: Console | None = None, *, minutes: float = 3.0,
                 audience: str = "general", language: str = "en") -> RunReport:
    console = console or Console(quiet=True)
    vlm = vision_model(settings)
    lesson, llm, plan_seconds = plan_lesson(LessonRequest(topic, minutes, audience, language), settings, console)
    return Run(lesson, settings, console, llm, stages={"plan": plan_seconds} if llm else None, vlm=vlm).execute()


def vision_model(settings: Settings) -> LLM | None:
    """The model of --critic vlm: --vlm, else --llm; asking for it without either is bad input."""
    if settings.critic != "vlm":
        return None
    spec = settings.vlm or settings.llm
    if not spec:
        raise BadInputError("--critic vlm needs a vision-capable model: pass --vlm MODEL (e.g. --vlm openai:gpt-4.1) "
                            "or --llm MODEL, or use --critic geometry.")
    return open_configured_llm(settings, spec)
