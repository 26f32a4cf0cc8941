"""`code2video bench mmmc`: make (or reuse) each topic's video, quiz a student on it, store the
result per topic, and report the run.

Every topic runs in a worker (a spawned process or a Ray task) from a plain, picklable TopicTask;
workers open their own LLM client from the spec string and the run's settings. A finished topic is written atomically
to OUT/topics/<slug>.json with the fingerprint of what it depends on, so a rerun skips it.
"""

from __future__ import annotations

import os
import time
import traceback
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from rich.console import Console

from code2video.errors import BadInputError, Code2VideoError
from code2video.mmmc_benchmark.data import MMMCData, load_mmmc, select_topics
from code2video.mmmc_benchmark.executors import make_executor
from code2video.mmmc_benchmark.makers import (
    NO_LESSON,
    RenderMaker,
    TopicSkipped,
    VideoMaker,
)
from code2video.mmmc_benchmark.outputs import Outputs, write_outputs
from code2video.mmmc_benchmark.records import (
    TopicRecord,
    read_record,
    record_path,
    write_record,
)
from code2video.pipeline.reports import prepare_output, slugify
from code2video.settings import Settings
from code2video.teachquiz.questions import Question

STUDENT_KINDS = ("offline", "llm")


@dataclass(frozen=True)
class BenchConfig:
    data_dir: Path
    out_dir: Path
    topic_count: int | None = None  # the first N topics of the list; None = all
    topic_file: Path | None = None  # or the topics named in this file
    student: str = "offline"
    llm: str | None = None  # plans topics without a built-in lesson, and is the "llm" student [settings.llm]
    seed: int = 0
    jobs: int = 1  # topics at a time
    executor: str = "process"
    address: str | None = None  # a Ray cluster
    settings: Settings = field(default_factory=Settings)  # quality, voice... of the renders
    maker: VideoMaker | None = None  # default: RenderMaker
    max_frames: int = 24
    read_screen: bool = True

    @property
    def model(self) -> str | None:
        """The --llm model, or the one set in the config file or environment."""
        return self.llm or self.settings.llm

    @property
    def run_key(self) -> dict:
        """What every topic's result depends on (plus its own questions)."""
        return {"student": self.student, "llm": self.model, "seed": self.seed, "quality": self.settings.quality,
                "voice": self.settings.voice, "max_frames": self.max_frames, "read_screen": self.read_screen}


@dataclass(frozen=True)
class TopicTask:
    topic: str
    slug: str
    questions: tuple[Question, ...]
    fingerprint: dict
    video_dir: Path
    maker: VideoMaker
    student: str
    llm: str | None
    seed: int
    max_frames: int
    read_screen: bool
    settings: Settings  # timeouts, retries, prices and cache of the llm student


@dataclass
class BenchRun:
    out_dir: Path
    records: list[TopicRecord]  # the current result of every selected topic, in topic-list order
    ran: list[str] = field(default_factory=list)  # topics worked on in this run
    reused: list[str] = field(default_factory=list)  # topics whose stored result was kept
    warnings: list[str] = field(default_factory=list)
    outputs: Outputs | None = None
    llm: str | None = None

    def rows(self) -> list[tuple[str, str]]:
        """The run at a glance, for the command's summary table."""
        statuses = Counter(r.status for r in self.records)
        found = [("topics", (f"{statuses['done']} evaluated, {statuses['skipped']} skipped, {statuses['failed']} "
                            f"failed ({len(self.ran)} worked on now, {len(self.reused)} reused)"))]
        if self.records and not self.llm and all(r.message == NO_LESSON for r in self.records):
            found.append(("hint", ("no topic has a built-in lesson: pass --llm MODEL (e.g. --llm openai:gpt-4.1) "
                                  "to plan and render them")))
        if self.outputs and self.outputs.summary is not None:
            from code2video.mmmc_benchmark.outputs import overall

            found += [(label, f"{mean:.3f} [{low:.3f}, {high:.3f}]")
                      for label, mean, low, high in overall(self.outputs.summary)]
        if self.outputs:
            found.append(("results", f"{self.outputs.results_csv}, {self.outputs.summary_md}"))
        return found


def default_run_name(student: str, llm: str | None) -> str:
    """Stable across reruns, so the default --out resumes: mmmc-STUDENT[-MODEL]."""
    if not llm:
        return f"mmmc-{slugify(student)}"
    from code2video.llm import parse_model_spec

    return f"mmmc-{slugify(student)}-{slugify(parse_model_spec(llm).model)}"


def validate(config: BenchConfig) -> None:
    """Bad input fails here, before anything is written."""
    if config.student not in STUDENT_KINDS:
        raise BadInputError(f"unknown --student {config.student!r}; choose one of: {', '.join(STUDENT_KINDS)}.")
    if config.student == "llm" and not config.model:
        raise BadInputError("--student llm needs a model: pass --llm MODEL (e.g. --llm openai:gpt-4.1), "
                            "or use --student offline.")
    if config.model:
        from code2video.llm import parse_model_spec

        parse_model_spec(config.model)
    if config.jobs < 1:
        raise BadInputError(f"--jobs {config.jobs}: give at least 1.")


def check_tools(config: BenchConfig) -> None:
    """What every topic will need, checked once before any render: OCR, the embedding model's
    packages (imported, not loaded), and the model's key (opening it fails without one)."""
    if config.read_screen:
        from code2video.teachquiz.evidence import require_tesseract

        require_tesseract()
    if config.student == "offline":
        from code2video.teachquiz.embeddings import require_embeddings

        require_embeddings()
    if config.model:
        from code2video.pipeline.topic import open_configured_llm

        open_configured_llm(config.settings, config.model)


def run_benchmark(config: BenchConfig, console: Console | None = None) -> BenchRun:
    console = console or Console(quiet=True)
    config = replace(config, out_dir=config.out_dir.resolve())  # paths that hold in workers and on a cluster
    validate(config)
    data = load_mmmc(config.data_dir)
    topics, warnings = select_topics(data, config.topic_count, config.topic_file)
    executor = make_executor(config.executor, config.jobs, config.address)
    settings = render_settings(config)
    maker = config.maker or RenderMaker(settings)
    maker.check()
    check_tools(config)
    _print_warnings(console, warnings)
    prepare_output(config.out_dir)
    tasks, reused = [], []
    selected = [_task(config, data, topic, maker, settings) for topic in topics]
    for task in selected:
        stored = _current_record(config.out_dir, task)
        if stored is not None and stored.finished:
            reused.append(task.topic)
        else:
            tasks.append(task)
    if reused:
        console.print(f"Reusing {len(reused)} finished topic(s) from {config.out_dir / 'topics'}.")
    if tasks:
        console.print(f"Running {len(tasks)} topic(s), {config.jobs} at a time ({config.executor}).")
        for record in executor.run(run_topic, tasks):
            write_record(config.out_dir, record)
            _print_record(console, record)
    records = [r for r in (_current_record(config.out_dir, task) for task in selected) if r is not None]
    outputs = write_outputs(config.out_dir, records, describe(config, data), seed=config.seed)
    return BenchRun(config.out_dir, records, [t.topic for t in tasks], reused, warnings, outputs, config.model)


def render_settings(config: BenchConfig) -> Settings:
    """The renders share the machine: each gets cores // jobs section workers (at least one)."""
    cores = os.cpu_count() or 1
    return config.settings.model_copy(update={"jobs": max(1, cores // config.jobs), "llm": config.model})


def _task(config: BenchConfig, data: MMMCData, topic: str, maker: VideoMaker, settings: Settings) -> TopicTask:
    slug = data.slug(topic)
    return TopicTask(
        topic=topic, slug=slug, questions=data.questions[topic],
        fingerprint={**config.run_key, "questions": data.digest(topic)},
        video_dir=config.out_dir / "videos" / slug, maker=maker, student=config.student, llm=config.model,
        seed=config.seed, max_frames=config.max_frames, read_screen=config.read_screen, settings=settings)


def _current_record(out_dir: Path, task: TopicTask) -> TopicRecord | None:
    """The stored result of ``task`` when it is still current (same settings and questions); only
    such results are reported, and a finished one is not redone."""
    stored = read_record(record_path(out_dir, task.slug))
    return stored if stored is not None and stored.fingerprint == task.fingerprint else None


def describe(config: BenchConfig, data: MMMCData) -> dict[str, str]:
    """The settings of the run, for summary.md."""
    return {
        "data": f"{config.data_dir} ({len(data.topics)} topics, {len(data.questions)} with questions)",
        "student": config.student, "llm": config.model or "none (built-in lessons only)", "seed": str(config.seed),
        "jobs": str(config.jobs), "executor": config.executor + (f" at {config.address}" if config.address else ""),
        "quality": config.settings.quality, "voice": config.settings.voice,
        "keyframes": f"up to {config.max_frames}" + ("" if config.read_screen else ", not read (--no-ocr)"),
        "maker": type(config.maker).__name__ if config.maker else "RenderMaker",
    }


def run_topic(task: TopicTask) -> TopicRecord:
    """One topic, start to end, in a worker. Never raises: a failure becomes a record."""
    base = {"topic": task.topic, "slug": task.slug, "fingerprint": task.fingerprint, "questions": len(task.questions)}
    started = time.perf_counter()
    try:
        folder = task.maker.make(task.topic, task.video_dir)
    except TopicSkipped as exc:
        return TopicRecord(**base, status="skipped", message=str(exc))
    except Exception as exc:  # noqa: BLE001 - one topic's failure must not stop the benchmark
        return TopicRecord(**base, status="failed", message=f"making the video: {_describe(exc)}",
                           notes=_trace(exc))
    made = time.perf_counter()
    try:
        quiz, student_usage = _quiz(task, folder)
    except Exception as exc:  # noqa: BLE001 - recorded as this topic's failure
        return TopicRecord(**base, status="failed", message=f"evaluating the video: {_describe(exc)}",
                           video_folder=str(folder), render_seconds=round(made - started, 3), notes=_trace(exc))
    efficiency, notes = _efficiency(folder)
    return TopicRecord(**base, status="done", video_folder=str(folder), render_seconds=round(made - started, 3),
                       eval_seconds=round(time.perf_counter() - made, 3), quiz=quiz.to_dict(),
                       efficiency=efficiency, student_llm=student_usage, notes=notes)


def _quiz(task: TopicTask, folder: Path):
    from code2video.teachquiz.evidence import gather_evidence
    from code2video.teachquiz.protocol import run_teachquiz
    from code2video.teachquiz.students import make_student

    llm = None
    if task.student == "llm":
        from code2video.pipeline.topic import open_configured_llm

        llm = open_configured_llm(task.settings, task.llm)
    evidence = gather_evidence(folder, max_frames=task.max_frames, read_screen=task.read_screen)
    result = run_teachquiz(task.topic, task.questions, make_student(task.student, llm), evidence, seed=task.seed)
    return result, (asdict(llm.usage()) if llm else None)


def _efficiency(folder: Path) -> tuple[dict | None, list[str]]:
    from code2video.teachquiz.efficiency import efficiency

    try:
        return asdict(efficiency(folder)), []
    except Code2VideoError as exc:
        return None, [f"no efficiency figures: {exc}"]


def _describe(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, Code2VideoError) else f"{type(exc).__name__}: {exc}"


def _trace(exc: BaseException) -> list[str]:
    if isinstance(exc, Code2VideoError):
        return []
    return [line.rstrip() for line in traceback.format_exception(exc)[-4:]]


def _print_warnings(console: Console, warnings: Sequence[str]) -> None:
    for warning in warnings[:5]:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if len(warnings) > 5:
        console.print(f"[yellow]warning:[/] ... and {len(warnings) - 5} more topics skipped the same way", highlight=False)


def _print_record(console: Console, record: TopicRecord) -> None:
    if record.status == "done":
        quiz = record.teachquiz()
        console.print(f"[green]done[/] {record.topic}: gain {quiz.gain:+.2f} (unlearned "
                      f"{quiz.accuracy('unlearned'):.2f} -> video {quiz.accuracy('video'):.2f}), "
                      f"{record.render_seconds + record.eval_seconds:.0f} s", highlight=False)
    elif record.status == "skipped":
        console.print(f"[yellow]skipped[/] {record.topic}: {record.message}", highlight=False)
    else:
        console.print(f"[red]failed[/] {record.topic}: {record.message}", highlight=False)
