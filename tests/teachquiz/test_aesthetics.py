"""The aesthetic judge through scripted and replayed replies (good and malformed), and the offline proxies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fakes import scripted_llm
from PIL import Image as PILImage
from video_fixture import Slide, make_output

from code2video.llm import open_llm
from code2video.teachquiz.aesthetics import (
    DIMENSIONS,
    band_score,
    judge_aesthetics,
    pick_frames,
    proxy_scores,
    text_density_proxy,
)
from code2video.teachquiz.evidence import Evidence, gather_evidence

needs_tools = pytest.mark.skipif(not (shutil.which("ffmpeg") and shutil.which("tesseract")),
                                 reason="needs ffmpeg and tesseract")


def grades(**overrides) -> dict:
    reply = {key: {"score": 15, "reason": f"{key} is fine"} for key in DIMENSIONS}
    reply.update(overrides)
    return reply


def frames(folder: Path, count: int) -> tuple[Path, ...]:
    paths = []
    for index in range(count):
        path = folder / f"{index:03d}.png"
        PILImage.new("RGB", (64, 36), (index * 20 % 255, 40, 90)).save(path)
        paths.append(path)
    return tuple(paths)


@pytest.fixture
def evidence(tmp_path) -> Evidence:
    return Evidence(("A matrix moves the plane.", "Its determinant scales area."), ("Area scales", "det = ad - bc"),
                    frames(tmp_path, 2), 20.0)


def test_a_valid_reply_gives_scores_and_a_total(evidence):
    reply = grades(element_layout={"score": 18.5, "reason": "clean\n grid"}, accuracy_depth={"score": 0, "reason": "x"})
    llm, provider = scripted_llm({"judge": [json.dumps(reply)]})
    result = judge_aesthetics("Determinants", evidence, llm)
    assert result.error is None and result.frames == 2
    assert result.scores["element_layout"] == 18.5 and result.scores["accuracy_depth"] == 0
    assert result.total == 18.5 + 0 + 3 * 15
    assert result.reasons["element_layout"] == "clean grid"
    options, messages = provider.requests[0]
    assert options.agent == "judge" and options.json
    assert len(messages[-1].images) == 2
    assert "Its determinant scales area." in messages[-1].content and "Determinants" in messages[-1].content
    assert all(key in messages[-1].content for key in DIMENSIONS)


@pytest.mark.parametrize(("bad", "problem"), [
    (json.dumps({k: v for k, v in grades().items() if k != "logic_flow"}), '"logic_flow" is missing'),
    (json.dumps(grades(attractiveness={"score": 25, "reason": "vivid"})), '"attractiveness.score" is 25, outside 0 to 20'),
    (json.dumps(grades(visual_consistency={"score": "high", "reason": "same"})), "must be a number from 0 to 20"),
    (json.dumps(grades(logic_flow=12)), '"logic_flow" must be an object'),
    ("The video looks good overall; I would give it about 80 out of 100.", "no JSON object"),
])
def test_a_malformed_reply_is_sent_back_once_with_its_problem(evidence, bad, problem):
    llm, provider = scripted_llm({"judge": [bad, json.dumps(grades())]})
    result = judge_aesthetics("Determinants", evidence, llm)
    assert result.scores is not None and result.total == 75
    assert len(provider.requests) == 2
    retry = provider.requests[1][1]
    assert retry[-2].role == "assistant" and retry[-2].content == bad
    assert problem in retry[-1].content
    assert problem in result.notes[0]


def test_two_bad_replies_give_an_error_result_not_an_exception(evidence):
    bad = json.dumps(grades(attractiveness={"score": 25, "reason": "vivid"}))
    llm, provider = scripted_llm({"judge": [bad, bad, json.dumps(grades())]})
    result = judge_aesthetics("Determinants", evidence, llm)
    assert result.scores is None and result.total is None
    assert "outside 0 to 20" in result.error and "after one re-ask" in result.error
    assert len(provider.requests) == 2  # one re-ask, no more
    assert ("aesthetics (judge)", f"no score: {result.error}") in result.describe()


def test_the_replay_provider_serves_a_broken_then_a_fixed_reply(evidence, tmp_path):
    replay = tmp_path / "judge.jsonl"
    lines = [{"agent": "judge", "content": '{"element_layout": {"score": 12, "reason": "tight"'},  # cut off
             {"agent": "judge", "content": "```json\n" + json.dumps(grades()) + "\n```"}]
    replay.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = judge_aesthetics("Determinants", evidence, open_llm(f"replay:{replay}", cache_dir=None))
    assert result.total == 75 and "invalid JSON" in result.notes[0]


def test_nothing_to_judge_asks_no_model(tmp_path):
    llm, provider = scripted_llm({"judge": []})
    result = judge_aesthetics("Determinants", Evidence(), llm)
    assert result.scores is None and "nothing to judge" in result.error and not provider.requests


def test_frames_are_thinned_evenly(tmp_path, evidence):
    many = frames(tmp_path, 12)
    assert pick_frames(many, 4) == [many[0], many[4], many[7], many[11]]
    llm, provider = scripted_llm({"judge": [json.dumps(grades())]})
    judge_aesthetics("Determinants", Evidence(evidence.transcript, ("",) * 12, many, 60.0), llm, max_frames=4)
    assert len(provider.requests[0][1][-1].images) == 4


# --- proxies ----------------------------------------------------------------------------------


def words(count: int) -> str:
    vocabulary = ["the", "matrix", "maps", "every", "vector", "of", "the", "plane", "to", "a", "new", "place",
                  "keeping", "lines", "straight"]
    return " ".join(vocabulary[i % len(vocabulary)] for i in range(count)) + "."


def spoken_at(folder: Path, wpm: int) -> Path:
    """Two 12 s slides whose cues (11.8 s each) are spoken at ``wpm``."""
    per_slide = round(wpm * 11.8 / 60)
    return make_output(folder, [Slide(12, "Linear maps\nkeep grid lines straight", words(per_slide)),
                                Slide(12, "The determinant\nscales every area", words(per_slide))])


@needs_tools
def test_proxies_on_a_video_folder_without_report(tmp_path):
    calm, rushed = spoken_at(tmp_path / "calm", 150), spoken_at(tmp_path / "rushed", 300)
    calm_scores = proxy_scores(calm, gather_evidence(calm, max_frames=2))
    rushed_scores = proxy_scores(rushed, gather_evidence(rushed, max_frames=2))
    assert calm_scores.speaking_rate_proxy.measured == pytest.approx(150, abs=3)
    assert calm_scores.speaking_rate_proxy.score == 100
    assert rushed_scores.speaking_rate_proxy.score < 50 < calm_scores.speaking_rate_proxy.score
    assert calm_scores.layout_proxy is None and any("report.json" in note for note in calm_scores.notes)
    assert calm_scores.av_sync_proxy.score > 90  # the fixture's tone runs as long as its pictures
    assert calm_scores.text_density_proxy.measured >= 4  # tesseract read the slide text
    rows = dict(calm_scores.describe())
    assert set(rows) >= {"layout (proxy)", "speaking rate (proxy)", "mean of proxies"}
    assert rows["layout (proxy)"] == "not measurable"


def critic_report(folder: Path, defects_after: list[int], *, narration: float = 60.0, video: float = 60.0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    defect = {"kind": "overlap", "time": 1.0, "objects": ["a", "b"], "cells": ["C4"], "message": "overlap"}
    sections = [{"index": i, "id": f"s{i}", "status": "rendered", "critic": {"before": [defect] * (n + 1),
                 "after": [defect] * n, "rounds": 1, "edits": [], "revised": True, "notes": []}}
                for i, n in enumerate(defects_after, 1)]
    report = {"wall_seconds": 10.0, "video_seconds": video, "narration_seconds": narration,
              "stages": {"render": 8.0}, "sections": sections}
    (folder / "report.json").write_text(json.dumps(report))
    return folder


def test_layout_and_sync_proxies_from_report(tmp_path):
    some = proxy_scores(critic_report(tmp_path / "some", [0, 1, 0]), Evidence())
    many = proxy_scores(critic_report(tmp_path / "many", [3, 2, 4]), Evidence())
    assert some.layout_proxy.measured == 1.0 and many.layout_proxy.measured == 9.0  # defects per minute
    assert many.layout_proxy.score < some.layout_proxy.score < 100
    assert some.av_sync_proxy.score == 100
    drifted = proxy_scores(critic_report(tmp_path / "drift", [0], narration=58.8), Evidence())
    assert drifted.av_sync_proxy.measured == pytest.approx(1.2) and drifted.av_sync_proxy.score < 60
    assert some.text_density_proxy is None and some.speaking_rate_proxy is None  # nothing measured there
    assert some.mean_proxy == pytest.approx((some.layout_proxy.score + 100) / 2, abs=0.1)


def test_a_report_without_critic_results_gives_no_layout_proxy(tmp_path):
    folder = critic_report(tmp_path / "plain", [0])
    report = json.loads((folder / "report.json").read_text())
    report["sections"][0]["critic"] = None
    (folder / "report.json").write_text(json.dumps(report))
    result = proxy_scores(folder, Evidence())
    assert result.layout_proxy is None and any("critic did not run" in note for note in result.notes)


def test_text_density_costs_both_ways(tmp_path):
    keyframes = frames(tmp_path, 2)

    def density(text: str) -> float:
        return text_density_proxy(Evidence((), (text, text), keyframes, 10.0), []).score

    assert density("") == 0
    assert density(words(20)) == 100
    assert density(words(70)) < density(words(45)) < 100
    assert band_score(0, 120, 170) == 0 and band_score(150, 120, 170) == 100 and band_score(340, 120, 170) == 0
