"""End to end with an LLM: the replay provider from the CLI plans, codes and repairs a lesson."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from code2video.cli import app
from fakes import PYTHAGORAS, scene_reply, beat_durations, pythagoras_replay

pytestmark = pytest.mark.slow
TOPIC = "The Pythagorean theorem"


def _render(tmp_path: Path, replay: Path, *extra: str):
    args = ["render", "--topic", TOPIC, "--llm", f"replay:{replay}", "--out", str(tmp_path / "out"),
            "--quality", "draft", "--voice", "silent", "--jobs", "2", *extra]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / "the-pythagorean-theorem"
    return out, json.loads((out / "report.json").read_text())


def test_replayed_plan_and_code_render_with_a_scoped_fix(tmp_path):
    fix = (PYTHAGORAS / "section2_fix.py").read_text()
    out, report = _render(tmp_path, pythagoras_replay(tmp_path, "section2_broken.py", [fix]))
    assert (out / "video.mp4").stat().st_size > 0
    first, second = report["sections"]
    assert (first["coder"], first["fix"]["outcome"]) == ("llm", "clean")
    assert (second["coder"], second["fix"]["outcome"]) == ("llm", "fixed")
    attempt = second["fix"]["attempts"][0]
    assert (attempt["error_type"], attempt["scope_kind"], attempt["scope_lines"]) == ("NameError", "statement", 1)
    assert "smooth" in (out / "sections" / "02_worked-example" / "scene.py").read_text()
    agents = report["llm"]["agents"]
    assert {name: usage["calls"] for name, usage in agents.items()} == {
        "planner.outline": 1, "planner.storyboard": 2, "coder": 2, "fixer": 1}
    assert report["stages"]["plan"] >= 0 and json.loads((out / "lesson.json").read_text())["topic"] == TOPIC


def test_spent_fix_budget_falls_back_to_the_template_and_the_video_completes(tmp_path):
    still_broken = "            self.play(Write(answer, rate_func=smoooth))\n"
    replay = pythagoras_replay(tmp_path, "section2_broken.py", [still_broken, still_broken])
    out, report = _render(tmp_path, replay, "--max-fix-rounds", "2")
    second = report["sections"][1]
    assert (second["coder"], second["fix"]["outcome"], second["fix"]["fix_rounds"]) == ("template", "fell_back", 2)
    assert second["fix"]["attempts"][-1]["action"] == "fell back"
    assert "Section02(LessonScene)" in (out / "sections" / "02_worked-example" / "scene.py").read_text()
    assert (out / "video.mp4").stat().st_size > 0


def test_layout_defects_in_llm_code_go_back_to_the_coder(tmp_path):
    typo_fixed = ("smoooth", "smooth")
    crowded = (typo_fixed, ('place_area(answer, "D2:F5")', 'place_area(answer, "A1:C4")'))  # over the table
    replay = pythagoras_replay(tmp_path, "section2_broken.py", [], crowded)
    revision = scene_reply("section2_broken.py", beat_durations(tmp_path)["worked-example"], (typo_fixed,))
    with replay.open("a") as file:
        file.write(json.dumps({"agent": "coder", "section": "worked-example", "content": revision}) + "\n")
    out, report = _render(tmp_path, replay)
    critic = report["sections"][1]["critic"]
    assert [(d["kind"], sorted(d["objects"])) for d in critic["before"]] == [("overlap", ["answer", "legs"])]
    assert critic["after"] == [] and critic["revised"] and critic["rounds"] == 1
    assert 'place_area(answer, "D2:F5")' in (out / "sections" / "02_worked-example" / "scene.py").read_text()
    assert report["llm"]["agents"]["coder"]["calls"] == 3
