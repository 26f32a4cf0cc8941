"""Paper mode: a LaTeX project (or PDF) -> a slide deck -> a narrated presentation video."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from rich.console import Console

from code2video.agents.paper_planner import PaperPlanner
from code2video.errors import Code2VideoError
from code2video.llm import LLM
from code2video.paper.deck import Deck, build_lesson
from code2video.paper.extractive import plan_deck
from code2video.paper.model import Paper
from code2video.paper.pictures import combine_subfigures
from code2video.paper.reader import read_paper
from code2video.pipeline.reports import RunReport, prepare_output, slugify
from code2video.pipeline.run import Run, voice_and_avatar
from code2video.pipeline.topic import open_configured_llm, vision_model
from code2video.render import media
from code2video.settings import Settings


def render_paper(path: Path, settings: Settings, console: Console | None = None, *,
                 minutes: float = 5.0) -> RunReport:
    """Read the paper (nothing is written until it reads), plan the slides, render them like a lesson."""
    console = console or Console(quiet=True)
    media.require_ffmpeg()
    voice_and_avatar(settings)  # a bad voice or avatar fails before anything is written
    vlm = vision_model(settings)
    llm = open_configured_llm(settings, settings.llm) if settings.llm else None
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="code2video-paper-") as scratch:
        with console.status(f"Reading {path}"):
            paper = read_paper(path, Path(scratch) / "assets")
            combine_subfigures(paper, Path(scratch) / "assets")
        out = prepare_output(settings.out_dir / slugify(paper.title))
        shutil.copytree(Path(scratch) / "assets", out / "assets", dirs_exist_ok=True)
    read_seconds = round(time.perf_counter() - started, 3)
    for warning in paper.warnings:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    console.print(f"Read {paper.title!r}: {len(paper.all_sections())} sections, {len(paper.figures)} figures, "
                  f"{len(paper.tables)} tables, {len(paper.equations)} equations in {read_seconds:.1f} s.")
    started = time.perf_counter()
    deck, planner = plan_slides(paper, minutes, llm, console)
    lesson = build_lesson(deck, paper, minutes)
    plan_seconds = round(time.perf_counter() - started, 3)
    console.print(f"Planned {len(deck.slides)} slides ({planner}) in {plan_seconds:.1f} s.")
    source = {"paper": str(path), "main": str(paper.source) if paper.source else None, "planner": planner,
              "slides": len(deck.slides), "warnings": paper.warnings}
    return Run(lesson, settings, console, llm, stages={"read": read_seconds, "plan": plan_seconds}, vlm=vlm,
               llm_codes=False, assets_dir=out / "assets", source=source).execute()


def plan_slides(paper: Paper, minutes: float, llm: LLM | None, console: Console) -> tuple[Deck, str]:
    """The LLM's abstractive deck when --llm is given (extractive if it fails), else the extractive one."""
    if llm is None:
        return plan_deck(paper, minutes), "extractive"
    try:
        with console.status(f"Planning the talk with {llm.spec.provider}:{llm.spec.model}"):
            return PaperPlanner(llm).plan(paper, minutes), f"llm {llm.spec.provider}:{llm.spec.model}"
    except Code2VideoError as exc:
        warning = f"the LLM planner failed ({exc}); using the extractive planner"
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
        paper.warnings.append(warning)
        return plan_deck(paper, minutes), "extractive (LLM failed)"
