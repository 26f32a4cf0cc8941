"""Topic mode: a built-in lesson, or one the Planner writes, rendered by a Run."""

from __future__ import annotations

import time

from rich.console import Console

from code2video.agents.planner import LessonRequest, Planner
from code2video.errors import BadInputError
from code2video.ir import Lesson
from code2video.knowledge.library import find_lesson, ranked
from code2video.llm import LLM, default_model_spec, open_llm
from code2video.pipeline.reports import RunReport
from code2video.pipeline.run import Run, voice_and_avatar
from code2video.settings import Settings


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
    voice_and_avatar(settings)  # a bad voice or avatar fails before an LLM plans
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
