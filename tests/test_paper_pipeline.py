"""Paper mode end to end: the test paper renders to a talk with one chapter per slide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import scripted_llm
from rich.console import Console
from typer.testing import CliRunner

from code2video.cli import app
from code2video.ir import Lesson
from code2video.paper.reader import read_paper
from code2video.pipeline.paper import plan_slides
from code2video.render.media import probe

PAPER = Path(__file__).parent / "data" / "paper"
runner = CliRunner()


def _render(tmp_path, *args):
    result = runner.invoke(app, ["render", "--paper", str(PAPER), "--quality", "draft", "--voice", "silent",
                                 "--jobs", "2", "--out", str(tmp_path / "out"), *args],
                           env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / "sparse-anchor-attention-for-long-videos"
    return out, json.loads((out / "report.json").read_text())


@pytest.mark.slow
def test_the_test_paper_becomes_a_talk_with_a_chapter_per_slide(tmp_path):
    out, report = _render(tmp_path, "--minutes", "1.5")
    lesson = Lesson.from_json((out / "lesson.json").read_text())
    slides = report["source"]["slides"]
    assert report["source"]["planner"] == "extractive" and 4 <= slides <= 6
    assert len(lesson.sections) == len(report["sections"]) == slides
    assert all(s.layout == "slide" for s in lesson.sections)
    chapters = probe(out / "video.mp4")["chapters"]
    assert [c["tags"]["title"] for c in chapters] == [s.title for s in lesson.sections]
    assert lesson.sections[0].title == "Sparse Anchor Attention for Long Videos"
    assert lesson.sections[-1].title == "Conclusion"
    assert set(report["stages"]) == {"read", "plan", "narrate", "code", "render", "critic", "compose"}
    assert sorted(p.name for p in (out / "assets").iterdir()) == [
        "fig-1.png", "fig-2.png", "fig-3-all.png", "fig-3a.png", "fig-3b.png"]
    cues = (out / "video.srt").read_text()
    assert "This talk presents the paper Sparse Anchor" in cues
    focused = [f for s in lesson.sections for b in s.beats for f in b.focus]
    assert len(focused) >= slides
    assert all(s["critic"]["after"] == [] for s in report["sections"])


@pytest.mark.slow
def test_an_llm_deck_is_rendered_with_the_papers_figure_and_table(tmp_path):
    deck = {"slides": [
        {"kind": "title", "title": "Sparse Anchor Attention", "script": [
            {"text": "Hi, I am Mara, and this is our work on sparse anchor attention.", "focus": "authors"}]},
        {"kind": "table", "title": "Results", "table": "tab-1", "bullets": ["Close to dense accuracy"], "script": [
            {"text": "Our table shows accuracy and memory on three benchmarks.", "focus": "table"},
            {"text": "Our method stays close to dense attention.", "focus": "table-row:4"},
            {"text": "So we keep most of the accuracy.", "focus": "bullet:1"}]},
        {"kind": "figure", "title": "How it works", "figure": "fig-1", "script": [
            {"text": "As Figure 1 shows, every frame attends to a few anchors.", "focus": "figure"}]},
    ]}
    replay = tmp_path / "replies.jsonl"
    replay.write_text(json.dumps({"agent": "planner.paper", "content": json.dumps(deck)}) + "\n")
    out, report = _render(tmp_path, "--llm", f"replay:{replay}")
    assert report["source"]["planner"].startswith("llm replay")
    assert [s["title"] for s in report["sections"]] == ["Sparse Anchor Attention", "Results", "How it works"]
    assert report["llm"]["total"]["calls"] == 1
    lesson = Lesson.from_json((out / "lesson.json").read_text())
    assert lesson.sections[1].beats[1].focus[0].item == 4
    assert lesson.sections[2].assets == ["fig-1.png"]
    assert (out / "sections" / "03_slide-03" / "assets" / "fig-1.png").is_file()


def test_a_failing_llm_planner_falls_back_to_the_extractive_deck(tmp_path):
    paper = read_paper(PAPER, tmp_path / "assets")
    llm, _ = scripted_llm({"planner.paper": ["not json"] * 3})
    deck, planner = plan_slides(paper, 2.0, llm, Console(quiet=True))
    assert planner == "extractive (LLM failed)" and deck.slides[0].kind == "title"
    assert "the LLM planner failed" in paper.warnings[-1]
