"""Efficiency from report.json: one output, a run's totals, and reports that are not render reports."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from code2video.errors import BadInputError
from code2video.teachquiz.efficiency import aggregate, efficiency, mean_per_output


def section(index: int, status: str = "rendered", coder: str = "template", fix: dict | None = None,
            avatar: dict | None = None) -> dict:
    return {"index": index, "id": f"s{index}", "title": f"Section {index}", "beats": 3, "duration": 20.0,
            "status": status, "render_seconds": 5.0, "coder": coder, "fix": fix, "critic": None, "avatar": avatar}


def llm_usage(calls: int, cached: int, tokens_in: int, tokens_out: int, cost: float, priced: bool) -> dict:
    total = {"calls": calls, "cached_calls": cached, "input_tokens": tokens_in, "output_tokens": tokens_out,
             "cost_usd": cost}
    return {"model": "openai:gpt-4.1", "priced": priced, "agents": {"coder": total}, "total": total}


def write_report(folder: Path, *, wall: float, video: float, sections: list[dict], llm: dict | None = None,
                 stages: dict | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    report = {"topic": folder.name, "output_dir": str(folder), "video": str(folder / "video.mp4"), "subtitles": [],
              "quality": "draft", "voice": "piper", "video_seconds": video, "narration_seconds": video,
              "wall_seconds": wall, "stages": stages or {"narrate": 1.0, "render": wall - 3.0, "compose": 2.0},
              "sections": sections, "llm": llm, "created": "2026-01-01T00:00:00+00:00", "source": None,
              "avatar": None}
    (folder / "report.json").write_text(json.dumps(report))
    return folder


def llm_run(tmp_path: Path) -> Path:
    return write_report(tmp_path / "llm-run", wall=90.0, video=120.0, llm=llm_usage(12, 4, 30000, 6000, 0.084, True),
                        sections=[
                            section(1, coder="llm", fix={"outcome": "clean", "fix_rounds": 0, "attempts": []}),
                            section(2, coder="llm", fix={"outcome": "fixed", "fix_rounds": 2, "attempts": [{}, {}]}),
                            section(3, coder="template", fix={"outcome": "fell_back", "fix_rounds": 3, "attempts": []},
                                    avatar={"backend": "presenter", "warning": "hallo2 failed; drew the presenter"}),
                            section(4, status="cached", coder="llm", avatar={"backend": "puppet", "warning": None}),
                        ])


def test_one_output(tmp_path):
    result = efficiency(llm_run(tmp_path))
    assert (result.wall_seconds, result.video_seconds) == (90.0, 120.0)
    assert result.stage_seconds == {"narrate": 1.0, "render": 87.0, "compose": 2.0}
    assert (result.sections, result.sections_rendered, result.sections_cached) == (4, 3, 1)
    assert (result.llm_calls, result.llm_cached_calls, result.input_tokens, result.output_tokens) == (12, 4, 30000, 6000)
    assert result.cost_usd == pytest.approx(0.084) and result.cost_priced is True
    assert (result.llm_sections, result.fix_rounds, result.fallbacks, result.avatar_fallbacks) == (3, 5, 1, 1)
    assert result.wall_seconds_per_video_minute == 45.0  # 90 s of work for 2 minutes of video
    assert json.loads(json.dumps(asdict(result)))["wall_seconds_per_video_minute"] == 45.0
    assert result.topics == ["llm-run"]


def test_an_offline_render_has_no_model_costs(tmp_path):
    result = efficiency(write_report(tmp_path / "offline", wall=30.0, video=60.0, sections=[section(1), section(2)]))
    assert result.cost_priced is None and result.llm_calls == 0 and result.fallbacks == 0
    assert "no model" in dict(result.describe())["cost"]


def test_aggregate_sums_and_weights_by_video_length(tmp_path):
    first = efficiency(llm_run(tmp_path))
    second = efficiency(write_report(tmp_path / "unpriced", wall=30.0, video=60.0, sections=[section(1)],
                                     llm=llm_usage(2, 0, 1000, 200, 0.0, False), stages={"render": 25.0, "lint": 5.0}))
    run = aggregate([first, second])
    assert run.outputs == 2 and run.topics == ["llm-run", "unpriced"]
    assert run.wall_seconds == 120.0 and run.video_seconds == 180.0
    assert run.stage_seconds == {"narrate": 1.0, "render": 112.0, "compose": 2.0, "lint": 5.0}
    assert (run.llm_calls, run.input_tokens, run.fix_rounds, run.sections) == (14, 31000, 5, 5)
    assert run.cost_priced is False  # one output's calls had no price: the total cost is incomplete
    assert run.wall_seconds_per_video_minute == 40.0  # 120 s over 3 minutes, not the mean of 45 and 30
    assert mean_per_output(run)["wall_seconds"] == 60.0
    assert "incomplete" in dict(run.describe())["cost"]


def test_aggregate_of_nothing_is_empty():
    run = aggregate([])
    assert run.outputs == 0 and run.wall_seconds_per_video_minute is None and run.cost_priced is None


def test_missing_report_says_what_to_give(tmp_path):
    with pytest.raises(BadInputError, match="report.json"):
        efficiency(tmp_path)


@pytest.mark.parametrize("content", ["not json {", json.dumps({"topic": "x", "sections": []}), json.dumps([1, 2]),
                                     json.dumps({"wall_seconds": 1, "video_seconds": 1, "stages": {}, "sections": {}})])
def test_a_file_that_is_not_a_render_report_is_rejected(tmp_path, content):
    (tmp_path / "report.json").write_text(content)
    with pytest.raises(BadInputError, match="code2video render"):
        efficiency(tmp_path)
