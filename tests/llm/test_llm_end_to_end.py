"""The whole agentic path through the real OpenAI SDK against a local OpenAI-compatible server."""

import json
import re

import pytest
from typer.testing import CliRunner

from code2video.cli import app
from conftest import ScriptedReply
from fakes import PYTHAGORAS, pythagoras_lines

pytestmark = pytest.mark.slow


def _router(lines: list[dict]):
    """Answer like a model would: by what the prompt asks for (requests arrive concurrently)."""
    by_agent = {(line["agent"], line.get("section")): line["content"] for line in lines}  # last one wins
    sections = {1: "right-triangles", 2: "worked-example"}

    def route(body: dict) -> ScriptedReply:
        prompt = body["messages"][-1]["content"]
        if prompt.startswith("Plan the outline"):
            return ScriptedReply(text=by_agent[("planner.outline", None)])
        if prompt.startswith("Turn this outline"):
            return ScriptedReply(text=by_agent[("planner.storyboard", None)])
        if prompt.startswith("The scene file failed"):
            return ScriptedReply(text=by_agent[("fixer", "worked-example")])
        index = int(re.match(r"Write the scene file for section (\d+)", prompt).group(1))
        return ScriptedReply(text=by_agent[("coder", sections[index])])

    return route


def test_topic_to_video_over_http_then_a_rerun_costs_no_tokens(tmp_path, llm_server):
    fix = (PYTHAGORAS / "section2_fix.py").read_text()
    llm_server.router = _router(pythagoras_lines(tmp_path, "section2_broken.py", [fix]))
    args = ["render", "--topic", "The Pythagorean theorem", "--llm", f"openai:tutor-7b@{llm_server.url}/v1",
            "--out", str(tmp_path / "out"), "--quality", "draft", "--voice", "silent"]

    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    report = json.loads((tmp_path / "out" / "the-pythagorean-theorem" / "report.json").read_text())
    assert len(llm_server.requests) == 5  # outline, storyboard, two sections, one fix
    assert report["llm"]["total"]["input_tokens"] == 5 * 120 and report["llm"]["model"].startswith("openai:tutor-7b@")
    assert [s["fix"]["outcome"] for s in report["sections"]] == ["clean", "fixed"]

    second = CliRunner().invoke(app, args)
    assert second.exit_code == 0, second.output
    again = json.loads((tmp_path / "out" / "the-pythagorean-theorem" / "report.json").read_text())
    assert len(llm_server.requests) == 5  # every reply came from the cache
    assert again["llm"]["total"]["cached_calls"] == again["llm"]["total"]["calls"] == 4  # the fix was cached too
    assert again["sections"][1]["fix"]["outcome"] == "fixed"
    assert [s["status"] for s in again["sections"]] == ["cached", "cached"]
