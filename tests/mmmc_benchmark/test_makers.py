"""RenderMaker: skips what it cannot make, reuses a finished render planned the same way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from code2video.mmmc_benchmark.makers import RenderMaker, TopicSkipped, finished_output
from code2video.settings import Settings


def finished(folder: Path, planned_by: str | None, quality: str = "standard", voice: str = "silent") -> Path:
    folder.mkdir(parents=True)
    (folder / "video.mp4").write_bytes(b"not really a video")
    llm = {"model": planned_by, "priced": False, "agents": {}, "total": {}} if planned_by else None
    report = {"llm": llm, "quality": quality, "voice": voice}
    (folder / "report.json").write_text(json.dumps(report), encoding="utf-8")
    return folder


def test_finished_output_is_the_folder_or_one_below(tmp_path):
    assert finished_output(tmp_path / "missing") is None
    (tmp_path / "topic" / "half").mkdir(parents=True)
    (tmp_path / "topic" / "half" / "video.mp4").write_bytes(b"")  # no report.json: not finished
    assert finished_output(tmp_path / "topic") is None
    done = finished(tmp_path / "topic" / "the-determinant", None)
    assert finished_output(tmp_path / "topic") == done


def test_a_topic_without_a_lesson_or_llm_is_skipped(tmp_path):
    with pytest.raises(TopicSkipped, match="no built-in lesson and no --llm"):
        RenderMaker(Settings(voice="silent")).make("Fractal dimension", tmp_path / "fractal")
    assert not (tmp_path / "fractal").exists()


def test_a_finished_render_is_reused_only_when_planned_the_same_way(tmp_path):
    built_in = finished(tmp_path / "a" / "the-determinant", None)
    assert RenderMaker(Settings(voice="silent")).make("The determinant", tmp_path / "a") == built_in
    planned = finished(tmp_path / "b" / "fractal-dimension", "openai:gpt-4.1")
    with_model = RenderMaker(Settings(voice="silent", llm="openai:gpt-4.1"))
    assert with_model.make("Fractal dimension", tmp_path / "b") == planned
    assert with_model.matches(planned)
    assert not RenderMaker(Settings(voice="silent", llm="anthropic:claude-sonnet-4-5")).matches(planned)
    assert not with_model.matches(built_in)  # a built-in render is not what --llm would plan
    with pytest.raises(TopicSkipped):  # a model's render is not reused when no model is configured
        RenderMaker(Settings(voice="silent")).make("Fractal dimension", tmp_path / "b")


def test_a_render_at_another_quality_or_voice_is_not_reused(tmp_path):
    built_in = finished(tmp_path / "a" / "the-determinant", None, quality="draft", voice="silent")
    assert RenderMaker(Settings(voice="silent", quality="draft")).matches(built_in)
    assert not RenderMaker(Settings(voice="silent", quality="high")).matches(built_in)
    assert not RenderMaker(Settings(voice="espeak", quality="draft")).matches(built_in)


def test_a_model_with_a_base_url_from_the_environment_is_the_same_author(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8000/v1")
    planned = finished(tmp_path / "b" / "fractal-dimension", "openai:qwen@http://127.0.0.1:8000/v1")
    assert RenderMaker(Settings(voice="silent", llm="openai:qwen")).matches(planned)
    assert not RenderMaker(Settings(voice="silent", llm="openai:qwen@http://127.0.0.1:9000/v1")).matches(planned)
