"""The `code2video` command: the only place that turns errors into messages and exit codes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from code2video import __version__
from code2video.errors import BadInputError, Code2VideoError
from code2video.settings import QUALITY_PRESETS, load_settings

app = typer.Typer(
    help="Turn a learning topic into a narrated, subtitled educational video rendered with Manim.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
console = Console(stderr=True)
out = Console()
WORDS_PER_MINUTE = 155


def friendly_errors(command: Callable) -> Callable:
    """Our errors become one clear message and an exit code (2 = bad input, 1 = failure)."""

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except Code2VideoError as exc:
            console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            console.print("[yellow]interrupted; finished sections are cached, run again to resume[/]")
            raise typer.Exit(130) from None

    return run


def _quality(value: Optional[str]) -> Optional[str]:
    if value is not None and value not in QUALITY_PRESETS:
        raise typer.BadParameter(f"choose one of: {', '.join(QUALITY_PRESETS)}")
    return value


@app.command()
@friendly_errors
def render(
    topic: Optional[str] = typer.Option(None, "--topic", "-t", help="What the lesson teaches; see `code2video lessons`."),
    paper: Optional[Path] = typer.Option(
        None, "--paper", "-p", help="A LaTeX paper to present: its project folder, main .tex file, an arXiv-style "
        ".tar.gz or .zip source, or (lower fidelity) a PDF."),
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder [default: out]."),
    quality: Optional[str] = typer.Option(None, "--quality", "-q", callback=_quality,
                                          help="draft (480p15), standard (720p30, default) or high (1080p60)."),
    voice: Optional[str] = typer.Option(
        None, "--voice", help="piper[:NAME] (default), espeak[:VOICE], openai:VOICE, f5:REF.wav:REF_TEXT (voice "
        "cloning) or silent; see `code2video voices`."),
    voice_speed: Optional[float] = typer.Option(None, "--voice-speed", min=0.5, max=2.0,
                                                help="Speaking rate, e.g. 1.2 for 20% faster [default: 1.0]."),
    avatar: Optional[str] = typer.Option(
        None, "--avatar", help="A talking head in a free corner: presenter (drawn), puppet[:PHOTO] (your photo, "
        "animated on the CPU), or a GPU model hallo2:PYTHON, sadtalker:PYTHON, musetalk:PYTHON "
        "(falls back to the puppet per section). [default: none]"),
    portrait: Optional[Path] = typer.Option(None, "--portrait", help="Photo of the presenter (a frontal face) "
                                            "for puppet and GPU avatars."),
    avatar_size: Optional[int] = typer.Option(None, "--avatar-size", min=1, max=3,
                                              help="Largest head, in anchor cells a side [default: 2]."),
    avatar_shape: Optional[str] = typer.Option(None, "--avatar-shape", help="circle (default) or rounded."),
    gpus: Optional[str] = typer.Option(None, "--gpus", help="CUDA devices for GPU avatars, e.g. 0,1: one "
                                       "section per device at a time."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Sections rendered in parallel [default: cores]."),
    burn_subtitles: bool = typer.Option(False, "--burn-subtitles", help="Draw the subtitles into the video."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore cached speech, clips and LLM replies."),
    llm: Optional[str] = typer.Option(
        None, "--llm", help="Model that plans and codes any topic: openai:MODEL, anthropic:MODEL, "
        "openai:MODEL@http://host:port/v1 (Ollama, vLLM...) or replay:FILE.jsonl. "
        "[default: built-in lessons; with OPENAI_API_KEY or ANTHROPIC_API_KEY set, other topics are planned]"),
    minutes: Optional[float] = typer.Option(None, "--minutes", min=0.5, max=30,
                                            help="Target length of a planned lesson [default: 3] or talk [default: 5]."),
    audience: str = typer.Option("general", "--audience", help="Who the planned lesson is for, e.g. 'high school'."),
    language: str = typer.Option("en", "--language", help="Narration language of a planned lesson."),
    max_fix_rounds: Optional[int] = typer.Option(
        None, "--max-fix-rounds", min=0, help="LLM repair rounds per section before the template fallback [default: 4]."),
    critic: Optional[str] = typer.Option(None, "--critic", help="geometry (default): measured layout checks and "
                                         "repair; vlm: also a vision model's review; off."),
    critic_rounds: Optional[int] = typer.Option(None, "--critic-rounds", min=0,
                                                help="Layout repair rounds per section [default: 2]."),
    vlm: Optional[str] = typer.Option(None, "--vlm", help="Vision model for --critic vlm, same forms as --llm "
                                      "[default: the --llm model]."),
) -> None:
    """Render a lesson video for TOPIC, or a talk video of PAPER, into OUT/<title-slug>/."""
    from code2video.pipeline import render_paper, render_topic

    if (topic is None) == (paper is None):
        raise BadInputError("give either --topic \"...\" (a lesson) or --paper PATH (a talk about a LaTeX paper).")
    if portrait is not None and not portrait.is_file():
        raise BadInputError(f"--portrait {portrait} is not a file; give a photo (JPEG or PNG) of a face.")
    settings = load_settings(out_dir=out_dir, quality=quality, voice=voice, jobs=jobs, llm=llm,
                             voice_speed=voice_speed, avatar=avatar, portrait=portrait, avatar_cells=avatar_size,
                             avatar_shape=avatar_shape, gpus=gpus,
                             max_fix_rounds=max_fix_rounds, critic=critic, critic_rounds=critic_rounds, vlm=vlm,
                             burn_subtitles=burn_subtitles or None,
                             cache=False if no_cache else None)
    if paper is not None:
        report = render_paper(paper, settings, console, minutes=minutes or 5.0)
    else:
        report = render_topic(topic, settings, console, minutes=minutes or 3.0, audience=audience, language=language)
    summary = Table(title=f"{report.topic}", show_header=False, title_justify="left")
    summary.add_row("video", report.video)
    summary.add_row("subtitles", ", ".join(report.subtitles))
    summary.add_row("report", str(Path(report.output_dir) / "report.json"))
    unit = "slides" if report.source else "sections"
    summary.add_row("length", f"{report.video_seconds:.1f} s ({len(report.sections)} {unit}, "
                    f"{report.rendered_sections} rendered, {len(report.sections) - report.rendered_sections} cached)")
    if report.llm:
        total = report.llm["total"]
        cost = f"${total['cost_usd']:.4f}" if report.llm["priced"] else "not priced"
        summary.add_row("llm", f"{report.llm['model']}: {total['calls']} calls ({total['cached_calls']} cached), "
                        f"{total['input_tokens']} in / {total['output_tokens']} out tokens, {cost}")
        outcomes = Counter(s.fix.outcome for s in report.sections if s.fix)
        summary.add_row("code", ", ".join(f"{count} {outcome.replace('_', ' ')}" for outcome, count in outcomes.items()))
    found = [s.critic for s in report.sections if s.critic]
    if found:
        before, after = sum(len(c.before) for c in found), sum(len(c.after) for c in found)
        summary.add_row("layout", f"{before} defects found, {after} left" + (" (see report.json)" if after else ""))
    heads = [s.avatar for s in report.sections if s.avatar]
    if heads:
        shown = [h for h in heads if h.backend]
        used = ", ".join(f"{name} {count}" for name, count in Counter(h.backend for h in shown).items())
        fell_back = sum(1 for h in shown if h.warning)
        summary.add_row("presenter", f"on screen in {len(shown)} of {len(heads)} sections "
                        f"({sum(h.shown_seconds for h in heads):.0f} s; {used or 'none'})"
                        + (f"; {fell_back} fell back (see report.json)" if fell_back else ""))
    for stage, seconds in report.stages.items():
        summary.add_row(f"time: {stage}", f"{seconds:.1f} s")
    summary.add_row("time: total", f"{report.wall_seconds:.1f} s")
    out.print(summary)


@app.command()
@friendly_errors
def critique(
    output: Path = typer.Argument(..., help="An output folder of `code2video render`, e.g. out/the-determinant."),
    quality: Optional[str] = typer.Option(None, "--quality", "-q", callback=_quality,
                                          help="Judge legibility at this quality [default: the render's]."),
) -> None:
    """Re-run the layout critic on an existing output and print its defects."""
    import json

    from code2video.errors import BadInputError
    from code2video.review import review_folder

    report_file = output / "report.json"
    if not report_file.is_file():
        raise BadInputError(f"{output} has no report.json; give a folder written by `code2video render`.")
    height = QUALITY_PRESETS[quality or json.loads(report_file.read_text())["quality"]].height
    table = Table("section", "time", "kind", "objects", "cells", "what to do", title=f"layout critic at {height}p")
    total = 0

    def add(section: str, defects) -> None:
        nonlocal total
        total += len(defects)
        for d in defects:
            table.add_row(section, f"{d.time:.1f} s", d.kind, ", ".join(d.objects), " ".join(d.cells), d.message)

    review_folder(output, height, add)
    out.print(table if total else f"No layout defects in {output}.")


MAX_FRAMES = typer.Option(24, "--max-frames", min=1, help="Keyframes read from the video.")
NO_OCR = typer.Option(False, "--no-ocr", help="Skip reading the keyframes' text (no tesseract needed).")
bench = typer.Typer(help="Benchmarks: generate and evaluate videos over a set of topics.", no_args_is_help=True,
                    rich_markup_mode=None)
app.add_typer(bench, name="bench")


@bench.command("mmmc")
@friendly_errors
def bench_mmmc(
    data: Path = typer.Option(..., "--data", help="Folder holding the MMMC files long_video_topics_list.json and "
                              "questions_by_topic_10.json."),
    topics: Optional[int] = typer.Option(None, "--topics", help="Only the first N topics of the list."),
    topic_file: Optional[Path] = typer.Option(None, "--topic-file", help="Only these topics, one a line (# comments)."),
    llm: Optional[str] = typer.Option(None, "--llm", help="Model that plans topics with no built-in lesson and "
                                      "answers as the llm student; same forms as `render --llm`."),
    student: str = typer.Option("offline", "--student", help="offline (evidence + embeddings) or llm."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Topics at a time (each render gets cores // jobs)."),
    executor: str = typer.Option("process", "--executor", help="process (local pool) or ray."),
    address: Optional[str] = typer.Option(None, "--address", help="Ray cluster address [default: a local Ray]."),
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", help="Run folder [default: out/bench/mmmc-STUDENT"
                                           "[-MODEL]]; rerun with the same folder to resume."),
    seed: int = typer.Option(0, "--seed", help="Seed of the option shuffling and the bootstrap."),
    quality: Optional[str] = typer.Option(None, "--quality", "-q", callback=_quality, help="Render quality."),
    voice: Optional[str] = typer.Option(None, "--voice", help="Narration voice, as for `render`."),
    max_frames: int = MAX_FRAMES,
    no_ocr: bool = NO_OCR,
) -> None:
    """Make (or reuse) each MMMC topic's video, quiz a student on it (TeachQuiz) and report the gains."""
    from code2video.mmmc_benchmark import runner

    settings = load_settings(quality=quality, voice=voice, llm=llm)
    folder = out_dir or settings.out_dir / "bench" / runner.default_run_name(student, settings.llm)
    run = runner.run_benchmark(runner.BenchConfig(
        data_dir=data, out_dir=folder, topic_count=topics, topic_file=topic_file, student=student, llm=settings.llm,
        seed=seed, jobs=jobs, executor=executor, address=address, settings=settings, max_frames=max_frames,
        read_screen=not no_ocr), console)
    _print_rows(f"MMMC benchmark: {folder}", run.rows(), None)


evaluate = typer.Typer(help="Evaluate one output folder of `code2video render`.", no_args_is_help=True,
                       rich_markup_mode=None)
app.add_typer(evaluate, name="eval")
OUTPUT_ARG = typer.Argument(..., help="An output folder of `code2video render` (or any folder with one video and "
                            "its .srt).")
EVAL_LLM = typer.Option(None, "--llm", help="Model for the judge or the llm student; same forms as `render --llm`.")


def _eval_llm(spec: Optional[str]):
    from code2video.pipeline.topic import open_configured_llm

    return open_configured_llm(load_settings(), spec) if spec else None


def _print_rows(title: str, rows: list[tuple[str, str]], saved: Path | None) -> None:
    table = Table(title=title, show_header=False, title_justify="left")
    for label, value in rows:
        table.add_row(label, value)
    if saved:
        table.add_row("saved", str(saved))
    out.print(table)


def _quiz_questions(output: Path, data: Optional[Path], questions: Optional[Path], topic: Optional[str]):
    """The topic and its questions: from MMMC data by the render's topic, or from a questions file."""
    from code2video.mmmc_benchmark.data import find_topic, load_mmmc
    from code2video.teachquiz.evaluate import output_topic
    from code2video.teachquiz.meta import load_questions

    if (data is None) == (questions is None):
        raise BadInputError("give the quiz: --data DIR (the MMMC files) or --questions FILE (a JSON list of "
                            "{question, options, answer}), not both.")
    topic = topic or output_topic(output)
    if questions is not None:
        return topic or output.name, load_questions(questions)
    if topic is None:
        raise BadInputError(f"{output} has no report.json naming its topic; pass --topic as it is written in the "
                            "MMMC question file.")
    mmmc = load_mmmc(data)
    name = find_topic(mmmc, topic)
    return name, list(mmmc.questions[name])


@evaluate.command("teachquiz")
@friendly_errors
def eval_teachquiz(
    output: Path = OUTPUT_ARG,
    data: Optional[Path] = typer.Option(None, "--data", help="MMMC data folder; the quiz is the render's topic's."),
    questions: Optional[Path] = typer.Option(None, "--questions", help="JSON file: [{question, options: {A..D}, "
                                             "answer}, ...]."),
    topic: Optional[str] = typer.Option(None, "--topic", help="The quiz topic [default: the render's topic]."),
    student: str = typer.Option("offline", "--student", help="offline (evidence + embeddings) or llm."),
    llm: Optional[str] = EVAL_LLM,
    seed: int = typer.Option(0, "--seed", help="Seed of the option shuffling and the bootstrap."),
    max_frames: int = MAX_FRAMES,
    no_ocr: bool = NO_OCR,
) -> None:
    """TeachQuiz: the student's accuracy before and after the video, and the gain."""
    from code2video.teachquiz.evaluate import evaluate_teachquiz
    from code2video.teachquiz.students import make_student

    chosen = make_student(student, _eval_llm(llm) if student == "llm" else None)
    name, quiz = _quiz_questions(output, data, questions, topic)
    with console.status(f"TeachQuiz of {output} ({len(quiz)} questions, {student} student)"):
        result = evaluate_teachquiz(output, name, quiz, chosen, seed=seed, max_frames=max_frames,
                                    read_screen=not no_ocr)
    _print_rows(f"TeachQuiz: {name}", result.rows(), result.saved)


@evaluate.command("aes")
@friendly_errors
def eval_aes(output: Path = OUTPUT_ARG, llm: Optional[str] = EVAL_LLM, max_frames: int = MAX_FRAMES,
             no_ocr: bool = NO_OCR) -> None:
    """Aesthetics: offline proxy scores, and a VLM judge's five grades with --llm."""
    from code2video.teachquiz.evaluate import evaluate_aesthetics, output_topic

    model = _eval_llm(llm)
    with console.status(f"Judging {output}"):
        result = evaluate_aesthetics(output, output_topic(output) or output.name, model, max_frames=max_frames,
                                     read_screen=not no_ocr)
    _print_rows(f"Aesthetics: {output}", result.rows(), result.saved)


@evaluate.command("meta")
@friendly_errors
def eval_meta(
    output: Path = OUTPUT_ARG,
    reference: Optional[Path] = typer.Option(None, "--reference", help="The human-made talk: a video file or a folder "
                                             "with its video and subtitles (or transcript.txt)."),
    voice_reference: Optional[Path] = typer.Option(None, "--voice-reference", help="Recording of the reference "
                                                   "voice [default: the reference talk's audio]."),
    paper: Optional[Path] = typer.Option(None, "--paper", help="PresentQuiz: the paper the talk presents; --llm writes "
                                         "the questions."),
    questions: Optional[Path] = typer.Option(None, "--questions", help="PresentQuiz questions as a JSON file instead."),
    student: str = typer.Option("offline", "--student", help="Who answers PresentQuiz: offline or llm."),
    llm: Optional[str] = EVAL_LLM,
    seed: int = typer.Option(0, "--seed", help="Seed of the option shuffling."),
    max_frames: int = MAX_FRAMES,
    no_ocr: bool = NO_OCR,
) -> None:
    """Meta metrics against a reference talk: content and speech similarity, and PresentQuiz."""
    from code2video.teachquiz.evaluate import evaluate_meta, output_topic
    from code2video.teachquiz.meta import generate_quiz, load_questions, paper_text
    from code2video.teachquiz.students import make_student

    if not any((reference, voice_reference, paper, questions)):
        raise BadInputError("nothing to compare: give --reference TALK, --voice-reference AUDIO, and/or "
                            "--paper DIR --llm MODEL or --questions FILE (PresentQuiz).")
    for label, path in (("--reference", reference), ("--voice-reference", voice_reference)):
        if path is not None and not path.exists():
            raise BadInputError(f"{label} {path} does not exist.")
    if paper is not None and questions is None and llm is None:
        raise BadInputError("PresentQuiz from --paper needs --llm MODEL to write the questions (or give --questions).")
    model = _eval_llm(llm)
    quiz = load_questions(questions) if questions else []
    if paper is not None and not quiz:
        with console.status("Writing PresentQuiz questions from the paper"):
            quiz = generate_quiz(paper_text(paper), model)
    chosen = make_student(student, model if student == "llm" else None) if quiz else None
    with console.status(f"Comparing {output}"):
        result = evaluate_meta(output, reference=reference, voice_reference=voice_reference, llm=model, quiz=quiz,
                               student=chosen, topic=output_topic(output) or "", seed=seed, max_frames=max_frames,
                               read_screen=not no_ocr)
    _print_rows(f"Meta metrics: {output}", result.rows(), result.saved)


@app.command()
def lessons() -> None:
    """List the built-in lessons (these work offline with no LLM)."""
    from code2video.knowledge.library import builtin_lessons

    table = Table("topic", "sections", "beats", "≈ minutes", "also known as")
    for item in builtin_lessons():
        beats = [b for s in item.lesson.sections for b in s.beats]
        words = sum(len(b.narration.split()) for b in beats)
        table.add_row(item.title, str(len(item.lesson.sections)), str(len(beats)),
                      f"{words / WORDS_PER_MINUTE:.1f}", ", ".join(item.aliases[:3]))
    out.print(table)


@app.command()
def voices() -> None:
    """List the narration voices and whether each works on this machine."""
    from code2video.narration import BACKENDS
    from code2video.narration.piper import installed_voices

    table = Table("voice", "status", "how to fix")
    for name, backend in sorted(BACKENDS.items()):
        problem = backend().problem()
        status = "[green]ready[/]" if problem is None else "[red]unavailable[/]"
        table.add_row(name + (" (default)" if name == "piper" else ""), status, problem or "")
        if name == "piper":  # voices downloaded into the voice folders, usable as piper:NAME
            for voice in sorted(installed_voices()):
                table.add_row(f"piper:{voice}", "[green]installed[/]", "")
    out.print(table)


@app.command()
def doctor() -> None:
    """Check ffmpeg, cairo/pango, fonts, TeX and voices, and say how to fix each problem."""
    from code2video.doctor import run_checks

    results = run_checks()
    table = Table("check", "status", "detail", "fix")
    for r in results:
        status = "[green]ok[/]" if r.ok else ("[red]missing[/]" if r.required else "[yellow]optional[/]")
        table.add_row(r.name, status, r.detail, r.fix)
    out.print(table)
    if any(r.required and not r.ok for r in results):
        raise typer.Exit(1)


@app.command()
def version() -> None:
    """Print the version."""
    out.print(f"code2video {__version__}")


if __name__ == "__main__":
    app()
