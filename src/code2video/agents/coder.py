"""The Coder: one section of the Lesson -> one Manim scene file on the scene kit, written by an LLM.

The narration is recorded first, so the Coder gets each beat's duration as a hard budget.
Its code is untrusted: the renderer checks it in the sandbox and repairs it before it runs.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

from code2video import ir
from code2video.agents.replies import ReplyError, extract_code
from code2video.knowledge.reference import coder_reference
from code2video.llm import LLM, CompletionOptions, LLMError, Message
from code2video.prompts import render_prompt


@dataclass(frozen=True)
class SectionBrief:
    """What the Coder needs to know about one section."""

    index: int
    section: ir.Section
    durations: list[float]
    class_name: str


@cache
def coder_system_prompt() -> str:
    return render_prompt("coder_system", reference=coder_reference())


class Coder:
    def __init__(self, llm: LLM, topic: str, workers: int = 4) -> None:
        self.llm = llm
        self.topic = topic
        self.workers = workers
        self.failures: dict[int, str] = {}  # section index -> why the model gave no reply

    def write(self, brief: SectionBrief) -> str | None:
        """The scene file for one section; None when the model could not be reached for it.

        A reply without code becomes a file the repair loop sees fail; a failed call (retries
        spent) leaves the section to the template coder instead of stopping the whole run.
        """
        prompt = render_prompt(
            "coder_section", index=brief.index, topic=self.topic, class_name=brief.class_name,
            title=brief.section.title, durations=json.dumps([round(d, 2) for d in brief.durations]),
            section_json=brief.section.model_dump_json(exclude_defaults=True, indent=1))
        messages = [Message("system", coder_system_prompt()), Message("user", prompt)]
        options = CompletionOptions(agent="coder", section=brief.section.id, max_tokens=8000)
        try:
            reply = self.llm.complete(messages, options).text
        except LLMError as exc:
            self.failures[brief.index] = str(exc)
            return None
        try:
            return extract_code(reply)
        except ReplyError:
            self.llm.forget(messages, options)
            return "# The model returned no code for this section.\n"

    def revise(self, brief: SectionBrief, code: str, defects: list) -> str | None:
        """The file revised against layout defects (the critic's, in anchor-grid terms); None on failure."""
        prompt = render_prompt("coder_revise", defects=defects, code=code)
        messages = [Message("system", coder_system_prompt()), Message("user", prompt)]
        options = CompletionOptions(agent="coder", section=brief.section.id, max_tokens=8000)
        try:
            return extract_code(self.llm.complete(messages, options).text)
        except (LLMError, ReplyError):
            return None

    def write_all(self, briefs: list[SectionBrief]) -> list[str | None]:
        """Sections are independent, so they are coded concurrently; results keep their order."""
        with ThreadPoolExecutor(max_workers=max(1, self.workers)) as pool:
            return list(pool.map(self.write, briefs))
