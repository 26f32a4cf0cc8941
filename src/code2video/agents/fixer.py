"""The Fixer: rewrites the smallest failing scope of a scene file, given the error and hints.

It sees only plain data (the renderer's localiser does the parsing), which keeps the agents
independent of the renderer.
"""

from __future__ import annotations

from functools import cache

from code2video.agents.replies import ReplyError, extract_code
from code2video.knowledge.reference import coder_reference
from code2video.llm import LLM, CompletionOptions, Message
from code2video.prompts import render_prompt


@cache
def fixer_system_prompt() -> str:
    return render_prompt("fixer_system", reference=coder_reference())


class Fixer:
    def __init__(self, llm: LLM) -> None:
        self.llm = llm

    def rewrite(self, *, section_id: str, error: str, scope_kind: str, start: int, end: int,
                scope_code: str, context: str, hints: list[str], attempt: int) -> str:
        """The replacement text for lines ``start``-``end`` (unchanged scope when the reply has no code)."""
        prompt = render_prompt("fixer_scope", error=error, hints=hints, scope_kind=scope_kind, start=start,
                               end=end, scope_code=scope_code, context=context, attempt=attempt)
        reply = self.llm.complete([Message("system", fixer_system_prompt()), Message("user", prompt)],
                                  CompletionOptions(agent="fixer", section=section_id, max_tokens=8000)).text
        try:
            return extract_code(reply)
        except ReplyError:
            return scope_code
