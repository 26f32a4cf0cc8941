"""Test doubles that subclass the real base classes (never shipped)."""

from __future__ import annotations

from collections.abc import Sequence

from code2video.llm import LLM, Completion, CompletionOptions, LLMError, LLMProvider, Message, ModelSpec, Usage


class ScriptedProvider(LLMProvider):
    """Serves authored replies per agent in order and records every request it got."""

    name = "scripted"
    cacheable = False

    def __init__(self, replies: dict[str, list[str]]) -> None:
        self.replies = {agent: list(texts) for agent, texts in replies.items()}
        self.requests: list[tuple[CompletionOptions, list[Message]]] = []

    def complete(self, messages: Sequence[Message], options: CompletionOptions) -> Completion:
        self.requests.append((options, list(messages)))
        queue = self.replies.get(options.agent) or []
        if not queue:
            raise LLMError(f"the script has no more replies for {options.agent}")
        text = queue.pop(0)
        return Completion(text, Usage(len(str(messages)) // 4, len(text) // 4), "scripted")

    def prompts(self, agent: str) -> list[str]:
        return [messages[-1].content for options, messages in self.requests if options.agent == agent]


def scripted_llm(replies: dict[str, list[str]]) -> tuple[LLM, ScriptedProvider]:
    provider = ScriptedProvider(replies)
    return LLM(provider, ModelSpec("scripted", "test"), cache_dir=None, max_retries=0), provider
