"""End to end with an LLM: the replay provider from the CLI plans, codes and repairs a lesson."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from code2video.cli import app
from code2video.ir import Lesson
from code2video.narration import get_backend
from code2video.settings import Settings

pytestmark = pytest.mark.slow
DATA = Path(__file__).parent / "data" / "llm" / "pythagoras"
TOPIC = "The Pythagorean theorem"


def _beat_durations(tmp_path: Path) -> dict[str, list[float]]:
    """What the Coder is told for each section: silent-voice speech plus the beat pause."""
    lesson = Lesson.model_validate_json((DATA / "storyboard.json").read_text())
    voice, pause = get_backend("silent"), Settings().beat_pause
    return {s.id: [round(round(voice.synthesize(b.narration, tmp_path / "d.wav").duration + pause, 3), 2)
                   for b in s.beats] for s in lesson.sections}


def _scene(name: str, durations: list[float]) -> str:
    code = (DATA / name).read_text()
    for number, seconds in enumerate(durations, 1):
        code = code.replace(f"BEAT_{number}", str(seconds))
    return f"```python\n{code}```"


def _replay_file(tmp_path: Path, second_section: str, fixes: list[str]) -> Path:
    durations = _beat_durations(tmp_path)
    lines = [
        {"agent": "planner.outline", "content": (DATA / "outline.json").read_text()},
        {"agent": "planner.storyboard", "content": (DATA / "storyboard_invalid.json").read_text()},
        {"agent": "planner.storyboard", "content": (DATA / "storyboard.json").read_text()},
        {"agent": "coder", "section": "right-triangles", "content": _scene("section1.py", durations["right-triangles"])},
        {"agent": "coder", "section": "worked-example", "content": _scene(second_section, durations["worked-example"])},
        *({"agent": "fixer", "section": "worked-example", "content": f"```python\n{fix}```"} for fix in fixes),
    ]
    path = tmp_path / "replies.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path


def _render(tmp_path: Path, replay: Path, *extra: str):
    args = ["render", "--topic", TOPIC, "--llm", f"replay:{replay}", "--out", str(tmp_path / "out"),
            "--quality", "draft", "--voice", "silent", "--jobs", "2", *extra]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / "the-pythagorean-theorem"
    return out, json.loads((out / "report.json").read_text())


def test_replayed_plan_and_code_render_with_a_scoped_fix(tmp_path):
    fix = (DATA / "section2_fix.py").read_text()
    out, report = _render(tmp_path, _replay_file(tmp_path, "section2_broken.py", [fix]))
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
    replay = _replay_file(tmp_path, "section2_broken.py", [still_broken, still_broken])
    out, report = _render(tmp_path, replay, "--max-fix-rounds", "2")
    second = report["sections"][1]
    assert (second["coder"], second["fix"]["outcome"], second["fix"]["fix_rounds"]) == ("template", "fell_back", 2)
    assert second["fix"]["attempts"][-1]["action"] == "fell back"
    assert "Section02(LessonScene)" in (out / "sections" / "02_worked-example" / "scene.py").read_text()
    assert (out / "video.mp4").stat().st_size > 0
