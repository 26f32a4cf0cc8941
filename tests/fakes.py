"""Test doubles that subclass the real base classes (never shipped)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from code2video.ir import Lesson
from code2video.llm import LLM, Completion, CompletionOptions, LLMError, LLMProvider, Message, ModelSpec, Usage
from code2video.narration import get_backend
from code2video.settings import Settings

PYTHAGORAS = Path(__file__).parent / "data" / "llm" / "pythagoras"


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


def beat_durations(tmp_path: Path) -> dict[str, list[float]]:
    """What the Coder is told for each section: silent-voice speech plus the beat pause."""
    lesson = Lesson.model_validate_json((PYTHAGORAS / "storyboard.json").read_text())
    voice, pause = get_backend("silent"), Settings().beat_pause
    return {s.id: [round(round(voice.synthesize(b.narration, tmp_path / "d.wav").duration + pause, 3), 2)
                   for b in s.beats] for s in lesson.sections}


def scene_reply(name: str, durations: list[float], edits: tuple[tuple[str, str], ...] = ()) -> str:
    """A coder reply holding the scene file ``name`` with its beat budgets (and text ``edits``)."""
    code = (PYTHAGORAS / name).read_text()
    for old, new in edits:
        code = code.replace(old, new)
    for number, seconds in enumerate(durations, 1):
        code = code.replace(f"BEAT_{number}", str(seconds))
    return f"```python\n{code}```"


def pythagoras_lines(tmp_path: Path, second_section: str, fixes: list[str],
                     edits: tuple[tuple[str, str], ...] = ()) -> list[dict]:
    """Authored model replies for a two-section lesson; the second section's code is ``second_section``."""
    durations = beat_durations(tmp_path)
    return [
        {"agent": "planner.outline", "content": (PYTHAGORAS / "outline.json").read_text()},
        {"agent": "planner.storyboard", "content": (PYTHAGORAS / "storyboard_invalid.json").read_text()},
        {"agent": "planner.storyboard", "content": (PYTHAGORAS / "storyboard.json").read_text()},
        {"agent": "coder", "section": "right-triangles", "content": scene_reply("section1.py", durations["right-triangles"])},
        {"agent": "coder", "section": "worked-example", "content": scene_reply(second_section, durations["worked-example"], edits)},
        *({"agent": "fixer", "section": "worked-example", "content": f"```python\n{fix}```"} for fix in fixes),
    ]


def pythagoras_replay(tmp_path: Path, second_section: str, fixes: list[str],
                      edits: tuple[tuple[str, str], ...] = ()) -> Path:
    """The same replies as a replay file."""
    lines = pythagoras_lines(tmp_path, second_section, fixes, edits)
    path = tmp_path / "replies.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path
