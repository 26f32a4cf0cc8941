"""The Planner: topic -> outline -> storyboard, as a validated Lesson.

Two calls keep each answer focused: first what to teach (the outline), then how it is said and
shown (the storyboard). A reply that is not valid JSON or breaks the IR goes back to the model
with the exact errors, a bounded number of times.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import ValidationError

from code2video import ir
from code2video.agents.replies import ReplyError, extract_json
from code2video.errors import Code2VideoError
from code2video.knowledge.library import builtin_lessons
from code2video.llm import LLM, CompletionOptions, Message
from code2video.prompts import render_prompt
from code2video.prompts.ir_guide import beat_fields, visual_vocabulary

WORDS_PER_MINUTE = 150


class PlanError(Code2VideoError):
    """The model never produced a usable plan."""


@dataclass(frozen=True)
class LessonRequest:
    topic: str
    minutes: float = 3.0
    audience: str = "general"
    language: str = "en"

    @property
    def words(self) -> int:
        return round(self.minutes * WORDS_PER_MINUTE)


def _example_section() -> str:
    """One real section of a built-in lesson shows the format better than any description."""
    section = builtin_lessons()[0].lesson.sections[1]
    return section.model_dump_json(exclude_defaults=True, indent=1)


def _validation_errors(exc: ValidationError) -> str:
    return "\n".join(f"- {'.'.join(map(str, e['loc'])) or 'lesson'}: {e['msg']}" for e in exc.errors()[:20])


class Planner:
    def __init__(self, llm: LLM, max_repairs: int = 2) -> None:
        self.llm = llm
        self.max_repairs = max_repairs

    def plan(self, request: LessonRequest) -> ir.Lesson:
        outline = self.outline(request)
        return self.storyboard(request, outline)

    def outline(self, request: LessonRequest) -> dict:
        sections = max(3, min(7, round(request.minutes * 1.5)))
        prompt = render_prompt("planner_outline", topic=request.topic, audience=request.audience,
                               language=request.language, minutes=request.minutes, words=request.words,
                               min_sections=max(2, sections - 1), max_sections=sections + 1)

        def check(data: dict) -> dict:
            if not isinstance(data.get("sections"), list) or not data["sections"]:
                raise ReplyError('the outline needs a non-empty "sections" list')
            return data

        return self._ask("planner.outline", prompt, check)

    def storyboard(self, request: LessonRequest, outline: dict) -> ir.Lesson:
        prompt = render_prompt(
            "planner_storyboard", outline=json.dumps(outline, indent=1, ensure_ascii=False),
            audience=request.audience, language=request.language, minutes=request.minutes,
            words=request.words, beat_fields=beat_fields(), vocabulary=visual_vocabulary(),
            functions=", ".join(sorted(ir.EXPR_FUNCTIONS | ir.EXPR_CONSTANTS)), example=_example_section())

        def check(data: dict) -> ir.Lesson:
            data.update(audience=request.audience, language=request.language, target_minutes=request.minutes)
            data["topic"] = request.topic  # the output folder is named after what the user asked for
            return ir.Lesson.model_validate(data)

        return self._ask("planner.storyboard", prompt, check)

    def _ask(self, agent: str, prompt: str, check):
        return ask_validated(self.llm, agent, render_prompt("planner_system"), prompt, check, self.max_repairs)


def ask_validated(llm: LLM, agent: str, system: str, prompt: str, check, max_repairs: int = 2,
                  max_tokens: int = 16000):
    """Ask, validate with ``check``, and send the errors back until the reply is usable or repairs run out."""
    messages = [Message("system", system), Message("user", prompt)]
    options = CompletionOptions(agent=agent, json=True, max_tokens=max_tokens, temperature=0.3)
    for _ in range(max_repairs + 1):
        reply = llm.complete(messages, options).text
        try:
            return check(extract_json(reply))
        except ReplyError as exc:
            errors = f"- {exc}"
        except ValidationError as exc:
            errors = _validation_errors(exc)
        llm.forget(messages, options)  # a later run must not replay an unusable reply
        messages += [Message("assistant", reply), Message("user", render_prompt("planner_repair", errors=errors))]
    raise PlanError(f"the model gave no valid {agent.split('.')[1]} after {max_repairs + 1} tries; "
                    f"last problems:\n{errors}\nTry again, or use a stronger model with --llm.")
