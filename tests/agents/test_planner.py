"""The Planner turns authored model replies into a validated Lesson, repairing bad ones."""

import json
from pathlib import Path

import pytest

from code2video.agents.planner import LessonRequest, PlanError, Planner
from fakes import scripted_llm

DATA = Path(__file__).parents[1] / "data" / "llm" / "pythagoras"


def _reply(name: str) -> str:
    return (DATA / name).read_text()


def test_outline_then_storyboard_gives_a_valid_lesson():
    llm, provider = scripted_llm({"planner.outline": [_reply("outline.json")],
                                  "planner.storyboard": ["Here is the lesson:\n```json\n" + _reply("storyboard.json") + "```"]})
    lesson = Planner(llm).plan(LessonRequest("Pythagoras", minutes=1, audience="teenagers", language="en"))
    assert [s.id for s in lesson.sections] == ["right-triangles", "worked-example"]
    assert (lesson.topic, lesson.audience, lesson.target_minutes) == ("Pythagoras", "teenagers", 1)
    # the storyboard prompt carries the outline and the IR vocabulary
    storyboard_prompt = provider.prompts("planner.storyboard")[0]
    assert "3-4-5" in storyboard_prompt and "kind 'bar_chart'" in storyboard_prompt


def test_invalid_storyboard_gets_its_errors_back_once_then_passes():
    llm, provider = scripted_llm({"planner.outline": [_reply("outline.json")],
                                  "planner.storyboard": [_reply("storyboard_invalid.json"), _reply("storyboard.json")]})
    lesson = Planner(llm).plan(LessonRequest("Pythagoras"))
    assert len(lesson.sections) == 2
    repair = provider.prompts("planner.storyboard")[1]
    assert "narration must be speakable" in repair and "G2" in repair  # both problems were named


def test_outline_that_is_not_json_is_repaired():
    llm, provider = scripted_llm({"planner.outline": ["Sure! I'd love to help.", _reply("outline.json")],
                                  "planner.storyboard": [_reply("storyboard.json")]})
    Planner(llm).plan(LessonRequest("Pythagoras"))
    assert "no JSON object" in provider.prompts("planner.outline")[1]


def test_repairs_are_bounded():
    bad = json.dumps({"sections": []})
    llm, provider = scripted_llm({"planner.outline": [bad] * 5})
    with pytest.raises(PlanError, match="no valid outline after 3 tries"):
        Planner(llm, max_repairs=2).plan(LessonRequest("Pythagoras"))
    assert len(provider.requests) == 3


def test_an_unusable_reply_is_not_kept_in_the_cache(tmp_path):
    from code2video.llm import LLM, ModelSpec
    from fakes import ScriptedProvider

    class Cacheable(ScriptedProvider):
        cacheable = True

    provider = Cacheable({"planner.outline": ["not json", _reply("outline.json")],
                          "planner.storyboard": [_reply("storyboard.json")]})
    Planner(LLM(provider, ModelSpec("scripted", "t"), cache_dir=tmp_path)).plan(LessonRequest("Pythagoras"))
    again = Cacheable({"planner.outline": [_reply("outline.json")], "planner.storyboard": []})
    Planner(LLM(again, ModelSpec("scripted", "t"), cache_dir=tmp_path)).plan(LessonRequest("Pythagoras"))
    assert [o.agent for o, _ in again.requests] == ["planner.outline"]  # the bad reply was asked again


def test_a_reply_cut_off_mid_object_is_reported_as_such():
    from code2video.agents.replies import ReplyError, extract_json

    with pytest.raises(ReplyError, match="cut off"):
        extract_json('{"sections": [{"id": "a", "title": "A"}, {"id": "c", "title')
