"""The critic step: planted layout defects in a template section are found, repaired and re-rendered."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from code2video.cli import app
from code2video.ir import Lesson
from code2video.pipeline import Run
from code2video.review import section_defects
from code2video.settings import load_settings

pytestmark = pytest.mark.slow
DATA = Path(__file__).parent / "data"


@pytest.fixture
def crowded_lesson() -> Lesson:
    return Lesson.model_validate(json.loads((DATA / "crowded_lesson.json").read_text()))


def _settings(tmp_path, **extra):
    return load_settings(out_dir=tmp_path / "out", quality="draft", voice="silent", jobs=2,
                         cache_dir=tmp_path / "cache", **extra)


def test_planted_defects_are_repaired_and_the_repair_is_rendered(crowded_lesson, tmp_path):
    report = Run(crowded_lesson, _settings(tmp_path)).execute()
    critic = report.sections[0].critic
    assert {(d.kind, frozenset(d.objects)) for d in critic.before} == {
        ("overlap", frozenset({"first-fact", "second-fact"})), ("out_of_frame", frozenset({"long-line"}))}
    assert critic.revised and critic.after == [] and len(critic.edits) == 2
    out = tmp_path / "out" / "crowded-test-lesson"
    assert section_defects(out / "sections" / "01_planted", 480) == []  # the clip's own probe is clean
    lesson = json.loads((out / "lesson.json").read_text())
    visuals = {v["id"]: v for b in lesson["sections"][0]["beats"] for v in b["visuals"]}
    assert visuals["second-fact"]["anchor"] is None and visuals["long-line"]["area"] == "E5:E6"
    assert (out / "video.mp4").stat().st_size > 0


def test_critique_command_reports_defects_of_an_existing_output(crowded_lesson, tmp_path):
    Run(crowded_lesson, _settings(tmp_path, critic="off")).execute()
    result = CliRunner().invoke(app, ["critique", str(tmp_path / "out" / "crowded-test-lesson")])
    assert result.exit_code == 0, result.output
    assert "overlap" in result.output and "out_of_frame" in result.output and "long-line" in result.output


def test_vlm_critic_defects_are_merged_into_the_report(short_lesson, tmp_path):
    from code2video.llm import open_llm

    replies = tmp_path / "critic.jsonl"
    replies.write_text(
        json.dumps({"agent": "critic", "section": "squares", "content": '{"defects": []}'}) + "\n" +
        json.dumps({"agent": "critic", "section": "roots", "content": json.dumps({"defects": [
            {"kind": "illegible", "time": 99.0, "objects": ["plot"], "cells": ["C3"],
             "message": "the curve's label is thin and hard to read on the dark background"}]})}) + "\n")
    vlm = open_llm(f"replay:{replies}", cache_dir=None)
    report = Run(short_lesson, _settings(tmp_path, critic="vlm"), vlm=vlm).execute()
    squares, roots = (s.critic for s in report.sections)
    assert squares.before == [] and squares.notes == []
    seen = [d for d in roots.before if d.source == "vlm"]
    assert [(d.kind, d.objects) for d in seen] == [("illegible", ("plot",))]
    assert sorted((tmp_path / "out" / "short-test-lesson" / "sections" / "02_roots" / "keyframes").glob("*.png"))
    assert vlm.usage().agents["critic"].calls == 2


def test_vlm_critic_without_a_model_is_bad_input(tmp_path):
    result = CliRunner().invoke(app, ["render", "--topic", "The determinant", "--critic", "vlm", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--vlm MODEL" in result.output
